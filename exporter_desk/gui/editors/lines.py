"""The line-item and charge tables of contracts and invoices.

Rows are kept as the text the user typed (``LineDraft``), so a half-typed quantity is never
lost; the editor turns them into ``LineItem`` objects on every edit and hands back the amounts
and problems to show (red cells with the message as tooltip). Numbers are shown grouped
(``1,200``, ``2,350.00``), and editing a cell starts from the text as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.domain import (
    ChargeKind,
    DomainError,
    Problem,
    Product,
    Unit,
    format_amount,
    format_hs_code,
    format_quantity,
    parse_decimal,
)
from exporter_desk.gui import labels
from exporter_desk.gui._resources import icon
from exporter_desk.gui.choices import product_choices
from exporter_desk.gui.editors._parse import money_text
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import Choice, RecordPicker

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
ERROR_BRUSH = QBrush(QColor("#fde0e0"))


@dataclass(frozen=True, slots=True)
class LineDraft:
    description_en: str = ""
    hs_code: str = ""
    quantity: str = ""
    unit: str = Unit.PCS.value
    unit_price: str = ""
    sku: str = ""
    description_zh: str = ""
    product_id: int | None = None


class LineColumn(IntEnum):
    SKU = 0
    DESCRIPTION = 1
    DESCRIPTION_ZH = 2
    HS_CODE = 3
    QUANTITY = 4
    UNIT = 5
    UNIT_PRICE = 6
    AMOUNT = 7


_LINE_FIELDS: dict[int, str] = {
    LineColumn.SKU: "sku",
    LineColumn.DESCRIPTION: "description_en",
    LineColumn.DESCRIPTION_ZH: "description_zh",
    LineColumn.HS_CODE: "hs_code",
    LineColumn.QUANTITY: "quantity",
    LineColumn.UNIT: "unit",
    LineColumn.UNIT_PRICE: "unit_price",
}


@dataclass(frozen=True, slots=True)
class ChargeDraft:
    kind: str = ChargeKind.FREIGHT.value
    amount: str = ""
    description: str = ""


class ChargeColumn(IntEnum):
    KIND = 0
    DESCRIPTION = 1
    AMOUNT = 2


_CHARGE_FIELDS: dict[int, str] = {
    ChargeColumn.KIND: "kind",
    ChargeColumn.DESCRIPTION: "description",
    ChargeColumn.AMOUNT: "amount",
}


class DraftTableModel(QAbstractTableModel):
    """Editable rows of drafts (frozen dataclasses of text), with per-cell problems."""

    edited = Signal()
    fields_by_column: ClassVar[dict[int, str]] = {}
    numeric: frozenset[int] = frozenset()
    read_only: frozenset[int] = frozenset()
    draft_type: type[Any] = LineDraft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.extra: list[str] = []  # the computed column (amounts), per row
        self.cell_problems: dict[tuple[int, str], str] = {}

    def header(self, column: int) -> str:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields_by_column) + len(self.read_only)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.header(section)
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self.read_only:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def text(self, row: int, column: int) -> str:
        """The cell as typed (or computed): what editing starts from."""
        name = self.fields_by_column.get(column)
        if name is None:
            return self.extra[row] if row < len(self.extra) else ""
        return str(getattr(self.rows[row], name))

    def display(self, row: int, column: int) -> str:
        """The cell as shown; subclasses format numbers and translate codes."""
        return self.text(row, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        name = self.fields_by_column.get(column, "")
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_problems.get((row, name))
        if role == Qt.ItemDataRole.BackgroundRole and (row, name) in self.cell_problems:
            return ERROR_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        name = self.fields_by_column.get(index.column())
        if role != Qt.ItemDataRole.EditRole or name is None or not index.isValid():
            return False
        draft = self.rows[index.row()]
        text = "" if value is None else str(value)
        if getattr(draft, name) == text:
            return False
        self.rows[index.row()] = replace(draft, **{name: text})
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    # -- whole-table edits -------------------------------------------------------------------

    def value(self) -> tuple[Any, ...]:
        return tuple(self.rows)

    def set_value(self, value: object) -> None:
        self.beginResetModel()
        self.rows = list(value) if isinstance(value, tuple | list) else []
        self.extra = []
        self.cell_problems = {}
        self.endResetModel()
        self.edited.emit()

    def append(self, draft: Any) -> int:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(draft)
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            if row < len(self.extra):
                del self.extra[row]
            self.endRemoveRows()
            self.edited.emit()

    def show_results(self, extra: list[str], problems: dict[tuple[int, str], str]) -> None:
        """The computed column and the per-cell problems of the last validation."""
        if extra == self.extra and problems == self.cell_problems:
            return
        self.extra = extra
        self.cell_problems = problems
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1)
            )


class LinesModel(DraftTableModel):
    fields_by_column: ClassVar[dict[int, str]] = dict(_LINE_FIELDS)
    numeric = frozenset({LineColumn.QUANTITY, LineColumn.UNIT_PRICE, LineColumn.AMOUNT})
    read_only = frozenset({LineColumn.AMOUNT})
    draft_type = LineDraft

    def display(self, row: int, column: int) -> str:
        text = self.text(row, column)
        if column == LineColumn.QUANTITY:
            return shown_number(text, format_quantity)
        if column == LineColumn.UNIT_PRICE:
            return shown_number(text, grouped_price)
        if column == LineColumn.HS_CODE:
            return format_hs_code(text)  # 846729 shows as 8467.29; a bad value as typed
        return text

    def header(self, column: int) -> str:
        return {
            LineColumn.SKU: translate("Lines", "SKU"),
            LineColumn.DESCRIPTION: translate("Lines", "Description"),
            LineColumn.DESCRIPTION_ZH: translate("Lines", "Chinese description"),
            LineColumn.HS_CODE: translate("Lines", "HS code"),
            LineColumn.QUANTITY: translate("Lines", "Quantity"),
            LineColumn.UNIT: translate("Lines", "Unit"),
            LineColumn.UNIT_PRICE: translate("Lines", "Unit price"),
            LineColumn.AMOUNT: translate("Lines", "Amount"),
        }[LineColumn(column)]


class ChargesModel(DraftTableModel):
    fields_by_column: ClassVar[dict[int, str]] = dict(_CHARGE_FIELDS)
    numeric = frozenset({ChargeColumn.AMOUNT})
    draft_type = ChargeDraft
    currency = ""  # the invoice's, for the amounts' decimals; set by the editor

    def set_currency(self, currency: str) -> None:
        if currency != self.currency:
            self.currency = currency
            if self.rows:
                self.dataChanged.emit(
                    self.index(0, ChargeColumn.AMOUNT),
                    self.index(len(self.rows) - 1, ChargeColumn.AMOUNT),
                )

    def display(self, row: int, column: int) -> str:
        if column == ChargeColumn.KIND:
            kind = self.rows[row].kind
            try:
                return labels.charge_kind(ChargeKind(kind))
            except ValueError:
                return str(kind)
        text = self.text(row, column)
        if column == ChargeColumn.AMOUNT:
            return shown_number(text, self._amount)
        return text

    def _amount(self, value: Decimal) -> str:
        try:
            return format_amount(value, self.currency)
        except DomainError:  # no valid currency yet
            return grouped_price(value)

    def header(self, column: int) -> str:
        return {
            ChargeColumn.KIND: translate("Lines", "Charge"),
            ChargeColumn.DESCRIPTION: translate("Lines", "Description"),
            ChargeColumn.AMOUNT: translate("Lines", "Amount"),
        }[ChargeColumn(column)]


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for a column that takes one of a few values (unit, charge kind)."""

    def __init__(self, items: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = items  # (value, label)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self.items:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: Index,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DraftTable(QWidget):
    """A table of drafts with Add and Remove, tracked by the editor as one input."""

    edited = Signal()

    def __init__(self, model: DraftTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName("table")
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.view.setTabKeyNavigation(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.add_button = QToolButton()
        self.add_button.setIcon(icon("add"))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.remove_button = QToolButton()
        self.remove_button.setIcon(icon("remove"))
        self.remove_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.clicked.connect(self.add_blank)
        self.remove_button.clicked.connect(self.remove_current)
        self.remove_action = QAction(self)
        self.remove_action.setShortcut(QKeySequence("Ctrl+Del"))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.remove_action.triggered.connect(self.remove_current)
        self.addAction(self.remove_action)
        self.tools = QHBoxLayout()
        self.tools.setContentsMargins(0, 0, 0, 0)
        self.tools.addWidget(self.add_button)
        self.tools.addWidget(self.remove_button)
        self.tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.tools)
        layout.addWidget(self.view, 1)
        model.edited.connect(self._on_model_edited)
        self.setFocusProxy(self.view)

    @Slot()
    def _on_model_edited(self) -> None:
        self.edited.emit()

    def value(self) -> tuple[Any, ...]:
        return self.model.value()

    def set_value(self, value: object) -> None:
        self.model.set_value(value)

    @Slot()
    def add_blank(self) -> None:
        row = self.model.append(self.model.draft_type())
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.setFocus()

    @Slot()
    def remove_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove(index.row())

    def retranslate(self) -> None:
        self.add_button.setText(translate("Lines", "Add line"))
        self.remove_button.setText(translate("Lines", "Remove line"))
        self.remove_button.setToolTip(translate("Lines", "Remove the selected line (Ctrl+Del)"))
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class LinesTable(DraftTable):
    """Line items; a product picker above adds a line filled from the product."""

    product_added = Signal(object)  # the Product

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        self.lines = LinesModel()
        super().__init__(self.lines, parent)
        self.product_picker = RecordPicker(tasks, product_choices)
        self.product_picker.setMinimumWidth(320)
        self.product_picker.chosen.connect(self._on_product)
        self.picker_label = QLabel()
        self.picker_label.setBuddy(self.product_picker)
        self.tools.insertWidget(0, self.picker_label)
        self.tools.insertWidget(1, self.product_picker)
        self.view.setItemDelegateForColumn(
            LineColumn.UNIT, ChoiceDelegate([(u.value, u.value) for u in Unit], self.view)
        )
        for column, width in (
            (LineColumn.SKU, 90),
            (LineColumn.DESCRIPTION, 260),
            (LineColumn.DESCRIPTION_ZH, 160),
            (LineColumn.HS_CODE, 90),
            (LineColumn.QUANTITY, 80),
            (LineColumn.UNIT, 60),
            (LineColumn.UNIT_PRICE, 90),
        ):
            self.view.setColumnWidth(column, width)
        self.retranslate()

    @Slot(object)
    def _on_product(self, choice: Choice) -> None:
        product = choice.payload
        if not isinstance(product, Product):
            return
        row = self.add_product(product)
        self.product_picker.set_value(None)
        self.view.setCurrentIndex(self.lines.index(row, LineColumn.QUANTITY))
        self.view.setFocus()
        self.product_added.emit(product)

    def add_product(self, product: Product, quantity: str = "") -> int:
        return self.lines.append(
            LineDraft(
                description_en=product.description_en,
                hs_code=product.hs_code,
                quantity=quantity,
                unit=product.unit.value,
                unit_price=money_text(product.unit_price),
                sku=product.sku,
                description_zh=product.description_zh,
                product_id=product.id,
            )
        )

    def retranslate(self) -> None:
        super().retranslate()
        self.picker_label.setText(translate("Lines", "Add product:"))
        self.product_picker.setPlaceholderText(translate("Lines", "type a SKU or name"))


class ChargesTable(DraftTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.charges = ChargesModel()
        super().__init__(self.charges, parent)
        self.delegate = ChoiceDelegate(self._kinds(), self.view)
        self.view.setItemDelegateForColumn(ChargeColumn.KIND, self.delegate)
        self.view.setColumnWidth(ChargeColumn.KIND, 120)
        self.view.setColumnWidth(ChargeColumn.DESCRIPTION, 320)
        self.retranslate()

    @staticmethod
    def _kinds() -> list[tuple[str, str]]:
        return [(k.value, labels.charge_kind(k)) for k in ChargeKind]

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "delegate"):
            self.delegate.items = self._kinds()
        self.add_button.setText(translate("Lines", "Add charge"))
        self.remove_button.setText(translate("Lines", "Remove charge"))


def shown_number(text: str, show: Callable[[Decimal], str]) -> str:
    """``text`` formatted by ``show`` when it reads as a number; else exactly as typed."""
    if not text.strip():
        return text
    try:
        value = parse_decimal(text)
    except DomainError:
        return text
    return show(value)


def grouped_price(value: Decimal) -> str:
    """A price with thousands separators and at least two decimals: ``1234.5`` ->
    ``1,234.50``; more decimals are kept (``0.125``), none are rounded away."""
    whole, _, decimals = f"{value.normalize():,f}".partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}"


def cell_problems(problems: list[Problem], prefix: str) -> dict[tuple[int, str], str]:
    """``lines.2.hs_code`` -> {(2, "hs_code"): message}, for the rows of one table."""
    found: dict[tuple[int, str], str] = {}
    for problem in problems:
        parts = problem.field.split(".")
        if len(parts) == 3 and parts[0] == prefix and parts[1].isdigit():
            key = (int(parts[1]), parts[2])
            found[key] = (found[key] + "\n" if key in found else "") + problem.message
    return found


def draft_field_names(draft_type: type[Any]) -> list[str]:
    return [f.name for f in fields(draft_type)]


__all__ = [
    "ChargeColumn",
    "ChargeDraft",
    "ChargesModel",
    "ChargesTable",
    "LineColumn",
    "LineDraft",
    "LinesModel",
    "LinesTable",
    "cell_problems",
]
