"""The whole database as JSON-ready data (``exporter-desk export --json``).

Objects are exported as the domain sees them, read in windows through the repositories:
Decimals as exact strings, dates ISO, enums by value, bytes as base64. Invoices and contracts
also carry their computed totals, so that an accountant's tool need not recompute them.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from exporter_desk.domain import Contract, Invoice
from exporter_desk.store._repository import MAX_PAGE
from exporter_desk.store.database import Store

FORMAT = "exporter-desk-export/v1"
T = TypeVar("T")


def to_json(value: Any) -> Any:
    """A domain value as plain JSON data (dict, list, str, int, bool, None)."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):  # datetime included
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, frozenset | set):
        return sorted(to_json(v) for v in value)
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot export {type(value).__name__}")


def export_json(store: Store) -> dict[str, Any]:
    """Everything in the store, one list per aggregate ordered by id."""

    def contract(c: Contract) -> dict[str, Any]:
        return {**to_json(c), "total": to_json(c.total().amount)}

    def invoice(i: Invoice) -> dict[str, Any]:
        return {
            **to_json(i),
            "currency": i.currency,
            "subtotal": to_json(i.subtotal().amount),
            "total": to_json(i.total().amount),
        }

    with store._session.snapshot():
        return {
            "format": FORMAT,
            "schema_version": store.schema_version,
            "settings": store.settings.all(),
            "parties": [to_json(p) for p in _all(store.parties.list)],
            "products": [to_json(p) for p in _all(store.products.list)],
            "contracts": [contract(c) for c in _all(store.contracts.list)],
            "shipments": [to_json(s) for s in _all(store.shipments.list)],
            "invoices": [invoice(i) for i in _all(store.invoices.list)],
            "packing_lists": [to_json(p) for p in _all(store.packing_lists.list)],
            "deals": [to_json(d) for d in _all(store.deals.list)],
            "credits": [to_json(c) for c in _all(store.credits.list)],
            "received_documents": [to_json(r) for r in _all(store.received.list)],
            "documents": [to_json(d) for d in _all(store.documents.list)],
            "outbox": [to_json(o) for o in _all(store.outbox.list)],
        }


def _all(page: Callable[[int, int], list[T]]) -> Iterator[T]:
    offset = 0
    while True:
        rows = page(offset, MAX_PAGE)
        yield from rows
        if len(rows) < MAX_PAGE:
            return
        offset += MAX_PAGE


__all__ = ["FORMAT", "export_json", "to_json"]
