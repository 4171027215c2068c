"""Date fields a person types into: ISO (``2026-05-20``) or the locale's short form, with a
calendar, that may be left empty and never hold the keyboard focus."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from exporter_desk.gui._resources import icon


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


__all__ = ["DateEdit", "OptionalDateEdit", "format_date", "parse_date"]
