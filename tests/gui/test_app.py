"""Starting the app on a data folder in trouble: a dialog says what happened and what to do,
the app does not die, and the database file is not written."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from exporter_desk.gui.app import StartupNotice, create_main_window, start_logging
from exporter_desk.gui.backend import online_checks_enabled
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.main_window import MainWindow
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.services.datafolder import open_for_writing
from exporter_desk.store import DamagedDatabaseError, Store, backups, database_path
from exporter_desk.store.backup import backup_time, default_backup_dir
from tests.datafolders import damage_table, read_only_copy, seeded_folder


class Started:
    def __init__(self, data_dir: Path) -> None:
        self.window: MainWindow
        self.tasks: TaskManager
        self.presenter: ErrorPresenter
        self.window, self.tasks, self.presenter = create_main_window(data_dir)
        self.window.show()
        # The presenter parents its dialogs to the active window, as a person's click makes it.
        self.window.activateWindow()

    def close(self) -> None:
        for box in message_boxes():
            box.close()
        self.window.close()
        self.tasks.shutdown()


@pytest.fixture
def start(app: QApplication) -> Iterator[type[Started]]:
    started: list[Started] = []

    class Tracked(Started):
        def __init__(self, data_dir: Path) -> None:
            super().__init__(data_dir)
            started.append(self)

    yield Tracked
    for one in started:
        one.close()


@pytest.fixture
def logging_handlers() -> Iterator[None]:
    root = logging.getLogger("exporter_desk")
    before = list(root.handlers)
    yield
    for handler in root.handlers[len(before) :]:
        root.removeHandler(handler)
        handler.close()


def message_boxes() -> list[QMessageBox]:
    """Visible message boxes, each once (a dialog with a parent is also a top-level window)."""
    found: dict[int, QMessageBox] = {}
    for top in QApplication.topLevelWidgets():
        boxes = top.findChildren(QMessageBox)
        if isinstance(top, QMessageBox):
            boxes.append(top)
        found.update((id(box), box) for box in boxes if box.isVisible())
    return list(found.values())


def shown_time(backup: Path) -> str:
    """When ``backup`` was taken, as the restore advice says it."""
    taken = backup_time(backup)
    assert taken is not None
    return f"{taken:%Y-%m-%d %H:%M}"


def finish_background_work(qtbot: QtBot, desk: Started) -> None:
    """Wait, with a bound load does not reach, until the start-up backup has been started
    (when the store answered) and every job of the thread pool has ended, as the app does
    before it exits."""
    notice = desk.window.findChild(StartupNotice)
    assert notice is not None
    qtbot.waitUntil(lambda: notice.backup_worker is not None, timeout=30_000)
    assert QThreadPool.globalInstance().waitForDone(60_000)


def shown_text(qtbot: QtBot, fragment: str) -> str:
    qtbot.waitUntil(lambda: any(fragment in box.text() for box in message_boxes()), timeout=30_000)
    return next(box.text() for box in message_boxes() if fragment in box.text())


def test_a_read_only_data_folder_opens_read_only_and_says_so(
    start: type[Started],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    logging_handlers: None,
) -> None:
    folder = seeded_folder(tmp_path / "data")
    before = database_path(folder).read_bytes()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with read_only_copy(folder, tmp_path / "ro") as mounted:
        start_logging(mounted)  # logs/ cannot be made there: the app starts anyway
        desk = start(mounted)
        text = shown_text(qtbot, "is read-only")
        assert text.startswith(f"The data folder '{mounted}' is read-only")
        assert "you can look at, print and export your data, but not change it" in text
        assert "restore" not in text and "damaged" not in text
        assert desk.tasks.run_db_blocking(lambda store: store.parties.count()) == 4
        assert online_checks_enabled(mounted) is False  # Verify reads its settings there too
        desk.close()
        assert database_path(mounted).read_bytes() == before
    assert (tmp_path / "cache" / "ExporterDesk" / "logs" / "exporter-desk.log").exists()


def test_a_damaged_database_is_named_at_start_and_not_written(
    start: type[Started], qtbot: QtBot, tmp_path: Path
) -> None:
    """No screen at start reads products: the daily backup's check finds the damage."""
    folder = seeded_folder(tmp_path / "data")
    db = database_path(folder)
    page = damage_table(db, "products")
    before = db.read_bytes()
    desk = start(folder)
    text = shown_text(qtbot, "is damaged")
    assert f"is damaged (page {page}, table products)" in text
    assert "did not change it" in text
    assert "There is no backup" in text
    with pytest.raises(DamagedDatabaseError):  # from now on nothing is written
        desk.tasks.run_db_blocking(lambda store: store.settings.set("ui.language", "zh_CN"))
    assert len(message_boxes()) == 1
    desk.close()
    assert db.read_bytes() == before
    assert not backups(default_backup_dir(db))


def test_damage_found_later_offers_todays_backup(
    start: type[Started], qtbot: QtBot, tmp_path: Path
) -> None:
    """The box comes from the first list, on the database thread; the start-up backup runs on
    the thread pool once the store answers, before or after the box as load decides. The
    backups and the file are compared once that work has ended, not wherever it had got to."""
    folder = seeded_folder(tmp_path / "data")
    open_for_writing(folder).close()  # today's backup: the app will not take another
    db = database_path(folder)
    (todays,) = backups(default_backup_dir(db))
    page = damage_table(db, "invoices")  # the first screen lists invoices
    before = db.read_bytes()
    desk = start(folder)
    text = shown_text(qtbot, "is damaged")
    assert f"(page {page}, table invoices)" in text
    assert f"Your latest backup is from {shown_time(todays)} ('{todays.name}')" in text
    assert f'exporter-desk restore --data "{folder}"' in text
    finish_background_work(qtbot, desk)
    assert backups(default_backup_dir(db)) == [todays]  # no copy of the damaged file
    desk.close()
    assert db.read_bytes() == before


def test_an_emptied_database_beside_the_keys_is_refused_at_start(
    start: type[Started], qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "keys.enc").write_bytes(b"encrypted signing keys")
    database_path(folder).write_bytes(b"")
    desk = start(folder)
    text = shown_text(qtbot, "is empty (0 bytes)")
    assert "will not start a new company" in text
    assert desk.presenter.last_message == text
    assert len([box for box in message_boxes() if box.text() == text]) == 1
    with pytest.raises(Exception, match="empty database file"):
        desk.tasks.run_db_blocking(Store.close)
    desk.close()
    assert database_path(folder).stat().st_size == 0


def test_the_app_takes_the_daily_backup_at_start(
    start: type[Started], qtbot: QtBot, tmp_path: Path
) -> None:
    folder = seeded_folder(tmp_path / "data")
    daily = default_backup_dir(database_path(folder))
    desk = start(folder)
    qtbot.waitUntil(lambda: len(backups(daily, "daily")) == 1, timeout=30_000)
    assert not message_boxes()
    desk.close()
    desk = start(folder)  # started again the same day: no second backup
    assert desk.tasks.run_db_blocking(lambda store: store.parties.count()) == 4
    qtbot.wait(500)
    assert len(backups(daily, "daily")) == 1
    assert not list(daily.glob("*.partial"))
