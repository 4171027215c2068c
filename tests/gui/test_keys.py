"""No OS keyring: the GUI asks for the key file's passphrase on the GUI thread, says so when it
is wrong and asks again, keeps it for the session in memory only, and a cancel is silent."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from exporter_desk.domain import DocumentKind, DocumentStatus
from exporter_desk.gui.document_dialogs import IssueChecklistDialog
from exporter_desk.gui.documents_page import DocumentsPage, IssueDialog
from exporter_desk.gui.errors import log_path, setup_logging
from exporter_desk.gui.keys import KeyAccess, PassphraseDialog, SharedKeystore
from exporter_desk.gui.main_window import Screen
from exporter_desk.signing import EncryptedFileKeystore
from tests.gui.conftest import Desk, company_with_key, wait_for, when_shown

PASSPHRASE = "correct horse battery"


def _key_file_with_a_token(data_dir: Path) -> None:
    keystore = EncryptedFileKeystore(data_dir / "keys.enc", PASSPHRASE)
    keystore.store_token("default", "example.net/log", "token-1")


def _type_and_ok(qtbot: QtBot, dialog: PassphraseDialog, text: str, repeat: str = "") -> None:
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, text)
    if dialog.is_new:
        dialog.repeat.clear()
        qtbot.keyClicks(dialog.repeat, repeat)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_wrong_passphrase_is_said_and_asked_again(
    app: QApplication, qtbot: QtBot, tmp_path: Path, no_keyring: None, monkeypatch: MonkeyPatch
) -> None:
    _key_file_with_a_token(tmp_path)
    keys = KeyAccess(tmp_path)
    assert keys.quiet() is None  # a background job would not get the keys, nor ask
    seen: list[str] = []

    def drive(dialog: PassphraseDialog) -> None:
        assert not dialog.is_new and not dialog.repeat.isVisible()
        assert "encrypted file" in dialog.why.text()
        assert dialog.passphrase.echoMode() is dialog.passphrase.EchoMode.Password
        _type_and_ok(qtbot, dialog, "wrong horse battery")
        wait_for(qtbot, lambda: "not correct" in dialog.error.text())
        seen.append(dialog.error.text())
        assert dialog.isVisible() and dialog.passphrase.text() == ""
        _type_and_ok(qtbot, dialog, PASSPHRASE)

    when_shown(PassphraseDialog, drive)
    factory = keys.ask(None)
    assert seen and "Caps Lock" in seen[0]
    assert factory is not None
    assert factory().load_token("default", "example.net/log") == "token-1"
    assert factory() is factory()  # one keystore per session: no lost writes between threads

    def must_not_ask(self: QDialog) -> int:
        raise AssertionError("asked twice in one session")

    monkeypatch.setattr(PassphraseDialog, "exec", must_not_ask)
    assert keys.ask(None) is factory
    assert PASSPHRASE not in repr(factory)


def test_new_key_file_needs_the_passphrase_twice_and_eight_characters(
    app: QApplication, qtbot: QtBot, tmp_path: Path, no_keyring: None
) -> None:
    keys = KeyAccess(tmp_path)
    messages: list[str] = []

    def drive(dialog: PassphraseDialog) -> None:
        assert dialog.is_new and dialog.repeat.isVisible()
        assert "no system keyring" in dialog.why.text()
        _type_and_ok(qtbot, dialog, "short", "short")
        messages.append(dialog.error.text())
        _type_and_ok(qtbot, dialog, "long enough 1", "long enough 2")
        messages.append(dialog.error.text())
        _type_and_ok(qtbot, dialog, "long enough 1", "long enough 1")

    when_shown(PassphraseDialog, drive)
    factory = keys.ask(None)
    assert "at least 8 characters" in messages[0]
    assert "differ" in messages[1]
    assert factory is not None
    factory().store_token("default", "example.net/log", "token-2")
    reopened = EncryptedFileKeystore(tmp_path / "keys.enc", "long enough 1")
    assert reopened.load_token("default", "example.net/log") == "token-2"


def test_cancelling_the_passphrase_cancels_the_issue_silently(
    desk: Desk,
    qtbot: QtBot,
    monkeypatch: MonkeyPatch,
    data_dir: Path,
    no_keyring: None,
) -> None:
    _key_file_with_a_token(data_dir)
    page = desk.window.show_screen(Screen.DOCUMENTS)
    assert isinstance(page, DocumentsPage)

    def choose_invoice(dialog: IssueDialog) -> int:
        picker = dialog.picker()
        qtbot.waitUntil(lambda: picker.choose(1))
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(IssueDialog, "exec", choose_invoice)
    asked: list[bool] = []

    def cancel(dialog: PassphraseDialog) -> None:
        asked.append(True)
        dialog.reject()

    when_shown(PassphraseDialog, cancel)
    when_shown(IssueChecklistDialog, lambda dialog: dialog.issue_button.click())
    page.issue()
    qtbot.waitUntil(lambda: asked == [True])
    assert page._workers == [] and page.notice.text() == ""
    assert desk.presenter.last_message == ""
    assert not desk.window.keys.is_unlocked


@pytest.mark.slow
def test_issue_without_keyring_asks_once_and_keeps_the_passphrase_in_memory_only(
    desk: Desk,
    qtbot: QtBot,
    monkeypatch: MonkeyPatch,
    data_dir: Path,
    no_keyring: None,
) -> None:
    setup_logging(data_dir)
    desk.db(company_with_key(EncryptedFileKeystore(data_dir / "keys.enc", PASSPHRASE)))
    page = desk.window.show_screen(Screen.DOCUMENTS)
    assert isinstance(page, DocumentsPage)

    def choose_invoice(dialog: IssueDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData(DocumentKind.COMMERCIAL_INVOICE.value))
        picker = dialog.picker()
        qtbot.waitUntil(lambda: picker.choose(1))
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(IssueDialog, "exec", choose_invoice)
    when_shown(PassphraseDialog, lambda dialog: _type_and_ok(qtbot, dialog, PASSPHRASE))
    when_shown(IssueChecklistDialog, lambda dialog: dialog.issue_button.click())
    page.issue()
    wait_for(qtbot, lambda: page.last_issued is not None, timeout=60_000)
    issued = page.last_issued
    assert issued is not None and issued.status is DocumentStatus.REGISTERED
    assert isinstance(desk.window.keys.quiet(), SharedKeystore)

    for handler in logging.getLogger("exporter_desk").handlers:
        handler.flush()
    settings = QSettings()
    stored = " ".join(str(settings.value(key)) for key in settings.allKeys())
    assert PASSPHRASE not in stored
    assert PASSPHRASE not in log_path(data_dir).read_text(encoding="utf-8")
    assert PASSPHRASE.encode() not in (data_dir / "keys.enc").read_bytes()
