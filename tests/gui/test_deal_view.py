"""The deal view on the seeded demo deal, through the real main window and SQLite store."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from exporter_desk.domain import DealId, DocumentKind, DocumentStatus, PartyId
from exporter_desk.domain.received import ReceivedKind
from exporter_desk.gui import i18n
from exporter_desk.gui.credit_editor import CreditEditor
from exporter_desk.gui.editors.deal import DealEditor
from exporter_desk.gui.editors.invoice import InvoiceEditor
from exporter_desk.services.identity import create_self_signed_identity, set_company_party
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.keystores import open_keystore
from exporter_desk.services.network import open_local_network
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import Store, database_path, open_store
from tests.gui.conftest import Desk, wait_for


def open_deal(desk: Desk, qtbot: QtBot, deal_id: int = 1) -> DealEditor:
    editor = desk.window.open_editor("deals", deal_id)
    assert isinstance(editor, DealEditor)
    wait_for(qtbot, lambda: editor.view.overview is not None and not editor.view.loading)
    return editor


def table_texts(table: object) -> list[list[str]]:
    rows = []
    for r in range(table.rowCount()):  # type: ignore[attr-defined]
        rows.append(
            [
                table.item(r, c).text() if table.item(r, c) else ""  # type: ignore[attr-defined]
                for c in range(table.columnCount())  # type: ignore[attr-defined]
            ]
        )
    return rows


def test_the_demo_deal_shows_its_margin_per_currency_and_both_flows(
    desk: Desk, qtbot: QtBot
) -> None:
    editor = open_deal(desk, qtbot)
    view = editor.view
    assert table_texts(view.figures) == [["USD", "52,040.00", "65,300.00", "13,260.00", "20.31 %"]]
    assert [v.text() for v in view.goods_values] == ["Vietnam", "VNSGN", "DEHAM", "Hamburg"]
    sales, purchase = zip(*table_texts(view.funds), strict=True)  # one column per leg
    ours = "Shanghai Huayang International Trading Co., Ltd."
    our_account = "Bank of China, Shanghai Branch, 456358701234"
    assert sales[0] == "Hanse Werkzeughandel GmbH"
    assert sales[2:5] == (ours, our_account, "USD")  # the buyer pays into our account
    assert purchase[:2] == (ours, our_account)  # and we pay the supplier from the same one
    assert purchase[2] == "Saigon Precision Tools Joint Stock Company"
    assert purchase[4] == "USD"
    assert view.flags.isHidden()
    assert "no discrepancy" in view.examined.text()
    assert view.credit_summary.text().startswith("Credit ")
    assert view.credit_documents.rowCount() > 0
    assert [row[0] for row in table_texts(view.received)] == [
        "Supplier's invoice",
        "Bill of lading",
        "Insurance certificate",
    ]


CASHEW = """{1:F01VCBVVNVXAXXX0000000000}{2:O7000915261010ICBKCNBJXXXXN}{4:
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


def test_a_pasted_mt700_fills_the_credit_form_and_lists_what_it_could_not_place(
    desk: Desk, qtbot: QtBot
) -> None:
    editor = open_deal(desk, qtbot)
    editor.view.credit_button.click()
    form = editor.credit_editor
    assert form is not None and form.isVisible()
    assert form.number.value()  # the demo deal's credit is shown first
    form.paste.setPlainText(CASHEW)
    qtbot.mouseClick(form.read_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: form.reading is not None)
    assert form.number.value() == "LC2610ICBK0301"
    assert (form.currency.value(), form.amount.value()) == ("USD", "245000.00")
    assert (form.tolerance_plus.value(), form.tolerance_minus.value()) == ("5", "5")
    assert str(form.expiry_date.value()) == "2027-01-15"
    assert form.expiry_place.value() == "HO CHI MINH CITY"
    assert str(form.latest_shipment_date.value()) == "2026-12-20"
    assert form.partial_shipment.currentText() == "allowed"
    assert form.transhipment.currentText() == "not allowed"
    assert form.presentation_days.value() == 21
    kinds = [form.documents.item(r, 0).text() for r in range(form.documents.rowCount())]
    assert kinds == ["Commercial invoice", "Transport document", "Inspection certificate"]
    # "in triplicate": one original and two copies (UCP 600 art. 17(e))
    assert (form.documents.item(0, 1).text(), form.documents.item(0, 2).text()) == ("1", "2")
    unplaced = [form.unplaced.item(i).text() for i in range(form.unplaced.count())]
    assert len(unplaced) == 1 and ":51A:" in unplaced[0] and "ICBKCNBJXXX" in unplaced[0]
    # Saved, it replaces the deal's credit, and the deal view shows it.
    form.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    wait_for(qtbot, lambda: "LC2610ICBK0301" in editor.view.credit_summary.text())


AMENDMENT = """:20:{number}
:21:NONREF
:26E:01
:30:261120
:44C:261215
:79Z:LATEST SHIPMENT EXTENDED AT THE APPLICANT'S REQUEST
"""


def test_an_mt707_amends_the_deal_credit_and_the_history_shows_it(desk: Desk, qtbot: QtBot) -> None:
    editor = open_deal(desk, qtbot)
    form = editor.open_credit()
    assert isinstance(form, CreditEditor) and form.credit is not None
    form.paste.setPlainText(AMENDMENT.format(number=form.credit.number))
    form.amend_button.click()
    wait_for(qtbot, lambda: form.history.count() == 1)
    assert "latest_shipment_date" in form.history.item(0).text()
    assert str(form.latest_shipment_date.value()) == "2026-12-15"
    wait_for(qtbot, lambda: "amendments: 1" in editor.view.credit_summary.text())


def test_a_planted_discrepancy_is_listed_and_clicking_it_opens_the_field(
    desk: Desk, qtbot: QtBot, seed: object
) -> None:
    editor = open_deal(desk, qtbot)
    assert editor.view.discrepancies.found == []

    def plant(store: Store) -> None:
        doc = store.received.for_deal(DealId(1))[0]
        store.received.save(replace(doc, net_kg=(doc.net_kg or Decimal(0)) + 40))

    desk.db(plant)
    editor.view.refresh_button.click()
    wait_for(qtbot, lambda: editor.view.discrepancies.found and not editor.view.loading)
    found = editor.view.discrepancies.found
    assert [d.rule for d in found] == ["weights_agree"]
    assert "Discrepancies (1)" in editor.view.tabText(editor.view.discrepancy_tab)
    tree = editor.view.discrepancies

    def explained() -> list[str]:
        row = tree.topLevelItem(0)
        assert row is not None
        return [row.child(i).text(1) for i in range(row.childCount())]

    assert explained()[-2:] == [found[0].why.en, found[0].fix.en]
    i18n.set_language(i18n.Language.CHINESE)
    try:
        chinese = [found[0].why.zh, found[0].fix.zh]  # why and what to do, in Chinese
        qtbot.waitUntil(lambda: explained()[-2:] == chinese, timeout=5_000)
    finally:
        i18n.set_language(i18n.Language.ENGLISH)
    english = [found[0].why.en, found[0].fix.en]
    qtbot.waitUntil(lambda: explained()[-2:] == english, timeout=5_000)
    refs = editor.view.discrepancies.ref_items()
    received = next(item for item in refs if item.text(0).startswith("Received document"))
    rect = editor.view.discrepancies.visualItemRect(received)
    editor.view.setCurrentIndex(editor.view.discrepancy_tab)
    qtbot.mouseClick(
        editor.view.discrepancies.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    dialog = editor.received_dialog
    assert dialog is not None and dialog.isVisible()
    assert editor.focused is dialog.net_kg
    assert dialog.focusWidget() is dialog.net_kg
    assert dialog.net_kg.value() == "5300"


def test_clicking_a_discrepancy_on_an_invoice_opens_the_invoice_editor_at_the_field(
    desk: Desk, qtbot: QtBot
) -> None:
    def plant(store: Store) -> None:
        packing = store.packing_lists.list(limit=5)[0]
        store.packing_lists.save(replace(packing, marks="OTHER MARKS"))

    desk.db(plant)
    editor = open_deal(desk, qtbot)
    found = editor.view.discrepancies.found
    assert found and all(d.rule for d in found)
    item = next(
        item
        for item in editor.view.discrepancies.ref_items()
        if item.text(0).startswith("Invoice") and "marks" in item.text(1)
    )
    editor.view.discrepancies.itemClicked.emit(item, 0)
    wait_for(qtbot, lambda: editor.focused is not None)
    invoice = editor.opened
    assert isinstance(invoice, InvoiceEditor) and invoice.isVisible()
    assert invoice.focusWidget() is invoice.marks


def test_attaching_an_issued_pdf_verifies_it_and_shows_the_verdict(
    desk: Desk, qtbot: QtBot, data_dir: Path
) -> None:
    with open_store(database_path(data_dir)) as store:
        keystore = KeyringKeystore()
        with open_local_network(data_dir, store, keystore) as network:
            issued = issue_document(
                store, keystore, data_dir, network, DocumentKind.COMMERCIAL_INVOICE, 1
            )
    editor = open_deal(desk, qtbot)
    editor.view.attach_button.click()
    dialog = editor.received_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.kind.set_value(ReceivedKind.OTHER)
    dialog.set_file(Path(issued.path))
    dialog.number.set_value("HY-CI-2026-0112")
    dialog.ok_button.click()
    wait_for(qtbot, lambda: dialog.record is not None)
    assert dialog.verdict.text() == "Verification: AUTHENTIC"
    wait_for(qtbot, lambda: editor.view.received.rowCount() == 4)
    assert editor.view.received.item(3, 4).text() == "AUTHENTIC"
    assert editor.view.received.item(3, 3).toolTip() == dialog.record.sha256


def test_a_deal_in_two_currencies_shows_both_unconverted_and_flagged(
    desk: Desk, qtbot: QtBot
) -> None:
    def to_euro(store: Store) -> None:
        deal = store.deals.get(DealId(1))
        sales = store.contracts.get(deal.sales_contract_id)  # type: ignore[arg-type]
        store.contracts.save(replace(sales, terms=replace(sales.terms, currency="EUR")))

    desk.db(to_euro)
    editor = open_deal(desk, qtbot)
    rows = table_texts(editor.view.figures)
    assert rows == [
        ["USD", "52,040.00", "—", "—", "—"],
        ["EUR", "—", "65,300.00", "—", "—"],
    ]
    assert editor.view.currentIndex() == editor.view.overview_tab
    assert editor.view.flags.isVisible()
    assert "two currencies (USD, EUR)" in editor.view.flags.text()
    assert "not converted" in editor.view.flags.text()


def test_the_bank_pack_button_issues_a_registered_bank_pack(
    desk: Desk, qtbot: QtBot, data_dir: Path
) -> None:
    def company_with_key(store: Store) -> object:
        set_company_party(store, PartyId(1))
        return create_self_signed_identity(store, open_keystore(data_dir))

    desk.db(company_with_key)
    editor = open_deal(desk, qtbot)
    editor.view.setCurrentIndex(editor.view.overview_tab)
    qtbot.mouseClick(editor.view.bank_pack_button, Qt.MouseButton.LeftButton)
    assert not editor.view.bank_pack_button.isEnabled()  # one at a time, on the worker
    wait_for(qtbot, lambda: "was issued" in editor.view.pack_status.text(), timeout=180_000)
    assert editor.view.bank_pack_button.isEnabled()
    packs = desk.db(lambda store: store.documents.for_source("deals", 1))
    assert isinstance(packs, list)
    assert [(d.kind, d.status) for d in packs] == [
        (DocumentKind.BANK_PACK, DocumentStatus.REGISTERED)
    ]
    assert packs[0].number in editor.view.pack_status.text()


def test_a_file_dropped_on_the_deal_view_opens_the_attach_form_with_it(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    scan = tmp_path / "B-L scan.jpg"
    scan.write_bytes(b"\xff\xd8\xff\xe0 a scanned bill of lading")
    editor = open_deal(desk, qtbot)
    editor.view.setCurrentIndex(editor.view.received_tab)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan))])
    at = QPointF(editor.view.rect().center())
    action = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at.toPoint(), action, mime, buttons, keys)
    QApplication.sendEvent(editor.view, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(editor.view, QDropEvent(at, action, mime, buttons, keys))
    dialog = editor.received_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.file_label.text() == "B-L scan.jpg"
    dialog.kind.set_value(ReceivedKind.BILL_OF_LADING)
    dialog.number.set_value("OOLU2718456780")
    dialog.ok_button.click()
    wait_for(qtbot, lambda: dialog.record is not None)
    assert dialog.verdict.text() == "Verification: no registration receipt (not verified)"
    wait_for(qtbot, lambda: editor.view.received.rowCount() == 4)


def test_a_credit_typed_by_hand_is_saved_with_its_documents(desk: Desk, qtbot: QtBot) -> None:
    editor = open_deal(desk, qtbot)
    form = editor.open_credit()
    assert isinstance(form, CreditEditor)
    before = form.documents.rowCount()
    form.amount.setText("70000")
    form.tolerance_plus.setText("10")
    form.new_kind.setCurrentIndex(form.new_kind.findData("inspection_certificate"))
    form.add_document_button.click()
    row = form.documents.rowCount() - 1
    form.documents.item(row, 2).setText("2")
    form.documents.item(row, 3).setText("ISSUED BY SGS")
    form.documents.item(0, 1).setText("x")  # not a count: refused, nothing saved
    form.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert form.status.text() == "Correct the marked fields first."
    box = form.documents_form.box("documents")
    assert box is not None and box.error.text()
    form.documents.item(0, 1).setText("3")
    form.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    wait_for(qtbot, lambda: "USD 70,000.00" in editor.view.credit_summary.text())
    assert "+10 %" in editor.view.credit_summary.text()
    assert editor.view.credit_documents.rowCount() == before + 1
    last = [editor.view.credit_documents.item(before, c).text() for c in range(4)]
    assert last == ["Inspection certificate", "1", "2", "ISSUED BY SGS"]


def test_a_company_without_a_bank_account_is_flagged(desk: Desk, qtbot: QtBot) -> None:
    def no_account(store: Store) -> None:
        company = store.parties.get(PartyId(1))
        store.parties.save(replace(company, bank=None))

    desk.db(no_account)
    editor = open_deal(desk, qtbot)
    assert editor.view.flags.isVisible()
    assert editor.view.flags.text().startswith("The company has no bank account on file")
    sales = [row[0] for row in table_texts(editor.view.funds)]
    assert sales[3] == "—"  # paid into: nothing on file
