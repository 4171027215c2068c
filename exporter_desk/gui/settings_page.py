"""The Settings screen: company profile, language, printing, online checks, trust networks
(pin a descriptor, join a network by invitation, choose the one documents register with)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.gui import i18n
from exporter_desk.gui.backend import is_online
from exporter_desk.gui.choices import party_choices
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.keys import KeyAccess
from exporter_desk.gui.networks import (
    NetworkJoiner,
    ShareNetworkDialog,
    TrustRootPinner,
    choose_network_file,
    import_network_file,
)
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import RecordPicker
from exporter_desk.gui.wizard import ImagePicker
from exporter_desk.services import preferences
from exporter_desk.services.preferences import Paper, Preferences
from exporter_desk.store import Store

if TYPE_CHECKING:
    from exporter_desk.services.sharing import NetworkShare

translate = QCoreApplication.translate

PAPER_KEY = preferences.PAPER_SIZE
COPIES_KEY = preferences.PRINT_COPIES
ONLINE_KEY = preferences.ONLINE_CHECKS
COMPANY_KEY = preferences.COMPANY_PARTY
PAPER_SIZES = (("A4", Paper.A4), ("Letter", Paper.LETTER))  # (shown, stored)


@dataclass(frozen=True, slots=True)
class SettingsValues:
    company_id: int | None
    paper: Paper
    copies: int
    online: bool
    networks: tuple[str, ...]
    local_network: str  # services.network.LOCAL_NETWORK: the built-in local network
    registers_with: str  # local_network or a pinned network's origin
    registrable: tuple[str, ...]  # origins of pinned networks reachable over the Internet
    # per network: (origin, source, detail, since, refreshed), see services.trust_roots
    sources: tuple[tuple[str, str, str, str | None, str | None], ...] = ()


class SettingsPage(QWidget):
    wizard_requested = Signal()
    edit_party_requested = Signal(int)
    trust_changed = Signal()  # pinned networks or online checks changed: verifiers reload

    def __init__(
        self,
        tasks: TaskManager,
        presenter: ErrorPresenter,
        data_dir: Path,
        keys: KeyAccess,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.presenter = presenter
        self.data_dir = data_dir
        self.keys = keys
        self.joiner = NetworkJoiner(tasks, keys, presenter, data_dir, self)
        self.joiner.joined.connect(self._on_joined)
        self._loading = False
        self.title = QLabel()
        self.title.setObjectName("pageTitle")

        self.company = RecordPicker(tasks, party_choices)
        self.company.edited.connect(self._on_company)
        self.edit_company = QPushButton()
        self.edit_company.clicked.connect(self._on_edit_company)
        self.new_company = QPushButton()
        self.new_company.clicked.connect(self._on_new_company)
        self.language = QComboBox()
        for language in i18n.Language:
            self.language.addItem(language.native_name, language.value)
        self.language.currentIndexChanged.connect(self._on_language)
        self.paper = QComboBox()
        for shown, size in PAPER_SIZES:
            self.paper.addItem(shown, size.value)
        self.paper.currentIndexChanged.connect(self._on_paper)
        self.copies = QSpinBox()
        self.copies.setRange(1, 20)
        self.copies.valueChanged.connect(self._on_copies)
        self.online = QCheckBox()
        self.online.toggled.connect(self._on_online)
        self.networks = QLabel()
        self.networks.setWordWrap(True)
        self.import_network = QPushButton()
        self.import_network.clicked.connect(self._on_import_network)
        self.join_network = QPushButton()
        self.join_network.clicked.connect(self._on_join_network)
        self.refresh_networks = QPushButton()
        self.refresh_networks.setObjectName("refreshNetworks")
        self.refresh_networks.clicked.connect(self._on_refresh_networks)
        self.trust_roots = TrustRootPinner(tasks, presenter, data_dir, self)
        self.trust_roots.pinned.connect(self._on_trust_root_pinned)
        self.trust_roots.refreshed.connect(self._on_networks_refreshed)
        self.share_network = QPushButton()
        self.share_network.setObjectName("shareNetwork")
        self.share_network.clicked.connect(self._on_share_network)
        self.registers_with = QComboBox()
        self.registers_with.setMinimumWidth(320)
        self.registers_with.currentIndexChanged.connect(self._on_registers_with)
        self.registers_label = QLabel()
        self.wizard_button = QPushButton()
        self.wizard_button.clicked.connect(self.wizard_requested)

        self.company_box = QGroupBox()
        company_row = QHBoxLayout()
        company_row.addWidget(self.company, 1)
        company_row.addWidget(self.edit_company)
        company_row.addWidget(self.new_company)
        company_layout = QFormLayout(self.company_box)
        self.company_label = QLabel()
        company_layout.addRow(self.company_label, company_row)
        # The images are the data folder's, not a party's: they stay when the company changes.
        self.logo = ImagePicker(tasks, data_dir, "logo")
        self.seal = ImagePicker(tasks, data_dir, "seal")
        self.logo_label = QLabel()
        self.seal_label = QLabel()
        company_layout.addRow(self.logo_label, self.logo)
        company_layout.addRow(self.seal_label, self.seal)

        self.general_box = QGroupBox()
        general = QFormLayout(self.general_box)
        self.language_label = QLabel()
        self.paper_label = QLabel()
        self.copies_label = QLabel()
        general.addRow(self.language_label, self.language)
        general.addRow(self.paper_label, self.paper)
        general.addRow(self.copies_label, self.copies)
        general.addRow(self.online)

        self.network_box = QGroupBox()
        network = QVBoxLayout(self.network_box)
        network.addWidget(self.networks)
        registers = QFormLayout()
        registers.addRow(self.registers_label, self.registers_with)
        network.addLayout(registers)
        buttons = QHBoxLayout()
        buttons.addWidget(self.share_network)
        buttons.addWidget(self.join_network)
        buttons.addWidget(self.import_network)
        buttons.addWidget(self.refresh_networks)
        buttons.addWidget(self.wizard_button)
        buttons.addStretch(1)
        network.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.company_box)
        layout.addWidget(self.general_box)
        layout.addWidget(self.network_box)
        # Backup and restore (moving the company to another computer): a self-contained box.
        from exporter_desk.gui.backup_box import BackupBox

        self.backup_box = BackupBox(tasks, presenter, data_dir, keys)
        layout.addWidget(self.backup_box)
        layout.addStretch(1)
        self.retranslate()

    def start(self) -> None:
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        # The setup assistant may have changed the images since.
        self.logo.reload()
        self.seal.reload()
        self.reload()  # a network may have been imported from a verdict card meanwhile
        super().showEvent(event)

    def reload(self) -> None:
        data_dir = self.data_dir
        self.tasks.run_db(lambda store: _read(store, data_dir), self._on_loaded)

    @Slot(object)
    def _on_loaded(self, values: SettingsValues) -> None:
        self._loading = True
        try:
            self.company.set_value(values.company_id)
            self.paper.setCurrentIndex(max(self.paper.findData(values.paper.value), 0))
            self.copies.setValue(values.copies)
            self.online.setChecked(values.online)
            self.language.setCurrentIndex(
                max(self.language.findData(i18n.current_language().value), 0)
            )
            self._networks = values.networks
            self._sources = values.sources
            self._show_networks()
            self._registrable = values.registrable
            self._local = values.local_network
            self._registers_with = values.registers_with
            self._fill_registers_with()
        finally:
            self._loading = False

    _networks: tuple[str, ...] = ()
    _sources: tuple[tuple[str, str, str, str | None, str | None], ...] = ()
    _registrable: tuple[str, ...] = ()
    _registers_with = ""
    _local = ""

    def _fill_registers_with(self) -> None:
        loading, self._loading = self._loading, True
        try:
            self.registers_with.clear()
            self.registers_with.addItem(
                translate("SettingsPage", "Built-in local network (this computer)"), self._local
            )
            for origin in self._registrable:
                self.registers_with.addItem(origin, origin)
            if self.registers_with.findData(self._registers_with) < 0:
                self.registers_with.addItem(
                    translate("SettingsPage", "{origin} (no longer trusted)").format(
                        origin=self._registers_with
                    ),
                    self._registers_with,
                )
            self.registers_with.setCurrentIndex(self.registers_with.findData(self._registers_with))
        finally:
            self._loading = loading

    def _show_networks(self) -> None:
        if self._networks:
            lines = [translate("SettingsPage", "Trusted networks:")]
            lines += [_source_line(*source) for source in self._sources]
            self.networks.setText("\n".join(lines))
        else:
            self.networks.setText(
                translate(
                    "SettingsPage",
                    "No trust network is pinned yet: documents can be verified for integrity, "
                    "but no issuer is trusted until you import a network descriptor.",
                )
            )

    def _set(self, key: str, value: str) -> None:
        if not self._loading:
            self.tasks.run_db(lambda store: store.settings.set(key, value))

    @Slot()
    def _on_company(self) -> None:
        party_id = self.company.value()
        if party_id is not None and not self._loading:
            self._set(COMPANY_KEY, str(party_id))

    @Slot()
    def _on_edit_company(self) -> None:
        party_id = self.company.value()
        if party_id is not None:
            self.edit_party_requested.emit(party_id)

    @Slot()
    def _on_new_company(self) -> None:
        self.edit_party_requested.emit(0)

    @Slot(int)
    def _on_language(self, index: int) -> None:
        if self._loading:
            return
        language = i18n.Language(str(self.language.itemData(index)))
        window = self.window()
        set_language = getattr(window, "set_language", None)
        if callable(set_language):
            set_language(language)
        else:
            i18n.set_language(language)
            i18n.save_language(language)

    @Slot(int)
    def _on_paper(self, index: int) -> None:
        self._set(PAPER_KEY, str(self.paper.itemData(index)))

    @Slot(int)
    def _on_copies(self, value: int) -> None:
        self._set(COPIES_KEY, str(value))

    @Slot(bool)
    def _on_online(self, checked: bool) -> None:
        if not self._loading:
            self.tasks.run_db(
                lambda store: store.settings.set(ONLINE_KEY, "1" if checked else "0"),
                self._on_trust_saved,
            )

    @Slot(object)
    def _on_trust_saved(self, _result: object) -> None:
        self.trust_changed.emit()

    @Slot(int)
    def _on_registers_with(self, index: int) -> None:
        value = self.registers_with.itemData(index)
        if index >= 0 and value is not None and not self._loading:
            self._registers_with = str(value)
            self._set(preferences.NETWORK_ORIGIN, str(value))

    @Slot()
    def _on_join_network(self) -> None:
        self.joiner.start(self)

    @Slot(str)
    def _on_joined(self, _origin: str) -> None:
        self.trust_changed.emit()
        self.reload()

    @Slot()
    def _on_import_network(self) -> None:
        from exporter_desk.services.trust_roots import is_trust_root_file

        path = choose_network_file(self)
        if path is None:
            return
        if is_trust_root_file(path):
            self.trust_roots.pin(self, path)  # fetched in the background; pinned on "Yes"
        elif import_network_file(self, self.data_dir, self.presenter, path) is not None:
            self.trust_changed.emit()
            self.reload()

    @Slot()
    def _on_refresh_networks(self) -> None:
        if self.trust_roots.refresh():
            self.refresh_networks.setEnabled(False)

    @Slot(str)
    def _on_trust_root_pinned(self, _origin: str) -> None:
        self.trust_changed.emit()
        self.reload()

    @Slot(object)
    def _on_networks_refreshed(self, outcomes: object) -> None:
        self.refresh_networks.setEnabled(True)
        results = list(outcomes)  # type: ignore[call-overload]
        if not results:
            text = translate(
                "SettingsPage",
                "No network is pinned from a trust root, so there is nothing to refresh. "
                "Networks imported from a descriptor file change only when you import a new one.",
            )
        else:
            lines = []
            for outcome in results:
                if outcome.error is not None:
                    lines.append(
                        translate("SettingsPage", "{origin}: not refreshed. {reason}").format(
                            origin=outcome.origin, reason=outcome.error
                        )
                    )
                elif outcome.changed:
                    lines.append(
                        translate("SettingsPage", "{origin}: updated.").format(
                            origin=outcome.origin
                        )
                    )
                else:
                    lines.append(
                        translate("SettingsPage", "{origin}: up to date.").format(
                            origin=outcome.origin
                        )
                    )
            text = "\n".join(lines)
        self.last_refresh_message = text
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(translate("SettingsPage", "Trust networks refreshed"))
        box.setText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()
        if any(outcome.changed for outcome in results):
            self.trust_changed.emit()
        self.reload()

    last_refresh_message = ""

    share_dialog: ShareNetworkDialog | None = None

    @Slot()
    def _on_share_network(self) -> None:
        """Show the network our documents register with: its file, fingerprint and QR code."""
        from exporter_desk.services.sharing import network_share

        data_dir = self.data_dir
        self.tasks.run_db(lambda store: network_share(data_dir, store), self._on_share)

    @Slot(object)
    def _on_share(self, share: NetworkShare) -> None:
        dialog = ShareNetworkDialog(share, self.presenter, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.share_dialog = dialog
        dialog.open()

    def retranslate(self) -> None:
        self.title.setText(translate("SettingsPage", "Settings"))
        self.company_box.setTitle(translate("SettingsPage", "Company profile"))
        self.company_label.setText(translate("SettingsPage", "Our company"))
        self.company.setPlaceholderText(translate("SettingsPage", "type part of the name"))
        self.edit_company.setText(translate("SettingsPage", "Edit..."))
        self.new_company.setText(translate("SettingsPage", "New..."))
        self.logo_label.setText(translate("SettingsPage", "Logo (document header)"))
        self.seal_label.setText(translate("SettingsPage", "Seal image (visible signature)"))
        self.logo.retranslate()
        self.seal.retranslate()
        self.general_box.setTitle(translate("SettingsPage", "General"))
        self.language_label.setText(translate("SettingsPage", "Language"))
        self.paper_label.setText(translate("SettingsPage", "Paper size"))
        self.copies_label.setText(translate("SettingsPage", "Default copies"))
        self.online.setText(
            translate(
                "SettingsPage",
                "Check online whether a verified document was superseded (when reachable)",
            )
        )
        self.network_box.setTitle(translate("SettingsPage", "Signing and trust networks"))
        self.import_network.setText(translate("SettingsPage", "Import network descriptor..."))
        self.import_network.setToolTip(
            translate(
                "SettingsPage",
                "Trust documents registered with another network (verifying only; no enrolment)",
            )
        )
        self.refresh_networks.setText(translate("SettingsPage", "Refresh networks"))
        self.refresh_networks.setToolTip(
            translate(
                "SettingsPage",
                "Fetch the networks pinned from a trust root again, to learn their new keys and "
                "witnesses",
            )
        )
        self.share_network.setText(translate("SettingsPage", "Share our network..."))
        self.share_network.setToolTip(
            translate(
                "SettingsPage",
                "Save the network file that lets counterparties verify your documents, with the "
                "fingerprint to read to them over the phone",
            )
        )
        self.join_network.setText(translate("SettingsPage", "Join a network..."))
        self.join_network.setToolTip(
            translate(
                "SettingsPage",
                "Enrol your company with a network by the invitation code its operator sent you",
            )
        )
        self.registers_label.setText(translate("SettingsPage", "Register documents with"))
        if self.registers_with.count():
            self._fill_registers_with()
        self.wizard_button.setText(translate("SettingsPage", "Run the setup assistant..."))
        self._show_networks()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _utc_minute(iso: str | None) -> str:
    """``2026-12-02T16:14:05+00:00`` as ``2026-12-02 16:14 UTC``; empty for None."""
    return f"{iso[:16].replace('T', ' ')} UTC" if iso else ""


def _source_line(
    origin: str, source: str, detail: str, since: str | None, refreshed: str | None
) -> str:
    """One trusted network: where it came from, since when, and its last refresh."""
    day = (since or "")[:10] or translate("SettingsPage", "an earlier version")
    if source == "trust-root":
        text = translate(
            "SettingsPage", "{origin}: from its trust root at {url}, since {day}, refreshed {when}"
        ).format(
            origin=origin,
            url=detail,
            day=day,
            when=_utc_minute(refreshed) or translate("SettingsPage", "never"),
        )
    elif source == "invitation":
        text = translate("SettingsPage", "{origin}: joined by invitation, since {day}").format(
            origin=origin, day=day
        )
    elif source == "local":
        text = translate("SettingsPage", "{origin}: this computer's own network, since {day}")
        text = text.format(origin=origin, day=day)
    elif source == "file":
        text = translate("SettingsPage", "{origin}: from the file {name}, since {day}").format(
            origin=origin, name=detail or "network.json", day=day
        )
    else:
        text = translate("SettingsPage", "{origin}: pinned by an earlier version").format(
            origin=origin
        )
    return "\u2022 " + text


def _read(store: Store, data_dir: Path) -> SettingsValues:
    from exporter_desk.services.trust_roots import network_sources

    chosen = Preferences.load(store)
    found = network_sources(data_dir)
    pinned = [item.descriptor for item in found]
    return SettingsValues(
        company_id=chosen.company_id,
        paper=chosen.paper,
        copies=chosen.copies,
        online=chosen.online_checks,
        networks=tuple(d.origin for d in pinned),
        local_network=preferences.LOCAL_NETWORK,
        registers_with=chosen.network,
        registrable=tuple(d.origin for d in pinned if is_online(d.api_url)),
        sources=tuple(
            (i.descriptor.origin, i.source, i.detail, i.since, i.refreshed) for i in found
        ),
    )


__all__ = ["SettingsPage"]
