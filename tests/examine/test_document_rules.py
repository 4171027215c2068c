"""Each cross-document rule: silent on the consistent sample deal, speaking on one change."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from exporter_desk.domain.received import ReceivedKind
from exporter_desk.domain.shipment import Container
from exporter_desk.examine import Presentation
from exporter_desk.examine.document_rules import (
    containers_agree,
    descriptions_do_not_conflict,
    marks_agree,
    packages_agree,
    quantities_agree,
    supplier_invoice_matches_purchase,
    transport_details_agree,
    weights_agree,
)
from tests.examine.conftest import received, with_received


def test_invoice_and_packing_list_quantities_agree(clean: Presentation) -> None:
    assert quantities_agree(clean) == []
    packing = clean.packing_lists[0]
    first = packing.packages[0]
    fewer = replace(first, last=first.last - 1)
    changed = replace(
        clean, packing_lists=(replace(packing, packages=(fewer, *packing.packages[1:])),)
    )
    found = quantities_agree(changed)
    assert [d.fields for d in found] == [
        (("invoice", 1, "lines.0.quantity"), ("packing_list", 1, "packages"))
    ]
    assert "bills 800" in found[0].message and "packs 796" in found[0].message


def test_net_weight_on_the_suppliers_invoice_agrees_with_the_packing_list(
    clean: Presentation,
) -> None:
    assert weights_agree(clean) == []
    invoice = received(clean, ReceivedKind.SUPPLIER_INVOICE)
    assert invoice.net_kg is not None
    heavier = with_received(clean, replace(invoice, net_kg=invoice.net_kg + Decimal("12.5")))
    found = weights_agree(heavier)
    assert [d.fields for d in found] == [
        (("received", invoice.id, "net_kg"), ("packing_list", 1, "net_kg"))
    ]


def test_weights_are_compared_to_the_hundredth_of_a_kilogram(clean: Presentation) -> None:
    bl = received(clean, ReceivedKind.BILL_OF_LADING)
    assert bl.gross_kg is not None
    same = with_received(clean, replace(bl, gross_kg=bl.gross_kg + Decimal("0.004")))
    assert weights_agree(same) == []
    other = with_received(clean, replace(bl, gross_kg=bl.gross_kg + Decimal("0.01")))
    assert len(weights_agree(other)) == 1


def test_packages_agree(clean: Presentation) -> None:
    assert packages_agree(clean) == []
    bl = received(clean, ReceivedKind.BILL_OF_LADING)
    assert bl.packages is not None
    found = packages_agree(with_received(clean, replace(bl, packages=bl.packages + 1)))
    assert [d.fields[0] for d in found] == [("received", bl.id, "packages")]


def test_marks_agree(clean: Presentation) -> None:
    assert marks_agree(clean) == []
    relettered = replace(clean, packing_lists=(replace(clean.packing_lists[0], marks="N/M"),))
    assert [d.fields for d in marks_agree(relettered)] == [
        (("invoice", 1, "marks"), ("packing_list", 1, "marks"))
    ]


def test_container_and_seal_numbers_agree(clean: Presentation) -> None:
    assert containers_agree(clean) == []
    bl = received(clean, ReceivedKind.BILL_OF_LADING)
    resealed = (Container("CSQU3054383", seal="OOLGK9999"),)
    found = containers_agree(with_received(clean, replace(bl, containers=resealed)))
    assert "seal OOLGK9999" in found[0].message
    other_box = (Container("MSKU1234565", seal="OOLGK8812"),)
    found = containers_agree(with_received(clean, replace(bl, containers=other_box)))
    assert [d.fields for d in found] == [
        (("received", bl.id, "containers"), ("shipment", 1, "containers"))
    ]


def test_the_bl_and_the_shipment_tell_one_story(clean: Presentation) -> None:
    assert transport_details_agree(clean) == []
    bl = received(clean, ReceivedKind.BILL_OF_LADING)
    assert bl.on_board_date is not None
    changed = replace(bl, voyage="062W", on_board_date=bl.on_board_date + dt.timedelta(1))
    found = transport_details_agree(with_received(clean, changed))
    assert [d.fields[0] for d in found] == [
        ("received", bl.id, "voyage"),
        ("received", bl.id, "on_board_date"),
    ]


def test_suppliers_invoice_as_contracted(clean: Presentation) -> None:
    assert supplier_invoice_matches_purchase(clean) == []
    invoice = received(clean, ReceivedKind.SUPPLIER_INVOICE)
    assert invoice.amount is not None
    dearer = with_received(clean, replace(invoice, amount=invoice.amount + 500))
    assert [d.fields for d in supplier_invoice_matches_purchase(dearer)] == [
        (("received", invoice.id, "amount"), ("purchase_contract", 1, "lines"))
    ]
    in_eur = with_received(clean, replace(invoice, currency="EUR"))
    assert "EUR" in supplier_invoice_matches_purchase(in_eur)[0].message


def test_packing_list_descriptions_do_not_conflict_with_the_invoice(clean: Presentation) -> None:
    assert descriptions_do_not_conflict(clean) == []
    packing = clean.packing_lists[0]
    renamed = replace(packing.packages[0], description="Impact drill 20 V")
    changed = replace(
        clean, packing_lists=(replace(packing, packages=(renamed, *packing.packages[1:])),)
    )
    assert [d.fields for d in descriptions_do_not_conflict(changed)] == [
        (("packing_list", 1, "packages.0.description"), ("invoice", 1, "lines.0.description_en"))
    ]
