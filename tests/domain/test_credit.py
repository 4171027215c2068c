"""The letter of credit as a domain object: tolerance, deadlines, amendments, JSON form."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from exporter_desk.domain.credit import (
    Amendment,
    LetterOfCredit,
    Permission,
    RequiredDocument,
    RequiredKind,
    credit_from_dict,
    credit_to_dict,
)
from exporter_desk.domain.errors import ValidationError

CREDIT = LetterOfCredit(
    number="LC-1",
    currency="usd",
    amount=Decimal("10000.00"),
    expiry_date=dt.date(2026, 12, 31),
    tolerance_plus=Decimal(10),
    tolerance_minus=Decimal(5),
    latest_shipment_date=dt.date(2026, 12, 1),
    port_of_loading="HO CHI MINH CITY (VNSGN), VIET NAM",
    partial_shipment=Permission.NOT_ALLOWED,
    documents=(RequiredDocument(RequiredKind.COMMERCIAL_INVOICE, 3, 2, "SIGNED INVOICE"),),
)


def test_the_currency_is_canonical_and_the_tolerance_bounds_the_amount() -> None:
    assert CREDIT.currency == "USD"
    assert str(CREDIT.max_amount()) == "USD 11,000.00"
    assert str(CREDIT.min_amount()) == "USD 9,500.00"


def test_the_port_code_is_read_from_the_credits_wording() -> None:
    assert CREDIT.port_of_loading_code == "VNSGN"
    assert replace(CREDIT, port_of_loading="ANY PORT IN VIET NAM").port_of_loading_code == ""


def test_presentation_deadline_is_21_days_after_shipment_but_never_after_expiry() -> None:
    assert CREDIT.presentation_deadline(dt.date(2026, 11, 1)) == dt.date(2026, 11, 22)
    assert CREDIT.presentation_deadline(dt.date(2026, 12, 20)) == dt.date(2026, 12, 31)


def test_every_problem_is_listed_with_its_field() -> None:
    bad = replace(
        CREDIT,
        number="",
        amount=Decimal(-1),
        expiry_date=None,
        tolerance_plus=Decimal(120),
        presentation_days=0,
    )
    with pytest.raises(ValidationError) as caught:
        bad.validated()
    fields = {p.field for p in caught.value.problems}
    assert fields == {"number", "amount", "expiry_date", "tolerance_plus", "presentation_days"}
    assert "The credit number is required." in caught.value.user_message


def test_latest_shipment_after_expiry_is_a_problem() -> None:
    late = replace(CREDIT, latest_shipment_date=dt.date(2027, 1, 15))
    assert [p.field for p in late.problems()] == ["latest_shipment_date"]


def test_an_amendment_records_each_fields_before_and_after() -> None:
    amended = CREDIT.amended(
        Amendment(
            1,
            dt.date(2026, 11, 5),
            (
                ("expiry_date", dt.date(2027, 1, 31)),
                ("amount_decrease", Decimal("500.00")),
                ("partial_shipment", Permission.ALLOWED),
            ),
        )
    )
    assert (amended.expiry_date, amended.amount) == (dt.date(2027, 1, 31), Decimal("9500.00"))
    assert amended.amendments[0].changes == (
        ("expiry_date", "2026-12-31", "2027-01-31"),
        ("amount", "10000.00", "9500.00"),
        ("partial_shipment", "not_allowed", "allowed"),
    )
    again = amended.amended(Amendment(2, None, (("charges", "ALL FOR APPLICANT"),)))
    assert [a.sequence for a in again.amendments] == [1, 2]


def test_an_amendment_naming_no_field_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        CREDIT.amended(Amendment(1, None, (("colour", "blue"),)))


def test_the_json_form_round_trips() -> None:
    amended = CREDIT.amended(Amendment(1, None, (("amount_increase", Decimal("1.50")),)))
    assert credit_from_dict(credit_to_dict(amended)) == amended
