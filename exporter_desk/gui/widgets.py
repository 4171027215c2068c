"""Input widgets of the editors: code pickers with type-ahead, record pickers fed by the store's
search, enum combos; the dates of ``gui/dates.py`` too. Each has ``value()`` / ``set_value()``
and an ``edited`` signal, so editors can snapshot them for undo and validate on every change."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from exporter_desk.gui.dates import DateEdit, OptionalDateEdit, format_date, parse_date
from exporter_desk.gui.fitting import OverflowRow, fitting_size
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.store import Store

E = TypeVar("E", bound=Enum)
CODE_ROLE = Qt.ItemDataRole.UserRole + 10
Index = QModelIndex | QPersistentModelIndex


class CodeCompleter(QCompleter):
    """Matches anywhere in "CN  China" but inserts only the code."""

    def pathFromIndex(self, index: Index) -> str:
        code = index.data(CODE_ROLE)
        return str(code) if code is not None else super().pathFromIndex(index)


def _completer_model(items: Sequence[tuple[str, str]]) -> QStandardItemModel:
    model = QStandardItemModel()
    for code, name in items:
        item = QStandardItem(f"{code}  {name}" if name else code)
        item.setData(code, CODE_ROLE)
        model.appendRow(item)
    return model


class CodeEdit(QLineEdit):
    """A code field (country, currency, Incoterm, port) with a type-ahead list of known codes.

    The field holds the code as typed; the domain decides whether it is valid.
    """

    edited = Signal()

    def __init__(
        self,
        items: Sequence[tuple[str, str]] = (),
        *,
        upper: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._upper = upper
        completer = CodeCompleter(self)
        completer.setModel(_completer_model(items))
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.textChanged.connect(self._on_text_changed)

    @Slot(str)
    def _on_text_changed(self, _text: str) -> None:
        self.edited.emit()

    def value(self) -> str:
        text = self.text().strip()
        return text.upper() if self._upper else text

    def set_value(self, value: object) -> None:
        self.setText(str(value))


class EnumCombo(QComboBox, Generic[E]):
    """One value of an enum, shown by its translated label; type-ahead by the label's start."""

    edited = Signal()

    def __init__(
        self, members: Sequence[E], label: Callable[[E], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._members = list(members)
        self._label = label
        for member in self._members:
            self.addItem(label(member), member.value)
        self.currentIndexChanged.connect(self._on_changed)

    @Slot(int)
    def _on_changed(self, _index: int) -> None:
        self.edited.emit()

    def value(self) -> E:
        return self._members[max(self.currentIndex(), 0)]

    def set_value(self, value: object) -> None:
        for index, member in enumerate(self._members):
            if member == value or member.value == value:
                self.setCurrentIndex(index)
                return

    def retranslate(self) -> None:
        for index, member in enumerate(self._members):
            self.setItemText(index, self._label(member))


class TextEdit(QLineEdit):
    """A plain line edit with the ``edited`` / ``value`` protocol of the other inputs."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textChanged.connect(self._on_changed)

    @Slot(str)
    def _on_changed(self, _text: str) -> None:
        self.edited.emit()

    def value(self) -> str:
        return self.text()

    def set_value(self, value: object) -> None:
        self.setText("" if value is None else str(value))


class MultiLineEdit(QPlainTextEdit):
    """An address or notes box; Tab moves to the next field instead of typing a tab."""

    edited = Signal()

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)  # the editor's undo stack covers the whole form
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setFixedHeight(height)
        self.textChanged.connect(self._on_changed)

    @Slot()
    def _on_changed(self) -> None:
        self.edited.emit()

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: object) -> None:
        self.setPlainText("" if value is None else str(value))


class CheckBox(QCheckBox):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggled.connect(self._on_changed)

    @Slot(bool)
    def _on_changed(self, _checked: bool) -> None:
        self.edited.emit()

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: object) -> None:
        self.setChecked(bool(value))


class FlagSet(QWidget, Generic[E]):
    """A row of check boxes, one per enum member (a party's roles)."""

    edited = Signal()

    def __init__(
        self, members: Sequence[E], label: Callable[[E], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._label = label
        self._boxes: dict[E, QCheckBox] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, member in enumerate(members):
            box = QCheckBox(label(member))
            box.toggled.connect(self._on_changed)
            self._boxes[member] = box
            layout.addWidget(box, index // 4, index % 4)

    @Slot(bool)
    def _on_changed(self, _checked: bool) -> None:
        self.edited.emit()

    def value(self) -> frozenset[E]:
        return frozenset(m for m, box in self._boxes.items() if box.isChecked())

    def set_value(self, value: object) -> None:
        chosen = value if isinstance(value, frozenset | set) else frozenset()
        for member, box in self._boxes.items():
            box.setChecked(member in chosen)

    def retranslate(self) -> None:
        for member, box in self._boxes.items():
            box.setText(self._label(member))


class IntSpin(QSpinBox):
    edited = Signal()

    def __init__(
        self, minimum: int = 0, maximum: int = 100_000, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setRange(minimum, maximum)
        self.valueChanged.connect(self._on_changed)

    @Slot(int)
    def _on_changed(self, _value: int) -> None:
        self.edited.emit()

    def set_value(self, value: object) -> None:
        self.setValue(int(value) if isinstance(value, int) else 0)


# -- record pickers --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choice:
    """One record a picker offers: its id, the text shown in the field, and the list line."""

    id: int
    text: str
    line: str
    payload: object = None


ChoicesFn = Callable[[Store, str], list[Choice]]


class RecordPicker(QLineEdit):
    """Pick a record (a party, a product, a contract) by typing part of its name.

    The list starts with ``choices(store, "")`` and follows the store's search as the user types
    (debounced, on the database thread). Choosing a line sets the record; editing the text
    afterwards clears it. On leaving the field, a text that matches exactly one choice selects it.
    """

    edited = Signal()
    chosen = Signal(object)  # the Choice picked

    SEARCH_DELAY_MS = 200

    def __init__(
        self, tasks: TaskManager, choices: ChoicesFn, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._choices_fn = choices
        self._choices: dict[int, Choice] = {}
        self._selected: Choice | None = None
        self._setting = False
        self._pending: int | None = None
        self._list = QStringListModel(self)
        self._completer = QCompleter(self)
        self._completer.setModel(self._list)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self._completer.activated.connect(self._on_activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(self._on_editing_finished)
        self._request("")

    # -- the list ----------------------------------------------------------------------------

    def _request(self, text: str) -> None:
        fn = self._choices_fn
        self._tasks.run_db(lambda store: fn(store, text), self._on_choices)

    @Slot(object)
    def _on_choices(self, choices: list[Choice]) -> None:
        for choice in choices:
            self._choices[choice.id] = choice
        lines = [c.line for c in self._choices.values()]
        if lines != self._list.stringList():
            self._list.setStringList(lines)
            if self.hasFocus() and self.text() and self._selected is None:
                self._completer.setCompletionPrefix(self.text())
                self._completer.complete()

    @Slot()
    def _search(self) -> None:
        text = self.text().strip()
        if len(text) >= 2:
            self._request(text)

    # -- choosing ----------------------------------------------------------------------------

    def _by_line(self, line: str) -> Choice | None:
        for choice in self._choices.values():
            if choice.line == line:
                return choice
        return None

    @Slot(str)
    def _on_activated(self, line: str) -> None:
        choice = self._by_line(line)
        if choice is not None:
            self._select(choice)

    def _select(self, choice: Choice | None) -> None:
        changed = (choice.id if choice else None) != (self._selected.id if self._selected else None)
        self._selected = choice
        self._setting = True
        self.setText(choice.text if choice else "")
        self._setting = False
        if choice is not None:
            self._choices[choice.id] = choice
            self.chosen.emit(choice)
        if changed:
            self.edited.emit()

    @Slot(str)
    def _on_text_edited(self, text: str) -> None:
        if self._setting:
            return
        if self._selected is not None and text != self._selected.text:
            self._selected = None
            self.edited.emit()
        self._timer.start()

    @Slot()
    def _on_editing_finished(self) -> None:
        if self._selected is not None or not self.text().strip():
            return
        needle = self.text().strip().casefold()
        matches = [c for c in self._choices.values() if needle in c.line.casefold()]
        exact = [c for c in matches if c.text.casefold() == needle]
        if len(exact) == 1 or len(matches) == 1:
            self._select((exact or matches)[0])

    # -- value protocol ----------------------------------------------------------------------

    def value(self) -> int | None:
        return self._selected.id if self._selected else None

    def selected(self) -> Choice | None:
        return self._selected

    def set_value(self, value: object) -> None:
        if value is None:
            self._select(None)
            return
        if isinstance(value, Choice):
            self._select(value)
            return
        assert isinstance(value, int)
        known = self._choices.get(value)
        if known is not None:
            self._select(known)
            return
        # Not in the list yet: hold the id at once (value() must not change later, or loading
        # a record would look like an edit), and fetch its name to show.
        self._select(Choice(value, f"#{value}", f"#{value}"))
        self._pending = value
        fn = self._choices_fn
        self._tasks.run_db(lambda store: fn(store, f"#{value}"), self._on_pending)

    @Slot(object)
    def _on_pending(self, choices: list[Choice]) -> None:
        for choice in choices:
            self._choices[choice.id] = choice
        wanted, self._pending = self._pending, None
        if (
            wanted is not None
            and wanted in self._choices
            and self._selected is not None
            and self._selected.id == wanted
        ):
            self._select(self._choices[wanted])

    def choose(self, id_: int) -> bool:
        """Select a record already in the list (tests, keyboard macros); False if unknown."""
        choice = self._choices.get(id_)
        if choice is not None:
            self._select(choice)
        return choice is not None

    def known_ids(self) -> list[int]:
        return list(self._choices)


__all__ = [
    "CODE_ROLE",
    "CheckBox",
    "Choice",
    "CodeCompleter",
    "CodeEdit",
    "DateEdit",
    "EnumCombo",
    "FlagSet",
    "IntSpin",
    "MultiLineEdit",
    "OptionalDateEdit",
    "OverflowRow",
    "RecordPicker",
    "TextEdit",
    "fitting_size",
    "format_date",
    "parse_date",
]
