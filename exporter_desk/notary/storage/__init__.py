"""Where a log keeps its state: one interface, two back ends (SQLite, PostgreSQL).

The notary's modules speak a small DB-API subset (:class:`Connection`: ``execute``,
``executemany``, ``in_transaction``, ``close``) in one SQL dialect, SQLite's: ``?`` parameters,
``BEGIN IMMEDIATE`` to open a write transaction, ``INSERT ... ON CONFLICT``. The SQLite back end
is the ``sqlite3`` connection itself; the PostgreSQL one (psycopg 3) adapts each statement. A
:class:`LogStorage` opens migrated connections, and says whether several sequencers may share
it (``shared``): then only the one that holds the lease on the stored checkpoint writes (see
:mod:`exporter_desk.notary.storage.head`).

Which back end a log uses is part of its configuration: ``database.url`` in its data directory
(written by ``exporter-desk-notary init --database URL``); without it, ``log.sqlite3``.
"""

from __future__ import annotations

from exporter_desk.notary.storage._base import (
    Connection,
    Cursor,
    LogStorage,
)
from exporter_desk.notary.storage._open import (
    is_postgres_url,
    open_log_storage,
    read_database_url,
    write_database_url,
)
from exporter_desk.notary.storage.head import LostLeadership, SequencerHead

__all__ = [
    "Connection",
    "Cursor",
    "LogStorage",
    "LostLeadership",
    "SequencerHead",
    "is_postgres_url",
    "open_log_storage",
    "read_database_url",
    "write_database_url",
]
