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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Final

from exporter_desk.errors import ExporterError
from exporter_desk.services.verifying import FileVerdict
from exporter_desk.verify import DEFAULT_LIMITS, Limits, OnlineChecker, Trust
from exporter_desk.verify.stopped import StopReason, stopped_verdict

__all__ = [
    "HARD_GRACE",
    "WORKER_ADDRESS_SPACE",
    "OnlineFactory",
    "VerifierStartError",
    "default_jobs",
    "pdfs_in_folder",
    "verify_many",
]

log = logging.getLogger(__name__)

HARD_GRACE: Final = 2.0
"""Seconds a worker may run past the time budget before it is killed: the cooperative checks,
which name the slow step, normally end a slow file first."""

WORKER_ADDRESS_SPACE: Final = 3 * 1024 * 1024 * 1024
"""The address space (not resident memory) a worker may map, in bytes, on POSIX."""

_START_ATTEMPTS: Final = 3
_POLL: Final = 0.1

OnlineFactory = Callable[[Trust], OnlineChecker]
"""Builds a worker's online checker from its trust; must be a module-level function (picklable)."""


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


def _context() -> multiprocessing.context.BaseContext:
    if sys.platform.startswith("linux"):
        # fork copies every thread's locks mid-state: only safe with no other thread running.
        method = "fork" if threading.active_count() == 1 else "forkserver"
        return multiprocessing.get_context(method)
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
        conn.send(("done", index, answer))


class _Worker:
    """One worker process, the pipe to it, and the file it is checking."""

    def __init__(self, context: multiprocessing.context.BaseContext, args: tuple[Any, ...]) -> None:
        ours, theirs = context.Pipe(duplex=True)
        self.conn: Connection = ours
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(theirs, *args), name="verify-worker", daemon=True
        )
        self.process.start()
        theirs.close()
        self.ready = False
        self.task: tuple[int, Path] | None = None
        self.deadline = 0.0

    def give(self, index: int, path: Path, seconds: float) -> None:
        self.conn.send((index, str(path)))
        self.task = (index, path)
        self.deadline = time.monotonic() + seconds

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
    """Verify ``paths`` in worker processes; yield each file's verdict in the order given.

    ``jobs`` workers (default: one per core, never more than files); ``progress(done, total,
    path)`` in the calling thread as each file finishes (in any order); the batch stops, killing
    its workers, when ``is_cancelled()`` turns true or the caller stops iterating (a
    ``KeyboardInterrupt`` included). A file whose worker dies or overruns the hard deadline is
    UNREADABLE (:mod:`exporter_desk.verify.stopped`) and the batch goes on. ``online`` builds
    each worker's online checker (None: offline).

    Raises:
        VerifierStartError: no worker process could be started.
    """
    files = [Path(p) for p in paths]
    total = len(files)
    if total == 0:
        return
    count = max(1, min(jobs or default_jobs(), total))
    context = _context()
    if count > 1 and context.get_start_method() == "fork":
        # Forked workers share what the parent loaded: load pyHanko once, not once per worker.
        import exporter_desk.verify.verifier  # noqa: F401
    args = (_TrustSpec.of(trust), online, limits, address_space)
    hard = limits.time_budget + HARD_GRACE
    queue = list(reversed(list(enumerate(files))))  # pop() gives the next in order
    finished: dict[int, FileVerdict] = {}
    done = emitted = failed_starts = 0
    workers = [_Worker(context, args) for _ in range(count)]

    def settle(worker: _Worker, answer: FileVerdict) -> None:
        nonlocal done
        assert worker.task is not None
        finished[worker.task[0]] = answer
        worker.task = None
        done += 1
        if progress is not None:
            progress(done, total, answer.path)

    def retire(worker: _Worker, *, kill: bool) -> None:
        """Stop ``worker``; a fresh one takes its place while files wait."""
        worker.stop(kill=kill)
        workers.remove(worker)
        if queue:
            workers.append(_Worker(context, args))

    def lost(worker: _Worker, reason: StopReason) -> None:
        """``worker`` died or overran: its file (if any) gets the reason as its verdict."""
        nonlocal failed_starts
        if worker.task is not None:
            path = worker.task[1]
            log.warning("verify worker stopped on %s (%s)", path, reason.value)
            settle(worker, FileVerdict(path, stopped_verdict(reason, seconds=limits.time_budget)))
        elif not worker.ready:
            failed_starts += 1
            if failed_starts >= _START_ATTEMPTS:
                raise VerifierStartError(
                    f"verify workers exited {failed_starts} times before they were ready "
                    f"(last exit code {worker.process.exitcode})",
                    user_message="The verifier could not start its worker processes, so no "
                    "file was checked. Try again; if it keeps failing, reinstall Exporter Desk.",
                )
        retire(worker, kill=True)

    try:
        while emitted < total:
            if is_cancelled is not None and is_cancelled():
                return
            for worker in workers:
                if worker.ready and worker.task is None and queue:
                    index, path = queue.pop()
                    worker.give(index, path, hard)
            now = time.monotonic()
            busy = [w.deadline - now for w in workers if w.task is not None]
            timeout = min([_POLL, *busy]) if busy else _POLL
            signalled = set(wait([w.conn for w in workers], max(0.0, timeout)))
            for worker in list(workers):
                if worker.conn in signalled:
                    try:
                        kind, _, answer = worker.conn.recv()
                    except (EOFError, OSError):  # it died: a crash, or killed from outside
                        lost(worker, StopReason.CRASH)
                        continue
                    if kind == "ready":
                        worker.ready = True
                        failed_starts = 0
                    else:
                        settle(worker, answer)
                        if kind == "retire":  # it ran out of memory: start afresh
                            retire(worker, kill=False)
                elif worker.task is not None and time.monotonic() > worker.deadline:
                    lost(worker, StopReason.TIME)
            while emitted in finished:
                yield finished.pop(emitted)
                emitted += 1
    finally:
        for worker in workers:
            worker.stop(kill=worker.task is not None or not worker.ready)
