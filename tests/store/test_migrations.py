"""Schema migrations: from an empty file and from every earlier version, backed up, atomic."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from exporter_desk.store import (
    LATEST_VERSION,
    MIGRATIONS,
    Migration,
    MigrationError,
    migrate,
    open_store,
)
from exporter_desk.store.backup import backups, default_backup_dir
from tests.store.conftest import buyer, exporter

_PARTY_SQL = (
    "INSERT INTO parties (name_en, address_en, country) VALUES "
    "('Hamburg Müller Handels GmbH', 'Große Elbstraße 145, Hamburg', 'DE')"
)


def _database_at(path: Path, version: int) -> None:
    """A database as an older release left it: only migrations 1..version, with one party."""
    conn = sqlite3.connect(path)
    assert migrate(conn, target=version) == list(range(1, version + 1))
    conn.execute(_PARTY_SQL)
    conn.close()


def _schema(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' "
            "ORDER BY type, name"
        )
        return [(kind, name, sql or "") for kind, name, sql in rows]
    finally:
        conn.close()


def test_migrations_are_numbered_one_to_latest_without_gaps() -> None:
    assert [m.number for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
    assert LATEST_VERSION >= 2


def test_an_empty_file_gets_every_migration_and_its_record(db_path: Path) -> None:
    with open_store(db_path) as store:
        assert store.schema_version == LATEST_VERSION
        rows = store._session.rows("SELECT number, name FROM _migrations ORDER BY number")
        assert [(r[0], r[1]) for r in rows] == [(m.number, m.name) for m in MIGRATIONS]
    # A brand-new database has nothing to lose: no backup is taken.
    assert not default_backup_dir(db_path).exists()


@pytest.mark.parametrize("version", range(1, LATEST_VERSION))
def test_a_database_from_every_earlier_version_is_migrated_with_its_data(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "old.sqlite3"
    _database_at(path, version)
    fresh = tmp_path / "fresh.sqlite3"
    open_store(fresh).close()
    old = sqlite3.connect(path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == version  # data steps keep the schema
    old.close()

    with open_store(path) as store:
        assert store.schema_version == LATEST_VERSION
        [party] = store.parties.list()
        assert party.name_en == "Hamburg Müller Handels GmbH"
        assert store.parties.search("Müller")[0].id == party.id
        saved = store.parties.save(exporter())  # the migrated schema takes new data
        assert store.parties.get(saved.id) == saved  # type: ignore[arg-type]
        assert store.integrity_check() == ["ok"]
    assert _schema(path) == _schema(fresh)  # migrated step by step == created at once


def test_an_existing_database_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _database_at(path, 1)
    with open_store(path):
        pass
    [copy] = backups(default_backup_dir(path), "before-v2")
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT name_en FROM parties").fetchall() == [
            ("Hamburg Müller Handels GmbH",)
        ]
    finally:
        conn.close()


def test_a_failing_migration_is_rolled_back_and_earlier_ones_stay(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _database_at(path, 1)

    def breaks_half_way(db: sqlite_utils.Database) -> None:
        db.execute("ALTER TABLE parties ADD COLUMN nickname TEXT")
        raise RuntimeError("disk gremlin")

    broken = (*MIGRATIONS, Migration(LATEST_VERSION + 1, "add nickname", breaks_half_way))
    conn = sqlite3.connect(path)
    with pytest.raises(MigrationError) as caught:
        migrate(conn, migrations=broken, backup_dir=tmp_path / "backups")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    columns = [r[1] for r in conn.execute("PRAGMA table_info(parties)")]
    assert "nickname" not in columns
    conn.close()
    error = caught.value
    assert error.number == LATEST_VERSION + 1
    assert "could not upgrade the database" in error.user_message
    assert error.backup is not None and error.backup.exists()
    assert str(error.backup) in error.user_message


def test_a_migration_given_as_sql_runs_in_one_transaction(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    extra = (
        *MIGRATIONS,
        Migration(
            LATEST_VERSION + 1,
            "half-valid sql",
            "CREATE TABLE notes (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1);",
        ),
    )
    conn = sqlite3.connect(path)
    with pytest.raises(MigrationError):
        migrate(conn, migrations=extra)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "notes" not in tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    conn.close()


def test_migrating_twice_does_nothing_the_second_time(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.parties.save(buyer())
    conn = sqlite3.connect(db_path)
    assert migrate(conn) == []
    conn.close()
