"""The bill of exchange (draft) for the invoice total, drawn under an L/C or a collection.

Printed as a set, FIRST and SECOND of exchange (each saying the other is void once one is paid),
on one sheet with a cut line. Each part has its signature box; ``signature_boxes[0]`` is the
FIRST's, which carries the QR code.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, HRFlowable

from exporter_desk.documents._format import (
    format_date,
    party_text,
    place_of_issue,
    tenor_text,
)
from exporter_desk.documents._issue import (
    Checks,
    Issue,
    finish,
    new_layout,
    party_id,
    prepare,
    validated,
)
from exporter_desk.documents._parts import keep_together, signature
from exporter_desk.documents._record import JsonObject, money_record, party_record
from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.context import BillOfExchangeContext, RenderOptions
from exporter_desk.documents.layout import DocumentLayout, Field, Label, RenderedDocument
from exporter_desk.domain import DocumentKind, Party, PaymentMethod, format_amount

__all__ = ["TITLE", "data", "number", "render"]

KIND = DocumentKind.BILL_OF_EXCHANGE
TITLE = TITLES[KIND]
_NUMBER = Label("Draft No.", "汇票号")
_PART = (("FIRST", "SECOND", "第一联", "第二联"), ("SECOND", "FIRST", "第二联", "第一联"))


def number(ctx: BillOfExchangeContext) -> str:
    return ctx.number or ctx.invoice.number


def _drawee(ctx: BillOfExchangeContext) -> str:
    """The drawee as printed: a party's block, else the issuing bank of the credit."""
    if ctx.drawee is not None:
        return party_text(ctx.drawee, bilingual=False, contact=False)
    payment = ctx.invoice.payment
    if payment.method is PaymentMethod.LC:
        return payment.issuing_bank
    if ctx.buyer is not None:
        return party_text(ctx.buyer, bilingual=False, contact=False)
    return ""


def _payee(ctx: BillOfExchangeContext, drawer: Party) -> str:
    if ctx.payee.strip():
        return ctx.payee.strip()
    return drawer.bank.bank_name.upper() if drawer.bank else "OURSELVES"


def _drawn_under(ctx: BillOfExchangeContext) -> str:
    inv = ctx.invoice
    payment = inv.payment
    if payment.method is PaymentMethod.LC:
        bank = f" issued by {payment.issuing_bank}" if payment.issuing_bank else ""
        return (
            f"Drawn under documentary credit No. {payment.lc_number}{bank}, "
            f"invoice No. {inv.number}."
        )
    terms = (
        "documents against payment"
        if payment.method is PaymentMethod.DP
        else ("documents against acceptance")
    )
    return f"Drawn for collection, {terms}, invoice No. {inv.number}."


def _check(ctx: BillOfExchangeContext) -> Party:
    inv = ctx.invoice
    payment = inv.payment
    c = Checks(KIND, number(ctx))
    c.need(number(ctx), "the draft number")
    c.need(ctx.drawer, "the drawer (the seller)")
    c.agree(
        payment.method is not PaymentMethod.TT,
        f"invoice {inv.number} is paid by T/T, and a draft is drawn only under L/C, D/P or D/A",
    )
    if payment.method is PaymentMethod.LC:
        c.need(payment.lc_number, "the L/C number")
        if ctx.drawee is None:
            c.need(payment.issuing_bank, "the drawee (the issuing bank of the L/C)")
    elif payment.method is not PaymentMethod.TT and ctx.drawee is None:
        c.need(ctx.buyer, "the drawee (the buyer)")
    c.agree(ctx.parts in (1, 2), "a bill of exchange is printed in 1 or 2 parts")
    c.agree(inv.total().amount > 0, "a draft cannot be drawn for a zero amount")
    c.same_id(inv.seller_id, party_id(ctx.drawer), "the drawer is not the invoice's seller")
    c.same_id(inv.buyer_id, party_id(ctx.buyer), "the buyer is not the invoice's")
    c.done()
    validated(inv, ctx.drawer, ctx.buyer, ctx.drawee)
    assert ctx.drawer is not None  # checked above
    return ctx.drawer


def _data(ctx: BillOfExchangeContext, drawer: Party) -> JsonObject:
    inv = ctx.invoice
    total = inv.total()
    return {
        "date": (ctx.date or inv.date).isoformat(),
        "amount": money_record(total),
        "currency": inv.currency,
        "amount_in_words": inv.amount_in_words(),
        "amount_in_words_zh": inv.amount_in_words_zh(),
        "tenor": tenor_text(inv.payment),
        "payee": _payee(ctx, drawer),
        "drawee": _drawee(ctx),
        "drawn_under": _drawn_under(ctx),
        "invoice": {"number": inv.number, "date": inv.date.isoformat()},
        "lc_number": inv.payment.lc_number,
        "parties": {"drawer": party_record(drawer), "drawee": party_record(ctx.drawee)},
        "parts": ctx.parts,
    }


def data(ctx: BillOfExchangeContext) -> JsonObject:
    """The embedded data. Raises: as ``render`` does for missing or inconsistent data."""
    drawer = _check(ctx)
    return _data(ctx, drawer)


def render(ctx: BillOfExchangeContext, options: RenderOptions) -> RenderedDocument:
    """Raises: MissingDocumentDataError, InconsistentDocumentDataError, ValidationError,
    DocumentLayoutError."""
    drawer = _check(ctx)
    issue = prepare(KIND, number(ctx), _data(ctx, drawer), options)
    layout = new_layout(issue, drawer, options, title=TITLE, number_label=_NUMBER)
    story: list[Flowable] = []
    for index in range(ctx.parts):
        cut: list[Flowable] = []
        if index:
            cut = [
                layout.spacer(4),
                HRFlowable(width="100%", thickness=0.5, dash=(3, 3), color="#777777"),
                layout.spacer(4),
            ]
        story.append(
            keep_together([*cut, *_part(layout, ctx, drawer, options, index, issue=issue)])
        )
    return finish(layout, story, issue)


def _part(
    layout: DocumentLayout,
    ctx: BillOfExchangeContext,
    drawer: Party,
    options: RenderOptions,
    index: int,
    *,
    issue: Issue,
) -> list[Flowable]:
    inv = ctx.invoice
    on = ctx.date or inv.date
    this, other, this_zh, other_zh = _PART[index]
    if ctx.parts == 1:
        this, other = "SOLE", ""
    amount = f"{inv.currency} {format_amount(inv.total().amount, inv.currency)}"
    tenor = tenor_text(inv.payment)
    unpaid = f" ({other} of the same tenor and date being unpaid)" if other else ""
    body = (
        f"At {tenor} of this {this} of Exchange{unpaid} pay to the order of "
        f"{_payee(ctx, drawer)} the sum of {inv.amount_in_words()}."
    )
    parts: list[Flowable] = [
        layout.section_title(Label(f"{this} OF EXCHANGE", this_zh if ctx.parts == 2 else "")),
        layout.spacer(1.5),
        layout.fields(
            [
                [
                    Field(_NUMBER, number(ctx)),
                    Field(
                        Label("Place and date of issue", "出票地点及日期"),
                        f"{place_of_issue(options.place, drawer)}, {format_date(on)}",
                        width=1.4,
                    ),
                    Field(Label("Exchange for", "汇票金额"), amount, strong_first_line=True),
                ]
            ]
        ),
        layout.spacer(3),
        layout.paragraph(body),
    ]
    if options.bilingual:
        zh_unpaid = f"（{other_zh}同期同额未付）" if other and ctx.parts == 2 else ""
        parts.append(
            layout.paragraph(
                f"凭本汇票{this_zh if ctx.parts == 2 else ''}{zh_unpaid}"
                f"{'即期' if tenor == 'SIGHT' else tenor}付{_payee(ctx, drawer)}或其指定人"
                f"金额 {inv.amount_in_words_zh()}。",
                small=True,
            )
        )
    parts += [
        layout.spacer(2),
        layout.paragraph(_drawn_under(ctx) + " Value received."),
        layout.spacer(2),
        layout.fields(
            [[Field(Label("To (drawee)", "付款人"), _drawee(ctx), strong_first_line=True)]]
        ),
        signature(
            layout,
            issue,
            drawer,
            options,
            on=on,
            role=Label("For and on behalf of the drawer", "出票人"),
            with_qr=index == 0,
        ),
    ]
    return parts
