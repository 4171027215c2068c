"""Migration scripts run statement by statement inside the caller's transaction."""

from __future__ import annotations

import sqlite3

import pytest

from exporter_desk._sqlscript import run_script, split_statements

SCRIPT = """
-- a comment belongs to the statement after it
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
CREATE TABLE log (note INTEGER);
CREATE TRIGGER notes_logged AFTER INSERT ON notes BEGIN
    INSERT INTO log VALUES (new.id);
END;
"""


def test_a_trigger_body_stays_one_statement() -> None:
    statements = split_statements(SCRIPT)
    assert len(statements) == 3
    assert statements[2].startswith("CREATE TRIGGER") and statements[2].endswith("END;")


def test_a_script_that_stops_mid_statement_is_refused() -> None:
    with pytest.raises(ValueError, match="incomplete SQL statement"):
        split_statements("CREATE TABLE t (x);\nCREATE TABLE u (")


def test_the_script_is_part_of_the_open_transaction_and_rolls_back_with_it() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    run_script(conn, SCRIPT)
    assert conn.in_transaction
    conn.execute("INSERT INTO notes (body) VALUES ('x')")
    assert conn.execute("SELECT note FROM log").fetchall() == [(1,)]
    conn.execute("ROLLBACK")
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []
