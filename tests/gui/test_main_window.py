"""The main window: every screen opens, lists load in pages, search, outbox, language."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from exporter_desk.domain.samples import sample_book
from exporter_desk.gui import i18n
from exporter_desk.gui.app import create_main_window
from exporter_desk.gui.list_page import ListPage
from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.models import StoreTableModel
from exporter_desk.store import Store
from tests.gui.conftest import Desk


def test_every_screen_opens(desk: Desk, qtbot: QtBot) -> None:
    for screen in Screen:
        page = desk.window.show_screen(screen)
        assert desk.window.stack.currentWidget() is page
        if isinstance(page, ListPage):
            qtbot.waitUntil(lambda p=page: p.model.total is not None)
            assert p_total(page) >= 1


def p_total(page: ListPage) -> int:  # type: ignore[type-arg]
    assert page.model.total is not None
    return page.model.total


def test_keyboard_switches_screens(desk: Desk, qtbot: QtBot) -> None:
    qtbot.keyClick(desk.window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert desk.window.current_screen() is Screen.PARTIES


def _many_invoices(count: int) -> Callable[[Store], object]:
    def insert(store: Store) -> object:
        base = store.invoices.list(0, 1)[0]
        return store.invoices.bulk_insert(
            replace(base, id=None, number=f"BULK-{n:05d}", date=dt.date(2026, 1, 1))
            for n in range(count)
        )

    return insert


def test_list_fetches_in_pages_not_all_rows(
    desk: Desk, qtbot: QtBot, seed: Callable[[Callable[[Store], object]], object]
) -> None:
    desk.db(_many_invoices(450))
    page = desk.window.list_page(Screen.INVOICES)
    desk.window.show_screen(Screen.INVOICES)
    page.refresh()
    model: StoreTableModel = page.model  # type: ignore[type-arg]
    qtbot.waitUntil(lambda: model.rowCount() == model.FIRST_PAGE)
    assert model.total == 452
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == model.FIRST_PAGE + model.NEXT_PAGE)
    assert model.rowCount() < 452


def test_sorting_is_done_by_the_store(desk: Desk, qtbot: QtBot) -> None:
    page = desk.window.list_page(Screen.INVOICES)
    desk.window.show_screen(Screen.INVOICES)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    first = page.model.data(page.model.index(0, 0))
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 2 and page.model.data(page.model.index(0, 0)) != first
    )


def test_search_box_uses_the_store_search(desk: Desk, qtbot: QtBot) -> None:
    page = desk.window.list_page(Screen.INVOICES)
    desk.window.show_screen(Screen.INVOICES)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    number = sample_book().proforma.number
    qtbot.keyClicks(page.search, number)
    qtbot.waitUntil(lambda: page.model.query == number and page.model.rowCount() == 1)
    assert page.model.data(page.model.index(0, 0)) == number
    page.search.clear()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)


def test_enter_opens_the_editor(desk: Desk, qtbot: QtBot) -> None:
    page = desk.window.list_page(Screen.PARTIES)
    desk.window.show_screen(Screen.PARTIES)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert any(table == "parties" for table, _ in desk.window.editors)


def test_outbox_indicator_counts_pending_registrations(desk: Desk, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: desk.window.pending_count == 0)
    assert "registered" not in desk.window.outbox_label.text()  # no document yet
    now = dt.datetime.now(dt.UTC)
    desk.db(lambda store: store.outbox.enqueue(b"kind commercial-invoice\nnumber X-1\n", now))
    desk.window.refresh_outbox()
    qtbot.waitUntil(lambda: desk.window.pending_count == 1)
    assert "1 awaiting registration" in desk.window.outbox_label.text()


def test_switching_to_chinese_translates_the_window(desk: Desk, qtbot: QtBot) -> None:
    page = desk.window.list_page(Screen.INVOICES)
    desk.window.set_language(i18n.Language.CHINESE)
    qtbot.waitUntil(lambda: desk.window.sidebar.item(2).text() == "发票")
    assert desk.window.file_menu.title().startswith("文件")
    assert page.new_button.text() == "新建"
    header = page.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "编号"
    desk.window.set_language(i18n.Language.ENGLISH)
    qtbot.waitUntil(lambda: desk.window.sidebar.item(2).text() == "Invoices")


def test_closed_window_is_not_kept_alive_by_its_parts(
    app: QApplication, qtbot: QtBot, data_dir: Path
) -> None:
    """A part that keeps its window in an attribute makes a reference cycle; with the garbage
    collector on a timer, the closed window would live on and answer later events (a language
    change) with a database thread that is gone."""
    window, tasks, _presenter = create_main_window(data_dir)
    window.show()
    for screen in Screen:
        window.show_screen(screen)
    window.show_wizard()
    window.wizard.reject()
    qtbot.waitUntil(lambda shown=window: shown.pending_count is not None)
    window.close()
    tasks.shutdown()
    ref = weakref.ref(window)
    del window
    qtbot.wait(50)
    assert ref() is None
