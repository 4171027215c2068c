"""Settings > Backup and restore: one archive to move the company to another computer
(services/archive.py). Backing up runs on a worker; restoring checks the archive first, then
closes the database, replaces the data folder (the old one is kept aside) and closes the app,
which opens the restored data when started again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.gui.errors import ErrorPresenter, is_cancel
from exporter_desk.gui.keys import KeyAccess
from exporter_desk.gui.messages import translate_message
from exporter_desk.gui.tasks import Progress, TaskManager, Worker, start_worker
from exporter_desk.services.archive import (
    MIN_PASSPHRASE,
    BackupSummary,
    RestoreSummary,
    backup_archive,
    read_manifest,
    restore_archive,
)
from exporter_desk.signing import KeyringKeystore, Keystore, is_keyring_available


class BackupBox(QGroupBox):
    """Back up to an archive, or restore one; the status line says how it went."""

    def __init__(
        self,
        tasks: TaskManager,
        presenter: ErrorPresenter,
        data_dir: Path,
        keys: KeyAccess,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._presenter = presenter
        self._data_dir = data_dir
        self._keys = keys
        self._worker: Worker | None = None
        self._store_closed = False
        self.with_key = QCheckBox()
        self.backup_button = QPushButton()
        self.restore_button = QPushButton()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setVisible(False)  # a line only when there is something to say
        self.backup_button.clicked.connect(self._on_backup)
        self.restore_button.clicked.connect(self._on_restore)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.with_key)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        margins = layout.contentsMargins()
        # one compact row: Settings must still fit a 1024x640 window (DESIGN.md 9)
        layout.setContentsMargins(margins.left(), 2, margins.right(), 2)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Backup and restore"))
        self.backup_button.setText(self.tr("Back up..."))
        self.restore_button.setText(self.tr("Restore..."))
        self.with_key.setText(self.tr("Include the signing key (protected by a passphrase)"))
        self.backup_button.setToolTip(
            self.tr(
                "One file with the database, issued PDFs and networks, to move to a new computer"
            )
        )

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- backup ----------------------------------------------------------------------------

    def _ask_passphrase(self, title: str, confirm: bool) -> str | None:
        text, ok = QInputDialog.getText(
            self,
            title,
            self.tr("Passphrase (at least {n} characters):").format(n=MIN_PASSPHRASE),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
        if confirm:
            again, ok = QInputDialog.getText(
                self, title, self.tr("The same passphrase again:"), QLineEdit.EchoMode.Password
            )
            if not ok:
                return None
            if again != text:
                self._say(self.tr("The two passphrases differ; nothing was written."))
                return None
        return text

    @Slot()
    def _on_backup(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up to"),
            f"exporter-desk-backup-{dt.date.today():%Y%m%d}.zip",
            self.tr("Exporter Desk backup (*.zip)"),
        )
        if name:
            self.back_up(Path(name))

    def back_up(self, path: Path) -> None:
        passphrase, factory = None, None
        if self.with_key.isChecked():
            passphrase = self._ask_passphrase(self.tr("Protect the signing key"), confirm=True)
            if passphrase is None:
                return
            factory = self._keys.ask(self)
            if factory is None:
                return
        data_dir = self._data_dir

        def run(_progress: Progress) -> BackupSummary:
            keystore = factory() if factory is not None else None
            return backup_archive(data_dir, path, keystore=keystore, key_passphrase=passphrase)

        self._start(Worker(run), self.tr("Writing the backup..."), self._on_backed_up)

    @Slot(object)
    def _on_backed_up(self, summary: BackupSummary) -> None:
        self._finish()
        keys = self.tr("with the signing key") if summary.with_keys else self.tr("without keys")
        self._say(
            self.tr("Backup written to {path} ({size} MB, {keys}).").format(
                path=summary.path, size=f"{summary.size / 1e6:,.1f}", keys=keys
            )
        )

    # -- restore ---------------------------------------------------------------------------

    @Slot()
    def _on_restore(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restore from"), "", self.tr("Exporter Desk backup (*.zip)")
        )
        if name:
            self.check_archive(Path(name))

    def check_archive(self, path: Path) -> None:
        """Read the archive's manifest (format, version) before asking anything."""
        self._start(
            Worker(lambda _p: (path, read_manifest(path))),
            self.tr("Checking the backup..."),
            self._on_checked,
        )

    @Slot(object)
    def _on_checked(self, checked: tuple[Path, dict[str, object]]) -> None:
        self._finish()
        path, manifest = checked
        answer = QMessageBox.question(
            self,
            self.tr("Restore"),
            self.tr(
                "Replace all data in {folder} with the backup of {created}? Your current data "
                "is kept aside in a folder next to it. Exporter Desk closes afterwards; start "
                "it again to open the restored data."
            ).format(folder=self._data_dir, created=str(manifest.get("created", ""))[:10]),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        passphrase = None
        if manifest.get("with_keys") and is_keyring_available():
            passphrase = self._ask_passphrase(self.tr("Restore the signing key"), confirm=False)
        self.restore(path, passphrase)

    def restore(self, path: Path, passphrase: str | None) -> None:
        """Close the database, restore ``path`` on a worker, then close the window."""
        data_dir = self._data_dir
        self._store_closed = True
        self._tasks.shutdown()

        def keystore(_folder: Path) -> Keystore:
            return KeyringKeystore()

        def run(_progress: Progress) -> RestoreSummary:
            return restore_archive(
                path, data_dir, key_passphrase=passphrase, open_keystore=keystore
            )

        self._start(Worker(run), self.tr("Restoring..."), self._on_restored)

    @Slot(object)
    def _on_restored(self, summary: RestoreSummary) -> None:
        self._finish()
        text = self.tr("The backup was restored into {folder}.").format(folder=summary.data_dir)
        if summary.set_aside is not None:
            text += " " + self.tr("Your previous data is kept in {folder}.").format(
                folder=summary.set_aside
            )
        if summary.keys_in_archive and not summary.keys_restored:
            text += " " + self.tr(
                "The signing key was not restored: documents verify, but issuing needs the key."
            )
        self._say(text)
        QMessageBox.information(
            self, self.tr("Restore"), text + "\n\n" + self.tr("Exporter Desk closes now.")
        )
        window = self.window()
        if window is not self:
            window.close()

    # -- running ---------------------------------------------------------------------------

    def _start(self, worker: Worker, text: str, on_done: object) -> None:
        self._worker = worker
        worker.signals.succeeded.connect(on_done)
        worker.signals.failed.connect(self._on_failed)
        self._say(text)
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        start_worker(worker)

    def _finish(self) -> None:
        self._worker = None
        self.backup_button.setEnabled(True)
        self.restore_button.setEnabled(True)

    @property
    def is_busy(self) -> bool:
        return self._worker is not None

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._finish()
        if is_cancel(error):
            self._say("")
            return
        message = getattr(error, "user_message", None)
        self._say(translate_message(str(message)) if message else self.tr("That did not work."))
        self._presenter.show(error)
        if self._store_closed:  # the database was closed for the restore: start afresh
            window = self.window()
            if window is not self:
                window.close()


__all__ = ["BackupBox"]
