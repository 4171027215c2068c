"""Sharing our network (Settings): the file a counterparty imports, with the fingerprint to read
over the phone; and the setup assistant saying what the local network proves."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from exporter_desk.gui.backend import ONLINE_CHECKS_SETTING
from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.networks import ShareNetworkDialog, TrustNetworkDialog
from exporter_desk.gui.settings_page import SettingsPage
from exporter_desk.gui.wizard import SetupWizard
from exporter_desk.notary.provision import init_log
from exporter_desk.notary.trust_root import init_trust_root, publish_descriptor
from exporter_desk.services.network import open_local_network
from exporter_desk.services.trust import describe_descriptor, read_descriptor_file
from exporter_desk.services.trust_roots import (
    network_sources,
    pin_from_trust_root,
    preview_trust_root,
    read_trust_root_file,
)
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import Store
from tests.gui.conftest import Desk, company_with_key, wait_for, when_shown


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


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """A plain static web server on 127.0.0.1 for ``folder``: a TUF repository needs no more."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_settings_pins_a_network_from_its_trust_root_and_shows_where_it_came_from(
    desk: Desk, qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "operator"
    init_log(log, origin="log.example.test/tuf", api_url="https://log.example.test/")
    page = desk.window.show_screen(Screen.SETTINGS)
    assert isinstance(page, SettingsPage)
    with static_server(log / "tuf" / "repository") as url:
        trust_root = init_trust_root(log, repository_url=url)

        def check_and_trust(box: TrustNetworkDialog) -> None:
            assert "log.example.test/tuf" in box.text()
            assert "Fingerprint:" in box.text()
            box.done(QMessageBox.StandardButton.Yes)

        when_shown(TrustNetworkDialog, check_and_trust)
        assert page.trust_roots.pin(page, trust_root)
        wait_for(qtbot, lambda: "log.example.test/tuf: from its trust root" in page.networks.text())
        assert url in page.networks.text()
        assert "since 20" in page.networks.text()

        # The operator publishes a new descriptor; Refresh networks learns it.
        (log / "network.json").write_bytes(
            (log / "network.json")
            .read_bytes()
            .replace(b"https://log.example.test/", b"https://log2.example.test/")
        )
        publish_descriptor(log)
        qtbot.mouseClick(page.refresh_networks, Qt.MouseButton.LeftButton)
        wait_for(qtbot, lambda: "updated" in page.last_refresh_message)
    (pinned,) = network_sources(data_dir)
    assert pinned.descriptor.api_url == "https://log2.example.test/"
    assert pinned.source == "trust-root"


def test_refreshing_an_unreachable_trust_root_keeps_the_network_and_says_why(
    desk: Desk, qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "operator"
    init_log(log, origin="log.example.test/gone", api_url="https://log.example.test/")
    page = desk.window.show_screen(Screen.SETTINGS)
    assert isinstance(page, SettingsPage)
    with static_server(log / "tuf" / "repository") as url:
        trust_root = init_trust_root(log, repository_url=url)
        when_shown(TrustNetworkDialog, lambda box: box.done(QMessageBox.StandardButton.Yes))
        assert page.trust_roots.pin(page, trust_root)
        wait_for(qtbot, lambda: "log.example.test/gone" in page.networks.text())
    qtbot.mouseClick(page.refresh_networks, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "not refreshed" in page.last_refresh_message)
    assert "cannot be reached" in page.last_refresh_message
    assert [p.descriptor.origin for p in network_sources(data_dir)] == ["log.example.test/gone"]


def test_with_online_checks_on_the_window_refreshes_trust_roots_in_the_background(
    desk: Desk, qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "operator"
    init_log(log, origin="log.example.test/auto", api_url="https://log.example.test/")
    with static_server(log / "tuf" / "repository") as url:
        root = read_trust_root_file(init_trust_root(log, repository_url=url))
        descriptor, metadata = preview_trust_root(root)
        pin_from_trust_root(data_dir, root, descriptor, metadata)
        (log / "network.json").write_bytes(
            (log / "network.json")
            .read_bytes()
            .replace(b"https://log.example.test/", b"https://api.example.test/")
        )
        publish_descriptor(log)

        desk.window._refresh_trust_roots()  # online checks off: nothing is fetched
        qtbot.wait(300)
        assert network_sources(data_dir)[0].descriptor.api_url == "https://log.example.test/"

        desk.db(lambda store: store.settings.set(ONLINE_CHECKS_SETTING, "1"))
        desk.window._refresh_trust_roots()
        wait_for(
            qtbot,
            lambda: network_sources(data_dir)[0].descriptor.api_url == "https://api.example.test/",
        )


def test_a_closed_window_never_starts_the_trust_root_refresh(desk: Desk) -> None:
    timer = desk.window._trust_roots_timer
    assert timer.isActive() and timer.parent() is desk.window  # dies with the window
    desk.window.close()
    assert not timer.isActive()
