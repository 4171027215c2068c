"""The commercial invoice: the seller's bill for goods shipped, as banks and customs read it.

UN Layout Key order: parties on the left (seller, consignee, buyer, notify), references on the
right (number and date, contract, L/C, delivery and payment terms, origin), transport, marks,
the goods, totals with charges, the amount in words, bank details, declaration and signature.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from exporter_desk.documents._format import format_date
from exporter_desk.documents._invoice import (
    check_invoice,
    goods_and_totals,
    invoice_data,
    lc_field,
    marks_row,
    origin_text,
    parties_column,
    terms_field,
    words_and_bank,
)
from exporter_desk.documents._issue import finish, new_layout, prepare
from exporter_desk.documents._parts import keep_together, signature, transport_rows
from exporter_desk.documents._record import JsonObject
from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.context import InvoiceContext, RenderOptions
from exporter_desk.documents.layout import Field, Label, RenderedDocument
from exporter_desk.domain import DocumentKind

__all__ = ["TITLE", "data", "number", "render"]

KIND = DocumentKind.COMMERCIAL_INVOICE
TITLE = TITLES[KIND]
_NUMBER = Label("Invoice No.", "发票号")


def number(ctx: InvoiceContext) -> str:
    return ctx.invoice.number


def data(ctx: InvoiceContext) -> JsonObject:
    """The embedded data. Raises: as ``render`` does for missing or inconsistent data."""
    check_invoice(ctx, KIND)
    return invoice_data(ctx)


def render(ctx: InvoiceContext, options: RenderOptions) -> RenderedDocument:
    """Raises: MissingDocumentDataError, InconsistentDocumentDataError, ValidationError,
    DocumentLayoutError."""
    checked = check_invoice(ctx, KIND)
    inv = ctx.invoice
    issue = prepare(KIND, inv.number, invoice_data(ctx), options)
    layout = new_layout(issue, checked.seller, options, title=TITLE, number_label=_NUMBER)

    references = [
        Field(
            Label("Invoice No. and date", "发票号及日期"),
            f"{inv.number} of {format_date(inv.date)}",
        ),
        _contract_field(ctx),
    ]
    if (lc := lc_field(ctx)) is not None:
        references.append(lc)
    references += [
        terms_field(ctx),
        Field(Label("Country of origin of goods", "货物原产国"), origin_text(inv.origin_country)),
    ]
    story: list[Flowable] = [
        layout.field_columns(parties_column(checked, options), references, left_share=0.54),
        layout.fields(transport_rows(ctx.shipment, inv.terms)),
        layout.fields([marks_row(ctx)]),
        layout.spacer(3),
    ]
    table, *totals = goods_and_totals(layout, ctx, options)
    story.append(table)
    tail = [*totals, layout.spacer(3), words_and_bank(layout, ctx, checked.seller, options)]
    if inv.notes:
        tail += [layout.spacer(2), layout.paragraph(inv.notes, small=True)]
    origin = origin_text(inv.origin_country)
    declaration = layout.declaration(
        "We certify that this invoice is true and correct, that it shows the actual price of the "
        f"goods described, and that the goods are of {origin} origin.",
        f"兹证明本发票内容真实无误，所列价格为所述货物的实际价格，货物原产地为 {origin}。",
    )
    tail.append(
        signature(layout, issue, checked.seller, options, on=inv.date, declaration=declaration)
    )
    story.append(keep_together(tail))  # the total, in words, beside the signature
    return finish(layout, story, issue)


def _contract_field(ctx: InvoiceContext) -> Field:
    lines = []
    if ctx.contract is not None:
        lines.append(f"Contract {ctx.contract.number} of {format_date(ctx.contract.date)}")
    if ctx.invoice.buyer_reference:
        lines.append(f"Buyer's ref. {ctx.invoice.buyer_reference}")
    label = Label("Contract / buyer's order", "合同号／买方订单号")
    return Field(label, "\n".join(lines) or "—")
