"""Form rows with an error line under each field, keyed by the domain's ``Problem.field`` paths.

An editor builds its domain object from the form on every edit and hands ``problems()`` to
``Form.show_problems``: each message appears in red under the widget its path names
(``"terms.currency"``, ``"bank.swift"``); messages no row claims are returned to the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from exporter_desk.domain import Problem
from exporter_desk.gui.messages import translate_message

Text = Callable[[], str]


class ErrorLabel(QLabel):
    """A small red line under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet("color: #c62828; font-size: 11px;")
        self.hide()

    def show_messages(self, messages: list[str]) -> None:
        """Show ``messages`` (the core's English ones in the interface language)."""
        self.setText("\n".join(dict.fromkeys(translate_message(m) for m in messages)))
        self.setVisible(bool(messages))


class FieldBox(QWidget):
    """A field widget with its error line underneath."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widget = widget
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(self.error)
        self.setFocusProxy(widget)
        # Fixed height: the field and its message always get their whole height, so a message
        # is never squeezed under (drawn over) a tall field such as an address box.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)


class Form(QWidget):
    """Labelled rows; ``show_problems`` routes each problem to the row owning its field path."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._labels: list[tuple[QLabel, Text]] = []
        self._boxes: dict[str, FieldBox] = {}

    def add_row(self, paths: str | Iterable[str], label: Text, widget: QWidget) -> FieldBox:
        """Add ``widget`` under ``label``; problems whose field is one of ``paths`` show here."""
        box = FieldBox(widget)
        caption = QLabel()
        caption.setBuddy(widget)
        self._labels.append((caption, label))
        caption.setText(label())
        self.layout_.addRow(caption, box)
        for path in [paths] if isinstance(paths, str) else paths:
            self._boxes[path] = box
        return box

    def add_widget(self, widget: QWidget) -> None:
        self.layout_.addRow(widget)

    def boxes(self) -> list[FieldBox]:
        return list(dict.fromkeys(self._boxes.values()))

    def box(self, path: str) -> FieldBox | None:
        return self._boxes.get(path)

    def set_row_visible(self, path: str, visible: bool) -> None:
        """Show or hide the row of ``path`` with its label (fields that do not apply)."""
        box = self._boxes.get(path)
        if box is not None:
            self.layout_.setRowVisible(box, visible)

    def is_row_visible(self, path: str) -> bool:
        box = self._boxes.get(path)
        return box is not None and not box.isHidden()

    def path_of(self, widget: QWidget) -> str | None:
        """The first field path of the row holding ``widget`` (None if no row holds it)."""
        for path, box in self._boxes.items():
            if box.widget is widget or box.widget.isAncestorOf(widget):
                return path
        return None

    def owns(self, path: str) -> bool:
        return path in self._boxes

    def show_problems(self, problems: Iterable[Problem]) -> list[Problem]:
        """Show each problem under its field; return those with no field here."""
        by_box: dict[int, list[str]] = {}
        unmatched: list[Problem] = []
        for problem in problems:
            box = self._boxes.get(problem.field)
            if box is None:
                unmatched.append(problem)
            else:
                by_box.setdefault(id(box), []).append(problem.message)
        for box in dict.fromkeys(self._boxes.values()):
            box.error.show_messages(by_box.get(id(box), []))
        return unmatched

    def first_error_widget(self) -> QWidget | None:
        for box in dict.fromkeys(self._boxes.values()):
            if box.error.isVisible() or box.error.text():
                return box.widget
        return None

    def retranslate(self) -> None:
        for caption, label in self._labels:
            caption.setText(label())


def route_problems(forms: Iterable[Form], problems: Iterable[Problem]) -> list[Problem]:
    """Offer the problems to several forms (tabs of one editor); return what none claimed."""
    remaining = list(problems)
    for form in forms:
        claimed = [p for p in remaining if form.owns(p.field)]
        form.show_problems(claimed)
        remaining = [p for p in remaining if not form.owns(p.field)]
    return remaining


__all__ = ["ErrorLabel", "FieldBox", "Form", "route_problems"]
