"""Exporting a list screen (as filtered and sorted) to .xlsx or .csv, for the accountant.

Each table's columns are typed: money is a number with its currency's decimals, a date a date,
text text (never a formula: see services/spreadsheets). Records are read a page at a time and
the .xlsx is streamed (openpyxl write_only), so 100,000 invoices never sit in memory at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from exporter_desk.domain import (
    Contract,
    ContractId,
    Deal,
    Invoice,
    IssuedDocument,
    Party,
    PartyId,
    Product,
    Shipment,
    format_hs_code,
)
from exporter_desk.domain.codes import minor_units
from exporter_desk.errors import ExporterError
from exporter_desk.services.spreadsheets import Amount, Value, open_writer
from exporter_desk.store import NotFoundError, Store
from exporter_desk.store._repository import MAX_PAGE

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 1000


class ExportTable(StrEnum):
    PARTIES = "parties"
    PRODUCTS = "products"
    CONTRACTS = "contracts"
    INVOICES = "invoices"
    SHIPMENTS = "shipments"
    DEALS = "deals"
    DOCUMENTS = "documents"


class ExportFormatError(ExporterError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"cannot export to {path.suffix or 'no suffix'}",
            user_message=f"'{path.name}': Exporter Desk exports to .xlsx (Excel, WPS) or .csv; "
            "give the file one of these endings.",
        )


class ExportWriteError(ExporterError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"cannot write {path}: {reason}",
            user_message=f"'{path}' could not be written ({reason}). Choose another folder, or "
            "close the file if Excel has it open.",
        )


class _Names:
    """Party names and contract numbers by id, each read once per export."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._parties: dict[int, str] = {}
        self._contracts: dict[int, str] = {}

    def party(self, id_: int | None) -> str:
        if id_ is None:
            return ""
        if id_ not in self._parties:
            try:
                self._parties[id_] = self._store.parties.get(PartyId(id_)).name_en
            except NotFoundError:
                self._parties[id_] = f"#{id_}"
        return self._parties[id_]

    def contract(self, id_: int | None) -> str:
        if id_ is None:
            return ""
        if id_ not in self._contracts:
            try:
                self._contracts[id_] = self._store.contracts.get(ContractId(id_)).number
            except NotFoundError:
                self._contracts[id_] = f"#{id_}"
        return self._contracts[id_]


def _money(amount: Decimal, currency: str) -> Amount:
    return Amount(amount, minor_units(currency))


def _price(amount: Decimal, currency: str) -> Amount:
    """A unit price keeps its own decimals when it has more than the currency's."""
    exponent = amount.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Amount(amount, max(places, minor_units(currency)))


def _local(moment: dt.datetime) -> dt.datetime:
    """Spreadsheets know no time zones: the local wall-clock time, as the list shows it."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


Row = Callable[[Any, _Names], list[Value]]


@dataclass(frozen=True, slots=True)
class _Spec:
    headers: tuple[str, ...]
    row: Row


def _party_row(p: Party, _n: _Names) -> list[Value]:
    return [
        p.name_en,
        p.name_zh,
        p.country,
        ", ".join(sorted(r.value for r in p.roles)),
        p.registration_id,
        p.address_en,
        p.address_zh,
        p.contact,
        p.email,
        p.phone,
    ]


def _product_row(p: Product, _n: _Names) -> list[Value]:
    return [
        p.sku,
        p.description_en,
        p.description_zh,
        format_hs_code(p.hs_code),
        p.unit.value,
        _price(p.unit_price, p.currency),
        p.currency,
        p.net_weight_kg,
        p.gross_weight_kg,
        p.origin_country,
    ]


def _contract_row(c: Contract, n: _Names) -> list[Value]:
    return [
        c.number,
        c.kind.value,
        c.date,
        n.party(c.seller_id),
        n.party(c.buyer_id),
        c.terms.incoterm.value,
        c.terms.incoterm_place,
        c.currency,
        _money(c.total().amount, c.currency),
    ]


def _invoice_row(i: Invoice, n: _Names) -> list[Value]:
    return [
        i.number,
        i.kind.value,
        i.date,
        n.party(i.buyer_id),
        i.terms.incoterm.value,
        i.terms.incoterm_place,
        i.currency,
        _money(i.subtotal().amount, i.currency),
        _money(i.total().amount, i.currency),
    ]


def _shipment_row(s: Shipment, _n: _Names) -> list[Value]:
    return [
        s.reference,
        s.mode.value,
        s.port_of_loading,
        s.port_of_discharge,
        s.vessel_or_flight,
        s.transport_document_no,
        s.etd,
        s.eta,
    ]


def _deal_row(d: Deal, n: _Names) -> list[Value]:
    return [
        d.reference,
        n.contract(d.purchase_contract_id),
        n.contract(d.sales_contract_id),
        d.notes,
    ]


def _document_row(d: IssuedDocument, _n: _Names) -> list[Value]:
    return [d.number, d.kind.value, d.status.value, _local(d.created_at), d.path]


_SPECS: dict[ExportTable, _Spec] = {
    ExportTable.PARTIES: _Spec(
        (
            "Name",
            "Chinese name",
            "Country",
            "Roles",
            "Registration id",
            "Address",
            "Chinese address",
            "Contact",
            "E-mail",
            "Phone",
        ),
        _party_row,
    ),
    ExportTable.PRODUCTS: _Spec(
        (
            "SKU",
            "Description",
            "Chinese description",
            "HS code",
            "Unit",
            "Unit price",
            "Currency",
            "Net weight (kg)",
            "Gross weight (kg)",
            "Origin",
        ),
        _product_row,
    ),
    ExportTable.CONTRACTS: _Spec(
        ("Number", "Kind", "Date", "Seller", "Buyer", "Incoterm", "Place", "Currency", "Total"),
        _contract_row,
    ),
    ExportTable.INVOICES: _Spec(
        (
            "Number",
            "Kind",
            "Date",
            "Buyer",
            "Incoterm",
            "Place",
            "Currency",
            "Subtotal",
            "Total",
        ),
        _invoice_row,
    ),
    ExportTable.SHIPMENTS: _Spec(
        (
            "Reference",
            "Mode",
            "Port of loading",
            "Port of discharge",
            "Vessel / flight",
            "Transport document",
            "ETD",
            "ETA",
        ),
        _shipment_row,
    ),
    ExportTable.DEALS: _Spec(
        ("Reference", "Purchase contract", "Sales contract", "Notes"), _deal_row
    ),
    ExportTable.DOCUMENTS: _Spec(("Number", "Kind", "Status", "Created", "File"), _document_row),
}


def export_headers(table: ExportTable) -> tuple[str, ...]:
    return _SPECS[table].headers


def _records(
    store: Store, table: ExportTable, order_by: str, descending: bool, query: str
) -> Iterator[Any]:
    repository: Any = getattr(store, table.value)
    if query.strip():
        # The list screen shows the newest matches of a search; the export holds the same.
        yield from repository.search(query, MAX_PAGE)
        return
    offset = 0
    while True:
        page = repository.list(offset, MAX_PAGE, order_by, descending)
        yield from page
        if len(page) < MAX_PAGE:
            return
        offset += MAX_PAGE


def export_table(
    store: Store,
    table: ExportTable,
    path: Path,
    *,
    order_by: str = "id",
    descending: bool = False,
    query: str = "",
    progress: Progress | None = None,
) -> int:
    """Write ``table`` to ``path`` (.xlsx or .csv) in the list's order; return the row count.

    The file appears only when complete (written under a temporary name, then renamed).

    Raises:
        ExportFormatError: for a file name that is neither .xlsx nor .csv.
        ExportWriteError: when the file cannot be written.
        ValueError: for an ``order_by`` the table does not sort by (a caller bug).
    """
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise ExportFormatError(path)
    spec = _SPECS[table]
    total = int(getattr(store, table.value).count())
    try:
        writer = open_writer(path, list(spec.headers), sheet_title=table.value.capitalize())
    except OSError as exc:
        raise ExportWriteError(path, exc.strerror or str(exc)) from exc
    names = _Names(store)
    written = 0
    try:
        for record in _records(store, table, order_by, descending, query):
            writer.write_row(spec.row(record, names))
            written += 1
            if progress is not None and written % PROGRESS_EVERY == 0:
                progress(written, total)
        writer.close()
    except OSError as exc:
        writer.abort()
        raise ExportWriteError(path, exc.strerror or str(exc)) from exc
    except BaseException:
        writer.abort()
        raise
    if progress is not None:
        progress(written, written)
    return written


__all__ = [
    "ExportFormatError",
    "ExportTable",
    "ExportWriteError",
    "export_headers",
    "export_table",
]
