"""Contracts, trade terms and payment terms: every rule with a good and a bad example."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from exporter_desk.domain import (
    Incoterm,
    Money,
    PaymentMethod,
    PaymentTerms,
    ValidationError,
)
from tests.domain._factories import (
    SELLER,
    contract,
    fields_of,
    line,
    only_problem,
    payment,
    terms,
)

# --- payment terms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("terms_", "text"),
    [
        (
            PaymentTerms(PaymentMethod.TT, 30, Decimal(30)),
            "T/T 30% in advance, 70% balance 30 days after B/L date",
        ),
        (
            PaymentTerms(PaymentMethod.TT, 0, Decimal("30.0")),
            "T/T 30% in advance, 70% balance against copy of B/L",
        ),
        (PaymentTerms(PaymentMethod.TT, 45), "T/T 45 days after B/L date"),
        (PaymentTerms(PaymentMethod.TT), "T/T before shipment"),
        (PaymentTerms(PaymentMethod.LC), "Irrevocable L/C at sight"),
        (
            PaymentTerms(PaymentMethod.LC, 90, lc_number="LC123", issuing_bank="HSBC Hamburg"),
            "Irrevocable L/C at 90 days after B/L date, L/C No. LC123, issued by HSBC Hamburg",
        ),
        (PaymentTerms(PaymentMethod.DP), "D/P at sight"),
        (PaymentTerms(PaymentMethod.DP, 30), "D/P at 30 days after sight"),
        (PaymentTerms(PaymentMethod.DA, 60), "D/A at 60 days after sight"),
    ],
)
def test_payment_terms_print_as_one_line(terms_: PaymentTerms, text: str) -> None:
    assert terms_.problems() == []
    assert terms_.describe() == text


@pytest.mark.parametrize(
    ("terms_", "field", "message"),
    [
        (
            PaymentTerms(PaymentMethod.TT, days=-1),
            "days",
            "Payment days must be between 0 and 365.",
        ),
        (
            PaymentTerms(PaymentMethod.TT, days=366),
            "days",
            "Payment days must be between 0 and 365.",
        ),
        (
            PaymentTerms(PaymentMethod.TT, advance_percent=Decimal("100.01")),
            "advance_percent",
            "The advance is a percentage between 0 and 100.",
        ),
        (
            PaymentTerms(PaymentMethod.LC, advance_percent=Decimal(10)),
            "advance_percent",
            "An advance payment applies to T/T terms only.",
        ),
        (
            PaymentTerms(PaymentMethod.DA),
            "days",
            "D/A terms need the number of days after sight (such as 60).",
        ),
        (
            PaymentTerms(PaymentMethod.TT, lc_number="LC123"),
            "lc_number",
            "An L/C number belongs to L/C terms only.",
        ),
        (
            PaymentTerms(PaymentMethod.DP, issuing_bank="HSBC"),
            "issuing_bank",
            "An issuing bank belongs to L/C terms only.",
        ),
        (
            PaymentTerms(PaymentMethod.LC, lc_number="L" * 65),
            "lc_number",
            "The L/C number is 65 characters long; at most 64 fit.",
        ),
        (
            PaymentTerms(PaymentMethod.LC, issuing_bank="B" * 201),
            "issuing_bank",
            "The issuing bank is 201 characters long; at most 200 fit.",
        ),
        (
            PaymentTerms(PaymentMethod.LC, notes="\x1b[31m"),
            "notes",
            "The notes contains invisible control characters; retype it.",
        ),
    ],
)
def test_each_payment_rule_reports_its_field(
    terms_: PaymentTerms, field: str, message: str
) -> None:
    problem = only_problem(terms_.problems())
    assert (problem.field, problem.message) == (field, message)


def test_a_full_advance_and_a_year_of_credit_are_the_limits() -> None:
    assert PaymentTerms(PaymentMethod.TT, days=365, advance_percent=Decimal(100)).problems() == []


# --- trade terms ------------------------------------------------------------------------------


def test_complete_trade_terms_have_no_problems_and_print_the_incoterm() -> None:
    assert terms().problems() == []
    assert terms().describe() == "FOB Shanghai (Incoterms® 2020)"


def test_a_non_sea_term_needs_no_ports() -> None:
    assert terms(incoterm=Incoterm.FCA, port_of_loading="", port_of_discharge="").problems() == []


@pytest.mark.parametrize(
    ("changes", "field", "hint"),
    [
        ({"currency": "RMB"}, "currency", "'RMB' is not an ISO 4217 currency"),
        ({"incoterm_place": ""}, "incoterm_place", "The named place for FOB is required."),
        ({"port_of_loading": "SHANGHAI"}, "port_of_loading", "is not a UN/LOCODE"),
        ({"port_of_discharge": "DEHA1"}, "port_of_discharge", "is not a UN/LOCODE"),
        ({"port_of_loading": ""}, "port_of_loading", "FOB is a sea term"),
        ({"port_of_discharge": ""}, "port_of_discharge", "FOB is a sea term"),
    ],
)
def test_each_trade_terms_rule_reports_its_field(
    changes: dict[str, str], field: str, hint: str
) -> None:
    problem = only_problem(terms(**changes).problems())
    assert problem.field == field
    assert hint in problem.message


def test_a_sea_term_without_both_ports_asks_for_them() -> None:
    problem = only_problem(
        terms(incoterm=Incoterm.CIF, port_of_loading="", port_of_discharge="").problems()
    )
    assert problem.message == "CIF is a sea term: give both ports as UN/LOCODEs."


def test_ports_may_be_written_with_a_space() -> None:
    assert terms(port_of_loading="CN SHA", port_of_discharge="de ham").problems() == []


# --- contracts ---------------------------------------------------------------------------------


def test_a_complete_contract_has_no_problems_and_validates_to_itself() -> None:
    good = contract()
    assert good.problems() == []
    assert good.validated() is good


def test_the_contract_total_is_the_sum_of_its_rounded_lines() -> None:
    doc = contract(
        lines=(
            line(quantity=Decimal("1000"), unit_price=Decimal("1.25")),
            line(quantity=Decimal("3"), unit_price=Decimal("0.335"), sku="SAUCER"),
        )
    )
    assert doc.currency == "USD"
    assert doc.total() == Money.parse("1251.01", "USD")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"number": ""}, "number", "The contract number is required."),
        (
            {"number": "N" * 65},
            "number",
            "The contract number is 65 characters long; at most 64 fit.",
        ),
        ({"buyer_id": SELLER}, "buyer_id", "The buyer and the seller must be different parties."),
        ({"lines": ()}, "lines", "Add at least one line item."),
        (
            {"delivery_earliest": dt.date(2024, 7, 1), "delivery_latest": dt.date(2024, 6, 30)},
            "delivery_latest",
            "The latest delivery date is before the earliest.",
        ),
        (
            {"packing": "p" * 2001},
            "packing",
            "Packing is 2,001 characters long; at most 2,000 fit.",
        ),
        (
            {"inspection": "\x00"},
            "inspection",
            "Inspection contains invisible control characters; retype it.",
        ),
        (
            {"arbitration": "a" * 2001},
            "arbitration",
            "Arbitration is 2,001 characters long; at most 2,000 fit.",
        ),
    ],
)
def test_each_contract_rule_reports_its_field(
    changes: dict[str, object], field: str, message: str
) -> None:
    problem = only_problem(contract(**changes).problems())
    assert (problem.field, problem.message) == (field, message)


def test_delivery_may_be_a_single_day() -> None:
    day = dt.date(2024, 7, 1)
    assert contract(delivery_earliest=day, delivery_latest=day).problems() == []


def test_nested_problems_carry_the_path_of_their_part() -> None:
    doc = contract(
        terms=terms(currency="XXX"),
        payment=payment(days=400),
        lines=(line(), line(hs_code="8471", quantity=Decimal(0))),
    )
    assert fields_of(doc.problems()) == [
        "terms.currency",
        "payment.days",
        "lines.1.hs_code",
        "lines.1.quantity",
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"description_en": ""}, "description_en", "The description is required."),
        ({"quantity": Decimal(0)}, "quantity", "The quantity must be more than zero."),
        (
            {"quantity": Decimal("1.00001")},
            "quantity",
            "The quantity has more than 4 decimal places.",
        ),
        ({"unit_price": Decimal("-1")}, "unit_price", "The unit price must be zero or more."),
        (
            {"unit_price": Decimal("1.0000001")},
            "unit_price",
            "The unit price has more than 6 decimal places.",
        ),
    ],
)
def test_each_line_rule_reports_its_field_under_lines(
    changes: dict[str, object], field: str, message: str
) -> None:
    problem = only_problem(contract(lines=(line(**changes),)).problems())
    assert (problem.field, problem.message) == (f"lines.0.{field}", message)


def test_validated_lists_every_problem_of_the_contract() -> None:
    with pytest.raises(ValidationError) as caught:
        contract(number="", buyer_id=SELLER).validated()
    error = caught.value
    assert error.subject == "contract"
    assert error.messages_for("buyer_id") == ["The buyer and the seller must be different parties."]
    assert str(error).startswith("invalid contract: number: ")
    assert error.user_message.startswith("The contract has 2 problems to fix: number: ")
