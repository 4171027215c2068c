"""The invoice editor's "Packing lists" tab: the packing lists made from this invoice, and a
small dialog that makes a new one from the saved invoice and a shipment
(``PackingList.from_invoice``: each line packed in its product's packages)."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.domain import (
    InvoiceId,
    PackingList,
    Product,
    ShipmentId,
    ValidationError,
    format_quantity,
)
from exporter_desk.errors import ExporterError
from exporter_desk.gui._resources import icon
from exporter_desk.gui.choices import shipment_choices
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.forms import ErrorLabel
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import DateEdit, RecordPicker, TextEdit
from exporter_desk.store import Store

translate = QCoreApplication.translate


class PackingColumn(IntEnum):
    NUMBER = 0
    DATE = 1
    PACKAGES = 2
    NET = 3
    GROSS = 4
    VOLUME = 5


class PackingListDialog(QDialog):
    """The packing list's number, date and shipment; the rest comes from the invoice."""

    requested = Signal(str, object, object)  # number, date, shipment id or None

    def __init__(
        self,
        tasks: TaskManager,
        number: str,
        shipment_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PackingLists", "Create packing list"))
        self.number = TextEdit()
        self.number.set_value(number)
        self.date = DateEdit()
        self.shipment = RecordPicker(tasks, shipment_choices)
        self.shipment.setPlaceholderText(translate("PackingLists", "type a reference"))
        if shipment_id is not None:
            self.shipment.set_value(shipment_id)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("PackingLists", "Create")
        )
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(
            QLabel(
                translate(
                    "PackingLists",
                    "Each invoice line is packed in its product's packages, numbered from 1.",
                )
            )
        )
        layout.addRow(translate("PackingLists", "Number"), self.number)
        layout.addRow(translate("PackingLists", "Date"), self.date)
        layout.addRow(translate("PackingLists", "Shipment"), self.shipment)
        layout.addRow(self.error)
        layout.addRow(self.buttons)
        self.resize(480, 220)

    @Slot()
    def _on_ok(self) -> None:
        self.error.show_messages([])
        self.buttons.setEnabled(False)
        self.requested.emit(self.number.value().strip(), self.date.value(), self.shipment.value())

    def show_problems(self, messages: list[str]) -> None:
        """The packing list could not be made: say why, and let the user fix the form."""
        self.buttons.setEnabled(True)
        self.error.show_messages(messages)


class PackingListsPanel(QWidget):
    """See the module docstring. ``set_invoice`` tells it which saved invoice it shows."""

    created = Signal(object)  # the saved PackingList

    def __init__(
        self, tasks: TaskManager, presenter: ErrorPresenter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.presenter = presenter
        self.invoice_id: int | None = None
        self.invoice_number = ""
        self.shipment_id: int | None = None
        self.packing_lists: list[PackingList] = []
        self.dialog: PackingListDialog | None = None
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.create_button = QPushButton(icon("new"), "")
        self.create_button.clicked.connect(self.create_packing_list)
        self.table = QTableWidget(0, len(PackingColumn))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self.set_invoice(None, "", None, saved=False)

    def set_invoice(
        self, invoice_id: int | None, number: str, shipment_id: int | None, *, saved: bool
    ) -> None:
        """Show the packing lists of invoice ``invoice_id``; creating needs it ``saved``."""
        changed = invoice_id != self.invoice_id
        self.invoice_id = invoice_id
        self.invoice_number = number
        self.shipment_id = shipment_id
        self.create_button.setEnabled(invoice_id is not None and saved)
        self._show_hint(saved)
        if changed:
            self.reload()

    def reload(self) -> None:
        invoice_id = self.invoice_id
        if invoice_id is None:
            self._show([])
            return
        self.tasks.run_db(
            lambda store: store.packing_lists.for_invoice(InvoiceId(invoice_id)), self._show
        )

    @Slot(object)
    def _show(self, packing_lists: list[PackingList]) -> None:
        self.packing_lists = list(packing_lists)
        self.table.setRowCount(len(self.packing_lists))
        for row, packing in enumerate(self.packing_lists):
            values = {
                PackingColumn.NUMBER: packing.number,
                PackingColumn.DATE: packing.date.isoformat(),
                PackingColumn.PACKAGES: f"{packing.package_count():,}",
                PackingColumn.NET: format_quantity(packing.net_kg()),
                PackingColumn.GROSS: format_quantity(packing.gross_kg()),
                PackingColumn.VOLUME: f"{packing.volume_m3():,.3f}",
            }
            for column, text in values.items():
                item = QTableWidgetItem(text)
                if column not in (PackingColumn.NUMBER, PackingColumn.DATE):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)

    @Slot()
    def create_packing_list(self) -> None:
        if self.invoice_id is None:
            return
        number = f"PL-{self.invoice_number}" if self.invoice_number else ""
        dialog = PackingListDialog(self.tasks, number, self.shipment_id, self)
        dialog.requested.connect(self._on_requested)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    @Slot(str, object, object)
    def _on_requested(self, number: str, date: object, shipment_id: object) -> None:
        invoice_id = self.invoice_id
        if invoice_id is None or not isinstance(date, dt.date):
            return
        shipment = ShipmentId(shipment_id) if isinstance(shipment_id, int) else None
        self.tasks.run_db(
            lambda store: _create(store, InvoiceId(invoice_id), number, date, shipment),
            self._on_created,
            self._on_create_failed,
        )

    @Slot(object)
    def _on_created(self, packing: PackingList) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self.tasks.notify_changed("packing_lists")
        self.reload()
        self.created.emit(packing)

    @Slot(object)
    def _on_create_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            messages = [p.message for p in error.problems]
        elif isinstance(error, ExporterError):
            messages = [error.user_message]
        else:
            self.presenter.show(error)
            messages = []
        if self.dialog is not None:
            self.dialog.show_problems(messages)
        elif messages:
            self.presenter.show(error)

    def _show_hint(self, saved: bool) -> None:
        self.hint.setText(
            translate(
                "PackingLists",
                "A packing list is made from the saved invoice: each line is packed in its "
                "product's packages, with their weights and measurements.",
            )
            if saved
            else translate("PackingLists", "Save the invoice to make a packing list from it.")
        )

    def retranslate(self) -> None:
        self.create_button.setText(translate("PackingLists", "Create packing list..."))
        self.table.setHorizontalHeaderLabels(
            [
                translate("PackingLists", "Number"),
                translate("PackingLists", "Date"),
                translate("PackingLists", "Packages"),
                translate("PackingLists", "Net kg"),
                translate("PackingLists", "Gross kg"),
                translate("PackingLists", "Volume m³"),
            ]
        )
        self._show_hint(self.create_button.isEnabled())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _create(
    store: Store,
    invoice_id: InvoiceId,
    number: str,
    date: dt.date,
    shipment_id: ShipmentId | None,
) -> PackingList:
    """Pack the saved invoice (``PackingList.from_invoice``) and save the packing list."""
    invoice = store.invoices.get(invoice_id)
    products: dict[str, Product] = {}
    for line in invoice.lines:
        product = store.products.by_sku(line.sku) if line.sku else None
        if product is not None:
            products[product.sku] = product
    packing = PackingList.from_invoice(
        invoice, products, number=number, date=date, shipment_id=shipment_id
    )
    return store.packing_lists.save(packing)


__all__ = ["PackingListDialog", "PackingListsPanel"]
