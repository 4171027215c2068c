"""Fitting a small screen: windows sized to it, and button rows that fold into a menu."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QWidget,
)


def fitting_size(wanted: QSize, widget: QWidget) -> QSize:
    """``wanted``, made smaller where the screen the widget is on (or the primary screen) has
    less room: a window opens whole on a 1024x640 laptop."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    room = screen.availableGeometry().size()
    return wanted.boundedTo(QSize(room.width() - 16, room.height() - 40))


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless area that scrolls when the window is smaller than it."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    return area


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


__all__ = ["OverflowRow", "fitting_size", "scrolling"]
