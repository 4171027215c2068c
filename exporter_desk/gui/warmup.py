"""Loading the verifier in the background once the window is shown, so that the first PDF dropped
on Verify is checked as fast as the later ones.

Checking a PDF needs pyHanko and our verify modules: most of a second to import, and the first
screen needs none of it, so the window starts without them (``tests/gui/test_cold_start.py``).
``warm_up_verifier`` imports them on a pool thread shortly after the window is shown; the
first verification then pays only its own work.

Python's import locks are per module: the GUI thread waits only if it imports a module that the
warm-up is importing at that moment. The GUI thread imports none of ``VERIFY_MODULES`` at start,
and the Verify page's worker that asks for them while the warm-up runs simply waits for it,
instead of importing them a second time. The warm-up does hold the GIL while it executes module
code; ``benchmarks/window_timing.py`` measures how long the event loop stalls meanwhile. The
collector's full passes over all these objects stalled it most, hence ``gc.freeze`` before
and after the imports.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from exporter_desk.gui.tasks import Progress, Worker, start_worker

__all__ = [
    "VERIFY_MODULES",
    "WARM_UP_DELAY_MS",
    "VerifierWarmUp",
    "import_verifier",
    "warm_up_verifier",
]

log = logging.getLogger(__name__)

# What verifying a PDF imports on first use, in the order it needs them: the Verify page and the
# verdict types first (small, and what the GUI thread imports when the page opens), then the
# services that read the trust settings, the verifier with pyHanko, packs, and the HTTP client
# of online checks.
# tests/gui/test_warmup.py fails when a verification still imports one of ours or pyHanko's.
VERIFY_MODULES = (
    "exporter_desk.gui.verify_page",
    "exporter_desk.services.datafolder",
    "exporter_desk.services.trust",
    "exporter_desk.services.verifying",
    "exporter_desk.services.verify_batch",
    "exporter_desk.verify.stopped",
    "exporter_desk.verify.verifier",
    "exporter_desk.verify.pack",
    "exporter_desk.trustnet.client",
    "pyhanko.pdf_utils.filters",
)

# After the first paint and the first list's query: the warm-up then takes nothing from them.
WARM_UP_DELAY_MS = 300


def import_verifier(_progress: Progress | None = None) -> list[str]:
    """Import what verifying a PDF needs (call it on a worker thread). Returns the names of the
    modules it loaded, none when they were loaded already.

    Raises:
        ImportError: a module is missing (a broken install; verifying would fail the same way).
    """
    before = set(sys.modules)
    for name in VERIFY_MODULES:
        importlib.import_module(name)
    return sorted(set(sys.modules) - before)


class VerifierWarmUp(QObject):
    """Runs ``import_verifier`` on the thread pool, once, ``delay_ms`` after ``start``.

    ``loaded`` is emitted with the number of modules imported. A failure is logged, not shown:
    the first verification meets the same error and shows it on the file's card.
    """

    loaded = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker: Worker | None = None
        self.is_done = False

    def start(self, delay_ms: int = WARM_UP_DELAY_MS) -> None:
        QTimer.singleShot(delay_ms, self._run)

    @Slot()
    def _run(self) -> None:
        if self.worker is not None:
            return
        _freeze_what_lives()
        worker = Worker(import_verifier)
        worker.signals.succeeded.connect(self._on_loaded)
        worker.signals.failed.connect(self._on_failed)
        self.worker = start_worker(worker)

    @Slot(object)
    def _on_loaded(self, modules: list[str]) -> None:
        _freeze_what_lives()
        # Files are checked in a worker process kept warm (services.verify_batch.VerifyPool):
        # start it now too, so that the first drop does not wait for its pyHanko.
        prepare = getattr(self.parent(), "prepare_verifier", None)
        if callable(prepare):
            prepare()
        self.is_done = True
        log.debug("verifier loaded in the background (%d modules)", len(modules))
        self.loaded.emit(len(modules))

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self.is_done = True
        log.warning("loading the verifier in the background failed", exc_info=error)


def _freeze_what_lives() -> None:
    """Move every object alive now out of the cyclic collector's sight (``gc.freeze``): the
    window, its pages and the imported modules live as long as the app, and a full pass over
    them (on the GUI thread, ``tasks.GarbageCollector``) stalls the window for tens of
    milliseconds, each time, for nothing. Objects made later are collected as before."""
    gc.freeze()


def warm_up_verifier(parent: QObject, delay_ms: int = WARM_UP_DELAY_MS) -> VerifierWarmUp:
    """Start loading the verifier ``delay_ms`` after the event loop turns (call it once the
    main window is shown); ``parent`` (the window) owns the returned object."""
    warm_up = VerifierWarmUp(parent)
    warm_up.start(delay_ms)
    return warm_up
