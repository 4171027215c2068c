"""The node's databases carry a schema version and numbered migrations, like the desktop store."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from exporter_desk.notary.db import (
    LOG_MIGRATIONS,
    LOG_SCHEMA,
    WITNESS_SCHEMA,
    Migration,
    connect,
    migrate,
    schema_version,
)
from exporter_desk.notary.errors import NewerDatabaseError


def _made_before_versions(path: Path) -> None:
    """A log database as the node made it before it had versions: the script, user_version 0."""
    conn = sqlite3.connect(path)
    conn.executescript(LOG_MIGRATIONS[0].script)
    conn.execute("INSERT INTO meta (key, value) VALUES ('origin', 'example.org/log')")
    conn.commit()
    conn.close()


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_a_new_log_database_starts_at_the_latest_version_with_its_record(tmp_path: Path) -> None:
    conn = connect(tmp_path / "log.sqlite3", schema=LOG_SCHEMA)
    assert schema_version(conn) == LOG_MIGRATIONS[-1].number == 2
    assert conn.execute("SELECT number, name FROM _migrations ORDER BY number").fetchall() == [
        (1, "initial log schema"),
        (2, "presentments"),
    ]
    assert {"entries", "checkpoints", "members", "tree_nodes", "presentments"} <= _tables(conn)
    conn.close()
    assert [p.name for p in tmp_path.iterdir() if ".before-" in p.name] == []


def test_a_new_witness_database_starts_at_version_one(tmp_path: Path) -> None:
    conn = connect(tmp_path / "witness.sqlite3", schema=WITNESS_SCHEMA)
    assert schema_version(conn) == 1
    assert {"logs", "evidence", "_migrations"} <= _tables(conn)
    conn.close()


def test_a_database_made_before_versions_is_adopted_unchanged_after_a_backup(
    tmp_path: Path,
) -> None:
    path = tmp_path / "log.sqlite3"
    _made_before_versions(path)
    conn = connect(path, schema=LOG_SCHEMA)
    assert schema_version(conn) == 2
    assert conn.execute("SELECT value FROM meta WHERE key = 'origin'").fetchone() == (
        "example.org/log",
    )
    conn.close()
    (backup,) = [p for p in tmp_path.iterdir() if p.name.startswith("log.sqlite3.before-v1-")]
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT value FROM meta").fetchall() == [("example.org/log",)]
    assert schema_version(copy) == 0
    copy.close()
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600


def test_a_version_1_log_gains_the_presentments_table_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    connect(path, schema=LOG_MIGRATIONS[:1]).close()
    conn = connect(path, schema=LOG_SCHEMA)
    assert schema_version(conn) == 2
    assert "presentments" in _tables(conn)
    conn.close()
    assert [p.name for p in tmp_path.iterdir() if ".before-v2-" in p.name] != []


def test_opening_again_applies_nothing_and_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    connect(path, schema=LOG_SCHEMA).close()
    conn = connect(path, schema=LOG_SCHEMA)
    assert migrate(conn, path, LOG_MIGRATIONS) == []
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir() if ".before-" in p.name) == []


def test_a_database_from_a_newer_node_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    with pytest.raises(NewerDatabaseError) as caught:
        connect(path, schema=LOG_SCHEMA)
    assert (caught.value.found, caught.value.known) == (7, 2)
    assert "written by a newer version of Exporter Desk" in caught.value.user_message
    assert "schema version 7" in caught.value.user_message
    assert "Nothing was changed" in caught.value.user_message
    check = sqlite3.connect(path)
    assert schema_version(check) == 7
    assert _tables(check) == {"future"}
    check.close()


def test_a_failing_migration_is_rolled_back_whole_and_earlier_ones_stay(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    broken = (
        *LOG_MIGRATIONS,
        Migration(
            len(LOG_MIGRATIONS) + 1,
            "half a step",
            "CREATE TABLE half (x);\nINSERT INTO nowhere VALUES (1);\n",
        ),
    )
    conn = connect(path)
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, path, broken)
    assert schema_version(conn) == len(LOG_MIGRATIONS)
    assert "half" not in _tables(conn)
    assert conn.execute("SELECT number FROM _migrations").fetchall() == [
        (m.number,) for m in LOG_MIGRATIONS
    ]
    conn.close()
