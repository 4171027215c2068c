"""List screens: an empty list says what it is for and offers the first step; counts read as
a person would write them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from exporter_desk.gui import i18n
from exporter_desk.gui.app import create_main_window
from exporter_desk.gui.editors import ContractEditor, InvoiceEditor
from exporter_desk.gui.list_page import ListPage
from exporter_desk.gui.main_window import LIST_SOURCES, MainWindow, Screen
from tests.gui.conftest import Desk


@pytest.fixture
def empty_window(app: QApplication, tmp_path: Path) -> Iterator[MainWindow]:
    i18n.set_language(i18n.Language.ENGLISH)
    window, tasks, _presenter = create_main_window(tmp_path / "new-user")
    window.show()
    yield window
    for editor in list(window.editors.values()):
        editor._clean = editor.snapshot()
        editor.close()
    window.close()
    tasks.shutdown()


def _loaded(qtbot: QtBot, window: MainWindow, screen: Screen) -> ListPage:  # type: ignore[type-arg]
    page = window.show_screen(screen)
    assert isinstance(page, ListPage)
    qtbot.waitUntil(lambda: page.model.total is not None)
    return page


def test_an_empty_list_says_what_it_is_for_and_offers_the_first_step(
    empty_window: MainWindow, qtbot: QtBot
) -> None:
    for screen in LIST_SOURCES:
        page = _loaded(qtbot, empty_window, screen)
        assert page.is_empty_state(), screen
        assert "0 records" not in page.count_label.text() or page.count_label.isHidden()
        assert page.empty_label.text().startswith("No "), screen
        assert page.empty_new.isVisible() and page.empty_new.text().startswith("New "), screen


def test_empty_invoices_offer_new_invoice_and_one_from_a_contract(
    empty_window: MainWindow, qtbot: QtBot
) -> None:
    page = _loaded(qtbot, empty_window, Screen.INVOICES)
    assert "No invoices yet." in page.empty_label.text()
    assert page.empty_new.text() == "New invoice"
    buttons = {b.text(): b for b in page.empty.findChildren(QToolButton)}
    assert set(buttons) == {"New invoice", "Make one from a contract"}
    buttons["Make one from a contract"].click()
    assert empty_window.current_screen() is Screen.CONTRACTS
    page.empty_new.click()
    assert any(isinstance(e, InvoiceEditor) for e in empty_window.editors.values())
    assert not any(isinstance(e, ContractEditor) for e in empty_window.editors.values())


def test_a_list_with_one_record_says_1_record(desk: Desk, qtbot: QtBot) -> None:
    page = _loaded(qtbot, desk.window, Screen.DEALS)
    assert page.model.total == 1
    assert page.count_label.text() == "1 record"
    assert not page.is_empty_state()


def test_search_counts_read_naturally(desk: Desk, qtbot: QtBot) -> None:
    page = _loaded(qtbot, desk.window, Screen.PARTIES)
    page.search.setText("Hanse")
    page._run_search_now()
    qtbot.waitUntil(lambda: page.count_label.text() == "1 match")
    page.search.setText("zzzz-nothing")
    page._run_search_now()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and "No matches" in page.count_label.text())
    assert not page.is_empty_state()  # no matches is not "no records"


def test_the_empty_list_speaks_chinese(empty_window: MainWindow, qtbot: QtBot) -> None:
    page = _loaded(qtbot, empty_window, Screen.INVOICES)
    i18n.set_language(i18n.Language.CHINESE)
    try:
        qtbot.waitUntil(lambda: page.empty_label.text().startswith("还没有发票"))
        assert page.empty_new.text() == "新建发票"
    finally:
        i18n.set_language(i18n.Language.ENGLISH)


def test_empty_documents_list_explains_issuing_without_a_new_button(
    empty_window: MainWindow, qtbot: QtBot
) -> None:
    documents = empty_window.show_screen(Screen.DOCUMENTS)
    page = documents.list  # type: ignore[attr-defined]
    assert isinstance(page, ListPage)
    qtbot.waitUntil(lambda: page.model.total is not None)
    assert page.is_empty_state()
    assert page.empty_label.text().startswith("No documents issued yet.")
    assert not page.empty_new.isVisible()
    assert not page.new_button.isVisible()
