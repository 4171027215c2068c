"""Invoices (proforma and commercial) with their lines and charges."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any, ClassVar, TypeVar

from exporter_desk.domain import (
    Charge,
    ChargeKind,
    ContractId,
    Invoice,
    InvoiceId,
    InvoiceKind,
    Money,
    PartyId,
    ShipmentId,
)
from exporter_desk.store._convert import check_sizes, date_text, text_date, text_day
from exporter_desk.store._repository import Repository
from exporter_desk.store._trade import (
    line_from,
    line_row,
    payment_from,
    payment_row,
    terms_from,
    terms_row,
)
from exporter_desk.store.errors import ConstraintError, DuplicateError

_USAGES = (("packing lists", "SELECT count(*) FROM packing_lists WHERE invoice_id = ?", 1),)
_BULK_BATCH = 2_000
T = TypeVar("T")


class InvoiceRepository(Repository[Invoice, InvoiceId]):
    subject = "invoice"
    table = "invoices"
    fts_columns = ("number", "buyer", "buyer_reference")
    order_columns: ClassVar[dict[str, str]] = {
        "id": "id",
        "number": "number",
        "date": "date",
        "total": "total_minor",
    }

    def save(self, invoice: Invoice) -> Invoice:
        """Insert or update an invoice; lines and charges are replaced in the same transaction.

        Raises:
            ValidationError: when the invoice has problems; nothing is written.
            DuplicateError: when another invoice of the same kind has the number.
            MissingReferenceError: when a party, contract, shipment or product does not exist.
            TooLargeError, NotFoundError.
        """
        invoice.validated()
        row, lines, charges = _rows(invoice)
        with self._s.transaction():
            self._check_references(invoice)
            self._require_unique(
                "number",
                invoice.number,
                invoice.id,
                "kind = ? AND number = ?",
                (invoice.kind.value, invoice.number),
            )
            id_ = self._upsert(invoice.id, row)
            self._replace_children("invoice_lines", "invoice_id", id_, lines)
            self._replace_children("invoice_charges", "invoice_id", id_, charges)
        return replace(invoice, id=InvoiceId(id_))

    def bulk_insert(self, invoices: Iterable[Invoice]) -> int:
        """Insert many new invoices in one transaction (imports, seeding); all or none land.

        Each invoice is validated as in ``save``; references are checked once per distinct id.

        Raises:
            ValidationError, DuplicateError, MissingReferenceError, TooLargeError: for the
            first bad invoice; nothing is written.
        """
        known: set[tuple[str, int]] = set()
        pending: dict[str, list[tuple[Any, ...]]] = {"invoice_lines": [], "invoice_charges": []}
        columns: dict[str, list[str]] = {}
        count = 0
        with self._s.transaction():
            for invoice in invoices:
                if invoice.id is not None:
                    raise ValueError("bulk_insert takes new invoices only (id must be None)")
                invoice.validated()
                row, line_rows, charge_rows = _rows(invoice)
                for key in _references(invoice):
                    if key not in known:
                        self._check_reference(*key)
                        known.add(key)
                try:
                    id_ = self._insert(self.table, row)
                except ConstraintError as exc:
                    if "UNIQUE" not in str(exc):
                        raise
                    raise DuplicateError(self.subject, "number", invoice.number) from exc
                for table, children in (
                    ("invoice_lines", line_rows),
                    ("invoice_charges", charge_rows),
                ):
                    for position, child in enumerate(children):
                        columns.setdefault(table, ["invoice_id", "position", *child])
                        pending[table].append((id_, position, *child.values()))
                count += 1
                if len(pending["invoice_lines"]) >= _BULK_BATCH:
                    self._flush(pending, columns)
            self._flush(pending, columns)
        return count

    def _flush(
        self, pending: dict[str, list[tuple[Any, ...]]], columns: dict[str, list[str]]
    ) -> None:
        for table, rows in pending.items():
            if rows:
                names = columns[table]
                self._s.executemany(
                    f"INSERT INTO {table} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' * len(names))})",
                    rows,
                )
                rows.clear()

    def for_contract(self, contract_id: ContractId) -> builtins.list[Invoice]:
        """Invoices made out under one contract, oldest first (migration 2 indexes the column)."""
        rows = self._s.rows(
            "SELECT id FROM invoices WHERE contract_id = ? ORDER BY id", (contract_id,)
        )
        return self._load([row[0] for row in rows])

    def for_shipment(self, shipment_id: ShipmentId) -> builtins.list[Invoice]:
        """Invoices for the goods of one shipment, oldest first."""
        rows = self._s.rows(
            "SELECT id FROM invoices WHERE shipment_id = ? ORDER BY id", (shipment_id,)
        )
        return self._load([row[0] for row in rows])

    def delete(self, id_: InvoiceId) -> None:
        """Raises: InUseError when a packing list or an issued document refers to it."""
        self._delete(id_, _USAGES)

    def _check_references(self, invoice: Invoice) -> None:
        for field, id_ in _references(invoice):
            self._check_reference(field, id_)

    def _check_reference(self, field: str, id_: int) -> None:
        table, target = _REFERENCE_TARGETS[field]
        self._require(field, table, target, id_)

    def _load(self, ids: Sequence[int]) -> builtins.list[Invoice]:
        rows = self._rows_by_id(ids)
        found = list(rows)
        lines = self._children("invoice_lines", "invoice_id", found)
        charges = self._children("invoice_charges", "invoice_id", found)
        invoices = []
        for id_ in ids:
            row = rows.get(id_)
            if row is None:
                continue
            currency = row["currency"]
            invoices.append(
                Invoice(
                    kind=InvoiceKind(row["kind"]),
                    number=row["number"],
                    date=text_day(row["date"]),
                    seller_id=PartyId(row["seller_id"]),
                    buyer_id=PartyId(row["buyer_id"]),
                    terms=terms_from(row),
                    payment=payment_from(row),
                    lines=tuple(line_from(line) for line in lines[id_]),
                    charges=tuple(
                        Charge(
                            kind=ChargeKind(c["kind"]),
                            amount=Money.from_minor(c["amount_minor"], currency).amount,
                            description=c["description"],
                        )
                        for c in charges[id_]
                    ),
                    consignee_id=_opt(PartyId, row["consignee_id"]),
                    notify_id=_opt(PartyId, row["notify_id"]),
                    contract_id=_opt(ContractId, row["contract_id"]),
                    shipment_id=_opt(ShipmentId, row["shipment_id"]),
                    buyer_reference=row["buyer_reference"],
                    origin_country=row["origin_country"],
                    marks=row["marks"],
                    valid_until=text_date(row["valid_until"]),
                    notes=row["notes"],
                    id=InvoiceId(id_),
                )
            )
        return invoices


_REFERENCE_TARGETS = {
    "seller_id": ("parties", "party"),
    "buyer_id": ("parties", "party"),
    "consignee_id": ("parties", "party"),
    "notify_id": ("parties", "party"),
    "contract_id": ("contracts", "contract"),
    "shipment_id": ("shipments", "shipment"),
    "product_id": ("products", "product"),
}


def _opt(kind: Callable[[int], T], value: int | None) -> T | None:
    return None if value is None else kind(value)


def _references(invoice: Invoice) -> list[tuple[str, int]]:
    refs: list[tuple[str, int | None]] = [
        ("seller_id", invoice.seller_id),
        ("buyer_id", invoice.buyer_id),
        ("consignee_id", invoice.consignee_id),
        ("notify_id", invoice.notify_id),
        ("contract_id", invoice.contract_id),
        ("shipment_id", invoice.shipment_id),
        *(("product_id", line.product_id) for line in invoice.lines),
    ]
    return [(field, id_) for field, id_ in refs if id_ is not None]


def _rows(
    invoice: Invoice,
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The header, line and charge rows of a validated invoice, size-checked.

    Raises:
        TooLargeError: for a field far larger than any real one.
    """
    currency = invoice.currency
    row = {
        "kind": invoice.kind.value,
        "number": invoice.number,
        "date": date_text(invoice.date),
        "seller_id": invoice.seller_id,
        "buyer_id": invoice.buyer_id,
        "consignee_id": invoice.consignee_id,
        "notify_id": invoice.notify_id,
        "contract_id": invoice.contract_id,
        "shipment_id": invoice.shipment_id,
        **terms_row(invoice.terms),
        **payment_row(invoice.payment),
        "buyer_reference": invoice.buyer_reference,
        "origin_country": invoice.origin_country,
        "marks": invoice.marks,
        "valid_until": date_text(invoice.valid_until),
        "notes": invoice.notes,
        "subtotal_minor": invoice.subtotal().minor,
        "total_minor": invoice.total().minor,
    }
    lines = [line_row(line, currency) for line in invoice.lines]
    charges = [
        {
            "kind": charge.kind.value,
            "amount_minor": Money(charge.amount, currency).minor,
            "description": charge.description,
        }
        for charge in invoice.charges
    ]
    for part in (row, *lines, *charges):
        check_sizes("invoice", part)
    return row, lines, charges


__all__ = ["InvoiceRepository"]
