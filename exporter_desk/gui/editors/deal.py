"""The deal editor: the purchase and sales legs of a back-to-back trade, checked together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from exporter_desk.domain import (
    Contract,
    ContractId,
    ContractKind,
    Deal,
    DealId,
    DealLegs,
    PartyId,
    Problem,
    format_amount,
    sales_leg_from,
)
from exporter_desk.gui._resources import icon
from exporter_desk.gui.choices import contract_choices
from exporter_desk.gui.editors.base import EditorDialog
from exporter_desk.gui.editors.contract import SalesLegDialog
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.forms import Form
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import MultiLineEdit, RecordPicker, TextEdit
from exporter_desk.store import Store

translate = QCoreApplication.translate


class DealEditor(EditorDialog):
    table = "deals"
    draft_requested = Signal(str, object)  # table, a new unsaved object to edit

    def __init__(
        self, tasks: TaskManager, presenter: ErrorPresenter, parent: QWidget | None = None
    ) -> None:
        super().__init__(tasks, presenter, parent)
        self.legs_problems: list[Problem] = []
        self.reference = TextEdit()
        self.purchase = RecordPicker(tasks, contract_choices)
        self.sales = RecordPicker(tasks, contract_choices)
        self.notes = MultiLineEdit(4)
        self.margin = QLabel()
        self.margin.setObjectName("totals")
        form = self.add_form(Form())
        form.add_row("reference", lambda: translate("DealEditor", "Reference"), self.reference)
        form.add_row(
            "purchase_contract_id",
            lambda: translate("DealEditor", "Purchase leg (contract)"),
            self.purchase,
        )
        form.add_row(
            "sales_contract_id",
            lambda: translate("DealEditor", "Sales leg (contract)"),
            self.sales,
        )
        form.add_row("notes", lambda: translate("DealEditor", "Notes"), self.notes)
        self.body.addWidget(form)
        self.body.addWidget(self.margin)
        self.body.addStretch(1)
        for key, widget in (
            ("reference", self.reference),
            ("purchase", self.purchase),
            ("sales", self.sales),
            ("notes", self.notes),
        ):
            self.track(key, widget)
        self.purchase.edited.connect(self._check_legs)
        self.sales.edited.connect(self._check_legs)
        self.sales_leg_action = QAction(icon("contracts"), "", self)
        self.sales_leg_action.triggered.connect(self.new_sales_leg)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.sales_leg_action)
        self.resize(760, 460)
        self.restore_geometry()
        self.retranslate()

    def subject(self) -> str:
        return translate("DealEditor", "Deal")

    def record_title(self) -> str:
        return self.reference.text()

    def retranslate_fields(self) -> None:
        self.sales_leg_action.setText(translate("DealEditor", "Sales leg from purchase leg"))
        self.purchase.setPlaceholderText(translate("DealEditor", "type a contract number"))
        self.sales.setPlaceholderText(translate("DealEditor", "type a contract number"))

    def build(self) -> tuple[Deal, list[Problem]]:
        purchase, sales = self.purchase.value(), self.sales.value()
        deal = Deal(
            reference=self.reference.value().strip(),
            purchase_contract_id=ContractId(purchase) if purchase is not None else None,
            sales_contract_id=ContractId(sales) if sales is not None else None,
            notes=self.notes.value().strip(),
            id=DealId(self.record_id) if self.record_id is not None else None,
        )
        return deal, list(self.legs_problems)

    @Slot()
    def _check_legs(self) -> None:
        deal, _ = self.build()
        if deal.purchase_contract_id is None or deal.sales_contract_id is None:
            self._on_legs(None)
            return
        self.tasks.run_db(lambda store: store.deals.legs(deal), self._on_legs)

    @Slot(object)
    def _on_legs(self, legs: DealLegs | None) -> None:
        self.legs_problems = legs.problems() if legs is not None else []
        margin = legs.margin() if legs is not None else None
        if margin is not None:
            self.margin.setText(
                translate("DealEditor", "Margin: {amount}").format(
                    amount=f"{margin.currency} {format_amount(margin.amount, margin.currency)}"
                )
            )
        elif legs is not None:
            self.margin.setText(
                translate("DealEditor", "The legs are in different currencies: no margin shown.")
            )
        else:
            self.margin.setText("")
        self.validate()

    def load(self, obj: Any) -> None:
        deal: Deal = obj
        self.record_id = deal.id
        self.reference.set_value(deal.reference)
        self.purchase.set_value(deal.purchase_contract_id)
        self.sales.set_value(deal.sales_contract_id)
        self.notes.set_value(deal.notes)
        self._check_legs()

    def save_job(self, obj: Any) -> Callable[[Store], Deal]:
        deal: Deal = obj
        return lambda store: store.deals.save(deal)

    def fetch_job(self, id_: int) -> Callable[[Store], Deal]:
        return lambda store: store.deals.get(DealId(id_))

    @Slot()
    def new_sales_leg(self) -> None:
        """Draft the sales contract mirroring the chosen purchase leg."""
        purchase_id = self.purchase.value()
        if purchase_id is None:
            self.status.setText(translate("DealEditor", "Choose the purchase leg first."))
            return
        self.tasks.run_db(
            lambda store: store.contracts.get(ContractId(purchase_id)), self._on_purchase
        )

    @Slot(object)
    def _on_purchase(self, purchase: Contract) -> None:
        if purchase.kind is not ContractKind.PURCHASE:
            self.status.setText(
                translate("DealEditor", "The purchase leg must be a purchase contract.")
            )
            return
        dialog = SalesLegDialog(self.tasks, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        buyer, number, markup = dialog.result_values()
        draft = sales_leg_from(
            purchase,
            number=number,
            date=dt.date.today(),
            buyer_id=PartyId(buyer),
            terms=purchase.terms,
            payment=purchase.payment,
            markup_percent=markup,
        )
        self.draft_requested.emit("contracts", draft)


__all__ = ["DealEditor"]
