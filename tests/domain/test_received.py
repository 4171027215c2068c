"""Documents received from others: canonical codes on construction, problems per field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from exporter_desk.domain import DealId
from exporter_desk.domain.received import ReceivedDocument, ReceivedKind, ReceivedLine
from exporter_desk.domain.shipment import Container, Shipment, TransportMode

SHA = "0f" * 32


def test_transport_documents_are_the_four_carriers_documents() -> None:
    assert {k for k in ReceivedKind if k.is_transport} == {
        ReceivedKind.BILL_OF_LADING,
        ReceivedKind.AIR_WAYBILL,
        ReceivedKind.CMR,
        ReceivedKind.RAIL_NOTE,
    }
    assert ReceivedKind.CMR.label == "CMR consignment note"


def test_typed_codes_are_made_canonical() -> None:
    doc = ReceivedDocument(
        DealId(1),
        ReceivedKind.BILL_OF_LADING,
        "bl.pdf",
        SHA,
        1,
        number="oolu 2718456780",
        currency="usd",
        amount=Decimal(1),
        port_of_loading="vn sgn",
        voyage="061 w",
        containers=(Container("csqu 305438 3"),),
    )
    assert (doc.number, doc.currency, doc.port_of_loading) == ("OOLU2718456780", "USD", "VNSGN")
    assert doc.containers[0].number == "CSQU3054383"
    assert doc.problems() == []


def test_an_invoice_number_is_kept_as_written() -> None:
    doc = ReceivedDocument(
        DealId(1), ReceivedKind.SUPPLIER_INVOICE, "i.pdf", SHA, 1, number="inv 26/0815"
    )
    assert doc.number == "inv 26/0815"


def test_each_problem_names_its_field() -> None:
    doc = ReceivedDocument(
        DealId(1),
        ReceivedKind.SUPPLIER_INVOICE,
        "",
        "XYZ",
        -1,
        amount=Decimal(5),
        net_kg=Decimal(10),
        gross_kg=Decimal(9),
        packages=-2,
        port_of_discharge="Hamburg",
        lines=(ReceivedLine("bolts", Decimal(-1)),),
        originals=120,
    )
    assert {p.field for p in doc.problems()} == {
        "file_name",
        "sha256",
        "size",
        "currency",
        "gross_kg",
        "packages",
        "port_of_discharge",
        "lines.0.quantity",
        "originals",
    }


def test_a_shipment_keeps_its_on_board_date() -> None:
    shipment = Shipment(
        "SHP-1", TransportMode.SEA, "VNSGN", "DEHAM", on_board_date=dt.date(2026, 11, 10)
    )
    assert shipment.on_board_date == dt.date(2026, 11, 10) and shipment.problems() == []
