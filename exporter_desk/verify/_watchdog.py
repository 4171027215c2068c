"""A hard time bound for work we cannot interrupt from inside: pyHanko's parser can spend a minute
on one crafted 40 MB dictionary, between two of our deadline checks.

One daemon thread keeps the deadlines of all running verifications. When one passes, it raises
:class:`TimeUp` in the verifying thread with CPython's ``PyThreadState_SetAsyncExc`` (delivered at
the next bytecode, so it stops pure-Python loops; a single C call such as one zlib inflate still
finishes, and those are bounded by the decode limits). ``TimeUp`` is a ``BaseException`` so that
no ``except Exception`` inside a library swallows it; until the verifier acknowledges it, it is
raised again every quarter second. Disarming guarantees that no ``TimeUp`` is raised afterwards:
a pending one is cancelled under the same lock that the watchdog takes to raise it.

Where ``ctypes.pythonapi`` is missing (not CPython), guards do nothing and only the verifier's
own checks between steps bound the time.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

__all__ = ["Guard", "TimeUp", "guard"]

_REPEAT: Final = 0.25
_RUNNING, _RAISED, _ACKNOWLEDGED, _DONE = range(4)


class TimeUp(BaseException):
    """Raised asynchronously in a verifying thread whose hard deadline passed."""


def _set_async_exc(thread_id: int, exception: type[BaseException] | None) -> None:
    api = getattr(ctypes, "pythonapi", None)
    if api is None:  # pragma: no cover - not CPython
        return
    target = ctypes.py_object(exception) if exception is not None else None
    count = api.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), target)
    if count > 1:  # pragma: no cover - cannot happen with a valid thread id; undo as documented
        api.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)


class Guard:
    """The hard deadline of one verification in one thread."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.thread_id = threading.get_ident()
        self._lock = threading.Lock()
        self._state = _RUNNING

    @property
    def fired(self) -> bool:
        return self._state in (_RAISED, _ACKNOWLEDGED)

    def acknowledge(self) -> None:
        """The verifier caught ``TimeUp``: stop raising it (the plan stops anyway)."""
        with self._lock:
            if self._state == _RAISED:
                self._state = _ACKNOWLEDGED

    def disarm(self) -> None:
        """No ``TimeUp`` after this returns (a pending one is cancelled). Idempotent."""
        with self._lock:
            if self._state == _RAISED:
                _set_async_exc(self.thread_id, None)
            self._state = _DONE

    def _fire(self) -> bool:
        """Raise ``TimeUp`` in the thread if still running; whether to try again later."""
        with self._lock:
            if self._state in (_RUNNING, _RAISED):
                self._state = _RAISED
                _set_async_exc(self.thread_id, TimeUp)
                return True
            return False


class _Watchdog:
    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Guard]] = []
        self._order = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def add(self, item: Guard) -> None:
        with self._wake:
            earliest = self._heap[0][0] if self._heap else None
            heapq.heappush(self._heap, (item.deadline, next(self._order), item))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._loop, name="verify-watchdog", daemon=True
                )
                self._thread.start()
            if earliest is None or item.deadline < earliest:
                # Only a new earliest deadline needs the thread awake (and the GIL) now.
                self._wake.notify()

    def _loop(self) -> None:
        while True:
            with self._wake:
                while not self._heap:
                    self._wake.wait()
                deadline, _, item = self._heap[0]
                wait = deadline - time.monotonic()
                if wait > 0:
                    self._wake.wait(wait)
                    continue
                heapq.heappop(self._heap)
            if item._fire():
                with self._wake:
                    entry = (time.monotonic() + _REPEAT, next(self._order), item)
                    heapq.heappush(self._heap, entry)


_WATCHDOG: Final = _Watchdog()


@contextmanager
def guard(seconds: float) -> Iterator[Guard]:
    """Raise :class:`TimeUp` in this thread if the block runs longer than ``seconds``.

    The block must catch ``TimeUp`` itself (and call :meth:`Guard.acknowledge`); leaving the
    block disarms the guard, and no ``TimeUp`` follows.
    """
    item = Guard(time.monotonic() + seconds)
    _WATCHDOG.add(item)
    try:
        yield item
    finally:
        while True:
            try:
                item.disarm()
                break
            except TimeUp:  # delivered inside disarm, before it could cancel it: try again
                continue
