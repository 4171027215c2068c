"""Checking entry signatures off the event loop: ECDSA verification releases the GIL, so on a
thread of its own it runs on another core while the loop goes on parsing requests.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future

from cryptography.hazmat.primitives.asymmetric import ec

from exporter_desk.notary.batch import EntryItem, Registration, WorkItem
from exporter_desk.notary.errors import ApiError, member_revoked, unavailable
from exporter_desk.notary.members import MemberDirectory
from exporter_desk.notary.sequencer import Sequencer, settle
from exporter_desk.trustnet import Entry, EntryError

__all__ = ["SignatureChecker", "verify_entry_signature"]


def verify_entry_signature(entry: Entry, key: ec.EllipticCurvePublicKey) -> None:
    try:
        entry.verify_signature(key)
    except EntryError as exc:
        raise ApiError(
            403,
            "bad_signature",
            f"the entry's signature does not verify with the member's key: {exc}",
            user_message=exc.user_message,
        ) from exc


class SignatureChecker:
    """A thread that checks entry signatures in batches and hands the good ones on."""

    def __init__(self, members: MemberDirectory, sequencer: Sequencer) -> None:
        self._members = members
        self._sequencer = sequencer
        self._pending: list[tuple[EntryItem, Future[Registration]]] = []
        self._lock = threading.Lock()
        self._wakeup = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None

    def submit(self, item: EntryItem) -> Future[Registration]:
        future: Future[Registration] = Future()
        if self._stopping:
            settle(future, exception=unavailable("the log is shutting down"))
            return future
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="signatures", daemon=True)
                self._thread.start()
            self._pending.append((item, future))
        self._wakeup.set()
        return future

    def stop(self) -> None:
        self._stopping = True
        self._wakeup.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stopping:
            self._wakeup.wait(0.5)
            self._wakeup.clear()
            with self._lock:
                work, self._pending = self._pending, []
            good: list[tuple[WorkItem, Future[Registration]]] = []
            for item, future in work:
                member = self._members.get(item.entry.issuer)
                try:
                    if member is None or not member.active:
                        raise member_revoked()
                    verify_entry_signature(item.entry, member.public_key)
                except ApiError as refusal:
                    settle(future, exception=refusal)
                    continue
                good.append((item, future))
            if good:
                self._sequencer.submit_many(good)
        with self._lock:
            work, self._pending = self._pending, []
        for _, future in work:
            settle(future, exception=unavailable("the log stopped before answering"))
