"""Background work: one database thread for every store call, a thread pool for long jobs.

SQLite connections belong to the thread that opened them, so the store is opened on, and only
ever used from, a single dedicated thread (an executor with one worker, as in Anki's
``aqt/taskman.py``). ``TaskManager.run_db(fn, on_done, on_error)`` runs ``fn(store)`` there and
calls back on the GUI thread. Long work that does not need this process's store (verifying
files, issuing with its own connection) runs as a ``Worker`` on the ``QThreadPool`` and reports
through a ``WorkerSignals`` object: ``succeeded``, ``failed``, ``progress``. Work that talks to the
trust network (issuing, draining the outbox, joining) runs on ``TaskManager.network_pool``, one
job at a time, so two jobs never open the in-process local network at once.
"""

from __future__ import annotations

import gc
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from exporter_desk.errors import ExporterError
from exporter_desk.store import Store

T = TypeVar("T")
log = logging.getLogger(__name__)


class OperationCancelled(ExporterError):
    """The user cancelled a long operation: shown as nothing at all."""

    def __init__(self) -> None:
        super().__init__("cancelled by the user", user_message="Cancelled.")


class CancelToken:
    """Shared between the GUI and a worker: the GUI sets it, the worker checks it between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def is_cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raises: OperationCancelled once ``cancel()`` was called."""
        if self._event.is_set():
            raise OperationCancelled()


def _is_alive(callback: Callable[..., Any] | None) -> bool:
    """False when the callback is a method of a Qt object that has been deleted meanwhile."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


@dataclass(frozen=True, slots=True)
class _Finished:
    job: int
    result: object
    error: BaseException | None


class GarbageCollector(QObject):
    """Runs Python's cyclic garbage collector on the GUI thread only.

    Left alone, the collector runs in whichever thread happens to allocate, and collecting a
    Qt object there (a closed dialog in a reference cycle) crashes the process. As Anki does,
    automatic collection is turned off and a timer collects on the GUI thread instead.
    """

    INTERVAL_MS = 1_000

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    @Slot()
    def check(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds."""
        counts = gc.get_count()
        if counts[0] > self._threshold[0]:
            generation = 0
            if counts[1] > self._threshold[1]:
                generation = 2 if counts[2] > self._threshold[2] else 1
            gc.collect(generation)


_collector: GarbageCollector | None = None


def collect_garbage_on_gui_thread() -> GarbageCollector:
    """Install the one ``GarbageCollector`` (call on the GUI thread, after the QApplication)."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector()
    return _collector


class TaskManager(QObject):
    """Owns the database thread: every store call of the GUI goes through ``run_db``.

    ``open_store`` runs first on that thread; when it fails, every later job fails with the
    same error (``store_failed`` is emitted once, so the window can say so and close).
    """

    NETWORK_GRACE_MS = 10_000

    _finished = Signal(object)
    store_failed = Signal(object)
    store_changed = Signal(str)  # table name: a list showing it should reload

    def __init__(
        self,
        open_store: Callable[[], Store],
        on_error: Callable[[BaseException], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="exporter-desk-db")
        self._store: Store | None = None
        self._open_error: BaseException | None = None
        self._default_error = on_error
        self._closed = False
        self._jobs = itertools.count(1)
        self._callbacks: dict[
            int, tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]
        ] = {}
        self._finished.connect(self._deliver)
        self.network_pool = QThreadPool(self)
        self.network_pool.setMaxThreadCount(1)
        self._executor.submit(self._open, open_store)

    def _open(self, open_store: Callable[[], Store]) -> None:
        try:
            self._store = open_store()
        except BaseException as exc:  # reported to the GUI; every later job re-raises it
            self._open_error = exc
            self.store_failed.emit(exc)

    def _with_store(self, fn: Callable[[Store], T]) -> T:
        if self._open_error is not None:
            raise self._open_error
        assert self._store is not None
        return fn(self._store)

    def run_db(
        self,
        fn: Callable[[Store], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn(store)`` on the database thread; call ``on_done(result)`` or
        ``on_error(exception)`` on the GUI thread (``on_error`` defaults to the error presenter).

        The callbacks stay on the GUI thread (the database thread sees only ``fn``), and those
        that are methods of since-deleted Qt objects are skipped. ``fn`` must not hold Qt
        objects: it runs, and is released, on the database thread.
        """
        if self._closed:
            raise RuntimeError("the task manager is shut down")
        job = next(self._jobs)
        self._callbacks[job] = (on_done, on_error)
        self._executor.submit(self._run_job, job, fn)

    def _run_job(self, job: int, fn: Callable[[Store], object]) -> None:
        try:
            result = self._with_store(fn)
        except BaseException as exc:  # handed to the GUI thread's error callback
            self._finished.emit(_Finished(job, None, exc))
        else:
            self._finished.emit(_Finished(job, result, None))

    def run_db_blocking(self, fn: Callable[[Store], T], timeout: float = 30.0) -> T:
        """Run ``fn(store)`` on the database thread and wait for its result (at most ``timeout``
        seconds). The caller's thread is blocked meanwhile, so the app itself never calls this
        from the GUI thread (use ``run_db``): it is for tests and benchmarks."""
        return self._executor.submit(self._with_store, fn).result(timeout)

    def report_error(self, error: BaseException) -> None:
        """Hand ``error`` to the default handler (the error presenter)."""
        if self._default_error is not None:
            self._default_error(error)
        else:
            log.error("background error", exc_info=error)

    def notify_changed(self, table: str) -> None:
        """Tell every list of ``table`` that its rows changed (after a save)."""
        self.store_changed.emit(table)

    @Slot(object)
    def _deliver(self, finished: _Finished) -> None:
        on_done, on_error = self._callbacks.pop(finished.job, (None, None))
        if self._closed:
            return  # answers that arrive after shutdown have no window left to update
        if finished.error is None:
            if on_done is not None and _is_alive(on_done):
                on_done(finished.result)
            return
        handler = on_error or self._default_error
        if handler is not None and _is_alive(handler):
            handler(finished.error)
        elif handler is None:
            log.error("database job failed", exc_info=finished.error)

    def shutdown(self) -> None:
        """Close the store on its own thread and stop the thread (waits for running jobs).

        Network jobs not started yet are dropped; one running is given a few seconds to end
        (an outbox entry it had not registered yet simply stays in the outbox).
        """
        if self._closed:
            return
        self._closed = True
        self.network_pool.clear()
        self.network_pool.waitForDone(self.NETWORK_GRACE_MS)

        def close() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        self._executor.submit(close)
        self._executor.shutdown(wait=True)


class WorkerSignals(QObject):
    """What a ``Worker`` reports; connect these to ``@Slot`` methods of GUI objects."""

    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(int, str)  # percent (0-100, or -1 for unknown), what is happening


class Progress:
    """Handed to a worker's function: report progress and check for cancellation."""

    def __init__(self, signals: WorkerSignals, token: CancelToken) -> None:
        self._signals = signals
        self.token = token

    def __call__(self, percent: int, message: str = "") -> None:
        """Report progress; raises OperationCancelled when the user cancelled."""
        self.token.check()
        self._signals.progress.emit(percent, message)


class Worker(QRunnable):
    """Runs ``fn(progress)`` on the thread pool; the result or error goes out as a signal."""

    def __init__(
        self,
        fn: Callable[[Progress], object],
        token: CancelToken | None = None,
        signals: WorkerSignals | None = None,
    ) -> None:
        super().__init__()
        self.signals = signals or WorkerSignals()
        self.token = token or CancelToken()
        self._fn = fn
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            self.token.check()
            result = self._fn(Progress(self.signals, self.token))
        except BaseException as exc:  # handed to the GUI's failed handler, never swallowed
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)

    def cancel(self) -> None:
        self.token.cancel()


def start_worker(worker: Worker, pool: QThreadPool | None = None) -> Worker:
    (pool or QThreadPool.globalInstance()).start(worker)
    return worker


__all__ = [
    "CancelToken",
    "GarbageCollector",
    "OperationCancelled",
    "Progress",
    "TaskManager",
    "Worker",
    "WorkerSignals",
    "collect_garbage_on_gui_thread",
    "start_worker",
]
