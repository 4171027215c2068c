"""Deals: both legs of a back-to-back trade, saved and loaded together."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from exporter_desk.domain import ContractId, ContractKind, Deal, sales_leg_from
from exporter_desk.store import InUseError, MissingReferenceError, Store
from tests.store.conftest import World, deal_for, sea_terms, tt_terms


def test_a_deal_round_trips_and_loads_both_legs(store: Store, world: World) -> None:
    purchase = store.contracts.save(
        replace(
            world.contract,
            id=None,
            kind=ContractKind.PURCHASE,
            number="SGM-PO-2025-31",
            seller_id=world.supplier.id,  # type: ignore[arg-type]
            buyer_id=world.exporter.id,  # type: ignore[arg-type]
        )
    )
    sales = store.contracts.save(
        sales_leg_from(
            purchase,
            number="BS-SC-2025-018",
            date=dt.date(2025, 2, 1),
            buyer_id=world.buyer.id,  # type: ignore[arg-type]
            terms=sea_terms(),
            payment=tt_terms(),
            markup_percent=Decimal("12.5"),
        )
    )
    deal = replace(deal_for(world), purchase_contract_id=purchase.id, sales_contract_id=sales.id)
    saved = store.deals.save(deal)
    assert store.deals.get(saved.id) == deal  # type: ignore[arg-type]
    legs = store.deals.legs(saved)
    assert legs is not None
    assert legs.problems() == []
    margin = legs.margin()
    assert margin is not None and margin.amount > 0
    assert [d.id for d in store.deals.search("Saigon")] == [saved.id]
    with pytest.raises(InUseError):
        store.contracts.delete(purchase.id)  # type: ignore[arg-type]


def test_a_deal_without_legs_has_no_legs_to_load(store: Store, world: World) -> None:
    saved = store.deals.save(Deal(reference="DEAL-EMPTY"))
    assert store.deals.legs(saved) is None
    store.deals.delete(saved.id)  # type: ignore[arg-type]
    assert store.deals.count() == 0


def test_a_deal_naming_a_missing_contract_is_refused(store: Store, world: World) -> None:
    with pytest.raises(MissingReferenceError) as caught:
        store.deals.save(Deal(reference="DEAL-X", sales_contract_id=ContractId(77)))
    assert "contract (#77) that does not exist" in caught.value.user_message
