"""Screenshots of each main screen with the demo data, offscreen.

Run: ``uv run python benchmarks/screenshots.py --out DIR [--lang zh_CN]``. Seeds a fresh data
folder with the sample company, opens the main window, visits every screen (and the editors of
the sample invoice, contract and party, and the dialogs for a key passphrase, joining a
network and issuing a packing list) and saves one PNG per view.
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

from exporter_desk.domain import DocumentKind, PartyId
from exporter_desk.gui import backend, i18n
from exporter_desk.gui.app import application, create_main_window
from exporter_desk.gui.documents_page import IssueDialog
from exporter_desk.gui.keys import PassphraseDialog, SharedKeystore
from exporter_desk.gui.list_page import ListPage
from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.networks import JoinNetworkDialog
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
        )
        app: QApplication = application()
        i18n.set_language(i18n.Language(args.lang))
        window, tasks, _presenter = create_main_window(data_dir)
        window.resize(1360, 840)
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
            ):
                editor = window.open_editor(table, 1)
                wait_until(lambda e=editor: e.isEnabled())
                settle(0.5)
                save(editor, out / f"20-{name}-editor{suffix}.png")
                if table in ("invoices", "contracts"):
                    editor.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
                    settle()
                    save(editor, out / f"21-{name}-goods{suffix}.png")
                if table == "invoices":
                    editor.tabs.setCurrentIndex(3)  # type: ignore[attr-defined]
                    settle(0.5)
                    save(editor, out / f"23-invoice-packing-lists{suffix}.png")
                editor.close()
            editor = window.open_editor("products")
            editor.hs_code.setText("99ab")  # type: ignore[attr-defined]
            editor.sku.setText("NEW-1")  # type: ignore[attr-defined]
            settle()
            save(editor, out / f"22-product-validation{suffix}.png")
            editor._clean = editor.snapshot()
            editor.close()
            dialogs(window, tasks, data_dir, out, suffix)
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
    save(editor, out / f"40-deal-view{suffix}.png")
    editor.view.setCurrentIndex(editor.view.credit_tab)
    settle()
    save(editor, out / f"41-deal-credit{suffix}.png")
    editor.view.setCurrentIndex(editor.view.received_tab)
    settle()
    save(editor, out / f"42-deal-received{suffix}.png")
    form = editor.open_credit()
    assert form is not None
    form.resize(1024, 640)
    form.paste.setPlainText(SAMPLE_MT700)  # type: ignore[attr-defined]
    form.read_pasted()  # type: ignore[attr-defined]
    wait_until(lambda: form.reading is not None)  # type: ignore[attr-defined]
    settle(0.5)
    save(form, out / f"43-credit-mt700{suffix}.png")
    form.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    settle()
    save(form, out / f"44-credit-documents{suffix}.png")
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
    save(editor, out / f"45-deal-discrepancies{suffix}.png")
    received = editor.open_received(editor.view.overview.received[0].id)  # type: ignore[union-attr,arg-type]
    if received is not None:
        settle()
        save(received, out / f"46-received-document{suffix}.png")
        received.close()
    editor._clean = editor.snapshot()
    editor.close()


if __name__ == "__main__":
    sys.exit(main())
