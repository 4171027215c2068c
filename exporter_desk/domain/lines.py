"""Line items and charges shared by contracts and invoices."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from exporter_desk.domain._checks import Checker
from exporter_desk.domain._fold import set_canonical
from exporter_desk.domain.codes import parse_hs_code
from exporter_desk.domain.errors import Problem
from exporter_desk.domain.money import Money
from exporter_desk.domain.product import ProductId, Unit


@dataclass(frozen=True, slots=True)
class LineItem:
    """One line: quantity x unit price, amount rounded half-up to the currency (money.py)."""

    description_en: str
    hs_code: str
    quantity: Decimal
    unit: Unit
    unit_price: Decimal
    product_id: ProductId | None = None
    sku: str = ""
    description_zh: str = ""

    def __post_init__(self) -> None:
        set_canonical(self, hs_code=parse_hs_code)

    def amount(self, currency: str) -> Money:
        return Money.rounded(self.quantity * self.unit_price, currency)

    def problems(self) -> list[Problem]:
        check = Checker()
        check.required("description_en", self.description_en, "The description")
        check.text("description_zh", self.description_zh, "The Chinese description")
        check.code("hs_code", self.hs_code, parse_hs_code)
        check.positive("quantity", self.quantity, "The quantity")
        check.places("quantity", self.quantity, 4, "The quantity")
        check.positive("unit_price", self.unit_price, "The unit price", allow_zero=True)
        check.places("unit_price", self.unit_price, 6, "The unit price")
        return check.problems


class ChargeKind(StrEnum):
    FREIGHT = "freight"
    INSURANCE = "insurance"
    DISCOUNT = "discount"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Charge:
    """Freight, insurance or other charges add to the total; a discount subtracts.

    ``amount`` is always written positive; the kind decides the sign.
    """

    kind: ChargeKind
    amount: Decimal
    description: str = ""

    def signed(self, currency: str) -> Money:
        money = Money.rounded(self.amount, currency)
        return -money if self.kind is ChargeKind.DISCOUNT else money

    def label(self) -> str:
        return self.description or self.kind.value.capitalize()

    def problems(self, currency: str | None) -> list[Problem]:
        check = Checker()
        check.positive("amount", self.amount, "The amount", allow_zero=True)
        check.money_places("amount", self.amount, currency, "The amount")
        check.text("description", self.description, "The description", limit=200)
        return check.problems


def lines_problems(lines: tuple[LineItem, ...]) -> list[Problem]:
    check = Checker()
    if not lines:
        check.add("lines", "Add at least one line item.")
    for index, line in enumerate(lines):
        check.nested(f"lines.{index}", line.problems())
    return check.problems


__all__ = ["Charge", "ChargeKind", "LineItem", "lines_problems"]
