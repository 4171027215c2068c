"""The proforma invoice: a priced offer the buyer pays or opens an L/C against.

Like the commercial invoice, but it is valid until a date, shows the planned shipment instead of
a vessel, and tells the buyer how to pay (bank account for T/T, the credit to open for an L/C).
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from exporter_desk.documents._format import format_date, format_port, money_text
from exporter_desk.documents._invoice import (
    CheckedInvoice,
    check_invoice,
    goods_and_totals,
    invoice_data,
    origin_text,
    parties_column,
    terms_field,
    words_and_bank,
)
from exporter_desk.documents._issue import finish, new_layout, prepare
from exporter_desk.documents._parts import keep_together, signature
from exporter_desk.documents._record import JsonObject
from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.context import InvoiceContext, RenderOptions
from exporter_desk.documents.layout import Field, Label, RenderedDocument
from exporter_desk.domain import DocumentKind, PaymentMethod

__all__ = ["TITLE", "data", "number", "render"]

KIND = DocumentKind.PROFORMA_INVOICE
TITLE = TITLES[KIND]
_NUMBER = Label("Proforma No.", "形式发票号")


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
    assert inv.valid_until is not None  # checked
    issue = prepare(KIND, inv.number, invoice_data(ctx), options)
    layout = new_layout(issue, checked.seller, options, title=TITLE, number_label=_NUMBER)

    references = [
        Field(
            Label("Proforma No. and date", "形式发票号及日期"),
            f"{inv.number} of {format_date(inv.date)}",
        ),
        Field(
            Label("Valid until", "有效期至"), format_date(inv.valid_until), strong_first_line=True
        ),
        _reference_field(ctx),
        terms_field(ctx),
        Field(Label("Country of origin of goods", "货物原产国"), origin_text(inv.origin_country)),
    ]
    story: list[Flowable] = [
        layout.field_columns(
            parties_column(checked, options, notify=False), references, left_share=0.54
        ),
        layout.fields([_shipment_row(ctx)]),
        layout.spacer(3),
    ]
    table, *totals = goods_and_totals(layout, ctx, options)
    story.append(table)
    tail = [
        *totals,
        layout.spacer(3),
        words_and_bank(layout, ctx, checked.seller, options),
        layout.fields([[_payment_instructions(checked)]]),
    ]
    if inv.notes:
        tail += [layout.spacer(2), layout.paragraph(inv.notes, small=True)]
    until = format_date(inv.valid_until)
    declaration = layout.declaration(
        f"This proforma invoice is our offer for the goods above, valid until {until}. "
        "It is not a demand for payment for goods shipped; the commercial invoice follows "
        "with the shipment.",
        f"本形式发票为我方对上述货物的报价，有效期至 {until}。本发票并非已装运货物的付款要求，"
        "商业发票将随货物装运出具。",
    )
    tail.append(
        signature(layout, issue, checked.seller, options, on=inv.date, declaration=declaration)
    )
    story.append(keep_together(tail))  # the total, in words, beside the signature
    return finish(layout, story, issue)


def _reference_field(ctx: InvoiceContext) -> Field:
    lines = []
    if ctx.contract is not None:
        lines.append(f"Contract {ctx.contract.number} of {format_date(ctx.contract.date)}")
    if ctx.invoice.buyer_reference:
        lines.append(f"Buyer's ref. {ctx.invoice.buyer_reference}")
    return Field(Label("Contract / buyer's enquiry", "合同号／买方询价"), "\n".join(lines) or "—")


def _shipment_row(ctx: InvoiceContext) -> list[Field]:
    terms = ctx.invoice.terms
    contract = ctx.contract
    when = "As agreed"
    partial = transhipment = "—"
    if contract is not None:
        early, late = contract.delivery_earliest, contract.delivery_latest
        if early and late:
            when = f"{format_date(early)} to {format_date(late)}"
        elif late:
            when = f"Not later than {format_date(late)}"
        partial = "Allowed" if contract.partial_shipment else "Not allowed"
        transhipment = "Allowed" if contract.transhipment else "Not allowed"
    return [
        Field(Label("Port of loading", "装运港"), format_port(terms.port_of_loading) or "—"),
        Field(Label("Port of discharge", "卸货港"), format_port(terms.port_of_discharge) or "—"),
        Field(Label("Time of shipment", "装运期"), when, width=1.3),
        Field(Label("Partial shipments", "分批装运"), partial, width=0.9),
        Field(Label("Transhipment", "转运"), transhipment, width=0.8),
    ]


def _payment_instructions(checked: CheckedInvoice) -> Field:
    """How to pay: remit to the account, open the credit, or expect the collection."""
    inv = checked.context.invoice
    payment = inv.payment
    seller = checked.seller
    total = money_text(inv.total().amount, inv.currency)
    bank = seller.bank
    via = (
        f" through {bank.bank_name}" + (f" (SWIFT {bank.swift})" if bank.swift else "")
        if bank
        else ""
    )
    if payment.method is PaymentMethod.TT:
        if payment.advance_percent:
            text = (
                f"Please remit {payment.advance_percent.normalize():f}% of {total} in advance by "
                "telegraphic transfer to the account shown, quoting this proforma number; "
                "the balance is due as per the terms of payment."
            )
        else:
            text = (
                f"Please remit {total} by telegraphic transfer to the account shown, "
                "quoting this proforma number."
            )
    elif payment.method is PaymentMethod.LC:
        tenor = "at sight" if not payment.days else f"at {payment.days} days after B/L date"
        text = (
            f"Please open an irrevocable documentary credit {tenor} for {total} in favour of "
            f"{seller.name_en}, advised{via}, subject to UCP 600, quoting this proforma number "
            "and allowing the time of shipment above."
        )
    else:
        text = (
            f"Documents will be presented {payment.describe()}{via} against the buyer's "
            f"{'payment' if payment.method is PaymentMethod.DP else 'acceptance'} for {total}."
        )
    if payment.notes:
        text += f"\n{payment.notes}"
    return Field(Label("Payment instructions", "付款指示"), text)
