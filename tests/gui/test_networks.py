"""Sharing our network (Settings): the file a counterparty imports, with the fingerprint to read
over the phone; and the setup assistant saying what the local network proves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.networks import ShareNetworkDialog
from exporter_desk.gui.settings_page import SettingsPage
from exporter_desk.gui.wizard import SetupWizard
from exporter_desk.services.network import open_local_network
from exporter_desk.services.trust import describe_descriptor, read_descriptor_file
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import Store
from tests.gui.conftest import Desk, company_with_key


def _local_network(data_dir: Path) -> object:
    def setup(store: Store) -> object:
        company_with_key(KeyringKeystore())(store)
        with open_local_network(data_dir, store, KeyringKeystore()) as network:
            return network.descriptor.origin

    return setup


def test_settings_share_our_network_saves_a_file_others_can_import(
    desk: Desk, qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    origin = desk.db(_local_network(data_dir))
    page = desk.window.show_screen(Screen.SETTINGS)
    assert isinstance(page, SettingsPage)
    assert page.share_network.text() == "Share our network..."
    qtbot.mouseClick(page.share_network, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.share_dialog is not None and page.share_dialog.isVisible())
    dialog = page.share_dialog
    assert isinstance(dialog, ShareNetworkDialog)
    fingerprint = dialog.fingerprint.text()
    assert len(fingerprint.split(" ")) == 5
    assert dialog.origin.text() == origin
    assert "only what your company itself recorded" in dialog.intro.text()
    pixmap = dialog.qr.pixmap()
    assert not pixmap.isNull() and pixmap.width() == pixmap.height() >= 100

    target = tmp_path / "for-the-bank.json"
    assert dialog.save(target)
    descriptor = read_descriptor_file(target)
    assert descriptor.origin == origin
    assert f"Fingerprint: {fingerprint}" in describe_descriptor(descriptor)
    dialog.close()


def test_sharing_before_any_network_exists_says_what_to_do(desk: Desk, qtbot: QtBot) -> None:
    page = desk.window.show_screen(Screen.SETTINGS)
    assert isinstance(page, SettingsPage)
    qtbot.mouseClick(page.share_network, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(desk.presenter.last_message))
    assert "not set up yet" in desk.presenter.last_message
    assert page.share_dialog is None


def test_the_setup_assistant_says_what_the_local_network_proves(desk: Desk) -> None:
    desk.window.show_wizard()
    wizard = desk.window.wizard
    assert isinstance(wizard, SetupWizard)
    note = wizard.network_page.local_note.text()
    assert "proves what your company itself recorded" in note
    assert "Joining a shared network" in note and "independently" in note
    wizard.reject()
