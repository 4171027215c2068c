"""Packing lists: package ranges round trip exactly and are replaced on update."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exporter_desk.domain import InvoiceId
from exporter_desk.store import MissingReferenceError, Store
from tests.store.conftest import World, packing_list_for


def test_a_packing_list_built_from_an_invoice_round_trips(store: Store, world: World) -> None:
    packing_list = packing_list_for(world)
    saved = store.packing_lists.save(packing_list)
    loaded = store.packing_lists.get(saved.id)  # type: ignore[arg-type]
    assert loaded == packing_list
    assert loaded.package_count() == packing_list.package_count() == 300 + 60
    assert loaded.gross_kg() == packing_list.gross_kg()
    assert loaded.volume_m3() == packing_list.volume_m3()
    assert store.packing_lists.for_invoice(world.invoice.id) == [saved]  # type: ignore[arg-type]


def test_updating_a_packing_list_replaces_its_ranges(store: Store, world: World) -> None:
    saved = store.packing_lists.save(packing_list_for(world))
    fewer = replace(saved, packages=saved.packages[:1], marks="N/M")
    store.packing_lists.save(fewer)
    assert store.packing_lists.get(saved.id) == fewer  # type: ignore[arg-type]
    assert store._session.scalar("SELECT count(*) FROM package_ranges") == 1


def test_a_packing_list_for_a_missing_invoice_is_refused(store: Store, world: World) -> None:
    with pytest.raises(MissingReferenceError):
        store.packing_lists.save(replace(packing_list_for(world), invoice_id=InvoiceId(404)))
    assert store.packing_lists.count() == 0
