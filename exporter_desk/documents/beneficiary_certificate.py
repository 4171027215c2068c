"""The beneficiary's certificate of an L/C presentation: the beneficiary certifies, in the words
the credit asks for, that it did what the credit requires (sent documents, advised shipment)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from exporter_desk.documents._format import format_date, vessel_text
from exporter_desk.documents._issue import Checks, finish, new_layout, party_id, prepare, validated
from exporter_desk.documents._parts import party_field, signature
from exporter_desk.documents._record import JsonObject, money_record, party_record
from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.context import BeneficiaryCertificateContext, RenderOptions
from exporter_desk.documents.layout import Field, Label, RenderedDocument
from exporter_desk.domain import DocumentKind, Party, PaymentMethod, format_amount

__all__ = ["TITLE", "data", "number", "render"]

KIND = DocumentKind.BENEFICIARY_CERTIFICATE
TITLE = TITLES[KIND]
_NUMBER = Label("Certificate No.", "证明编号")


def number(ctx: BeneficiaryCertificateContext) -> str:
    return ctx.number or ctx.invoice.number


def _check(ctx: BeneficiaryCertificateContext) -> tuple[Party, Party]:
    inv = ctx.invoice
    c = Checks(KIND, number(ctx))
    c.need(number(ctx), "the certificate number")
    c.need(ctx.beneficiary, "the beneficiary")
    c.need(ctx.applicant, "the applicant")
    c.need(tuple(s for s in ctx.statements if s.strip()), "at least one statement to certify")
    if inv.payment.method is PaymentMethod.LC:
        c.need(inv.payment.lc_number, "the L/C number")
    c.agree(
        inv.payment.method is PaymentMethod.LC,
        f"invoice {inv.number} is paid by {inv.payment.method.value}, and a beneficiary's "
        "certificate belongs to an L/C presentation",
    )
    c.same_id(
        inv.seller_id, party_id(ctx.beneficiary), "the beneficiary is not the invoice's seller"
    )
    c.same_id(inv.buyer_id, party_id(ctx.applicant), "the applicant is not the invoice's buyer")
    if ctx.shipment is not None:
        c.same_id(inv.shipment_id, ctx.shipment.id, "the shipment is not the invoice's")
    c.done()
    validated(inv, ctx.beneficiary, ctx.applicant, ctx.shipment)
    assert ctx.beneficiary is not None and ctx.applicant is not None  # checked above
    return ctx.beneficiary, ctx.applicant


def _statements(ctx: BeneficiaryCertificateContext) -> list[str]:
    return [s.strip() for s in ctx.statements if s.strip()]


def _data(ctx: BeneficiaryCertificateContext) -> JsonObject:
    inv = ctx.invoice
    payment = inv.payment
    return {
        "date": (ctx.date or inv.date).isoformat(),
        "lc": {
            "number": payment.lc_number,
            "issuing_bank": payment.issuing_bank,
            "expiry": payment.lc_expiry.isoformat() if payment.lc_expiry else None,
        },
        "invoice": {
            "number": inv.number,
            "date": inv.date.isoformat(),
            "currency": inv.currency,
            "total": money_record(inv.total()),
        },
        "parties": {
            "beneficiary": party_record(ctx.beneficiary),
            "applicant": party_record(ctx.applicant),
        },
        "shipment": None
        if ctx.shipment is None
        else {
            "reference": ctx.shipment.reference,
            "vessel": vessel_text(ctx.shipment),
            "transport_document_no": ctx.shipment.transport_document_no,
        },
        "statements": _statements(ctx),
    }


def data(ctx: BeneficiaryCertificateContext) -> JsonObject:
    """The embedded data. Raises: as ``render`` does for missing or inconsistent data."""
    _check(ctx)
    return _data(ctx)


def render(ctx: BeneficiaryCertificateContext, options: RenderOptions) -> RenderedDocument:
    """Raises: MissingDocumentDataError, InconsistentDocumentDataError, ValidationError,
    DocumentLayoutError."""
    beneficiary, applicant = _check(ctx)
    inv = ctx.invoice
    payment = inv.payment
    on = ctx.date or inv.date
    issue = prepare(KIND, number(ctx), _data(ctx), options)
    layout = new_layout(issue, beneficiary, options, title=TITLE, number_label=_NUMBER)

    credit = [payment.lc_number]
    if payment.issuing_bank:
        credit.append(f"Issued by {payment.issuing_bank}")
    if payment.lc_expiry:
        credit.append(f"Expiry {format_date(payment.lc_expiry)}")
    right = [
        Field(
            Label("Certificate No. and date", "证明编号及日期"),
            f"{number(ctx)} of {format_date(on)}",
        ),
        Field(
            Label("Documentary credit No.", "信用证号"), "\n".join(credit), strong_first_line=True
        ),
        Field(
            Label("Invoice No., date and amount", "发票号、日期及金额"),
            f"{inv.number} of {format_date(inv.date)}\n"
            f"{inv.currency} {format_amount(inv.total().amount, inv.currency)}",
        ),
    ]
    if ctx.shipment is not None:
        shipment = ctx.shipment
        transport = vessel_text(shipment)
        if shipment.transport_document_no:
            transport += f"\n{shipment.mode.document_name} No. {shipment.transport_document_no}"
        right.append(Field(Label("Shipment", "装运"), transport))
    left = [
        party_field(Label("Beneficiary", "受益人"), beneficiary, options, contact=False),
        party_field(Label("Applicant", "申请人"), applicant, options),
    ]
    addressee = payment.issuing_bank or "To whom it may concern"
    certified = "\n".join(f"{n}. {text}" for n, text in enumerate(_statements(ctx), start=1))
    story: list[Flowable] = [
        layout.field_columns(left, right, left_share=0.54),
        layout.spacer(5),
        layout.paragraph(f"To: {addressee}"),
        layout.spacer(3),
        layout.paragraph(
            f"Re: Documentary credit No. {payment.lc_number}"
            + (f" issued by {payment.issuing_bank}" if payment.issuing_bank else "")
            + f", our invoice No. {inv.number}."
        ),
        layout.spacer(3),
        layout.paragraph(
            "We, the beneficiary of the above documentary credit, hereby certify that:"
        ),
    ]
    if options.bilingual:
        story.append(layout.paragraph("我方作为上述信用证的受益人，特此证明：", small=True))
    story += [layout.spacer(2), layout.paragraph(certified), layout.spacer(4)]
    story.append(
        signature(layout, issue, beneficiary, options, on=on, role=Label("Beneficiary", "受益人"))
    )
    return finish(layout, story, issue)
