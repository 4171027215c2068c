"""The outbox: log entries waiting for the trust network, retried with capped back-off.

An entry is keyed by the SHA-256 of its bytes, so enqueueing the same entry twice (a double
click, a retry after a crash) yields the one item it already has: the network never sees it
twice from us. Delivering or failing changes only the outbox row; a caller that also updates the
document register does both inside one ``store.transaction()``.
"""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass
from enum import StrEnum

from exporter_desk.domain import DocumentId
from exporter_desk.store._convert import check_sizes, instant_text, text_instant
from exporter_desk.store._repository import check_window
from exporter_desk.store._session import Session
from exporter_desk.store.documents import RECEIPT_LIMIT
from exporter_desk.store.errors import MissingReferenceError, NotFoundError

ENTRY_LIMIT = 64 * 1024  # an entry is a few hundred bytes of text
ERROR_LIMIT = 2_000  # characters of the last error kept (longer messages are cut)
FIRST_RETRY = dt.timedelta(seconds=30)
MAX_RETRY = dt.timedelta(hours=1)


class OutboxState(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    REJECTED = "rejected"  # the network refused it for good (such as a duplicate number)


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    entry: bytes
    entry_digest: str  # hex SHA-256 of ``entry``
    document_id: DocumentId | None
    state: OutboxState
    attempts: int
    next_attempt_at: dt.datetime
    last_error: str
    receipt: str | None
    created_at: dt.datetime
    delivered_at: dt.datetime | None


def retry_delay(attempts: int) -> dt.timedelta:
    """Wait after ``attempts`` failures: 30 s, 1 min, 2 min, ... doubling, at most 1 hour."""
    if attempts < 1:
        return dt.timedelta(0)
    # 2**7 x 30 s already exceeds the cap; bounding the exponent keeps the arithmetic small.
    return min(FIRST_RETRY * (1 << min(attempts - 1, 16)), MAX_RETRY)


def entry_digest(entry: bytes) -> str:
    return hashlib.sha256(entry).hexdigest()


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def enqueue(
        self, entry: bytes, now: dt.datetime, document_id: DocumentId | None = None
    ) -> OutboxItem:
        """Queue ``entry`` for registration, due at once; the same bytes are queued once.

        Raises:
            TooLargeError: for an entry over ENTRY_LIMIT bytes.
            MissingReferenceError: when ``document_id`` names no document.
            ValueError: for an empty entry or a naive ``now`` (caller bugs).
        """
        if not entry:
            raise ValueError("an outbox entry cannot be empty")
        check_sizes("outbox entry", {"entry": entry}, {"entry": ENTRY_LIMIT})
        digest = entry_digest(entry)
        stamp = instant_text(now)
        with self._s.transaction():
            if (
                document_id is not None
                and self._s.one("SELECT 1 FROM documents WHERE id = ?", (document_id,)) is None
            ):
                raise MissingReferenceError("outbox entry", "document_id", "document", document_id)
            self._s.execute(
                "INSERT INTO outbox (entry, entry_digest, document_id, next_attempt_at, "
                "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (entry_digest) DO NOTHING",
                (entry, digest, document_id, stamp, stamp),
            )
            row = self._s.one("SELECT * FROM outbox WHERE entry_digest = ?", (digest,))
        assert row is not None
        return _item(row)

    def get(self, item_id: int) -> OutboxItem:
        """Raises: NotFoundError."""
        row = self._s.one("SELECT * FROM outbox WHERE id = ?", (item_id,))
        if row is None:
            raise NotFoundError("outbox entry", item_id)
        return _item(row)

    def due(self, now: dt.datetime, limit: int = 20) -> builtins.list[OutboxItem]:
        """Pending items whose next attempt is at or before ``now``, longest waiting first."""
        check_window(0, limit)
        rows = self._s.rows(
            "SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? "
            "ORDER BY next_attempt_at, id LIMIT ?",
            (instant_text(now), limit),
        )
        return [_item(row) for row in rows]

    def pending(self, limit: int = 20) -> builtins.list[OutboxItem]:
        """Pending items whatever their back-off, soonest due first (a user's "Retry now")."""
        check_window(0, limit)
        rows = self._s.rows(
            "SELECT * FROM outbox WHERE state = 'pending' ORDER BY next_attempt_at, id LIMIT ?",
            (limit,),
        )
        return [_item(row) for row in rows]

    def mark_delivered(self, item_id: int, receipt: str, now: dt.datetime) -> OutboxItem:
        """Record the network's receipt; the item is done.

        Raises:
            NotFoundError, TooLargeError (a receipt over RECEIPT_LIMIT characters).
        """
        check_sizes("outbox entry", {"receipt": receipt}, {"receipt": RECEIPT_LIMIT})
        if not receipt:
            raise ValueError("a delivered entry needs its receipt")
        return self._change(
            item_id,
            "state = 'delivered', receipt = ?, delivered_at = ?, last_error = ''",
            (receipt, instant_text(now)),
            only_pending=False,
        )

    def mark_failed(self, item_id: int, error: str, now: dt.datetime) -> OutboxItem:
        """Count a failed attempt and schedule the next one after ``retry_delay``.

        An item no longer pending (delivered meanwhile) is returned unchanged: a late failure
        report never undoes a delivery.

        Raises:
            NotFoundError.
        """
        with self._s.transaction():
            item = self.get(item_id)
            if item.state is not OutboxState.PENDING:
                return item
            attempts = item.attempts + 1
            return self._change(
                item_id,
                "attempts = ?, last_error = ?, next_attempt_at = ?",
                (attempts, error[:ERROR_LIMIT], instant_text(now + retry_delay(attempts))),
            )

    def mark_rejected(self, item_id: int, error: str) -> OutboxItem:
        """The network refused the entry for good; it is not retried.

        Raises:
            NotFoundError.
        """
        return self._change(item_id, "state = 'rejected', last_error = ?", (error[:ERROR_LIMIT],))

    def pending_count(self) -> int:
        return int(self._s.scalar("SELECT count(*) FROM outbox WHERE state = 'pending'"))

    def count(self) -> int:
        return int(self._s.scalar("SELECT count(*) FROM outbox"))

    def list(self, offset: int = 0, limit: int = 50) -> builtins.list[OutboxItem]:
        """One window of items, oldest first."""
        check_window(offset, limit)
        rows = self._s.rows("SELECT * FROM outbox ORDER BY id LIMIT ? OFFSET ?", (limit, offset))
        return [_item(row) for row in rows]

    def _change(
        self,
        item_id: int,
        assignments: str,
        params: tuple[object, ...],
        *,
        only_pending: bool = True,
    ) -> OutboxItem:
        condition = " AND state = 'pending'" if only_pending else ""
        with self._s.transaction():
            self._s.execute(
                f"UPDATE outbox SET {assignments} WHERE id = ?{condition}", (*params, item_id)
            )
            return self.get(item_id)


def _item(row: sqlite3.Row) -> OutboxItem:
    delivered = row["delivered_at"]
    document_id = row["document_id"]
    return OutboxItem(
        id=row["id"],
        entry=bytes(row["entry"]),
        entry_digest=row["entry_digest"],
        document_id=None if document_id is None else DocumentId(document_id),
        state=OutboxState(row["state"]),
        attempts=row["attempts"],
        next_attempt_at=text_instant(row["next_attempt_at"]),
        last_error=row["last_error"],
        receipt=row["receipt"],
        created_at=text_instant(row["created_at"]),
        delivered_at=None if delivered is None else text_instant(delivered),
    )


__all__ = [
    "ENTRY_LIMIT",
    "OutboxItem",
    "OutboxRepository",
    "OutboxState",
    "entry_digest",
    "retry_delay",
]
