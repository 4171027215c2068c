"""The interface every storage back end of the log implements."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

__all__ = ["Connection", "Cursor", "LogStorage"]


class Cursor(Protocol):
    """The result of a statement: rows as tuples, and how many rows a write touched."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """A connection in autocommit mode; writers open transactions with ``BEGIN IMMEDIATE``.

    Statements are written in SQLite's dialect (``?`` parameters); a back end translates them.
    One thread at a time.
    """

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor: ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> Cursor: ...

    @property
    def in_transaction(self) -> bool: ...

    def close(self) -> None: ...


class LogStorage(Protocol):
    """A log's database. Contract:

    * :meth:`connect` returns a connection to a database migrated to the log schema this code
      knows (raising :class:`~exporter_desk.notary.errors.NewerDatabaseError` for a newer one);
    * a transaction opened with ``BEGIN IMMEDIATE`` is the only writer until it ends (SQLite:
      the database lock; PostgreSQL: the row lock on ``sequencer_head`` that the sequencer takes
      first, see :mod:`~exporter_desk.notary.storage.head`);
    * a committed transaction survives a crash of the process and of the machine;
    * ``shared``: several log nodes may open it at once, so the sequencer must hold the lease
      and compare-and-swap the stored checkpoint (PostgreSQL); otherwise a file lock in the data
      directory keeps out a second node (SQLite).
    """

    @property
    def kind(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""

    @property
    def shared(self) -> bool: ...

    @property
    def description(self) -> str:
        """Where the database is, without any password (for logs and messages)."""

    def connect(self) -> Connection: ...
