"""Fill a data folder with the sample company and deal (``exporter-desk demo --seed``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from exporter_desk.domain import DocumentKind
from exporter_desk.domain.deal import DealId
from exporter_desk.domain.lines import LineItem
from exporter_desk.domain.party import PartyId
from exporter_desk.domain.samples import (
    SampleBook,
    sample_book,
    sample_credit_mt700,
    sample_received_documents,
)
from exporter_desk.domain.swift import parse_mt700
from exporter_desk.errors import ExporterError
from exporter_desk.services._files import safe_file_name, write_atomically
from exporter_desk.services.receiving import RECEIVED_FOLDER
from exporter_desk.signing import Keystore
from exporter_desk.store import Store
from exporter_desk.trustnet import format_descriptor


class DataFolderNotEmptyError(ExporterError):
    """The demo only seeds an empty database, so it never mixes with real data."""


T = TypeVar("T", bound=int)


def _saved(new_id: T | None) -> T:
    if new_id is None:  # a repository's save always returns the object with its id
        raise TypeError("save returned no id")
    return new_id


@dataclass(frozen=True, slots=True)
class SeedResult:
    parties: int
    products: int
    contracts: int
    invoices: int
    shipments: int
    packing_lists: int
    deals: int


def seed_demo(store: Store, today: dt.date | None = None) -> SeedResult:
    """Save the sample book into an empty store, in one transaction.

    Raises:
        DataFolderNotEmptyError: when the store already holds parties.
    """
    if store.parties.count():
        raise DataFolderNotEmptyError(
            "demo seed refused: the database already has parties",
            user_message="This data folder already has data; the demo only fills an empty one. "
            "Choose a new folder with --data DIR.",
        )
    book = sample_book(today or dt.date.today())
    with store.transaction():
        # The book's ids are those of a fresh database; map them to what this store assigns.
        party: dict[PartyId | None, PartyId] = {
            p.id: _saved(store.parties.save(replace(p, id=None)).id)
            for p in (book.exporter, book.supplier, book.buyer, book.forwarder)
        }
        product = {p.id: _saved(store.products.save(replace(p, id=None)).id) for p in book.products}

        def lines(items: tuple[LineItem, ...]) -> tuple[LineItem, ...]:
            return tuple(replace(line, product_id=product[line.product_id]) for line in items)

        contract = {
            c.id: store.contracts.save(
                replace(
                    c,
                    id=None,
                    seller_id=party[c.seller_id],
                    buyer_id=party[c.buyer_id],
                    lines=lines(c.lines),
                )
            ).id
            for c in (book.purchase, book.sales)
        }
        deal = store.deals.save(
            replace(
                book.deal,
                id=None,
                purchase_contract_id=contract[book.deal.purchase_contract_id],
                sales_contract_id=contract[book.deal.sales_contract_id],
            )
        )
        shipment_id = store.shipments.save(replace(book.shipment, id=None)).id
        invoice = {}
        for inv in (book.invoice, book.proforma):
            saved = store.invoices.save(
                replace(
                    inv,
                    id=None,
                    seller_id=party[inv.seller_id],
                    buyer_id=party[inv.buyer_id],
                    consignee_id=party.get(inv.consignee_id),
                    notify_id=party.get(inv.notify_id),
                    contract_id=contract.get(inv.contract_id),
                    shipment_id=shipment_id if inv.shipment_id else None,
                    lines=lines(inv.lines),
                )
            )
            invoice[inv.id] = _saved(saved.id)
        store.packing_lists.save(
            replace(
                book.packing_list,
                id=None,
                invoice_id=invoice[book.packing_list.invoice_id],
                shipment_id=shipment_id,
            )
        )
        _seed_credit_and_received(store, book, _saved(deal.id))
    return SeedResult(
        parties=store.parties.count(),
        products=store.products.count(),
        contracts=store.contracts.count(),
        invoices=store.invoices.count(),
        shipments=store.shipments.count(),
        packing_lists=store.packing_lists.count(),
        deals=store.deals.count(),
    )


def _seed_credit_and_received(store: Store, book: SampleBook, deal_id: DealId) -> None:
    """The sample deal's credit (read from its MT700) and the documents received from the
    supplier, the carrier and the insurer, their files kept in the data folder."""
    credit = parse_mt700(sample_credit_mt700(book)).credit
    store.credits.save(replace(credit, deal_id=deal_id))
    for doc, data in sample_received_documents(book):
        relative = Path(RECEIVED_FOLDER) / f"{doc.sha256[:16]}-{doc.file_name}"
        write_atomically(store.path.parent / relative, data)
        store.received.save(replace(doc, deal_id=deal_id, stored_path=relative.as_posix()))


__all__ = [
    "DEMO_DOCUMENTS",
    "DataFolderNotEmptyError",
    "SeedResult",
    "issue_demo_documents",
    "seed_demo",
]


DEMO_DOCUMENTS: tuple[tuple[DocumentKind, str, str], ...] = tuple(
    (kind, kind.source_table, number)
    for kind, number in (
        (DocumentKind.PURCHASE_CONTRACT, "HY-P-2026-031"),
        (DocumentKind.SALES_CONTRACT, "HY-S-2026-047"),
        (DocumentKind.PROFORMA_INVOICE, "HY-PI-2026-0047"),
        (DocumentKind.COMMERCIAL_INVOICE, "HY-CI-2026-0112"),
        (DocumentKind.PACKING_LIST, "HY-PL-2026-0112"),
        (DocumentKind.CERTIFICATE_OF_ORIGIN, "HY-CI-2026-0112"),
        (DocumentKind.SHIPPING_INSTRUCTION, "HY-CI-2026-0112"),
        (DocumentKind.BENEFICIARY_CERTIFICATE, "HY-CI-2026-0112"),
        (DocumentKind.BILL_OF_EXCHANGE, "HY-CI-2026-0112"),
    )
)
"""Every sample document: its kind, the table it is issued from, and that row's number."""


def _source_id(store: Store, table: str, number: str) -> int:
    found: list[Any]
    if table == "contracts":
        found = store.contracts.search(number, limit=5)
    elif table == "invoices":
        found = store.invoices.search(number, limit=5)
    else:
        found = store.packing_lists.search(number, limit=5)
    for item in found:
        if item.number == number and item.id is not None:
            return int(item.id)
    raise DataFolderNotEmptyError(
        f"sample {table} {number} not found", user_message=f"The sample {number} is missing."
    )


def issue_demo_documents(
    store: Store,
    keystore: Keystore,
    data_dir: Path,
    out_dir: Path,
    *,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Issue every sample document on the data folder's local network, copy the PDFs into
    ``out_dir`` and write ``out_dir/network.json``, the descriptor a counterparty pins."""
    from exporter_desk.services.issuing import issue_document
    from exporter_desk.services.network import open_local_network

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with open_local_network(data_dir, store, keystore) as network:
        descriptor_path = out_dir / "network.json"
        write_atomically(descriptor_path, format_descriptor(network.descriptor))
        written.append(descriptor_path)
        for kind, table, number in DEMO_DOCUMENTS:
            doc = issue_document(
                store, keystore, data_dir, network, kind, _source_id(store, table, number)
            )
            target = out_dir / f"{kind.value}-{safe_file_name(doc.number)}.pdf"
            write_atomically(target, Path(doc.path).read_bytes())
            written.append(target)
            if progress is not None:
                progress(f"  issued {kind.label} {doc.number}: {doc.status.value}")
    return written
