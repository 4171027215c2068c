"""Rendered documents print every typed code in its display form and money at minor units."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from exporter_desk.documents import DocumentContext, InvoiceContext, render_document
from exporter_desk.documents._format import money_text
from exporter_desk.domain import DocumentKind, format_price
from tests.documents._data import options
from tests.documents._pdf import flat, write


def _typed(ctx: InvoiceContext, price: str = "45.9") -> InvoiceContext:
    """The invoice with its HS codes as people type them and a price with one decimal."""
    spellings = ("8467.29", "8467 29", "８２０７．５０")
    lines = tuple(
        replace(line, hs_code=code) for line, code in zip(ctx.invoice.lines, spellings, strict=True)
    )
    lines = (replace(lines[0], unit_price=Decimal(price)), *lines[1:])
    return replace(ctx, invoice=replace(ctx.invoice, lines=lines))


def test_typed_hs_codes_print_dotted_never_cut_into_pieces(
    tmp_path: Path, invoice_ctx: InvoiceContext
) -> None:
    ctx = _typed(invoice_ctx)
    assert [line.hs_code for line in ctx.invoice.lines] == ["846729", "846729", "820750"]
    text = flat(
        write(tmp_path, render_document(DocumentKind.COMMERCIAL_INVOICE, ctx, options()).pdf)
    )
    assert text.count("8467.29") == 2 and "8207.50" in text
    assert "8467..2.9" not in text and "8467. 2.9" not in text
    assert " 45.90 " in text and " 45.9 " not in text


def test_the_proforma_prints_money_as_usd_45_90(
    tmp_path: Path, contexts: dict[DocumentKind, DocumentContext]
) -> None:
    ctx = contexts[DocumentKind.PROFORMA_INVOICE]
    assert isinstance(ctx, InvoiceContext)
    one_line = replace(ctx.invoice.lines[0], quantity=Decimal(1), unit_price=Decimal("45.9"))
    invoice = replace(ctx.invoice, lines=(one_line,), charges=())
    pdf = render_document(DocumentKind.PROFORMA_INVOICE, replace(ctx, invoice=invoice), options())
    text = flat(write(tmp_path, pdf.pdf))
    assert "USD 45.90" in text
    assert "USD 45.9 " not in text and "USD 45.9." not in text


def test_money_and_prices_print_at_the_currencys_minor_units() -> None:
    assert money_text(Decimal("45.9"), "USD") == "USD 45.90"
    assert money_text(Decimal("1200"), "JPY") == "JPY 1,200"
    assert money_text(Decimal("1.5"), "KWD") == "KWD 1.500"
    assert format_price(Decimal("45.9"), "USD") == "45.90"
    assert format_price(Decimal("0.0125"), "USD") == "0.0125"  # a price keeps its own decimals
    assert format_price(Decimal("5980"), "JPY") == "5,980"
