"""Editors: typing creates records, validation follows the typing, undo, ask before losing work."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from exporter_desk.domain import ContractKind, InvoiceKind, PartyRole
from exporter_desk.gui.editors import ContractEditor, InvoiceEditor, PartyEditor, ProductEditor
from exporter_desk.gui.editors.lines import ChargeColumn, LineColumn
from exporter_desk.gui.editors.packing import PackingListDialog
from exporter_desk.gui.widgets import RecordPicker
from exporter_desk.store import Store
from tests.gui.conftest import Desk


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Chinese included, as key events carrying the text (keyClicks cannot)."""
    for char in text:
        press = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(widget, press)


def pick(qtbot: QtBot, picker: RecordPicker, text: str) -> None:
    """Type part of a name, then Tab: a unique match is chosen."""
    qtbot.waitUntil(lambda: bool(picker.known_ids()))
    picker.setFocus()
    qtbot.keyClicks(picker, text)
    picker.editingFinished.emit()
    qtbot.waitUntil(lambda: picker.value() is not None)


def save_and_wait(qtbot: QtBot, editor: object) -> None:
    editor.save()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: editor.record_id is not None and not editor.is_dirty())  # type: ignore[attr-defined]


def test_creates_a_party_by_typing(desk: Desk, qtbot: QtBot) -> None:
    editor = desk.window.open_editor("parties")
    assert isinstance(editor, PartyEditor)
    qtbot.keyClicks(editor.name_en, "Ningbo Ocean Star Trading Co., Ltd.")
    type_text(editor.name_zh, "宁波海星贸易有限公司")
    qtbot.keyClicks(editor.address_en, "18 Zhongshan East Road, Ningbo")
    editor.country.clear()
    qtbot.keyClicks(editor.country, "CN")
    editor.roles.set_value(frozenset({PartyRole.SUPPLIER}))
    assert editor.problems == []
    save_and_wait(qtbot, editor)
    saved = desk.db(lambda store: store.parties.search("Ocean Star"))
    assert [p.name_zh for p in saved] == ["宁波海星贸易有限公司"]  # type: ignore[attr-defined]


def test_creates_a_product_by_typing(desk: Desk, qtbot: QtBot) -> None:
    editor = desk.window.open_editor("products")
    assert isinstance(editor, ProductEditor)
    qtbot.keyClicks(editor.sku, "HY-IW20")
    qtbot.keyClicks(editor.description_en, "Impact wrench 20 V")
    type_text(editor.description_zh, "冲击扳手")
    qtbot.keyClicks(editor.hs_code, "8467.29")
    qtbot.keyClicks(editor.unit_price, "45.90")
    qtbot.keyClicks(editor.net_weight, "2.1")
    qtbot.keyClicks(editor.gross_weight, "2.5")
    qtbot.keyClicks(editor.origin, "VN")
    assert editor.problems == []
    save_and_wait(qtbot, editor)
    product = desk.db(lambda store: store.products.by_sku("HY-IW20"))
    assert product is not None and product.description_zh == "冲击扳手"  # type: ignore[attr-defined]


def test_bad_hs_code_message_appears_and_vanishes(desk: Desk, qtbot: QtBot) -> None:
    editor = desk.window.open_editor("products")
    assert isinstance(editor, ProductEditor)
    box = editor.add_form  # noqa: F841 - the form is reached through its field below
    qtbot.keyClicks(editor.hs_code, "99ab")
    error = editor._forms[0].box("hs_code").error  # type: ignore[union-attr]
    assert error.isVisible()
    assert "is not an HS code" in error.text()
    editor.hs_code.clear()
    qtbot.keyClicks(editor.hs_code, "8467.21")
    assert not error.isVisible()
    assert error.text() == ""


def test_new_form_does_not_shout_before_typing(desk: Desk) -> None:
    editor = desk.window.open_editor("parties")
    assert isinstance(editor, PartyEditor)
    assert editor.problems  # the blank party has problems ...
    assert not editor._forms[0].box("name_en").error.isVisible()  # type: ignore[union-attr]
    editor.save()  # ... which all show once the user tries to save
    assert editor._forms[0].box("name_en").error.isVisible()  # type: ignore[union-attr]


def test_creates_a_contract_by_typing(desk: Desk, qtbot: QtBot) -> None:
    editor = desk.window.open_editor("contracts")
    assert isinstance(editor, ContractEditor)
    editor.kind.set_value(ContractKind.SALES)
    qtbot.keyClicks(editor.number, "HY-S-2026-099")
    pick(qtbot, editor.seller, "Huayang")
    pick(qtbot, editor.buyer, "Hanse")
    editor.incoterm.clear()
    qtbot.keyClicks(editor.incoterm, "CIF")
    qtbot.keyClicks(editor.incoterm_place, "Hamburg")
    qtbot.keyClicks(editor.port_of_loading, "VNSGN")
    qtbot.keyClicks(editor.port_of_discharge, "DEHAM")
    editor.tabs.setCurrentIndex(1)
    picker = editor.lines.product_picker
    qtbot.waitUntil(lambda: bool(picker.known_ids()))
    qtbot.keyClicks(picker, "HY-DB13")
    picker.editingFinished.emit()  # Tab: the one matching product becomes a line
    qtbot.waitUntil(lambda: editor.lines.lines.rowCount() == 1)
    assert picker.text() == ""
    view = editor.lines.view
    cell = editor.lines.lines.index(0, LineColumn.QUANTITY)
    view.setCurrentIndex(cell)
    view.edit(cell)
    cell_editor = view.viewport().findChild(QLineEdit)
    assert cell_editor is not None
    qtbot.keyClicks(cell_editor, "500")
    qtbot.keyClick(cell_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.lines.lines.rows[0].quantity == "500")
    assert editor.lines.lines.extra == ["2,100.00"]  # 500 x 4.20, live
    assert "2,100.00" in editor.totals.text()
    assert editor.problems == []
    save_and_wait(qtbot, editor)
    saved = desk.db(lambda store: store.contracts.search("HY-S-2026-099"))
    assert saved[0].total().amount == 2100  # type: ignore[index]


def test_new_invoice_from_contract(desk: Desk, qtbot: QtBot) -> None:
    contract = desk.window.open_editor("contracts", 2)
    assert isinstance(contract, ContractEditor)
    qtbot.waitUntil(lambda: contract.isEnabled() and contract.invoice_action.isEnabled())
    contract.invoice_action.trigger()
    invoices = [e for (table, _), e in desk.window.editors.items() if table == "invoices"]
    assert len(invoices) == 1
    invoice = invoices[0]
    assert isinstance(invoice, InvoiceEditor)
    assert invoice.is_dirty()
    qtbot.keyClicks(invoice.number, "HY-CI-2026-0200")
    qtbot.waitUntil(lambda: invoice.seller.text() != "#1")
    assert invoice.problems == []
    save_and_wait(qtbot, invoice)
    saved = desk.db(lambda store: store.invoices.search("HY-CI-2026-0200"))
    assert saved[0].kind is InvoiceKind.COMMERCIAL  # type: ignore[index]
    assert saved[0].contract_id == 2  # type: ignore[index]


def test_undo_and_redo_cover_the_whole_form(desk: Desk, qtbot: QtBot) -> None:
    editor = desk.window.open_editor("parties")
    assert isinstance(editor, PartyEditor)
    qtbot.keyClicks(editor.name_en, "Acme")
    qtbot.keyClicks(editor.contact, "Li")
    editor.undo_stack.undo()
    assert editor.contact.text() == ""
    assert editor.name_en.text() == "Acme"
    editor.undo_stack.undo()
    assert editor.name_en.text() == ""
    editor.undo_stack.redo()
    assert editor.name_en.text() == "Acme"


def test_closing_with_unsaved_changes_asks_first(
    desk: Desk, qtbot: QtBot, monkeypatch: MonkeyPatch
) -> None:
    editor = desk.window.open_editor("parties", 1)
    qtbot.waitUntil(editor.isEnabled)
    assert not editor.is_dirty()
    qtbot.keyClicks(editor.contact, " (sales)")  # type: ignore[attr-defined]
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> object:
        def exec_(box: QMessageBox) -> int:
            asked.append(box.text())
            return int(button.value)

        return exec_

    monkeypatch.setattr(QMessageBox, "exec", answer(QMessageBox.StandardButton.Cancel))
    editor.close()
    assert asked and editor.isVisible()
    monkeypatch.setattr(QMessageBox, "exec", answer(QMessageBox.StandardButton.Discard))
    editor.close()
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert len(asked) == 2


def test_save_error_shows_the_user_message(desk: Desk, qtbot: QtBot) -> None:
    editor = desk.window.open_editor("products")
    assert isinstance(editor, ProductEditor)
    sku = desk.db(lambda store: store.products.list(0, 1)[0].sku)
    for widget, text in (
        (editor.sku, str(sku)),
        (editor.description_en, "Duplicate"),
        (editor.hs_code, "820750"),
        (editor.origin, "VN"),
    ):
        qtbot.keyClicks(widget, text)
    editor.save()
    qtbot.waitUntil(lambda: "already has the SKU" in desk.presenter.last_message)
    assert editor.record_id is None


def _count(store: Store) -> int:
    return store.parties.count()


def test_line_and_charge_numbers_are_grouped_for_reading_raw_for_editing(
    desk: Desk, qtbot: QtBot
) -> None:
    editor = desk.window.open_editor("invoices", 1)
    assert isinstance(editor, InvoiceEditor)
    qtbot.waitUntil(editor.isEnabled)
    lines, charges = editor.lines.lines, editor.charges.charges
    row = next(n for n, line in enumerate(lines.rows) if line.quantity == "1200")
    quantity = lines.index(row, LineColumn.QUANTITY)
    assert lines.data(quantity) == "1,200"
    assert lines.data(quantity, Qt.ItemDataRole.EditRole) == "1200"
    freight = next(n for n, charge in enumerate(charges.rows) if charge.amount == "2350.00")
    amount = charges.index(freight, ChargeColumn.AMOUNT)
    assert charges.data(amount) == "2,350.00"
    assert charges.data(amount, Qt.ItemDataRole.EditRole) == "2350.00"
    editor.tabs.setCurrentIndex(1)
    view = editor.lines.view
    view.setCurrentIndex(quantity)
    view.edit(quantity)
    cell_editor = view.viewport().findChild(QLineEdit)
    assert cell_editor is not None and cell_editor.text() == "1200"
    cell_editor.setText("not a number")
    qtbot.keyClick(cell_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lines.rows[row].quantity == "not a number")
    assert lines.data(quantity) == "not a number"  # shown as typed, with its problem


def test_packing_list_from_the_saved_invoice_and_its_shipment(desk: Desk, qtbot: QtBot) -> None:
    editor = desk.window.open_editor("invoices", 1)
    assert isinstance(editor, InvoiceEditor)
    qtbot.waitUntil(editor.isEnabled)
    panel = editor.packing
    editor.tabs.setCurrentIndex(editor.packing_tab)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)  # the demo's packing list
    assert panel.create_button.isEnabled()
    qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, PackingListDialog)
    shipment_id = desk.db(lambda store: store.invoices.get(1).shipment_id)
    assert dialog.shipment.value() == shipment_id
    existing = panel.table.item(0, 0).text()
    dialog.number.setText(existing)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "already has the number" in dialog.error.text()
    dialog.number.setText("HY-PL-2026-0112-B")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2)
    assert panel.dialog is None or not dialog.isVisible()
    saved = desk.db(lambda store: store.packing_lists.for_invoice(1))
    made = saved[-1]  # type: ignore[index]
    assert made.number == "HY-PL-2026-0112-B"
    assert made.shipment_id == shipment_id
    assert made.package_count() == 450
    row = [panel.table.item(1, column).text() for column in range(panel.table.columnCount())]
    assert row[2:5] == ["450", "5,260", "6,120"]

    qtbot.keyClicks(editor.buyer_reference, " (rev)")
    assert not panel.create_button.isEnabled()  # made from the saved invoice only


def test_not_saved_banner_counts_down_and_goes_once_fixed(desk: Desk, qtbot: QtBot) -> None:
    editor = desk.window.open_editor("parties")
    assert isinstance(editor, PartyEditor)
    editor.save()
    assert "Not saved" in editor.status.text()
    assert "problem(s)" not in editor.status.text()
    qtbot.keyClicks(editor.name_en, "Ningbo Ocean Star Trading Co., Ltd.")
    qtbot.keyClicks(editor.address_en, "18 Zhongshan East Road, Ningbo")
    editor.country.clear()
    qtbot.keyClicks(editor.country, "CN")
    editor.roles.set_value(frozenset({PartyRole.SUPPLIER}))
    assert editor.problems == []
    assert "Not saved" not in editor.status.text()
    editor._clean = editor.snapshot()


def test_payment_method_decides_which_payment_fields_show(desk: Desk, qtbot: QtBot) -> None:
    from exporter_desk.domain import PaymentMethod

    editor = desk.window.open_editor("contracts")
    assert isinstance(editor, ContractEditor)
    form = editor.terms_form
    editor.method.set_value(PaymentMethod.TT)
    assert form.is_row_visible("payment.advance_percent")
    assert not form.is_row_visible("payment.lc_number")
    assert not form.is_row_visible("payment.issuing_bank")
    assert not form.is_row_visible("payment.lc_expiry")
    editor.method.set_value(PaymentMethod.LC)
    assert form.is_row_visible("payment.lc_number") and form.is_row_visible("payment.lc_expiry")
    assert not form.is_row_visible("payment.advance_percent")
    # Switching back to T/T with an L/C number typed keeps that row, with its problem, in view.
    qtbot.keyClicks(editor.lc_number, "LC-1")
    editor.method.set_value(PaymentMethod.TT)
    assert form.is_row_visible("payment.lc_number")
    assert any(p.field == "payment.lc_number" for p in editor.problems)
    editor._clean = editor.snapshot()


def test_invoice_names_its_contract_by_number_not_id(desk: Desk, qtbot: QtBot) -> None:
    editor = desk.window.open_editor("invoices", 1)
    assert isinstance(editor, InvoiceEditor)
    qtbot.waitUntil(lambda: bool(editor.contract_label.text()))
    number = desk.db(lambda store: store.contracts.get(editor.contract_id).number)
    assert editor.contract_label.text() == f"Made from contract {number}"
    assert "#" not in editor.contract_label.text()


def test_field_errors_sit_under_their_fields_whole_in_chinese(desk: Desk, qtbot: QtBot) -> None:
    from PySide6.QtCore import QSize

    from exporter_desk.gui import i18n
    from tests.gui._walk import clipped_labels, settle

    i18n.set_language(i18n.Language.CHINESE)
    try:
        editor = desk.window.open_editor("parties", 1)
        assert isinstance(editor, PartyEditor)
        qtbot.waitUntil(editor.isEnabled)
        editor.address_en.clear()
        editor.registration_id.setText("91310000MA1FL4CT3X")
        editor.resize(QSize(1000, 600))  # a 1024x640 laptop, less the title bar
        settle(0.2)
        form = editor._forms[0]
        for path in ("address_en", "registration_id"):
            box = form.box(path)
            assert box is not None and box.error.isVisible()
            assert box.error.geometry().top() >= box.widget.geometry().bottom()
            assert box.error.geometry().bottom() <= box.height()
        tax = form.box("registration_id")
        assert tax is not None
        assert "统一社会信用代码" in tax.error.text() and "checksum" not in tax.error.text()
        assert clipped_labels(editor) == []
        editor._clean = editor.snapshot()
    finally:
        i18n.set_language(i18n.Language.ENGLISH)


def test_transport_mode_decides_vessel_flight_and_containers(desk: Desk, qtbot: QtBot) -> None:
    from exporter_desk.domain import TransportMode
    from exporter_desk.gui.editors import ShipmentEditor

    editor = desk.window.open_editor("shipments")
    assert isinstance(editor, ShipmentEditor)
    editor.mode.set_value(TransportMode.AIR)
    assert editor.form.is_row_visible("flight")
    assert not editor.form.is_row_visible("vessel")
    assert editor.containers.isHidden()
    editor.mode.set_value(TransportMode.SEA)
    assert editor.form.is_row_visible("vessel") and not editor.form.is_row_visible("flight")
    assert not editor.containers.isHidden()
    editor._clean = editor.snapshot()
