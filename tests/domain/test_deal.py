"""Deals: a purchase leg and a sales leg that must fit together, and the sales leg drafted."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from exporter_desk.domain import (
    Contract,
    ContractId,
    ContractKind,
    Deal,
    DealLegs,
    Incoterm,
    Money,
    PartyId,
    PaymentMethod,
    PaymentTerms,
    ValidationError,
    sales_leg_from,
)
from tests.domain._factories import (
    DAY,
    SUPPLIER,
    contract,
    line,
    only_problem,
    terms,
)

US = PartyId(1)  # our company: buys on the purchase leg, sells on the sales leg
END_BUYER = PartyId(9)


def purchase() -> Contract:
    return contract(
        kind=ContractKind.PURCHASE,
        number="PC-1",
        seller_id=SUPPLIER,
        buyer_id=US,
        lines=(
            line(quantity=Decimal(1000), unit_price=Decimal("1.25")),
            line(
                sku="PLATE-27",
                description_en="Dinner plate",
                quantity=Decimal(500),
                unit_price=Decimal("0.3333"),
            ),
        ),
        id=ContractId(1),
    )


def sales(markup: str = "15") -> Contract:
    return sales_leg_from(
        purchase(),
        number="SC-1",
        date=DAY,
        buyer_id=END_BUYER,
        terms=terms(incoterm=Incoterm.CIF, incoterm_place="Hamburg"),
        payment=PaymentTerms(PaymentMethod.LC),
        markup_percent=Decimal(markup),
    )


def legs(*, bought: Contract | None = None, sold: Contract | None = None) -> DealLegs:
    return DealLegs(
        Deal("D-1", ContractId(1), ContractId(2)),
        bought if bought is not None else purchase(),
        sold if sold is not None else sales(),
    )


# --- the deal record ---------------------------------------------------------------------------


def test_a_deal_with_two_different_legs_has_no_problems() -> None:
    deal = Deal("D-1", ContractId(1), ContractId(2))
    assert deal.problems() == []
    assert deal.validated() is deal


def test_a_new_deal_may_have_no_legs_yet() -> None:
    assert Deal("D-1").problems() == []


@pytest.mark.parametrize(
    ("deal", "field", "message"),
    [
        (Deal(""), "reference", "The deal reference is required."),
        (Deal("D" * 65), "reference", "The deal reference is 65 characters long; at most 64 fit."),
        (
            Deal("D-1", notes="\x00"),
            "notes",
            "Notes contains invisible control characters; retype it.",
        ),
        (
            Deal("D-1", ContractId(4), ContractId(4)),
            "sales_contract_id",
            "The sales leg must be another contract than the purchase leg.",
        ),
    ],
)
def test_each_deal_rule_reports_its_field(deal: Deal, field: str, message: str) -> None:
    problem = only_problem(deal.problems())
    assert (problem.field, problem.message) == (field, message)


def test_validated_lists_every_problem_of_the_deal() -> None:
    with pytest.raises(ValidationError) as caught:
        Deal("", ContractId(4), ContractId(4)).validated()
    assert caught.value.subject == "deal"
    assert caught.value.user_message.startswith("The deal has 2 problems to fix:")


# --- the legs together -------------------------------------------------------------------------


def test_a_sales_leg_drafted_from_the_purchase_leg_fits_it() -> None:
    assert legs().problems() == []


def test_the_margin_is_sales_minus_purchase_in_one_currency() -> None:
    # purchase: 1250.00 + 166.65; sales at 15%: 1437.50 + 500 x 0.3833 = 191.65
    assert legs().margin() == Money.parse("212.50", "USD")


def test_there_is_no_margin_across_two_currencies() -> None:
    euro_sales = dataclasses.replace(sales(), terms=terms(currency="EUR"))
    assert legs(sold=euro_sales).margin() is None


def test_legs_of_the_wrong_kind_are_refused() -> None:
    swapped = legs(bought=sales(), sold=purchase())
    assert [(p.field, p.message) for p in swapped.problems()][:2] == [
        ("purchase_contract_id", "The purchase leg must be a purchase contract."),
        ("sales_contract_id", "The sales leg must be a sales contract."),
    ]


def test_the_buyer_on_the_purchase_leg_must_sell_on_the_sales_leg() -> None:
    other_seller = dataclasses.replace(sales(), seller_id=PartyId(42))
    problem = only_problem(legs(sold=other_seller).problems())
    assert (problem.field, problem.message) == (
        "sales_contract_id",
        "The company buying on the purchase leg must be the seller on the sales leg.",
    )


def test_selling_another_quantity_than_was_bought_is_refused_on_that_line() -> None:
    drafted = sales()
    fewer = dataclasses.replace(drafted.lines[1], quantity=Decimal(480))
    short = dataclasses.replace(drafted, lines=(drafted.lines[0], fewer))
    problem = only_problem(legs(sold=short).problems())
    assert problem.field == "sales.lines.1.quantity"
    assert problem.message == "Sold 480 of PLATE-27 but bought 500."


# --- drafting the sales leg ------------------------------------------------------------------


def test_the_sales_leg_mirrors_the_goods_with_our_company_as_seller() -> None:
    bought, drafted = purchase(), sales()
    assert drafted.kind is ContractKind.SALES
    assert (drafted.seller_id, drafted.buyer_id) == (US, END_BUYER)
    assert [(x.sku, x.quantity, x.hs_code) for x in drafted.lines] == [
        (x.sku, x.quantity, x.hs_code) for x in bought.lines
    ]
    assert drafted.terms.incoterm is Incoterm.CIF
    assert drafted.id is None
    assert drafted.problems() == []


@pytest.mark.parametrize(
    ("markup", "prices"),
    [
        ("0", ["1.2500", "0.3333"]),
        ("15", ["1.4375", "0.3833"]),  # 0.383295
        ("10", ["1.3750", "0.3666"]),  # 0.36663
        ("2.5", ["1.2813", "0.3416"]),  # 1.28125 rounds half-up, 0.3416325 down
    ],
)
def test_sales_prices_are_marked_up_and_kept_to_four_decimals(
    markup: str, prices: list[str]
) -> None:
    assert [str(x.unit_price) for x in sales(markup).lines] == prices
