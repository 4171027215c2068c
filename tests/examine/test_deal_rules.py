"""Each merchanting rule: silent on the consistent sample deal, speaking on one change."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from exporter_desk.domain.contract import Contract, TradeTerms
from exporter_desk.domain.deal import DealId
from exporter_desk.examine import Presentation, Severity, TransportReuse, margin_rate
from exporter_desk.examine.deal_rules import (
    MIN_PEERS,
    legs_in_one_currency,
    margin_not_negative,
    margin_not_outlier,
    sale_within_purchase,
    transport_document_not_reused,
)


def _priced(contract: Contract, factor: str) -> Contract:
    lines = tuple(
        replace(line, unit_price=line.unit_price * Decimal(factor)) for line in contract.lines
    )
    return replace(contract, lines=lines)


def test_both_legs_in_one_currency(clean: Presentation) -> None:
    assert legs_in_one_currency(clean) == []
    assert clean.sales is not None
    eur = replace(
        clean.sales,
        terms=TradeTerms("EUR", clean.sales.terms.incoterm, "Hamburg", "VNSGN", "DEHAM"),
    )
    found = legs_in_one_currency(replace(clean, sales=eur))
    assert [d.fields for d in found] == [
        (("purchase_contract", 1, "terms.currency"), ("sales_contract", 2, "terms.currency"))
    ]


def test_no_more_sold_than_bought(clean: Presentation) -> None:
    assert sale_within_purchase(clean) == []
    assert clean.sales is not None
    more = replace(clean.sales.lines[0], quantity=Decimal(900))
    sales = replace(clean.sales, lines=(more, *clean.sales.lines[1:]))
    found = sale_within_purchase(replace(clean, sales=sales))
    assert [d.fields[0] for d in found] == [("sales_contract", 2, "lines.0.quantity")]
    assert "Sold 900" in found[0].message and "bought 800" in found[0].message


def test_margin_is_not_negative(clean: Presentation) -> None:
    assert margin_not_negative(clean) == []
    assert clean.purchase is not None
    loss = replace(clean, purchase=_priced(clean.purchase, "1.5"))
    found = margin_not_negative(loss)
    assert [d.rule for d in found] == ["margin_not_negative"]
    assert "a loss of" in found[0].message


def test_margin_far_from_the_companys_usual_one_is_a_warning(clean: Presentation) -> None:
    assert clean.purchase is not None and clean.sales is not None
    rate = margin_rate(clean.purchase.total().amount, clean.sales.total().amount)
    assert rate is not None
    usual = tuple(rate + Decimal(step) for step in (-3, -1, 0, 1, 2, 4))
    assert margin_not_outlier(replace(clean, other_margin_rates=usual)) == []
    thin = tuple(Decimal(step) for step in (2, 3, 3, 4, 5, 5))
    found = margin_not_outlier(replace(clean, other_margin_rates=thin))
    assert [d.severity for d in found] == [Severity.WARNING]


def test_too_few_other_deals_make_no_outlier(clean: Presentation) -> None:
    few = tuple(Decimal(1) for _ in range(MIN_PEERS - 1))
    assert margin_not_outlier(replace(clean, other_margin_rates=few)) == []


def test_a_transport_document_used_by_another_deal(clean: Presentation) -> None:
    assert transport_document_not_reused(clean) == []
    reuse = TransportReuse("OOLU2718456780", DealId(7), "DEAL-2026-099")
    found = transport_document_not_reused(replace(clean, transport_reuse=(reuse,)))
    assert len(found) == 1
    assert "DEAL-2026-099" in found[0].message
    assert ("shipment", 1, "transport_document_no") in found[0].fields
    assert ("deal", 7, "reference") in found[0].fields
