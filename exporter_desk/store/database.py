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

import platformdirs
import sqlite_utils

from exporter_desk.store._canonical import MigrationNote, migration_notes
from exporter_desk.store._session import Session, translated
from exporter_desk.store.backup import default_backup_dir
from exporter_desk.store.contracts import ContractRepository
from exporter_desk.store.credits import CreditRepository
from exporter_desk.store.deals import DealRepository
from exporter_desk.store.documents import DocumentRepository
from exporter_desk.store.errors import NewerSchemaError, NotADatabaseError, StorageFailedError
from exporter_desk.store.invoices import InvoiceRepository
from exporter_desk.store.migrations import LATEST_VERSION, migrate, schema_version
from exporter_desk.store.outbox import OutboxRepository
from exporter_desk.store.packing_lists import PackingListRepository
from exporter_desk.store.parties import PartyRepository
from exporter_desk.store.products import ProductRepository
from exporter_desk.store.received import DealFiles, ReceivedDocumentRepository
from exporter_desk.store.settings import SettingsRepository
from exporter_desk.store.shipments import ShipmentRepository

DB_FILENAME = "exporter-desk.sqlite3"
DATA_ENV = "EXPORTER_DESK_DATA"
BUSY_TIMEOUT_MS = 5_000
_MAGIC = b"SQLite format 3\x00"


def data_dir(explicit: str | None = None) -> Path:
    """The company's data folder: ``--data DIR``, else $EXPORTER_DESK_DATA, else the platform's
    user data folder (``platformdirs.user_data_dir("ExporterDesk", "ExporterDesk")``)."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DATA_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir("ExporterDesk", "ExporterDesk"))


def database_path(directory: Path) -> Path:
    return directory / DB_FILENAME


class Store:
    """The company database: one repository per aggregate, and the transaction they share.

    ``with store.transaction(): ...`` makes several repository calls one unit of work (each
    call alone is already one transaction). Used from one thread only (see the module doc).
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._closed = False
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

    def close(self) -> None:
        """Close the connection (an open transaction is rolled back); closing twice is fine."""
        if self._closed:
            return
        self._closed = True
        conn = self._session.conn
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        with contextlib.suppress(sqlite3.Error):
            conn.execute("PRAGMA optimize")  # refreshes planner statistics when worthwhile
        conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_store(path: str | os.PathLike[str], *, backup_dir: Path | None = None) -> Store:
    """Open (creating if needed) and migrate the database at ``path``.

    Pragmas: WAL (readers never block the writer; a crash rolls back only the transaction in
    flight); ``synchronous = FULL``, so that a commit is on disk when the user sees "saved":
    with NORMAL, WAL stays consistent but a power cut may drop the last commits, and the
    register and outbox must not forget an entry the network may already hold. One fsync per
    user action is imperceptible. ``foreign_keys = ON``; ``busy_timeout`` 5 s.

    Raises:
        NotADatabaseError: for a file that is not an Exporter Desk database (left untouched).
        NewerSchemaError: for a database of a newer Exporter Desk (left untouched).
        MigrationError: when upgrading the schema fails (rolled back; a backup was taken).
    """
    db_path = Path(path)
    _refuse_non_sqlite(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageFailedError(f"cannot create folder {db_path.parent}: {exc}") from exc
    with translated():
        conn = sqlite3.connect(db_path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        with translated():
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
        raise NotADatabaseError(path, f"SQLite cannot read it: {exc}") from exc
    ours = "_migrations" in names
    if (version == 0 and names) or (version > 0 and not ours):
        raise NotADatabaseError(path, "it is an SQLite database of another program")
    if version > LATEST_VERSION:
        raise NewerSchemaError(path, version, LATEST_VERSION)


__all__ = ["DATA_ENV", "DB_FILENAME", "Store", "data_dir", "database_path", "open_store"]
