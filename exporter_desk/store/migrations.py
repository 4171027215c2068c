"""Numbered schema migrations: each runs in its own transaction with its record.

A migration's meaning never changes once released; a new need gets a new number. Each one runs
inside ``BEGIN IMMEDIATE`` together with its row in ``_migrations`` and ``PRAGMA user_version``
(which SQLite keeps in the file header, inside the same transaction), so a crash leaves the
database either before or after the step, never half-way. Before an existing database is
migrated, a copy is taken with the SQLite backup API.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import sqlite_utils

from exporter_desk._sqlscript import MIGRATIONS_TABLE
from exporter_desk.store._canonical import canonical_codes_step, relative_document_paths_step
from exporter_desk.store._schema_credits import CREDITS_MIGRATION_NAME, credits_step
from exporter_desk.store._schema_v1 import SCHEMA_V1
from exporter_desk.store.backup import backup_connection
from exporter_desk.store.errors import MigrationError, NewerSchemaError
from exporter_desk.store.monitor import MONITOR_SCHEMA

MigrationStep = str | Callable[[sqlite_utils.Database], None]


class Migration(NamedTuple):
    number: int
    name: str
    step: MigrationStep  # SQL script, or a function given the sqlite-utils Database


def _index_foreign_keys(db: sqlite_utils.Database) -> None:
    """Index the referencing columns, so that deleting or renaming a party, contract or
    shipment finds its users without scanning (SQLite does not index them by itself)."""
    for table, columns in (
        ("contracts", ["seller_id"]),
        ("contracts", ["buyer_id"]),
        ("contract_lines", ["product_id"]),
        ("invoices", ["seller_id"]),
        ("invoices", ["buyer_id"]),
        ("invoices", ["consignee_id"]),
        ("invoices", ["notify_id"]),
        ("invoices", ["contract_id"]),
        ("invoices", ["shipment_id"]),
        ("invoice_lines", ["product_id"]),
        ("packing_lists", ["invoice_id"]),
        ("packing_lists", ["shipment_id"]),
        ("deals", ["purchase_contract_id"]),
        ("deals", ["sales_contract_id"]),
        ("documents", ["supersedes_id"]),
        ("outbox", ["document_id"]),
    ):
        db.table(table).create_index(columns, if_not_exists=True)


_DOCUMENT_LIST_INDEXES = """
CREATE INDEX documents_by_number_alone ON documents (number);
CREATE INDEX documents_by_status ON documents (status, created_at);
"""


def _issuing_data(db: sqlite_utils.Database) -> None:
    """The digest of a document's data and the shipment's forwarder: added where missing, as
    the credits step does (a database whose version number was rewound may hold them)."""
    if "data_digest" not in db.table("documents").columns_dict:
        db.execute("ALTER TABLE documents ADD COLUMN data_digest TEXT NOT NULL DEFAULT ''")
    if "forwarder_id" not in db.table("shipments").columns_dict:
        db.execute(
            "ALTER TABLE shipments ADD COLUMN forwarder_id INTEGER "
            "REFERENCES parties (id) ON DELETE RESTRICT"
        )
    db.execute("CREATE INDEX IF NOT EXISTS shipments_forwarder_id ON shipments (forwarder_id)")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", SCHEMA_V1),
    Migration(2, "index foreign keys", _index_foreign_keys),
    Migration(3, "index the document register's list orders", _DOCUMENT_LIST_INDEXES),
    Migration(4, "store typed codes in their canonical form", canonical_codes_step(4)),
    Migration(5, "document paths relative to the data folder", relative_document_paths_step(5)),
    Migration(6, CREDITS_MIGRATION_NAME, credits_step),
    # The digest of a document's data (not of its bytes, which hold the issue time), so that
    # issuing unchanged data issues nothing; and the forwarder a shipment is booked with.
    Migration(7, "document data digest and shipment forwarder", _issuing_data),
    # Where the trust-network monitor is in each log, and its alerts (issue 15).
    Migration(8, "trust-network monitor state and alerts", MONITOR_SCHEMA),
)
LATEST_VERSION = MIGRATIONS[-1].number


def schema_version(conn: sqlite3.Connection) -> int:
    """The number of the last migration applied (0 for a new, empty database)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection,
    *,
    backup_dir: Path | None = None,
    target: int | None = None,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> list[int]:
    """Apply the migrations after the database's version, up to ``target`` (default: all).

    ``conn`` is switched to autocommit (``isolation_level = None``): transactions are ours.
    An existing database (version 1 or more) is copied to ``backup_dir`` first, if given.

    Returns:
        The numbers of the migrations applied.

    Raises:
        NewerSchemaError: when the database is newer than the last known migration.
        MigrationError: when a step fails; that step is rolled back, earlier ones stay.
    """
    conn.isolation_level = None
    known = migrations[-1].number if migrations else 0
    current = schema_version(conn)
    if current > known:
        raise NewerSchemaError(_path_of(conn), current, known)
    pending = [
        m for m in migrations if m.number > current and (target is None or m.number <= target)
    ]
    if not pending:
        return []
    backup = None
    if current > 0 and backup_dir is not None:
        backup = backup_connection(conn, backup_dir, label=f"before-v{pending[0].number}")
    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    applied: list[int] = []
    for migration in pending:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            if schema_version(conn) >= migration.number:
                conn.execute("ROLLBACK")
                continue
            conn.execute(MIGRATIONS_TABLE)
            if isinstance(migration.step, str):
                db.executescript(migration.step)
            else:
                migration.step(db)
            conn.execute(
                "INSERT INTO _migrations (number, name, applied_at) VALUES (?, ?, ?)",
                (
                    migration.number,
                    migration.name,
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                ),
            )
            conn.execute(f"PRAGMA user_version = {int(migration.number)}")
            conn.execute("COMMIT")
        except Exception as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise MigrationError(migration.number, migration.name, str(exc), backup) from exc
        applied.append(migration.number)
    return applied


def _path_of(conn: sqlite3.Connection) -> Path:
    row = conn.execute("PRAGMA database_list").fetchone()
    return Path(row[2] or ":memory:")


__all__ = ["LATEST_VERSION", "MIGRATIONS", "Migration", "migrate", "schema_version"]
