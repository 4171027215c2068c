"""Received documents in the store, and which deals use a transport document number."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from exporter_desk.domain import Deal, DealId
from exporter_desk.domain.errors import ValidationError
from exporter_desk.domain.received import ReceivedDocument, ReceivedKind, ReceivedLine
from exporter_desk.domain.shipment import Container
from exporter_desk.store import Store
from exporter_desk.store.received import _USES_SQL, TransportDocumentUse
from tests.store.conftest import World

SHA = "ab" * 32


def _bl(deal_id: DealId, number: str = "COSU6123456780") -> ReceivedDocument:
    return ReceivedDocument(
        deal_id,
        ReceivedKind.BILL_OF_LADING,
        "bl.pdf",
        SHA,
        1234,
        stored_path="received/bl.pdf",
        number=number,
        date=dt.date(2025, 3, 14),
        issuer="COSCO Shipping Lines",
        gross_kg=Decimal("5210.40"),
        packages=320,
        port_of_loading="cnsha",
        port_of_discharge="DEHAM",
        vessel="COSCO SHIPPING ARIES",
        voyage="042W",
        on_board_date=dt.date(2025, 3, 14),
        containers=(Container("CSQU3054383", seal="CN2025881"),),
        originals=3,
    )


def test_a_received_document_round_trips_with_every_typed_field(store: Store) -> None:
    deal = store.deals.save(Deal(reference="DEAL-1"))
    assert deal.id is not None
    invoice = ReceivedDocument(
        deal.id,
        ReceivedKind.SUPPLIER_INVOICE,
        "inv.pdf",
        SHA,
        10,
        number="VN-1",
        currency="usd",
        amount=Decimal("1234.50"),
        lines=(ReceivedLine("LED panel", Decimal("12.5"), "PCS"),),
        net_kg=Decimal("100.25"),
        verdict="authentic",
        verdict_detail='{"result": "authentic"}',
    )
    saved = [store.received.save(_bl(deal.id)), store.received.save(invoice)]
    assert store.received.for_deal(deal.id) == saved
    assert saved[0].port_of_loading == "CNSHA" and saved[1].currency == "USD"
    assert store.received.get(saved[1].id) == saved[1]  # type: ignore[arg-type]


def test_a_received_document_with_problems_is_refused(store: Store) -> None:
    deal = store.deals.save(Deal(reference="DEAL-1"))
    assert deal.id is not None
    with pytest.raises(ValidationError) as caught:
        store.received.save(replace(_bl(deal.id), sha256="not a digest", gross_kg=Decimal(-1)))
    assert {p.field for p in caught.value.problems} == {"sha256", "gross_kg"}


def test_other_deals_using_a_transport_document_are_found_by_shipment_and_by_received_bl(
    store: Store, world: World
) -> None:
    # world: an invoice of a sales contract on a shipment with B/L COSU6123456780
    ours = store.deals.save(Deal(reference="DEAL-OURS", sales_contract_id=world.contract.id))
    other = store.deals.save(Deal(reference="DEAL-OTHER"))
    unrelated = store.deals.save(Deal(reference="DEAL-UNRELATED"))
    assert ours.id and other.id and unrelated.id
    store.received.save(_bl(other.id, "cosu 6123456780"))
    store.received.save(_bl(unrelated.id, "MSCU1111111"))
    uses = store.received.deals_using_transport_document("COSU6123456780")
    assert uses == [
        TransportDocumentUse(ours.id, "DEAL-OURS", "shipment"),
        TransportDocumentUse(other.id, "DEAL-OTHER", "received"),
    ]
    assert [
        u.deal_id
        for u in store.received.deals_using_transport_document("COSU6123456780", excluding=ours.id)
    ] == [other.id]
    assert store.received.deals_using_transport_document("COSU0000000000") == []


def test_the_reuse_lookup_is_answered_from_indexes_not_by_scanning(store: Store) -> None:
    plan = [row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {_USES_SQL}", ["x", "x"])]
    assert any("shipments_by_transport_document_no" in step for step in plan)
    assert any("received_by_transport_no" in step for step in plan)
    assert not [s for s in plan if s.startswith("SCAN") and "INDEX" not in s], plan


def test_other_deals_margins_come_from_their_contract_lines(store: Store, world: World) -> None:
    purchase = store.contracts.save(
        replace(
            world.contract,
            id=None,
            number="P-1",
            seller_id=world.supplier.id or 0,
            buyer_id=world.exporter.id or 0,
            kind=world.contract.kind.PURCHASE,
        )
    )
    deal = store.deals.save(
        Deal(reference="D", purchase_contract_id=purchase.id, sales_contract_id=world.contract.id)
    )
    (margin,) = store.deal_files.margins()
    assert margin.deal_id == deal.id
    assert margin.sales_minor == world.contract.total().minor == margin.purchase_minor
    assert store.deal_files.margins(excluding=deal.id) == []


def test_a_deal_with_received_documents_cannot_be_deleted(store: Store) -> None:
    from exporter_desk.store.errors import InUseError

    deal = store.deals.save(Deal(reference="DEAL-1"))
    assert deal.id is not None
    store.received.save(_bl(deal.id))
    with pytest.raises(InUseError) as caught:
        store.deals.delete(deal.id)
    assert "received documents" in caught.value.user_message
    assert store.deals.get(deal.id) == deal


def test_the_export_carries_credits_and_received_documents(store: Store) -> None:
    from exporter_desk.store import export_json

    deal = store.deals.save(Deal(reference="DEAL-1"))
    assert deal.id is not None
    store.received.save(_bl(deal.id))
    data = export_json(store)
    assert data["received_documents"][0]["number"] == "COSU6123456780"
    assert data["credits"] == []


def test_a_shipment_keeps_its_on_board_date(store: Store) -> None:
    from tests.store.conftest import shipment

    saved = store.shipments.save(replace(shipment(), on_board_date=dt.date(2025, 3, 15)))
    assert saved.id is not None
    assert store.shipments.get(saved.id).on_board_date == dt.date(2025, 3, 15)
    cleared = store.shipments.save(replace(saved, on_board_date=None))
    assert store.shipments.get(saved.id) == cleared and cleared.on_board_date is None
