"""The Import dialog and the Export button, driven as a person would on a real window."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from exporter_desk.gui.import_dialog import ImportDialog
from exporter_desk.gui.main_window import Screen
from exporter_desk.store import Store
from tests.gui.conftest import Desk, wait_for

CATALOGUE = (
    "货号,英文品名,品名,HS编码,单位,单价,币种,净重,毛重,原产国\n"
    "NEW-1,Teapot,紫砂茶壶,6912.00,个,12.50,USD,0.45,0.60,CN\n"
    "NEW-2,Cup set,茶杯套装,6911.10,套,8.8,USD,0.9,1.1,CN\n"
)


def count_products(desk: Desk) -> int:
    return int(desk.db(lambda store: store.products.count()))  # type: ignore[arg-type]


def open_dialog(desk: Desk, path: Path) -> ImportDialog:
    desk.window.show_screen(Screen.PRODUCTS)
    page = desk.window.list_page(Screen.PRODUCTS)
    assert page.data_actions.import_action is not None
    assert page.data_actions.import_action.text() == "Import..."
    assert page.data_actions.import_action in page.data_actions.menu.actions()
    assert page.data_actions.button.defaultAction().menu() is page.data_actions.menu
    assert page.data_actions.button.toolTip() == "Import from or export to Excel and CSV files"
    dialog = page.data_actions.open_import(path)
    assert dialog is not None
    return dialog


def test_bad_rows_are_listed_and_import_stays_disabled(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes((CATALOGUE + "NEW-3,Bad,坏,ABC,个,1,USD,1,1,CN\n").encode("gb18030"))
    before = count_products(desk)
    dialog = open_dialog(desk, path)
    wait_for(qtbot, lambda: dialog.mapping.rowCount() == 10)
    assert dialog.current_mapping()[3] == "hs_code"  # "HS编码" mapped itself
    dialog.check_button.click()
    wait_for(qtbot, lambda: dialog.plan is not None)
    assert dialog.problems.rowCount() == 1
    assert dialog.problems.item(0, 0).text() == "4"
    assert dialog.problems.item(0, 1).text() == "D (HS编码)"
    assert not dialog.import_button.isEnabled()
    assert "nothing will be written" in dialog.status.text()
    assert count_products(desk) == before
    dialog.close()


def test_a_valid_file_imports_after_check_and_the_list_shows_it(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Price list"])
    sheet.append([])
    for line in CATALOGUE.splitlines():
        sheet.append(line.split(","))
    path = tmp_path / "catalogue.xlsx"
    book.save(path)
    before = count_products(desk)
    dialog = open_dialog(desk, path)
    wait_for(qtbot, lambda: dialog.mapping.rowCount() == 10)
    assert not dialog.import_button.isEnabled()  # nothing before the dry run
    dialog.check_button.click()
    wait_for(qtbot, lambda: dialog.plan is not None)
    assert dialog.import_button.isEnabled(), dialog.status.text()
    dialog.grab().save(str(tmp_path / "import-dialog.png"))
    dialog.import_button.click()
    wait_for(qtbot, lambda: dialog.outcome is not None)
    assert dialog.outcome is not None and dialog.outcome.added == 2
    assert "2 added, 0 updated, 0 skipped" in dialog.status.text()
    assert count_products(desk) == before + 2
    page = desk.window.list_page(Screen.PRODUCTS)
    wait_for(qtbot, lambda: page.model.total == before + 2)
    dialog.close()


def test_changing_the_mapping_asks_for_a_new_check(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "catalogue.csv"
    path.write_bytes(CATALOGUE.encode("gb18030"))
    dialog = open_dialog(desk, path)
    wait_for(qtbot, lambda: dialog.mapping.rowCount() == 10)
    dialog.check_button.click()
    wait_for(qtbot, lambda: dialog.plan is not None)
    assert dialog.import_button.isEnabled()
    dialog.set_field(3, "")  # leave the HS code column out
    assert not dialog.import_button.isEnabled()
    dialog.check_button.click()
    wait_for(qtbot, lambda: not dialog.is_busy)
    assert "HS code" in dialog.status.text()
    dialog.close()


def test_export_writes_the_list_as_sorted(desk: Desk, qtbot: QtBot, tmp_path: Path) -> None:
    desk.window.show_screen(Screen.INVOICES)
    page = desk.window.list_page(Screen.INVOICES)
    out = tmp_path / "invoices.xlsx"
    run = page.data_actions.export_to(out)
    wait_for(qtbot, lambda: not run.is_running)
    assert run.error is None and run.rows

    def numbers(store: Store) -> list[str]:
        return [i.number for i in store.invoices.list(0, 50, "date", True)]

    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == desk.db(numbers)


def test_invoice_lines_import_into_the_selected_invoice(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    desk.window.show_screen(Screen.INVOICES)
    page = desk.window.list_page(Screen.INVOICES)
    wait_for(qtbot, lambda: page.current_id() is not None)
    invoice_id = page.current_id()
    assert page.data_actions.import_action is not None
    assert page.data_actions.import_action.text() == "Import lines..."
    path = tmp_path / "order.csv"
    path.write_text("Description,HS Code,Qty,Unit,Unit Price\nSpare brushes,8503.00,250,PCS,0.85\n")
    dialog = page.data_actions.open_import(path)
    assert dialog is not None and dialog.target_id == invoice_id
    wait_for(qtbot, lambda: dialog.mapping.rowCount() == 5)
    dialog.check_button.click()
    wait_for(qtbot, lambda: dialog.plan is not None)
    dialog.import_button.click()
    wait_for(qtbot, lambda: dialog.outcome is not None)

    def lines(store: Store) -> list[str]:
        from exporter_desk.domain import InvoiceId

        assert invoice_id is not None
        return [line.description_en for line in store.invoices.get(InvoiceId(invoice_id)).lines]

    assert desk.db(lines)[-1] == "Spare brushes"  # type: ignore[index]
    dialog.close()


def test_the_setup_assistant_offers_the_product_import(desk: Desk, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWizard

    from exporter_desk.gui.wizard import SetupWizard

    wizard = SetupWizard(desk.tasks, desk.presenter, desk.window.data_dir, desk.window.keys)
    qtbot.addWidget(wizard)
    wizard.show()
    button = wizard.button(QWizard.WizardButton.CustomButton1)
    assert button.isVisible() and button.text() == "Import products from Excel..."
    button.click()
    dialog = wizard.import_products.dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    assert dialog.table.value == "products"
    dialog.close()
    wizard.reject()


def test_lines_need_a_selected_record(desk: Desk, qtbot: QtBot) -> None:
    from PySide6.QtCore import QModelIndex

    from exporter_desk.gui.export_dialog import _NothingSelected

    desk.window.show_screen(Screen.CONTRACTS)
    page = desk.window.list_page(Screen.CONTRACTS)
    wait_for(qtbot, lambda: page.current_id() is not None)
    page.table.setCurrentIndex(QModelIndex())
    assert page.data_actions.open_import() is None
    assert desk.presenter.last_message == "Select the invoice or contract the lines go into first."
    assert desk.presenter.last_message == _NothingSelected().user_message
