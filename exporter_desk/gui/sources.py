"""What each list shows: its columns (an IntEnum each), their headers and sort keys, and the
store queries that fill them. The queries run on the database thread."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from PySide6.QtCore import QCoreApplication

from exporter_desk.domain import (
    Contract,
    ContractId,
    Deal,
    DocumentStatus,
    Invoice,
    IssuedDocument,
    Party,
    Product,
    Shipment,
    format_amount,
    format_hs_code,
    format_price,
)
from exporter_desk.domain.codes import country_name
from exporter_desk.gui import labels
from exporter_desk.gui.messages import country_in_language
from exporter_desk.gui.models import ListRow, ListSource, cells, names_of
from exporter_desk.store import NotFoundError, Store

translate = QCoreApplication.translate


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


# -- parties ---------------------------------------------------------------------------------


class PartyColumn(IntEnum):
    NAME = 0
    NAME_ZH = 1
    COUNTRY = 2
    ROLES = 3
    CONTACT = 4
    EMAIL = 5


class PartySource(ListSource[PartyColumn]):
    table = "parties"
    columns = PartyColumn

    def header(self, column: PartyColumn) -> str:
        return {
            PartyColumn.NAME: translate("Lists", "Name"),
            PartyColumn.NAME_ZH: translate("Lists", "Chinese name"),
            PartyColumn.COUNTRY: translate("Lists", "Country"),
            PartyColumn.ROLES: translate("Lists", "Roles"),
            PartyColumn.CONTACT: translate("Lists", "Contact"),
            PartyColumn.EMAIL: translate("Lists", "E-mail"),
        }[column]

    def order_key(self, column: PartyColumn) -> str | None:
        return {PartyColumn.NAME: "name", PartyColumn.COUNTRY: "country"}.get(column)

    def default_order(self) -> tuple[str, bool]:
        return "name", False

    def empty_text(self) -> str:
        return translate(
            "Lists",
            "No parties yet. Parties are the companies you deal with: buyers, suppliers, consignees, banks and your own company.",
        )

    def new_text(self) -> str:
        return translate("Lists", "New party")

    def count(self, store: Store) -> int:
        return store.parties.count()

    def _rows(self, parties: list[Party]) -> list[ListRow]:
        return [
            ListRow(
                p.id or 0,
                cells(
                    p.name_en,
                    p.name_zh,
                    f"{country_in_language(country_name(p.country))} ({p.country})",
                    ", ".join(labels.party_role(r) for r in sorted(p.roles)),
                    p.contact,
                    p.email,
                ),
            )
            for p in parties
        ]

    def page(
        self, store: Store, offset: int, limit: int, order_by: str, descending: bool
    ) -> list[ListRow]:
        return self._rows(store.parties.list(offset, limit, order_by, descending))

    def search(self, store: Store, query: str, limit: int) -> list[ListRow]:
        return self._rows(store.parties.search(query, limit))


# -- products --------------------------------------------------------------------------------


class ProductColumn(IntEnum):
    SKU = 0
    DESCRIPTION = 1
    HS_CODE = 2
    UNIT = 3
    PRICE = 4
    ORIGIN = 5


class ProductSource(ListSource[ProductColumn]):
    table = "products"
    columns = ProductColumn
    numeric = frozenset({ProductColumn.PRICE})

    def header(self, column: ProductColumn) -> str:
        return {
            ProductColumn.SKU: translate("Lists", "SKU"),
            ProductColumn.DESCRIPTION: translate("Lists", "Description"),
            ProductColumn.HS_CODE: translate("Lists", "HS code"),
            ProductColumn.UNIT: translate("Lists", "Unit"),
            ProductColumn.PRICE: translate("Lists", "Unit price"),
            ProductColumn.ORIGIN: translate("Lists", "Origin"),
        }[column]

    def order_key(self, column: ProductColumn) -> str | None:
        return {
            ProductColumn.SKU: "sku",
            ProductColumn.DESCRIPTION: "description",
            ProductColumn.HS_CODE: "hs_code",
        }.get(column)

    def default_order(self) -> tuple[str, bool]:
        return "sku", False

    def empty_text(self) -> str:
        return translate(
            "Lists",
            "No products yet. Products are what you sell, with their HS codes, prices, weights and packing; invoice lines are filled from them.",
        )

    def new_text(self) -> str:
        return translate("Lists", "New product")

    def count(self, store: Store) -> int:
        return store.products.count()

    def _rows(self, products: list[Product]) -> list[ListRow]:
        return [
            ListRow(
                p.id or 0,
                cells(
                    p.sku,
                    p.description_en,
                    format_hs_code(p.hs_code),
                    p.unit.value,
                    f"{p.currency} {format_price(p.unit_price, p.currency)}",
                    p.origin_country,
                ),
            )
            for p in products
        ]

    def page(
        self, store: Store, offset: int, limit: int, order_by: str, descending: bool
    ) -> list[ListRow]:
        return self._rows(store.products.list(offset, limit, order_by, descending))

    def search(self, store: Store, query: str, limit: int) -> list[ListRow]:
        return self._rows(store.products.search(query, limit))


# -- contracts -------------------------------------------------------------------------------


class ContractColumn(IntEnum):
    NUMBER = 0
    KIND = 1
    DATE = 2
    SELLER = 3
    BUYER = 4
    TERMS = 5
    TOTAL = 6


class ContractSource(ListSource[ContractColumn]):
    table = "contracts"
    columns = ContractColumn
    numeric = frozenset({ContractColumn.TOTAL})

    def header(self, column: ContractColumn) -> str:
        return {
            ContractColumn.NUMBER: translate("Lists", "Number"),
            ContractColumn.KIND: translate("Lists", "Kind"),
            ContractColumn.DATE: translate("Lists", "Date"),
            ContractColumn.SELLER: translate("Lists", "Seller"),
            ContractColumn.BUYER: translate("Lists", "Buyer"),
            ContractColumn.TERMS: translate("Lists", "Terms"),
            ContractColumn.TOTAL: translate("Lists", "Total"),
        }[column]

    def order_key(self, column: ContractColumn) -> str | None:
        return {ContractColumn.NUMBER: "number", ContractColumn.DATE: "date"}.get(column)

    def default_order(self) -> tuple[str, bool]:
        return "date", True

    def empty_text(self) -> str:
        return translate(
            "Lists",
            "No contracts yet. A sales contract with a buyer (or a purchase contract with a supplier) fixes the goods, prices and terms; invoices are made from it.",
        )

    def new_text(self) -> str:
        return translate("Lists", "New contract")

    def count(self, store: Store) -> int:
        return store.contracts.count()

    def _rows(self, store: Store, contracts: list[Contract]) -> list[ListRow]:
        names = names_of(store, [c.seller_id for c in contracts] + [c.buyer_id for c in contracts])
        return [
            ListRow(
                c.id or 0,
                cells(
                    c.number,
                    labels.contract_kind(c.kind),
                    _date(c.date),
                    names.get(c.seller_id, ""),
                    names.get(c.buyer_id, ""),
                    c.terms.describe(),
                    f"{c.currency} {format_amount(c.total().amount, c.currency)}",
                ),
            )
            for c in contracts
        ]

    def page(
        self, store: Store, offset: int, limit: int, order_by: str, descending: bool
    ) -> list[ListRow]:
        return self._rows(store, store.contracts.list(offset, limit, order_by, descending))

    def search(self, store: Store, query: str, limit: int) -> list[ListRow]:
        return self._rows(store, store.contracts.search(query, limit))


# -- invoices --------------------------------------------------------------------------------


class InvoiceColumn(IntEnum):
    NUMBER = 0
    KIND = 1
    DATE = 2
    BUYER = 3
    TERMS = 4
    TOTAL = 5


class InvoiceSource(ListSource[InvoiceColumn]):
    table = "invoices"
    columns = InvoiceColumn
    numeric = frozenset({InvoiceColumn.TOTAL})

    def header(self, column: InvoiceColumn) -> str:
        return {
            InvoiceColumn.NUMBER: translate("Lists", "Number"),
            InvoiceColumn.KIND: translate("Lists", "Kind"),
            InvoiceColumn.DATE: translate("Lists", "Date"),
            InvoiceColumn.BUYER: translate("Lists", "Buyer"),
            InvoiceColumn.TERMS: translate("Lists", "Terms"),
            InvoiceColumn.TOTAL: translate("Lists", "Total"),
        }[column]

    def order_key(self, column: InvoiceColumn) -> str | None:
        return {
            InvoiceColumn.NUMBER: "number",
            InvoiceColumn.DATE: "date",
            InvoiceColumn.TOTAL: "total",
        }.get(column)

    def default_order(self) -> tuple[str, bool]:
        return "date", True

    def empty_text(self) -> str:
        return translate(
            "Lists",
            "No invoices yet. An invoice bills the buyer for goods: make a new one, or make one from a contract.",
        )

    def new_text(self) -> str:
        return translate("Lists", "New invoice")

    def count(self, store: Store) -> int:
        return store.invoices.count()

    def _rows(self, store: Store, invoices: list[Invoice]) -> list[ListRow]:
        names = names_of(store, [i.buyer_id for i in invoices])
        return [
            ListRow(
                i.id or 0,
                cells(
                    i.number,
                    labels.invoice_kind(i.kind),
                    _date(i.date),
                    names.get(i.buyer_id, ""),
                    i.terms.describe(),
                    f"{i.currency} {format_amount(i.total().amount, i.currency)}",
                ),
            )
            for i in invoices
        ]

    def page(
        self, store: Store, offset: int, limit: int, order_by: str, descending: bool
    ) -> list[ListRow]:
        return self._rows(store, store.invoices.list(offset, limit, order_by, descending))

    def search(self, store: Store, query: str, limit: int) -> list[ListRow]:
        return self._rows(store, store.invoices.search(query, limit))


# -- shipments -------------------------------------------------------------------------------


class ShipmentColumn(IntEnum):
    REFERENCE = 0
    MODE = 1
    LOADING = 2
    DISCHARGE = 3
    VESSEL = 4
    ETD = 5
    ETA = 6


class ShipmentSource(ListSource[ShipmentColumn]):
    table = "shipments"
    columns = ShipmentColumn

    def header(self, column: ShipmentColumn) -> str:
        return {
            ShipmentColumn.REFERENCE: translate("Lists", "Reference"),
            ShipmentColumn.MODE: translate("Lists", "Mode"),
            ShipmentColumn.LOADING: translate("Lists", "Port of loading"),
            ShipmentColumn.DISCHARGE: translate("Lists", "Port of discharge"),
            ShipmentColumn.VESSEL: translate("Lists", "Vessel / flight"),
            ShipmentColumn.ETD: translate("Lists", "ETD"),
            ShipmentColumn.ETA: translate("Lists", "ETA"),
        }[column]

    def order_key(self, column: ShipmentColumn) -> str | None:
        return {
            ShipmentColumn.REFERENCE: "reference",
            ShipmentColumn.ETD: "etd",
            ShipmentColumn.ETA: "eta",
        }.get(column)

    def empty_text(self) -> str:
        return translate(
            "Lists",
            "No shipments yet. A shipment records the vessel or flight, the containers and the dates; packing lists refer to it.",
        )

    def new_text(self) -> str:
        return translate("Lists", "New shipment")

    def count(self, store: Store) -> int:
        return store.shipments.count()

    def _rows(self, shipments: list[Shipment]) -> list[ListRow]:
        return [
            ListRow(
                s.id or 0,
                cells(
                    s.reference,
                    labels.transport_mode(s.mode),
                    s.port_of_loading,
                    s.port_of_discharge,
                    s.vessel_or_flight,
                    _date(s.etd),
                    _date(s.eta),
                ),
            )
            for s in shipments
        ]

    def page(
        self, store: Store, offset: int, limit: int, order_by: str, descending: bool
    ) -> list[ListRow]:
        return self._rows(store.shipments.list(offset, limit, order_by, descending))

    def search(self, store: Store, query: str, limit: int) -> list[ListRow]:
        return self._rows(store.shipments.search(query, limit))


# -- deals -----------------------------------------------------------------------------------


class DealColumn(IntEnum):
    REFERENCE = 0
    PURCHASE = 1
    SALES = 2
    NOTES = 3


class DealSource(ListSource[DealColumn]):
    table = "deals"
    columns = DealColumn

    def header(self, column: DealColumn) -> str:
        return {
            DealColumn.REFERENCE: translate("Lists", "Reference"),
            DealColumn.PURCHASE: translate("Lists", "Purchase leg"),
            DealColumn.SALES: translate("Lists", "Sales leg"),
            DealColumn.NOTES: translate("Lists", "Notes"),
        }[column]

    def order_key(self, column: DealColumn) -> str | None:
        return {DealColumn.REFERENCE: "reference"}.get(column)

    def empty_text(self) -> str:
        return translate(
            "Lists",
            "No deals yet. A deal ties a purchase contract to the sales contract that resells the goods (offshore, back-to-back trade).",
        )

    def new_text(self) -> str:
        return translate("Lists", "New deal")

    def count(self, store: Store) -> int:
        return store.deals.count()

    def _rows(self, store: Store, deals: list[Deal]) -> list[ListRow]:
        numbers: dict[int, str] = {}
        for contract_id in {d.purchase_contract_id for d in deals} | {
            d.sales_contract_id for d in deals
        }:
            if contract_id is not None:
                try:
                    numbers[contract_id] = store.contracts.get(ContractId(contract_id)).number
                except NotFoundError:
                    numbers[contract_id] = f"#{contract_id}"
        return [
            ListRow(
                d.id or 0,
                cells(
                    d.reference,
                    numbers.get(d.purchase_contract_id or 0, ""),
                    numbers.get(d.sales_contract_id or 0, ""),
                    d.notes.splitlines()[0] if d.notes else "",
                ),
            )
            for d in deals
        ]

    def page(
        self, store: Store, offset: int, limit: int, order_by: str, descending: bool
    ) -> list[ListRow]:
        return self._rows(store, store.deals.list(offset, limit, order_by, descending))

    def search(self, store: Store, query: str, limit: int) -> list[ListRow]:
        return self._rows(store, store.deals.search(query, limit))


# -- documents -------------------------------------------------------------------------------


class DocumentColumn(IntEnum):
    NUMBER = 0
    KIND = 1
    STATUS = 2
    CREATED = 3
    FILE = 4


class DocumentSource(ListSource[DocumentColumn]):
    table = "documents"
    columns = DocumentColumn

    def header(self, column: DocumentColumn) -> str:
        return {
            DocumentColumn.NUMBER: translate("Lists", "Number"),
            DocumentColumn.KIND: translate("Lists", "Kind"),
            DocumentColumn.STATUS: translate("Lists", "Status"),
            DocumentColumn.CREATED: translate("Lists", "Created"),
            DocumentColumn.FILE: translate("Lists", "File"),
        }[column]

    def order_key(self, column: DocumentColumn) -> str | None:
        return {
            DocumentColumn.NUMBER: "number",
            DocumentColumn.KIND: "kind",
            DocumentColumn.STATUS: "status",
            DocumentColumn.CREATED: "created_at",
        }.get(column)

    def default_order(self) -> tuple[str, bool]:
        return "created_at", True

    def empty_text(self) -> str:
        return translate(
            "Lists",
            "No documents issued yet. Issue one with Issue: it is registered with the trust network and signed, and shows here.",
        )

    def count(self, store: Store) -> int:
        return store.documents.count()

    def _rows(self, docs: list[IssuedDocument]) -> list[ListRow]:
        return [
            ListRow(
                d.id or 0,
                cells(
                    d.number,
                    labels.document_kind(d.kind),
                    labels.document_status(d.status),
                    d.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    d.path,
                ),
                muted=d.status is DocumentStatus.SUPERSEDED,
            )
            for d in docs
        ]

    def page(
        self, store: Store, offset: int, limit: int, order_by: str, descending: bool
    ) -> list[ListRow]:
        return self._rows(store.documents.list(offset, limit, order_by, descending))

    def search(self, store: Store, query: str, limit: int) -> list[ListRow]:
        return self._rows(store.documents.search(query, limit))


__all__ = [
    "ContractColumn",
    "ContractSource",
    "DealColumn",
    "DealSource",
    "DocumentColumn",
    "DocumentSource",
    "InvoiceColumn",
    "InvoiceSource",
    "PartyColumn",
    "PartySource",
    "ProductColumn",
    "ProductSource",
    "ShipmentColumn",
    "ShipmentSource",
]
