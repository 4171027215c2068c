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
from exporter_desk.gui.main_window import LIST_SOURCES, Screen
from exporter_desk.gui.models import StoreTableModel
from exporter_desk.store import Store
from tests.gui.conftest import Desk

LIST_SCREENS = tuple(LIST_SOURCES)


def test_every_screen_opens(desk: Desk, qtbot: QtBot) -> None:
    for screen in Screen:
        page = desk.window.show_screen(screen)
        assert desk.window.current_page() is page
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


def test_window_editors_and_dialogs_fit_a_1024x640_laptop(desk: Desk, qtbot: QtBot) -> None:
    from PySide6.QtCore import QSize

    from tests.gui._walk import clipped_labels, settle, views

    laptop = QSize(1024, 640)
    desk.window.resize(laptop)
    problems: list[str] = []
    walked = 0
    for language in (i18n.Language.ENGLISH, i18n.Language.CHINESE):
        i18n.set_language(language)
        for name, view in views(desk.window):
            walked += 1
            minimum = view.minimumSizeHint()
            if minimum.width() > laptop.width() or minimum.height() > laptop.height():
                problems.append(f"{language.value} {name}: needs at least {minimum.toTuple()}")
            if view is not desk.window:
                view.resize(view.size().boundedTo(laptop))
            settle(0.05)
            problems.extend(f"{language.value} {name}: clipped {c}" for c in clipped_labels(view))
    i18n.set_language(i18n.Language.ENGLISH)
    assert desk.window.size() == laptop
    for problem in problems:
        print(problem)
    assert walked > 40
    assert not problems


def test_editors_open_within_the_screen(desk: Desk, qtbot: QtBot) -> None:
    from exporter_desk.gui.main_window import EDITORS

    for table in EDITORS:
        editor = desk.window.open_editor(table)
        room = editor.screen().availableGeometry()
        assert editor.width() <= room.width() and editor.height() <= room.height(), table
        editor.close()


def test_list_screens_need_no_sideways_scrolling_at_1024(desk: Desk, qtbot: QtBot) -> None:
    from tests.gui._walk import settle

    desk.window.resize(1024, 640)
    for language in (i18n.Language.ENGLISH, i18n.Language.CHINESE):
        i18n.set_language(language)
        for screen in (*LIST_SCREENS, Screen.VERIFY, Screen.SETTINGS):
            desk.window.show_screen(screen)
            settle(0.1)
            frame = desk.window.frames[screen]
            assert frame.horizontalScrollBar().maximum() == 0, (language, screen)
    i18n.set_language(i18n.Language.ENGLISH)


def test_list_tools_fold_into_a_menu_when_narrow(desk: Desk, qtbot: QtBot) -> None:
    from tests.gui._walk import settle

    page = desk.window.show_screen(Screen.CONTRACTS)
    assert isinstance(page, ListPage)
    desk.window.resize(1024, 640)
    settle(0.1)
    assert page.tools.folded() == [] and page.tools.more.isHidden()
    desk.window.resize(600, 640)
    settle(0.1)
    folded = page.tools.folded()
    assert folded and not page.tools.more.isHidden()
    page.tools._fill_menu()
    texts = [a.text() for a in page.tools.more.menu().actions()]
    assert texts == [b.text() for b in folded]
    assert "New invoice from contract" in texts
