"""SQL scripts run inside a transaction, and the record every numbered migration leaves.

Shared by the desktop store's and the notary's migrations (every layer may import this module; it
imports nothing of ours). ``sqlite3.Connection.executescript`` commits any open transaction before
it runs, so a migration that used it would not be one transaction; :func:`run_script` executes
the script's statements one by one on the caller's connection instead.
"""

from __future__ import annotations

import sqlite3

__all__ = ["MIGRATIONS_TABLE", "run_script", "split_statements"]

MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS _migrations (
    number INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
) STRICT
"""
"""One row per migration applied: its number, name and when (ISO 8601, UTC)."""


def split_statements(script: str) -> list[str]:
    """Split a script into complete SQL statements (triggers' ``BEGIN ... END;`` stay whole).

    Raises:
        ValueError: if the script ends inside a statement.
    """
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:80]!r}")
    return statements


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute every statement of ``script`` on ``conn`` without committing what is open."""
    for statement in split_statements(script):
        conn.execute(statement)
