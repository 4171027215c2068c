"""The Verify screen: dropping files gives one verdict card each."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.verify_page import VerifyPage
from exporter_desk.verify import Result
from tests.gui.conftest import Desk


def drop_files(target: QApplication | object, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)  # type: ignore[arg-type]
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)  # type: ignore[arg-type]


def test_dropped_file_gets_a_verdict_card(desk: Desk, qtbot: QtBot, tmp_path: Path) -> None:
    page = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    forged = tmp_path / "forged-invoice.pdf"
    forged.write_bytes(b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
    drop_files(page.drop_zone, [forged])
    assert len(page.cards) == 1
    card = page.cards[0]
    qtbot.waitUntil(lambda: card.verdict is not None or card.error is not None, timeout=30_000)
    assert card.result is Result.UNREADABLE
    assert card.result_label.text() == "UNREADABLE"
    card.toggle.setChecked(True)
    assert card.checks.isVisible()
    results = json.loads(page.results_json())
    assert results[0]["verdict"]["result"] == "unreadable"


def test_command_line_files_are_verified_at_start(desk: Desk, qtbot: QtBot, tmp_path: Path) -> None:
    files = [tmp_path / f"{n}.pdf" for n in range(3)]
    for path in files:
        path.write_bytes(b"not a pdf")
    desk.window.verify_files(files)
    page = desk.window.pages[Screen.VERIFY]
    assert isinstance(page, VerifyPage)
    qtbot.waitUntil(lambda: all(c.verdict for c in page.cards), timeout=30_000)
    assert [c.path for c in page.cards] == files


def test_an_issuer_name_nothing_vouches_for_is_shown_as_unverified(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from PySide6.QtWidgets import QLabel

    from exporter_desk.signing import CertificateAuthority, sign_pdf
    from tests.verify._build import ACME, draw_revision_one

    now = datetime.now(UTC)
    # A certificate of the forger's own making that copies a real company's name.
    forger = CertificateAuthority.create("Forger CA", now=now).issue_credentials(ACME, now=now)
    forged = tmp_path / "re-signed.pdf"
    forged.write_bytes(sign_pdf(draw_revision_one(), forger, now=now))
    page = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    drop_files(page.drop_zone, [forged])
    card = page.cards[0]
    qtbot.waitUntil(lambda: card.verdict is not None or card.error is not None, timeout=30_000)
    assert card.result is Result.UNTRUSTED_ISSUER
    texts = [label.text() for label in card.findChildren(QLabel)]
    issuer = next(text for text in texts if text.startswith(ACME.name))
    assert "unverified: a name only claimed, nothing you trust vouches for it" in issuer
