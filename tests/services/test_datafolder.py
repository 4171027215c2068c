"""Opening a data folder: read-only where it must be, the daily backup, and refusing an emptied
database instead of starting a new company over a company's keys and documents."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from exporter_desk.domain import PartyId
from exporter_desk.services._files import DiskFullError
from exporter_desk.services.datafolder import (
    NoBackupError,
    backup_data_folder,
    check_database,
    open_data_folder,
    open_for_reading,
    open_for_writing,
    restore_backup,
)
from exporter_desk.services.packs import write_pack
from exporter_desk.store import (
    LATEST_VERSION,
    DamagedDatabaseError,
    EmptyDatabaseError,
    ReadOnlyDataError,
    backups,
    database_path,
    migrate,
)
from exporter_desk.store.backup import default_backup_dir
from tests.datafolders import (
    damage_table,
    fill,
    full_disk,
    read_only_copy,
    seeded_folder,
    tmpfs,
)

LOCAL = dt.timezone(dt.timedelta(hours=8))
MORNING = dt.datetime(2026, 12, 1, 9, 0, tzinfo=LOCAL)


def test_the_app_and_saving_commands_take_one_backup_a_day_and_keep_ten(tmp_path: Path) -> None:
    folder = seeded_folder(tmp_path / "data")
    made = []
    for day in range(12):
        for hour in (0, 5):  # started twice a day: one backup
            when = MORNING + dt.timedelta(days=day, hours=hour)
            opener = open_data_folder if hour == 0 else open_for_writing
            with opener(folder, now=when) as store:
                assert not store.read_only
        made.append(backups(default_backup_dir(database_path(folder)), "daily"))
    assert [len(found) for found in made] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10]
    assert made[-1][0].name.startswith("exporter-desk-daily-20261203-")


def test_reading_takes_no_backup_and_leaves_the_database_byte_for_byte(tmp_path: Path) -> None:
    folder = seeded_folder(tmp_path / "data")
    db = database_path(folder)
    before = db.read_bytes()
    with open_for_reading(folder) as store:
        assert store.read_only
        assert store.parties.count() == 4
    assert db.read_bytes() == before
    assert not default_backup_dir(db).exists()


def test_a_new_folder_gets_a_new_database_without_a_backup_of_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    with open_for_writing(folder, now=MORNING) as store:
        assert store.parties.count() == 0
    assert not default_backup_dir(database_path(folder)).exists()


def test_reading_an_older_database_upgrades_it_first_with_a_backup(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    conn = sqlite3.connect(database_path(folder))
    migrate(conn, target=LATEST_VERSION - 1)
    conn.close()
    with open_for_reading(folder) as store:
        assert store.read_only and store.schema_version == LATEST_VERSION
    assert backups(default_backup_dir(database_path(folder)), f"before-v{LATEST_VERSION}")


@pytest.mark.parametrize("company_file", ["keys.enc", "documents", "backups"])
def test_an_emptied_database_beside_a_companys_files_is_refused_not_made_new(
    tmp_path: Path, company_file: str
) -> None:
    folder = seeded_folder(tmp_path / "data")
    db = database_path(folder)
    with open_for_writing(folder, now=MORNING):
        pass  # a daily backup now exists
    if company_file == "keys.enc":
        (folder / "keys.enc").write_bytes(b"encrypted keys")
    elif company_file == "documents":
        (folder / "documents").mkdir()
    db.write_bytes(b"")
    for opener in (open_for_reading, open_for_writing, open_data_folder):
        with pytest.raises(EmptyDatabaseError) as caught:
            opener(folder)
        assert db.stat().st_size == 0
        assert not Path(f"{db}-wal").exists()
    message = caught.value.user_message
    assert "is empty (0 bytes)" in message
    assert company_file in message
    assert "will not start a new company" in message
    assert "Your latest backup is from 2026-12-01 09:00" in message
    assert "exporter-desk restore" in message


def test_an_empty_database_file_alone_is_a_new_company(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    database_path(folder).write_bytes(b"")
    with open_for_writing(folder) as store:
        assert store.parties.count() == 0


def test_restore_puts_back_the_latest_backup_and_keeps_the_damaged_file(tmp_path: Path) -> None:
    folder = seeded_folder(tmp_path / "data")
    with open_for_writing(folder, now=MORNING):
        pass
    db = database_path(folder)
    damage_table(db, "parties")
    damaged = db.read_bytes()
    with open_for_reading(folder) as store, pytest.raises(DamagedDatabaseError):
        check_database(store)
    restored = restore_backup(folder)
    assert restored.set_aside is not None and restored.set_aside.read_bytes() == damaged
    with open_for_reading(folder) as store:
        check_database(store)
        assert store.parties.count() == 4


def test_restore_without_a_backup_says_there_is_none(tmp_path: Path) -> None:
    folder = seeded_folder(tmp_path / "data")
    with pytest.raises(NoBackupError) as caught:
        restore_backup(folder)
    assert "There is no backup in" in caught.value.user_message


def test_a_read_only_folder_is_read_read_only_and_never_written(tmp_path: Path) -> None:
    folder = seeded_folder(tmp_path / "data")
    before = database_path(folder).read_bytes()
    names = sorted(p.name for p in folder.iterdir())  # the database and the demo's received files
    with read_only_copy(folder, tmp_path / "ro") as mounted:
        with open_for_reading(mounted) as store:
            assert store.read_only
            assert store.parties.count() == 4
            check_database(store)
        with open_data_folder(mounted, now=MORNING) as store:
            assert store.read_only  # the app opens it too, and says so
            with pytest.raises(ReadOnlyDataError) as on_save:
                store.settings.set("ui.language", "zh_CN")
        with pytest.raises(ReadOnlyDataError) as on_write:
            open_for_writing(mounted, now=MORNING)
        with pytest.raises(ReadOnlyDataError) as on_restore:
            restore_backup(mounted)
        assert database_path(mounted).read_bytes() == before
        assert sorted(p.name for p in mounted.iterdir()) == names  # nothing added beside it
    for error in (on_save.value, on_write.value, on_restore.value):
        assert "is read-only" in error.user_message
        assert "intact" in error.user_message
        assert "exporter-desk restore" not in error.user_message
        assert "backup" not in error.user_message.replace("cannot restore a backup", "")
        assert "damaged" not in error.user_message


def test_a_pack_on_a_full_disk_writes_nothing_and_keeps_the_old_file(tmp_path: Path) -> None:
    with full_disk(tmp_path / "full") as disk:
        target = disk / "pack.pdf"
        target.write_bytes(b"%PDF last week's pack")
        before = sorted(p.name for p in disk.iterdir())
        with pytest.raises(DiskFullError) as caught:
            write_pack(target, b"%PDF-1.7\n" + b"x" * 200_000)
        assert sorted(p.name for p in disk.iterdir()) == before
        assert target.read_bytes() == b"%PDF last week's pack"
    assert "not enough free space" in caught.value.user_message
    assert "Nothing was written" in caught.value.user_message


def test_a_daily_backup_that_finds_no_room_leaves_no_partial_file_and_work_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = seeded_folder(tmp_path / "data")
    with tmpfs(tmp_path / "full", "2m") as disk:
        folder = disk / "data"
        shutil.copytree(source, folder)
        fill(disk, free=64 * 1024)  # the database fits, a copy of it does not
        assert shutil.disk_usage(disk).free < database_path(folder).stat().st_size
        with caplog.at_level(logging.WARNING), open_for_writing(folder, now=MORNING) as store:
            assert store.parties.count() == 4
        assert not list((folder / "backups").glob("*"))
    assert "The daily backup failed" in caplog.text
    assert "the copy failed" in caplog.text


def test_the_apps_background_backup_runs_beside_an_open_store_and_skips_read_only(
    tmp_path: Path,
) -> None:
    folder = seeded_folder(tmp_path / "data")
    with open_data_folder(folder, now=MORNING, backup=False) as store:
        assert not backups(default_backup_dir(database_path(folder)))
        taken = backup_data_folder(folder, MORNING)
        assert taken is not None and taken.name.startswith("exporter-desk-daily-20261201-")
        store.parties.save(replace(store.parties.get(PartyId(2)), name_en="Still writable"))
        assert backup_data_folder(folder, MORNING + dt.timedelta(hours=3)) is None
    with read_only_copy(folder, tmp_path / "ro") as mounted:
        assert backup_data_folder(mounted, MORNING + dt.timedelta(days=1)) is None
