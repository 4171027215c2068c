"""The document register: entries round trip, bad entries are refused, issued sources stay."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from exporter_desk.domain import DocumentId, DocumentKind, DocumentStatus, ValidationError
from exporter_desk.store import InUseError, MissingReferenceError, Store, TooLargeError
from tests.store.conftest import World, document_for, dump


def test_a_register_entry_round_trips_and_moves_to_registered(store: Store, world: World) -> None:
    saved = store.documents.save(document_for(world))
    assert store.documents.get(saved.id) == saved  # type: ignore[arg-type]
    registered = replace(
        saved,
        status=DocumentStatus.REGISTERED,
        receipt="exporter-desk.example/log\n1234\n...",
        log_index=1233,
        digest_final="b" * 64,
    )
    store.documents.save(registered)
    loaded = store.documents.get(saved.id)  # type: ignore[arg-type]
    assert loaded == registered
    assert loaded.created_at == dt.datetime(2025, 3, 15, 1, 30, tzinfo=dt.UTC)
    assert store.documents.for_source("invoices", world.invoice.id) == [loaded]  # type: ignore[arg-type]
    assert store.documents.by_number(DocumentKind.COMMERCIAL_INVOICE, "BS-CI-2025-0042") == [loaded]
    assert [d.id for d in store.documents.search("CI-2025")] == [saved.id]


def test_a_superseding_entry_points_at_the_one_it_replaces(store: Store, world: World) -> None:
    first = store.documents.save(document_for(world))
    second = store.documents.save(replace(document_for(world), supersedes_id=first.id))
    assert store.documents.get(second.id).supersedes_id == first.id  # type: ignore[arg-type]
    with pytest.raises(MissingReferenceError):
        store.documents.save(replace(document_for(world), supersedes_id=DocumentId(999)))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"number": ""}, "number"),
        ({"digest_r1": "ABC"}, "digest_r1"),
        ({"digest_final": "g" * 64}, "digest_final"),
        ({"source_table": "parties"}, "source_table"),
        ({"status": DocumentStatus.REGISTERED}, "receipt"),
        ({"created_at": dt.datetime(2025, 3, 15, 9, 30)}, "created_at"),
        ({"log_index": -1}, "log_index"),
    ],
)
def test_a_bad_register_entry_is_refused_and_nothing_is_written(
    store: Store, world: World, change: dict[str, object], field: str
) -> None:
    before = dump(store)
    with pytest.raises(ValidationError) as caught:
        store.documents.save(replace(document_for(world), **change))  # type: ignore[arg-type]
    assert caught.value.messages_for(field), caught.value.problems
    assert "The document has" in caught.value.user_message
    assert dump(store) == before


def test_a_ten_megabyte_receipt_is_refused(store: Store, world: World) -> None:
    with pytest.raises(TooLargeError):
        store.documents.save(replace(document_for(world), receipt="r" * 10_000_000))
    assert store.documents.count() == 0


def test_a_document_for_a_missing_record_is_refused(store: Store, world: World) -> None:
    with pytest.raises(MissingReferenceError):
        store.documents.save(replace(document_for(world), source_id=4242))


def test_an_issued_invoice_cannot_be_deleted(store: Store, world: World) -> None:
    store.documents.save(document_for(world))
    with pytest.raises(InUseError) as caught:
        store.invoices.delete(world.invoice.id)  # type: ignore[arg-type]
    assert caught.value.users == {"issued documents": 1}
