"""Verifying many files on every core, each file in a worker process with a hard deadline.

:func:`verify_many` is the batch that the CLI (``exporter-desk verify A.pdf B.pdf DIR``) and the
Verify screen's folder check call. It spreads the files over worker processes (one per core by
default), reports progress, can be cancelled, and yields the verdicts in the order given.

Why processes: besides using every core, a process is the one hard bound a maintainer can
reason about. ``verify_pdf`` checks its time budget between steps and inside its own loops (the
cooperative deadline), but one pyHanko call on a crafted object cannot be interrupted from
inside. A worker that is still busy ``time_budget + HARD_GRACE`` seconds after it got a file is
killed, and the file is UNREADABLE with that reason; a worker that dies (a crash, or memory
beyond its limit) makes its file UNREADABLE too. Either way a fresh worker takes its place and
the batch goes on.

Memory: on POSIX each worker's address space is capped (``RLIMIT_AS``, ``WORKER_ADDRESS_SPACE``,
several times the few hundred megabytes a verification of a file at the size limit peaks at,
see ``benchmarks/verify_memory_bench.py``); past it an allocation fails with ``MemoryError``.

Workers: ``fork`` on Linux when the caller runs no other thread (the CLI: the child starts in
milliseconds), else ``forkserver`` on Linux and ``spawn`` elsewhere (Windows, macOS), so all
that crosses to a worker is picklable: file paths, the trust settings as descriptor and
certificate bytes, the limits, and the online checker's module-level factory. A worker imports
only the verify path (pyHanko's validation half, never the GUI, the store or the renderers).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Final

from exporter_desk.errors import ExporterError
from exporter_desk.services.verifying import FileVerdict
from exporter_desk.verify import DEFAULT_LIMITS, Limits, OnlineChecker, Trust
from exporter_desk.verify.stopped import StopReason, internal_error_verdict, stopped_verdict

__all__ = [
    "HARD_GRACE",
    "WORKER_ADDRESS_SPACE",
    "OnlineFactory",
    "VerifierStartError",
    "VerifyPool",
    "default_jobs",
    "pdfs_in_folder",
    "verify_many",
]

log = logging.getLogger(__name__)

HARD_GRACE: Final = 1.0
"""Seconds a worker may run past the time budget before it is killed: the cooperative checks,
which name the slow step, normally end a slow file first."""

WORKER_ADDRESS_SPACE: Final = 3 * 1024 * 1024 * 1024
"""The address space (not resident memory) a worker may map, in bytes, on POSIX."""

_START_ATTEMPTS: Final = 3
_DEPTH: Final = 2  # files given to a worker at once: the one it checks, and the next
_POLL: Final = 0.1

OnlineFactory = Callable[[Trust], OnlineChecker | None]
"""Builds a worker's online checker from its trust (None: offline after all); a module-level
function, so that ``spawn`` can pickle it by name."""


class VerifierStartError(ExporterError):
    """The worker processes that verify files could not be started."""


def default_jobs() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def pdfs_in_folder(folder: Path) -> list[Path]:
    """The PDF files directly in ``folder`` (not its subfolders), sorted by name."""
    return sorted(
        (p for p in Path(folder).iterdir() if p.suffix.lower() == ".pdf" and p.is_file()),
        key=lambda p: p.name,
    )


@dataclass(frozen=True, slots=True)
class _TrustSpec:
    """A :class:`Trust` as bytes, to cross into a worker process."""

    descriptors: tuple[bytes, ...]
    user_cas: tuple[bytes, ...]

    @classmethod
    def of(cls, trust: Trust) -> _TrustSpec:
        from cryptography.hazmat.primitives.serialization import Encoding

        from exporter_desk.trustnet import format_descriptor

        return cls(
            tuple(format_descriptor(network) for network in trust.networks),
            tuple(ca.public_bytes(Encoding.DER) for ca in trust.user_cas),
        )

    def build(self) -> Trust:
        from cryptography import x509

        from exporter_desk.trustnet import parse_descriptor

        return Trust(
            networks=tuple(parse_descriptor(data) for data in self.descriptors),
            user_cas=tuple(x509.load_der_x509_certificate(der) for der in self.user_cas),
        )


_PRELOAD: Final = [
    "exporter_desk.services.verifying",
    "exporter_desk.verify.pack",
    "exporter_desk.verify.verifier",
]


def _threads_of_this_process() -> int:
    """Every thread of the process, those Python does not know of included (Qt's thread pool,
    a library's C threads); ``threading.active_count`` sees only Python's own."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return max(threading.active_count(), 2)  # unknown: assume fork is not safe


def _context() -> multiprocessing.context.BaseContext:
    if sys.platform.startswith("linux"):
        # fork copies every thread's locks mid-state (malloc's among them): only safe when no
        # other thread of any kind runs. The desktop app always has Qt's threads, so it gets the
        # forkserver; a verify command has none and forks. A child forked beside a running Qt
        # thread is suspected of the impossible verdicts the parity test once saw when run after
        # the GUI tests (tests/services/test_verify_batch.py).
        if _threads_of_this_process() == 1 and threading.active_count() == 1:
            return multiprocessing.get_context("fork")
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)  # loaded once, in the server; workers fork warm
        return context
    return multiprocessing.get_context("spawn")


def _limit_memory(address_space: int | None) -> None:
    if address_space is None:
        return
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the hard deadline still bounds the worker
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = address_space if hard == resource.RLIM_INFINITY else min(address_space, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(
    conn: Connection,
    spec: _TrustSpec,
    online: OnlineFactory | None,
    limits: Limits,
    address_space: int | None,
) -> None:
    """A worker: load the verify path, say ready, then verify one path per message until the
    parent sends None or goes away. Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(address_space)
    import exporter_desk.verify.pack
    import exporter_desk.verify.verifier  # noqa: F401  (loaded before "ready": warm means warm)
    from exporter_desk.services.verifying import verify_one

    trust = spec.build()
    checker = online(trust) if online is not None else None
    parent = multiprocessing.parent_process()
    watch: list[Any] = [conn] + ([parent.sentinel] if parent is not None else [])
    conn.send(("ready", -1, None))
    while True:
        if conn not in wait(watch):
            return  # the parent died: nobody wants the answer
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        index, path = task
        try:
            answer = verify_one(Path(path), trust, online=checker, limits=limits)
        except MemoryError:  # past the address-space limit: answer, then make way for a fresh one
            conn.send(
                ("retire", index, FileVerdict(Path(path), stopped_verdict(StopReason.MEMORY)))
            )
            return
        except Exception as exc:  # a bug of ours, not a finding about the file: INCOMPLETE
            log.error("verifying %s failed unexpectedly", path, exc_info=exc)
            detail = f"{type(exc).__name__}: {exc}"
            answer = FileVerdict(Path(path), internal_error_verdict(detail))
        conn.send(("done", index, answer))


class _Worker:
    """One worker process, the pipe to it, and the files given to it, the first being checked
    (the next waits in the pipe, so that the worker never idles while this process is busy)."""

    def __init__(self, context: multiprocessing.context.BaseContext, args: tuple[Any, ...]) -> None:
        ours, theirs = context.Pipe(duplex=True)
        self.conn: Connection = ours
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(theirs, *args), name="verify-worker", daemon=True
        )
        self.process.start()
        theirs.close()
        self.ready = False
        self.tasks: deque[tuple[int, Path]] = deque()
        self.deadline = 0.0  # of the first task

    def give(self, index: int, path: Path, seconds: float) -> None:
        self.conn.send((index, str(path)))
        if not self.tasks:
            self.deadline = time.monotonic() + seconds
        self.tasks.append((index, path))

    def finish(self, seconds: float) -> tuple[int, Path]:
        """The first task is answered; the next one starts now, with its own deadline."""
        first = self.tasks.popleft()
        self.deadline = time.monotonic() + seconds
        return first

    def stop(self, *, kill: bool) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except OSError:
                kill = True
            else:
                self.process.join(1.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5.0)
        self.conn.close()


class VerifyPool:
    """Worker processes that verify files, kept from one batch to the next (the app keeps one,
    warm, so that a dropped file is checked at once). One batch runs at a time; a second waits.

    ``jobs`` workers at most (default: one per core), started as a batch needs them; ``online``
    builds each worker's online checker (None: offline). Close it (or use ``with``) to stop the
    workers; they also stop when this process ends.
    """

    def __init__(
        self,
        trust: Trust,
        *,
        jobs: int | None = None,
        online: OnlineFactory | None = None,
        limits: Limits = DEFAULT_LIMITS,
        address_space: int | None = WORKER_ADDRESS_SPACE,
    ) -> None:
        self.jobs = max(1, jobs or default_jobs())
        self.limits = limits
        self._args = (_TrustSpec.of(trust), online, limits, address_space)
        self._context: multiprocessing.context.BaseContext | None = None
        self._workers: list[_Worker] = []
        self._failed_starts = 0
        self._lock = threading.Lock()

    def __enter__(self) -> VerifyPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker; a batch still running gets a few seconds to end, then its
        workers are killed too (closing never hangs, at the app's exit included)."""
        locked = self._lock.acquire(timeout=5.0)
        try:
            for worker in list(self._workers):
                worker.stop(kill=not locked or bool(worker.tasks) or not worker.ready)
            self._workers = []
        finally:
            if locked:
                self._lock.release()

    def warm(self, count: int | None = None, timeout: float = 60.0) -> None:
        """Start ``count`` workers (default: ``jobs``) and wait until they have loaded the
        verifier, so that the next file is checked without that delay.

        Raises:
            VerifierStartError: the workers could not be started.
        """
        with self._lock:
            self._grow(min(self.jobs, count or self.jobs))
            end = time.monotonic() + timeout
            while any(not w.ready for w in self._workers) and time.monotonic() < end:
                for worker, _, _ in self._poll(_POLL):  # died before it was ready: again
                    self._retire(worker, kill=True)
                self._grow(min(self.jobs, count or self.jobs))

    def verify_one(self, path: Path) -> FileVerdict:
        """One file's verdict, from a worker (hard deadline included)."""
        (answer,) = self.verify([path])  # runs the batch to its end, releasing the pool
        return answer

    def verify(
        self,
        paths: Sequence[Path],
        *,
        progress: Callable[[int, int, Path], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[FileVerdict]:
        """Verify ``paths``; yield each file's verdict in the order given.

        ``progress(done, total, path)`` runs in the calling thread as each file finishes (in
        any order). The batch stops when ``is_cancelled()`` turns true or the caller stops
        iterating (a ``KeyboardInterrupt`` included); workers still busy then are killed. A
        file whose worker dies or overruns the hard deadline is UNREADABLE
        (:mod:`exporter_desk.verify.stopped`) and the batch goes on with a fresh worker.

        Raises:
            VerifierStartError: no worker process could be started.
        """
        files = [Path(p) for p in paths]
        if not files:
            return
        with self._lock:
            yield from self._run(files, progress, is_cancelled)

    # -- inside, under the lock ----------------------------------------------------------------

    def _grow(self, count: int) -> None:
        if self._context is None:
            self._context = _context()
            if count > 1 and self._context.get_start_method() == "fork":
                # Forked workers share what the parent loaded: pyHanko once, not per worker.
                import exporter_desk.verify.verifier  # noqa: F401
        while len(self._workers) < count:
            self._workers.append(_Worker(self._context, self._args))

    def _retire(self, worker: _Worker, *, kill: bool) -> None:
        worker.stop(kill=kill)
        self._workers.remove(worker)

    def _poll(self, timeout: float) -> list[tuple[_Worker, str, FileVerdict | None]]:
        """Wait up to ``timeout`` for messages; mark the workers that became ready; return
        the others that spoke: ``(worker, "done" | "retire", answer)`` or ``(worker, "died",
        None)``.

        Raises:
            VerifierStartError: workers keep dying before they are ready.
        """
        signalled = set(wait([w.conn for w in self._workers], max(0.0, timeout)))
        out: list[tuple[_Worker, str, FileVerdict | None]] = []
        for worker in list(self._workers):
            if worker.conn not in signalled:
                continue
            try:
                kind, _, answer = worker.conn.recv()
            except (EOFError, OSError):  # it died: a crash, or killed from outside
                if not worker.tasks and not worker.ready:
                    self._failed_starts += 1
                    if self._failed_starts >= _START_ATTEMPTS:
                        self._retire(worker, kill=True)
                        raise VerifierStartError(
                            f"verify workers exited {self._failed_starts} times before they "
                            f"were ready (last exit code {worker.process.exitcode})",
                            user_message="The verifier could not start its worker processes, "
                            "so no file was checked. Try again; if it keeps failing, reinstall "
                            "Exporter Desk.",
                        ) from None
                out.append((worker, "died", None))
                continue
            if kind == "ready":
                worker.ready = True
                self._failed_starts = 0
            else:
                out.append((worker, kind, answer))
        return out

    def _run(
        self,
        files: list[Path],
        progress: Callable[[int, int, Path], None] | None,
        is_cancelled: Callable[[], bool] | None,
    ) -> Iterator[FileVerdict]:
        total = len(files)
        hard = self.limits.time_budget + HARD_GRACE
        queue = list(reversed(list(enumerate(files))))  # pop() gives the next in order
        finished: dict[int, FileVerdict] = {}
        done = emitted = 0

        def settle(index: int, answer: FileVerdict) -> None:
            nonlocal done
            finished[index] = answer
            done += 1
            if progress is not None:
                progress(done, total, answer.path)

        def retire(worker: _Worker, *, kill: bool) -> None:
            queue.extend(reversed(worker.tasks))  # given but not started: next in line again
            worker.tasks.clear()
            self._retire(worker, kill=kill)

        def lost(worker: _Worker, reason: StopReason) -> None:
            if worker.tasks:
                index, path = worker.finish(hard)
                log.warning("verify worker stopped on %s (%s)", path, reason.value)
                verdict = stopped_verdict(reason, seconds=self.limits.time_budget)
                settle(index, FileVerdict(path, verdict))
            retire(worker, kill=True)

        try:
            while emitted < total:
                if is_cancelled is not None and is_cancelled():
                    return
                if queue:  # (again, after a worker was lost)
                    self._grow(min(self.jobs, total))
                for depth in range(1, _DEPTH + 1):  # one each first, then the next in the pipe
                    for worker in self._workers:
                        if worker.ready and len(worker.tasks) < depth and queue:
                            index, path = queue.pop()
                            worker.give(index, path, hard)
                now = time.monotonic()
                busy = [w.deadline - now for w in self._workers if w.tasks]
                for worker, kind, answer in self._poll(min([_POLL, *busy])):
                    if answer is None:  # it died
                        lost(worker, StopReason.CRASH)
                        continue
                    index, _ = worker.finish(hard)
                    settle(index, answer)
                    if kind == "retire":  # it ran out of memory: a fresh one takes its place
                        retire(worker, kill=False)
                for worker in list(self._workers):
                    if worker.tasks and time.monotonic() > worker.deadline:
                        lost(worker, StopReason.TIME)
                while emitted in finished:
                    yield finished.pop(emitted)
                    emitted += 1
        finally:
            for worker in list(self._workers):
                if worker.tasks:  # its answers would arrive in the next batch
                    self._retire(worker, kill=True)


def verify_many(
    paths: Sequence[Path],
    trust: Trust,
    *,
    jobs: int | None = None,
    online: OnlineFactory | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[int, int, Path], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    address_space: int | None = WORKER_ADDRESS_SPACE,
) -> Iterator[FileVerdict]:
    """Verify ``paths`` in a :class:`VerifyPool` of its own (``jobs`` workers, never more
    than files), stopped at the end; see :meth:`VerifyPool.verify`.

    Raises:
        VerifierStartError: no worker process could be started.
    """
    files = [Path(p) for p in paths]
    if not files:
        return
    count = min(jobs or default_jobs(), len(files))
    pool = VerifyPool(trust, jobs=count, online=online, limits=limits, address_space=address_space)
    try:
        yield from pool.verify(files, progress=progress, is_cancelled=is_cancelled)
    finally:
        pool.close()
