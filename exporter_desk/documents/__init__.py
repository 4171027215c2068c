"""Trade documents as PDFs: one renderer per document type over a shared layout, and packs.

Render with ``render_document(kind, context, options)``: the context bundles the stored domain
objects the document prints (``InvoiceContext``, ``PackingContext``, ...), the options say how
(paper, languages, copy mark, creation time). The result is revision 1 of the PDF: the same data
gives the same bytes, the structured data is embedded as ``document.json``, and the QR code names
the document and the SHA-256 of that JSON. ``build_pack`` / ``pack_for_deal`` /
``pack_for_shipment`` assemble a numbered, marked pack for printing.
"""

from exporter_desk.documents.context import (
    DEFAULT_BENEFICIARY_STATEMENT,
    BeneficiaryCertificateContext,
    BillOfExchangeContext,
    ContractContext,
    DocumentContext,
    DocumentDataError,
    InconsistentDocumentDataError,
    InvoiceContext,
    MarkText,
    MissingDocumentDataError,
    OriginContext,
    PackingContext,
    RenderOptions,
    ShippingInstructionContext,
)
from exporter_desk.documents.layout import DocumentLayoutError, RenderedDocument, SignatureBox
from exporter_desk.documents.pack import (
    BANK_PACK_TITLE,
    PACK_ORDER,
    PACK_TITLE,
    CoverSection,
    PackDocument,
    PackEntry,
    PackError,
    PackItem,
    PackParty,
    PackPlan,
    PlannedEntry,
    build_pack,
    pack_for_deal,
    pack_for_shipment,
    plan_pack,
)
from exporter_desk.documents.qr import (
    QrPayload,
    QrPayloadError,
    format_qr_payload,
    parse_qr_payload,
)
from exporter_desk.documents.render import (
    CONTEXT_TYPES,
    document_data,
    document_number,
    render_document,
)

__all__ = [
    "BANK_PACK_TITLE",
    "CONTEXT_TYPES",
    "DEFAULT_BENEFICIARY_STATEMENT",
    "PACK_ORDER",
    "PACK_TITLE",
    "BeneficiaryCertificateContext",
    "BillOfExchangeContext",
    "ContractContext",
    "CoverSection",
    "DocumentContext",
    "DocumentDataError",
    "DocumentLayoutError",
    "InconsistentDocumentDataError",
    "InvoiceContext",
    "MarkText",
    "MissingDocumentDataError",
    "OriginContext",
    "PackDocument",
    "PackEntry",
    "PackError",
    "PackItem",
    "PackParty",
    "PackPlan",
    "PackingContext",
    "PlannedEntry",
    "QrPayload",
    "QrPayloadError",
    "RenderOptions",
    "RenderedDocument",
    "ShippingInstructionContext",
    "SignatureBox",
    "build_pack",
    "document_data",
    "document_number",
    "format_qr_payload",
    "pack_for_deal",
    "pack_for_shipment",
    "parse_qr_payload",
    "plan_pack",
    "render_document",
]
