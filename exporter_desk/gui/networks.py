"""Trust networks in the GUI: joining one by invitation (Settings, the setup assistant),
importing a network file to trust its documents (Settings, a verdict card), and sharing ours.

Joining: the user chooses the network's descriptor file (its keys' fingerprints are shown, to
check with the operator) and types the invitation code; ``services.network.join_network`` then
enrols the company on the network thread, with a busy indicator, and makes that network the one
documents are registered with. Sharing: :class:`ShareNetworkDialog` shows the network our
documents are registered with (``services.sharing``): its short fingerprint to read over the
phone, a QR code of it, and a button that saves the network file for counterparties.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.errors import ExporterError
from exporter_desk.gui import backend
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.forms import ErrorLabel
from exporter_desk.gui.keys import KeyAccess
from exporter_desk.gui.tasks import Progress, TaskManager, Worker, start_worker

if TYPE_CHECKING:
    from exporter_desk.services.sharing import NetworkShare
    from exporter_desk.trustnet import NetworkDescriptor

translate = QCoreApplication.translate
log = logging.getLogger(__name__)


class JoinNetworkDialog(QDialog):
    """The network to join: its descriptor file, checked by fingerprint, and the invitation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.descriptor: NetworkDescriptor | None = None
        self.setWindowTitle(translate("JoinNetworkDialog", "Join a trust network"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_file)
        self.details = QLabel()
        self.details.setObjectName("fingerprints")
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setWordWrap(True)
        self.check_hint = QLabel()
        self.check_hint.setObjectName("hint")
        self.check_hint.setWordWrap(True)
        self.invitation = QLineEdit()
        self.invitation.textChanged.connect(self._update)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        self.file_label = QLabel()
        self.invitation_label = QLabel()
        self.invitation_label.setBuddy(self.invitation)
        layout = QFormLayout(self)
        layout.addRow(self.intro)
        layout.addRow(self.file_label, row)
        layout.addRow(self.details)
        layout.addRow(self.check_hint)
        layout.addRow(self.invitation_label, self.invitation)
        layout.addRow(self.error)
        layout.addRow(self.buttons)
        self.retranslate()
        self._update()
        self.resize(620, 320)

    def retranslate(self) -> None:
        self.intro.setText(
            translate(
                "JoinNetworkDialog",
                "The network's operator sends you two things: the network file (.json) and an "
                "invitation code. Joining enrols your company, and new documents are registered "
                "with that network.",
            )
        )
        self.file_label.setText(translate("JoinNetworkDialog", "Network file"))
        self.browse.setText(translate("JoinNetworkDialog", "Choose..."))
        self.invitation_label.setText(translate("JoinNetworkDialog", "Invitation code"))
        self.invitation.setPlaceholderText(
            translate("JoinNetworkDialog", "as the operator sent it")
        )
        self.check_hint.setText(
            translate(
                "JoinNetworkDialog",
                "Check these fingerprints with the network's operator (by phone, not by the "
                "e-mail that brought the file) before you join.",
            )
            if self.descriptor is not None
            else ""
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("JoinNetworkDialog", "Join")
        )

    @Slot()
    def choose_file(self) -> None:
        start = str(QSettings().value("folders/networks", str(Path.home())))
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("JoinNetworkDialog", "Network file"),
            start,
            translate("JoinNetworkDialog", "Network descriptors (*.json)"),
        )
        if name:
            QSettings().setValue("folders/networks", str(Path(name).parent))
            self.load(Path(name))

    def load(self, path: Path) -> bool:
        """Read the descriptor at ``path`` and show its fingerprints; False when unreadable."""
        from exporter_desk.services.trust import describe_descriptor, read_descriptor_file

        self.file.setText(str(path))
        try:
            self.descriptor = read_descriptor_file(path)
        except ExporterError as exc:
            self.descriptor = None
            self.details.setText("")
            self.error.show_messages([exc.user_message])
        else:
            self.details.setText(describe_descriptor(self.descriptor))
            self.error.show_messages([])
        self.retranslate()
        self._update()
        return self.descriptor is not None

    @Slot()
    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.descriptor is not None and bool(self.invitation.text().strip()))

    def accept(self) -> None:
        if self.descriptor is None or not self.invitation.text().strip():
            return
        super().accept()


class NetworkJoiner(QObject):
    """Runs the whole join: the dialog, the passphrase if needed, the enrolment on the network
    thread with a busy indicator, then a message naming the network (or the error's)."""

    joined = Signal(str)  # the network's origin
    failed = Signal(object)

    def __init__(
        self,
        tasks: TaskManager,
        keys: KeyAccess,
        presenter: ErrorPresenter,
        data_dir: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.keys = keys
        self.presenter = presenter
        self.data_dir = data_dir
        self.last_message = ""
        self._workers: list[Worker] = []
        self._progress: QProgressDialog | None = None
        self._parent: QWidget | None = None

    @property
    def is_running(self) -> bool:
        return bool(self._workers)

    def start(self, parent: QWidget | None) -> bool:
        """Ask what to join and start joining; False when the user cancelled a step."""
        if self._workers:
            return False
        dialog = JoinNetworkDialog(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.descriptor is None:
                return False
            descriptor, invitation = dialog.descriptor, dialog.invitation.text().strip()
        finally:
            dialog.deleteLater()
        return self.join(parent, descriptor, invitation)

    def join(self, parent: QWidget | None, descriptor: NetworkDescriptor, invitation: str) -> bool:
        """Enrol with ``descriptor``'s network on the network thread."""
        keystore = self.keys.ask(parent)
        if keystore is None:
            return False
        data_dir = self.data_dir

        def run(progress: Progress) -> object:
            return backend.join_network(data_dir, keystore, descriptor, invitation, progress)

        progress = QProgressDialog(
            translate("NetworkJoiner", "Joining {origin}...").format(origin=descriptor.origin),
            "",
            0,
            0,
            parent,
        )
        progress.setCancelButton(None)  # enrolment cannot be half undone
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(200)
        self._progress = progress
        self._parent = parent
        worker = Worker(run)
        worker.signals.succeeded.connect(self._on_joined)
        worker.signals.failed.connect(self._on_failed)
        self._workers.append(worker)
        start_worker(worker, self.tasks.network_pool)
        return True

    def _finish(self) -> None:
        self._workers.clear()
        self._parent = None  # held only while joining: the page owns this object
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None

    @Slot(object)
    def _on_joined(self, origin: object) -> None:
        parent = self._parent
        self._finish()
        self.last_message = translate(
            "NetworkJoiner",
            "Your company is now a member of {origin}. New documents are registered with it.",
        ).format(origin=origin)
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(translate("NetworkJoiner", "Network joined"))
        box.setText(self.last_message)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()
        self.tasks.notify_changed("settings")
        self.joined.emit(str(origin))

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._finish()
        self.keys.note_error(error)
        self.last_message = error.user_message if isinstance(error, ExporterError) else ""
        self.presenter.show(error)
        self.failed.emit(error)


# -- importing a network file: trusting the documents registered with it ---------------------


class TrustNetworkDialog(QMessageBox):
    """Before pinning a network: what trusting it means, and the fingerprints to check."""

    def __init__(self, descriptor: NetworkDescriptor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.descriptor = descriptor
        self.setObjectName("trustNetwork")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(translate("SettingsPage", "Trust this network?"))
        self.setText(
            translate(
                "SettingsPage",
                "Documents registered with this network will be accepted as registered. Check "
                "the fingerprints with the network's operator before you trust it:\n\n{details}",
            ).format(details=_details(descriptor))
        )
        self.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        self.setDefaultButton(QMessageBox.StandardButton.No)


def _details(descriptor: NetworkDescriptor) -> str:
    """What ``services.trust.describe_descriptor`` says, in the interface language: the origin,
    the short fingerprint read over the phone, the address and every key's fingerprint."""
    from exporter_desk.services.trust import compute_network_fingerprint

    roles = {
        "log": translate("SettingsPage", "log"),
        "witness": translate("SettingsPage", "witness"),
        "member CA": translate("SettingsPage", "member CA"),
    }
    lines = [
        translate("SettingsPage", "Network: {origin}").format(origin=descriptor.origin),
        translate("SettingsPage", "Fingerprint: {fingerprint}").format(
            fingerprint=compute_network_fingerprint(descriptor)
        ),
        translate("SettingsPage", "Address: {url}").format(url=descriptor.api_url),
    ]
    lines += [
        f"{roles.get(fp.role, fp.role)} {fp.name}: {fp.fingerprint}"
        for fp in descriptor.fingerprints()
    ]
    return "\n".join(lines)


def choose_network_file(parent: QWidget | None) -> Path | None:
    start = str(QSettings().value("folders/networks", str(Path.home())))
    name, _ = QFileDialog.getOpenFileName(
        parent,
        translate("SettingsPage", "Import a network descriptor"),
        start,
        translate("SettingsPage", "Network descriptors and trust roots (*.json)"),
    )
    if not name:
        return None
    QSettings().setValue("folders/networks", str(Path(name).parent))
    return Path(name)


def import_network_file(
    parent: QWidget | None, data_dir: Path, presenter: ErrorPresenter, path: Path | None = None
) -> NetworkDescriptor | None:
    """Ask for a network file (unless ``path``), show its fingerprints, and pin it when the
    user agrees; the descriptor pinned, or None (cancelled, unreadable: the error is shown)."""
    from exporter_desk.services.trust import pin_network, read_descriptor_file

    path = path or choose_network_file(parent)
    if path is None:
        return None
    try:
        descriptor = read_descriptor_file(path)
    except ExporterError as exc:
        presenter.show(exc)
        return None
    box = TrustNetworkDialog(descriptor, parent)
    try:
        trusted = box.exec() == QMessageBox.StandardButton.Yes
    finally:
        box.deleteLater()
    if not trusted:
        return None
    pin_network(data_dir, descriptor, detail=path.name)
    return descriptor


class TrustRootPinner(QObject):
    """Pins a network from its operator's trust-root file: fetches the descriptor through TUF on
    the network thread (busy indicator), shows its fingerprints, and pins it if the user agrees.
    Later refreshes (:meth:`refresh`) follow the operator's rotations in the background."""

    pinned = Signal(str)  # the network's origin
    refreshed = Signal(object)  # list[services.trust_roots.RefreshOutcome]

    def __init__(
        self,
        tasks: TaskManager,
        presenter: ErrorPresenter,
        data_dir: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.presenter = presenter
        self.data_dir = data_dir
        self._workers: list[Worker] = []
        self._progress: QProgressDialog | None = None
        self._parent: QWidget | None = None
        self._root: object = None

    @property
    def is_running(self) -> bool:
        return bool(self._workers)

    def pin(self, parent: QWidget | None, path: Path) -> bool:
        """Read the trust-root file and fetch what it leads to; False if it cannot start."""
        from exporter_desk.services.trust_roots import preview_trust_root, read_trust_root_file

        if self._workers:
            return False
        try:
            root = read_trust_root_file(path)
        except ExporterError as exc:
            self.presenter.show(exc)
            return False
        self._root = root
        self._parent = parent
        progress = QProgressDialog(
            translate("SettingsPage", "Fetching the network's trust root from {url}...").format(
                url=root.url
            ),
            "",
            0,
            0,
            parent,
        )
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(200)
        self._progress = progress
        worker = Worker(lambda _progress: preview_trust_root(root))
        worker.signals.succeeded.connect(self._on_fetched)
        worker.signals.failed.connect(self._on_failed)
        self._workers.append(worker)
        start_worker(worker, self.tasks.network_pool)
        return True

    def refresh(self) -> bool:
        """Refresh every network pinned from a trust root, in the background."""
        from exporter_desk.services.trust_roots import refresh_networks

        if self._workers:
            return False
        data_dir = self.data_dir
        worker = Worker(lambda _progress: refresh_networks(data_dir))
        worker.signals.succeeded.connect(self._on_refreshed)
        worker.signals.failed.connect(self._on_failed)
        self._workers.append(worker)
        start_worker(worker, self.tasks.network_pool)
        return True

    def _finish(self) -> QWidget | None:
        self._workers.clear()
        parent, self._parent = self._parent, None
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        return parent

    @Slot(object)
    def _on_fetched(self, fetched: object) -> None:
        import shutil

        from exporter_desk.services.trust_roots import TrustRoot, pin_from_trust_root

        parent = self._finish()
        assert isinstance(fetched, tuple)
        descriptor: NetworkDescriptor = fetched[0]
        metadata: Path = fetched[1]
        root = self._root
        assert isinstance(root, TrustRoot)
        box = TrustNetworkDialog(descriptor, parent)
        try:
            trusted = box.exec() == QMessageBox.StandardButton.Yes
        finally:
            box.deleteLater()
        if not trusted:
            shutil.rmtree(metadata, ignore_errors=True)
            return
        try:
            pin_from_trust_root(self.data_dir, root, descriptor, metadata)
        except (ExporterError, OSError) as exc:
            self.presenter.show(exc)
            return
        self.pinned.emit(descriptor.origin)

    @Slot(object)
    def _on_refreshed(self, outcomes: object) -> None:
        self._finish()
        self.refreshed.emit(outcomes)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._finish()
        self.presenter.show(error)


def refresh_trust_roots_when_online(
    tasks: TaskManager, data_dir: Path, on_changed: Callable[[], None]
) -> Worker:
    """Refresh the networks pinned from a trust root in the background, if online checks are on
    (Settings); ``on_changed`` runs on the GUI thread when a network's descriptor changed. A
    refresh that fails changes nothing and is tried again at the next start."""

    def run(_progress: Progress) -> object:
        if not backend.online_checks_enabled(data_dir):
            return []
        from exporter_desk.services.trust_roots import refresh_networks

        return refresh_networks(data_dir)

    def done(outcomes: object) -> None:
        if any(getattr(outcome, "changed", False) for outcome in outcomes):  # type: ignore[attr-defined]
            on_changed()

    worker = Worker(run)
    worker.signals.succeeded.connect(done)
    worker.signals.failed.connect(lambda error: log.info("trust roots not refreshed: %s", error))
    start_worker(worker, tasks.network_pool)
    return worker


# -- sharing ours --------------------------------------------------------------------------


def qr_pixmap(modules: list[list[bool]], size: int) -> QPixmap:
    """A QR code drawn from its modules, ``size`` pixels square with a quiet zone."""
    count = len(modules) + 4
    scale = max(1, size // count)
    image = QImage(count * scale, count * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        for row, cells in enumerate(modules):
            for col, dark in enumerate(cells):
                if dark:
                    painter.fillRect(
                        (col + 2) * scale, (row + 2) * scale, scale, scale, QColor("black")
                    )
    finally:
        painter.end()
    return QPixmap.fromImage(image)


class ShareNetworkDialog(QDialog):
    """The network our documents are registered with, for counterparties: its file, and the
    short fingerprint (and QR code) they check it by."""

    def __init__(
        self, share: NetworkShare, presenter: ErrorPresenter, parent: QWidget | None = None
    ) -> None:
        from exporter_desk.services.sharing import compute_qr_modules

        super().__init__(parent)
        self.share = share
        self.presenter = presenter
        self.saved_to: Path | None = None
        self.setObjectName("shareNetwork")
        self.setWindowTitle(translate("ShareNetworkDialog", "Share our network"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        if share.is_local:
            self.intro.setText(
                translate(
                    "ShareNetworkDialog",
                    "Your documents are registered with the built-in local network on this "
                    "computer. A counterparty, bank or customs broker who imports this file can "
                    "check your documents offline. It proves only what your company itself "
                    "recorded; joining a shared network lets others verify independently.",
                )
            )
        else:
            self.intro.setText(
                translate(
                    "ShareNetworkDialog",
                    "Your documents are registered with {origin}. A counterparty who imports "
                    "this file can check your documents offline.",
                ).format(origin=share.descriptor.origin)
            )
        self.origin = QLabel(share.descriptor.origin)
        self.origin.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint = QLabel(share.fingerprint)
        self.fingerprint.setObjectName("networkFingerprint")
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSize(max(fixed.pointSize(), 10) + 6)
        fixed.setWeight(QFont.Weight.Bold)
        self.fingerprint.setFont(fixed)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.phone_hint = QLabel(
            translate(
                "ShareNetworkDialog",
                "Send the file by e-mail or chat, then read this fingerprint to the receiver "
                "over the phone (or let them scan the code): Exporter Desk shows it when they "
                "import the file, and it must match.",
            )
        )
        self.phone_hint.setWordWrap(True)
        self.phone_hint.setObjectName("hint")
        self.qr = QLabel()
        self.qr.setPixmap(qr_pixmap(compute_qr_modules(share.qr_text), 180))
        self.qr.setToolTip(share.qr_text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton(
            translate("ShareNetworkDialog", "Save network file..."),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.save_button.clicked.connect(self.choose_and_save)
        self.buttons.rejected.connect(self.reject)
        facts = QFormLayout()
        facts.addRow(translate("ShareNetworkDialog", "Network"), self.origin)
        facts.addRow(translate("ShareNetworkDialog", "Fingerprint"), self.fingerprint)
        text = QVBoxLayout()
        text.addWidget(self.intro)
        text.addLayout(facts)
        text.addWidget(self.phone_hint)
        text.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(text, 1)
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 300)

    @Slot()
    def choose_and_save(self) -> None:
        start = str(QSettings().value("folders/networks", str(Path.home())))
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("ShareNetworkDialog", "Save network file"),
            str(Path(start) / self.share.file_name),
            translate("SettingsPage", "Network descriptors (*.json)"),
        )
        if name:
            QSettings().setValue("folders/networks", str(Path(name).parent))
            self.save(Path(name))

    def save(self, path: Path) -> bool:
        """Write the network file to ``path``; errors are shown."""
        from exporter_desk.services.sharing import export_network

        try:
            self.saved_to = export_network(self.share, path)
        except ExporterError as exc:
            self.presenter.show(exc)
            return False
        self.phone_hint.setText(
            translate("ShareNetworkDialog", "Saved to {path}.").format(path=path)
            + "\n"
            + self.phone_hint.text()
        )
        return True


__all__ = [
    "JoinNetworkDialog",
    "NetworkJoiner",
    "ShareNetworkDialog",
    "TrustNetworkDialog",
    "import_network_file",
    "qr_pixmap",
]
