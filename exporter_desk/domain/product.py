"""Products: what an exporter sells, with the data customs and packing need."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NewType

from exporter_desk.domain._checks import Checker
from exporter_desk.domain._fold import set_canonical
from exporter_desk.domain.codes import parse_country, parse_currency, parse_hs_code
from exporter_desk.domain.errors import Problem, raise_if_problems

ProductId = NewType("ProductId", int)


class Unit(StrEnum):
    """Units of quantity, named as on trade documents (UN/ECE Rec. 20 codes in comments)."""

    PCS = "PCS"  # H87 piece
    SET = "SETS"  # SET
    PAIR = "PAIRS"  # PR
    DOZEN = "DOZ"  # DZN
    KG = "KGS"  # KGM
    MT = "MT"  # TNE metric ton
    M = "M"  # MTR
    M2 = "M2"  # MTK
    M3 = "M3"  # MTQ
    L = "L"  # LTR
    ROLL = "ROLLS"  # RO
    CARTON = "CTNS"  # CT


class PackageType(StrEnum):
    CARTON = "CARTON"
    CASE = "CASE"
    CRATE = "CRATE"
    PALLET = "PALLET"
    BAG = "BAG"
    DRUM = "DRUM"
    ROLL = "ROLL"
    BUNDLE = "BUNDLE"
    BALE = "BALE"


@dataclass(frozen=True, slots=True)
class Dimensions:
    """Outer package size in centimetres."""

    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal

    @property
    def volume_m3(self) -> Decimal:
        """Cubic metres of one package, exact (round only when printing)."""
        return self.length_cm * self.width_cm * self.height_cm / Decimal(1_000_000)

    def problems(self) -> list[Problem]:
        check = Checker()
        for name in ("length_cm", "width_cm", "height_cm"):
            value = getattr(self, name)
            check.positive(name, value, name.split("_")[0].capitalize())
            check.places(name, value, 1, name.split("_")[0].capitalize())
        return check.problems


@dataclass(frozen=True, slots=True)
class Product:
    """A product as sold: one unit of it weighs ``net_weight_kg``; ``units_per_package`` fit a package."""

    sku: str
    description_en: str
    hs_code: str
    unit: Unit
    unit_price: Decimal
    currency: str
    net_weight_kg: Decimal
    gross_weight_kg: Decimal
    origin_country: str
    package_type: PackageType = PackageType.CARTON
    units_per_package: int = 1
    package: Dimensions | None = None
    description_zh: str = ""
    id: ProductId | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        set_canonical(
            self,
            hs_code=parse_hs_code,
            currency=parse_currency,
            origin_country=parse_country,
        )

    def problems(self) -> list[Problem]:
        check = Checker()
        if check.required("sku", self.sku, "The SKU"):
            check.text("sku", self.sku, "The SKU", limit=64)
        check.required("description_en", self.description_en, "The English description")
        check.text("description_zh", self.description_zh, "The Chinese description")
        check.code("hs_code", self.hs_code, parse_hs_code)
        check.code("currency", self.currency, parse_currency)
        check.positive("unit_price", self.unit_price, "The unit price", allow_zero=True)
        check.places("unit_price", self.unit_price, 6, "The unit price")
        check.positive("net_weight_kg", self.net_weight_kg, "The net weight", allow_zero=True)
        check.positive("gross_weight_kg", self.gross_weight_kg, "The gross weight", allow_zero=True)
        check.places("net_weight_kg", self.net_weight_kg, 4, "The net weight")
        check.places("gross_weight_kg", self.gross_weight_kg, 4, "The gross weight")
        if self.gross_weight_kg < self.net_weight_kg:
            check.add("gross_weight_kg", "The gross weight cannot be less than the net weight.")
        check.code("origin_country", self.origin_country, parse_country, "The country of origin")
        if self.units_per_package < 1:
            check.add("units_per_package", "At least one unit goes in a package.")
        if self.package is not None:
            check.nested("package", self.package.problems())
        return check.problems

    def validated(self) -> Product:
        """Raises: ValidationError listing every problem."""
        raise_if_problems("product", self.problems())
        return self


__all__ = ["Dimensions", "PackageType", "Product", "ProductId", "Unit"]
