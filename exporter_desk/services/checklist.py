"""What issuing a document needs, checked before the irreversible step (register + sign).

:func:`issue_checklist` looks at the records a document is made from and lists what is missing,
each item naming the record and the field that fixes it (``("invoices", 7, "origin_country")``),
so that a front end can jump there. Item codes are stable: a front end words them itself and
falls back to the English ``message``. Qt-free; the GUI and the CLI share it.
"""

from __future__ import annotations

from dataclasses import dataclass

from exporter_desk.documents.context import (
    BeneficiaryCertificateContext,
    BillOfExchangeContext,
    ContractContext,
    DocumentContext,
    InvoiceContext,
    OriginContext,
    PackingContext,
    ShippingInstructionContext,
)
from exporter_desk.documents.render import document_data, document_number
from exporter_desk.domain import (
    DocumentKind,
    DocumentStatus,
    Invoice,
    InvoiceKind,
    IssuedDocument,
    PaymentMethod,
    ValidationError,
)
from exporter_desk.errors import ExporterError
from exporter_desk.services.contexts import SOURCE_TABLES, load_context
from exporter_desk.services.identity import company_party
from exporter_desk.store import Store

__all__ = ["ChecklistItem", "IssueChecklist", "issue_checklist"]


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One thing to fix before issuing: ``table``/``record_id`` is the record that holds
    ``field`` (an editor's field path; empty when no single field fixes it)."""

    code: str
    message: str
    table: str
    record_id: int | None
    field: str = ""


@dataclass(frozen=True, slots=True)
class IssueChecklist:
    """The checklist of one document; ``earlier`` is the registered document of the same kind
    and number, and ``unchanged`` says that its data equals the current data."""

    kind: DocumentKind
    source_id: int
    number: str
    items: tuple[ChecklistItem, ...]
    earlier: IssuedDocument | None = None
    unchanged: bool = False

    @property
    def is_ready(self) -> bool:
        return not self.items


_SUBJECTS = {
    "invoice": "invoices",
    "contract": "contracts",
    "packing list": "packing_lists",
}


class _Items:
    def __init__(self) -> None:
        self.items: list[ChecklistItem] = []

    def add(
        self, code: str, message: str, table: str, record_id: int | None, field: str = ""
    ) -> None:
        if all(
            (i.table, i.record_id, i.field, i.code) != (table, record_id, field, code)
            for i in self.items
        ):
            self.items.append(ChecklistItem(code, message, table, record_id, field))


def _invoice_needs(items: _Items, kind: DocumentKind, ctx: DocumentContext, inv: Invoice) -> None:
    """What the kinds issued from an invoice need of it and of its shipment."""
    here = ("invoices", inv.id)
    if not inv.lines:
        items.add("lines", "Add at least one line item.", *here, "lines")
    if kind in (DocumentKind.COMMERCIAL_INVOICE, DocumentKind.PROFORMA_INVOICE):
        wanted = (
            InvoiceKind.COMMERCIAL
            if kind is DocumentKind.COMMERCIAL_INVOICE
            else InvoiceKind.PROFORMA
        )
        if inv.kind is not wanted:
            items.add(
                "invoice_kind",
                f"This is a {inv.kind.value} invoice; set its kind to {wanted.value}.",
                *here,
                "kind",
            )
        elif kind is DocumentKind.COMMERCIAL_INVOICE and not inv.origin_country:
            items.add("origin_country", "Enter the country of origin.", *here, "origin_country")
        elif kind is DocumentKind.PROFORMA_INVOICE and inv.valid_until is None:
            items.add(
                "valid_until", "Enter the date the proforma is valid until.", *here, "valid_until"
            )
        seller = ctx.seller if isinstance(ctx, InvoiceContext) else None
        if seller is not None and inv.payment.method is PaymentMethod.TT and seller.bank is None:
            items.add(
                "seller_bank",
                "Enter the seller's bank account (for the payment instructions).",
                "parties",
                seller.id,
                "bank",
            )
    if kind is DocumentKind.CERTIFICATE_OF_ORIGIN:
        if not inv.origin_country:
            items.add("origin_country", "Enter the country of origin.", *here, "origin_country")
        if isinstance(ctx, OriginContext) and ctx.shipment is None:
            items.add(
                "shipment",
                "Choose the shipment (a certificate of origin names the transport and route).",
                *here,
                "shipment_id",
            )
    if isinstance(ctx, ShippingInstructionContext):
        if ctx.shipment is None:
            items.add("shipment", "Choose the shipment (the booking).", *here, "shipment_id")
        elif ctx.forwarder is None:
            items.add(
                "forwarder",
                "Choose the forwarder on the shipment.",
                "shipments",
                ctx.shipment.id,
                "forwarder_id",
            )
        if ctx.packing_list is None:
            items.add(
                "packing_list",
                "Make a packing list for this invoice (packages, weights, measurement).",
                *here,
                "packing_lists",
            )
    if isinstance(ctx, BeneficiaryCertificateContext | BillOfExchangeContext):
        method = inv.payment.method
        if isinstance(ctx, BeneficiaryCertificateContext) and method is not PaymentMethod.LC:
            items.add(
                "payment_method",
                "A beneficiary's certificate belongs to an L/C: set the payment to L/C.",
                *here,
                "payment.method",
            )
        if isinstance(ctx, BillOfExchangeContext) and method is PaymentMethod.TT:
            items.add(
                "payment_method",
                "A bill of exchange is drawn under L/C, D/P or D/A: change the payment.",
                *here,
                "payment.method",
            )
        if method is PaymentMethod.LC and not inv.payment.lc_number:
            items.add("lc_number", "Enter the L/C number.", *here, "payment.lc_number")
        if (
            isinstance(ctx, BillOfExchangeContext)
            and method is PaymentMethod.LC
            and ctx.drawee is None
            and not inv.payment.issuing_bank
        ):
            items.add(
                "issuing_bank", "Enter the issuing bank of the L/C.", *here, "payment.issuing_bank"
            )


def _packing_needs(items: _Items, ctx: PackingContext) -> None:
    here = ("packing_lists", ctx.packing_list.id)
    if not ctx.packing_list.packages:
        items.add("packages", "Add at least one package.", *here, "packages")
    if ctx.invoice is None:
        items.add(
            "invoice", "Choose the invoice this packing list belongs to.", *here, "invoice_id"
        )
    if ctx.shipment is None:
        items.add("shipment", "Choose the shipment.", *here, "shipment_id")


def _contract_needs(items: _Items, ctx: ContractContext) -> None:
    if not ctx.contract.lines:
        items.add("lines", "Add at least one line item.", "contracts", ctx.contract.id, "lines")


def issue_checklist(store: Store, kind: DocumentKind, source_id: int) -> IssueChecklist:
    """What issuing ``kind`` from its source row still needs (empty when it is ready), and
    whether a registered document of the same number exists with the same data.

    Raises:
        NotFoundError: the source row does not exist.
    """
    from exporter_desk.services.issuing import compute_data_digest

    items = _Items()
    table = SOURCE_TABLES[kind]
    try:
        company_party(store)
    except ExporterError:
        items.add("company", "Choose your company in Settings.", "settings", None, "company")
    context = load_context(store, kind, source_id)
    if isinstance(context, ContractContext):
        _contract_needs(items, context)
    elif isinstance(context, PackingContext):
        _packing_needs(items, context)
    else:
        _invoice_needs(items, kind, context, context.invoice)
    found_by_rules = bool(items.items)
    try:
        document_data(kind, context)
    except ValidationError as exc:
        # The source record's own problems point at its fields; another record's only name it.
        own = _SUBJECTS.get(exc.subject) == table
        for problem in exc.problems:
            message = f"The {exc.subject}: {problem.message}"
            items.add("invalid", message, table, source_id, problem.field if own else "")
    except ExporterError as exc:
        if not found_by_rules:  # a need the rules above do not know yet: still say it
            items.add("other", exc.user_message, table, source_id)
    number = document_number(kind, context)
    earlier = next(
        (
            doc
            for doc in reversed(store.documents.by_number(kind, number))
            if doc.status is DocumentStatus.REGISTERED
        ),
        None,
    )
    unchanged = False
    if earlier is not None and not items.items:
        unchanged = earlier.data_digest == compute_data_digest(kind, context)
    return IssueChecklist(kind, source_id, number, tuple(items.items), earlier, unchanged)
