"""Opening the company database: where it lives, the checks before touching it, the facade.

Threads: a ``Store`` and its connection belong to the thread that opened it (``sqlite3``
raises ``ProgrammingError`` if another thread uses it). The GUI routes all database work
through one dedicated thread; other threads open their own ``Store`` if they must.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import sqlite_utils

from exporter_desk.locations import DATA_ENV, DATABASE_FILE_NAME, data_dir
from exporter_desk.store._canonical import MigrationNote, migration_notes
from exporter_desk.store._damage import damaged_database, is_damage
from exporter_desk.store._session import Session, translated
from exporter_desk.store.backup import default_backup_dir
from exporter_desk.store.contracts import ContractRepository
from exporter_desk.store.credits import CreditRepository
from exporter_desk.store.deals import DealRepository
from exporter_desk.store.documents import DocumentRepository
from exporter_desk.store.errors import (
    DamagedDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    ReadOnlyDataError,
    StorageFailedError,
)
from exporter_desk.store.invoices import InvoiceRepository
from exporter_desk.store.migrations import LATEST_VERSION, migrate, schema_version
from exporter_desk.store.monitor import MonitorRepository
from exporter_desk.store.outbox import OutboxRepository
from exporter_desk.store.packing_lists import PackingListRepository
from exporter_desk.store.parties import PartyRepository
from exporter_desk.store.products import ProductRepository
from exporter_desk.store.received import DealFiles, ReceivedDocumentRepository
from exporter_desk.store.settings import SettingsRepository
from exporter_desk.store.shipments import ShipmentRepository

DB_FILENAME = DATABASE_FILE_NAME
BUSY_TIMEOUT_MS = 5_000
_MAGIC = b"SQLite format 3\x00"


def database_path(directory: Path) -> Path:
    return directory / DB_FILENAME


class Store:
    """The company database: one repository per aggregate, and the transaction they share.

    ``with store.transaction(): ...`` makes several repository calls one unit of work (each
    call alone is already one transaction). Used from one thread only (see the module doc).
    """

    def __init__(self, session: Session, *, read_only: bool = False) -> None:
        self._session = session
        self._closed = False
        self.read_only = read_only
        self.parties = PartyRepository(session)
        self.products = ProductRepository(session)
        self.contracts = ContractRepository(session)
        self.invoices = InvoiceRepository(session)
        self.shipments = ShipmentRepository(session)
        self.packing_lists = PackingListRepository(session)
        self.deals = DealRepository(session)
        self.documents = DocumentRepository(session)
        self.outbox = OutboxRepository(session)
        self.settings = SettingsRepository(session)
        self.credits = CreditRepository(session)
        self.received = ReceivedDocumentRepository(session)
        self.deal_files = DealFiles(session)
        self.monitor = MonitorRepository(session)

    @property
    def path(self) -> Path:
        return self._session.path

    @property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the connection, for reports and tools (same thread)."""
        return self._session.db

    @property
    def schema_version(self) -> int:
        return schema_version(self._session.conn)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action: BEGIN IMMEDIATE ... COMMIT, ROLLBACK on error; nests by savepoint."""
        with self._session.transaction():
            yield

    def migration_notes(self) -> list[MigrationNote]:
        """Stored values a migration could not rewrite and left as they were (to tell the user)."""
        return migration_notes(self._session.conn)

    def integrity_check(self) -> list[str]:
        """``["ok"]``, or SQLite's list of problems (``PRAGMA integrity_check``)."""
        return [row[0] for row in self._session.rows("PRAGMA integrity_check")]

    def quick_check(self) -> list[str]:
        """``["ok"]``, or SQLite's problems (``PRAGMA quick_check``: every page read once)."""
        return [row[0] for row in self._session.rows("PRAGMA quick_check(20)")]

    def close(self) -> None:
        """Close the connection (an open transaction is rolled back); closing twice is fine."""
        if self._closed:
            return
        self._closed = True
        conn = self._session.conn
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        if not (self.read_only or self._session.damaged):
            with contextlib.suppress(sqlite3.Error):
                conn.execute("PRAGMA optimize")  # refreshes planner statistics when worthwhile
        conn.close()

    @property
    def is_damaged(self) -> bool:
        """True once SQLite reported the file damaged (the store then writes nothing more)."""
        return self._session.damaged

    def mark_damaged(self, error: DamagedDatabaseError) -> None:
        """Damage found outside the store's own queries (a backup's check): from now on every
        transaction raises ``error``, and closing writes nothing."""
        self._session.damage = self._session.damage or error

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_store(
    path: str | os.PathLike[str],
    *,
    backup_dir: Path | None = None,
    read_only: bool = False,
    immutable: bool = False,
) -> Store:
    """Open (creating if needed) and migrate the database at ``path``; or, ``read_only``, open
    an existing, current database so that nothing can write to the file.

    Pragmas: WAL (readers never block the writer; a crash rolls back only the transaction in
    flight); ``synchronous = FULL``, so that a commit is on disk when the user sees "saved":
    with NORMAL, WAL stays consistent but a power cut may drop the last commits, and the
    register and outbox must not forget an entry the network may already hold. One fsync per
    user action is imperceptible. ``foreign_keys = ON``; ``busy_timeout`` 5 s.

    Read-only uses SQLite's ``mode=ro``; ``immutable`` also tells SQLite that nobody changes
    the file meanwhile, which a WAL database in a read-only folder needs (SQLite cannot create
    its ``-shm`` file there). Use it only for a folder nobody can write to.

    Raises:
        NotADatabaseError: for a file that is not an Exporter Desk database (left untouched).
        DamagedDatabaseError: for an Exporter Desk database SQLite reads as damaged.
        NewerSchemaError: for a database of a newer Exporter Desk (left untouched).
        MigrationError: when upgrading the schema fails (rolled back; a backup was taken).
        ReadOnlyDataError: read-only, for a database that needs an upgrade first.
    """
    db_path = Path(path)
    _refuse_non_sqlite(db_path)
    if read_only:
        return _open_read_only(db_path, immutable=immutable)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageFailedError(f"cannot create folder {db_path.parent}: {exc}") from exc
    with translated(db_path):
        conn = sqlite3.connect(db_path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        with translated(db_path):
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            _refuse_foreign_or_newer(conn, db_path)
            # Only now may the file change: WAL mode is recorded in the database header.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA journal_size_limit = 67108864")
            migrate(conn, backup_dir=backup_dir or default_backup_dir(db_path))
        return Store(Session(conn, db_path))
    except BaseException:
        conn.close()
        raise


def _open_read_only(db_path: Path, *, immutable: bool) -> Store:
    if not db_path.exists():
        raise NotADatabaseError(db_path, "there is no such file")
    uri = f"{db_path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    with translated(db_path):
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        with translated(db_path):
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA query_only = ON")
            _refuse_foreign_or_newer(conn, db_path)
            version = schema_version(conn)
        if version < LATEST_VERSION:
            raise ReadOnlyDataError(
                db_path.parent, "upgrade its database to this version of Exporter Desk"
            )
        return Store(Session(conn, db_path), read_only=True)
    except BaseException:
        conn.close()
        raise


def stored_version(path: Path) -> int:
    """The schema version in the database file at ``path``, read without writing anything.

    Raises:
        StoreError: as ``open_store`` for a file it cannot read.
    """
    _refuse_non_sqlite(path)
    with translated(path):
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with translated(path):
            _refuse_foreign_or_newer(conn, path)
            return schema_version(conn)
    finally:
        conn.close()


def is_writable(path: Path) -> bool:
    """Whether this process may write ``path`` (an existing file) or create it (else).

    ``os.access`` answers for read-only file systems too, even for root, who ignores the
    permission bits; a folder that does not exist yet counts as its nearest existing parent.
    """
    if path.exists():
        return os.access(path, os.W_OK) and (not path.is_file() or os.access(path.parent, os.W_OK))
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return os.access(parent, os.W_OK)


def _refuse_non_sqlite(path: Path) -> None:
    if path.is_dir():
        raise NotADatabaseError(path, "it is a folder")
    if not path.exists() or path.stat().st_size == 0:
        return  # a new database
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise NotADatabaseError(path, "it is not an SQLite file")


def _refuse_foreign_or_newer(conn: sqlite3.Connection, path: Path) -> None:
    try:
        version = schema_version(conn)
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        # The file starts as an SQLite file (checked before), so unreadable means damaged.
        if is_damage(exc):
            raise damaged_database(path, str(exc)) from exc
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")) and not is_writable(path):
            raise ReadOnlyDataError(path.parent, "open its database for changes") from exc
        if name.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR")):
            raise StorageFailedError(str(exc)) from exc
        raise NotADatabaseError(path, f"SQLite cannot read it: {exc}") from exc
    ours = "_migrations" in names
    if (version == 0 and names) or (version > 0 and not ours):
        raise NotADatabaseError(path, "it is an SQLite database of another program")
    if version > LATEST_VERSION:
        raise NewerSchemaError(path, version, LATEST_VERSION)


__all__ = [
    "DATA_ENV",
    "DB_FILENAME",
    "Store",
    "data_dir",
    "database_path",
    "is_writable",
    "open_store",
    "stored_version",
]
