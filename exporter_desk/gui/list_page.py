"""A list screen: a debounced search box over a table of one aggregate, with New and Open."""

from __future__ import annotations

from enum import IntEnum
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.gui._resources import icon
from exporter_desk.gui.models import (
    ListSource,
    StoreTableModel,
    restore_header_state,
    save_header_state,
)
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import OverflowRow

translate = QCoreApplication.translate
C = TypeVar("C", bound=IntEnum)

SEARCH_DELAY_MS = 250


class RecordTable(QTableView):
    """A table view where Enter opens the current row, as double-click does."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class ListPage(QWidget, Generic[C]):
    """Search, sort and open records of one table; the rows come a page at a time."""

    open_requested = Signal(int)
    new_requested = Signal()

    def __init__(
        self, tasks: TaskManager, source: ListSource[C], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.model: StoreTableModel[C] = StoreTableModel(tasks, source)
        self._started = False

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(150)
        self.search.setMaximumWidth(320)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.new_button = QToolButton()
        self.new_button.setIcon(icon("new"))
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.open_button = QToolButton()
        self.open_button.setIcon(icon("open"))
        self.open_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.tools = OverflowRow()
        self.tools.add(self.new_button)
        self.tools.add(self.open_button)

        # What an empty list shows instead of a blank table: what the screen is for and the
        # first thing to do.
        self.empty = QWidget()
        self.empty.setObjectName("emptyState")
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyText")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_new = QToolButton()
        self.empty_new.setIcon(icon("new"))
        self.empty_new.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.empty_new.clicked.connect(self.new_requested)
        self._empty_buttons = QHBoxLayout()
        self._empty_buttons.addStretch(1)
        self._empty_buttons.addWidget(self.empty_new)
        self._empty_buttons.addStretch(1)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addLayout(self._empty_buttons)
        empty_layout.addStretch(2)

        self.table = RecordTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(150)
        header.setSectionsMovable(True)
        self._set_initial_sort()
        self.table.setSortingEnabled(True)
        saved = restore_header_state(source.table)
        if saved is not None:
            header.restoreState(saved)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._run_search)
        self.search.textEdited.connect(self._on_search_edited)
        self.search.returnPressed.connect(self._run_search_now)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self._open_current)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.activated_row.connect(self._open_row)
        self.model.count_changed.connect(self._show_count)
        self.model.loaded.connect(self._on_loaded)

        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.search, 1)
        top.addWidget(self.tools, 2)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.count_label)
        # Data in and out: Export on every list, Import where a spreadsheet can feed it.
        from exporter_desk.gui.export_dialog import add_data_actions

        self.data_actions = add_data_actions(self, tasks)
        self.setTabOrder(self.search, self.table)
        self.setFocusProxy(self.table)
        self.retranslate()

    def _set_initial_sort(self) -> None:
        order, descending = self.source.default_order()
        for column in self.source.columns:
            if self.source.order_key(column) == order:
                self.table.horizontalHeader().setSortIndicator(
                    int(column),
                    Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder,
                )
                return
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def add_tool(self, action: QAction) -> QToolButton:
        """A button for an extra action of this list (such as "New invoice from contract")."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.tools.add(button)
        return button

    def add_empty_action(self, action: QAction) -> QToolButton:
        """A second first step the empty list offers ("Make one from a contract")."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._empty_buttons.insertWidget(self._empty_buttons.count() - 1, button)
        return button

    def is_empty_state(self) -> bool:
        """The list has no records at all (not merely no matches) and says how to start."""
        return self.body.currentWidget() is self.empty

    # -- loading ---------------------------------------------------------------------------

    def start(self) -> None:
        """Load the first page, the first time the page is shown."""
        if not self._started:
            self._started = True
            self.model.reload()

    @Slot()
    def refresh(self) -> None:
        self._started = True
        self.model.reload()

    @Slot(str)
    def _on_search_edited(self, _text: str) -> None:
        self._debounce.start()

    @Slot()
    def _run_search_now(self) -> None:
        self._debounce.stop()
        self._run_search()

    @Slot()
    def _run_search(self) -> None:
        self._started = True
        self.model.set_query(self.search.text())

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot(int)
    def _show_count(self, _total: int) -> None:
        self._update_count()

    @Slot()
    def _on_loaded(self) -> None:
        self._update_count()
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        total = self.model.total
        empty = not self.model.query and total == 0
        self.body.setCurrentWidget(self.empty if empty else self.table)
        self.count_label.setVisible(not empty and total is not None)
        self.empty_new.setVisible(not self.new_button.property("hiddenByOwner"))
        if self.model.query:
            if shown >= self.model.SEARCH_LIMIT:
                text = translate(
                    "ListPage", "The first {shown} matches; type more words to narrow the search."
                ).format(shown=f"{shown:,}")
            elif shown == 0:
                text = translate("ListPage", "No matches; try fewer or other words.")
            elif shown == 1:
                text = translate("ListPage", "1 match")
            else:
                text = translate("ListPage", "{shown} matches").format(shown=f"{shown:,}")
        elif total == 1:
            text = translate("ListPage", "1 record")
        else:
            text = translate("ListPage", "{total} records").format(total=f"{total or 0:,}")
        self.count_label.setText(text)

    # -- opening ---------------------------------------------------------------------------

    @Slot(QModelIndex)
    def _on_double_click(self, index: QModelIndex) -> None:
        self._open_row(index.row())

    @Slot(int)
    def _open_row(self, row: int) -> None:
        id_ = self.model.row_id(row)
        if id_ is not None:
            self.open_requested.emit(id_)

    @Slot()
    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_row(index.row())

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def save_state(self) -> None:
        save_header_state(self.source.table, self.table.horizontalHeader().saveState())

    # -- language --------------------------------------------------------------------------

    def set_title(self, title: str) -> None:
        self.title.setText(title)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(translate("ListPage", "Search (Ctrl+F)"))
        self.new_button.setText(translate("ListPage", "New"))
        self.new_button.setToolTip(translate("ListPage", "Create a new record (Ctrl+N)"))
        self.open_button.setText(translate("ListPage", "Open"))
        self.open_button.setToolTip(translate("ListPage", "Open the selected record (Enter)"))
        self.tools.more.setToolTip(translate("ListPage", "More actions"))
        self.empty_label.setText(self.source.empty_text())
        self.empty_new.setText(self.source.new_text())
        self.model.retranslate()
        if hasattr(self, "data_actions"):
            self.data_actions.retranslate()
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self._started and self.window().isVisible():
                self.model.reload()  # rows hold translated words (kinds, statuses)
            else:
                self._started = False  # a closed window reloads when shown again, if ever
        super().changeEvent(event)


__all__ = ["ListPage", "RecordTable"]
