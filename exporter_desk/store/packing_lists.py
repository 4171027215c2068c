"""Packing lists with their package ranges."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

from exporter_desk.domain import (
    Dimensions,
    InvoiceId,
    PackageRange,
    PackageType,
    PackingList,
    PackingListId,
    ShipmentId,
    Unit,
)
from exporter_desk.store._convert import (
    check_sizes,
    date_text,
    dec_or_none,
    dec_text,
    text_day,
    text_dec,
)
from exporter_desk.store._repository import Repository


class PackingListRepository(Repository[PackingList, PackingListId]):
    subject = "packing list"
    table = "packing_lists"
    fts_columns = ("number", "marks")
    order_columns: ClassVar[dict[str, str]] = {
        "id": "id",
        "number": "number",
        "date": "date",
    }

    def save(self, packing_list: PackingList) -> PackingList:
        """Insert or update a packing list; its ranges are replaced in the same transaction.

        Raises:
            ValidationError: when the packing list has problems; nothing is written.
            DuplicateError: when another packing list has the number.
            MissingReferenceError: when its invoice or shipment does not exist.
            TooLargeError, NotFoundError.
        """
        packing_list.validated()
        row = {
            "number": packing_list.number,
            "date": date_text(packing_list.date),
            "invoice_id": packing_list.invoice_id,
            "shipment_id": packing_list.shipment_id,
            "marks": packing_list.marks,
        }
        ranges = [_range_row(package) for package in packing_list.packages]
        for part in (row, *ranges):
            check_sizes(self.subject, part)
        with self._s.transaction():
            self._require("invoice_id", "invoices", "invoice", packing_list.invoice_id)
            self._require("shipment_id", "shipments", "shipment", packing_list.shipment_id)
            self._require_unique(
                "number",
                packing_list.number,
                packing_list.id,
                "number = ?",
                (packing_list.number,),
            )
            id_ = self._upsert(packing_list.id, row)
            self._replace_children("package_ranges", "packing_list_id", id_, ranges)
        return replace(packing_list, id=PackingListId(id_))

    def for_invoice(self, invoice_id: InvoiceId) -> builtins.list[PackingList]:
        rows = self._s.rows(
            "SELECT id FROM packing_lists WHERE invoice_id = ? ORDER BY id", (invoice_id,)
        )
        return self._load([row[0] for row in rows])

    def delete(self, id_: PackingListId) -> None:
        """Raises: InUseError when an issued document refers to it; NotFoundError."""
        self._delete(id_, ())

    def _load(self, ids: Sequence[int]) -> builtins.list[PackingList]:
        rows = self._rows_by_id(ids)
        ranges = self._children("package_ranges", "packing_list_id", list(rows))
        result = []
        for id_ in ids:
            row = rows.get(id_)
            if row is None:
                continue
            shipment_id = row["shipment_id"]
            result.append(
                PackingList(
                    number=row["number"],
                    date=text_day(row["date"]),
                    invoice_id=InvoiceId(row["invoice_id"]),
                    packages=tuple(_range_from(r) for r in ranges[id_]),
                    shipment_id=None if shipment_id is None else ShipmentId(shipment_id),
                    marks=row["marks"],
                    id=PackingListId(id_),
                )
            )
        return result


def _range_row(package: PackageRange) -> dict[str, Any]:
    dims = package.dimensions
    return {
        "first_no": package.first,
        "last_no": package.last,
        "package_type": package.package_type.value,
        "description": package.description,
        "quantity_per_package": dec_text(package.quantity_per_package),
        "unit": package.unit.value,
        "net_kg_per_package": dec_text(package.net_kg_per_package),
        "gross_kg_per_package": dec_text(package.gross_kg_per_package),
        "length_cm": dec_or_none(dims.length_cm if dims else None),
        "width_cm": dec_or_none(dims.width_cm if dims else None),
        "height_cm": dec_or_none(dims.height_cm if dims else None),
        "sku": package.sku,
    }


def _range_from(row: sqlite3.Row) -> PackageRange:
    dimensions = None
    if row["length_cm"] is not None:
        dimensions = Dimensions(
            text_dec(row["length_cm"]), text_dec(row["width_cm"]), text_dec(row["height_cm"])
        )
    return PackageRange(
        first=row["first_no"],
        last=row["last_no"],
        package_type=PackageType(row["package_type"]),
        description=row["description"],
        quantity_per_package=text_dec(row["quantity_per_package"]),
        unit=Unit(row["unit"]),
        net_kg_per_package=text_dec(row["net_kg_per_package"]),
        gross_kg_per_package=text_dec(row["gross_kg_per_package"]),
        dimensions=dimensions,
        sku=row["sku"],
    )


__all__ = ["PackingListRepository"]
