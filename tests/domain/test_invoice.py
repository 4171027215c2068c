"""Invoices: totals with charges and discounts, proforma validity, invoicing a contract."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from exporter_desk.domain import (
    Charge,
    ChargeKind,
    Contract,
    ContractId,
    Invoice,
    InvoiceKind,
    Money,
    ShipmentId,
    ValidationError,
)
from tests.domain._factories import (
    DAY,
    SELLER,
    contract,
    fields_of,
    invoice,
    line,
    only_problem,
    terms,
)

FREIGHT = Charge(ChargeKind.FREIGHT, Decimal("120.00"))
INSURANCE = Charge(ChargeKind.INSURANCE, Decimal("3.50"), "Insurance 110% CIF")
DISCOUNT = Charge(ChargeKind.DISCOUNT, Decimal("50"))


def test_a_complete_invoice_has_no_problems_and_validates_to_itself() -> None:
    good = invoice()
    assert good.problems() == []
    assert good.validated() is good


# --- invoicing a contract ----------------------------------------------------------------------


def test_an_invoice_from_a_contract_carries_its_parties_terms_and_lines() -> None:
    source = contract()
    made = invoice_from(source)
    assert (made.seller_id, made.buyer_id) == (source.seller_id, source.buyer_id)
    assert (made.terms, made.payment, made.lines) == (source.terms, source.payment, source.lines)
    assert made.contract_id == source.id
    assert (made.kind, made.number, made.date) == (InvoiceKind.PROFORMA, "PI-7", DAY)
    assert made.total() == source.total()
    assert made.problems() == []


def test_an_unsaved_contract_cannot_be_invoiced() -> None:
    with pytest.raises(TypeError):
        invoice_from(contract(id=None))


def invoice_from(source: Contract) -> Invoice:
    return Invoice.from_contract(source, kind=InvoiceKind.PROFORMA, number="PI-7", date=DAY)


# --- totals, charges and discounts -----------------------------------------------------------


def test_charges_add_to_the_subtotal_and_discounts_subtract() -> None:
    doc = invoice(charges=(FREIGHT, INSURANCE, DISCOUNT))
    assert doc.subtotal() == Money.parse("1250.00", "USD")
    assert doc.total() == Money.parse("1323.50", "USD")


def test_a_discount_is_written_positive_and_signed_by_its_kind() -> None:
    assert DISCOUNT.signed("USD") == Money.parse("-50", "USD")
    assert FREIGHT.signed("USD") == Money.parse("120", "USD")


def test_a_charge_is_labelled_by_its_description_or_kind() -> None:
    assert FREIGHT.label() == "Freight"
    assert INSURANCE.label() == "Insurance 110% CIF"


def test_each_charge_is_rounded_half_up_like_a_line() -> None:
    doc = invoice(
        terms=terms(currency="JPY"),
        lines=(line(quantity=Decimal(3), unit_price=Decimal("100.5")),),  # 301.5 -> 302
    )
    assert doc.subtotal() == Money.parse("302", "JPY")
    assert Charge(ChargeKind.FREIGHT, Decimal("10.5")).signed("JPY") == Money.parse("11", "JPY")


def test_a_discount_down_to_a_zero_total_is_accepted() -> None:
    doc = invoice(charges=(Charge(ChargeKind.DISCOUNT, Decimal("1250.00")),))
    assert doc.total() == Money.zero("USD")
    assert doc.problems() == []


def test_a_discount_larger_than_the_goods_is_refused() -> None:
    doc = invoice(charges=(Charge(ChargeKind.DISCOUNT, Decimal("1250.01")),))
    problem = only_problem(doc.problems())
    assert problem.field == "charges"
    assert problem.message == "Discounts exceed the goods value: the total would be negative."


@pytest.mark.parametrize(
    ("charge", "field", "message"),
    [
        (
            Charge(ChargeKind.FREIGHT, Decimal("-1")),
            "charges.0.amount",
            "The amount must be zero or more.",
        ),
        (
            Charge(ChargeKind.FREIGHT, Decimal("1.005")),
            "charges.0.amount",
            "The amount has more decimals than USD allows (2).",
        ),
        (
            Charge(ChargeKind.OTHER, Decimal("1"), "d" * 201),
            "charges.0.description",
            "The description is 201 characters long; at most 200 fit.",
        ),
    ],
)
def test_each_charge_rule_reports_its_field(charge: Charge, field: str, message: str) -> None:
    problem = only_problem(invoice(charges=(charge,)).problems())
    assert (problem.field, problem.message) == (field, message)


def test_a_charge_with_trailing_zeros_is_within_the_currency_scale() -> None:
    assert invoice(charges=(Charge(ChargeKind.FREIGHT, Decimal("120.000")),)).problems() == []


def test_charge_decimals_are_not_judged_while_the_currency_is_wrong() -> None:
    doc = invoice(
        terms=terms(currency="XXX"), charges=(Charge(ChargeKind.OTHER, Decimal("1.005")),)
    )
    assert fields_of(doc.problems()) == ["terms.currency"]


# --- proforma validity and other rules -----------------------------------------------------


def test_a_proforma_may_be_valid_until_its_own_date_or_later() -> None:
    assert invoice(kind=InvoiceKind.PROFORMA, valid_until=DAY).problems() == []
    later = DAY + dt.timedelta(days=30)
    assert invoice(kind=InvoiceKind.PROFORMA, valid_until=later).problems() == []


def test_a_proforma_cannot_expire_before_its_date() -> None:
    doc = invoice(kind=InvoiceKind.PROFORMA, valid_until=DAY - dt.timedelta(days=1))
    problem = only_problem(doc.problems())
    assert (problem.field, problem.message) == (
        "valid_until",
        "A proforma cannot expire before its date.",
    )


def test_a_commercial_invoice_has_no_validity_date() -> None:
    problem = only_problem(invoice(valid_until=DAY).problems())
    assert (problem.field, problem.message) == (
        "valid_until",
        "Only a proforma invoice has a validity date.",
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"number": ""}, "number", "The invoice number is required."),
        (
            {"number": "N" * 65},
            "number",
            "The invoice number is 65 characters long; at most 64 fit.",
        ),
        ({"buyer_id": SELLER}, "buyer_id", "The buyer and the seller must be different parties."),
        ({"lines": ()}, "lines", "Add at least one line item."),
        (
            {"marks": "M\x00"},
            "marks",
            "Marks and numbers contains invisible control characters; retype it.",
        ),
        ({"notes": "n" * 2001}, "notes", "Notes is 2,001 characters long; at most 2,000 fit."),
        (
            {"buyer_reference": "r" * 65},
            "buyer_reference",
            "The buyer's reference is 65 characters long; at most 64 fit.",
        ),
    ],
)
def test_each_invoice_rule_reports_its_field(
    changes: dict[str, object], field: str, message: str
) -> None:
    problem = only_problem(invoice(**changes).problems())
    assert (problem.field, problem.message) == (field, message)


def test_an_origin_country_is_optional_but_must_be_iso_3166() -> None:
    assert invoice(origin_country="CN").problems() == []
    assert invoice(origin_country="China").origin_country == "CN"  # the ISO name is a spelling
    problem = only_problem(invoice(origin_country="Cathay").problems())
    assert problem.field == "origin_country"
    assert "'Cathay' is not an ISO 3166 country code" in problem.message


def test_nested_terms_payment_and_line_problems_carry_their_path() -> None:
    doc = invoice(
        terms=terms(incoterm_place=""),
        payment=dataclasses.replace(invoice().payment, days=-5),
        lines=(line(hs_code="ABC"),),
    )
    assert fields_of(doc.problems()) == ["terms.incoterm_place", "payment.days", "lines.0.hs_code"]


def test_validated_lists_every_problem_of_the_invoice() -> None:
    with pytest.raises(ValidationError) as caught:
        invoice(number="", valid_until=DAY).validated()
    assert caught.value.subject == "invoice"
    assert fields_of(list(caught.value.problems)) == ["number", "valid_until"]


def test_an_invoice_keeps_its_links_to_contract_and_shipment() -> None:
    doc = invoice(contract_id=ContractId(3), shipment_id=ShipmentId(4))
    assert (doc.contract_id, doc.shipment_id) == (3, 4)
    assert doc.problems() == []


# --- amount in words -----------------------------------------------------------------------


def test_the_invoice_total_is_printed_in_english_and_chinese_words() -> None:
    doc = invoice(charges=(FREIGHT, INSURANCE, DISCOUNT))
    assert doc.amount_in_words() == (
        "SAY US DOLLARS ONE THOUSAND THREE HUNDRED TWENTY-THREE AND CENTS FIFTY ONLY"
    )
    assert doc.amount_in_words_zh() == "美元壹仟叁佰贰拾叁元伍角"


def test_a_lower_case_currency_prints_the_same_words() -> None:
    # the currency in the terms is checked but stored as typed; words used to miss "usd"
    doc = invoice(terms=terms(currency="usd"))
    assert doc.problems() == []
    assert doc.amount_in_words() == "SAY US DOLLARS ONE THOUSAND TWO HUNDRED FIFTY ONLY"
    assert doc.amount_in_words_zh() == "美元壹仟贰佰伍拾元整"
