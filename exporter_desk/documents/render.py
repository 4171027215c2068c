"""One entry point for every document kind: ``render_document(kind, context, options)``.

Each kind takes one context type (see ``context``): the commercial and proforma invoices an
``InvoiceContext``, both contracts a ``ContractContext``, and so on. Passing another context type
is a programming error (``TypeError``); missing or inconsistent data is the user's to fix
(``MissingDocumentDataError`` / ``InconsistentDocumentDataError``).
"""

from __future__ import annotations

from typing import TypeVar

from exporter_desk.documents import (
    beneficiary_certificate,
    bill_of_exchange,
    certificate_of_origin,
    commercial_invoice,
    contract,
    packing_list,
    proforma_invoice,
    shipping_instruction,
)
from exporter_desk.documents._record import JsonObject
from exporter_desk.documents.context import (
    BeneficiaryCertificateContext,
    BillOfExchangeContext,
    ContractContext,
    DocumentContext,
    InvoiceContext,
    OriginContext,
    PackingContext,
    RenderOptions,
    ShippingInstructionContext,
)
from exporter_desk.documents.layout import RenderedDocument
from exporter_desk.domain import DocumentKind

__all__ = ["CONTEXT_TYPES", "document_data", "document_number", "render_document"]

C = TypeVar("C")

CONTEXT_TYPES: dict[DocumentKind, type] = {
    DocumentKind.COMMERCIAL_INVOICE: InvoiceContext,
    DocumentKind.PROFORMA_INVOICE: InvoiceContext,
    DocumentKind.PACKING_LIST: PackingContext,
    DocumentKind.SALES_CONTRACT: ContractContext,
    DocumentKind.PURCHASE_CONTRACT: ContractContext,
    DocumentKind.CERTIFICATE_OF_ORIGIN: OriginContext,
    DocumentKind.SHIPPING_INSTRUCTION: ShippingInstructionContext,
    DocumentKind.BENEFICIARY_CERTIFICATE: BeneficiaryCertificateContext,
    DocumentKind.BILL_OF_EXCHANGE: BillOfExchangeContext,
}


def _as(context: DocumentContext, kind: DocumentKind, cls: type[C]) -> C:
    if not isinstance(context, cls):
        raise TypeError(
            f"{kind.value} is rendered from a {cls.__name__}, not a {type(context).__name__}"
        )
    return context


def render_document(
    kind: DocumentKind, context: DocumentContext, options: RenderOptions
) -> RenderedDocument:
    """Render revision 1 of a document: deterministic bytes, ``document.json`` embedded.

    Raises:
        MissingDocumentDataError: something the document must show is missing.
        InconsistentDocumentDataError: the parts given do not belong together.
        ValidationError: a domain object has problems (``validated()``).
        DocumentLayoutError: a part is too large for one page.
        TypeError: the context is not the one ``kind`` takes.
    """
    match kind:
        case DocumentKind.COMMERCIAL_INVOICE:
            return commercial_invoice.render(_as(context, kind, InvoiceContext), options)
        case DocumentKind.PROFORMA_INVOICE:
            return proforma_invoice.render(_as(context, kind, InvoiceContext), options)
        case DocumentKind.PACKING_LIST:
            return packing_list.render(_as(context, kind, PackingContext), options)
        case DocumentKind.SALES_CONTRACT | DocumentKind.PURCHASE_CONTRACT:
            return contract.render(_as(context, kind, ContractContext), options, kind)
        case DocumentKind.CERTIFICATE_OF_ORIGIN:
            return certificate_of_origin.render(_as(context, kind, OriginContext), options)
        case DocumentKind.SHIPPING_INSTRUCTION:
            ctx = _as(context, kind, ShippingInstructionContext)
            return shipping_instruction.render(ctx, options)
        case DocumentKind.BENEFICIARY_CERTIFICATE:
            ctx_b = _as(context, kind, BeneficiaryCertificateContext)
            return beneficiary_certificate.render(ctx_b, options)
        case DocumentKind.BILL_OF_EXCHANGE:
            return bill_of_exchange.render(_as(context, kind, BillOfExchangeContext), options)
    raise TypeError(f"unknown document kind {kind!r}")  # pragma: no cover


def document_number(kind: DocumentKind, context: DocumentContext) -> str:
    """The number the document is issued under (the log tells kinds apart, so a certificate
    of origin may share its invoice's number).

    Raises:
        TypeError: the context is not the one ``kind`` takes.
    """
    ctx: DocumentContext = _as(context, kind, CONTEXT_TYPES[kind])
    if isinstance(ctx, InvoiceContext):
        return ctx.invoice.number
    if isinstance(ctx, PackingContext):
        return ctx.packing_list.number
    if isinstance(ctx, ContractContext):
        return ctx.contract.number
    return ctx.number or ctx.invoice.number


def document_data(kind: DocumentKind, context: DocumentContext) -> JsonObject:
    """The data that ``render_document`` embeds as ``document.json``, without the three keys it
    adds first (``format``, ``kind``, ``number``).

    Raises:
        as ``render_document`` for missing or inconsistent data, and TypeError.
    """
    match kind:
        case DocumentKind.COMMERCIAL_INVOICE:
            return commercial_invoice.data(_as(context, kind, InvoiceContext))
        case DocumentKind.PROFORMA_INVOICE:
            return proforma_invoice.data(_as(context, kind, InvoiceContext))
        case DocumentKind.PACKING_LIST:
            return packing_list.data(_as(context, kind, PackingContext))
        case DocumentKind.SALES_CONTRACT | DocumentKind.PURCHASE_CONTRACT:
            return contract.data(_as(context, kind, ContractContext), kind)
        case DocumentKind.CERTIFICATE_OF_ORIGIN:
            return certificate_of_origin.data(_as(context, kind, OriginContext))
        case DocumentKind.SHIPPING_INSTRUCTION:
            return shipping_instruction.data(_as(context, kind, ShippingInstructionContext))
        case DocumentKind.BENEFICIARY_CERTIFICATE:
            ctx_b = _as(context, kind, BeneficiaryCertificateContext)
            return beneficiary_certificate.data(ctx_b)
        case DocumentKind.BILL_OF_EXCHANGE:
            return bill_of_exchange.data(_as(context, kind, BillOfExchangeContext))
    raise TypeError(f"unknown document kind {kind!r}")  # pragma: no cover
