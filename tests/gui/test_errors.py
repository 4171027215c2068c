"""Errors are shown by type: ours with their user message, others logged once, cancel silent."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from exporter_desk.errors import ExporterError
from exporter_desk.gui.errors import ErrorPresenter, log_path, setup_logging
from exporter_desk.gui.tasks import OperationCancelled, TaskManager
from exporter_desk.store import Store, database_path, open_store


def test_our_error_shows_its_user_message(app: QApplication) -> None:
    presenter = ErrorPresenter()
    presenter.show(ExporterError("technical", user_message="Check the number and try again."))
    assert presenter.last_message == "Check the number and try again."


def test_cancel_shows_nothing(app: QApplication) -> None:
    presenter = ErrorPresenter()
    cancelled = OperationCancelled()
    assert cancelled.user_message == "Cancelled."  # it has words, and they are not shown
    presenter.show(cancelled)
    assert presenter.last_message == ""


def test_unexpected_error_is_logged_to_the_data_folder(app: QApplication, tmp_path: Path) -> None:
    setup_logging(tmp_path)
    presenter = ErrorPresenter()
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        presenter.show(exc)
    for handler in logging.getLogger("exporter_desk").handlers:
        handler.flush()
    text = log_path(tmp_path).read_text(encoding="utf-8")
    assert "boom in a slot" in text and "Traceback" in text
    assert "did not expect" in presenter.last_message
    assert "boom" not in presenter.last_message


def test_every_store_call_runs_on_one_database_thread(qtbot: QtBot, tmp_path: Path) -> None:
    tasks = TaskManager(lambda: open_store(database_path(tmp_path)))
    seen: list[int] = []

    def where(store: Store) -> int:
        store.parties.count()
        return threading.get_ident()

    for _ in range(5):
        tasks.run_db(where, seen.append)
    qtbot.waitUntil(lambda: len(seen) == 5)
    assert len(set(seen)) == 1 and seen[0] != threading.get_ident()
    tasks.shutdown()
