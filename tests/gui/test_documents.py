"""Documents: issue an invoice through the screen (register + sign on a worker), preview it,
then verify the issued file in the Verify screen: AUTHENTIC."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from exporter_desk.domain import DocumentKind, DocumentStatus, PartyId
from exporter_desk.gui.documents_page import DocumentsPage, IssueDialog
from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.verify_page import VerifyPage
from exporter_desk.services.identity import create_self_signed_identity, set_company_party
from exporter_desk.services.keystores import open_keystore
from exporter_desk.store import Store
from exporter_desk.verify import Result
from tests.gui.conftest import Desk


def _company_with_key(data_dir: Path) -> Callable[[Store], object]:
    def setup(store: Store) -> object:
        set_company_party(store, PartyId(1))
        return create_self_signed_identity(store, open_keystore(data_dir))

    return setup


def test_issue_preview_and_verify_an_invoice(
    desk: Desk, qtbot: QtBot, monkeypatch: MonkeyPatch, data_dir: Path
) -> None:
    desk.db(_company_with_key(data_dir))
    page = desk.window.show_screen(Screen.DOCUMENTS)
    assert isinstance(page, DocumentsPage)

    def choose_invoice(dialog: IssueDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData(DocumentKind.COMMERCIAL_INVOICE.value))
        picker = dialog.picker()
        qtbot.waitUntil(lambda: picker.choose(1))
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(IssueDialog, "exec", choose_invoice)
    page.issue()
    qtbot.waitUntil(lambda: page.last_issued is not None, timeout=60_000)
    issued = page.last_issued
    assert issued is not None and issued.status is DocumentStatus.REGISTERED
    assert "was issued" in page.notice.text()
    qtbot.waitUntil(lambda: page.list.model.rowCount() == 1)
    page.list.table.setCurrentIndex(page.list.model.index(0, 0))
    qtbot.waitUntil(lambda: page.current is not None and page._view is not None)
    assert page._pdf is not None and page._pdf.pageCount() >= 1

    path = Path(issued.path) if Path(issued.path).is_absolute() else data_dir / issued.path
    verify = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(verify, VerifyPage)
    verify.verify_files([path])
    card = verify.cards[0]
    qtbot.waitUntil(lambda: card.verdict is not None, timeout=60_000)
    assert card.result is Result.AUTHENTIC, card.headline.text()
    assert card.result_label.text() == "AUTHENTIC"
