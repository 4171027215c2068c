"""Shipments: containers round trip and are replaced; search follows the containers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exporter_desk.domain import Container, PartyId
from exporter_desk.store import DuplicateError, InUseError, MissingReferenceError, Store
from tests.store.conftest import World, shipment


def test_a_shipment_round_trips_with_its_containers(store: Store, world: World) -> None:
    assert store.shipments.get(world.shipment.id) == shipment()  # type: ignore[arg-type]


def test_replacing_containers_updates_the_search_index(store: Store, world: World) -> None:
    store.shipments.save(replace(world.shipment, containers=(Container("TGHU9876542", "S-1"),)))
    assert store.shipments.get(world.shipment.id).containers == (  # type: ignore[arg-type]
        Container("TGHU9876542", "S-1"),
    )
    assert store.shipments.search("MSKU1234565") == []
    assert [s.id for s in store.shipments.search("TGHU9876542")] == [world.shipment.id]
    fts_rows = store._session.scalar("SELECT count(*) FROM shipments_fts")
    assert fts_rows == 1


def test_shipment_references_are_unique(store: Store, world: World) -> None:
    with pytest.raises(DuplicateError):
        store.shipments.save(replace(shipment(), containers=()))


def test_a_shipment_on_an_invoice_cannot_be_deleted(store: Store, world: World) -> None:
    with pytest.raises(InUseError):
        store.shipments.delete(world.shipment.id)  # type: ignore[arg-type]


def test_an_unused_shipment_is_deleted_with_its_containers(store: Store, world: World) -> None:
    other = store.shipments.save(replace(shipment(), reference="SHP-2025-0043"))
    store.shipments.delete(other.id)  # type: ignore[arg-type]
    assert (
        store._session.scalar("SELECT count(*) FROM containers WHERE shipment_id = ?", (other.id,))
        == 0
    )
    assert [s.id for s in store.shipments.search("SHP-2025")] == [world.shipment.id]


def test_the_forwarder_is_stored_and_its_party_cannot_be_deleted(
    store: Store, world: World
) -> None:
    party = store.parties.save(replace(world.supplier, id=None, name_en="Elbe Forwarding GmbH"))
    store.parties.delete(party.id)  # type: ignore[arg-type]  # unused: it may go
    forwarder = store.parties.save(replace(party, id=None)).id
    store.shipments.save(replace(world.shipment, forwarder_id=forwarder))
    assert store.shipments.get(world.shipment.id).forwarder_id == forwarder  # type: ignore[arg-type]
    with pytest.raises(InUseError):
        store.parties.delete(forwarder)  # type: ignore[arg-type]


def test_a_forwarder_that_does_not_exist_is_refused(store: Store, world: World) -> None:
    with pytest.raises(MissingReferenceError):
        store.shipments.save(replace(world.shipment, forwarder_id=PartyId(999)))
