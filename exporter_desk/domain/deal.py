"""Deals: an offshore back-to-back trade, bought from a supplier and sold to a buyer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import NewType

from exporter_desk.domain._checks import Checker
from exporter_desk.domain.contract import (
    Contract,
    ContractId,
    ContractKind,
    PaymentTerms,
    TradeTerms,
)
from exporter_desk.domain.errors import Problem, raise_if_problems
from exporter_desk.domain.money import Money
from exporter_desk.domain.party import PartyId

DealId = NewType("DealId", int)


@dataclass(frozen=True, slots=True)
class Deal:
    """The purchase leg and the sales leg of one merchanting deal."""

    reference: str
    purchase_contract_id: ContractId | None = None
    sales_contract_id: ContractId | None = None
    notes: str = ""
    id: DealId | None = field(default=None, compare=False)

    def problems(self) -> list[Problem]:
        check = Checker()
        if check.required("reference", self.reference, "The deal reference"):
            check.text("reference", self.reference, "The deal reference", limit=64)
        check.text("notes", self.notes, "Notes")
        if (
            self.purchase_contract_id is not None
            and self.purchase_contract_id == self.sales_contract_id
        ):
            check.add(
                "sales_contract_id", "The sales leg must be another contract than the purchase leg."
            )
        return check.problems

    def validated(self) -> Deal:
        """Raises: ValidationError listing every problem."""
        raise_if_problems("deal", self.problems())
        return self


@dataclass(frozen=True, slots=True)
class DealLegs:
    """A deal with both contracts loaded: checks that the legs fit together."""

    deal: Deal
    purchase: Contract
    sales: Contract

    def margin(self) -> Money | None:
        """Sales total minus purchase total, when both legs share a currency."""
        if self.purchase.currency != self.sales.currency:
            return None
        return self.sales.total() - self.purchase.total()

    def problems(self) -> list[Problem]:
        check = Checker()
        if self.purchase.kind is not ContractKind.PURCHASE:
            check.add("purchase_contract_id", "The purchase leg must be a purchase contract.")
        if self.sales.kind is not ContractKind.SALES:
            check.add("sales_contract_id", "The sales leg must be a sales contract.")
        if self.purchase.buyer_id != self.sales.seller_id:
            check.add(
                "sales_contract_id",
                "The company buying on the purchase leg must be the seller on the sales leg.",
            )
        bought: dict[str, object] = {
            line.sku or line.description_en: line.quantity for line in self.purchase.lines
        }
        for index, line in enumerate(self.sales.lines):
            key = line.sku or line.description_en
            if key in bought and bought[key] != line.quantity:
                check.add(
                    f"sales.lines.{index}.quantity",
                    f"Sold {line.quantity} of {key} but bought {bought[key]}.",
                )
        return check.problems


def sales_leg_from(
    purchase: Contract,
    *,
    number: str,
    date: dt.date,
    buyer_id: PartyId,
    terms: TradeTerms,
    payment: PaymentTerms,
    markup_percent: Decimal = Decimal(0),
) -> Contract:
    """A draft sales contract mirroring a purchase leg: same goods and quantities, our company
    as seller, prices marked up by ``markup_percent`` (unit prices kept to 4 decimals)."""
    factor = 1 + markup_percent / 100
    lines = tuple(
        replace(
            line, unit_price=(line.unit_price * factor).quantize(Decimal("0.0001"), ROUND_HALF_UP)
        )
        for line in purchase.lines
    )
    return Contract(
        kind=ContractKind.SALES,
        number=number,
        date=date,
        seller_id=purchase.buyer_id,
        buyer_id=buyer_id,
        terms=terms,
        payment=payment,
        lines=lines,
        delivery_earliest=purchase.delivery_earliest,
        delivery_latest=purchase.delivery_latest,
    )


__all__ = ["Deal", "DealId", "DealLegs", "sales_leg_from"]
