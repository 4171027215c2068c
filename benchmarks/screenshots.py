"""Screenshots of each main screen with the demo data, offscreen.

Run: ``uv run python benchmarks/screenshots.py --out DIR [--lang zh_CN]``. Seeds a fresh data
folder with the sample company, opens the main window, visits every screen (and the editors of
the sample invoice, contract and party, and the dialogs for a key passphrase, joining a
network and issuing a packing list, and at 1024x640 those of issuing and sharing: the issue
checklist, a draft preview, the supersede question, sharing our network, and the verdict cards
AUTHENTIC, TAMPERED and UNTRUSTED ISSUER) and saves one PNG per view.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Without a desktop keyring the key goes to an encrypted file; this passphrase opens it.
os.environ.setdefault("EXPORTER_DESK_PASSPHRASE", "screenshots-only-passphrase")

from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from exporter_desk.domain import DocumentKind, IssuedDocument, PartyId
from exporter_desk.gui import backend, i18n
from exporter_desk.gui.app import application, create_main_window
from exporter_desk.gui.document_dialogs import (
    DraftPreviewDialog,
    IssueChecklistDialog,
    SupersedeDialog,
)
from exporter_desk.gui.documents_page import IssueDialog
from exporter_desk.gui.keys import PassphraseDialog, SharedKeystore
from exporter_desk.gui.list_page import ListPage
from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.networks import JoinNetworkDialog, ShareNetworkDialog
from exporter_desk.gui.verify_page import VerifyPage
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.identity import create_self_signed_identity, set_company_party
from exporter_desk.store import database_path, open_store


def _events() -> QEventLoop:
    """An event loop to process pending events with. Not ``QCoreApplication.processEvents()``:
    in PySide6 6.12 that static call drops a reference to ``None`` each time, and a waiting
    loop calling it a few thousand times crashes the interpreter (none_dealloc)."""
    global _loop
    if _loop is None:
        _loop = QEventLoop()
    return _loop


_loop: QEventLoop | None = None


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _events().processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return False


def settle(seconds: float = 0.3) -> None:
    wait_until(lambda: False, seconds)


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(f"saved {path}")


def laptop_screen() -> None:
    """Make the offscreen screen a 1024x640 laptop: editors size themselves to it (set before
    the QApplication exists)."""
    if os.environ["QT_QPA_PLATFORM"] != "offscreen":
        return
    config = Path(tempfile.gettempdir()) / "exporter-desk-laptop-screen.json"
    config.write_text(
        '{"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1024, "height": 640, '
        '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}'
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--lang", default="en", choices=[lang.value for lang in i18n.Language])
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="exporter-desk-shots-") as tmp:
        data_dir = Path(tmp) / "data"
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        keystore = SharedKeystore(data_dir, os.environ["EXPORTER_DESK_PASSPHRASE"])
        with open_store(database_path(data_dir)) as store:
            seed_demo(store)
            set_company_party(store, PartyId(1))
            create_self_signed_identity(store, keystore())
        issued = backend.issue_document(
            data_dir,
            keystore,
            DocumentKind.COMMERCIAL_INVOICE.value,
            1,
            paper="A4",
            progress=lambda _percent, _step: None,
        ).document
        laptop_screen()
        app: QApplication = application()
        i18n.set_language(i18n.Language(args.lang))
        window, tasks, _presenter = create_main_window(data_dir)
        window.resize(1024, 640)
        window.show()
        suffix = "" if args.lang == "en" else f"-{args.lang}"
        try:
            for screen in Screen:
                page = window.show_screen(screen)
                if isinstance(page, ListPage):
                    wait_until(lambda p=page: p.model.rowCount() > 0 or p.model.total == 0)
                if screen is Screen.DOCUMENTS:
                    docs = page.list  # type: ignore[attr-defined]
                    wait_until(lambda d=docs: d.model.rowCount() > 0)
                    docs.table.setCurrentIndex(docs.model.index(0, 0))
                    wait_until(lambda p=page: p._view is not None)  # type: ignore[attr-defined]
                    settle(1.0)
                settle()
                save(
                    window, out / f"{list(Screen).index(screen) + 1:02d}-{screen.value}{suffix}.png"
                )
            verify = window.show_screen(Screen.VERIFY)
            junk = Path(tmp) / "not-a-real-invoice.pdf"
            junk.write_bytes(b"%PDF-1.7\nthis is not a signed document\n")
            real = Path(issued.path) if Path(issued.path).is_absolute() else data_dir / issued.path
            verify.verify_files([real, junk])  # type: ignore[attr-defined]
            wait_until(
                lambda: all(c.verdict or c.error for c in verify.cards),  # type: ignore[attr-defined]
                30,
            )
            verify.cards[0].toggle.setChecked(True)  # type: ignore[attr-defined]
            settle()
            save(window, out / f"10-verify-card{suffix}.png")
            for table, name in (
                ("invoices", "invoice"),
                ("contracts", "contract"),
                ("parties", "party"),
                ("products", "product"),
                ("shipments", "shipment"),
                ("deals", "deal"),
            ):
                editor = window.open_editor(table, 1)
                wait_until(lambda e=editor: e.isEnabled())
                settle(0.5)
                save(editor, out / f"20-{name}-editor{suffix}.png")
                tabs = getattr(editor, "tabs", None)
                for index in range(1, tabs.count() if tabs is not None else 0):
                    tabs.setCurrentIndex(index)
                    settle(0.5)
                    save(editor, out / f"2{index}-{name}-tab{index}{suffix}.png")
                editor.close()
            for table in ("parties", "invoices", "shipments"):
                blank = window.open_editor(table)
                blank.save()  # every "required" message and the not-saved line
                settle(0.3)
                save(blank, out / f"24-{table}-saved-empty{suffix}.png")
                blank._clean = blank.snapshot()
                blank.close()
            editor = window.open_editor("products")
            editor.hs_code.setText("99ab")  # type: ignore[attr-defined]
            editor.sku.setText("NEW-1")  # type: ignore[attr-defined]
            settle()
            save(editor, out / f"22-product-validation{suffix}.png")
            editor._clean = editor.snapshot()
            editor.close()
            dialogs(window, tasks, data_dir, out, suffix)
            empty_lists(window, out, suffix)
            issuing_dialogs(window, _presenter, data_dir, issued, Path(tmp), out, suffix)
            deal_views(window, tasks, out, suffix)
        finally:
            window.close()
            tasks.shutdown()
            app.processEvents()
    return 0


def dialogs(window: QWidget, tasks: object, data_dir: Path, out: Path, suffix: str) -> None:
    """The dialogs added for keys without a keyring, joining a network, and packing lists."""
    asking = PassphraseDialog(data_dir, is_new=False, parent=window)
    asking.show()
    asking.error.show_messages(
        ["The passphrase is not correct for this encrypted key file. Check the keyboard layout "
         "and Caps Lock, and try again."]
    )  # fmt: skip
    settle()
    save(asking, out / f"30-passphrase{suffix}.png")
    asking.close()
    first = PassphraseDialog(data_dir, is_new=True, parent=window)
    first.show()
    settle()
    save(first, out / f"31-passphrase-new{suffix}.png")
    first.close()
    join = JoinNetworkDialog(window)
    join.show()
    pinned = sorted((data_dir / "trust").glob("*.json"))
    if pinned:
        join.load(pinned[0])
    join.invitation.setText("inv-7Q2M-XK4P-93RD")
    settle()
    save(join, out / f"32-join-network{suffix}.png")
    join.close()
    issue = IssueDialog(tasks, window)  # type: ignore[arg-type]
    issue.kind.setCurrentIndex(issue.kind.findData(DocumentKind.PACKING_LIST.value))
    issue.show()
    wait_until(lambda: bool(issue.picker().known_ids()))
    issue.picker().choose(issue.picker().known_ids()[0])
    settle()
    save(issue, out / f"33-issue-packing-list{suffix}.png")
    issue.close()
    from exporter_desk.gui.document_dialogs import PackDialog
    from exporter_desk.gui.editors.contract import SalesLegDialog
    from exporter_desk.gui.editors.packing import PackingListDialog
    from exporter_desk.gui.wizard import SetupWizard

    others: list[tuple[str, QWidget]] = [
        ("34-pack", PackDialog(tasks, window)),  # type: ignore[arg-type]
        ("35-sales-leg", SalesLegDialog(tasks, window)),  # type: ignore[arg-type]
        ("36-packing-list", PackingListDialog(tasks, "PL-2026-001", None, window)),  # type: ignore[arg-type]
    ]
    for name, dialog in others:
        dialog.show()
        settle(0.5)
        save(dialog, out / f"{name}{suffix}.png")
        dialog.close()
    wizard = SetupWizard(
        tasks,  # type: ignore[arg-type]
        window.presenter,  # type: ignore[attr-defined]
        data_dir,
        window.keys,  # type: ignore[attr-defined]
        window,
    )
    wizard.show()
    for number, _page in enumerate(wizard.pageIds()):
        settle(0.5)
        save(wizard, out / f"37-wizard-{number + 1}{suffix}.png")
        wizard.next()
    wizard.reject()


def empty_lists(window: QWidget, out: Path, suffix: str) -> None:
    """A list with nothing in it (a search for nothing, then the empty state of a new table):
    shown as a new user sees it."""
    from exporter_desk.gui.list_page import ListPage

    page = window.show_screen(Screen.DEALS)  # type: ignore[attr-defined]
    assert isinstance(page, ListPage)
    page.body.setCurrentWidget(page.empty)
    page.count_label.hide()
    settle()
    save(window, out / f"40-empty-deals{suffix}.png")


SMALL = (1024, 640)


def _tampered(pdf: Path, target: Path) -> Path:
    """An issued PDF with page 1's content swapped in an incremental update."""
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes()), strict=False)
    page = writer.root["/Pages"]["/Kids"].raw_get(0).get_object()
    contents = page.raw_get("/Contents")
    stream = generic.StreamObject(stream_data=b"BT /F1 14 Tf 400 300 Td (TOTAL USD 1.00) Tj ET")
    writer.objects[(contents.generation, contents.idnum)] = stream
    out = io.BytesIO()
    writer.write(out)
    target.write_bytes(out.getvalue())
    return target


def issuing_dialogs(
    window: QWidget,
    presenter: object,
    data_dir: Path,
    issued: IssuedDocument,
    tmp: Path,
    out: Path,
    suffix: str,
) -> None:
    """Issuing and sharing at 1024x640: checklist, draft, supersede, share, verdict cards."""
    from dataclasses import replace

    from exporter_desk.domain import InvoiceId
    from exporter_desk.services.checklist import issue_checklist
    from exporter_desk.services.sharing import network_share
    from exporter_desk.services.verifying import verify_file
    from exporter_desk.verify import Trust, Verdict

    with open_store(database_path(data_dir)) as store:
        invoice = store.invoices.get(InvoiceId(1))
        draft = store.invoices.save(
            replace(invoice, id=None, number="HY-CI-2026-0113", origin_country="", shipment_id=None)
        )
        assert draft.id is not None
        missing = issue_checklist(store, DocumentKind.CERTIFICATE_OF_ORIGIN, draft.id)
        unchanged = issue_checklist(store, DocumentKind.COMMERCIAL_INVOICE, 1)
        share = network_share(data_dir, store)
    for name, checklist in (("50-issue-checklist", missing), ("51-issue-unchanged", unchanged)):
        dialog = IssueChecklistDialog(checklist, window)
        dialog.show()
        settle()
        save(dialog, out / f"{name}{suffix}.png")
        dialog.close()
    preview = backend.preview_document(
        data_dir, DocumentKind.COMMERCIAL_INVOICE.value, 1, paper="A4", progress=lambda *_: None
    )
    shown = DraftPreviewDialog(preview, "Commercial invoice", window)
    shown.resize(*SMALL)
    shown.show()
    wait_until(lambda: shown.pdf.pageCount() > 0)
    settle(1.0)
    save(shown, out / f"52-draft-preview{suffix}.png")
    shown.close()
    question = SupersedeDialog(issued, window)
    question.show()
    settle()
    save(question, out / f"53-supersede{suffix}.png")
    question.close()
    sharing = ShareNetworkDialog(share, presenter, window)  # type: ignore[arg-type]
    sharing.show()
    settle()
    save(sharing, out / f"54-share-network{suffix}.png")
    sharing.close()

    real = Path(issued.path) if Path(issued.path).is_absolute() else data_dir / issued.path
    tampered = _tampered(real, tmp / "tampered-invoice.pdf")
    # Each verdict on a page of its own (at 1024x640): cards of a cleared page are deleted
    # only once an event loop runs, and this script never starts one.
    for number, (path, name, trust) in enumerate(
        (
            (real, "authentic", None),
            (tampered, "tampered", None),
            (real, "untrusted-issuer", Trust(networks=())),
        ),
        start=45,
    ):

        def factory(trust: Trust | None = trust) -> Callable[[Path], Verdict]:
            if trust is None:
                return backend.load_verifier(data_dir)
            return lambda pdf: verify_file(pdf, trust)

        page = VerifyPage(factory, presenter)  # type: ignore[arg-type]
        page.resize(*SMALL)
        page.show()
        page.verify_files([path])
        wait_until(lambda p=page: not p._workers, 30)
        if name == "tampered":
            page.cards[0].toggle.setChecked(True)
        settle(0.5)
        save(page, out / f"{number}-verify-{name}{suffix}.png")
        page.close()


# -- the deal view (issue 10) -----------------------------------------------------------------

SAMPLE_MT700 = """{1:F01VCBVVNVXAXXX0000000000}{2:O7000915261010ICBKCNBJXXXXN}{4:
:27:1/1
:40A:IRREVOCABLE
:20:LC2610ICBK0301
:31C:261010
:40E:UCP LATEST VERSION
:31D:270115HO CHI MINH CITY
:51A:ICBKCNBJXXX
:50:XIAMEN GOLDEN HARVEST FOODS CO., LTD.
:59:VINACASHEW EXPORT JOINT STOCK COMPANY
:32B:USD245000,
:39A:05/05
:43P:ALLOWED
:43T:NOT ALLOWED
:44E:HO CHI MINH CITY (VNSGN), VIET NAM
:44F:XIAMEN (CNXMN), CHINA
:44C:261220
:45A:+35 MT CASHEW KERNELS WW320, CROP 2026
:46A:+SIGNED COMMERCIAL INVOICE IN TRIPLICATE
+2/3 SET OF CLEAN ON BOARD BILLS OF LADING MADE OUT TO ORDER
+INSPECTION CERTIFICATE OF QUALITY AND WEIGHT ISSUED BY VINACONTROL
:48:21/FROM THE DATE OF SHIPMENT
-}"""


def deal_views(window: QWidget, tasks: object, out: Path, suffix: str) -> None:
    """The deal view, the credit form with a pasted MT700, and a planted discrepancy's list,
    each at 1024x640."""
    from dataclasses import replace

    from exporter_desk.domain import DealId
    from exporter_desk.gui.editors.deal import DealEditor
    from exporter_desk.store import Store

    editor = window.open_editor("deals", 1)  # type: ignore[attr-defined]
    assert isinstance(editor, DealEditor)
    editor.resize(1024, 640)
    wait_until(lambda: editor.view.overview is not None, 30)
    settle(0.5)
    save(editor, out / f"60-deal-view{suffix}.png")
    editor.view.setCurrentIndex(editor.view.credit_tab)
    settle()
    save(editor, out / f"61-deal-credit{suffix}.png")
    editor.view.setCurrentIndex(editor.view.received_tab)
    settle()
    save(editor, out / f"62-deal-received{suffix}.png")
    form = editor.open_credit()
    assert form is not None
    form.resize(1024, 640)
    form.paste.setPlainText(SAMPLE_MT700)  # type: ignore[attr-defined]
    form.read_pasted()  # type: ignore[attr-defined]
    wait_until(lambda: form.reading is not None)  # type: ignore[attr-defined]
    settle(0.5)
    save(form, out / f"63-credit-mt700{suffix}.png")
    form.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    settle()
    save(form, out / f"64-credit-documents{suffix}.png")
    form.close()

    def plant(store: Store) -> None:
        doc = store.received.for_deal(DealId(1))[0]
        store.received.save(replace(doc, net_kg=(doc.net_kg or 0) + 40))
        packing = store.packing_lists.list(limit=5)[0]
        store.packing_lists.save(replace(packing, marks="OTHER MARKS"))

    tasks.run_db_blocking(plant)  # type: ignore[attr-defined]
    editor.view.refresh()
    wait_until(lambda: bool(editor.view.discrepancies.found), 30)
    editor.view.setCurrentIndex(editor.view.discrepancy_tab)
    settle(0.5)
    save(editor, out / f"65-deal-discrepancies{suffix}.png")
    received = editor.open_received(editor.view.overview.received[0].id)  # type: ignore[union-attr,arg-type]
    if received is not None:
        settle()
        save(received, out / f"66-received-document{suffix}.png")
        received.close()
    editor._clean = editor.snapshot()
    editor.close()


if __name__ == "__main__":
    sys.exit(main())
