"""Joining a real trust network by invitation, from Settings or the setup assistant.

The user chooses the network's descriptor file (its keys' fingerprints are shown, to check with
the operator) and types the invitation code; ``services.network.join_network`` then enrols the
company over the network on the network thread, with a busy indicator, and makes that network
the one documents are registered with.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase
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
    QWidget,
)

from exporter_desk.errors import ExporterError
from exporter_desk.gui import backend
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.forms import ErrorLabel
from exporter_desk.gui.keys import KeyAccess
from exporter_desk.gui.tasks import Progress, TaskManager, Worker, start_worker

if TYPE_CHECKING:
    from exporter_desk.trustnet import NetworkDescriptor

translate = QCoreApplication.translate


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


__all__ = ["JoinNetworkDialog", "NetworkJoiner"]
