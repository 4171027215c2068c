"""The Documents screen's two choosers: what to issue (a kind of document and the record it is
made from) and which deal or shipment to pack."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.domain import DocumentKind
from exporter_desk.gui import labels
from exporter_desk.gui.choices import (
    contract_choices,
    deal_choices,
    invoice_choices,
    packing_list_choices,
    shipment_choices,
)
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import RecordPicker

translate = QCoreApplication.translate

# Which records each kind of document is issued from: services.contexts.SOURCE_TABLES, in the
# order the dialog offers them (a copy, so that opening this screen does not load the renderers;
# tests/gui/test_documents.py checks that the two agree).
SOURCE_OF_KIND = {
    DocumentKind.COMMERCIAL_INVOICE: "invoices",
    DocumentKind.PROFORMA_INVOICE: "invoices",
    DocumentKind.PACKING_LIST: "packing_lists",
    DocumentKind.CERTIFICATE_OF_ORIGIN: "invoices",
    DocumentKind.SHIPPING_INSTRUCTION: "invoices",
    DocumentKind.BENEFICIARY_CERTIFICATE: "invoices",
    DocumentKind.BILL_OF_EXCHANGE: "invoices",
    DocumentKind.SALES_CONTRACT: "contracts",
    DocumentKind.PURCHASE_CONTRACT: "contracts",
}


class IssueDialog(QDialog):
    """Choose what to issue: the kind of document and the record it is made from."""

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("DocumentsPage", "Issue a document"))
        self.kind = QComboBox()
        for kind in SOURCE_OF_KIND:
            self.kind.addItem(labels.document_kind(kind), kind.value)
        self.pickers = {
            "invoices": RecordPicker(tasks, invoice_choices),
            "packing_lists": RecordPicker(tasks, packing_list_choices),
            "contracts": RecordPicker(tasks, contract_choices),
        }
        self.source_label = QLabel()
        self.visible_seal = QCheckBox(translate("DocumentsPage", "Visible company seal"))
        self.visible_seal.setToolTip(
            translate(
                "DocumentsPage",
                "Show the seal image (Settings), the company name and the signing time in the "
                "document's signature box",
            )
        )
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(translate("DocumentsPage", "Register and sign"))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(translate("DocumentsPage", "Document"), self.kind)
        picker_box = QWidget()
        picker_layout = QVBoxLayout(picker_box)
        picker_layout.setContentsMargins(0, 0, 0, 0)
        for picker in self.pickers.values():
            picker.setPlaceholderText(translate("DocumentsPage", "type a number"))
            picker_layout.addWidget(picker)
        layout.addRow(self.source_label, picker_box)
        layout.addRow(self.visible_seal)
        layout.addRow(self.error)
        layout.addRow(self.buttons)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self._on_kind(0)
        self.resize(520, 200)

    def chosen_kind(self) -> DocumentKind:
        return DocumentKind(self.kind.currentData())

    def picker(self) -> RecordPicker:
        return self.pickers[SOURCE_OF_KIND[self.chosen_kind()]]

    @Slot(int)
    def _on_kind(self, _index: int) -> None:
        table = SOURCE_OF_KIND[self.chosen_kind()]
        for name, picker in self.pickers.items():
            picker.setVisible(name == table)
        self.source_label.setText(
            {
                "invoices": translate("DocumentsPage", "From invoice"),
                "packing_lists": translate("DocumentsPage", "From packing list"),
                "contracts": translate("DocumentsPage", "From contract"),
            }[table]
        )

    @Slot()
    def _check(self) -> None:
        if self.picker().value() is None:
            self.error.setText(translate("DocumentsPage", "Choose the record from the list."))
            return
        self.accept()


class PackDialog(QDialog):
    """Which deal or shipment to pack, and how many originals and copies."""

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("DocumentsPage", "Export document pack"))
        self.of = QComboBox()
        self.of.addItem(translate("DocumentsPage", "Deal"), "deals")
        self.of.addItem(translate("DocumentsPage", "Shipment"), "shipments")
        self.pickers = {
            "deals": RecordPicker(tasks, deal_choices),
            "shipments": RecordPicker(tasks, shipment_choices),
        }
        self.originals = QSpinBox()
        self.originals.setRange(0, 10)
        self.originals.setValue(3)
        self.copies = QSpinBox()
        self.copies.setRange(0, 10)
        self.copies.setValue(2)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(translate("DocumentsPage", "Pack of"), self.of)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        for picker in self.pickers.values():
            picker.setPlaceholderText(translate("DocumentsPage", "type a reference"))
            box_layout.addWidget(picker)
        layout.addRow(translate("DocumentsPage", "Reference"), box)
        layout.addRow(translate("DocumentsPage", "Originals"), self.originals)
        layout.addRow(translate("DocumentsPage", "Copies"), self.copies)
        layout.addRow(self.error)
        layout.addRow(buttons)
        self.of.currentIndexChanged.connect(self._on_of)
        self._on_of(0)
        self.resize(460, 220)

    @Slot(int)
    def _on_of(self, _index: int) -> None:
        for name, picker in self.pickers.items():
            picker.setVisible(name == self.of.currentData())

    def chosen(self) -> tuple[str, int]:
        of = str(self.of.currentData())
        record_id = self.pickers[of].value()
        assert record_id is not None
        return of, record_id

    @Slot()
    def _check(self) -> None:
        if self.pickers[str(self.of.currentData())].value() is None:
            self.error.setText(translate("DocumentsPage", "Choose the record from the list."))
            return
        self.accept()


__all__ = ["SOURCE_OF_KIND", "IssueDialog", "PackDialog"]
