"""The deal editor: the purchase and sales legs of a back-to-back trade, checked together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from exporter_desk.domain import (
    Contract,
    ContractId,
    ContractKind,
    Deal,
    DealId,
    DealLegs,
    IssuedDocument,
    PackingListId,
    PartyId,
    Problem,
    format_amount,
    sales_leg_from,
)
from exporter_desk.gui import deal_view
from exporter_desk.gui._resources import icon
from exporter_desk.gui.choices import contract_choices
from exporter_desk.gui.credit_editor import CreditEditor
from exporter_desk.gui.deal_view import DealView
from exporter_desk.gui.discrepancies import focus_field
from exporter_desk.gui.editors.base import EditorDialog
from exporter_desk.gui.editors.contract import SalesLegDialog
from exporter_desk.gui.errors import ErrorPresenter, is_cancel
from exporter_desk.gui.forms import Form
from exporter_desk.gui.received_dialog import ReceivedDialog
from exporter_desk.gui.tasks import TaskManager, Worker, start_worker
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
        legs = QWidget()
        legs_layout = QVBoxLayout(legs)
        legs_layout.addWidget(form)
        legs_layout.addWidget(self.margin)
        legs_layout.addStretch(1)
        # The deal view's tabs (overview, credit, received documents, discrepancies) follow
        # the legs; see gui/deal_view.py.
        self.view = DealView(tasks)
        self.legs_page = legs
        self.view.insertTab(0, legs, "")
        self.view.setCurrentIndex(0)
        self.body.addWidget(self.view)
        self.credit_editor: CreditEditor | None = None
        self.received_dialog: ReceivedDialog | None = None
        self.opened: QWidget | None = None  # the last editor a discrepancy opened
        self.focused: QWidget | None = None  # and the field it focused
        self._pack_workers: list[Worker] = []
        self.view.field_requested.connect(self.open_field)
        self.view.credit_requested.connect(self.open_credit)
        self.view.attach_requested.connect(self.attach)
        self.view.received_requested.connect(self.open_received)
        self.view.bank_pack_requested.connect(self.issue_bank_pack)
        self.saved.connect(self._on_deal_saved)
        tasks.store_changed.connect(self._on_store_changed)
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
        self.resize(960, 600)
        self.restore_geometry()
        self.retranslate()

    def subject(self) -> str:
        return translate("DealEditor", "Deal")

    def record_title(self) -> str:
        return self.reference.text()

    def retranslate_fields(self) -> None:
        self.view.setTabText(self.view.indexOf(self.legs_page), translate("DealEditor", "Legs"))
        self.view.retranslate()
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
        self.view.set_deal(deal.id)
        if deal.id is not None:
            self.view.setCurrentIndex(self.view.overview_tab)  # a stored deal opens on its figures

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

    # -- the deal view -----------------------------------------------------------------------

    @Slot(str, int)
    def _on_deal_saved(self, _table: str, id_: int) -> None:
        if self.view.deal_id != id_:
            self.view.set_deal(id_)
        else:
            self.view.refresh()

    @Slot(str)
    def _on_store_changed(self, table: str) -> None:
        if table in _DEAL_TABLES and self.view.deal_id is not None and not self.view.loading:
            self.view.refresh()

    def _main(self) -> Any:
        """The main window (it opens the other editors, knows the data folder and keys)."""
        return self.parentWidget()

    @Slot()
    def open_credit(self) -> QWidget | None:
        """Open the deal's credit (the latest), or a blank one to type or paste."""
        if self.view.deal_id is None:
            return None
        if self.credit_editor is None or not shiboken6.isValid(self.credit_editor):
            self.credit_editor = CreditEditor(self.tasks, self.presenter, self.view.deal_id, self)
            self.credit_editor.saved.connect(self.view.refresh)
            overview = self.view.overview
            if overview is not None and overview.credit is not None:
                self.credit_editor.load(overview.credit)
        self.credit_editor.show()
        self.credit_editor.raise_()
        return self.credit_editor

    @Slot(object)
    def attach(self, path: Path | None = None) -> ReceivedDialog | None:
        """The attach dialog (its file picker, or ``path`` dropped on the deal view)."""
        main = self._main()
        if self.view.deal_id is None or main is None:
            return None
        dialog = ReceivedDialog(self.tasks, self.presenter, main.data_dir, self.view.deal_id, self)
        dialog.attached.connect(self.view.refresh)
        if path is not None:
            dialog.set_file(path)
        self.received_dialog = dialog
        dialog.show()
        return dialog

    @Slot(int)
    def open_received(self, id_: int) -> ReceivedDialog | None:
        overview = self.view.overview
        record = next((r for r in (overview.received if overview else ()) if r.id == id_), None)
        main = self._main()
        if record is None or main is None or self.view.deal_id is None:
            return None
        dialog = ReceivedDialog(self.tasks, self.presenter, main.data_dir, self.view.deal_id, self)
        dialog.attached.connect(self.view.refresh)
        dialog.load(record)
        self.received_dialog = dialog
        dialog.show()
        return dialog

    @Slot(str, object, str)
    def open_field(self, document: str, id_: int | None, path: str) -> None:
        """Open the editor of the document a discrepancy names and focus the field."""
        if document == "deal":
            self.view.setCurrentWidget(self.legs_page)
            self._focus(self, path)
        elif document == "credit":
            editor = self.open_credit()
            if editor is not None:
                self._focus(editor, path)
        elif document == "received" and id_ is not None:
            dialog = self.open_received(id_)
            if dialog is not None:
                self._focus(dialog, path)
        elif document == "packing_list" and id_ is not None:
            self.tasks.run_db(
                lambda store: store.packing_lists.get(PackingListId(id_)).invoice_id,
                lambda invoice_id: self._open_editor("invoices", invoice_id, path, packing=True),
            )
        elif document in _EDITOR_TABLES and id_ is not None:
            self._open_editor(_EDITOR_TABLES[document], id_, path)

    def _open_editor(self, table: str, id_: int, path: str, *, packing: bool = False) -> None:
        main = self._main()
        if main is None or not hasattr(main, "open_editor"):
            return
        editor = main.open_editor(table, id_)
        self.opened = editor

        def when_loaded(tries: int = 0) -> None:
            if not shiboken6.isValid(editor):
                return
            if not editor.isEnabled() and tries < 400:
                QTimer.singleShot(25, lambda: when_loaded(tries + 1))
                return
            if self._focus(editor, path) is None and packing:
                tabs = getattr(editor, "tabs", None)
                tab = getattr(editor, "packing_tab", None)
                if tabs is not None and tab is not None:
                    tabs.setCurrentIndex(tab)

        when_loaded()

    def _focus(self, editor: QWidget, path: str) -> QWidget | None:
        self.opened = editor
        self.focused = focus_field(editor, path)
        return self.focused

    @Slot()
    def issue_bank_pack(self) -> None:
        """Issue the deal's bank pack (registered and signed), on the network thread."""
        main = self._main()
        deal_id = self.view.deal_id
        if main is None or deal_id is None:
            return
        keystore = main.keys.ask(self)
        if keystore is None:
            return  # no passphrase given: the user cancelled
        data_dir = main.data_dir
        worker = Worker(
            lambda progress: deal_view.issue_bank_pack(data_dir, keystore, deal_id, progress)
        )
        worker.signals.progress.connect(self._on_pack_progress)
        worker.signals.succeeded.connect(self._on_pack_issued)
        worker.signals.failed.connect(self._on_pack_failed)
        self._pack_workers.append(worker)
        self.view.bank_pack_button.setEnabled(False)
        self.view.pack_status.setText(translate("DealEditor", "Issuing the bank pack..."))
        start_worker(worker, self.tasks.network_pool)

    @Slot(int, str)
    def _on_pack_progress(self, _percent: int, message: str) -> None:
        if message:
            self.view.pack_status.setText(message)

    @Slot(object)
    def _on_pack_issued(self, issued: IssuedDocument) -> None:
        self._pack_workers.clear()
        self.view.bank_pack_button.setEnabled(True)
        self.view.pack_status.setText(
            translate("DealEditor", "The bank pack {number} was issued: {path}").format(
                number=issued.number, path=issued.path
            )
        )
        self.tasks.notify_changed("documents")

    @Slot(object)
    def _on_pack_failed(self, error: BaseException) -> None:
        self._pack_workers.clear()
        self.view.bank_pack_button.setEnabled(True)
        self.view.pack_status.setText("")
        main = self._main()
        if main is not None:
            main.keys.note_error(error)
        if not is_cancel(error):
            self.presenter.show(error)


_EDITOR_TABLES = {
    "invoice": "invoices",
    "shipment": "shipments",
    "purchase_contract": "contracts",
    "sales_contract": "contracts",
}
_DEAL_TABLES = frozenset(
    {"contracts", "invoices", "shipments", "packing_lists", "parties", "credits", "received"}
)


__all__ = ["DealEditor"]
