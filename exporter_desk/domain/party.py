"""Parties: the companies on a document (exporter, buyer, supplier, consignee, bank...)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

from exporter_desk.domain._checks import Checker
from exporter_desk.domain._fold import canonical_or_raw, set_canonical
from exporter_desk.domain.codes import parse_country, parse_registration_id
from exporter_desk.domain.errors import Problem, raise_if_problems
from exporter_desk.domain.identifiers import parse_account_number, parse_bic

PartyId = NewType("PartyId", int)


class PartyRole(StrEnum):
    EXPORTER = "exporter"
    BUYER = "buyer"
    SUPPLIER = "supplier"
    CONSIGNEE = "consignee"
    NOTIFY = "notify"
    FORWARDER = "forwarder"
    BANK = "bank"


@dataclass(frozen=True, slots=True)
class BankAccount:
    """Where a buyer pays: printed on invoices and drafts."""

    bank_name: str
    account_number: str
    swift: str = ""
    bank_address: str = ""
    account_name: str = ""

    def __post_init__(self) -> None:
        set_canonical(self, account_number=parse_account_number, swift=parse_bic)

    def problems(self) -> list[Problem]:
        check = Checker()
        check.required("bank_name", self.bank_name, "Bank name")
        check.text("bank_address", self.bank_address, "Bank address")
        check.text("account_name", self.account_name, "Account name", limit=200)
        if check.required("account_number", self.account_number, "Account number"):
            check.code("account_number", self.account_number, parse_account_number)
        if self.swift:
            check.code("swift", self.swift, parse_bic)
        return check.problems


@dataclass(frozen=True, slots=True)
class Party:
    """A company, with its English and (optionally) Chinese name and address."""

    name_en: str
    address_en: str
    country: str
    roles: frozenset[PartyRole] = frozenset()
    name_zh: str = ""
    address_zh: str = ""
    registration_id: str = ""
    contact: str = ""
    email: str = ""
    phone: str = ""
    bank: BankAccount | None = None
    id: PartyId | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        set_canonical(self, country=parse_country)
        country = self.country
        object.__setattr__(
            self,
            "registration_id",
            canonical_or_raw(self.registration_id, lambda v: parse_registration_id(country, v)),
        )

    def problems(self) -> list[Problem]:
        check = Checker()
        if check.required("name_en", self.name_en, "The English name"):
            check.text("name_en", self.name_en, "The English name", limit=200)
        check.text("name_zh", self.name_zh, "The Chinese name", limit=200)
        check.required("address_en", self.address_en, "The English address")
        check.text("address_zh", self.address_zh, "The Chinese address")
        check.text("contact", self.contact, "Contact", limit=200)
        country = check.code("country", self.country, parse_country, "The country")
        if self.email and ("@" not in self.email or " " in self.email.strip()):
            check.add("email", f"'{self.email}' is not an e-mail address.")
        if self.registration_id and country is not None:
            check.code(
                "registration_id",
                self.registration_id,
                lambda v: parse_registration_id(country, v),
            )
        if self.bank is not None:
            check.nested("bank", self.bank.problems())
        return check.problems

    def validated(self) -> Party:
        """Raises: ValidationError listing every problem."""
        raise_if_problems("party", self.problems())
        return self

    def display_name(self, with_chinese: bool = False) -> str:
        if with_chinese and self.name_zh:
            return f"{self.name_en}\n{self.name_zh}"
        return self.name_en


__all__ = ["BankAccount", "Party", "PartyId", "PartyRole"]
