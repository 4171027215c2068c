"""The trust-network monitor in the app: an alert left open by an earlier session shows in a red
banner that says what to do, until the user acknowledges it; a background pass against a real
network (log and witness on 127.0.0.1) raises one without blocking the window."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from exporter_desk.gui import i18n
from exporter_desk.gui.monitor_banner import alert_message
from exporter_desk.services.network import join_network
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import Store, database_path, open_store
from exporter_desk.store.monitor import NewAlert, StoredMonitorState
from tests.gui.conftest import wait_for
from tests.services.test_monitoring import COMPANY, REGISTRATION_ID, other_member, register
from tests.services.trust_servers import TrustServers

NOW = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


def _left_open(store: Store) -> object:
    return store.monitor.save(
        StoredMonitorState(
            network="log.example.net",
            size=0,
            root_hash=b"\0" * 32,
            frontier=b"",
            checkpoint=None,
            own_issuers=frozenset(),
            foreign_issuers=frozenset(),
            checked_at=NOW,
        ),
        [NewAlert("foreign-entry", "entry:1", "entry 41: commercial-invoice INV-9 issued", 41)],
        NOW,
    )


def test_an_alert_left_open_shows_in_a_red_banner_until_acknowledged(
    data_dir: Path, app: object, qtbot: QtBot
) -> None:
    with open_store(database_path(data_dir)) as store:
        _left_open(store)
    from exporter_desk.gui.app import create_main_window

    i18n.set_language(i18n.Language.ENGLISH)
    window, tasks, _presenter = create_main_window(data_dir)
    banner = window.monitor_banner
    assert not banner.isVisible()  # nothing is read before the window shows
    window.show()
    try:
        wait_for(qtbot, banner.isVisible)
        assert "revoke your certificate" in banner.message.text()
        assert "re-enrol" in banner.message.text()
        assert "INV-9" in banner.detail.text()
        banner.grab().save(str(data_dir / "monitor_banner.png"))
        qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
        wait_for(qtbot, lambda: not banner.isVisible())
        assert tasks.run_db_blocking(lambda store: store.monitor.alerts()) == []
    finally:
        window.close()
        tasks.shutdown()


def test_every_alert_kind_says_what_to_do_in_english_and_chinese(app: object) -> None:
    kinds = ("foreign-entry", "foreign-enrolment", "revoked", "split-view")
    english = [alert_message(kind) for kind in kinds]
    assert all("operator" in text for text in english)
    i18n.set_language(i18n.Language.CHINESE)
    try:
        chinese = [alert_message(kind) for kind in kinds]
    finally:
        i18n.set_language(i18n.Language.ENGLISH)
    assert all("运营方" in text for text in chinese), chinese


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[TrustServers]:
    net = TrustServers(tmp_path / "net").start()
    yield net
    net.stop()


@pytest.mark.slow
def test_a_background_pass_reports_an_impostor_without_blocking_the_window(
    servers: TrustServers, data_dir: Path, app: object, qtbot: QtBot
) -> None:
    with open_store(database_path(data_dir)) as store:
        join_network(
            data_dir,
            store,
            KeyringKeystore(),
            servers.descriptor,
            servers.invite(COMPANY, REGISTRATION_ID),
        )
    register(servers, other_member(servers, "Fake Huayang", REGISTRATION_ID), "FAKE-1")
    from exporter_desk.gui.app import create_main_window

    i18n.set_language(i18n.Language.ENGLISH)
    window, tasks, _presenter = create_main_window(data_dir)
    window.show()
    try:
        monitor = window.network_monitor
        wait_for(qtbot, lambda: monitor.timer.isActive())
        assert monitor.timer.interval() == monitor.POLL_MS
        started = time.monotonic()
        monitor.poll()
        assert time.monotonic() - started < 0.5  # the pass runs on a worker, not here
        wait_for(qtbot, lambda: monitor.passes >= 1)
        assert window.monitor_banner.isVisible()
        assert "registration id" in window.monitor_banner.message.text() or (
            "did not issue" in window.monitor_banner.message.text()
        )
        assert window.monitor_banner.alerts and len(window.monitor_banner.alerts) == 2
    finally:
        window.close()
        tasks.shutdown()
