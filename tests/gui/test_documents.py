"""Documents: issue an invoice through the screen (register + sign on a worker), preview it,
then verify the issued file in the Verify screen: AUTHENTIC. Packing lists are issued from
packing lists, every kind from the table the issuing service reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from exporter_desk.domain import DocumentKind, DocumentStatus, PartyId
from exporter_desk.gui.documents_page import SOURCE_OF_KIND, DocumentsPage, IssueDialog
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


def test_issue_dialog_offers_each_kind_from_the_table_the_service_reads() -> None:
    from exporter_desk.services.contexts import SOURCE_TABLES

    assert SOURCE_OF_KIND == SOURCE_TABLES


def test_issue_a_packing_list_from_a_packing_list(
    desk: Desk, qtbot: QtBot, monkeypatch: MonkeyPatch, data_dir: Path
) -> None:
    desk.db(_company_with_key(data_dir))
    page = desk.window.show_screen(Screen.DOCUMENTS)
    assert isinstance(page, DocumentsPage)
    packing_id = desk.db(lambda store: store.packing_lists.list(0, 1)[0].id)
    assert isinstance(packing_id, int)
    shown: list[str] = []

    def choose_packing_list(dialog: IssueDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData(DocumentKind.PACKING_LIST.value))
        picker = dialog.picker()
        assert picker is dialog.pickers["packing_lists"] and picker.isVisibleTo(dialog)
        shown.append(dialog.source_label.text())
        qtbot.waitUntil(lambda: picker.choose(packing_id))
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(IssueDialog, "exec", choose_packing_list)
    page.issue()
    qtbot.waitUntil(lambda: page.last_issued is not None, timeout=60_000)
    issued = page.last_issued
    assert shown == ["From packing list"]
    assert issued is not None and issued.kind is DocumentKind.PACKING_LIST
    assert issued.status is DocumentStatus.REGISTERED
    assert issued.source_table == "packing_lists" and issued.source_id == packing_id
