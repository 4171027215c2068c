"""Settings > Backup and restore on a real window: the archive written, a bad one refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pytestqt.qtbot import QtBot

from exporter_desk.gui.backup_box import BackupBox
from exporter_desk.gui.main_window import Screen
from exporter_desk.services.archive import read_manifest
from tests.gui.conftest import Desk, wait_for


def backup_box(desk: Desk) -> BackupBox:
    page = desk.window.show_screen(Screen.SETTINGS)
    box = page.findChild(BackupBox)
    assert isinstance(box, BackupBox)
    return box


def test_back_up_writes_an_archive_with_the_database(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    box = backup_box(desk)
    assert box.title() == "Backup and restore"
    out = tmp_path / "company.zip"
    box.back_up(out)
    wait_for(qtbot, lambda: not box.is_busy)
    assert "Backup written to" in box.status.text(), box.status.text()
    manifest = read_manifest(out)
    assert not manifest["with_keys"]
    with zipfile.ZipFile(out) as archive:
        assert "database.sqlite3" in archive.namelist()
    box.grab().save(str(tmp_path / "backup-box.png"))


def test_a_file_that_is_no_backup_is_refused_before_anything_closes(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    box = backup_box(desk)
    bogus = tmp_path / "holiday.zip"
    bogus.write_bytes(b"not a zip at all")
    box.check_archive(bogus)
    wait_for(qtbot, lambda: not box.is_busy)
    assert "is not an Exporter Desk backup" in box.status.text()
    assert "not an Exporter Desk backup" in desk.presenter.last_message
    # the database is still open: the window goes on working
    assert desk.db(lambda store: store.products.count())
