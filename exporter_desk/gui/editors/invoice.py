"""The invoice editor (commercial or proforma): lines, charges, live totals and amount in words,
and the packing lists made from the invoice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QLabel, QWidget

from exporter_desk.domain import (
    Charge,
    ChargeKind,
    ContractId,
    Invoice,
    InvoiceId,
    InvoiceKind,
    PartyId,
    Problem,
    ShipmentId,
)
from exporter_desk.domain.codes import all_countries
from exporter_desk.gui import labels
from exporter_desk.gui.choices import party_choices, shipment_choices
from exporter_desk.gui.editors._parse import money_text, number
from exporter_desk.gui.editors.lines import ChargeDraft, ChargesTable, cell_problems
from exporter_desk.gui.editors.packing import PackingListsPanel
from exporter_desk.gui.editors.trade import TradeEditor
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.forms import ErrorLabel
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import (
    CodeEdit,
    EnumCombo,
    MultiLineEdit,
    OptionalDateEdit,
    RecordPicker,
    TextEdit,
)
from exporter_desk.store import Store

translate = QCoreApplication.translate


class InvoiceEditor(TradeEditor):
    table = "invoices"

    def __init__(
        self, tasks: TaskManager, presenter: ErrorPresenter, parent: QWidget | None = None
    ) -> None:
        super().__init__(tasks, presenter, parent)
        self.contract_id: int | None = None
        self.contract_number = ""  # shown instead of the internal id
        self.kind: EnumCombo[InvoiceKind] = EnumCombo(list(InvoiceKind), labels.invoice_kind)
        self.consignee = RecordPicker(tasks, party_choices)
        self.notify = RecordPicker(tasks, party_choices)
        self.shipment = RecordPicker(tasks, shipment_choices)
        self.buyer_reference = TextEdit()
        self.origin = CodeEdit(all_countries())
        self.origin.setMaximumWidth(220)
        self.valid_until = OptionalDateEdit()
        self.marks = MultiLineEdit(3)
        self.marks.setPlainText("N/M")
        self.notes = MultiLineEdit(3)
        self.contract_label = QLabel()
        self.contract_label.setObjectName("hint")
        self.charges = ChargesTable()
        self.charges_errors = ErrorLabel()

        self.header_form.add_row("kind", lambda: translate("InvoiceEditor", "Kind"), self.kind)
        self.add_party_rows()
        self.header_form.add_row(
            "consignee_id", lambda: translate("InvoiceEditor", "Consignee"), self.consignee
        )
        self.header_form.add_row(
            "notify_id", lambda: translate("InvoiceEditor", "Notify party"), self.notify
        )
        self.header_form.add_row(
            "shipment_id", lambda: translate("InvoiceEditor", "Shipment"), self.shipment
        )
        self.header_form.add_row(
            "buyer_reference",
            lambda: translate("InvoiceEditor", "Buyer's reference (PO)"),
            self.buyer_reference,
        )
        self.header_form.add_row(
            "origin_country",
            lambda: translate("InvoiceEditor", "Country of origin"),
            self.origin,
        )
        self.header_form.add_row(
            "valid_until",
            lambda: translate("InvoiceEditor", "Valid until (proforma)"),
            self.valid_until,
        )
        self.header_form.add_widget(self.contract_label)
        self.more_form.add_row(
            "marks", lambda: translate("InvoiceEditor", "Marks and numbers"), self.marks
        )
        self.more_form.add_row("notes", lambda: translate("InvoiceEditor", "Notes"), self.notes)
        self.goods_layout.addWidget(self.charges, 1)
        self.goods_layout.addWidget(self.charges_errors)
        self.packing = PackingListsPanel(tasks, presenter)
        self.packing_tab = self.tabs.addTab(self.packing, "")

        self.track("kind", self.kind)
        self.track_trade_fields()
        for key, widget in (
            ("consignee", self.consignee),
            ("notify", self.notify),
            ("shipment", self.shipment),
            ("buyer_reference", self.buyer_reference),
            ("origin", self.origin),
            ("valid_until", self.valid_until),
            ("marks", self.marks),
            ("notes", self.notes),
            ("charges", self.charges),
        ):
            self.track(key, widget)
        self.resize(1100, 760)
        self.restore_geometry()
        self.retranslate()

    def subject(self) -> str:
        return translate("InvoiceEditor", "Invoice")

    def retranslate_fields(self) -> None:
        super().retranslate_fields()
        self.kind.retranslate()
        self.tabs.setTabText(self.packing_tab, translate("InvoiceEditor", "Packing lists"))
        self._show_contract()

    def _show_contract(self) -> None:
        self.contract_label.setText(
            translate("InvoiceEditor", "Made from contract {number}").format(
                number=self.contract_number
            )
            if self.contract_id and self.contract_number
            else ""
        )

    def _fetch_contract_number(self) -> None:
        contract_id = self.contract_id
        if contract_id is None:
            self.contract_number = ""
            self._show_contract()
            return
        self.tasks.run_db(
            lambda store: store.contracts.get(ContractId(contract_id)).number,
            self._on_contract_number,
            self._on_contract_missing,
        )

    @Slot(object)
    def _on_contract_number(self, number: str) -> None:
        self.contract_number = number
        self._show_contract()

    @Slot(object)
    def _on_contract_missing(self, _error: BaseException) -> None:
        self.contract_number = ""  # deleted since: nothing to name
        self._show_contract()

    def build(self) -> tuple[Invoice, list[Problem]]:
        problems: list[Problem] = []
        seller, buyer = self.build_parties(problems)
        terms, payment = self.build_terms(problems)
        charges = []
        for index, draft in enumerate(self.charges.charges.rows):
            try:
                kind = ChargeKind(draft.kind)
            except ValueError:
                kind = ChargeKind.OTHER
            charges.append(
                Charge(
                    kind=kind,
                    amount=number(f"charges.{index}.amount", draft.amount, problems, what="amount"),
                    description=draft.description.strip(),
                )
            )
        consignee, notify, shipment = (
            self.consignee.value(),
            self.notify.value(),
            self.shipment.value(),
        )
        invoice = Invoice(
            kind=self.kind.value(),
            number=self.number.value().strip(),
            date=self.date.value(),
            seller_id=seller,
            buyer_id=buyer,
            terms=terms,
            payment=payment,
            lines=self.build_lines(problems),
            charges=tuple(charges),
            consignee_id=PartyId(consignee) if consignee is not None else None,
            notify_id=PartyId(notify) if notify is not None else None,
            contract_id=ContractId(self.contract_id) if self.contract_id else None,
            shipment_id=ShipmentId(shipment) if shipment is not None else None,
            buyer_reference=self.buyer_reference.value().strip(),
            origin_country=self.origin.value(),
            marks=self.marks.value().strip(),
            valid_until=self.valid_until.value(),
            notes=self.notes.value().strip(),
            id=InvoiceId(self.record_id) if self.record_id is not None else None,
        )
        return invoice, problems

    def show_other_problems(self, problems: list[Problem]) -> list[Problem]:
        rest = super().show_other_problems(problems)
        self.charges.charges.show_results([], cell_problems(rest, "charges"))
        messages = [
            p.message for p in rest if p.field == "charges" or p.field.startswith("charges.")
        ]
        self.charges_errors.show_messages(messages)
        return [p for p in rest if not (p.field == "charges" or p.field.startswith("charges."))]

    def after_validate(self, obj: Any) -> None:
        invoice: Invoice = obj
        self.show_totals(invoice, charges=True)
        self.charges.charges.set_currency(invoice.currency)
        self.packing.set_invoice(
            self.record_id,
            invoice.number,
            invoice.shipment_id,
            saved=self.record_id is not None and not self.is_dirty(),
        )

    def load(self, obj: Any) -> None:
        invoice: Invoice = obj
        self.record_id = invoice.id
        if invoice.contract_id != self.contract_id or not self.contract_number:
            self.contract_id = invoice.contract_id
            self._fetch_contract_number()
        self.kind.set_value(invoice.kind)
        self.load_trade(
            number_=invoice.number,
            date=invoice.date,
            seller=invoice.seller_id,
            buyer=invoice.buyer_id,
            terms=invoice.terms,
            payment=invoice.payment,
            lines=invoice.lines,
        )
        self.consignee.set_value(invoice.consignee_id)
        self.notify.set_value(invoice.notify_id)
        self.shipment.set_value(invoice.shipment_id)
        self.buyer_reference.set_value(invoice.buyer_reference)
        self.origin.set_value(invoice.origin_country)
        self.valid_until.set_value(invoice.valid_until)
        self.marks.set_value(invoice.marks)
        self.notes.set_value(invoice.notes)
        self.charges.set_value(
            tuple(
                ChargeDraft(
                    kind=c.kind.value, amount=money_text(c.amount), description=c.description
                )
                for c in invoice.charges
            )
        )
        self._show_contract()

    def save_job(self, obj: Any) -> Callable[[Store], Invoice]:
        invoice: Invoice = obj
        return lambda store: store.invoices.save(invoice)

    def fetch_job(self, id_: int) -> Callable[[Store], Invoice]:
        return lambda store: store.invoices.get(InvoiceId(id_))


__all__ = ["InvoiceEditor"]
