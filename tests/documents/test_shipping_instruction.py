"""The shipping instruction: what the forwarder must book and how the B/L must read."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from exporter_desk.documents import (
    MissingDocumentDataError,
    ShippingInstructionContext,
    render_document,
)
from exporter_desk.domain import DocumentKind, Incoterm, TransportMode
from tests.documents._data import options
from tests.documents._pdf import (
    assert_inside_margins,
    assert_qpdf_clean,
    embedded_json,
    flat,
    write,
)

SI = DocumentKind.SHIPPING_INSTRUCTION


@pytest.fixture
def instruction(contexts: dict[DocumentKind, object]) -> ShippingInstructionContext:
    ctx = contexts[SI]
    assert isinstance(ctx, ShippingInstructionContext)
    return ctx


def test_tells_the_forwarder_everything_for_the_booking_and_the_bl(
    instruction: ShippingInstructionContext, tmp_path: Path
) -> None:
    doc = render_document(SI, instruction, options())
    path = write(tmp_path, doc.pdf)
    words = flat(path)
    for expected in (
        "Shipping Instruction",
        "To (forwarder)",
        "Elbe Logistics Hamburg GmbH & Co. KG",
        "HY-SI-2026-0088 of 02 Nov 2026",
        "Shipment SHP-2026-0088 Invoice HY-CI-2026-0112",
        "TO ORDER OF DEUTSCHE BANK AG, HAMBURG",
        "FREIGHT PREPAID",  # CIF: the seller pays the carriage
        "3/3 (THREE) ORIGINALS, 3 NON-NEGOTIABLE COPIES",
        "Orient Overseas Container Line",
        "CSQU 305438 3 · 40HC · seal OOLGK8812",
        "SAY TOTAL FOUR HUNDRED FIFTY (450) CARTONS ONLY",
        "Total gross weight 6,120.00 KGS",
        "Total measurement 23.618 CBM",
        "Show L/C No. DEUT-LC-26-889120 on the B/L.",
        "Documents enclosed: commercial invoice HY-CI-2026-0112; packing list HY-PL-2026-0112.",
        "contact Nguyen Thi Lan for pick-up",
    ):
        assert expected in words, expected
    _raw, data = embedded_json(doc.pdf)
    assert data["freight"] == "PREPAID" and data["bl_originals"] == 3
    assert_qpdf_clean(path)
    assert_inside_margins(path)


def test_f_terms_ship_freight_collect(
    instruction: ShippingInstructionContext, tmp_path: Path
) -> None:
    terms = replace(
        instruction.invoice.terms, incoterm=Incoterm.FOB, incoterm_place="Ho Chi Minh City"
    )
    ctx = replace(instruction, invoice=replace(instruction.invoice, terms=terms))
    assert "FREIGHT COLLECT" in flat(write(tmp_path, render_document(SI, ctx, options()).pdf))


def test_needs_forwarder_and_packing_list(instruction: ShippingInstructionContext) -> None:
    with pytest.raises(MissingDocumentDataError) as info:
        render_document(SI, replace(instruction, forwarder=None, packing_list=None), options())
    assert info.value.missing == (
        "the forwarder to instruct",
        "the packing list (packages, weights and measurement)",
    )
    assert "Shipping Instruction HY-SI-2026-0088 cannot be printed" in info.value.user_message


def test_air_freight_asks_for_an_air_waybill(
    instruction: ShippingInstructionContext, tmp_path: Path
) -> None:
    assert instruction.shipment is not None
    air = replace(instruction.shipment, mode=TransportMode.AIR, flight="LH 8407", containers=())
    words = flat(
        write(tmp_path, render_document(SI, replace(instruction, shipment=air), options()).pdf)
    )
    assert 'issue a clean AWB marked "FREIGHT PREPAID"' in words
    assert "Consignee (as on the AWB)" in words and "ocean B/L" not in words
