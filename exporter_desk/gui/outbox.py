"""Registering what waits in the outbox: right after start and every minute while something
waits, or at once when the user asks ("Retry now"); and how the window shows it.

The count comes from the database thread; a drain (``services.issuing.drain_outbox``) runs on the
network thread, one at a time. A background drain never asks for the key file's passphrase: it
waits until the user has unlocked the keys for something else, or presses "Retry now".
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QToolButton, QWidget

from exporter_desk.gui import backend
from exporter_desk.gui._resources import icon
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.keys import KeyAccess, KeystoreFactory
from exporter_desk.gui.tasks import Progress, TaskManager, Worker, start_worker
from exporter_desk.store import Store

translate = QCoreApplication.translate
log = logging.getLogger(__name__)


class OutboxRetry(QObject):
    """See the module docstring. ``pending`` is the last count seen (None before the first)."""

    RETRY_MS = 60_000

    pending_changed = Signal(int)
    issued_changed = Signal(int)  # how many documents the register holds
    drained = Signal(object)  # services.issuing.DrainResult
    running_changed = Signal(bool)

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
        self.pending: int | None = None
        self.last_result: object = None
        self.last_by_user = False  # whether the last drain was the user's "Retry now"
        self._workers: list[Worker] = []
        self.timer = QTimer(self)
        self.timer.setInterval(self.RETRY_MS)
        self.timer.timeout.connect(self.retry_if_waiting)

    @property
    def is_running(self) -> bool:
        return bool(self._workers)

    def start(self) -> None:
        """Retry now if something waits, then every ``RETRY_MS``."""
        self.timer.start()
        self.retry_if_waiting()

    def stop(self) -> None:
        self.timer.stop()

    # -- counting ----------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Count what waits (for the status bar) without registering anything."""
        self.tasks.run_db(_pending, self._on_count, self._on_count_failed)

    issued: int | None = None

    @Slot(object)
    def _on_count(self, count: int | tuple[int, int]) -> None:
        if isinstance(count, tuple):
            count, issued = count
            self.issued = issued
            self.issued_changed.emit(issued)
        self.pending = count
        self.pending_changed.emit(count)

    @Slot(object)
    def _on_count_failed(self, error: BaseException) -> None:
        log.warning("cannot count the outbox: %s", error)

    # -- draining ----------------------------------------------------------------------------

    @Slot()
    def retry_if_waiting(self) -> None:
        """The timer's job: count, and drain in the background when something waits."""
        self.tasks.run_db(_pending, self._on_count_for_retry, self._on_count_failed)

    @Slot(object)
    def _on_count_for_retry(self, counts: tuple[int, int]) -> None:
        self._on_count(counts)
        count = counts[0]
        if count > 0 and not self._workers:
            keystore = self.keys.quiet()
            if keystore is None:
                log.info("outbox: %d waiting until the key file is unlocked", count)
                return
            self._drain(keystore, by_user=False)

    def retry_now(self, parent: QWidget | None) -> bool:
        """The user's "Retry now": ask for the passphrase if needed; False when cancelled or a
        drain is already running."""
        if self._workers:
            return False
        keystore = self.keys.ask(parent)
        if keystore is None:
            return False
        self._drain(keystore, by_user=True)
        return True

    def _drain(self, keystore: KeystoreFactory, *, by_user: bool) -> None:
        data_dir = self.data_dir

        def run(progress: Progress) -> object:
            return backend.drain_outbox(data_dir, keystore, progress, by_user=by_user)

        worker = Worker(run)
        worker.signals.succeeded.connect(self._on_drained)
        worker.signals.failed.connect(self._on_failed)
        self._workers.append(worker)
        self.last_by_user = by_user
        self.running_changed.emit(True)
        start_worker(worker, self.tasks.network_pool)

    @Slot(object)
    def _on_drained(self, result: object) -> None:
        self._workers.clear()
        self.last_result = result
        self.running_changed.emit(False)
        waiting = getattr(result, "waiting", None)
        if isinstance(waiting, int):
            self._on_count(waiting)
        if getattr(result, "delivered", 0) or getattr(result, "rejected", 0):
            self.tasks.notify_changed("documents")
        self.drained.emit(result)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._workers.clear()
        self.running_changed.emit(False)
        self.keys.note_error(error)
        if self.last_by_user:
            self.presenter.show(error)
        else:  # the next minute tries again; a timer must not pile up message boxes
            log.warning("background registration failed: %s", error)
        self.refresh()


class OutboxStatus(QObject):
    """The outbox in the window: a word in the status bar (all registered, N waiting,
    registering), the "Retry registration now" action with the buttons that carry it (shown
    while something waits), and a note in the status bar after a drain."""

    REFRESH_MS = 10_000  # the count follows documents issued elsewhere (the CLI)

    def __init__(self, retry: OutboxRetry, window: QMainWindow) -> None:
        super().__init__(window)  # no attribute for the window: a cycle would keep it alive
        self.retry = retry
        self.pending: int | None = None
        self.action = QAction(icon("issue"), "", self)
        self.action.setObjectName("retryRegistration")
        self.action.setEnabled(False)
        self.action.triggered.connect(self._on_retry)
        self.label = QLabel()
        self.label.setObjectName("outboxIndicator")
        self.buttons: list[QToolButton] = []
        self.button = QToolButton()
        self.button.setDefaultAction(self.action)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setAutoRaise(True)
        self.button.setStyleSheet("QToolButton { color: #1565c0; text-decoration: underline; }")
        self.add_button(self.button)
        window.statusBar().addPermanentWidget(self.label)
        window.statusBar().addPermanentWidget(self.button)
        self.timer = QTimer(self)
        self.timer.setInterval(self.REFRESH_MS)
        self.timer.timeout.connect(retry.refresh)
        retry.pending_changed.connect(self._on_pending)
        retry.running_changed.connect(self._on_running)
        retry.drained.connect(self._on_drained)
        self.retranslate()

    def start(self) -> None:
        self.timer.start()
        self.retry.start()

    def stop(self) -> None:
        self.timer.stop()
        self.retry.stop()

    def add_button(self, button: QToolButton) -> QToolButton:
        """Show ``button`` (which carries ``action``) only while something waits."""
        self.buttons.append(button)
        button.setVisible(bool(self.pending))
        return button

    def _window(self) -> QMainWindow:
        window = self.parent()
        assert isinstance(window, QMainWindow)
        return window

    @Slot()
    def _on_retry(self) -> None:
        self.retry.retry_now(self._window())

    @Slot(int)
    def _on_pending(self, count: int) -> None:
        self.pending = count
        self.show()

    @Slot(bool)
    def _on_running(self, _running: bool) -> None:
        self.show()

    @Slot(object)
    def _on_drained(self, result: object) -> None:
        delivered = getattr(result, "delivered", 0)
        waiting = getattr(result, "waiting", 0)
        if delivered:
            self._window().statusBar().showMessage(
                translate("MainWindow", "{count} document(s) registered.").format(count=delivered),
                10_000,
            )
        elif waiting and self.retry.last_by_user:
            self._window().statusBar().showMessage(
                translate(
                    "MainWindow",
                    "Nothing could be registered yet: {count} document(s) keep waiting in the "
                    "outbox and are retried automatically.",
                ).format(count=waiting),
                15_000,
            )

    def show(self) -> None:
        count, running = self.pending, self.retry.is_running
        self.action.setEnabled(bool(count) and not running)
        for button in self.buttons:
            button.setVisible(bool(count))
        if running:
            self.label.setText(translate("MainWindow", "⏳ Registering..."))
            self.label.setStyleSheet("color: #ef6c00;")
        elif count is None:
            self.label.setText("")
        elif count == 0 and not self.retry.issued:
            self.label.setText("")  # no document yet: nothing to report
        elif count == 0:
            self.label.setText(translate("MainWindow", "✔ All documents registered"))
            self.label.setStyleSheet("color: #2e7d32;")
        else:
            self.label.setText(
                translate("MainWindow", "⏳ {count} awaiting registration").format(count=count)
            )
            self.label.setStyleSheet("color: #ef6c00; font-weight: bold;")

    def retranslate(self) -> None:
        self.label.setToolTip(
            translate(
                "MainWindow",
                "Documents signed while the trust network could not be reached wait in the "
                "outbox and are registered automatically.",
            )
        )
        self.action.setText(translate("MainWindow", "Retry registration now"))
        self.action.setToolTip(
            translate(
                "MainWindow",
                "Try now to register the documents waiting in the outbox (it is retried every "
                "minute anyway)",
            )
        )
        self.show()


def _pending(store: Store) -> tuple[int, int]:
    """What waits in the outbox, and how many documents the register holds."""
    return store.outbox.pending_count(), store.documents.count()


__all__ = ["OutboxRetry", "OutboxStatus"]
