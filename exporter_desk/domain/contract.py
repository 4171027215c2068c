"""Contracts: a sales contract with a buyer or a purchase contract with a supplier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NewType

from exporter_desk.domain._checks import Checker
from exporter_desk.domain._fold import set_canonical
from exporter_desk.domain.codes import Incoterm, parse_currency, parse_locode
from exporter_desk.domain.errors import Problem, raise_if_problems
from exporter_desk.domain.lines import LineItem, lines_problems
from exporter_desk.domain.money import Money, sum_money
from exporter_desk.domain.party import PartyId

ContractId = NewType("ContractId", int)


class ContractKind(StrEnum):
    SALES = "sales"
    PURCHASE = "purchase"


class PaymentMethod(StrEnum):
    TT = "T/T"
    LC = "L/C"
    DP = "D/P"
    DA = "D/A"


@dataclass(frozen=True, slots=True)
class PaymentTerms:
    """How and when the buyer pays.

    T/T: ``advance_percent`` before shipment, the balance ``days`` after the B/L date.
    L/C: ``days`` 0 is at sight, more is usance; the L/C number and issuing bank once known.
    D/P is at sight (``days`` 0) or after ``days``; D/A needs ``days`` (acceptance of a draft).
    """

    method: PaymentMethod
    days: int = 0
    advance_percent: Decimal = Decimal(0)
    lc_number: str = ""
    issuing_bank: str = ""
    lc_expiry: dt.date | None = None
    notes: str = ""

    def describe(self) -> str:
        """The payment terms as one line printed on a contract or invoice."""
        if self.method is PaymentMethod.TT:
            if self.advance_percent:
                balance = Decimal(100) - self.advance_percent
                text = (
                    f"T/T {self.advance_percent.normalize():f}% in advance, "
                    f"{balance.normalize():f}% balance"
                )
                text += f" {self.days} days after B/L date" if self.days else " against copy of B/L"
                return text
            return f"T/T {self.days} days after B/L date" if self.days else "T/T before shipment"
        if self.method is PaymentMethod.LC:
            text = (
                "Irrevocable L/C at sight"
                if not self.days
                else f"Irrevocable L/C at {self.days} days after B/L date"
            )
            if self.lc_number:
                text += f", L/C No. {self.lc_number}"
            if self.issuing_bank:
                text += f", issued by {self.issuing_bank}"
            return text
        if self.method is PaymentMethod.DP:
            return "D/P at sight" if not self.days else f"D/P at {self.days} days after sight"
        return f"D/A at {self.days} days after sight"

    def problems(self) -> list[Problem]:
        check = Checker()
        if not 0 <= self.days <= 365:
            check.add("days", "Payment days must be between 0 and 365.")
        if not Decimal(0) <= self.advance_percent <= Decimal(100):
            check.add("advance_percent", "The advance is a percentage between 0 and 100.")
        if self.advance_percent and self.method is not PaymentMethod.TT:
            check.add("advance_percent", "An advance payment applies to T/T terms only.")
        if self.method is PaymentMethod.DA and self.days == 0:
            check.add("days", "D/A terms need the number of days after sight (such as 60).")
        if self.method is not PaymentMethod.LC and self.lc_number:
            check.add("lc_number", "An L/C number belongs to L/C terms only.")
        if self.method is not PaymentMethod.LC and self.issuing_bank:
            check.add("issuing_bank", "An issuing bank belongs to L/C terms only.")
        check.text("lc_number", self.lc_number, "The L/C number", limit=64)
        check.text("issuing_bank", self.issuing_bank, "The issuing bank", limit=200)
        check.text("notes", self.notes, "The notes")
        return check.problems


@dataclass(frozen=True, slots=True)
class TradeTerms:
    """The delivery side every contract and invoice repeats: currency, Incoterm, ports."""

    currency: str
    incoterm: Incoterm
    incoterm_place: str
    port_of_loading: str = ""
    port_of_discharge: str = ""

    def __post_init__(self) -> None:
        set_canonical(
            self,
            currency=parse_currency,
            port_of_loading=parse_locode,
            port_of_discharge=parse_locode,
        )

    def problems(self) -> list[Problem]:
        check = Checker()
        check.code("currency", self.currency, parse_currency, "The currency")
        check.required(
            "incoterm_place", self.incoterm_place, f"The named place for {self.incoterm.value}"
        )
        for name in ("port_of_loading", "port_of_discharge"):
            value = getattr(self, name)
            if value:
                check.code(name, value, parse_locode)
        if self.incoterm.is_sea_only and not (self.port_of_loading and self.port_of_discharge):
            check.add(
                "port_of_loading" if not self.port_of_loading else "port_of_discharge",
                f"{self.incoterm.value} is a sea term: give both ports as UN/LOCODEs.",
            )
        return check.problems

    def describe(self) -> str:
        return f"{self.incoterm.value} {self.incoterm_place} (Incoterms® 2020)"


@dataclass(frozen=True, slots=True)
class Contract:
    kind: ContractKind
    number: str
    date: dt.date
    seller_id: PartyId
    buyer_id: PartyId
    terms: TradeTerms
    payment: PaymentTerms
    lines: tuple[LineItem, ...]
    delivery_earliest: dt.date | None = None
    delivery_latest: dt.date | None = None
    partial_shipment: bool = False
    transhipment: bool = True
    packing: str = "Export standard cartons"
    inspection: str = ""
    insurance: str = ""
    arbitration: str = (
        "China International Economic and Trade Arbitration Commission (CIETAC), Shanghai"
    )
    notes: str = ""
    id: ContractId | None = field(default=None, compare=False)

    @property
    def currency(self) -> str:
        return self.terms.currency

    def total(self) -> Money:
        return sum_money([line.amount(self.currency) for line in self.lines], self.currency)

    def problems(self) -> list[Problem]:
        check = Checker()
        if check.required("number", self.number, "The contract number"):
            check.text("number", self.number, "The contract number", limit=64)
        if self.seller_id == self.buyer_id:
            check.add("buyer_id", "The buyer and the seller must be different parties.")
        check.nested("terms", self.terms.problems())
        check.nested("payment", self.payment.problems())
        check.problems.extend(lines_problems(self.lines))
        if (
            self.delivery_earliest
            and self.delivery_latest
            and self.delivery_latest < self.delivery_earliest
        ):
            check.add("delivery_latest", "The latest delivery date is before the earliest.")
        for name in ("packing", "inspection", "insurance", "arbitration", "notes"):
            check.text(name, getattr(self, name), name.capitalize())
        return check.problems

    def validated(self) -> Contract:
        """Raises: ValidationError listing every problem."""
        raise_if_problems("contract", self.problems())
        return self


__all__ = [
    "Contract",
    "ContractId",
    "ContractKind",
    "PaymentMethod",
    "PaymentTerms",
    "TradeTerms",
]
