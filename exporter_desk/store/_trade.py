"""Columns shared by contracts and invoices: trade terms, payment terms, line items."""

from __future__ import annotations

import sqlite3
from typing import Any

from exporter_desk.domain import (
    Incoterm,
    LineItem,
    PaymentMethod,
    PaymentTerms,
    ProductId,
    TradeTerms,
    Unit,
)
from exporter_desk.store._convert import date_text, dec_text, text_date, text_dec


def terms_row(terms: TradeTerms) -> dict[str, Any]:
    return {
        "currency": terms.currency,
        "incoterm": terms.incoterm.value,
        "incoterm_place": terms.incoterm_place,
        "port_of_loading": terms.port_of_loading,
        "port_of_discharge": terms.port_of_discharge,
    }


def terms_from(row: sqlite3.Row) -> TradeTerms:
    return TradeTerms(
        currency=row["currency"],
        incoterm=Incoterm(row["incoterm"]),
        incoterm_place=row["incoterm_place"],
        port_of_loading=row["port_of_loading"],
        port_of_discharge=row["port_of_discharge"],
    )


def payment_row(payment: PaymentTerms) -> dict[str, Any]:
    return {
        "payment_method": payment.method.value,
        "payment_days": payment.days,
        "payment_advance_percent": dec_text(payment.advance_percent),
        "payment_lc_number": payment.lc_number,
        "payment_issuing_bank": payment.issuing_bank,
        "payment_lc_expiry": date_text(payment.lc_expiry),
        "payment_notes": payment.notes,
    }


def payment_from(row: sqlite3.Row) -> PaymentTerms:
    return PaymentTerms(
        method=PaymentMethod(row["payment_method"]),
        days=row["payment_days"],
        advance_percent=text_dec(row["payment_advance_percent"]),
        lc_number=row["payment_lc_number"],
        issuing_bank=row["payment_issuing_bank"],
        lc_expiry=text_date(row["payment_lc_expiry"]),
        notes=row["payment_notes"],
    )


def line_row(line: LineItem, currency: str) -> dict[str, Any]:
    """A line's columns (without parent and position); its rounded amount in minor units."""
    return {
        "description_en": line.description_en,
        "description_zh": line.description_zh,
        "hs_code": line.hs_code,
        "quantity": dec_text(line.quantity),
        "unit": line.unit.value,
        "unit_price": dec_text(line.unit_price),
        "amount_minor": line.amount(currency).minor,
        "product_id": line.product_id,
        "sku": line.sku,
    }


def line_from(row: sqlite3.Row) -> LineItem:
    product_id = row["product_id"]
    return LineItem(
        description_en=row["description_en"],
        hs_code=row["hs_code"],
        quantity=text_dec(row["quantity"]),
        unit=Unit(row["unit"]),
        unit_price=text_dec(row["unit_price"]),
        product_id=None if product_id is None else ProductId(product_id),
        sku=row["sku"],
        description_zh=row["description_zh"],
    )


__all__ = ["line_from", "line_row", "payment_from", "payment_row", "terms_from", "terms_row"]
