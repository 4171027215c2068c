"""Document packs for printing: every document of a deal or a shipment, in the set order, with
a cover, pack page numbers and ORIGINAL / COPY marks (``exporter-desk pack``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from exporter_desk.documents.context import RenderOptions
from exporter_desk.documents.pack import PackItem, pack_for_deal, pack_for_shipment
from exporter_desk.domain import (
    DealId,
    DocumentKind,
    Invoice,
    InvoiceKind,
    Party,
    PaymentMethod,
    ShipmentId,
)
from exporter_desk.errors import ExporterError
from exporter_desk.services._files import write_atomically
from exporter_desk.services.contexts import load_context
from exporter_desk.services.identity import company_party
from exporter_desk.store import NotFoundError, Store

__all__ = ["EmptyPackError", "PackOptions", "pack_deal", "pack_shipment", "write_pack"]


@dataclass(frozen=True, slots=True)
class PackOptions:
    """How many sets of each document, and how to print them.

    ``originals`` / ``copies`` apply to the documents a bank examines (invoice, packing list,
    certificate of origin, bill of exchange, beneficiary's certificate); contracts and the
    proforma get one original, the shipping instruction one copy for the file.
    """

    originals: int = 3
    copies: int = 2
    language: str = "en"
    paper: str = "A4"


class EmptyPackError(ExporterError):
    """A deal or shipment with nothing to print yet."""


_PRESENTED = {
    DocumentKind.COMMERCIAL_INVOICE,
    DocumentKind.PACKING_LIST,
    DocumentKind.CERTIFICATE_OF_ORIGIN,
    DocumentKind.BENEFICIARY_CERTIFICATE,
    DocumentKind.BILL_OF_EXCHANGE,
}


def _item(store: Store, kind: DocumentKind, source_id: int, options: PackOptions) -> PackItem:
    if kind in _PRESENTED:
        originals, copies = options.originals, options.copies
    elif kind is DocumentKind.SHIPPING_INSTRUCTION:
        originals, copies = 0, 1
    else:
        originals, copies = 1, 0
    return PackItem(kind, load_context(store, kind, source_id), originals, copies)


def _invoice_items(
    store: Store, invoices: Iterable[Invoice], options: PackOptions
) -> list[PackItem]:
    items: list[PackItem] = []
    for invoice in invoices:
        assert invoice.id is not None
        if invoice.kind is InvoiceKind.PROFORMA:
            items.append(_item(store, DocumentKind.PROFORMA_INVOICE, invoice.id, options))
            continue
        kinds = [DocumentKind.COMMERCIAL_INVOICE, DocumentKind.CERTIFICATE_OF_ORIGIN]
        if invoice.shipment_id is not None:
            kinds.append(DocumentKind.SHIPPING_INSTRUCTION)
        if invoice.payment.method is PaymentMethod.LC:
            kinds += [DocumentKind.BENEFICIARY_CERTIFICATE, DocumentKind.BILL_OF_EXCHANGE]
        items += [_item(store, kind, invoice.id, options) for kind in kinds]
        for packing_list in store.packing_lists.for_invoice(invoice.id):
            assert packing_list.id is not None
            items.append(_item(store, DocumentKind.PACKING_LIST, packing_list.id, options))
    return items


def _render_options(options: PackOptions, now: dt.datetime | None) -> RenderOptions:
    return RenderOptions(
        created=(now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0),
        paper="LETTER" if options.paper.upper() == "LETTER" else "A4",
        language="en+zh" if options.language == "en+zh" else "en",
    )


def _parties(store: Store, roles: Iterable[tuple[str, int | None]]) -> list[tuple[str, Party]]:
    found: list[tuple[str, Party]] = []
    seen: set[int] = set()
    for role, party_id in roles:
        if party_id is None or party_id in seen:
            continue
        try:
            found.append((role, store.parties.get(party_id)))  # type: ignore[arg-type]
        except NotFoundError:
            continue
        seen.add(party_id)
    return found


def pack_deal(
    store: Store,
    deal_id: int,
    options: PackOptions | None = None,
    *,
    now: dt.datetime | None = None,
) -> bytes:
    """The pack of a back-to-back deal: both contracts, then the sales leg's invoices and
    everything shipped under them.

    Raises:
        NotFoundError: no such deal. EmptyPackError: the deal has no contract yet.
        MissingDocumentDataError: a document lacks data (named in the message).
    """
    options = options or PackOptions()
    deal = store.deals.get(DealId(deal_id))
    items: list[PackItem] = []
    roles: list[tuple[str, int | None]] = []
    for contract_id, kind in (
        (deal.purchase_contract_id, DocumentKind.PURCHASE_CONTRACT),
        (deal.sales_contract_id, DocumentKind.SALES_CONTRACT),
    ):
        if contract_id is None:
            continue
        contract = store.contracts.get(contract_id)
        items.append(_item(store, kind, contract_id, options))
        if kind is DocumentKind.PURCHASE_CONTRACT:
            roles.append(("Supplier", contract.seller_id))
        else:
            roles += [("Seller / exporter", contract.seller_id), ("Buyer", contract.buyer_id)]
            items += _invoice_items(store, store.invoices.for_contract(contract_id), options)
    if not items:
        raise EmptyPackError(
            f"deal {deal.reference} has no contracts",
            user_message=f"Deal {deal.reference} has no contract yet, so there is nothing to print.",
        )
    return pack_for_deal(
        deal,
        _parties(store, roles),
        items,
        _render_options(options, now),
        issuer=company_party(store),
    )


def pack_shipment(
    store: Store,
    shipment_id: int,
    options: PackOptions | None = None,
    *,
    now: dt.datetime | None = None,
) -> bytes:
    """The pack of one shipment: its commercial invoices and their shipping documents.

    Raises:
        NotFoundError: no such shipment. EmptyPackError: no invoice refers to it yet.
    """
    options = options or PackOptions()
    shipment = store.shipments.get(ShipmentId(shipment_id))
    invoices = store.invoices.for_shipment(ShipmentId(shipment_id))
    items = _invoice_items(store, invoices, options)
    if not items:
        raise EmptyPackError(
            f"shipment {shipment.reference} has no invoices",
            user_message=f"No invoice refers to shipment {shipment.reference} yet, so there is "
            "nothing to print. Set the shipment on its commercial invoice first.",
        )
    roles: list[tuple[str, int | None]] = []
    for invoice in invoices:
        roles += [
            ("Seller / exporter", invoice.seller_id),
            ("Buyer", invoice.buyer_id),
            ("Consignee", invoice.consignee_id),
            ("Notify party", invoice.notify_id),
        ]
    return pack_for_shipment(
        shipment,
        _parties(store, roles),
        items,
        _render_options(options, now),
        issuer=company_party(store),
    )


def write_pack(path: Path, data: bytes) -> None:
    """Save a pack: all of it or nothing (temp file, fsync, rename).

    Raises:
        DiskFullError: no room on the disk; nothing was written and ``path`` is unchanged.
        NotWritableError: the folder cannot be written.
    """
    write_atomically(path, data)
