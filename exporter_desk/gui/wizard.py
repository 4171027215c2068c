"""The first-run set-up assistant: company profile, signing key, trust network.

Every step can be skipped, and the assistant can be reopened from Settings. What a page does
when the user presses Next or Finish is a use case of ``services.setup``, run off the GUI thread
(``_WorkingPage``): saving the company and creating or importing the key on the database thread,
enrolling with the local network on the network thread (joining a real one: ``NetworkJoiner``).
The page says it is working, and moves the assistant on when the work has succeeded.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from exporter_desk.domain import BankAccount, Party, PartyId, PartyRole, Problem
from exporter_desk.domain.codes import all_countries
from exporter_desk.errors import ExporterError
from exporter_desk.gui import backend
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.forms import ErrorLabel, Form
from exporter_desk.gui.keys import KeyAccess
from exporter_desk.gui.networks import NetworkJoiner
from exporter_desk.gui.tasks import Progress, TaskManager, Worker, start_worker
from exporter_desk.gui.widgets import CodeEdit, MultiLineEdit, TextEdit
from exporter_desk.services.setup import (
    create_signing_key,
    dismiss_setup,
    import_signing_key,
    save_company,
)
from exporter_desk.store import Store

translate = QCoreApplication.translate

BrandingImage = Literal["logo", "seal"]


class ImagePicker(QWidget):
    """The company logo or seal image (``services.branding``): a small preview, "Choose" and
    "Remove". A chosen file is checked and stored on a worker (decoding a large image takes a
    moment); what is wrong shows underneath. ``finished`` says that it is done either way."""

    PREVIEW = (120, 60)

    finished = Signal()

    def __init__(
        self,
        tasks: TaskManager,
        data_dir: Path,
        which: BrandingImage,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.data_dir = data_dir
        self.which: BrandingImage = which
        self._worker: Worker | None = None
        self._pending: bytes | None = None
        self.preview = QLabel()
        self.preview.setFixedSize(*self.PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #c8c8c8; background: white;")
        self.choose = QPushButton()
        self.choose.clicked.connect(self._on_choose)
        self.remove = QPushButton()
        self.remove.clicked.connect(self._on_remove)
        self.error = ErrorLabel()
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        row.addLayout(buttons)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        if self.which == "logo":
            self.choose.setText(translate("SetupWizard", "Logo..."))
        else:
            self.choose.setText(translate("SetupWizard", "Company seal..."))
        self.remove.setText(translate("SetupWizard", "Remove"))
        if not self.has_image():
            self.preview.setText(translate("SetupWizard", "none"))

    def has_image(self) -> bool:
        return self.preview.pixmap() is not None and not self.preview.pixmap().isNull()

    def reload(self) -> None:
        from exporter_desk.services.branding import load_image

        self._show(load_image(self.data_dir, self.which))

    def _show(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data is None or not pixmap.loadFromData(data):
            self.preview.setPixmap(QPixmap())
            self.preview.setText(translate("SetupWizard", "none"))
        else:
            width, height = self.PREVIEW
            self.preview.setPixmap(
                pixmap.scaled(
                    width - 4,
                    height - 4,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.remove.setEnabled(data is not None)

    @property
    def is_busy(self) -> bool:
        return self._worker is not None

    def use_file(self, path: Path) -> bool:
        """Start checking and storing the image in ``path`` on a worker; False (and why shown)
        when the file cannot even be read. ``finished`` follows once it is stored or refused."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.error.show_messages(
                [
                    translate("SetupWizard", "The file cannot be read: {reason}").format(
                        reason=exc.strerror or exc
                    )
                ]
            )
            return False
        data_dir, which = self.data_dir, self.which

        def run(_progress: Progress) -> None:
            from exporter_desk.services.branding import save_image

            save_image(data_dir, which, data)

        self._pending = data
        self.choose.setEnabled(False)
        worker = Worker(run)
        worker.signals.succeeded.connect(self._on_saved)
        worker.signals.failed.connect(self._on_refused)
        self._worker = worker
        start_worker(worker)
        return True

    @Slot(object)
    def _on_saved(self, _result: object) -> None:
        data, self._pending, self._worker = self._pending, None, None
        self.choose.setEnabled(True)
        self.error.show_messages([])
        self._show(data)
        self.finished.emit()

    @Slot(object)
    def _on_refused(self, error: BaseException) -> None:
        self._pending, self._worker = None, None
        self.choose.setEnabled(True)
        if isinstance(error, ExporterError):
            self.error.show_messages([error.user_message])
        else:
            self.tasks.report_error(error)
        self.finished.emit()

    @Slot()
    def _on_choose(self) -> None:
        if self.which == "logo":
            title = translate("SetupWizard", "Company logo")
            kinds = translate("SetupWizard", "Images (*.png *.jpg *.jpeg)")
        else:
            title = translate("SetupWizard", "Company seal")
            kinds = translate("SetupWizard", "PNG images (*.png)")
        name, _ = QFileDialog.getOpenFileName(self, title, str(Path.home()), kinds)
        if name:
            self.use_file(Path(name))

    @Slot()
    def _on_remove(self) -> None:
        from exporter_desk.services.branding import remove_image

        remove_image(self.data_dir, self.which)
        self.error.show_messages([])
        self._show(None)


class _WorkingPage(QWizardPage):
    """A page whose Next / Finish runs a use case off the GUI thread.

    ``validatePage`` calls ``start_work``, which either passes at once (nothing to do), or
    starts the work with ``run_on_db`` / ``run_on_network`` and answers "not yet". While it
    runs the page shows what it is doing and the wizard's buttons are disabled
    (``isComplete``); when it succeeds the page moves the wizard on by itself (Next, or Finish
    on the last page), and when it fails ``work_failed`` says why and the page stays.
    """

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._busy = False
        self._passed = False
        self._worker: Worker | None = None
        self.working = QLabel()
        self.working.setObjectName("pageWorking")
        self.working.setStyleSheet("color: #1565c0; font-style: italic;")
        self.working.hide()

    @property
    def is_busy(self) -> bool:
        return self._busy

    def isComplete(self) -> bool:
        return not self._busy and super().isComplete()

    def validatePage(self) -> bool:
        if self._passed:  # the work is done: this is the wizard moving on
            self._passed = False
            return True
        if self._busy:
            return False
        return self.start_work()

    def start_work(self) -> bool:
        """What Next / Finish does: True to move on at once, False to stay (work started, or a
        problem shown)."""
        return True

    def run_on_db(self, fn: Callable[[Store], object], doing: str) -> None:
        """Run ``fn(store)`` on the database thread; ``fn`` must hold no Qt object."""
        self._begin(doing)
        self.tasks.run_db(fn, self._on_work_done, self._on_work_failed)

    def run_on_network(self, fn: Callable[[Progress], object], doing: str) -> None:
        """Run ``fn(progress)`` on the network thread (one network job at a time)."""
        self._begin(doing)
        worker = Worker(fn)
        worker.signals.succeeded.connect(self._on_work_done)
        worker.signals.failed.connect(self._on_work_failed)
        self._worker = worker
        start_worker(worker, self.tasks.network_pool)

    def work_done(self, result: object) -> None:
        """The work succeeded (on the GUI thread, before the wizard moves on)."""

    def work_failed(self, error: BaseException) -> None:
        """The work failed (on the GUI thread); the page stays."""

    def _begin(self, doing: str) -> None:
        self._busy = True
        self.working.setText(doing)
        self.working.show()
        self.completeChanged.emit()

    def _end(self) -> None:
        self._busy = False
        self._worker = None
        self.working.hide()
        self.completeChanged.emit()

    @Slot(object)
    def _on_work_done(self, result: object) -> None:
        self._end()
        self.work_done(result)
        wizard = self.wizard()
        if wizard is None or not wizard.isVisible() or wizard.currentPage() is not self:
            return  # skipped meanwhile: the result is kept, the assistant is not moved
        self._passed = True
        if wizard.nextId() == -1:
            wizard.accept()
        else:
            wizard.next()
        self._passed = False

    @Slot(object)
    def _on_work_failed(self, error: BaseException) -> None:
        self._end()
        self.work_failed(error)


class CompanyPage(_WorkingPage):
    """Our company: the party printed as exporter on every document, its bank account, logo
    and seal image."""

    def __init__(self, tasks: TaskManager, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(tasks, parent)
        self.saved_id: int | None = None
        self.setTitle(translate("SetupWizard", "Your company"))
        self.setSubTitle(
            translate(
                "SetupWizard",
                "Its names, addresses and registration id go on every document, the bank "
                "account on invoices. Leave it empty to do this later.",
            )
        )
        self.name_en = TextEdit()
        self.name_zh = TextEdit()
        self.address_en = MultiLineEdit(2)
        self.address_zh = MultiLineEdit(2)
        self.country = CodeEdit(all_countries())
        self.country.setText("CN")
        self.registration_id = TextEdit()
        self.bank_name = TextEdit()
        self.bank_address = TextEdit()
        self.account_name = TextEdit()
        self.account_number = TextEdit()
        self.swift = TextEdit()
        self.logo = ImagePicker(tasks, data_dir, "logo")
        self.seal = ImagePicker(tasks, data_dir, "seal")
        self.form = Form()
        self.form.add_row("name_en", lambda: translate("SetupWizard", "English name"), self.name_en)
        self.form.add_row("name_zh", lambda: translate("SetupWizard", "Chinese name"), self.name_zh)
        self.form.add_row(
            "address_en", lambda: translate("SetupWizard", "English address"), self.address_en
        )
        self.form.add_row(
            "address_zh", lambda: translate("SetupWizard", "Chinese address"), self.address_zh
        )
        self.form.add_row("country", lambda: translate("SetupWizard", "Country"), self.country)
        self.form.add_row(
            "registration_id",
            lambda: translate("SetupWizard", "Unified social credit code / tax id"),
            self.registration_id,
        )
        self.bank_form = Form()
        self.bank_form.add_row(
            "bank.bank_name", lambda: translate("SetupWizard", "Bank"), self.bank_name
        )
        self.bank_form.add_row(
            "bank.bank_address", lambda: translate("SetupWizard", "Bank address"), self.bank_address
        )
        self.bank_form.add_row(
            "bank.account_name", lambda: translate("SetupWizard", "Account name"), self.account_name
        )
        self.bank_form.add_row(
            "bank.account_number",
            lambda: translate("SetupWizard", "Account number / IBAN"),
            self.account_number,
        )
        self.bank_form.add_row(
            "bank.swift", lambda: translate("SetupWizard", "SWIFT / BIC"), self.swift
        )
        self.bank_form.add_row("logo", lambda: translate("SetupWizard", "Logo"), self.logo)
        self.bank_form.add_row("seal", lambda: translate("SetupWizard", "Seal image"), self.seal)
        self.bank_box = QGroupBox(translate("SetupWizard", "Bank account and images (optional)"))
        QVBoxLayout(self.bank_box).addWidget(self.bank_form)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.form)
        left.addWidget(self.working)
        left.addStretch(1)
        right.addWidget(self.bank_box)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        for widget in (
            self.name_en,
            self.name_zh,
            self.address_en,
            self.address_zh,
            self.country,
            self.registration_id,
            self.bank_name,
            self.bank_address,
            self.account_name,
            self.account_number,
            self.swift,
        ):
            widget.edited.connect(self._validate)

    def bank(self) -> BankAccount | None:
        """The bank account, or None while all its fields are empty (it is optional)."""
        fields = (self.bank_name, self.bank_address, self.account_name, self.account_number)
        if not any(field.value().strip() for field in (*fields, self.swift)):
            return None
        return BankAccount(
            bank_name=self.bank_name.value().strip(),
            account_number=self.account_number.value().strip(),
            swift=self.swift.value().strip().upper(),
            bank_address=self.bank_address.value().strip(),
            account_name=self.account_name.value().strip(),
        )

    def party(self) -> Party:
        return Party(
            name_en=self.name_en.value().strip(),
            address_en=self.address_en.value().strip(),
            country=self.country.value(),
            roles=frozenset({PartyRole.EXPORTER}),
            name_zh=self.name_zh.value().strip(),
            address_zh=self.address_zh.value().strip(),
            registration_id=self.registration_id.value().strip(),
            bank=self.bank(),
            id=PartyId(self.saved_id) if self.saved_id is not None else None,
        )

    def _show_problems(self, problems: list[Problem]) -> bool:
        """Show every problem under its field, on either side; whether there were any."""
        self.bank_form.show_problems(self.form.show_problems(problems))
        return bool(problems)

    def is_blank(self) -> bool:
        return not (self.name_en.value().strip() or self.address_en.value().strip())

    @Slot()
    def _validate(self) -> None:
        self._show_problems([] if self.is_blank() else self.party().problems())

    def start_work(self) -> bool:
        if self.is_blank():
            return True
        party = self.party()
        if self._show_problems(party.problems()):
            return False
        self.run_on_db(
            lambda store: save_company(store, party),
            translate("SetupWizard", "Saving the company..."),
        )
        return False

    def work_done(self, result: object) -> None:
        if isinstance(result, Party) and result.id is not None:
            self.saved_id = int(result.id)

    def work_failed(self, error: BaseException) -> None:
        self._show_problems([])
        wizard = self.wizard()
        if isinstance(wizard, SetupWizard):
            wizard.presenter.show(error)
        else:
            self.tasks.report_error(error)


class KeyPage(_WorkingPage):
    """The company's signing key: create one, import a .p12/.pfx, or later."""

    def __init__(
        self, tasks: TaskManager, data_dir: Path, keys: KeyAccess, parent: QWidget | None = None
    ) -> None:
        super().__init__(tasks, parent)
        self.data_dir = data_dir
        self.keys = keys
        self.setTitle(translate("SetupWizard", "Signing key"))
        self.setSubTitle(
            translate(
                "SetupWizard",
                "Documents are signed with your company's key, kept in the system keyring (or, "
                "where there is none, in a file encrypted with a passphrase you choose).",
            )
        )
        self.create_key = QRadioButton(translate("SetupWizard", "Create a new key for the company"))
        self.import_ = QRadioButton(
            translate("SetupWizard", "Import a certificate and key (.p12 / .pfx)")
        )
        self.later = QRadioButton(translate("SetupWizard", "Later"))
        self.create_key.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.create_key, self.import_, self.later):
            group.addButton(button)
        self.file = QLineEdit()
        self.browse = QPushButton(translate("SetupWizard", "Choose..."))
        self.browse.clicked.connect(self._choose)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(translate("SetupWizard", "password of the file"))
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        for button in (self.create_key, self.import_):
            layout.addWidget(button)
        layout.addLayout(row)
        layout.addWidget(self.password)
        layout.addWidget(self.later)
        layout.addWidget(self.working)
        layout.addWidget(self.error)
        layout.addStretch(1)

    @Slot()
    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("SetupWizard", "Certificate file"),
            str(Path.home()),
            translate("SetupWizard", "PKCS#12 files (*.p12 *.pfx)"),
        )
        if name:
            self.file.setText(name)
            self.import_.setChecked(True)

    def start_work(self) -> bool:
        if self.later.isChecked():
            return True
        keystore = self.keys.ask(self)
        if keystore is None:
            return False  # no passphrase given: stay here, say nothing
        self.error.show_messages([])
        if self.create_key.isChecked():
            self.run_on_db(
                lambda store: create_signing_key(store, keystore()),
                translate("SetupWizard", "Creating the company's key..."),
            )
            return False
        path = Path(self.file.text().strip())
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.error.show_messages(
                [
                    translate("SetupWizard", "The file cannot be read: {reason}").format(
                        reason=exc.strerror or exc
                    )
                ]
            )
            return False
        password = self.password.text()
        self.run_on_db(
            lambda store: import_signing_key(store, keystore(), data, password),
            translate("SetupWizard", "Importing the certificate and key..."),
        )
        return False

    def work_failed(self, error: BaseException) -> None:
        if isinstance(error, ExporterError):
            self.keys.note_error(error)
            self.error.show_messages([error.user_message])
        else:
            self.tasks.report_error(error)


class NetworkPage(_WorkingPage):
    """Where documents are registered: the built-in local network, or a real network joined by
    invitation; or only trust an imported network for verifying."""

    def __init__(
        self,
        tasks: TaskManager,
        data_dir: Path,
        keys: KeyAccess,
        joiner: NetworkJoiner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self.data_dir = data_dir
        self.keys = keys
        self.joiner = joiner
        self.joined: str | None = None
        joiner.joined.connect(self._on_joined)
        self.setTitle(translate("SetupWizard", "Trust network"))
        self.setSubTitle(
            translate(
                "SetupWizard",
                "Issued documents are registered with a trust network so that anyone can "
                "check them offline.",
            )
        )
        self.local = QRadioButton(
            translate("SetupWizard", "Built-in local network (start at once, switch later)")
        )
        self.join = QRadioButton(
            translate("SetupWizard", "Join a network with the invitation code its operator sent")
        )
        self.join_button = QPushButton(translate("SetupWizard", "Join a network..."))
        self.join_button.clicked.connect(self._start_join)
        self.import_ = QRadioButton(
            translate("SetupWizard", "Only trust a network's documents (import its descriptor)")
        )
        self.later = QRadioButton(translate("SetupWizard", "Later"))
        self.local_note = QLabel(
            translate(
                "SetupWizard",
                "The local network runs on this computer only: it proves what your company "
                "itself recorded, and when. Counterparties can check your documents once you "
                "give them its network file (Settings > Share our network), but nobody else "
                "witnesses it. Joining a shared network, run by an operator with independent "
                "witnesses, is what lets banks and customers verify your documents "
                "independently.",
            )
        )
        self.local_note.setObjectName("localNetworkNote")
        self.local_note.setWordWrap(True)
        self.local_note.setStyleSheet(
            "background: #e3f2fd; padding: 6px; border-radius: 4px; margin-left: 22px;"
        )
        self.local.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.local, self.join, self.import_, self.later):
            group.addButton(button)
        self.file = QLineEdit()
        self.browse = QPushButton(translate("SetupWizard", "Choose..."))
        self.browse.clicked.connect(self._choose)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        join_row = QHBoxLayout()
        join_row.addWidget(self.join)
        join_row.addWidget(self.join_button)
        join_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.local)
        layout.addWidget(self.local_note)
        layout.addLayout(join_row)
        layout.addWidget(self.import_)
        layout.addLayout(row)
        layout.addWidget(self.details)
        layout.addWidget(self.later)
        layout.addWidget(self.working)
        layout.addWidget(self.error)
        layout.addStretch(1)

    @Slot()
    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("SetupWizard", "Network descriptor"),
            str(Path.home()),
            translate("SetupWizard", "Network descriptors (*.json)"),
        )
        if name:
            self.file.setText(name)
            self.import_.setChecked(True)

    @Slot()
    def _start_join(self) -> None:
        self.join.setChecked(True)
        self.error.show_messages([])
        self.joiner.start(self)

    @Slot(str)
    def _on_joined(self, origin: str) -> None:
        self.joined = origin
        self.join.setChecked(True)
        self.details.setText(
            translate("SetupWizard", "Enrolled with {origin}.").format(origin=origin)
        )

    def start_work(self) -> bool:
        if self.join.isChecked() and self.joined is None:
            if not self.joiner.is_running:
                self._start_join()
            return False  # Finish again once the network has answered
        self.error.show_messages([])
        if self.local.isChecked():
            keystore = self.keys.ask(self)
            if keystore is None:
                return False
            data_dir = self.data_dir

            def run(progress: Progress) -> str:
                return backend.use_local_network(data_dir, keystore, progress)

            self.run_on_network(run, translate("SetupWizard", "Setting up the local network..."))
            return False
        if self.import_.isChecked():
            from exporter_desk.services.trust import (
                describe_descriptor,
                pin_network,
                read_descriptor_file,
            )

            try:
                path = Path(self.file.text().strip())
                descriptor = read_descriptor_file(path)
                pin_network(self.data_dir, descriptor, detail=path.name)
            except ExporterError as exc:
                self.error.show_messages([exc.user_message])
                return False
            self.details.setText(describe_descriptor(descriptor))
        return True

    def work_done(self, result: object) -> None:
        self.details.setText(
            translate("SetupWizard", "Enrolled with {origin}.").format(origin=result)
        )

    def work_failed(self, error: BaseException) -> None:
        if isinstance(error, ExporterError):
            self.keys.note_error(error)
            self.error.show_messages([error.user_message])
        else:
            self.tasks.report_error(error)


class SetupWizard(QWizard):
    """See the module docstring."""

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
        self.setWindowTitle(translate("SetupWizard", "Set up Exporter Desk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.joiner = NetworkJoiner(tasks, keys, presenter, data_dir, self)
        self.company_page = CompanyPage(tasks, data_dir)
        self.key_page = KeyPage(tasks, data_dir, keys)
        self.network_page = NetworkPage(tasks, data_dir, keys, self.joiner)
        self.addPage(self.company_page)
        self.addPage(self.key_page)
        self.addPage(self.network_page)
        self.setButtonText(
            QWizard.WizardButton.CancelButton, translate("SetupWizard", "Skip setup")
        )
        self.resize(940, 620)
        from exporter_desk.gui.import_dialog import add_import_products_button

        self.import_products = add_import_products_button(self, tasks)  # "from Excel..."

    def done(self, result: int) -> None:
        super().done(result)  # Finish validates the last page first: it may start work and stay
        if not self.isVisible():
            # Finished or skipped, the assistant does not open by itself again.
            self.tasks.run_db(dismiss_setup)


__all__ = ["ImagePicker", "SetupWizard"]
