"""Contracts: round trips, lines replaced on update, numbers unique per kind, in-use checks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exporter_desk.domain import ContractKind, PaymentMethod, PaymentTerms
from exporter_desk.store import DuplicateError, InUseError, Store
from tests.store.conftest import World, dump


def test_a_contract_round_trips_exactly(store: Store, world: World) -> None:
    loaded = store.contracts.get(world.contract.id)  # type: ignore[arg-type]
    assert loaded == world.contract
    assert loaded.total() == world.contract.total()
    assert (
        store._session.scalar(
            "SELECT total_minor FROM contracts WHERE id = ?", (world.contract.id,)
        )
        == world.contract.total().minor
    )


def test_updating_a_contract_replaces_its_lines(store: Store, world: World) -> None:
    updated = replace(
        world.contract,
        lines=world.contract.lines[:1],
        payment=PaymentTerms(PaymentMethod.LC, days=60, lc_number="LC-889", issuing_bank="HSBC"),
        partial_shipment=True,
    )
    store.contracts.save(updated)
    assert store.contracts.get(world.contract.id) == updated  # type: ignore[arg-type]
    assert store._session.scalar("SELECT count(*) FROM contract_lines") == 1


def test_contract_numbers_are_unique_per_kind(store: Store, world: World) -> None:
    with pytest.raises(DuplicateError):
        store.contracts.save(replace(world.contract, id=None))
    purchase = store.contracts.save(
        replace(
            world.contract,
            id=None,
            kind=ContractKind.PURCHASE,
            seller_id=world.supplier.id,  # type: ignore[arg-type]
            buyer_id=world.exporter.id,  # type: ignore[arg-type]
        )
    )
    assert [c.id for c in store.contracts.search("Saigon")] == [purchase.id]
    assert {c.id for c in store.contracts.search("BS-SC-2025-017")} == {
        purchase.id,
        world.contract.id,
    }


def test_a_contract_with_an_invoice_cannot_be_deleted(store: Store, world: World) -> None:
    before = dump(store)
    with pytest.raises(InUseError) as caught:
        store.contracts.delete(world.contract.id)  # type: ignore[arg-type]
    assert caught.value.users == {"invoices": 1}
    assert dump(store) == before
