"""Backups and restore: consistent copies, daily rotation, and restore only from a sound file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from exporter_desk.domain import Party
from exporter_desk.store import (
    BackupError,
    DamagedDatabaseError,
    NewerSchemaError,
    Store,
    backup,
    backup_if_due,
    open_store,
    restore,
)
from exporter_desk.store.backup import backup_time, backups, default_backup_dir, latest_backup
from tests.datafolders import damage_table
from tests.store.conftest import World

LOCAL = dt.timezone(dt.timedelta(hours=8))


def test_backup_and_restore_round_trip(store: Store, world: World, tmp_path: Path) -> None:
    copy = backup(store, tmp_path / "backups")
    assert copy.name.startswith("exporter-desk-manual-") and copy.suffix == ".sqlite3"
    store.parties.save(Party(name_en="Added after backup", address_en="x", country="DE"))
    store.close()

    set_aside = restore(copy, store.path)
    assert set_aside is not None and set_aside.exists()
    with open_store(store.path) as restored:
        assert restored.invoices.get(world.invoice.id) == world.invoice  # type: ignore[arg-type]
        assert restored.parties.search("Added after backup") == []
        assert restored.integrity_check() == ["ok"]
    with open_store(set_aside) as previous:  # nothing was lost: the replaced file is kept
        assert len(previous.parties.search("Added after backup")) == 1


def test_a_backup_is_one_self_contained_file(store: Store, world: World, tmp_path: Path) -> None:
    copy = backup(store, tmp_path)
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT count(*) FROM invoice_lines").fetchone()[0] == 2
    finally:
        conn.close()
    assert not list(tmp_path.glob("*.partial"))


def test_the_daily_backup_is_made_once_per_calendar_day_and_ten_are_kept(
    store: Store, world: World, tmp_path: Path
) -> None:
    folder = tmp_path / "daily"
    start = dt.datetime(2025, 3, 1, 9, 0, tzinfo=LOCAL)
    made = []
    for day in range(14):
        morning = start + dt.timedelta(days=day)
        made.append(backup_if_due(store, morning, folder))
        assert backup_if_due(store, morning + dt.timedelta(hours=8), folder) is None
    assert all(path is not None for path in made)
    kept = backups(folder, "daily")
    assert len(kept) == 10
    assert kept == made[-10:]
    assert kept[0].name.startswith("exporter-desk-daily-20250305-")


def test_the_daily_backup_goes_next_to_the_database_by_default(store: Store) -> None:
    path = backup_if_due(store, dt.datetime(2025, 3, 1, 9, 0, tzinfo=LOCAL))
    assert path is not None and path.parent == default_backup_dir(store.path)


def test_manual_backups_are_pruned_to_keep(store: Store, tmp_path: Path) -> None:
    for minute in range(5):
        backup(store, tmp_path, keep=3, now=dt.datetime(2025, 3, 1, 9, minute, tzinfo=LOCAL))
    assert [p.name[21:34] for p in backups(tmp_path, "manual")] == [
        "20250301-0902",
        "20250301-0903",
        "20250301-0904",
    ]


def test_restore_refuses_a_damaged_backup_and_keeps_the_current_database(
    store: Store, world: World, tmp_path: Path
) -> None:
    copy = backup(store, tmp_path)
    store.close()
    data = bytearray(copy.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for page in range(1, len(data) // page_size):  # scribble over every page but the header
        data[page * page_size + 8 : page * page_size + 64] = b"\xa5" * 56
    copy.write_bytes(bytes(data))
    current = store.path.read_bytes()
    with pytest.raises(BackupError) as caught:
        restore(copy, store.path)
    assert "cannot be used" in caught.value.user_message
    assert "your current data was not changed" in caught.value.user_message
    assert store.path.read_bytes() == current


def test_restore_refuses_a_file_that_is_not_a_database(store: Store, tmp_path: Path) -> None:
    fake = tmp_path / "exporter-desk-manual-x.sqlite3"
    fake.write_bytes(b"PK\x03\x04 a zip file")
    with pytest.raises(BackupError, match="not an SQLite database"):
        restore(fake, store.path)
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(BackupError, match="not an Exporter Desk database"):
        restore(other, store.path)


def test_restore_refuses_a_backup_from_a_newer_app(store: Store, tmp_path: Path) -> None:
    copy = backup(store, tmp_path)
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(NewerSchemaError):
        restore(copy, tmp_path / "target.sqlite3")
    assert not (tmp_path / "target.sqlite3").exists()


def test_restore_into_an_empty_folder_creates_the_database(
    store: Store, world: World, tmp_path: Path
) -> None:
    copy = backup(store, tmp_path / "b")
    target = tmp_path / "new-place" / "exporter-desk.sqlite3"
    assert restore(copy, target) is None
    with open_store(target) as restored:
        assert restored.invoices.count() == 1


def test_the_daily_backup_of_a_damaged_database_fails_and_keeps_the_good_backups(
    store: Store, world: World
) -> None:
    """A damaged copy must never push a good backup out of the last ten."""
    folder = default_backup_dir(store.path)
    first = dt.datetime(2025, 3, 1, 9, 0, tzinfo=LOCAL)
    good = [backup_if_due(store, first + dt.timedelta(days=day)) for day in range(10)]
    path = store.path
    store.close()
    page = damage_table(path, "invoices")
    before = path.read_bytes()
    with open_store(path) as damaged:
        with pytest.raises(DamagedDatabaseError) as caught:
            backup_if_due(damaged, first + dt.timedelta(days=10))
        with pytest.raises(DamagedDatabaseError) as on_save:  # no write into a damaged file
            damaged.parties.save(Party(name_en="New buyer", address_en="x", country="DE"))
    assert on_save.value is caught.value
    assert path.read_bytes() == before
    assert backups(folder, "daily") == good
    assert not list(folder.glob("*.partial"))
    assert f"page {page}, table invoices" in caught.value.user_message
    assert "Your latest backup is from 2025-03-10 09:00" in caught.value.user_message


def test_the_latest_backup_is_the_newest_of_any_label(store: Store) -> None:
    folder = default_backup_dir(store.path)
    backup_if_due(store, dt.datetime(2025, 3, 2, 9, 0, tzinfo=LOCAL))
    manual = backup(store, folder, now=dt.datetime(2025, 3, 3, 14, 2, tzinfo=LOCAL))
    backup_if_due(store, dt.datetime(2025, 3, 1, 9, 0, tzinfo=LOCAL))
    assert latest_backup(folder) == manual
    assert backup_time(manual) == dt.datetime(2025, 3, 3, 14, 2)
    assert latest_backup(store.path.parent / "nowhere") is None
