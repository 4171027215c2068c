"""The party editor: a company with its names, address, roles, registration id and bank."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from exporter_desk.domain import (
    BankAccount,
    Party,
    PartyId,
    PartyRole,
    Problem,
    format_account_number,
)
from exporter_desk.domain.codes import all_countries
from exporter_desk.gui import labels
from exporter_desk.gui.editors.base import EditorDialog
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.forms import Form
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import CodeEdit, FlagSet, MultiLineEdit, TextEdit
from exporter_desk.store import Store

translate = QCoreApplication.translate


class PartyEditor(EditorDialog):
    table = "parties"

    def __init__(
        self, tasks: TaskManager, presenter: ErrorPresenter, parent: QWidget | None = None
    ) -> None:
        super().__init__(tasks, presenter, parent)
        self.name_en = TextEdit()
        self.name_zh = TextEdit()
        self.address_en = MultiLineEdit()
        self.address_zh = MultiLineEdit()
        self.country = CodeEdit(all_countries())
        self.country.setMaximumWidth(220)
        self.roles: FlagSet[PartyRole] = FlagSet(list(PartyRole), labels.party_role)
        self.registration_id = TextEdit()
        self.contact = TextEdit()
        self.email = TextEdit()
        self.phone = TextEdit()
        self.bank_name = TextEdit()
        self.bank_address = TextEdit()
        self.account_name = TextEdit()
        self.account_number = TextEdit()
        self.swift = TextEdit()
        self.swift.setMaximumWidth(220)

        company = self.add_form(Form())
        company.add_row("name_en", lambda: translate("PartyEditor", "English name"), self.name_en)
        company.add_row("name_zh", lambda: translate("PartyEditor", "Chinese name"), self.name_zh)
        company.add_row(
            "address_en", lambda: translate("PartyEditor", "English address"), self.address_en
        )
        company.add_row(
            "address_zh", lambda: translate("PartyEditor", "Chinese address"), self.address_zh
        )
        company.add_row("country", lambda: translate("PartyEditor", "Country"), self.country)
        company.add_row("roles", lambda: translate("PartyEditor", "Roles"), self.roles)
        company.add_row(
            "registration_id",
            lambda: translate("PartyEditor", "Tax / registration id"),
            self.registration_id,
        )
        company.add_row("contact", lambda: translate("PartyEditor", "Contact person"), self.contact)
        company.add_row("email", lambda: translate("PartyEditor", "E-mail"), self.email)
        company.add_row("phone", lambda: translate("PartyEditor", "Phone"), self.phone)

        bank = self.add_form(Form())
        bank.add_row("bank.bank_name", lambda: translate("PartyEditor", "Bank"), self.bank_name)
        bank.add_row(
            "bank.bank_address", lambda: translate("PartyEditor", "Bank address"), self.bank_address
        )
        bank.add_row(
            "bank.account_name",
            lambda: translate("PartyEditor", "Account name"),
            self.account_name,
        )
        bank.add_row(
            "bank.account_number",
            lambda: translate("PartyEditor", "Account number / IBAN"),
            self.account_number,
        )
        bank.add_row("bank.swift", lambda: translate("PartyEditor", "SWIFT / BIC"), self.swift)
        # Labels above the fields: the bank column is narrow, and an IBAN or a bank's name
        # needs the whole width.
        bank.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.bank_box = QGroupBox()
        bank_layout = QVBoxLayout(self.bank_box)
        bank_layout.addWidget(bank)

        columns = QHBoxLayout()
        columns.addWidget(company, 3)
        columns.addWidget(self.bank_box, 2)
        self.body.addLayout(columns)
        self.body.addStretch(1)

        for key, widget in (
            ("name_en", self.name_en),
            ("name_zh", self.name_zh),
            ("address_en", self.address_en),
            ("address_zh", self.address_zh),
            ("country", self.country),
            ("roles", self.roles),
            ("registration_id", self.registration_id),
            ("contact", self.contact),
            ("email", self.email),
            ("phone", self.phone),
            ("bank_name", self.bank_name),
            ("bank_address", self.bank_address),
            ("account_name", self.account_name),
            ("account_number", self.account_number),
            ("swift", self.swift),
        ):
            self.track(key, widget)
        self.resize(980, 620)
        self.restore_geometry()
        self.retranslate()

    def subject(self) -> str:
        return translate("PartyEditor", "Party")

    def record_title(self) -> str:
        return self.name_en.text()

    def retranslate_fields(self) -> None:
        self.bank_box.setTitle(translate("PartyEditor", "Bank account (for payment)"))
        self.roles.retranslate()

    def build(self) -> tuple[Party, list[Problem]]:
        bank_fields = (
            self.bank_name.value(),
            self.account_number.value(),
            self.swift.value(),
            self.bank_address.value(),
            self.account_name.value(),
        )
        bank = None
        if any(field.strip() for field in bank_fields):
            bank = BankAccount(
                bank_name=self.bank_name.value().strip(),
                account_number=self.account_number.value().strip(),
                swift=self.swift.value().strip().upper(),
                bank_address=self.bank_address.value().strip(),
                account_name=self.account_name.value().strip(),
            )
        party = Party(
            name_en=self.name_en.value().strip(),
            address_en=self.address_en.value().strip(),
            country=self.country.value(),
            roles=self.roles.value(),
            name_zh=self.name_zh.value().strip(),
            address_zh=self.address_zh.value().strip(),
            registration_id=self.registration_id.value().strip(),
            contact=self.contact.value().strip(),
            email=self.email.value().strip(),
            phone=self.phone.value().strip(),
            bank=bank,
            id=PartyId(self.record_id) if self.record_id is not None else None,
        )
        return party, []

    def load(self, obj: Any) -> None:
        party: Party = obj
        self.record_id = party.id
        self.name_en.set_value(party.name_en)
        self.name_zh.set_value(party.name_zh)
        self.address_en.set_value(party.address_en)
        self.address_zh.set_value(party.address_zh)
        self.country.set_value(party.country)
        self.roles.set_value(party.roles)
        self.registration_id.set_value(party.registration_id)
        self.contact.set_value(party.contact)
        self.email.set_value(party.email)
        self.phone.set_value(party.phone)
        bank = party.bank
        self.bank_name.set_value(bank.bank_name if bank else "")
        self.bank_address.set_value(bank.bank_address if bank else "")
        self.account_name.set_value(bank.account_name if bank else "")
        self.account_number.set_value(format_account_number(bank.account_number) if bank else "")
        self.swift.set_value(bank.swift if bank else "")

    def save_job(self, obj: Any) -> Callable[[Store], Party]:
        party: Party = obj
        return lambda store: store.parties.save(party)

    def fetch_job(self, id_: int) -> Callable[[Store], Party]:
        return lambda store: store.parties.get(PartyId(id_))

    def show_other_problems(self, problems: list[Problem]) -> list[Problem]:
        return problems


__all__ = ["PartyEditor"]
