"""Documents: issue an invoice through the screen (register + sign on a worker), preview it,
then verify the issued file in the Verify screen: AUTHENTIC. Packing lists are issued from
packing lists, every kind from the table the issuing service reads."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from exporter_desk.domain import DocumentKind, DocumentStatus, InvoiceId, PartyId
from exporter_desk.gui.document_dialogs import (
    DraftPreviewDialog,
    IssueChecklistDialog,
    SupersedeDialog,
)
from exporter_desk.gui.documents_page import SOURCE_OF_KIND, DocumentsPage, IssueDialog
from exporter_desk.gui.editors import InvoiceEditor
from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.tasks import Progress
from exporter_desk.gui.verify_page import VerifyPage
from exporter_desk.services.identity import create_self_signed_identity, set_company_party
from exporter_desk.services.issuing import IssueResult
from exporter_desk.services.keystores import open_keystore
from exporter_desk.store import Store
from exporter_desk.verify import Result
from tests.gui.conftest import Desk, when_shown


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
    when_shown(IssueChecklistDialog, lambda d: d.issue_button.click())
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
    when_shown(IssueChecklistDialog, lambda d: d.issue_button.click())
    page.issue()
    qtbot.waitUntil(lambda: page.last_issued is not None, timeout=60_000)
    issued = page.last_issued
    assert shown == ["From packing list"]
    assert issued is not None and issued.kind is DocumentKind.PACKING_LIST
    assert issued.status is DocumentStatus.REGISTERED
    assert issued.source_table == "packing_lists" and issued.source_id == packing_id


# -- issuing: nothing changed issues nothing; superseding is asked; drafts; the checklist -----


def _documents(desk: Desk, data_dir: Path) -> DocumentsPage:
    desk.db(_company_with_key(data_dir))
    page = desk.window.show_screen(Screen.DOCUMENTS)
    assert isinstance(page, DocumentsPage)
    return page


def _issue_invoice(page: DocumentsPage, qtbot: QtBot, seen: list[str] | None = None) -> IssueResult:
    """Issue the sample commercial invoice through the checklist, as a user clicks it."""
    page.last_result = None

    def accept(dialog: IssueChecklistDialog) -> None:
        if seen is not None:
            seen.append(dialog.note.text())
        dialog.issue_button.click()

    when_shown(IssueChecklistDialog, accept)
    page.issue_record(DocumentKind.COMMERCIAL_INVOICE, 1)
    qtbot.waitUntil(lambda: page.last_result is not None and not page._workers, timeout=60_000)
    assert isinstance(page.last_result, IssueResult)
    return page.last_result


def _invoice_documents(desk: Desk) -> list[tuple[int | None, DocumentStatus]]:
    docs = desk.db(
        lambda store: store.documents.by_number(
            DocumentKind.COMMERCIAL_INVOICE, store.invoices.get(InvoiceId(1)).number
        )
    )
    assert isinstance(docs, list)
    return [(d.id, d.status) for d in docs]


def test_issuing_an_unchanged_invoice_again_registers_nothing_and_says_so(
    desk: Desk, qtbot: QtBot, data_dir: Path
) -> None:
    page = _documents(desk, data_dir)
    first = _issue_invoice(page, qtbot)
    notes: list[str] = []
    second = _issue_invoice(page, qtbot, notes)
    assert second.unchanged and not first.unchanged
    assert second.document.id == first.document.id
    assert "Nothing changed" in notes[0]  # said before the irreversible step too
    assert "Nothing changed" in page.notice.text() and "nothing was issued" in page.notice.text()
    assert len(_invoice_documents(desk)) == 1
    assert not list((data_dir / "documents").rglob("*(rev*"))


def _change_invoice(desk: Desk) -> None:
    def change(store: Store) -> object:
        invoice = store.invoices.get(InvoiceId(1))
        return store.invoices.save(replace(invoice, notes="Corrected: second shipment date."))

    desk.db(change)


def test_superseding_is_asked_and_the_earlier_document_is_marked_superseded(
    desk: Desk, qtbot: QtBot, data_dir: Path
) -> None:
    page = _documents(desk, data_dir)
    first = _issue_invoice(page, qtbot).document
    _change_invoice(desk)
    asked: list[str] = []

    def supersede(box: SupersedeDialog) -> None:
        asked.append(box.informativeText())
        box.supersede_button.click()

    when_shown(IssueChecklistDialog, lambda d: d.issue_button.click())
    when_shown(SupersedeDialog, supersede)
    page.last_result = None
    page.issue_record(DocumentKind.COMMERCIAL_INVOICE, 1)
    qtbot.waitUntil(lambda: page.last_result is not None and not page._workers, timeout=60_000)
    assert asked and "marked superseded" in asked[0]
    docs = _invoice_documents(desk)
    assert docs[0] == (first.id, DocumentStatus.SUPERSEDED)
    assert docs[1][1] is DocumentStatus.REGISTERED and len(docs) == 2
    assert "supersedes the earlier one" in page.notice.text()


def test_declining_to_supersede_issues_nothing(desk: Desk, qtbot: QtBot, data_dir: Path) -> None:
    page = _documents(desk, data_dir)
    _issue_invoice(page, qtbot)
    _change_invoice(desk)
    asked: list[bool] = []

    def cancel(box: SupersedeDialog) -> None:
        asked.append(True)
        box.cancel_button.click()

    when_shown(IssueChecklistDialog, lambda d: d.issue_button.click())
    when_shown(SupersedeDialog, cancel)
    page.issue_record(DocumentKind.COMMERCIAL_INVOICE, 1)
    qtbot.waitUntil(lambda: "Nothing was issued" in page.notice.text(), timeout=60_000)
    assert asked == [True]
    assert [status for _id, status in _invoice_documents(desk)] == [DocumentStatus.REGISTERED]


def test_the_invoice_editor_previews_a_draft_that_is_never_registered(
    desk: Desk, qtbot: QtBot, data_dir: Path
) -> None:
    page = _documents(desk, data_dir)
    editor = desk.window.open_editor("invoices", 1)
    assert isinstance(editor, InvoiceEditor)
    qtbot.waitUntil(editor.isEnabled)
    assert DocumentKind.CERTIFICATE_OF_ORIGIN in editor.issue_kinds()
    assert editor.issue_tool.isVisibleTo(editor) and editor.preview_tool.isVisibleTo(editor)
    editor.preview_kind(DocumentKind.COMMERCIAL_INVOICE)
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=60_000)
    dialog = page.preview_dialog
    assert isinstance(dialog, DraftPreviewDialog) and dialog.isVisible()
    assert "not registered" in dialog.banner.text()
    pdf = dialog.path.read_bytes()
    text = subprocess.run(
        ["pdftotext", "-raw", str(dialog.path), "-"], capture_output=True, check=True
    ).stdout
    assert b"DRAFT" in text
    assert b"/ByteRange" not in pdf and b"receipt.tlog-proof" not in pdf
    assert desk.db(lambda store: (store.documents.count(), store.outbox.count())) == (0, 0)
    qtbot.waitUntil(lambda: dialog.pdf.pageCount() >= 1)
    dialog.close()


def test_the_checklist_names_a_missing_origin_and_goes_to_its_field(
    desk: Desk, qtbot: QtBot, data_dir: Path
) -> None:
    _documents(desk, data_dir)

    def no_origin(store: Store) -> object:
        invoice = store.invoices.get(InvoiceId(1))
        return store.invoices.save(replace(invoice, origin_country=""))

    desk.db(no_origin)
    editor = desk.window.open_editor("invoices", 1)
    assert isinstance(editor, InvoiceEditor)
    qtbot.waitUntil(editor.isEnabled)
    editor.tabs.setCurrentIndex(1)  # the user is looking at the goods
    seen: list[tuple[str, bool]] = []

    def click_first(dialog: IssueChecklistDialog) -> None:
        seen.append((dialog.item_buttons[0].text(), dialog.issue_button.isEnabled()))
        dialog.item_buttons[0].click()

    when_shown(IssueChecklistDialog, click_first)
    editor.issue_kind(DocumentKind.COMMERCIAL_INVOICE)
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    qtbot.wait(200)
    assert "country of origin" in seen[0][0] and seen[0][1] is False
    assert editor.tabs.currentIndex() == 0
    focused = editor.focusWidget()
    assert focused is not None and (focused is editor.origin or editor.origin.isAncestorOf(focused))
    assert desk.db(lambda store: store.documents.count()) == 0


def test_a_late_progress_report_after_success_shows_no_error(
    desk: Desk, qtbot: QtBot, data_dir: Path
) -> None:
    page = _documents(desk, data_dir)
    ready = threading.Event()
    captions: list[str] = []

    def job(progress: Progress) -> object:
        progress(0, "render")  # starts the dialog's minimum-duration clock
        ready.wait(10)
        progress(60, "sign")
        progress(100, "done")  # the dialog handles this while the job's end is queued too
        return "done"

    page._run(job, "Working...", lambda _result: captions.append("finished"))
    qtbot.wait(600)  # the progress dialog shows after its minimum duration
    assert page._progress is not None and page._progress.isVisible()
    ready.set()
    time.sleep(0.3)  # both reports and the end are queued before the GUI looks
    qtbot.waitUntil(lambda: not page._workers, timeout=10_000)
    qtbot.wait(200)
    assert captions == ["finished"]
    assert desk.presenter.last_message == ""
    assert page._progress is None


def test_progress_captions_are_words_not_step_names(
    desk: Desk, qtbot: QtBot, data_dir: Path
) -> None:
    page = _documents(desk, data_dir)
    ready = threading.Event()
    labels_seen: list[str] = []

    def job(progress: Progress) -> object:
        progress(40, "sign")
        ready.wait(10)
        return None

    page._run(job, "Working...", lambda _result: None)
    qtbot.waitUntil(lambda: page._progress is not None and "PDF" in page._progress.labelText())
    assert page._progress is not None
    labels_seen.append(page._progress.labelText())
    ready.set()
    qtbot.waitUntil(lambda: not page._workers, timeout=10_000)
    assert labels_seen == ["Signing the PDF..."]


def test_the_forwarder_chosen_on_the_shipment_is_the_one_instructed(
    desk: Desk, qtbot: QtBot, data_dir: Path
) -> None:
    from exporter_desk.domain import ShipmentId
    from exporter_desk.gui.editors import ShipmentEditor
    from exporter_desk.services.contexts import load_context

    editor = desk.window.open_editor("shipments", 1)
    assert isinstance(editor, ShipmentEditor)
    qtbot.waitUntil(editor.isEnabled)
    assert editor.forwarder.value() is None  # the demo names none: no guess either
    qtbot.waitUntil(lambda: editor.forwarder.choose(2))  # not the invoice's notify party
    editor.save()
    qtbot.waitUntil(lambda: editor.status.text() == "Saved.")
    stored = desk.db(lambda store: store.shipments.get(ShipmentId(1)).forwarder_id)
    assert stored == 2
    context = desk.db(lambda store: load_context(store, DocumentKind.SHIPPING_INSTRUCTION, 1))
    forwarder = getattr(context, "forwarder", None)
    assert forwarder is not None and forwarder.id == 2
    editor.close()
