"""What the commercial and the proforma invoice share: checks, data, parties, totals, words."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.platypus import Flowable

from exporter_desk.documents._format import format_date, format_volume, format_weight
from exporter_desk.documents._issue import Checks, party_id, validated
from exporter_desk.documents._parts import (
    CONSIGNEE,
    bank_field,
    goods_table,
    package_noun,
    party_field,
)
from exporter_desk.documents._record import (
    JsonObject,
    charge_record,
    decimal_text,
    line_record,
    money_record,
    party_record,
    record_object,
)
from exporter_desk.documents.context import InvoiceContext, RenderOptions
from exporter_desk.documents.layout import (
    AMOUNT_IN_WORDS_LABEL,
    DocumentLayout,
    Field,
    Label,
    TotalLine,
)
from exporter_desk.domain import (
    ChargeKind,
    DocumentKind,
    InvoiceKind,
    Party,
    PaymentMethod,
    country_name,
    format_amount,
)

__all__ = [
    "CheckedInvoice",
    "check_invoice",
    "goods_and_totals",
    "invoice_data",
    "lc_field",
    "marks_row",
    "notify_field",
    "origin_text",
    "parties_column",
    "payment_text",
    "terms_field",
    "words_and_bank",
]

_KINDS = {
    DocumentKind.COMMERCIAL_INVOICE: InvoiceKind.COMMERCIAL,
    DocumentKind.PROFORMA_INVOICE: InvoiceKind.PROFORMA,
}


@dataclass(frozen=True, slots=True)
class CheckedInvoice:
    """A context that passed its checks: the parties are there, and resolved."""

    context: InvoiceContext
    seller: Party
    buyer: Party
    consignee: Party  # the buyer when the invoice names no consignee

    @property
    def buyer_is_consignee(self) -> bool:
        return self.consignee is self.buyer or (
            self.buyer.id is not None and self.buyer.id == self.consignee.id
        )


def check_invoice(ctx: InvoiceContext, kind: DocumentKind) -> CheckedInvoice:
    """Raises: MissingDocumentDataError, InconsistentDocumentDataError, ValidationError."""
    inv = ctx.invoice
    c = Checks(kind, inv.number)
    c.need(inv.number, "the invoice number")
    c.need(ctx.seller, "the seller")
    c.need(ctx.buyer, "the buyer")
    c.need(inv.lines, "at least one line item")
    if inv.consignee_id is not None:
        c.need(ctx.consignee, "the consignee named on the invoice")
    if inv.notify_id is not None:
        c.need(ctx.notify, "the notify party named on the invoice")
    if inv.shipment_id is not None:
        c.need(ctx.shipment, "the shipment named on the invoice")
    if inv.contract_id is not None:
        c.need(ctx.contract, "the contract named on the invoice")
    expected = _KINDS[kind]
    if inv.kind is expected:  # else what the other kind would need is beside the point
        if kind is DocumentKind.COMMERCIAL_INVOICE:
            c.need(inv.origin_country, "the country of origin of the goods")
        else:
            c.need(inv.valid_until, "the date until which the proforma is valid")
    if ctx.seller is not None and inv.payment.method is PaymentMethod.TT:
        c.need(ctx.seller.bank, "the seller's bank account, for the payment instructions")
    c.agree(
        inv.kind is expected,
        f"invoice {inv.number} is a {inv.kind.value} invoice, not a {expected.value} one",
    )
    c.same_id(inv.seller_id, party_id(ctx.seller), "the seller is not the invoice's")
    c.same_id(inv.buyer_id, party_id(ctx.buyer), "the buyer is not the invoice's")
    for name, party in (("consignee", ctx.consignee), ("notify party", ctx.notify)):
        expected_id = inv.consignee_id if name == "consignee" else inv.notify_id
        if party is not None:
            c.same_id(expected_id, party.id, f"the {name} is not the invoice's")
    if ctx.shipment is not None:
        c.same_id(inv.shipment_id, ctx.shipment.id, "the shipment is not the invoice's")
    if ctx.contract is not None:
        c.same_id(inv.contract_id, ctx.contract.id, "the contract is not the invoice's")
    if ctx.packing_list is not None:
        c.same_id(ctx.packing_list.invoice_id, inv.id, "the packing list is for another invoice")
    c.done()
    validated(inv, ctx.seller, ctx.buyer, ctx.consignee, ctx.notify, ctx.shipment)
    validated(ctx.contract, ctx.packing_list)
    assert ctx.seller is not None and ctx.buyer is not None  # checked above
    return CheckedInvoice(ctx, ctx.seller, ctx.buyer, ctx.consignee or ctx.buyer)


def invoice_data(ctx: InvoiceContext) -> JsonObject:
    """All the invoice's fields, its parties and what it refers to, with the computed totals."""
    inv = ctx.invoice
    cur = inv.currency
    invoice = record_object(inv)
    invoice["lines"] = [line_record(line, cur) for line in inv.lines]
    invoice["charges"] = [charge_record(charge, cur) for charge in inv.charges]
    contract = ctx.contract
    packing = ctx.packing_list
    return {
        "date": inv.date.isoformat(),
        "invoice": invoice,
        "parties": {
            "seller": party_record(ctx.seller),
            "buyer": party_record(ctx.buyer),
            "consignee": party_record(ctx.consignee),
            "notify": party_record(ctx.notify),
        },
        "shipment": None if ctx.shipment is None else record_object(ctx.shipment),
        "contract": None
        if contract is None
        else {"number": contract.number, "date": contract.date.isoformat()},
        "packing": None
        if packing is None
        else {
            "number": packing.number,
            "packages": packing.package_count(),
            "net_kg": decimal_text(packing.net_kg()),
            "gross_kg": decimal_text(packing.gross_kg()),
            "volume_m3": decimal_text(packing.volume_m3()),
        },
        "totals": {
            "currency": cur,
            "subtotal": money_record(inv.subtotal()),
            "total": money_record(inv.total()),
            "amount_in_words": inv.amount_in_words(),
            "amount_in_words_zh": inv.amount_in_words_zh(),
        },
    }


def parties_column(
    checked: CheckedInvoice, options: RenderOptions, *, notify: bool = True
) -> list[Field]:
    """Seller, consignee, buyer (if other) and notify: the left column of the UN Layout Key."""
    seller_label = Label("Seller / Exporter", "卖方／出口商")
    fields = [
        # the issuer's Chinese address, telephone and e-mail are in the page header already
        party_field(seller_label, checked.seller, options, contact=False, address_zh=False),
    ]
    if checked.buyer_is_consignee:
        fields.append(
            party_field(Label("Buyer and consignee", "买方及收货人"), checked.buyer, options)
        )
    else:
        fields += [
            party_field(CONSIGNEE, checked.consignee, options),
            party_field(
                Label("Buyer (if other than consignee)", "买方（如非收货人）"),
                checked.buyer,
                options,
            ),
        ]
    if notify or checked.context.notify is not None:
        fields.append(notify_field(checked.context, options))
    return fields


def notify_field(ctx: InvoiceContext, options: RenderOptions) -> Field:
    label = Label("Notify party", "通知人")
    if ctx.notify is None:
        return Field(label, "SAME AS CONSIGNEE")
    return party_field(label, ctx.notify, options, min_lines=1)


def lc_field(ctx: InvoiceContext) -> Field | None:
    payment = ctx.invoice.payment
    if payment.method is not PaymentMethod.LC:
        return None
    lines = [payment.lc_number or "To be advised"]
    if payment.issuing_bank:
        lines.append(f"Issued by {payment.issuing_bank}")
    if payment.lc_expiry:
        lines.append(f"Expiry {format_date(payment.lc_expiry)}")
    return Field(Label("Documentary credit (L/C) No.", "信用证号"), "\n".join(lines))


def terms_field(ctx: InvoiceContext) -> Field:
    terms = f"{ctx.invoice.terms.describe()}\n{payment_text(ctx)}"
    return Field(Label("Terms of delivery and payment", "交货及付款条件"), terms)


def payment_text(ctx: InvoiceContext) -> str:
    """The payment terms; under an L/C without the number and bank, which ``lc_field`` shows."""
    payment = ctx.invoice.payment
    if payment.method is PaymentMethod.LC:
        payment = replace(payment, lc_number="", issuing_bank="")
    return payment.describe()


def origin_text(country: str) -> str:
    return country_name(country).upper() if country else "—"


def marks_row(ctx: InvoiceContext) -> list[Field]:
    """Marks, and with a packing list the packages and weights, as one row of boxes."""
    marks = Field(Label("Marks and numbers", "唛头"), ctx.invoice.marks or "N/M", width=1.2)
    packing = ctx.packing_list
    if packing is None:
        return [marks]
    count = packing.package_count()
    noun = package_noun({p.package_type for p in packing.packages}, count)
    return [
        marks,
        Field(Label("Number and kind of packages", "件数及包装种类"), f"{count:,} {noun}"),
        Field(
            Label("Weights and measurement", "重量及体积"),
            f"N.W. {format_weight(packing.net_kg())} KGS\n"
            f"G.W. {format_weight(packing.gross_kg())} KGS\n"
            f"MEAS. {format_volume(packing.volume_m3())} CBM",
        ),
    ]


def total_label(ctx: InvoiceContext) -> Label:
    terms, cur = ctx.invoice.terms, ctx.invoice.currency
    return Label(f"Total {terms.incoterm.value} {terms.incoterm_place} ({cur})", f"总金额（{cur}）")


def goods_and_totals(
    layout: DocumentLayout, ctx: InvoiceContext, options: RenderOptions
) -> list[Flowable]:
    """The goods table; with charges, its total is the value of goods and a totals block adds
    each charge with its sign, then the total for the Incoterm rule."""
    inv = ctx.invoice
    cur = inv.currency
    if not inv.charges:
        return [goods_table(layout, inv.lines, cur, options, total_label=total_label(ctx))]
    lines: list[TotalLine] = []
    for charge in inv.charges:
        signed = charge.signed(cur).amount
        sign = "− " if charge.kind is ChargeKind.DISCOUNT else "+ "
        label = Label(charge.label(), _CHARGE_ZH[charge.kind])
        lines.append(TotalLine(label, sign + format_amount(abs(signed), cur)))
    lines.append(TotalLine(total_label(ctx), format_amount(inv.total().amount, cur), strong=True))
    return [
        goods_table(layout, inv.lines, cur, options, total_label=Label("Value of goods", "货值")),
        layout.totals(lines, share=0.55),
    ]


_CHARGE_ZH = {
    ChargeKind.FREIGHT: "运费",
    ChargeKind.INSURANCE: "保险费",
    ChargeKind.DISCOUNT: "折扣",
    ChargeKind.OTHER: "其他费用",
}


def words_and_bank(
    layout: DocumentLayout, ctx: InvoiceContext, seller: Party, options: RenderOptions
) -> Flowable:
    """The amount in words (and in Chinese numerals), beside the bank details when there are."""
    inv = ctx.invoice
    text = inv.amount_in_words()
    if options.bilingual:
        text += "\n" + inv.amount_in_words_zh()
    amount = Field(AMOUNT_IN_WORDS_LABEL, text)
    bank = bank_field(seller)
    if bank is None:
        return layout.fields([[amount]])
    return layout.field_columns([amount], [bank], left_share=0.5)
