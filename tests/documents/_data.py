"""Data the document tests build on: options, the sample invoice in other currencies, long lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from exporter_desk.documents import InvoiceContext, RenderOptions
from exporter_desk.domain import (
    Charge,
    ChargeKind,
    Incoterm,
    LineItem,
    PaymentMethod,
    PaymentTerms,
    TradeTerms,
    Unit,
)

CREATED = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def options(**changes: object) -> RenderOptions:
    base = RenderOptions(created=CREATED, network_origin="trust.example/log", place="Shanghai")
    return replace(base, **changes)  # type: ignore[arg-type]


def currency_invoice(ctx: InvoiceContext, currency: str) -> InvoiceContext:
    """The sample invoice re-priced in ``currency`` (JPY has no decimals, KWD three), T/T."""
    prices = {"JPY": ("5980", "3370", "651"), "KWD": ("11.875", "6.705", "1.295")}[currency]
    charges = {
        "JPY": (
            Charge(ChargeKind.FREIGHT, Decimal("364250")),
            Charge(ChargeKind.DISCOUNT, Decimal("15000")),
        ),
        "KWD": (
            Charge(ChargeKind.FREIGHT, Decimal("722.125")),
            Charge(ChargeKind.INSURANCE, Decimal("57.905")),
        ),
    }[currency]
    lines = tuple(
        replace(line, unit_price=Decimal(price))
        for line, price in zip(ctx.invoice.lines, prices, strict=True)
    )
    invoice = replace(
        ctx.invoice,
        terms=replace(ctx.invoice.terms, currency=currency),
        payment=PaymentTerms(PaymentMethod.TT, days=30),
        lines=lines,
        charges=charges,
    )
    return replace(ctx, invoice=invoice)


def many_lines(count: int) -> tuple[LineItem, ...]:
    """``count`` line items, some with descriptions long enough to wrap."""
    lines = []
    for n in range(1, count + 1):
        description = f"Spare part {n:03d} for cordless drill"
        if n % 11 == 0:
            description += (
                " with reinforced gearbox housing, brushless motor kit and two 4.0 Ah batteries,"
                " packed in a blow-moulded case 备件"
            )
        lines.append(
            LineItem(
                description_en=description,
                hs_code="84679900",
                quantity=Decimal(n % 9 + 1) * 10,
                unit=Unit.PCS,
                unit_price=Decimal("1.25") + Decimal(n) / 100,
                sku=f"SP-{n:03d}",
            )
        )
    return tuple(lines)


def fob_terms(currency: str = "USD") -> TradeTerms:
    return TradeTerms(currency, Incoterm.FOB, "Shanghai", "CNSHA", "DEHAM")
