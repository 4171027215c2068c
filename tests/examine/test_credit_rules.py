"""Each credit rule: silent on the consistent sample deal, speaking on one planted change."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from exporter_desk.domain.codes import Incoterm
from exporter_desk.domain.contract import TradeTerms
from exporter_desk.domain.credit import Permission, RequiredDocument, RequiredKind
from exporter_desk.domain.received import ReceivedKind
from exporter_desk.domain.shipment import ShipmentId
from exporter_desk.examine import Presentation
from exporter_desk.examine.credit_rules import (
    goods_description_corresponds,
    insurance_covers_cif_value,
    invoice_in_credit_currency,
    invoice_issued_by_beneficiary,
    invoice_within_credit_amount,
    partial_shipment_as_allowed,
    ports_agree_with_credit,
    presented_in_time,
    required_documents_present,
    shipped_by_latest_date,
    transhipment_as_allowed,
)
from tests.examine.conftest import received, with_received


def _credit(p: Presentation, **changes: object) -> Presentation:
    assert p.credit is not None
    return replace(p, credit=replace(p.credit, **changes))


def _invoice(p: Presentation, **changes: object) -> Presentation:
    return replace(p, invoices=(replace(p.invoices[0], **changes),))


def test_every_credit_rule_is_silent_without_a_credit(clean: Presentation) -> None:
    bare = replace(clean, credit=None, invoices=(), received=())
    for rule in (
        invoice_issued_by_beneficiary,
        invoice_in_credit_currency,
        invoice_within_credit_amount,
        goods_description_corresponds,
        ports_agree_with_credit,
        shipped_by_latest_date,
        presented_in_time,
        partial_shipment_as_allowed,
        transhipment_as_allowed,
        insurance_covers_cif_value,
        required_documents_present,
    ):
        assert rule(bare) == []


def test_invoice_issued_by_the_beneficiary_to_the_applicant(clean: Presentation) -> None:
    assert invoice_issued_by_beneficiary(clean) == []
    other = _credit(clean, beneficiary="NINGBO SEA STAR TRADING CO., LTD.\nNINGBO, CHINA")
    found = invoice_issued_by_beneficiary(other)
    assert [d.fields for d in found] == [
        (("invoice", 1, "seller_id"), ("credit", None, "beneficiary"))
    ]
    assert found[0].why.code == "why.invoice_issuer"  # UCP 600 art. 18(a)(i)
    assert "art. 18(a)(i)" in found[0].why_en
    wrong_buyer = _credit(clean, applicant="NORDSEE TOOLS AG\nBREMEN")
    assert [d.fields[0] for d in invoice_issued_by_beneficiary(wrong_buyer)] == [
        ("invoice", 1, "buyer_id")
    ]


def test_invoice_in_the_credits_currency(clean: Presentation) -> None:
    assert invoice_in_credit_currency(clean) == []
    terms = replace(clean.invoices[0].terms, currency="EUR")
    found = invoice_in_credit_currency(_invoice(clean, terms=terms))
    assert len(found) == 1
    assert "EUR" in found[0].message and "USD" in found[0].message
    assert found[0].fields[0] == ("invoice", 1, "terms.currency")


def test_invoice_within_amount_and_tolerance(clean: Presentation) -> None:
    assert clean.credit is not None
    total = clean.invoices[0].total().amount
    # 39A 05/05: 5% over the credit amount is still within it
    within = _credit(clean, amount=(total / Decimal("1.05")).quantize(Decimal("0.01")) + 1)
    assert invoice_within_credit_amount(within) == []
    over = _credit(clean, amount=total - 1000, tolerance_plus=Decimal(0))
    found = invoice_within_credit_amount(over)
    assert [d.rule for d in found] == ["invoice_within_credit_amount"]
    assert ("credit", None, "amount") in found[0].fields


def test_about_in_the_credit_allows_ten_percent(clean: Presentation) -> None:
    assert clean.credit is not None
    total = clean.invoices[0].total().amount
    amount = (total / Decimal("1.08")).quantize(Decimal("0.01"))
    strict = _credit(clean, amount=amount, tolerance_plus=Decimal(0), tolerance_minus=Decimal(0))
    assert len(invoice_within_credit_amount(strict)) == 1
    about = _credit(strict, goods="ABOUT " + clean.credit.goods)
    assert invoice_within_credit_amount(about) == []


def test_goods_description_corresponds_to_45a(clean: Presentation) -> None:
    assert goods_description_corresponds(clean) == []
    line = replace(clean.invoices[0].lines[1], description_en="Angle grinder 230 mm, 2000 W")
    lines = (clean.invoices[0].lines[0], line, *clean.invoices[0].lines[2:])
    found = goods_description_corresponds(_invoice(clean, lines=lines))
    assert [d.fields[0] for d in found] == [("invoice", 1, "lines.1.description_en")]


def test_invoice_trade_term_is_the_credits(clean: Presentation) -> None:
    terms = TradeTerms("USD", Incoterm.CFR, "Hamburg", "VNSGN", "DEHAM")
    found = goods_description_corresponds(_invoice(clean, terms=terms))
    assert [d.fields[0] for d in found] == [("invoice", 1, "terms.incoterm")]
    assert "CIF" in found[0].message


def test_ports_agree_with_44e_and_44f(clean: Presentation) -> None:
    assert ports_agree_with_credit(clean) == []
    moved = _credit(clean, port_of_discharge="BREMERHAVEN (DEBRV), GERMANY")
    found = ports_agree_with_credit(moved)
    # the shipment and the received B/L both say DEHAM
    assert {d.fields[0][0] for d in found} == {"shipment", "received"}
    assert all(d.fields[1] == ("credit", None, "port_of_discharge") for d in found)


def test_ports_written_without_a_locode_are_not_guessed(clean: Presentation) -> None:
    vague = _credit(clean, port_of_loading="ANY PORT OF VIET NAM")
    assert ports_agree_with_credit(vague) == []


def test_shipped_on_board_by_the_latest_shipment_date(clean: Presentation) -> None:
    assert shipped_by_latest_date(clean) == []
    bl = received(clean, ReceivedKind.BILL_OF_LADING)
    assert clean.credit is not None and clean.credit.latest_shipment_date is not None
    late = with_received(
        clean, replace(bl, on_board_date=clean.credit.latest_shipment_date + dt.timedelta(1))
    )
    found = shipped_by_latest_date(late)
    assert [d.fields for d in found] == [
        (("received", bl.id, "on_board_date"), ("credit", None, "latest_shipment_date"))
    ]


def test_the_shipment_date_comes_from_the_shipment_without_a_received_bl(
    clean: Presentation,
) -> None:
    assert clean.credit is not None and clean.credit.latest_shipment_date is not None
    late_day = clean.credit.latest_shipment_date + dt.timedelta(2)
    no_bl = replace(
        clean,
        received=tuple(d for d in clean.received if not d.kind.is_transport),
        shipments=(replace(clean.shipments[0], on_board_date=late_day),),
    )
    assert [d.fields[0] for d in shipped_by_latest_date(no_bl)] == [
        ("shipment", 1, "on_board_date")
    ]


def test_presented_within_21_days_of_shipment_and_before_expiry(clean: Presentation) -> None:
    assert presented_in_time(clean) == []
    shipped = received(clean, ReceivedKind.BILL_OF_LADING).on_board_date
    assert shipped is not None and clean.credit is not None
    on_day_21 = replace(clean, presentation_date=shipped + dt.timedelta(21))
    assert presented_in_time(on_day_21) == []
    late = replace(clean, presentation_date=shipped + dt.timedelta(22))
    assert [d.fields[1] for d in presented_in_time(late)] == [("credit", None, "presentation_days")]
    expired = _credit(clean, expiry_date=clean.presentation_date - dt.timedelta(1))
    assert [d.fields for d in presented_in_time(expired)] == [(("credit", None, "expiry_date"),)]


def test_partial_shipments_only_where_allowed(clean: Presentation) -> None:
    assert partial_shipment_as_allowed(clean) == []
    second = replace(
        clean.shipments[0], id=ShipmentId(2), reference="SHP-2", transport_document_no="OOLU99"
    )
    split = replace(clean, shipments=(*clean.shipments, second))
    assert len(partial_shipment_as_allowed(split)) == 1
    allowed = _credit(split, partial_shipment=Permission.ALLOWED)
    assert partial_shipment_as_allowed(allowed) == []


def test_transhipment_only_where_allowed(clean: Presentation) -> None:
    bl = received(clean, ReceivedKind.BILL_OF_LADING)
    feeder = with_received(clean, replace(bl, vessel="SINAR BINTAN"))
    assert transhipment_as_allowed(feeder) == []  # 43T ALLOWED in the sample
    prohibited = _credit(feeder, transhipment=Permission.NOT_ALLOWED)
    assert transhipment_as_allowed(_credit(clean, transhipment=Permission.NOT_ALLOWED)) == []
    found = transhipment_as_allowed(prohibited)
    assert [d.rule for d in found] == ["transhipment_as_allowed"]
    assert found[0].why.code == "why.transhipment"  # UCP 600 art. 20(b)-(c)


def test_cif_needs_insurance_of_110_percent_in_the_credits_currency(clean: Presentation) -> None:
    assert insurance_covers_cif_value(clean) == []
    policy = received(clean, ReceivedKind.INSURANCE_CERTIFICATE)
    short = with_received(clean, replace(policy, amount=clean.invoices[0].total().amount))
    assert [d.fields for d in insurance_covers_cif_value(short)] == [
        (("received", policy.id, "amount"),)
    ]
    in_eur = with_received(clean, replace(policy, currency="EUR"))
    assert [d.fields[0] for d in insurance_covers_cif_value(in_eur)] == [
        ("received", policy.id, "currency")
    ]
    late = with_received(clean, replace(policy, date=dt.date(2027, 1, 1)))
    assert [d.fields for d in insurance_covers_cif_value(late)] == [
        (("received", policy.id, "date"),)
    ]
    none = replace(clean, received=tuple(d for d in clean.received if d.id != policy.id))
    assert "no insurance document" in insurance_covers_cif_value(none)[0].message


def test_fob_credits_need_no_insurance(clean: Presentation) -> None:
    fob = _credit(clean, incoterm=Incoterm.FOB)
    fob = replace(fob, received=tuple(d for d in fob.received if not d.kind.name.startswith("INS")))
    assert insurance_covers_cif_value(fob) == []


def test_every_required_document_in_its_originals(clean: Presentation) -> None:
    assert required_documents_present(clean) == []
    bl = received(clean, ReceivedKind.BILL_OF_LADING)
    two_of_three = with_received(clean, replace(bl, originals=2))
    found = required_documents_present(two_of_three)
    assert [d.fields for d in found] == [(("received", bl.id, "originals"),)]
    assert "2 original(s) of the 3" in found[0].message
    inspection = RequiredDocument(RequiredKind.INSPECTION_CERTIFICATE, 1, 0, "SGS CERTIFICATE")
    assert clean.credit is not None
    asks_more = _credit(clean, documents=(*clean.credit.documents, inspection))
    index = len(clean.credit.documents)
    assert [d.fields for d in required_documents_present(asks_more)] == [
        (("credit", None, f"documents.{index}"),)
    ]
    no_packing = replace(clean, packing_lists=())
    assert "no packing list" in required_documents_present(no_packing)[0].message
