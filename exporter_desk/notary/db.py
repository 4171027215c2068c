"""The log's and the witness's SQLite databases: schema and connections (WAL, durable commits).

Log database (``log.sqlite3``): the sequencer's connection is the only one that writes log state
(entries, tree nodes, checkpoints, members, witness sizes); the operator's CLI only adds rows to
``invitations`` and ``admin_requests``, which the sequencer then acts on. Readers open their own
connections.

Both databases carry a schema version (``PRAGMA user_version``) and numbered migrations, like the
desktop store's: each runs in one transaction together with its record in ``_migrations``; an
existing database is copied beside itself (mode 0600) before it is migrated; a database newer
than this code is refused, untouched. Migration 1 is the schema the node was first released with.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import NamedTuple

from exporter_desk._atomic import write_atomically
from exporter_desk._sqlscript import MIGRATIONS_TABLE, run_script
from exporter_desk.notary.errors import NewerDatabaseError
from exporter_desk.notary.tree import SCHEMA as TREE_SCHEMA

__all__ = [
    "LOG_MIGRATIONS",
    "LOG_SCHEMA",
    "WITNESS_MIGRATIONS",
    "WITNESS_SCHEMA",
    "Migration",
    "connect",
    "migrate",
    "schema_version",
]


class Migration(NamedTuple):
    """One numbered schema step: SQL statements whose meaning never changes once released."""

    number: int
    name: str
    script: str


_LOG_SCHEMA_V1 = (
    TREE_SCHEMA
    + """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- One row per leaf: the exact entry bytes and what uniqueness is decided on.
CREATE TABLE IF NOT EXISTS entries (
    idx INTEGER PRIMARY KEY,
    data BLOB NOT NULL,
    leaf_hash BLOB NOT NULL UNIQUE CHECK (length(leaf_hash) = 32),
    issuer TEXT NOT NULL,
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    digest TEXT NOT NULL,
    entry_time TEXT NOT NULL,
    supersedes INTEGER REFERENCES entries (idx),
    superseded_by INTEGER REFERENCES entries (idx),
    sequenced_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_by_number ON entries (issuer, kind, number, idx);
-- Every checkpoint the log signed; ``note`` gains the witnesses' cosignatures once they answer.
CREATE TABLE IF NOT EXISTS checkpoints (
    size INTEGER PRIMARY KEY,
    note TEXT NOT NULL,
    quorum INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS members (
    fingerprint TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    registration_id TEXT NOT NULL,
    certificate BLOB NOT NULL,
    token_hash BLOB UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('member', 'registrar')),
    status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    enrolled_index INTEGER NOT NULL REFERENCES entries (idx),
    revoked_index INTEGER REFERENCES entries (idx),
    created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS invitations (
    code_hash BLOB PRIMARY KEY CHECK (length(code_hash) = 32),
    name TEXT NOT NULL,
    registration_id TEXT NOT NULL,
    created INTEGER NOT NULL,
    expires INTEGER NOT NULL,
    redeemed_by TEXT REFERENCES members (fingerprint),
    redeemed_at INTEGER
);
CREATE TABLE IF NOT EXISTS admin_requests (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('revoke')),
    fingerprint TEXT NOT NULL,
    created INTEGER NOT NULL,
    done_index INTEGER,
    error TEXT
);
-- The log's view of the largest checkpoint each witness cosigned (the next request's old size).
CREATE TABLE IF NOT EXISTS witness_sizes (
    name TEXT PRIMARY KEY,
    size INTEGER NOT NULL
);
"""
)

_WITNESS_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS logs (
    origin TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    root_hash BLOB NOT NULL CHECK (length(root_hash) = 32),
    note TEXT NOT NULL,
    updated INTEGER NOT NULL
);
-- Validly signed requests that failed a consistency check: possible proof of a misbehaving log.
CREATE TABLE IF NOT EXISTS evidence (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    received INTEGER NOT NULL,
    reason TEXT NOT NULL,
    request BLOB NOT NULL
);
"""


# Plain standard SQL (TEXT, INTEGER, BIGINT, CHECK, UNIQUE, indexes): the PostgreSQL store runs
# it unchanged (BIGINT: log indexes and epoch seconds outgrow PostgreSQL's 32-bit INTEGER).
_LOG_SCHEMA_V2 = """
-- A bank's presentment of a document: the network's private record beside the log's public
-- entry. ``blinded_key`` is the keyed hash of the business key (never the key itself);
-- ``amount`` is shown to the presenting bank only, and the bank's name to other members only
-- with ``consent = 1``. ``log_index`` is NULL until the entry is logged.
CREATE TABLE IF NOT EXISTS presentments (
    leaf_hash TEXT PRIMARY KEY CHECK (length(leaf_hash) = 64),
    blinded_key TEXT NOT NULL CHECK (length(blinded_key) = 64),
    bank TEXT NOT NULL,
    document_index BIGINT NOT NULL,
    document_issuer TEXT NOT NULL,
    document_kind TEXT NOT NULL,
    document_number TEXT NOT NULL,
    presented_at TEXT NOT NULL,
    amount TEXT,
    currency TEXT,
    consent INTEGER NOT NULL CHECK (consent IN (0, 1)),
    log_index BIGINT,
    created BIGINT NOT NULL,
    UNIQUE (bank, blinded_key)
);
CREATE INDEX IF NOT EXISTS presentments_by_key ON presentments (blinded_key, presented_at);
CREATE INDEX IF NOT EXISTS presentments_by_issuer
    ON presentments (document_issuer, document_index);
"""

LOG_MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial log schema", _LOG_SCHEMA_V1),
    Migration(2, "presentments", _LOG_SCHEMA_V2),
)
WITNESS_MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial witness schema", _WITNESS_SCHEMA_V1),
)
LOG_SCHEMA = LOG_MIGRATIONS
"""What :func:`connect` brings a log database up to."""
WITNESS_SCHEMA = WITNESS_MIGRATIONS
"""What :func:`connect` brings a witness database up to."""


def connect(path: Path, *, schema: tuple[Migration, ...] | None = None) -> sqlite3.Connection:
    """Open a database in WAL mode with durable commits; migrate it to ``schema`` if given.

    The connection is in autocommit mode (``isolation_level=None``): writers open their
    transactions explicitly with ``BEGIN IMMEDIATE``, so the read of the current state and the
    write that depends on it happen under one lock. It may be used from any thread, one at a time.
    """
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit survives power loss, not only a process crash. The sequencer commits once
    # per batch and the witness once per checkpoint, so the fsync is not paid per entry.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    if schema is not None:
        try:
            migrate(conn, path, schema)
        except BaseException:
            conn.close()
            raise
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    """The number of the last migration applied (0 for a new database or one made before them)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path, migrations: tuple[Migration, ...]) -> list[int]:
    """Apply the migrations after the database's version; return the numbers applied.

    ``conn`` must be in autocommit mode (as :func:`connect` opens it). Migration 1 creates its
    tables only if missing, so a database made before versions existed is adopted unchanged.

    Raises:
        NewerDatabaseError: the database's version is above the last migration known here.
    """
    known = migrations[-1].number
    current = schema_version(conn)
    if current > known:
        raise NewerDatabaseError(str(path), current, known)
    pending = [m for m in migrations if m.number > current]
    if not pending:
        return []
    if _has_tables(conn):
        _back_up(conn, path, pending[0].number)
    applied: list[int] = []
    for migration in pending:
        conn.execute("BEGIN IMMEDIATE")
        try:
            found = schema_version(conn)  # another process may have migrated meanwhile
            if found > known:
                raise NewerDatabaseError(str(path), found, known)
            if found >= migration.number:
                conn.execute("ROLLBACK")
                continue
            conn.execute(MIGRATIONS_TABLE)
            run_script(conn, migration.script)  # not executescript(): it would commit first
            conn.execute(
                "INSERT INTO _migrations (number, name, applied_at) VALUES (?, ?, ?)",
                (migration.number, migration.name, _now()),
            )
            conn.execute(f"PRAGMA user_version = {int(migration.number)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(migration.number)
    return applied


def _has_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    return int(row[0]) > 0


def _back_up(conn: sqlite3.Connection, path: Path, number: int) -> Path:
    """Copy the database beside itself before migration ``number``; private like the original."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.name}.before-v{number}-{stamp}")
    write_atomically(target, b"", mode=0o600, exclusive=True)
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
