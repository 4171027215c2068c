"""Invoices: proforma (an offer to pay against) and commercial (the bill for shipped goods)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

from exporter_desk.domain._checks import Checker
from exporter_desk.domain._fold import set_canonical
from exporter_desk.domain.codes import parse_country
from exporter_desk.domain.contract import Contract, ContractId, PaymentTerms, TradeTerms
from exporter_desk.domain.errors import Problem, raise_if_problems
from exporter_desk.domain.lines import Charge, LineItem, lines_problems
from exporter_desk.domain.money import Money, sum_money
from exporter_desk.domain.party import PartyId
from exporter_desk.domain.shipment import ShipmentId
from exporter_desk.domain.words import amount_in_words_en, amount_in_words_zh

InvoiceId = NewType("InvoiceId", int)


class InvoiceKind(StrEnum):
    PROFORMA = "proforma"
    COMMERCIAL = "commercial"


@dataclass(frozen=True, slots=True)
class Invoice:
    kind: InvoiceKind
    number: str
    date: dt.date
    seller_id: PartyId
    buyer_id: PartyId
    terms: TradeTerms
    payment: PaymentTerms
    lines: tuple[LineItem, ...]
    charges: tuple[Charge, ...] = ()
    consignee_id: PartyId | None = None
    notify_id: PartyId | None = None
    contract_id: ContractId | None = None
    shipment_id: ShipmentId | None = None
    buyer_reference: str = ""
    origin_country: str = ""
    marks: str = "N/M"
    valid_until: dt.date | None = None
    notes: str = ""
    id: InvoiceId | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        set_canonical(self, origin_country=parse_country)

    @property
    def currency(self) -> str:
        return self.terms.currency

    def subtotal(self) -> Money:
        """Sum of the rounded line amounts."""
        return sum_money([line.amount(self.currency) for line in self.lines], self.currency)

    def total(self) -> Money:
        """Subtotal plus freight, insurance and other charges, minus discounts."""
        return sum_money(
            [self.subtotal(), *(c.signed(self.currency) for c in self.charges)], self.currency
        )

    def amount_in_words(self) -> str:
        return amount_in_words_en(self.total().amount, self.currency)

    def amount_in_words_zh(self) -> str:
        return amount_in_words_zh(self.total().amount, self.currency)

    def problems(self) -> list[Problem]:
        check = Checker()
        if check.required("number", self.number, "The invoice number"):
            check.text("number", self.number, "The invoice number", limit=64)
        if self.seller_id == self.buyer_id:
            check.add("buyer_id", "The buyer and the seller must be different parties.")
        check.nested("terms", self.terms.problems())
        check.nested("payment", self.payment.problems())
        check.problems.extend(lines_problems(self.lines))
        currency = (
            None if any(p.field == "terms.currency" for p in check.problems) else self.currency
        )
        for index, charge in enumerate(self.charges):
            check.nested(f"charges.{index}", charge.problems(currency))
        if self.origin_country:
            check.code("origin_country", self.origin_country, parse_country)
        check.text("marks", self.marks, "Marks and numbers")
        check.text("notes", self.notes, "Notes")
        check.text("buyer_reference", self.buyer_reference, "The buyer's reference", limit=64)
        if self.kind is InvoiceKind.PROFORMA and self.valid_until and self.valid_until < self.date:
            check.add("valid_until", "A proforma cannot expire before its date.")
        if self.kind is InvoiceKind.COMMERCIAL and self.valid_until:
            check.add("valid_until", "Only a proforma invoice has a validity date.")
        if currency is not None and not check.problems and self.total().amount < 0:
            check.add("charges", "Discounts exceed the goods value: the total would be negative.")
        return check.problems

    def validated(self) -> Invoice:
        """Raises: ValidationError listing every problem."""
        raise_if_problems("invoice", self.problems())
        return self

    @classmethod
    def from_contract(
        cls, contract: Contract, *, kind: InvoiceKind, number: str, date: dt.date
    ) -> Invoice:
        """A new invoice carrying the contract's parties, terms and lines."""
        if contract.id is None:
            raise TypeError("save the contract before invoicing it")
        return cls(
            kind=kind,
            number=number,
            date=date,
            seller_id=contract.seller_id,
            buyer_id=contract.buyer_id,
            terms=contract.terms,
            payment=contract.payment,
            lines=contract.lines,
            contract_id=contract.id,
        )


__all__ = ["Invoice", "InvoiceId", "InvoiceKind"]
