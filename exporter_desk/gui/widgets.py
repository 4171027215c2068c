"""Input widgets of the editors: code pickers with type-ahead, record pickers fed by the store's
search, optional dates and enum combos. Each has ``value()`` / ``set_value()`` and an
``edited`` signal, so editors can snapshot them for undo and validate on every change."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeyEvent,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
)

from exporter_desk.gui._resources import icon
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


def parse_date(text: str) -> dt.date | None:
    """The date in ``text``: ISO (``2026-05-20``, also with ``/`` or ``.``, or ``20260520``),
    or the short form of the interface language's locale (``5/20/26``, ``2026/5/20``).

    None when the text is not a date (blank included).
    """
    text = text.strip()
    if not text:
        return None
    match = _ISO_DATE.fullmatch(text)
    if match is not None:
        try:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            return None
    locale = QLocale()
    for fmt in (
        locale.dateFormat(QLocale.FormatType.ShortFormat),
        locale.dateFormat(QLocale.FormatType.LongFormat),
    ):
        date = locale.toDate(text, fmt)
        if date.isValid():
            year = date.year()
            if "yyyy" not in fmt:  # a two-digit year means this century, as a person means it
                year = 2000 + year % 100
            return dt.date(year, date.month(), date.day())
    return None


def format_date(value: dt.date | None) -> str:
    """A date as the fields show it: ISO 8601, the same in every language."""
    return value.isoformat() if value is not None else ""


_ISO_DATE = re.compile(r"(?P<y>\d{4})(?P<s>[-/.]?)(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})")


class OptionalDateEdit(QLineEdit):
    """A date a person types (``2026-05-20`` or the locale's short form) or picks from a calendar
    (the button, or Alt+Down / F4); it may be left empty. Up / Down step a day (from today when
    empty). Tab always moves on: an unreadable text stays as typed, and ``is_invalid()`` lets
    the editor say so beside the field."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("YYYY-MM-DD")
        self.setClearButtonEnabled(True)
        self._calendar_action = self.addAction(
            icon("calendar"), QLineEdit.ActionPosition.TrailingPosition
        )
        self._calendar_action.triggered.connect(self.show_calendar)
        self._popup: QCalendarWidget | None = None
        self.setMaximumWidth(max(170, self.fontMetrics().horizontalAdvance("2026-12-31") + 80))
        self.textChanged.connect(self._on_changed)
        self.editingFinished.connect(self._tidy)

    @Slot(str)
    def _on_changed(self, _text: str) -> None:
        self.edited.emit()

    @Slot()
    def _tidy(self) -> None:
        """A readable date is shown the one way (ISO) once the user leaves the field."""
        date = parse_date(self.text())
        if date is not None and self.text() != format_date(date):
            self.setText(format_date(date))

    def value(self) -> dt.date | None:
        return parse_date(self.text())

    def is_invalid(self) -> bool:
        """Something is typed that is not a date."""
        return bool(self.text().strip()) and parse_date(self.text()) is None

    def set_value(self, value: object) -> None:
        self.setText(format_date(value) if isinstance(value, dt.date) else "")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and alt):
            self.show_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not self.is_invalid():
            step = 1 if key == Qt.Key.Key_Up else -1
            current = self.value()
            self.setText(format_date(current + dt.timedelta(days=step) if current else _today()))
            return
        super().keyPressEvent(event)

    @Slot()
    def show_calendar(self) -> None:
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setGridVisible(True)
        current = self.value() or _today()
        popup.setSelectedDate(QDate(current.year, current.month, current.day))
        popup.clicked.connect(self._on_picked)
        popup.activated.connect(self._on_picked)
        popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        popup.show()
        popup.setFocus()
        self._popup = popup

    @Slot(QDate)
    def _on_picked(self, date: QDate) -> None:
        self.setText(format_date(dt.date(date.year(), date.month(), date.day())))
        if self._popup is not None:
            self._popup.close()
            self._popup.deleteLater()
            self._popup = None
        self.setFocus(Qt.FocusReason.PopupFocusReason)


def _today() -> dt.date:
    return dt.date.today()


class DateEdit(OptionalDateEdit):
    """A required date: the same field, starting at today and with no clear button. Emptied,
    that is not saved: ``is_invalid()`` holds until a date is typed or picked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(False)
        self.set_value(_today())

    def value(self) -> dt.date:
        # An unreadable or empty text is reported by ``is_invalid`` and blocks saving; the
        # form still needs some date to build its object with meanwhile.
        return parse_date(self.text()) or _today()

    def is_invalid(self) -> bool:
        return parse_date(self.text()) is None


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


def fitting_size(wanted: QSize, widget: QWidget) -> QSize:
    """``wanted``, made smaller where the screen the widget is on (or the primary screen) has
    less room: a window opens whole on a 1024x640 laptop."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    room = screen.availableGeometry().size()
    return wanted.boundedTo(QSize(room.width() - 16, room.height() - 40))


# -- a row of buttons that folds into a menu -------------------------------------------------


class OverflowRow(QWidget):
    """Buttons in a row; those that do not fit go into a "more" menu at its end, so a toolbar
    works at any window width (a laptop at 1024 px, long Chinese or English captions)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buttons: list[QAbstractButton] = []
        self._spacing = 6
        self.more = QToolButton(self)
        self.more.setObjectName("moreButton")
        self.more.setText("»")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setAutoRaise(True)
        self._menu = QMenu(self.more)
        self._menu.aboutToShow.connect(self._fill_menu)
        self.more.setMenu(self._menu)
        self.more.hide()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def add(self, button: QAbstractButton) -> QAbstractButton:
        button.setParent(self)
        self._buttons.append(button)
        button.installEventFilter(self)
        self.updateGeometry()
        self._arrange()
        return button

    def insert(self, index: int, button: QAbstractButton) -> QAbstractButton:
        self.add(button)
        self._buttons.insert(index, self._buttons.pop())
        self._arrange()
        return button

    def buttons(self) -> list[QAbstractButton]:
        return list(self._buttons)

    def folded(self) -> list[QAbstractButton]:
        """The buttons now shown only in the "more" menu."""
        return [b for b in self._buttons if b.property("folded")]

    def _wanted(self) -> list[QAbstractButton]:
        return [b for b in self._buttons if not b.property("hiddenByOwner")]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A button hidden by its owner (an action not available here) takes no room.
        kind = event.type()
        toggled = kind in (QEvent.Type.HideToParent, QEvent.Type.ShowToParent)
        if toggled and not self._arranging and isinstance(watched, QAbstractButton):
            watched.setProperty("hiddenByOwner", kind == QEvent.Type.HideToParent)
            self.updateGeometry()
            QTimer.singleShot(0, self._arrange)
        return False

    _arranging = False

    def sizeHint(self) -> QSize:
        buttons = self._wanted()
        width = sum(b.sizeHint().width() for b in buttons) + self._spacing * max(
            len(buttons) - 1, 0
        )
        height = max([b.sizeHint().height() for b in buttons] + [self.more.sizeHint().height()])
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.more.sizeHint().width(), self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    @Slot()
    def _arrange(self) -> None:
        self._arranging = True
        try:
            buttons = self._wanted()
            available = self.width()
            fits_all = self.sizeHint().width() <= available
            room = available if fits_all else available - self.more.sizeHint().width()
            x = 0
            height = self.height()
            for button in self._buttons:
                if button not in buttons:
                    button.setProperty("folded", False)
                    continue
                width = button.sizeHint().width()
                if x + width <= room:
                    button.setGeometry(x, 0, width, height)
                    button.setVisible(True)
                    button.setProperty("folded", False)
                    x += width + self._spacing
                else:
                    room = -1  # keep the order: once one folds, the rest fold too
                    button.setVisible(False)
                    button.setProperty("folded", True)
            if fits_all:
                self.more.hide()
            else:
                more = self.more.sizeHint().width()
                self.more.setGeometry(available - more, 0, more, height)
                self.more.show()
        finally:
            self._arranging = False

    @Slot()
    def _fill_menu(self) -> None:
        self._menu.clear()
        for button in self.folded():
            action = button.defaultAction() if isinstance(button, QToolButton) else None
            if action is None:
                action = QAction(button.icon(), button.text(), self._menu)
                action.setEnabled(button.isEnabled())
                action.setToolTip(button.toolTip())
                action.triggered.connect(button.click)
            self._menu.addAction(action)


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
