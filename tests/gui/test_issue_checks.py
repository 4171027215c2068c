"""Before issuing, the examiner's findings about the document, each opening its field."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from exporter_desk.domain import DocumentKind
from exporter_desk.gui.editors.invoice import InvoiceEditor
from exporter_desk.gui.issue_checks import IssueDiscrepancies
from exporter_desk.store import Store
from tests.gui.conftest import Desk, wait_for


def test_the_issue_panel_lists_the_deals_finding_and_opens_its_field(
    desk: Desk, qtbot: QtBot
) -> None:
    def plant(store: Store) -> int:
        packing = store.packing_lists.list(limit=5)[0]
        store.packing_lists.save(replace(packing, marks="OTHER MARKS"))
        assert packing.id is not None
        return packing.id

    packing_id = desk.db(plant)
    panel = IssueDiscrepancies(desk.tasks, desk.window)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=30_000) as loaded:
        panel.load(DocumentKind.PACKING_LIST, packing_id)  # type: ignore[arg-type]
    assert loaded.args == [1]
    assert [d.rule for d in panel.list.found] == ["marks_agree"]
    item = next(i for i in panel.list.ref_items() if i.text(0).startswith("Invoice"))
    panel.list.itemClicked.emit(item, 0)
    wait_for(qtbot, lambda: panel.deal_editor is not None and panel.deal_editor.focused)
    assert panel.deal_editor is not None
    invoice = panel.deal_editor.opened
    assert isinstance(invoice, InvoiceEditor)
    assert invoice.focusWidget() is invoice.marks


def test_a_clean_document_says_so(desk: Desk, qtbot: QtBot) -> None:
    panel = IssueDiscrepancies(desk.tasks, desk.window)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=30_000):
        panel.load(DocumentKind.COMMERCIAL_INVOICE, 1)
    assert panel.summary.text() == "The examiner finds nothing about it."


def test_the_issue_checklist_shows_the_examiners_findings_before_registering(
    desk: Desk, qtbot: QtBot
) -> None:
    from exporter_desk.gui.document_dialogs import IssueChecklistDialog
    from exporter_desk.gui.documents_page import DocumentsPage
    from exporter_desk.gui.main_window import Screen
    from tests.gui.conftest import when_shown

    def plant(store: Store) -> int:
        packing = store.packing_lists.list(limit=5)[0]
        store.packing_lists.save(replace(packing, marks="OTHER MARKS"))
        assert packing.id is not None
        return packing.id

    packing_id = desk.db(plant)
    page = desk.window.show_screen(Screen.DOCUMENTS)
    assert isinstance(page, DocumentsPage)
    seen: list[tuple[bool, list[str]]] = []

    def look(dialog: IssueChecklistDialog) -> None:
        panel = dialog.discrepancies
        assert isinstance(panel, IssueDiscrepancies)
        qtbot.waitUntil(lambda: panel.isVisible(), timeout=30_000)
        seen.append((panel.isVisible(), [d.rule for d in panel.list.found]))
        dialog.reject()  # nothing is issued

    when_shown(IssueChecklistDialog, look, timeout=60)
    page.issue_record(DocumentKind.PACKING_LIST, packing_id)
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
    assert seen == [(True, ["marks_agree"])]
