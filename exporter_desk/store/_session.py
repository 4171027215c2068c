"""The one connection of a store, its transactions, and SQLite errors turned into ours."""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from exporter_desk.store.errors import (
    ConstraintError,
    DamagedDatabaseError,
    DatabaseBusyError,
    ReadOnlyDataError,
    StorageFailedError,
    StoreError,
)

Params = Sequence[Any] | dict[str, Any]

_BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_BUSY_SNAPSHOT", "SQLITE_BUSY_RECOVERY"}


def translate(exc: sqlite3.Error, path: Path | None = None) -> StoreError | None:
    """Our error for a SQLite error a person must hear about, or None for a programming error.

    ``path`` is the database file: with it, a damaged file is named with its damaged page and
    the latest backup, and a read-only one as read-only (never as damaged: nothing to restore).
    """
    from exporter_desk.store._damage import damaged_database, is_damage

    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name in _BUSY or "database is locked" in text:
        return DatabaseBusyError(text)
    if isinstance(exc, sqlite3.IntegrityError):
        return ConstraintError(text)
    if path is not None and is_damage(exc):
        return damaged_database(path, text)
    if path is not None and (name.startswith("SQLITE_READONLY") or "readonly database" in text):
        return ReadOnlyDataError(path.parent, "save changes")
    if (
        name.startswith(("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CORRUPT"))
        or name in {"SQLITE_CANTOPEN", "SQLITE_NOTADB"}
        or any(
            phrase in text
            for phrase in ("disk is full", "readonly database", "disk I/O", "malformed")
        )
    ):
        return StorageFailedError(text)
    return None


@contextmanager
def translated(path: Path | None = None) -> Iterator[None]:
    """Re-raise SQLite errors that a person must understand as StoreError subclasses."""
    try:
        yield
    except sqlite3.Error as exc:
        ours = translate(exc, path)
        if ours is None:
            raise
        raise ours from exc


class Session:
    """A connection in autocommit mode whose transactions we open and close ourselves.

    Owned by one thread: ``sqlite3`` checks that every call comes from the thread that opened
    the connection and raises ``ProgrammingError`` otherwise.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        conn.row_factory = sqlite3.Row
        # sqlite-utils gives introspection and dict queries; its plugins are not ours to run.
        self.db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
        self._savepoints = itertools.count(1)
        # Set once SQLite reported the file damaged: from then on no transaction starts.
        self.damage: DamagedDatabaseError | None = None

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            with translated(self.path):
                yield
        except DamagedDatabaseError as exc:
            self.damage = self.damage or exc
            raise

    @property
    def damaged(self) -> bool:
        return self.damage is not None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One unit of work: ``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on any error.

        IMMEDIATE takes the write lock at the start, so a busy database fails before any work
        rather than at COMMIT. Nested use joins the outer transaction through a savepoint:
        an error inside rolls back the inner part and propagates.
        """
        conn = self.conn
        if self.damage is not None:
            raise self.damage  # writing to a damaged file could spread the damage
        with self._translated():
            if conn.in_transaction:
                name = f"nested_{next(self._savepoints)}"
                conn.execute(f"SAVEPOINT {name}")
                try:
                    yield
                except BaseException:
                    if conn.in_transaction:
                        conn.execute(f"ROLLBACK TO {name}")
                        conn.execute(f"RELEASE {name}")
                    raise
                conn.execute(f"RELEASE {name}")
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see one consistent state of the database (a read transaction; in WAL
        mode it does not block the writer). Inside a transaction, that one is the snapshot."""
        if self.conn.in_transaction:
            yield
            return
        with self._translated():
            self.conn.execute("BEGIN DEFERRED")
        try:
            yield
        except BaseException:
            # The reads' own error is the one to report, not a failing end of the snapshot.
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            raise
        if self.conn.in_transaction:
            with self._translated():
                self.conn.execute("COMMIT")

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        with self._translated():
            return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> sqlite3.Cursor:
        with self._translated():
            return self.conn.executemany(sql, rows)

    def rows(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        with self._translated():
            return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        with self._translated():
            row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
            return row

    def scalar(self, sql: str, params: Params = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]


__all__ = ["Params", "Session", "translate", "translated"]
