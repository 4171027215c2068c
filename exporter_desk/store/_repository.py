"""What every aggregate's repository shares: windowed lists, FTS search, checked writes."""

from __future__ import annotations

import builtins
import sqlite3
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from exporter_desk.store._session import Session
from exporter_desk.store.errors import (
    DuplicateError,
    InUseError,
    MissingReferenceError,
    NotFoundError,
    TooLargeError,
)

T = TypeVar("T")
IdT = TypeVar("IdT", bound=int)  # the NewType id of the aggregate

MAX_PAGE = 1000  # rows per list() or search() call: the GUI asks for a screenful at a time
MAX_QUERY = 200  # characters in a search query
_MIN_TRIGRAM = 3  # FTS5's trigram tokenizer cannot match fewer characters than this


def placeholders(count: int) -> str:
    return ",".join("?" * count)


def fts_phrase(token: str) -> str:
    """One token as an FTS5 string: double quotes doubled, so no character is an operator."""
    return '"' + token.replace('"', '""') + '"'


def like_pattern(token: str) -> str:
    """``%token%`` for ``LIKE ... ESCAPE '\\'``, with the token's own wildcards escaped."""
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_tokens(query: str) -> builtins.list[str]:
    """Whitespace-separated tokens; control characters count as whitespace.

    Raises:
        TooLargeError: for a query longer than MAX_QUERY characters.
    """
    if len(query) > MAX_QUERY:
        raise TooLargeError("search", "query", len(query), MAX_QUERY)
    cleaned = "".join(" " if ord(ch) < 32 or ch == "\x7f" else ch for ch in query)
    return cleaned.split()


def check_window(offset: int, limit: int) -> None:
    """Raises: ValueError for a negative offset or a limit outside 1..MAX_PAGE (a caller bug)."""
    if offset < 0:
        raise ValueError(f"offset must be >= 0, not {offset}")
    if not 1 <= limit <= MAX_PAGE:
        raise ValueError(f"limit must be between 1 and {MAX_PAGE}, not {limit}")


class Repository(ABC, Generic[T, IdT]):
    """Reads and writes one aggregate; every write is one transaction.

    Subclasses name their table, the FTS columns, the orders a list may use (public name ->
    comma-separated indexed columns; a whitelist: ``order_by`` never reaches SQL otherwise;
    each is backed by an index so that a page costs the same at row 50 and row 50,000), and
    load objects in batches with ``_load``.
    """

    subject: ClassVar[str]
    table: ClassVar[str]
    fts_columns: ClassVar[tuple[str, ...]]
    order_columns: ClassVar[Mapping[str, str]]

    def __init__(self, session: Session) -> None:
        self._s = session

    # -- reading ---------------------------------------------------------------------------

    @abstractmethod
    def _load(self, ids: Sequence[int]) -> builtins.list[T]:
        """The objects with these ids, in the order given (missing ids are skipped)."""

    def get(self, id_: IdT) -> T:
        """Raises: NotFoundError when no such row exists."""
        with self._s.snapshot():
            found = self._load([id_])
        if not found:
            raise NotFoundError(self.subject, id_)
        return found[0]

    def count(self) -> int:
        return int(self._s.scalar(f"SELECT count(*) FROM {self.table}"))

    def list_ids(
        self, offset: int = 0, limit: int = 50, order_by: str = "id", descending: bool = False
    ) -> builtins.list[IdT]:
        """One window of ids in the given order; ties are broken by id, so pages never overlap.

        Raises:
            ValueError: for an ``order_by`` that is not in ``order_columns``, or a bad window.
        """
        check_window(offset, limit)
        rows = self._s.rows(self._list_sql(order_by, descending), (limit, offset))
        return [row[0] for row in rows]

    def _list_sql(self, order_by: str, descending: bool) -> str:
        try:
            expression = self.order_columns[order_by]
        except KeyError:
            allowed = ", ".join(sorted(self.order_columns))
            raise ValueError(
                f"cannot order {self.table} by {order_by!r}; use one of {allowed}"
            ) from None
        direction = "DESC" if descending else "ASC"
        order = ", ".join(f"{part.strip()} {direction}" for part in (*expression.split(","), "id"))
        return f"SELECT id FROM {self.table} ORDER BY {order} LIMIT ? OFFSET ?"

    def list(
        self, offset: int = 0, limit: int = 50, order_by: str = "id", descending: bool = False
    ) -> builtins.list[T]:
        """One window of objects (a page of a table view), never the whole table.

        Raises:
            ValueError: for an ``order_by`` that is not in ``order_columns``, or a bad window.
        """
        with self._s.snapshot():  # header and child rows from one state of the file
            return self._load(self.list_ids(offset, limit, order_by, descending))

    def search_ids(self, query: str, limit: int = 50) -> builtins.list[IdT]:
        """Ids of rows whose indexed text contains every word of ``query``, newest first.

        Words of 3 or more characters use the trigram FTS index; shorter words (and so
        queries under 3 characters) are matched with LIKE over the same columns. The query is
        only ever bound as a parameter and each word is quoted, so SQL and FTS syntax in it
        is plain text.

        Raises:
            TooLargeError: for a query longer than MAX_QUERY characters.
        """
        check_window(0, limit)
        tokens = search_tokens(query)
        if not tokens:
            return []
        long_words = [t for t in tokens if len(t) >= _MIN_TRIGRAM]
        short_words = [t for t in tokens if len(t) < _MIN_TRIGRAM]
        conditions: builtins.list[str] = []
        params: builtins.list[Any] = []
        if long_words:
            source, key, columns = f"{self.table}_fts", "rowid", self.fts_columns
            conditions.append(f"{source} MATCH ?")
            params.append(" ".join(fts_phrase(t) for t in long_words))
        else:
            # Only short words: every row must be scanned. FTS5's own copy of the text (its
            # ``_content`` shadow table, columns c0, c1, ... in declaration order) scans about
            # three times faster than the virtual table does.
            source, key = f"{self.table}_fts_content", "id"
            columns = tuple(f"c{i}" for i in range(len(self.fts_columns)))
        for word in short_words:
            conditions.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
            params.extend([like_pattern(word)] * len(columns))
        rows = self._s.rows(
            f"SELECT {key} FROM {source} WHERE {' AND '.join(conditions)} "
            f"ORDER BY {key} DESC LIMIT ?",
            (*params, limit),
        )
        return [row[0] for row in rows]

    def search(self, query: str, limit: int = 50) -> builtins.list[T]:
        """Objects matching ``query`` (see ``search_ids``), newest first.

        Raises:
            TooLargeError: for a query longer than MAX_QUERY characters.
        """
        with self._s.snapshot():
            return self._load(self.search_ids(query, limit))

    # -- helpers for subclasses ------------------------------------------------------------

    def _rows_by_id(self, ids: Sequence[int]) -> dict[int, sqlite3.Row]:
        if not ids:
            return {}
        rows = self._s.rows(
            f"SELECT * FROM {self.table} WHERE id IN ({placeholders(len(ids))})", tuple(ids)
        )
        return {row["id"]: row for row in rows}

    def _children(
        self, table: str, parent_column: str, ids: Sequence[int]
    ) -> dict[int, builtins.list[sqlite3.Row]]:
        grouped: dict[int, builtins.list[sqlite3.Row]] = defaultdict(builtins.list)
        if ids:
            rows = self._s.rows(
                f"SELECT * FROM {table} WHERE {parent_column} IN ({placeholders(len(ids))}) "
                f"ORDER BY {parent_column}, position",
                tuple(ids),
            )
            for row in rows:
                grouped[row[parent_column]].append(row)
        return grouped

    def _insert(self, table: str, row: Mapping[str, Any]) -> int:
        columns = ", ".join(row)
        cursor = self._s.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders(len(row))})",
            tuple(row.values()),
        )
        rowid = cursor.lastrowid
        assert rowid is not None
        return rowid

    def _update(self, id_: int, row: Mapping[str, Any]) -> None:
        """Raises: NotFoundError when the row is gone."""
        assignments = ", ".join(f"{name} = ?" for name in row)
        cursor = self._s.execute(
            f"UPDATE {self.table} SET {assignments}, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
            (*row.values(), id_),
        )
        if cursor.rowcount == 0:
            raise NotFoundError(self.subject, id_)

    def _upsert(self, id_: int | None, row: Mapping[str, Any]) -> int:
        if id_ is None:
            return self._insert(self.table, row)
        self._update(id_, row)
        return id_

    def _replace_children(
        self,
        table: str,
        parent_column: str,
        parent_id: int,
        rows: Sequence[Mapping[str, Any]],
    ) -> None:
        self._s.execute(f"DELETE FROM {table} WHERE {parent_column} = ?", (parent_id,))
        if rows:
            columns = [parent_column, "position", *rows[0]]
            self._s.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders(len(columns))})",
                [(parent_id, position, *row.values()) for position, row in enumerate(rows)],
            )

    def _require(self, field: str, table: str, target: str, id_: int | None) -> None:
        """Raises: MissingReferenceError when ``id_`` is given but has no row in ``table``."""
        if id_ is None:
            return
        if self._s.one(f"SELECT 1 FROM {table} WHERE id = ?", (id_,)) is None:
            raise MissingReferenceError(self.subject, field, target, id_)

    def _require_unique(
        self, what: str, value: str, id_: int | None, where: str, params: Sequence[Any]
    ) -> None:
        """Raises: DuplicateError when another row (not ``id_``) matches ``where``."""
        other = self._s.one(
            f"SELECT id FROM {self.table} WHERE {where} AND id IS NOT ?", (*params, id_)
        )
        if other is not None:
            raise DuplicateError(self.subject, what, value)

    def _refuse_if_used(self, id_: int, usages: Sequence[tuple[str, str, int]]) -> None:
        """``usages``: (label, SQL counting rows that use ``id_`` with one ``?`` per use).

        Raises:
            InUseError: listing what still uses the row.
        """
        users: dict[str, int] = {}
        for label, sql, uses in usages:
            count = int(self._s.scalar(sql, (id_,) * uses))
            if count:
                users[label] = count
        if users:
            raise InUseError(self.subject, id_, users)

    def _delete(self, id_: int, usages: Sequence[tuple[str, str, int]]) -> None:
        """Delete one row (children go with it by ON DELETE CASCADE) unless something uses it.

        Raises:
            NotFoundError: when the row is gone.
            InUseError: when other rows still refer to it.
        """
        with self._s.transaction():
            self._refuse_if_used(
                id_,
                [
                    *usages,
                    (
                        "issued documents",
                        "SELECT count(*) FROM documents WHERE source_table = "
                        f"'{self.table}' AND source_id = ?",
                        1,
                    ),
                ],
            )
            cursor = self._s.execute(f"DELETE FROM {self.table} WHERE id = ?", (id_,))
            if cursor.rowcount == 0:
                raise NotFoundError(self.subject, id_)


__all__ = [
    "MAX_PAGE",
    "MAX_QUERY",
    "Repository",
    "check_window",
    "fts_phrase",
    "like_pattern",
    "placeholders",
    "search_tokens",
]
