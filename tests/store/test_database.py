"""Opening the database: pragmas, refusing files that are not ours, the data folder, transactions."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import platformdirs
import pytest

from exporter_desk.domain import Party, ValidationError
from exporter_desk.store import (
    DB_FILENAME,
    LATEST_VERSION,
    DamagedDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    ReadOnlyDataError,
    Store,
    backup,
    data_dir,
    database_path,
    open_store,
)
from exporter_desk.store.migrations import migrate
from tests.datafolders import damage_table
from tests.store.conftest import World, buyer, dump, exporter


def test_opens_with_wal_foreign_keys_full_sync_and_busy_timeout(store: Store) -> None:
    conn = store._session.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert store.schema_version == LATEST_VERSION
    assert store.integrity_check() == ["ok"]


def test_creates_the_data_folder_and_reopens_with_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / DB_FILENAME
    with open_store(path) as first:
        saved = first.parties.save(exporter())
    with open_store(path) as second:
        assert second.parties.get(saved.id) == saved  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n" + b"x" * 500,
        b"This is my invoice list, not a database.\n" * 10,
        b"SQLite format 3",  # a truncated header
        b"\x00" * 4096,
    ],
    ids=["pdf", "text", "truncated-header", "zeros"],
)
def test_refuses_a_file_that_is_not_sqlite_and_leaves_it_untouched(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / DB_FILENAME
    path.write_bytes(content)
    with pytest.raises(NotADatabaseError) as caught:
        open_store(path)
    assert path.read_bytes() == content
    assert not Path(f"{path}-wal").exists()
    assert "is not an Exporter Desk database" in caught.value.user_message
    assert "not changed" in caught.value.user_message


def test_refuses_a_corrupt_sqlite_file_as_damaged_and_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    content = b"SQLite format 3\x00" + b"\xff" * 4000
    path.write_bytes(content)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_store(path)
    assert path.read_bytes() == content
    assert "is damaged" in caught.value.user_message
    assert "There is no backup" in caught.value.user_message


def test_refuses_another_programs_sqlite_database_and_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotADatabaseError) as caught:
        open_store(path)
    assert "another program" in caught.value.user_message
    assert path.read_bytes() == before


def test_refuses_a_folder_given_as_the_database(tmp_path: Path) -> None:
    with pytest.raises(NotADatabaseError, match="folder"):
        open_store(tmp_path)


def test_refuses_a_database_from_a_newer_app_and_never_overwrites_it(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.parties.save(exporter())
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError) as caught:
        open_store(db_path)
    assert db_path.read_bytes() == before
    assert caught.value.found == LATEST_VERSION + 5
    assert "newer version of Exporter Desk" in caught.value.user_message
    assert "Install the latest" in caught.value.user_message


def test_data_folder_flag_wins_over_environment_over_platform_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EXPORTER_DESK_DATA", str(tmp_path / "from-env"))
    assert data_dir(str(tmp_path / "from-flag")) == tmp_path / "from-flag"
    assert data_dir(None) == tmp_path / "from-env"
    monkeypatch.delenv("EXPORTER_DESK_DATA")
    assert data_dir(None) == Path(platformdirs.user_data_dir("ExporterDesk", "ExporterDesk"))
    assert database_path(tmp_path).name == "exporter-desk.sqlite3"


def test_empty_environment_variable_falls_back_to_the_platform_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EXPORTER_DESK_DATA", "  ")
    assert data_dir(None) == Path(platformdirs.user_data_dir("ExporterDesk", "ExporterDesk"))


def test_a_failing_action_rolls_back_everything_it_wrote(store: Store) -> None:
    before = dump(store)
    with pytest.raises(ValidationError), store.transaction():
        store.parties.save(exporter())
        store.parties.save(buyer())
        store.parties.save(Party(name_en="", address_en="", country="XX"))
    assert dump(store) == before
    assert store.parties.count() == 0


def test_a_failing_nested_step_rolls_back_only_itself_when_caught(store: Store) -> None:
    with store.transaction():
        store.parties.save(exporter())
        with pytest.raises(RuntimeError), store.transaction():
            store.parties.save(buyer())
            raise RuntimeError("inner step failed")
    assert [p.name_en for p in store.parties.list()] == [exporter().name_en]


def test_a_store_belongs_to_the_thread_that_opened_it(store: Store) -> None:
    errors: list[BaseException] = []

    def use_from_other_thread() -> None:
        try:
            store.parties.count()
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=use_from_other_thread)
    worker.start()
    worker.join()
    assert len(errors) == 1
    assert isinstance(errors[0], sqlite3.ProgrammingError)


def test_a_second_connection_waiting_for_the_lock_reports_busy_clearly(
    world: World, db_path: Path
) -> None:
    from exporter_desk.store import DatabaseBusyError

    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with open_store(db_path) as second:
            second._session.conn.execute("PRAGMA busy_timeout = 50")
            with pytest.raises(DatabaseBusyError) as caught:
                second.parties.save(buyer())
            assert "in use by another program" in caught.value.user_message
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_the_domain_sample_book_saves_with_the_ids_it_expects(store: Store) -> None:
    from dataclasses import replace

    from exporter_desk.domain import (
        Contract,
        Deal,
        Invoice,
        PackingList,
        Product,
        Shipment,
    )
    from exporter_desk.domain.samples import sample_book

    repositories = {
        Party: store.parties,
        Product: store.products,
        Contract: store.contracts,
        Deal: store.deals,
        Shipment: store.shipments,
        Invoice: store.invoices,
        PackingList: store.packing_lists,
    }
    for obj in sample_book().in_save_order:
        repository = repositories[type(obj)]
        saved = repository.save(replace(obj, id=None))  # type: ignore[attr-defined, type-var]
        assert saved.id == obj.id, obj  # type: ignore[attr-defined]
        assert repository.get(saved.id) == obj  # type: ignore[attr-defined]
    assert store.integrity_check() == ["ok"]


def test_a_damaged_table_page_is_named_with_its_page_and_the_file_is_never_written(
    store: Store, world: World
) -> None:
    path = store.path
    store.close()
    page = damage_table(path, "parties")
    damaged = path.read_bytes()
    with open_store(path) as reopened:
        with pytest.raises(DamagedDatabaseError) as caught:
            reopened.parties.list()
        assert reopened.is_damaged
        with pytest.raises(DamagedDatabaseError):
            reopened.quick_check()
        with pytest.raises(DamagedDatabaseError):  # even a table that reads fine
            reopened.products.save(reopened.products.list()[0])
    assert path.read_bytes() == damaged  # closing wrote nothing (no PRAGMA optimize)
    assert caught.value.where == f"page {page}, table parties"
    message = caught.value.user_message
    assert f"is damaged (page {page}, table parties)" in message
    assert "did not change it" in message
    assert "free disk space" not in message


def test_the_damage_message_offers_the_latest_backup_and_how_to_restore_it(
    store: Store, world: World
) -> None:
    taken = backup(store, store.path.parent / "backups")
    path = store.path
    store.close()
    damage_table(path, "invoices")
    with open_store(path, read_only=True) as reopened, pytest.raises(DamagedDatabaseError) as e:
        reopened.invoices.list()
    assert e.value.latest_backup == taken
    message = e.value.user_message
    assert "Your latest backup is from " in message
    assert taken.name in message
    assert f'exporter-desk restore --data "{path.parent}"' in message


def test_a_read_only_store_reads_everything_and_writes_nothing(store: Store, world: World) -> None:
    path = store.path
    parties = store.parties.list()
    store.close()
    before = path.read_bytes()
    with open_store(path, read_only=True) as reopened:
        assert reopened.read_only
        assert reopened.parties.list() == parties
        assert reopened.invoices.get(world.invoice.id) == world.invoice  # type: ignore[arg-type]
        with pytest.raises(ReadOnlyDataError) as caught:
            reopened.parties.save(buyer())
    assert path.read_bytes() == before
    assert "restore" not in caught.value.user_message


def test_a_read_only_store_refuses_a_database_that_needs_an_upgrade_first(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    migrate(conn, target=LATEST_VERSION - 1)
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(ReadOnlyDataError) as caught:
        open_store(db_path, read_only=True)
    assert db_path.read_bytes() == before
    assert "cannot upgrade its database" in caught.value.user_message


def test_a_damaged_first_page_is_named_and_refused_at_open(store: Store, world: World) -> None:
    path = store.path
    store.close()
    with path.open("r+b") as handle:  # after the 100-byte file header: the schema's b-tree
        handle.seek(100)
        handle.write(b"\xa5" * 3996)
    damaged = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(DamagedDatabaseError) as caught:
            open_store(path, read_only=read_only)
        assert "is damaged (page 1, the list of tables)" in caught.value.user_message
    assert path.read_bytes() == damaged
