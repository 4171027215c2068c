"""The outbox: a document signed while the network was down is registered in the background
right after start (the status bar follows), and "Retry now" registers at once, asking for the
key passphrase that a background retry never asks for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from exporter_desk.domain import DocumentKind, DocumentStatus, IssuedDocument
from exporter_desk.gui.keys import PassphraseDialog
from exporter_desk.gui.main_window import Screen
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.network import Connection, open_local_network
from exporter_desk.signing import EncryptedFileKeystore, KeyringKeystore, Keystore
from exporter_desk.store import database_path, open_store
from exporter_desk.trustnet.client import NetworkUnavailableError, TrustnetClient
from tests.gui.conftest import Desk, company_with_key, wait_for, when_shown

PASSPHRASE = "outbox passphrase"


class Unreachable:
    """A network transport whose every call finds the network down."""

    def __getattr__(self, name: str) -> Any:
        def down(*_args: object, **_kwargs: object) -> object:
            raise NetworkUnavailableError(f"{name}: offline in this test")

        return down


def _signed_while_offline(data_dir: Path, keystore: Keystore) -> IssuedDocument:
    """Issue invoice 1 with the network down: it waits in the outbox, due again already."""
    with open_store(database_path(data_dir)) as store:
        company_with_key(keystore)(store)
        with open_local_network(data_dir, store, keystore) as local:
            offline = Connection(
                descriptor=local.descriptor,
                client=TrustnetClient(local.descriptor, Unreachable()),
                token=local.token,
            )
            past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=90)
            doc = issue_document(
                store, keystore, data_dir, offline, DocumentKind.COMMERCIAL_INVOICE, 1, now=past
            )
        assert doc.status is DocumentStatus.AWAITING_REGISTRATION
        assert store.outbox.pending_count() == 1
        return doc


@pytest.fixture
def waiting_in_keyring(data_dir: Path) -> IssuedDocument:
    return _signed_while_offline(data_dir, KeyringKeystore())


@pytest.fixture
def waiting_in_key_file(no_keyring: None, data_dir: Path) -> IssuedDocument:
    return _signed_while_offline(data_dir, EncryptedFileKeystore(data_dir / "keys.enc", PASSPHRASE))


def _status(desk: Desk, doc: IssuedDocument) -> DocumentStatus:
    assert doc.id is not None
    found = desk.db(lambda store: store.documents.get(doc.id))
    assert isinstance(found, IssuedDocument)
    return found.status


def test_waiting_document_is_registered_in_the_background_after_start(
    waiting_in_keyring: IssuedDocument, desk: Desk, qtbot: QtBot
) -> None:
    window = desk.window
    assert window.outbox.timer.isActive()
    assert window.outbox.timer.interval() == 60_000
    wait_for(qtbot, lambda: window.pending_count == 0 and not window.outbox.is_running)
    assert _status(desk, waiting_in_keyring) is DocumentStatus.REGISTERED
    assert "All documents registered" in window.outbox_label.text()
    assert not window.retry_button.isVisible()
    assert window.outbox.last_result is not None
    assert window.outbox.last_result.delivered == 1  # type: ignore[attr-defined]


def test_retry_now_asks_for_the_passphrase_a_background_retry_never_asks_for(
    waiting_in_key_file: IssuedDocument, desk: Desk, qtbot: QtBot
) -> None:
    window = desk.window
    wait_for(qtbot, lambda: window.pending_count == 1)
    window.outbox.retry_if_waiting()  # the timer's job: no dialog, nothing registered
    qtbot.wait(200)
    assert window.pending_count == 1 and not window.outbox.is_running
    assert "1 awaiting registration" in window.outbox_label.text()
    assert window.retry_button.isVisible() and window.retry_action.isEnabled()
    documents = window.show_screen(Screen.DOCUMENTS)
    assert documents.isVisible()

    when_shown(
        PassphraseDialog,
        lambda dialog: (
            qtbot.keyClicks(dialog.passphrase, PASSPHRASE),
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton),
        ),
    )
    qtbot.mouseClick(window.retry_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: window.pending_count == 0 and not window.outbox.is_running)
    assert _status(desk, waiting_in_key_file) is DocumentStatus.REGISTERED
    assert "All documents registered" in window.outbox_label.text()
    assert not window.retry_action.isEnabled()


def test_with_no_document_the_status_bar_claims_nothing(desk: Desk, qtbot: QtBot) -> None:
    window = desk.window
    wait_for(qtbot, lambda: window.pending_count == 0 and window.outbox.issued == 0)
    assert "registered" not in window.outbox_label.text()
