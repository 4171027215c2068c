"""What the record pickers offer, read on the database thread.

A picker asks with ``""`` for its first list, with ``"#<id>"`` for one record it must show,
and with the user's text for the store's search.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from exporter_desk.domain import (
    ContractId,
    DealId,
    InvoiceId,
    PackingListId,
    PartyId,
    ProductId,
    ShipmentId,
)
from exporter_desk.gui.widgets import Choice
from exporter_desk.store import NotFoundError, Store

translate = QCoreApplication.translate

FIRST = 200
MATCHES = 50


def _wanted_id(text: str) -> int | None:
    if text.startswith("#") and text[1:].isdigit():
        return int(text[1:])
    return None


def party_choices(store: Store, text: str) -> list[Choice]:
    wanted = _wanted_id(text)
    if wanted is not None:
        try:
            parties = [store.parties.get(PartyId(wanted))]
        except NotFoundError:
            return []
    elif not text:
        parties = store.parties.list(0, FIRST, "name")
    else:
        parties = store.parties.search(text, MATCHES)
    return [
        Choice(
            p.id or 0,
            p.name_en,
            f"{p.name_en}  {p.name_zh}  ({p.country})"
            if p.name_zh
            else f"{p.name_en}  ({p.country})",
            p,
        )
        for p in parties
    ]


def product_choices(store: Store, text: str) -> list[Choice]:
    wanted = _wanted_id(text)
    if wanted is not None:
        try:
            products = [store.products.get(ProductId(wanted))]
        except NotFoundError:
            return []
    elif not text:
        products = store.products.list(0, FIRST, "sku")
    else:
        products = store.products.search(text, MATCHES)
    return [Choice(p.id or 0, p.sku, f"{p.sku}  {p.description_en}", p) for p in products]


def contract_choices(store: Store, text: str) -> list[Choice]:
    wanted = _wanted_id(text)
    if wanted is not None:
        try:
            contracts = [store.contracts.get(ContractId(wanted))]
        except NotFoundError:
            return []
    elif not text:
        contracts = store.contracts.list(0, FIRST, "date", descending=True)
    else:
        contracts = store.contracts.search(text, MATCHES)
    return [
        Choice(c.id or 0, c.number, f"{c.number}  ({c.kind.value}, {c.date.isoformat()})", c)
        for c in contracts
    ]


def deal_choices(store: Store, text: str) -> list[Choice]:
    wanted = _wanted_id(text)
    if wanted is not None:
        try:
            deals = [store.deals.get(DealId(wanted))]
        except NotFoundError:
            return []
    elif not text:
        deals = store.deals.list(0, FIRST, "id", descending=True)
    else:
        deals = store.deals.search(text, MATCHES)
    return [Choice(d.id or 0, d.reference, d.reference, d) for d in deals]


def invoice_choices(store: Store, text: str) -> list[Choice]:
    wanted = _wanted_id(text)
    if wanted is not None:
        try:
            invoices = [store.invoices.get(InvoiceId(wanted))]
        except NotFoundError:
            return []
    elif not text:
        invoices = store.invoices.list(0, FIRST, "date", descending=True)
    else:
        invoices = store.invoices.search(text, MATCHES)
    return [
        Choice(i.id or 0, i.number, f"{i.number}  ({i.kind.value}, {i.date.isoformat()})", i)
        for i in invoices
    ]


def packing_list_choices(store: Store, text: str) -> list[Choice]:
    wanted = _wanted_id(text)
    if wanted is not None:
        try:
            packing_lists = [store.packing_lists.get(PackingListId(wanted))]
        except NotFoundError:
            return []
    elif not text:
        packing_lists = store.packing_lists.list(0, FIRST, "date", descending=True)
    else:
        packing_lists = store.packing_lists.search(text, MATCHES)
    return [
        Choice(
            p.id or 0,
            p.number,
            translate("Choices", "{number}  ({count} packages, {date})").format(
                number=p.number, count=p.package_count(), date=p.date.isoformat()
            ),
            p,
        )
        for p in packing_lists
    ]


def shipment_choices(store: Store, text: str) -> list[Choice]:
    wanted = _wanted_id(text)
    if wanted is not None:
        try:
            shipments = [store.shipments.get(ShipmentId(wanted))]
        except NotFoundError:
            return []
    elif not text:
        shipments = store.shipments.list(0, FIRST, "id", descending=True)
    else:
        shipments = store.shipments.search(text, MATCHES)
    return [
        Choice(
            s.id or 0,
            s.reference,
            f"{s.reference}  {s.port_of_loading} → {s.port_of_discharge}  {s.vessel_or_flight}",
            s,
        )
        for s in shipments
    ]


__all__ = [
    "contract_choices",
    "deal_choices",
    "invoice_choices",
    "packing_list_choices",
    "party_choices",
    "product_choices",
    "shipment_choices",
]
