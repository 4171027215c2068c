"""A table model over one of the store's windowed queries: rows arrive a page at a time.

The model never holds a whole table. It asks the database thread for the first page and the
row count; Qt's views call ``fetchMore`` as the user scrolls near the end, and the next page is
fetched the same way. Sorting is ``ORDER BY`` in the store (``order_by``); searching is the
store's FTS search. Replies carry a generation number, so a late page of an old query (the
user typed on, or re-sorted) is dropped instead of mixed in.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor

from exporter_desk.domain import PartyId
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.store import NotFoundError, Store

C = TypeVar("C", bound=IntEnum)
Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class ListRow:
    """One row as the view shows it: the record's id and its cells, formatted on the DB thread."""

    id: int
    cells: tuple[str, ...]
    muted: bool = False  # greyed out (a superseded document)


@dataclass(frozen=True, slots=True)
class PageReply:
    generation: int
    offset: int
    rows: list[ListRow]
    total: int | None  # the table's row count, with the first page only


class ListSource(ABC, Generic[C]):
    """What one list shows: its columns (an IntEnum), headers, sort keys and queries.

    ``page`` and ``search`` run on the database thread and return formatted rows.
    """

    table: str
    columns: type[C]
    numeric: frozenset[int] = frozenset()

    @abstractmethod
    def header(self, column: C) -> str: ...

    def order_key(self, column: C) -> str | None:
        """The store's ``order_by`` name for the column, or None when it cannot be sorted."""
        return None

    def default_order(self) -> tuple[str, bool]:
        return "id", True

    def empty_text(self) -> str:
        """What an empty list says: what the screen is for, and how to start."""
        return QCoreApplication.translate("ListPage", "Nothing here yet.")

    def new_text(self) -> str:
        """The caption of the button that makes the first record ("New invoice")."""
        return QCoreApplication.translate("ListPage", "New")

    @abstractmethod
    def count(self, store: Store) -> int: ...

    @abstractmethod
    def page(
        self, store: Store, offset: int, limit: int, order_by: str, descending: bool
    ) -> list[ListRow]: ...

    @abstractmethod
    def search(self, store: Store, query: str, limit: int) -> list[ListRow]: ...


class StoreTableModel(QAbstractTableModel, Generic[C]):
    """Rows of one ``ListSource``, fetched in pages on the database thread."""

    FIRST_PAGE = 100
    NEXT_PAGE = 200
    SEARCH_LIMIT = 500  # matches shown for a search (the store returns the newest first)

    loaded = Signal()  # a page (or a search result) arrived
    count_changed = Signal(int)

    def __init__(self, tasks: TaskManager, source: ListSource[C]) -> None:
        super().__init__()
        self._tasks = tasks
        self.source = source
        self._rows: list[ListRow] = []
        self._generation = 0
        self._fetching = False
        self._has_more = False
        self._query = ""
        self.total: int | None = None
        order, descending = source.default_order()
        self._order_by = order
        self._descending = descending

    # -- loading ---------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    @property
    def is_loading(self) -> bool:
        return self._fetching

    def set_query(self, query: str) -> None:
        """Show the rows matching ``query`` (FTS), or every row when it is blank."""
        self._query = query.strip()
        self.reload()

    def reload(self) -> None:
        """Drop the rows and fetch the first page (or the search result) again."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._has_more = False
        self.endResetModel()
        self._request(0, self.FIRST_PAGE, first=True)

    def _request(self, offset: int, limit: int, *, first: bool = False) -> None:
        self._fetching = True
        source, generation = self.source, self._generation
        query, order_by, descending = self._query, self._order_by, self._descending

        def fetch(store: Store) -> PageReply:
            if query:
                return PageReply(
                    generation, 0, source.search(store, query, self.SEARCH_LIMIT), None
                )
            total = source.count(store) if first else None
            rows = source.page(store, offset, limit, order_by, descending)
            return PageReply(generation, offset, rows, total)

        self._tasks.run_db(fetch, self._on_page, self._on_failed)

    @Slot(object)
    def _on_page(self, reply: PageReply) -> None:
        if reply.generation != self._generation:
            return  # an answer to a query the user has since replaced
        self._fetching = False
        if self._query:
            self._has_more = False
        else:
            expected = self.FIRST_PAGE if reply.offset == 0 else self.NEXT_PAGE
            self._has_more = len(reply.rows) >= expected
        if reply.total is not None:
            self.total = reply.total
            self.count_changed.emit(reply.total)
        if reply.rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(reply.rows) - 1)
            self._rows.extend(reply.rows)
            self.endInsertRows()
        self.loaded.emit()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._fetching = False
        self._has_more = False
        self._tasks.report_error(error)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(len(self._rows), self.NEXT_PAGE)

    # -- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.source.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.cells[index.column()]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.source.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.muted:
            return QBrush(QColor("#8a8f98"))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.source.header(self.source.columns(section))
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.source.columns):
            return
        key = self.source.order_key(self.source.columns(column))
        if key is None:
            return
        self._order_by = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._generation > 0 and not self._query:  # not before the first load
            self.reload()

    def is_sortable(self, column: int) -> bool:
        return self.source.order_key(self.source.columns(column)) is not None

    def row_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, id_: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == id_:
                return number
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)


def save_header_state(key: str, state: QByteArray) -> None:
    """Column widths and order of one list, kept between sessions."""
    QSettings().setValue(f"lists/{key}/header", state)


def restore_header_state(key: str) -> QByteArray | None:
    value = QSettings().value(f"lists/{key}/header")
    return value if isinstance(value, QByteArray) else None


def cells(*values: object) -> tuple[str, ...]:
    return tuple("" if value is None else str(value) for value in values)


def distinct(ids: Sequence[int | None]) -> list[int]:
    return sorted({i for i in ids if i is not None})


def names_of(store: Store, ids: Sequence[int | None]) -> dict[int, str]:
    """English names of the parties with these ids (for the rows of one page)."""
    names: dict[int, str] = {}
    for party_id in distinct(ids):
        try:
            names[party_id] = store.parties.get(PartyId(party_id)).name_en
        except NotFoundError:  # deleted meanwhile: show its number
            names[party_id] = f"#{party_id}"
    return names


__all__ = [
    "ID_ROLE",
    "ListRow",
    "ListSource",
    "PageReply",
    "StoreTableModel",
    "cells",
    "names_of",
    "restore_header_state",
    "save_header_state",
]
