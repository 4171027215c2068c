"""The contract editor (sales or purchase), with "New invoice from contract" and, for a purchase
contract, "Sales leg from purchase leg" (``domain.deal.sales_leg_from``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from exporter_desk.domain import (
    Contract,
    ContractId,
    ContractKind,
    Invoice,
    InvoiceKind,
    PartyId,
    Problem,
    sales_leg_from,
)
from exporter_desk.gui import labels
from exporter_desk.gui._resources import icon
from exporter_desk.gui.choices import party_choices
from exporter_desk.gui.editors._parse import number
from exporter_desk.gui.editors.trade import TradeEditor
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.forms import ErrorLabel
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import (
    CheckBox,
    EnumCombo,
    MultiLineEdit,
    OptionalDateEdit,
    RecordPicker,
    TextEdit,
)
from exporter_desk.store import Store

translate = QCoreApplication.translate


class ContractEditor(TradeEditor):
    table = "contracts"

    def __init__(
        self, tasks: TaskManager, presenter: ErrorPresenter, parent: QWidget | None = None
    ) -> None:
        super().__init__(tasks, presenter, parent)
        self.kind: EnumCombo[ContractKind] = EnumCombo(list(ContractKind), labels.contract_kind)
        self.delivery_earliest = OptionalDateEdit()
        self.delivery_latest = OptionalDateEdit()
        self.partial_shipment = CheckBox()
        self.transhipment = CheckBox()
        self.transhipment.setChecked(True)
        self.packing = TextEdit()
        self.packing.setText("Export standard cartons")
        self.inspection = MultiLineEdit(2)
        self.insurance = MultiLineEdit(2)
        self.arbitration = MultiLineEdit(2)
        self.arbitration.setPlainText(
            "China International Economic and Trade Arbitration Commission (CIETAC), Shanghai"
        )
        self.notes = MultiLineEdit(3)

        self.header_form.add_row("kind", lambda: translate("ContractEditor", "Kind"), self.kind)
        self.add_party_rows()
        self.header_form.add_row(
            "delivery_earliest",
            lambda: translate("ContractEditor", "Delivery from"),
            self.delivery_earliest,
        )
        self.header_form.add_row(
            "delivery_latest",
            lambda: translate("ContractEditor", "Delivery until"),
            self.delivery_latest,
        )
        self.header_form.add_row(
            "partial_shipment",
            lambda: translate("ContractEditor", "Partial shipment allowed"),
            self.partial_shipment,
        )
        self.header_form.add_row(
            "transhipment",
            lambda: translate("ContractEditor", "Transhipment allowed"),
            self.transhipment,
        )
        more = self.more_form
        more.add_row("packing", lambda: translate("ContractEditor", "Packing"), self.packing)
        more.add_row(
            "inspection", lambda: translate("ContractEditor", "Inspection"), self.inspection
        )
        more.add_row("insurance", lambda: translate("ContractEditor", "Insurance"), self.insurance)
        more.add_row(
            "arbitration", lambda: translate("ContractEditor", "Arbitration"), self.arbitration
        )
        more.add_row("notes", lambda: translate("ContractEditor", "Notes"), self.notes)

        self.track("kind", self.kind)
        self.track_trade_fields()
        for key, widget in (
            ("delivery_earliest", self.delivery_earliest),
            ("delivery_latest", self.delivery_latest),
            ("partial_shipment", self.partial_shipment),
            ("transhipment", self.transhipment),
            ("packing", self.packing),
            ("inspection", self.inspection),
            ("insurance", self.insurance),
            ("arbitration", self.arbitration),
            ("notes", self.notes),
        ):
            self.track(key, widget)

        self.invoice_action = QAction(icon("invoices"), "", self)
        self.invoice_action.triggered.connect(self.new_invoice)
        self.sales_leg_action = QAction(icon("deals"), "", self)
        self.sales_leg_action.triggered.connect(self.new_sales_leg)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.invoice_action)
        self.toolbar.addAction(self.sales_leg_action)
        self.resize(1100, 720)
        self.restore_geometry()
        self.retranslate()

    def subject(self) -> str:
        return translate("ContractEditor", "Contract")

    def retranslate_fields(self) -> None:
        super().retranslate_fields()
        self.kind.retranslate()
        self.invoice_action.setText(translate("ContractEditor", "New invoice from contract"))
        self.sales_leg_action.setText(translate("ContractEditor", "Sales leg from purchase leg"))

    def build(self) -> tuple[Contract, list[Problem]]:
        problems: list[Problem] = []
        seller, buyer = self.build_parties(problems)
        terms, payment = self.build_terms(problems)
        contract = Contract(
            kind=self.kind.value(),
            number=self.number.value().strip(),
            date=self.date.value(),
            seller_id=seller,
            buyer_id=buyer,
            terms=terms,
            payment=payment,
            lines=self.build_lines(problems),
            delivery_earliest=self.delivery_earliest.value(),
            delivery_latest=self.delivery_latest.value(),
            partial_shipment=self.partial_shipment.value(),
            transhipment=self.transhipment.value(),
            packing=self.packing.value().strip(),
            inspection=self.inspection.value().strip(),
            insurance=self.insurance.value().strip(),
            arbitration=self.arbitration.value().strip(),
            notes=self.notes.value().strip(),
            id=ContractId(self.record_id) if self.record_id is not None else None,
        )
        return contract, problems

    def after_validate(self, obj: Any) -> None:
        contract: Contract = obj
        self.show_totals(
            Invoice(
                kind=InvoiceKind.COMMERCIAL,
                number=contract.number,
                date=contract.date,
                seller_id=contract.seller_id,
                buyer_id=contract.buyer_id,
                terms=contract.terms,
                payment=contract.payment,
                lines=contract.lines,
            ),
            charges=False,
        )
        saved = self.record_id is not None and not self.is_dirty()
        self.invoice_action.setEnabled(saved)
        self.sales_leg_action.setEnabled(saved and contract.kind is ContractKind.PURCHASE)

    def load(self, obj: Any) -> None:
        contract: Contract = obj
        self.record_id = contract.id
        self.kind.set_value(contract.kind)
        self.load_trade(
            number_=contract.number,
            date=contract.date,
            seller=contract.seller_id,
            buyer=contract.buyer_id,
            terms=contract.terms,
            payment=contract.payment,
            lines=contract.lines,
        )
        self.delivery_earliest.set_value(contract.delivery_earliest)
        self.delivery_latest.set_value(contract.delivery_latest)
        self.partial_shipment.set_value(contract.partial_shipment)
        self.transhipment.set_value(contract.transhipment)
        self.packing.set_value(contract.packing)
        self.inspection.set_value(contract.inspection)
        self.insurance.set_value(contract.insurance)
        self.arbitration.set_value(contract.arbitration)
        self.notes.set_value(contract.notes)

    def save_job(self, obj: Any) -> Callable[[Store], Contract]:
        contract: Contract = obj
        return lambda store: store.contracts.save(contract)

    def fetch_job(self, id_: int) -> Callable[[Store], Contract]:
        return lambda store: store.contracts.get(ContractId(id_))

    # -- actions -----------------------------------------------------------------------------

    @Slot()
    def new_invoice(self) -> None:
        """Open a new commercial invoice carrying this contract's parties, terms and lines."""
        contract, problems = self.build()
        if problems or contract.id is None:
            return
        draft = Invoice.from_contract(
            contract, kind=InvoiceKind.COMMERCIAL, number="", date=dt.date.today()
        )
        self.draft_requested.emit("invoices", draft)

    @Slot()
    def new_sales_leg(self) -> None:
        """Ask for the buyer, number and markup, then open the mirrored sales contract."""
        purchase, problems = self.build()
        if problems or purchase.kind is not ContractKind.PURCHASE:
            return
        dialog = SalesLegDialog(self.tasks, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        buyer, number_, markup = dialog.result_values()
        draft = sales_leg_from(
            purchase,
            number=number_,
            date=dt.date.today(),
            buyer_id=PartyId(buyer),
            terms=purchase.terms,
            payment=purchase.payment,
            markup_percent=markup,
        )
        self.draft_requested.emit("contracts", draft)


class SalesLegDialog(QDialog):
    """The three things a sales leg needs beyond the purchase leg."""

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SalesLegDialog", "Sales leg from purchase leg"))
        self.buyer = RecordPicker(tasks, party_choices)
        self.number = TextEdit()
        self.markup = TextEdit()
        self.markup.setText("0")
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(QLabel(translate("SalesLegDialog", "Buyer")), self.buyer)
        layout.addRow(QLabel(translate("SalesLegDialog", "Sales contract number")), self.number)
        layout.addRow(QLabel(translate("SalesLegDialog", "Markup (%)")), self.markup)
        layout.addRow(self.error)
        layout.addRow(self.buttons)

    @Slot()
    def _check(self) -> None:
        problems: list[Problem] = []
        number("markup", self.markup.text(), problems, what="markup")
        if self.buyer.value() is None:
            problems.append(
                Problem("buyer", translate("SalesLegDialog", "Choose the buyer from the list."))
            )
        if not self.number.text().strip():
            problems.append(
                Problem("number", translate("SalesLegDialog", "The contract number is required."))
            )
        self.error.show_messages([p.message for p in problems])
        if not problems:
            self.accept()

    def result_values(self) -> tuple[int, str, Any]:
        problems: list[Problem] = []
        markup = number("markup", self.markup.text(), problems, what="markup")
        buyer = self.buyer.value()
        assert buyer is not None
        return buyer, self.number.text().strip(), markup


__all__ = ["ContractEditor", "SalesLegDialog"]
