"""The store side of an import: lookups in one query, batch writes in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from exporter_desk.domain import ProductId, ValidationError
from exporter_desk.services.demo import seed_demo
from exporter_desk.store import DuplicateError, NotFoundError, Store, database_path, open_store
from exporter_desk.store.relocate import relocate_documents
from exporter_desk.store.upsert import load_products, party_keys, product_ids_by_sku


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(database_path(tmp_path)) as opened:
        seed_demo(opened)
        yield opened


def test_save_many_inserts_and_updates_in_one_go(store: Store) -> None:
    first = store.products.list()[0]
    changed = replace(first, unit_price=Decimal("99.5"))
    new = replace(first, id=None, sku="BATCH-1")
    store.products.save_many([changed, new])
    assert store.products.get(ProductId(first.id or 0)).unit_price == Decimal("99.5")
    assert store.products.by_sku("BATCH-1") is not None
    assert product_ids_by_sku(store)["BATCH-1"] == store.products.by_sku("BATCH-1").id  # type: ignore[union-attr]


def test_save_many_writes_nothing_when_one_product_is_bad(store: Store) -> None:
    first = store.products.list()[0]
    before = store.products.count()
    good = replace(first, id=None, sku="GOOD-1")
    with pytest.raises(ValidationError):
        store.products.save_many([good, replace(first, id=None, sku="BAD-1", hs_code="12")])
    with pytest.raises(DuplicateError):
        store.products.save_many([good, replace(first, id=None)])  # the SKU is taken
    with pytest.raises(NotFoundError):
        store.products.save_many([replace(first, id=ProductId(9999), sku="GONE")])
    assert store.products.count() == before
    assert store.products.by_sku("GOOD-1") is None


def test_lookups_cover_every_record(store: Store) -> None:
    products = store.products.list()
    loaded = load_products(store, [ProductId(p.id or 0) for p in products])
    assert list(loaded.values()) == products
    keys = party_keys(store)
    exporter = next(p for p in store.parties.list() if p.registration_id)
    assert keys.by_registration[(exporter.country, exporter.registration_id)] == exporter.id


def test_relocate_points_documents_at_the_new_folder_only_under_the_old_one(
    store: Store,
) -> None:
    store._session.execute(
        "INSERT INTO documents (kind, number, source_table, source_id, status, created_at, path)"
        " VALUES ('commercial-invoice', 'X-1', 'invoices', 1, 'registered', '2026-01-01T00:00:00Z',"
        " '/old/data/documents/x.pdf'), ('commercial-invoice', 'X-2', 'invoices', 1, 'registered',"
        " '2026-01-01T00:00:00Z', '/old/database/y.pdf')"
    )
    assert relocate_documents(store, "/old/data", "/new/place") == 1
    paths = sorted(d.path for d in store.documents.list())
    assert paths == ["/new/place/documents/x.pdf", "/old/database/y.pdf"]
