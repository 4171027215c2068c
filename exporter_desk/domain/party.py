"""Parties: the companies on a document (exporter, buyer, supplier, consignee, bank...)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

from stdnum import bic, iban
from stdnum.exceptions import ValidationError as StdnumValidationError

from exporter_desk.domain._checks import Checker
from exporter_desk.domain.codes import normalize_country, normalize_registration_id
from exporter_desk.domain.errors import Problem, raise_if_problems

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

    def problems(self) -> list[Problem]:
        check = Checker()
        check.required("bank_name", self.bank_name, "Bank name")
        check.text("bank_address", self.bank_address, "Bank address")
        check.text("account_name", self.account_name, "Account name", limit=200)
        if check.required("account_number", self.account_number, "Account number"):
            compact = self.account_number.replace(" ", "")
            if compact[:2].isalpha():
                try:
                    iban.validate(compact)
                except StdnumValidationError as exc:
                    check.add(
                        "account_number", f"This looks like an IBAN but is not valid ({exc})."
                    )
            elif len(compact) > 34 or not compact.replace("-", "").isalnum():
                check.add("account_number", "An account number has at most 34 letters and digits.")
        if self.swift:
            try:
                bic.validate(self.swift)
            except StdnumValidationError:
                check.add(
                    "swift",
                    f"'{self.swift}' is not a SWIFT/BIC code (8 or 11 characters, "
                    "such as BKCHCNBJ300).",
                )
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

    def problems(self) -> list[Problem]:
        check = Checker()
        if check.required("name_en", self.name_en, "The English name"):
            check.text("name_en", self.name_en, "The English name", limit=200)
        check.text("name_zh", self.name_zh, "The Chinese name", limit=200)
        check.required("address_en", self.address_en, "The English address")
        check.text("address_zh", self.address_zh, "The Chinese address")
        check.text("contact", self.contact, "Contact", limit=200)
        country = check.code("country", self.country, normalize_country)
        if self.email and ("@" not in self.email or " " in self.email.strip()):
            check.add("email", f"'{self.email}' is not an e-mail address.")
        if self.registration_id and country is not None:
            check.code(
                "registration_id",
                self.registration_id,
                lambda v: normalize_registration_id(country, v),
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
