"""The log's and the witness's SQLite databases: schema and connections (WAL, durable commits).

Log database (``log.sqlite3``): the sequencer's connection is the only one that writes log state
(entries, tree nodes, checkpoints, members, witness sizes); the operator's CLI only adds rows to
``invitations`` and ``admin_requests``, which the sequencer then acts on. Readers open their own
connections.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from exporter_desk.notary.tree import SCHEMA as TREE_SCHEMA

__all__ = ["LOG_SCHEMA", "WITNESS_SCHEMA", "connect"]

LOG_SCHEMA = (
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

WITNESS_SCHEMA = """
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


def connect(path: Path, *, schema: str | None = None) -> sqlite3.Connection:
    """Open a database in WAL mode with durable commits; create ``schema`` if given.

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
        conn.executescript(schema)
    return conn
