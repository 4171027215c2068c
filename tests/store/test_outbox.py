"""The outbox: the same entry is queued once, failures back off (capped), deliveries stick."""

from __future__ import annotations

import datetime as dt

import pytest

from exporter_desk.domain import DocumentId
from exporter_desk.store import (
    MissingReferenceError,
    OutboxState,
    Store,
    TooLargeError,
    retry_delay,
)
from exporter_desk.store.outbox import ENTRY_LIMIT, entry_digest
from tests.store.conftest import World, document_for

NOW = dt.datetime(2025, 3, 15, 9, 0, tzinfo=dt.UTC)
ENTRY = (
    b"exporter-desk-entry/v1\nkind commercial-invoice\nnumber BS-CI-2025-0042\n"
    b"issuer 3f1a...\ndigest " + b"a" * 64 + b"\nlength 48213\ntime 2025-03-15T09:00:00Z\n"
)


def test_enqueueing_the_same_entry_twice_yields_one_item(store: Store) -> None:
    first = store.outbox.enqueue(ENTRY, NOW)
    again = store.outbox.enqueue(ENTRY, NOW + dt.timedelta(minutes=5))
    assert again == first
    assert first.entry == ENTRY
    assert first.entry_digest == entry_digest(ENTRY)
    assert first.state is OutboxState.PENDING
    assert store.outbox.pending_count() == 1
    assert store.outbox.count() == 1


def test_a_new_entry_is_due_at_once_and_oldest_first(store: Store) -> None:
    a = store.outbox.enqueue(ENTRY, NOW)
    b = store.outbox.enqueue(ENTRY + b"2", NOW + dt.timedelta(seconds=1))
    assert store.outbox.due(NOW - dt.timedelta(seconds=1)) == []
    assert [i.id for i in store.outbox.due(NOW + dt.timedelta(seconds=1))] == [a.id, b.id]
    assert [i.id for i in store.outbox.due(NOW + dt.timedelta(seconds=1), limit=1)] == [a.id]


def test_failures_back_off_exponentially_up_to_one_hour() -> None:
    delays = [retry_delay(n).total_seconds() for n in range(1, 12)]
    assert delays[:8] == [30, 60, 120, 240, 480, 960, 1920, 3600]
    assert set(delays[7:]) == {3600}
    assert retry_delay(10_000) == dt.timedelta(hours=1)


def test_a_failed_attempt_is_counted_and_retried_after_the_back_off(store: Store) -> None:
    item = store.outbox.enqueue(ENTRY, NOW)
    failed = store.outbox.mark_failed(item.id, "connection refused", NOW)
    assert failed.attempts == 1
    assert failed.last_error == "connection refused"
    assert failed.next_attempt_at == NOW + dt.timedelta(seconds=30)
    assert store.outbox.due(NOW + dt.timedelta(seconds=29)) == []
    assert [i.id for i in store.outbox.due(NOW + dt.timedelta(seconds=30))] == [item.id]
    later = NOW + dt.timedelta(seconds=30)
    again = store.outbox.mark_failed(item.id, "timeout " * 1000, later)
    assert again.attempts == 2
    assert again.next_attempt_at == later + dt.timedelta(minutes=1)
    assert len(again.last_error) == 2000  # long errors are cut, not refused


def test_a_delivered_item_keeps_its_receipt_and_is_no_longer_due(
    store: Store, world: World
) -> None:
    doc = store.documents.save(document_for(world))
    item = store.outbox.enqueue(ENTRY, NOW, document_id=doc.id)
    done = store.outbox.mark_delivered(item.id, "receipt text", NOW + dt.timedelta(seconds=2))
    assert done.state is OutboxState.DELIVERED
    assert done.receipt == "receipt text"
    assert done.delivered_at == NOW + dt.timedelta(seconds=2)
    assert done.document_id == doc.id
    assert store.outbox.due(NOW + dt.timedelta(days=1)) == []
    assert store.outbox.pending_count() == 0
    # A failure reported late (a timed-out request that had in fact succeeded) changes nothing.
    assert store.outbox.mark_failed(item.id, "timeout", NOW + dt.timedelta(seconds=3)) == done
    assert store.outbox.enqueue(ENTRY, NOW) == done


def test_a_rejected_item_is_not_retried(store: Store) -> None:
    item = store.outbox.enqueue(ENTRY, NOW)
    rejected = store.outbox.mark_rejected(item.id, "number already registered")
    assert rejected.state is OutboxState.REJECTED
    assert store.outbox.due(NOW + dt.timedelta(days=1)) == []


def test_bad_entries_are_refused(store: Store) -> None:
    with pytest.raises(TooLargeError):
        store.outbox.enqueue(b"x" * (ENTRY_LIMIT + 1), NOW)
    with pytest.raises(ValueError):
        store.outbox.enqueue(b"", NOW)
    with pytest.raises(ValueError):
        store.outbox.enqueue(ENTRY, dt.datetime(2025, 3, 15, 9, 0))  # naive time
    with pytest.raises(MissingReferenceError):
        store.outbox.enqueue(ENTRY, NOW, document_id=DocumentId(5))
    assert store.outbox.count() == 0


def test_delivery_and_register_update_commit_together(store: Store, world: World) -> None:
    from dataclasses import replace

    from exporter_desk.domain import DocumentStatus

    doc = store.documents.save(document_for(world))
    item = store.outbox.enqueue(ENTRY, NOW, document_id=doc.id)
    with pytest.raises(RuntimeError), store.transaction():
        store.outbox.mark_delivered(item.id, "receipt", NOW)
        store.documents.save(
            replace(doc, status=DocumentStatus.REGISTERED, receipt="receipt", log_index=7)
        )
        raise RuntimeError("crash before commit")
    assert store.outbox.get(item.id).state is OutboxState.PENDING
    assert store.documents.get(doc.id).status is DocumentStatus.AWAITING_REGISTRATION  # type: ignore[arg-type]
