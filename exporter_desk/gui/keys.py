"""The company's keystore for the GUI: the OS keyring, or the encrypted key file opened with a
passphrase the user types once per session.

``services.keystores.open_keystore`` decides where the keys live; this module only asks for the
passphrase when that needs one, on the GUI thread, and hands workers a ``KeystoreFactory`` (a
callable that opens the keystore once and returns it). Workers never open dialogs. The passphrase
stays in this process's memory: never on disk, in QSettings or in a log line.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.errors import ExporterError
from exporter_desk.gui.forms import ErrorLabel
from exporter_desk.gui.tasks import Progress, Worker, start_worker

if TYPE_CHECKING:
    from exporter_desk.signing import Keystore

translate = QCoreApplication.translate
log = logging.getLogger(__name__)

KeystoreFactory = Callable[[], "Keystore"]
PASSPHRASE_ENV = "EXPORTER_DESK_PASSPHRASE"  # what scripts (and the CLI) set instead of typing


def key_file(data_dir: Path) -> Path:
    from exporter_desk.services.keystores import KEY_FILE

    return data_dir / KEY_FILE


class SharedKeystore:
    """Opens the keystore on first call (on whichever thread calls) and hands every later caller
    the same instance.

    One instance per session matters for the encrypted file: two instances would each rewrite
    the file from their own copy of the secrets, and the later write would drop the other's.
    """

    def __init__(self, data_dir: Path, passphrase: str | None) -> None:
        self._data_dir = data_dir
        self._passphrase = passphrase
        self._lock = threading.Lock()
        self._keystore: Keystore | None = None

    def __repr__(self) -> str:  # never the passphrase
        return f"SharedKeystore({str(self._data_dir)!r})"

    def _secret(self) -> str | None:
        return self._passphrase

    def __call__(self) -> Keystore:
        """Raises: PassphraseNeededError, WrongPassphraseError, WeakPassphraseError."""
        from exporter_desk.services.keystores import open_keystore

        with self._lock:
            if self._keystore is None:
                self._keystore = open_keystore(self._data_dir, self._secret)
            return self._keystore


def is_passphrase_error(error: BaseException) -> bool:
    """Whether ``error`` means the passphrase in hand does not open the key file."""
    from exporter_desk.signing import WrongPassphraseError

    return isinstance(error, WrongPassphraseError)


class PassphraseDialog(QDialog):
    """Asks for the key file's passphrase (twice for a new file) and checks it on a worker
    before closing: a wrong one is said so, and asked again."""

    def __init__(self, data_dir: Path, *, is_new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.is_new = is_new
        self.factory: SharedKeystore | None = None
        self._workers: list[Worker] = []
        self.setWindowTitle(translate("PassphraseDialog", "Passphrase of the key file"))
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setObjectName("repeat")
        self.repeat.setVisible(is_new)
        self.error = ErrorLabel()
        self.checking = QLabel()
        self.checking.setObjectName("hint")
        self.checking.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.why)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.repeat)
        layout.addWidget(self.error)
        layout.addWidget(self.checking)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.setMinimumWidth(460)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def retranslate(self) -> None:
        from exporter_desk.signing import MIN_PASSPHRASE  # not at start: signing loads x509

        path = key_file(self.data_dir)
        if self.is_new:
            self.why.setText(
                translate(
                    "PassphraseDialog",
                    "This computer has no system keyring, so the company's signing key will be "
                    "kept in the file {path}, encrypted with the passphrase you choose here (at "
                    "least {minimum} characters; nobody can recover it if it is lost).",
                ).format(path=path, minimum=MIN_PASSPHRASE)
            )
            self.ok_button.setText(translate("PassphraseDialog", "Create"))
        else:
            self.why.setText(
                translate(
                    "PassphraseDialog",
                    "The company's signing key is kept in the encrypted file {path}: enter its "
                    "passphrase to unlock it until you quit Exporter Desk.",
                ).format(path=path)
            )
            self.ok_button.setText(translate("PassphraseDialog", "Unlock"))
        self.passphrase.setPlaceholderText(translate("PassphraseDialog", "passphrase"))
        self.repeat.setPlaceholderText(translate("PassphraseDialog", "the same passphrase again"))
        self.checking.setText(translate("PassphraseDialog", "Checking the passphrase..."))

    def _problem(self) -> str | None:
        from exporter_desk.signing import MIN_PASSPHRASE

        text = self.passphrase.text()
        if not text:
            return translate("PassphraseDialog", "Enter the passphrase.")
        if self.is_new and len(text) < MIN_PASSPHRASE:
            return translate(
                "PassphraseDialog", "Choose a passphrase of at least {minimum} characters."
            ).format(minimum=MIN_PASSPHRASE)
        if self.is_new and text != self.repeat.text():
            return translate(
                "PassphraseDialog", "The two passphrases differ: type the same one twice."
            )
        return None

    def accept(self) -> None:
        """Check the passphrase (scrypt takes a moment, so on a worker); close when it fits."""
        if self._workers:
            return
        problem = self._problem()
        if problem is not None:
            self.error.show_messages([problem])
            self.passphrase.setFocus()
            return
        factory = SharedKeystore(self.data_dir, self.passphrase.text())

        def check(_progress: Progress) -> object:
            factory()
            return factory

        worker = Worker(check)
        worker.signals.succeeded.connect(self._on_opened)
        worker.signals.failed.connect(self._on_refused)
        self._workers.append(worker)
        self._busy(True)
        start_worker(worker)

    def _busy(self, busy: bool) -> None:
        self.checking.setVisible(busy)
        self.ok_button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        self.repeat.setEnabled(not busy)
        if busy:
            self.error.show_messages([])

    @Slot(object)
    def _on_opened(self, factory: object) -> None:
        self._workers.clear()
        self._busy(False)
        assert isinstance(factory, SharedKeystore)
        self.factory = factory
        super().accept()

    @Slot(object)
    def _on_refused(self, error: BaseException) -> None:
        self._workers.clear()
        self._busy(False)
        if isinstance(error, ExporterError):
            message = error.user_message
        else:
            log.error("opening the key file failed", exc_info=error)
            message = translate("PassphraseDialog", "The key file could not be opened.")
        self.error.show_messages([message])
        self.passphrase.clear()
        self.repeat.clear()
        self.passphrase.setFocus()


class KeyAccess(QObject):
    """The session's way to the keystore; lives on the GUI thread (see the module docstring)."""

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        from_env = os.environ.get(PASSPHRASE_ENV) or None
        self._factory: SharedKeystore | None = (
            SharedKeystore(data_dir, from_env) if from_env else None
        )

    def quiet(self) -> KeystoreFactory | None:
        """The keystore without asking anyone: None when only a passphrase not known yet would
        open it (background jobs then wait for the user)."""
        if self._factory is not None:
            return self._factory
        if self._needs_passphrase():
            return None
        self._factory = SharedKeystore(self.data_dir, None)
        return self._factory

    def ask(self, parent: QWidget | None) -> KeystoreFactory | None:
        """The keystore, asking for the key file's passphrase first when one is needed and not
        known yet. None when the user cancelled: the action then ends silently."""
        factory = self.quiet()
        if factory is not None:
            return factory
        dialog = PassphraseDialog(
            self.data_dir, is_new=not key_file(self.data_dir).exists(), parent=parent
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.factory is None:
                return None
            self._factory = dialog.factory
            return self._factory
        finally:
            dialog.deleteLater()

    def forget(self) -> None:
        """Drop the passphrase and the open keystore (the next action asks again)."""
        self._factory = None

    def note_error(self, error: BaseException) -> None:
        """A worker failed with ``error``: a passphrase that no longer fits is forgotten."""
        if is_passphrase_error(error):
            self.forget()

    @property
    def is_unlocked(self) -> bool:
        return self._factory is not None

    def _needs_passphrase(self) -> bool:
        from exporter_desk.services.keystores import PassphraseNeededError, open_keystore

        try:
            open_keystore(self.data_dir)  # no passphrase: the keyring, or this error at once
        except PassphraseNeededError:
            return True
        return False


__all__ = [
    "KeyAccess",
    "KeystoreFactory",
    "PassphraseDialog",
    "SharedKeystore",
    "is_passphrase_error",
    "key_file",
]
