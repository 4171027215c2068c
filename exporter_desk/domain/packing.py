"""Packing lists: which package holds what, and what it weighs and measures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NewType

from exporter_desk.domain._checks import Checker
from exporter_desk.domain.errors import Problem, ValidationError, raise_if_problems
from exporter_desk.domain.invoice import Invoice, InvoiceId
from exporter_desk.domain.product import Dimensions, PackageType, Product, Unit
from exporter_desk.domain.shipment import ShipmentId

PackingListId = NewType("PackingListId", int)

CBM = Decimal("0.001")  # volumes print in cubic metres to three places
KG = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class PackageRange:
    """Packages ``first``..``last`` (inclusive), each holding the same contents."""

    first: int
    last: int
    package_type: PackageType
    description: str
    quantity_per_package: Decimal
    unit: Unit
    net_kg_per_package: Decimal
    gross_kg_per_package: Decimal
    dimensions: Dimensions | None = None
    sku: str = ""

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def quantity(self) -> Decimal:
        return self.quantity_per_package * self.count

    @property
    def net_kg(self) -> Decimal:
        return self.net_kg_per_package * self.count

    @property
    def gross_kg(self) -> Decimal:
        return self.gross_kg_per_package * self.count

    @property
    def volume_m3(self) -> Decimal:
        if self.dimensions is None:
            return Decimal(0)
        return self.dimensions.volume_m3 * self.count

    @property
    def numbers(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    def problems(self) -> list[Problem]:
        check = Checker()
        if self.first < 1 or self.last < self.first:
            check.add("last", "Package numbers run from the first to the last, starting at 1.")
        check.required("description", self.description, "The contents")
        check.positive("quantity_per_package", self.quantity_per_package, "The quantity")
        check.positive(
            "net_kg_per_package", self.net_kg_per_package, "The net weight", allow_zero=True
        )
        check.positive("gross_kg_per_package", self.gross_kg_per_package, "The gross weight")
        if self.gross_kg_per_package < self.net_kg_per_package:
            check.add(
                "gross_kg_per_package", "The gross weight cannot be less than the net weight."
            )
        if self.dimensions is not None:
            check.nested("dimensions", self.dimensions.problems())
        return check.problems


@dataclass(frozen=True, slots=True)
class PackingList:
    number: str
    date: dt.date
    invoice_id: InvoiceId
    packages: tuple[PackageRange, ...]
    shipment_id: ShipmentId | None = None
    marks: str = "N/M"
    id: PackingListId | None = field(default=None, compare=False)

    def package_count(self) -> int:
        return sum(p.count for p in self.packages)

    def net_kg(self) -> Decimal:
        return sum((p.net_kg for p in self.packages), Decimal(0)).quantize(KG, ROUND_HALF_UP)

    def gross_kg(self) -> Decimal:
        return sum((p.gross_kg for p in self.packages), Decimal(0)).quantize(KG, ROUND_HALF_UP)

    def volume_m3(self) -> Decimal:
        """Total volume, rounded once (half-up, 0.001 m3) after summing the exact volumes."""
        return sum((p.volume_m3 for p in self.packages), Decimal(0)).quantize(CBM, ROUND_HALF_UP)

    def problems(self) -> list[Problem]:
        check = Checker()
        check.required("number", self.number, "The packing list number")
        check.text("marks", self.marks, "Marks and numbers")
        if not self.packages:
            check.add("packages", "Add at least one package.")
        for index, package in enumerate(self.packages):
            check.nested(f"packages.{index}", package.problems())
        seen: set[int] = set()
        for index, package in enumerate(self.packages):
            numbers = (
                set(range(package.first, package.last + 1)) if package.count < 100_000 else set()
            )
            if seen & numbers:
                check.add(f"packages.{index}.first", "Package numbers overlap an earlier range.")
            seen |= numbers
        return check.problems

    def validated(self) -> PackingList:
        """Raises: ValidationError listing every problem."""
        raise_if_problems("packing list", self.problems())
        return self

    @classmethod
    def from_invoice(
        cls,
        invoice: Invoice,
        products: dict[str, Product],
        *,
        number: str,
        date: dt.date,
        shipment_id: ShipmentId | None = None,
    ) -> PackingList:
        """Pack each invoice line in its product's packages, numbering them consecutively.

        ``products`` maps SKU to product; a line whose quantity does not fill whole packages
        gets a last, partly filled package with proportional weight.
        """
        if invoice.id is None:
            raise TypeError("save the invoice before packing it")
        ranges: list[PackageRange] = []
        next_no = 1
        for line in invoice.lines:
            product = products.get(line.sku)
            if product is None:
                raise ValidationError(
                    "packing list",
                    [
                        Problem(
                            "packages",
                            f"The invoice line '{line.description_en}' names no known "
                            "product (SKU); pack it by hand or link the line to a product.",
                        )
                    ],
                )
            per = Decimal(product.units_per_package)
            full = int(line.quantity // per)
            rest = line.quantity - full * per
            tare = product.gross_weight_kg - product.net_weight_kg
            if full:
                ranges.append(
                    PackageRange(
                        next_no,
                        next_no + full - 1,
                        product.package_type,
                        line.description_en,
                        per,
                        line.unit,
                        product.net_weight_kg * per,
                        product.gross_weight_kg * per,
                        product.package,
                        product.sku,
                    )
                )
                next_no += full
            if rest:
                ranges.append(
                    PackageRange(
                        next_no,
                        next_no,
                        product.package_type,
                        line.description_en,
                        rest,
                        line.unit,
                        product.net_weight_kg * rest,
                        product.net_weight_kg * rest + tare * rest,
                        product.package,
                        product.sku,
                    )
                )
                next_no += 1
        return cls(
            number=number,
            date=date,
            invoice_id=invoice.id,
            packages=tuple(ranges),
            shipment_id=shipment_id or invoice.shipment_id,
            marks=invoice.marks,
        )


__all__ = ["CBM", "PackageRange", "PackingList", "PackingListId"]
