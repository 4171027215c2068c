"""Starting the app: PDFs that macOS hands over as file-open events land in Verify, and the
diagnostic switch EXPORTER_DESK_QUIT_AFTER_SHOWN reports the window and quits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.startup import (
    QUIT_AFTER_SHOWN_ENV,
    SHOWN_LINE,
    FileOpenReceiver,
    describe_window,
)
from exporter_desk.gui.verify_page import VerdictCard
from tests.gui.conftest import Desk, wait_for


@pytest.fixture
def receiver(app: QApplication) -> Iterator[FileOpenReceiver]:
    receiver = FileOpenReceiver(app)
    yield receiver
    app.removeEventFilter(receiver)
    receiver.deleteLater()


def _open(app: QApplication, path: Path) -> bool:
    return QApplication.sendEvent(app, QFileOpenEvent(str(path)))


def test_pdfs_opened_before_the_window_exists_wait_then_go_to_the_handler(
    app: QApplication, receiver: FileOpenReceiver, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "B.PDF"
    assert _open(app, first) and _open(app, second)
    assert receiver.pending == [first, second]
    received: list[list[Path]] = []
    receiver.set_handler(received.append)
    assert received == [[first, second]] and receiver.pending == []
    later = tmp_path / "c.pdf"
    _open(app, later)
    assert received[-1] == [later]


def test_files_that_are_not_pdfs_are_left_alone(
    app: QApplication, receiver: FileOpenReceiver, tmp_path: Path
) -> None:
    _open(app, tmp_path / "notes.txt")
    assert receiver.pending == []


def test_a_pdf_opened_from_finder_is_verified_in_the_window(
    app: QApplication, receiver: FileOpenReceiver, desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    pdf = tmp_path / "received-invoice.pdf"
    pdf.write_bytes(b"%PDF-1.7\nnot really\n%%EOF\n")
    receiver.set_handler(desk.window.verify_files)
    _open(app, pdf)
    assert desk.window.current_screen() is Screen.VERIFY
    wait_for(qtbot, lambda: desk.window.findChildren(VerdictCard))
    assert describe_window(desk.window) == "screen verify; files received-invoice.pdf; language en"


def test_app_from_source_opens_a_pdf_argument_in_verify_and_quits_when_asked(
    tmp_path: Path,
) -> None:
    pdf = tmp_path / "from-the-file-manager.pdf"
    pdf.write_bytes(b"%PDF-1.7\nnot really\n%%EOF\n")
    env = {
        **os.environ,
        QUIT_AFTER_SHOWN_ENV: "1",
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "exporter_desk.cli", "--data", str(tmp_path / "data"), str(pdf)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        SHOWN_LINE,
        "exporter-desk: screen verify; files from-the-file-manager.pdf; language en",
    ]
