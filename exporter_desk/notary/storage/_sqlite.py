"""The SQLite back end: the log's own ``log.sqlite3`` (WAL, durable commits), as before."""

from __future__ import annotations

import threading
from pathlib import Path

from exporter_desk.notary.db import LOG_SCHEMA, connect
from exporter_desk.notary.storage._base import Connection

__all__ = ["SqliteStorage"]


class SqliteStorage:
    """One SQLite file; one node at a time (the data directory's writer lock)."""

    kind = "sqlite"
    shared = False

    def __init__(self, path: Path) -> None:
        self.path = path
        self._migrated = False
        self._lock = threading.Lock()

    @property
    def description(self) -> str:
        return str(self.path)

    def connect(self) -> Connection:
        """A connection (``sqlite3.Connection`` itself); the first one migrates the file."""
        with self._lock:
            if self._migrated:
                return connect(self.path)
            conn = connect(self.path, schema=LOG_SCHEMA)
            self._migrated = True
            return conn
