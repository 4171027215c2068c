"""Every document's context for the sample deal (``domain.samples``): for the demo, previews,
screenshots, benchmarks and tests."""

from __future__ import annotations

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
from exporter_desk.documents.pack import PackItem, PackParty
from exporter_desk.domain import DocumentKind
from exporter_desk.domain.samples import SampleBook, sample_book

__all__ = ["sample_contexts", "sample_pack_items", "sample_pack_parties"]


def sample_contexts(book: SampleBook | None = None) -> dict[DocumentKind, DocumentContext]:
    """One context per document kind, in ``DocumentKind`` order."""
    b = book or sample_book()
    invoice = InvoiceContext(
        b.invoice,
        b.exporter,
        b.buyer,
        consignee=b.buyer,
        notify=b.forwarder,
        shipment=b.shipment,
        contract=b.sales,
        packing_list=b.packing_list,
    )
    return {
        DocumentKind.COMMERCIAL_INVOICE: invoice,
        DocumentKind.PROFORMA_INVOICE: InvoiceContext(
            b.proforma, b.exporter, b.buyer, contract=b.sales
        ),
        DocumentKind.PACKING_LIST: PackingContext(
            b.packing_list,
            b.invoice,
            b.exporter,
            b.buyer,
            b.shipment,
            consignee=b.buyer,
            notify=b.forwarder,
        ),
        DocumentKind.SALES_CONTRACT: ContractContext(b.sales, b.exporter, b.buyer),
        DocumentKind.PURCHASE_CONTRACT: ContractContext(b.purchase, b.supplier, b.exporter),
        DocumentKind.CERTIFICATE_OF_ORIGIN: OriginContext(
            b.invoice,
            b.exporter,
            b.buyer,
            b.shipment,
            packing_list=b.packing_list,
            producer=b.supplier,
            number="HY-CO-2026-0112",
        ),
        DocumentKind.SHIPPING_INSTRUCTION: ShippingInstructionContext(
            b.invoice,
            b.packing_list,
            b.shipment,
            shipper=b.exporter,
            forwarder=b.forwarder,
            consignee=b.buyer,
            notify=b.buyer,
            bl_consignee="TO ORDER OF DEUTSCHE BANK AG, HAMBURG",
            number="HY-SI-2026-0088",
            instructions="Cargo is ready at the supplier's works in Tan Thuan EPZ, "
            "Ho Chi Minh City; contact Nguyen Thi Lan for pick-up.",
        ),
        DocumentKind.BENEFICIARY_CERTIFICATE: BeneficiaryCertificateContext(
            b.invoice, b.exporter, b.buyer, shipment=b.shipment, number="HY-BC-2026-0112"
        ),
        DocumentKind.BILL_OF_EXCHANGE: BillOfExchangeContext(b.invoice, b.exporter, b.buyer),
    }


def sample_pack_parties(book: SampleBook | None = None) -> list[PackParty]:
    b = book or sample_book()
    return [
        ("Seller / exporter", b.exporter),
        ("Buyer / consignee", b.buyer),
        ("Supplier", b.supplier),
        ("Forwarder / notify", b.forwarder),
    ]


def sample_pack_items(book: SampleBook | None = None) -> list[PackItem]:
    """The sample's L/C presentation: 3 originals and 2 copies of the bank documents."""
    contexts = sample_contexts(book)
    sets = {
        DocumentKind.COMMERCIAL_INVOICE: (3, 2),
        DocumentKind.PACKING_LIST: (3, 2),
        DocumentKind.CERTIFICATE_OF_ORIGIN: (1, 2),
        DocumentKind.BENEFICIARY_CERTIFICATE: (1, 1),
        DocumentKind.BILL_OF_EXCHANGE: (1, 0),
    }
    return [PackItem(kind, context, *sets.get(kind, (1, 0))) for kind, context in contexts.items()]
