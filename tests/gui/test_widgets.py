"""Date fields: typed in ISO or the locale's short form, left empty, cleared, never a trap."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from exporter_desk.gui import i18n
from exporter_desk.gui.editors import ContractEditor, ShipmentEditor
from exporter_desk.gui.widgets import OptionalDateEdit, parse_date
from tests.gui.conftest import Desk


def test_typing_an_iso_date_into_an_empty_field_stores_that_date(desk: Desk, qtbot: QtBot) -> None:
    editor = desk.window.open_editor("contracts", 1)
    assert isinstance(editor, ContractEditor)
    qtbot.waitUntil(editor.isEnabled)
    editor.delivery_earliest.set_value(None)
    editor.delivery_latest.set_value(None)
    editor.delivery_latest.setFocus()
    qtbot.keyClicks(editor.delivery_latest, "2026-05-20")
    assert editor.delivery_latest.text() == "2026-05-20"
    assert editor.build()[0].delivery_latest == dt.date(2026, 5, 20)
    editor.save()
    qtbot.waitUntil(lambda: not editor.is_dirty())
    stored = desk.db(lambda store: store.contracts.get(1))
    assert stored.delivery_latest == dt.date(2026, 5, 20)  # type: ignore[attr-defined]


def test_tab_moves_on_from_an_empty_date(desk: Desk, qtbot: QtBot) -> None:
    editor = desk.window.open_editor("shipments")
    assert isinstance(editor, ShipmentEditor)
    editor.activateWindow()
    editor.etd.setFocus()
    qtbot.waitUntil(editor.etd.hasFocus)
    qtbot.keyClick(editor.etd, Qt.Key.Key_Tab)
    assert not editor.etd.hasFocus()
    assert editor.etd.value() is None
    editor._clean = editor.snapshot()


def test_a_date_can_be_cleared(qtbot: QtBot) -> None:
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    field.set_value(dt.date(2026, 7, 1))
    assert field.value() == dt.date(2026, 7, 1)
    field.clear()
    assert field.value() is None and not field.is_invalid()


def test_up_arrow_on_an_empty_date_starts_from_today_not_2001(qtbot: QtBot) -> None:
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.value() == dt.date.today()
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.value() == dt.date.today() + dt.timedelta(days=1)


def test_accepts_the_locales_short_form_and_shows_iso_after(
    app: QApplication, qtbot: QtBot
) -> None:
    i18n.set_language(i18n.Language.ENGLISH)
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    qtbot.keyClicks(field, "5/20/26")  # en_US short form
    assert field.value() == dt.date(2026, 5, 20)
    field.editingFinished.emit()
    assert field.text() == "2026-05-20"


def test_chinese_locale_short_form(app: QApplication) -> None:
    i18n.set_language(i18n.Language.CHINESE)
    try:
        assert parse_date("2026/5/20") == dt.date(2026, 5, 20)
    finally:
        i18n.set_language(i18n.Language.ENGLISH)


def test_unreadable_date_is_reported_beside_the_field_and_blocks_saving(
    desk: Desk, qtbot: QtBot
) -> None:
    editor = desk.window.open_editor("contracts", 1)
    assert isinstance(editor, ContractEditor)
    qtbot.waitUntil(editor.isEnabled)
    editor.delivery_latest.setText("2026-13-45")
    box = editor.header_form.box("delivery_latest")
    assert box is not None and box.error.isVisible()
    assert "2026-05-20" in box.error.text()
    assert any(p.field == "delivery_latest" for p in editor.problems)
    assert isinstance(editor.delivery_latest, QLineEdit)
    editor._clean = editor.snapshot()


def test_a_date_can_be_picked_from_the_calendar_with_f4(qtbot: QtBot) -> None:
    from PySide6.QtCore import QDate

    field = OptionalDateEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClick(field, Qt.Key.Key_F4)
    popup = field._popup
    assert popup is not None and popup.isVisible()
    popup.clicked.emit(QDate(2026, 5, 20))
    assert field.value() == dt.date(2026, 5, 20)
    assert field._popup is None


def test_a_required_date_emptied_is_reported_not_saved_as_today(desk: Desk, qtbot: QtBot) -> None:
    editor = desk.window.open_editor("invoices", 1)
    qtbot.waitUntil(editor.isEnabled)
    editor.date.clear()  # type: ignore[attr-defined]
    assert any(p.field == "date" for p in editor.problems)
    editor._clean = editor.snapshot()
