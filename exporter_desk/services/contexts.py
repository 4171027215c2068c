"""Resolve what a document prints from the store: (kind, source id) -> a renderer's context.

A missing reference (a deleted consignee, say) is passed on as None: the renderer then names
what is missing in a :class:`~exporter_desk.documents.MissingDocumentDataError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

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
from exporter_desk.domain import (
    ContractId,
    DocumentKind,
    Invoice,
    InvoiceId,
    PackingListId,
    PartyRole,
    Shipment,
    ShipmentId,
)
from exporter_desk.domain.party import Party, PartyId
from exporter_desk.store import NotFoundError, Store

__all__ = ["SOURCE_TABLES", "load_context"]

T = TypeVar("T")
K = TypeVar("K")

SOURCE_TABLES: dict[DocumentKind, str] = {
    kind: kind.source_table for kind in DocumentKind if kind is not DocumentKind.BANK_PACK
}
"""The kinds rendered from one record (:func:`load_context`), each with its table
(``DocumentKind.source_table``); a bank pack is built from a whole deal instead."""


def _maybe(get: Callable[[K], T], key: K | None) -> T | None:
    if key is None:
        return None
    try:
        return get(key)
    except NotFoundError:
        return None


def _invoice_context(store: Store, invoice: Invoice) -> InvoiceContext:
    party = store.parties.get
    packing = store.packing_lists.for_invoice(invoice.id) if invoice.id is not None else []
    return InvoiceContext(
        invoice=invoice,
        seller=_maybe(party, invoice.seller_id),
        buyer=_maybe(party, invoice.buyer_id),
        consignee=_maybe(party, invoice.consignee_id),
        notify=_maybe(party, invoice.notify_id),
        shipment=_maybe(store.shipments.get, invoice.shipment_id),
        contract=_maybe(store.contracts.get, invoice.contract_id),
        packing_list=packing[-1] if packing else None,
    )


def _forwarder(store: Store, invoice: Invoice, shipment: Shipment | None) -> Party | None:
    """The forwarder chosen on the shipment; else the invoice's notify party when it is a
    forwarder. Never a guess among the parties: without either, the instruction names it
    missing (and the issue checklist points at the shipment's forwarder field)."""
    if shipment is not None and shipment.forwarder_id is not None:
        return _maybe(store.parties.get, shipment.forwarder_id)
    notify = _maybe(store.parties.get, invoice.notify_id)
    if notify is not None and PartyRole.FORWARDER in notify.roles:
        return notify
    return None


def load_context(store: Store, kind: DocumentKind, source_id: int) -> DocumentContext:
    """Everything ``kind`` prints, for its source row ``source_id`` (see :data:`SOURCE_TABLES`).

    Raises:
        NotFoundError: the source row does not exist.
        ValueError: ``kind`` is the bank pack, which is built from issued documents
            (:mod:`exporter_desk.services.packs`), not rendered from one row.
    """
    if kind is DocumentKind.BANK_PACK:
        raise ValueError("a bank pack is built by services.packs, not rendered from a context")
    if kind in (DocumentKind.SALES_CONTRACT, DocumentKind.PURCHASE_CONTRACT):
        contract = store.contracts.get(ContractId(source_id))
        return ContractContext(
            contract=contract,
            seller=_maybe(store.parties.get, contract.seller_id),
            buyer=_maybe(store.parties.get, contract.buyer_id),
        )
    if kind is DocumentKind.PACKING_LIST:
        packing_list = store.packing_lists.get(PackingListId(source_id))
        invoice = _maybe(store.invoices.get, packing_list.invoice_id)
        shipment_id: ShipmentId | None = packing_list.shipment_id or (
            invoice.shipment_id if invoice is not None else None
        )
        seller_id: PartyId | None = invoice.seller_id if invoice is not None else None
        return PackingContext(
            packing_list=packing_list,
            invoice=invoice,
            seller=_maybe(store.parties.get, seller_id),
            buyer=_maybe(store.parties.get, invoice.buyer_id if invoice else None),
            shipment=_maybe(store.shipments.get, shipment_id),
            consignee=_maybe(store.parties.get, invoice.consignee_id if invoice else None),
            notify=_maybe(store.parties.get, invoice.notify_id if invoice else None),
        )
    base = _invoice_context(store, store.invoices.get(InvoiceId(source_id)))
    if kind in (DocumentKind.COMMERCIAL_INVOICE, DocumentKind.PROFORMA_INVOICE):
        return base
    if kind is DocumentKind.CERTIFICATE_OF_ORIGIN:
        return OriginContext(
            invoice=base.invoice,
            exporter=base.seller,
            consignee=base.consignee or base.buyer,
            shipment=base.shipment,
            packing_list=base.packing_list,
        )
    if kind is DocumentKind.SHIPPING_INSTRUCTION:
        return ShippingInstructionContext(
            invoice=base.invoice,
            packing_list=base.packing_list,
            shipment=base.shipment,
            shipper=base.seller,
            forwarder=_forwarder(store, base.invoice, base.shipment),
            consignee=base.consignee or base.buyer,
            notify=base.notify,
        )
    if kind is DocumentKind.BENEFICIARY_CERTIFICATE:
        return BeneficiaryCertificateContext(
            invoice=base.invoice,
            beneficiary=base.seller,
            applicant=base.buyer,
            shipment=base.shipment,
        )
    return BillOfExchangeContext(invoice=base.invoice, drawer=base.seller, buyer=base.buyer)
