"""The examiner's discrepancies as a list; each finding and each field it names is clickable
and opens the editor of the document it names with the field focused.

``DiscrepancyList`` shows them (``field_requested(document, id, field)`` on a click);
``focus_field(editor, path)`` focuses a field of an editor, switching to its tab.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from exporter_desk.examine import Discrepancy, FieldRef, Severity
from exporter_desk.gui.forms import Form
from exporter_desk.gui.messages import reason_text, translate_message

translate = QCoreApplication.translate
_REF = Qt.ItemDataRole.UserRole


def document_label(document: str) -> str:
    labels = {
        "deal": translate("Discrepancies", "Deal"),
        "purchase_contract": translate("Discrepancies", "Purchase contract"),
        "sales_contract": translate("Discrepancies", "Sales contract"),
        "invoice": translate("Discrepancies", "Invoice"),
        "packing_list": translate("Discrepancies", "Packing list"),
        "shipment": translate("Discrepancies", "Shipment"),
        "received": translate("Discrepancies", "Received document"),
        "credit": translate("Discrepancies", "Letter of credit"),
    }
    return labels.get(document, document)


def severity_label(severity: Severity) -> str:
    if severity is Severity.ERROR:
        return translate("Discrepancies", "Discrepancy")
    return translate("Discrepancies", "Warning")


class DiscrepancyList(QTreeWidget):
    """One row per finding (its fields underneath); a click on either opens the field."""

    field_requested = Signal(str, object, str)  # document, id (int or None), field path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("discrepancies")
        self.setColumnCount(2)
        self.setRootIsDecorated(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.found: list[Discrepancy] = []
        self.itemActivated.connect(self._on_item)
        self.itemClicked.connect(self._on_item)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHeaderLabels(
            [translate("Discrepancies", "Kind"), translate("Discrepancies", "Finding")]
        )
        self.set_discrepancies(self.found)

    def set_discrepancies(self, found: Sequence[Discrepancy]) -> None:
        self.found = list(found)
        self.clear()
        for item in self.found:
            message = translate_message(item.message)
            row = QTreeWidgetItem([severity_label(item.severity), message])
            why, fix = reason_text(item.why), reason_text(item.fix)
            row.setToolTip(1, f"{message}\n\n{why}\n\n{fix}")
            if item.fields:
                row.setData(0, _REF, item.fields[0])
            for ref in item.fields:
                document, id_, path = ref
                name = document_label(document) + (f" #{id_}" if id_ is not None else "")
                child = QTreeWidgetItem(
                    [
                        name,
                        translate("Discrepancies", "Go to: {field}").format(
                            field=field_label(path)
                        ),
                    ]
                )
                child.setData(0, _REF, ref)
                child.setForeground(1, QBrush(QColor("#1a5fb4")))
                font = child.font(1)
                font.setUnderline(True)
                child.setFont(1, font)
                child.setToolTip(1, translate("Discrepancies", "Open it and go to the field"))
                row.addChild(child)
            row.addChild(QTreeWidgetItem([translate("Discrepancies", "Why"), why]))
            row.addChild(QTreeWidgetItem([translate("Discrepancies", "What to do"), fix]))
            colour = "#b3261e" if item.severity is Severity.ERROR else "#9a6700"
            row.setForeground(0, QBrush(QColor(colour)))
            bold = row.font(0)
            bold.setBold(True)
            row.setFont(0, bold)
            self.addTopLevelItem(row)
            row.setExpanded(True)
        self.resizeColumnToContents(0)

    def ref_items(self) -> list[QTreeWidgetItem]:
        """The rows that name a field (for tests and keyboard users)."""
        out: list[QTreeWidgetItem] = []
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            assert top is not None
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.data(0, _REF) is not None:
                    out.append(child)
        return out

    @Slot(QTreeWidgetItem, int)
    def _on_item(self, item: QTreeWidgetItem, _column: int) -> None:
        ref: FieldRef | None = item.data(0, _REF)
        if ref is not None:
            document, id_, path = ref
            self.field_requested.emit(document, id_, path)


def _candidates(path: str) -> list[str]:
    """``lines.2.quantity`` -> ``lines.2.quantity``, ``lines.2``, ``lines``; an id field also
    as its picker (``seller_id`` -> ``seller``), ``terms.currency`` -> ``currency``."""
    parts = path.split(".")
    out = [".".join(parts[:n]) for n in range(len(parts), 0, -1)]
    out += [parts[-1]]
    out += [p.removesuffix("_id") for p in out if p.endswith("_id")]
    return list(dict.fromkeys(out))


def focus_field(editor: QWidget, path: str) -> QWidget | None:
    """Focus the widget showing ``path`` in ``editor`` (a row of any of its forms, on any
    tab, else the input it tracks under that name, such as a table of lines); return it, or
    None when the editor shows no such field."""
    forms = editor.findChildren(Form)
    inputs: dict[str, object] = getattr(editor, "_inputs", {})
    for candidate in _candidates(path):
        widget: object = None
        for form in forms:
            box = form.box(candidate)
            if box is not None:
                widget = box.widget
                break
        if widget is None:
            widget = inputs.get(candidate)
        view = getattr(widget, "view", None)  # a table of drafts: its view takes the focus
        if isinstance(view, QWidget):
            widget = view
        if isinstance(widget, QWidget):
            _show_tabs_of(widget)
            editor.raise_()
            editor.activateWindow()
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return widget
    return None


def field_label(path: str) -> str:
    """A field path for a person: ``net_kg`` -> "net weight"; an unknown one as written."""
    labels = {
        "net_kg": translate("Discrepancies", "net weight"),
        "gross_kg": translate("Discrepancies", "gross weight"),
        "marks": translate("Discrepancies", "marks and numbers"),
        "packages": translate("Discrepancies", "packages"),
        "lines": translate("Discrepancies", "goods lines"),
        "goods": translate("Discrepancies", "goods"),
        "amount": translate("Discrepancies", "amount"),
        "total": translate("Discrepancies", "total"),
        "currency": translate("Discrepancies", "currency"),
        "terms.currency": translate("Discrepancies", "currency"),
        "terms.incoterm": translate("Discrepancies", "Incoterm"),
        "containers": translate("Discrepancies", "containers"),
        "number": translate("Discrepancies", "number"),
        "date": translate("Discrepancies", "date"),
        "vessel": translate("Discrepancies", "vessel"),
        "transport_document_no": translate("Discrepancies", "transport document number"),
        "seller_id": translate("Discrepancies", "seller"),
        "buyer_id": translate("Discrepancies", "buyer"),
        "applicant": translate("Discrepancies", "applicant"),
        "beneficiary": translate("Discrepancies", "beneficiary"),
        "documents": translate("Discrepancies", "documents required"),
        "originals": translate("Discrepancies", "originals"),
        "expiry_date": translate("Discrepancies", "expiry date"),
        "latest_shipment_date": translate("Discrepancies", "latest shipment date"),
        "presentation_days": translate("Discrepancies", "presentation period"),
        "partial_shipment": translate("Discrepancies", "partial shipment"),
        "transhipment": translate("Discrepancies", "transhipment"),
        "reference": translate("Discrepancies", "reference"),
    }
    return labels.get(path, path)


def _show_tabs_of(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QTabWidget):
            for index in range(parent.count()):
                page = parent.widget(index)
                if page is not None and (page is widget or page.isAncestorOf(widget)):
                    parent.setCurrentIndex(index)
        parent = parent.parentWidget()


__all__ = [
    "DiscrepancyList",
    "document_label",
    "field_label",
    "focus_field",
    "severity_label",
]
