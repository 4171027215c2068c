"""The Documents screen's dialogs: what to issue (a kind of document and the record it is made
from), which deal or shipment to pack, and before issuing: the checklist of what the document
needs, a draft preview, and the explicit question to supersede."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.domain import DocumentKind, IssuedDocument
from exporter_desk.gui import labels
from exporter_desk.gui.choices import (
    contract_choices,
    deal_choices,
    invoice_choices,
    packing_list_choices,
    shipment_choices,
)
from exporter_desk.gui.messages import translate_message
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import RecordPicker

if TYPE_CHECKING:
    from exporter_desk.services.checklist import ChecklistItem, IssueChecklist

translate = QCoreApplication.translate

# The kinds the dialog offers, in its order, each with the records it is issued from
# (``DocumentKind.source_table``).
SOURCE_OF_KIND = {
    kind: kind.source_table
    for kind in (
        DocumentKind.COMMERCIAL_INVOICE,
        DocumentKind.PROFORMA_INVOICE,
        DocumentKind.PACKING_LIST,
        DocumentKind.CERTIFICATE_OF_ORIGIN,
        DocumentKind.SHIPPING_INSTRUCTION,
        DocumentKind.BENEFICIARY_CERTIFICATE,
        DocumentKind.BILL_OF_EXCHANGE,
        DocumentKind.SALES_CONTRACT,
        DocumentKind.PURCHASE_CONTRACT,
    )
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


# -- before issuing: the checklist, the draft preview, the supersede question -----------------


def checklist_text(item: ChecklistItem) -> str:
    """A checklist item in the user's language (by its stable code; English as it came else)."""
    texts = {
        "company": translate("IssueChecklist", "Choose your company in Settings."),
        "lines": translate("IssueChecklist", "Add at least one line item."),
        "invoice_kind": translate("IssueChecklist", "Set the invoice's kind to match."),
        "origin_country": translate("IssueChecklist", "Enter the country of origin."),
        "valid_until": translate("IssueChecklist", "Enter the date the proforma is valid until."),
        "seller_bank": translate(
            "IssueChecklist", "Enter the seller's bank account (for the payment instructions)."
        ),
        "shipment": translate("IssueChecklist", "Choose the shipment."),
        "forwarder": translate("IssueChecklist", "Choose the forwarder on the shipment."),
        "packing_list": translate(
            "IssueChecklist",
            "Make a packing list for this invoice (packages, weights, measurement).",
        ),
        "payment_method": translate("IssueChecklist", "Change the payment method: {reason}"),
        "lc_number": translate("IssueChecklist", "Enter the L/C number."),
        "issuing_bank": translate("IssueChecklist", "Enter the issuing bank of the L/C."),
        "packages": translate("IssueChecklist", "Add at least one package."),
        "invoice": translate("IssueChecklist", "Choose the invoice this packing list belongs to."),
    }
    text = texts.get(item.code)
    if text is None:
        return translate_message(item.message)  # an error of the core, in its own words
    return text.format(reason=translate_message(item.message)) if "{reason}" in text else text


class IssueChecklistDialog(QDialog):
    """Shown before the irreversible step: what issuing does, and what it still needs, each
    item a link to its field (``field_requested``); "Register and sign" once nothing is missing.
    """

    field_requested = Signal(object)  # a services.checklist.ChecklistItem
    preview_requested = Signal()

    def __init__(self, checklist: IssueChecklist, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checklist = checklist
        self.discrepancies: QWidget | None = None  # the examiner's findings, when in a deal
        self.setObjectName("issueChecklist")
        self.setWindowTitle(
            translate("IssueChecklist", "Issue {kind} {number}").format(
                kind=labels.document_kind(checklist.kind), number=checklist.number
            )
        )
        self.intro = QLabel(
            translate(
                "IssueChecklist",
                "Issuing registers this document with the trust network and signs it. This "
                "cannot be undone: a registered document can only be superseded by a new one.",
            )
        )
        self.intro.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setObjectName("checklistState")
        self.item_buttons: list[QPushButton] = []
        items_box = QWidget()
        items_layout = QVBoxLayout(items_box)
        items_layout.setContentsMargins(8, 0, 0, 0)
        for item in checklist.items:
            button = QPushButton("✘  " + checklist_text(item))
            button.setObjectName("checklistItem")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet(
                "QPushButton { color: #c62828; text-align: left; padding: 3px; }"
                "QPushButton:hover { text-decoration: underline; }"
            )
            button.setToolTip(translate("IssueChecklist", "Go to the field"))
            button.clicked.connect(self._on_item)
            button.setProperty("index", len(self.item_buttons))
            items_layout.addWidget(button)
            self.item_buttons.append(button)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("hint")
        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton(
            translate("IssueChecklist", "Preview draft"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.preview_button.clicked.connect(self.preview_requested)
        self.issue_button = self.buttons.addButton(
            translate("DocumentsPage", "Register and sign"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.issue_button.setEnabled(checklist.is_ready)
        self.issue_button.setDefault(checklist.is_ready)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.state)
        layout.addWidget(items_box)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._show_state()
        self.resize(560, 280)

    def _show_state(self) -> None:
        checklist = self.checklist
        if not checklist.is_ready:
            self.state.setText(
                translate(
                    "IssueChecklist", "Still needed before it can be issued (click to go there):"
                )
            )
            self.state.setStyleSheet("font-weight: bold;")
            return
        self.state.setText(
            translate("IssueChecklist", "✔ Everything this document needs is there.")
        )
        self.state.setStyleSheet("color: #2e7d32; font-weight: bold;")
        earlier = checklist.earlier
        if earlier is None:
            return
        when = earlier.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if checklist.unchanged:
            self.note.setText(
                translate(
                    "IssueChecklist",
                    "Nothing changed since {number} was issued on {when}: issuing again "
                    "registers nothing.",
                ).format(number=checklist.number, when=when)
            )
        else:
            self.note.setText(
                translate(
                    "IssueChecklist",
                    "{number} was issued on {when} and its data has changed since: you will be "
                    "asked whether the new document supersedes it.",
                ).format(number=checklist.number, when=when)
            )

    @Slot()
    def _on_item(self) -> None:
        button = self.sender()
        index = button.property("index") if isinstance(button, QPushButton) else None
        if isinstance(index, int) and 0 <= index < len(self.checklist.items):
            self.field_requested.emit(self.checklist.items[index])
            self.reject()


class DraftPreviewDialog(QDialog):
    """A draft rendered from the current data: watermarked DRAFT, never registered or signed."""

    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.path = path
        self.setObjectName("draftPreview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setWindowTitle(translate("DraftPreview", "Draft preview: {title}").format(title=title))
        self.banner = QLabel(
            translate(
                "DraftPreview",
                "DRAFT: not registered and not signed. This is what issuing would produce from "
                "the data as saved now.",
            )
        )
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background: #fff3e0; color: #e65100; font-weight: bold; padding: 6px; "
            "border: 1px solid #ffb74d; border-radius: 4px;"
        )
        self.pdf = QPdfDocument(self)
        self.pdf.load(str(path))
        self.view = QPdfView()
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        # The whole page, so that the DRAFT watermark across it is seen at once.
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(760, 600)


class SupersedeDialog(QMessageBox):
    """The explicit choice to supersede: what happens to the earlier document, Cancel first."""

    def __init__(self, earlier: IssuedDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.earlier = earlier
        self.setObjectName("supersedeQuestion")
        kind, number = labels.document_kind(earlier.kind), earlier.number
        when = earlier.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(
            translate("SupersedeDialog", "Supersede {number}?").format(number=number)
        )
        self.setText(
            translate(
                "SupersedeDialog",
                "{kind} {number} was issued on {when}, and its data has changed since.",
            ).format(kind=kind, number=number, when=when)
        )
        self.setInformativeText(
            translate(
                "SupersedeDialog",
                "Issuing it again registers a new document that supersedes the earlier one. "
                "The earlier PDF stays in the register marked superseded; anyone who verifies it "
                "online is told it was replaced and to ask for the new one. This cannot be "
                "undone.",
            )
        )
        self.supersede_button = self.addButton(
            translate("SupersedeDialog", "Supersede"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button)

    def confirmed(self) -> bool:
        return self.clickedButton() is self.supersede_button


__all__ = [
    "SOURCE_OF_KIND",
    "DraftPreviewDialog",
    "IssueChecklistDialog",
    "IssueDialog",
    "PackDialog",
    "SupersedeDialog",
    "checklist_text",
]
