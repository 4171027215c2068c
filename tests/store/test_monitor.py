"""The monitor's state and alerts in the company database (migration 8)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from exporter_desk.store import Store
from exporter_desk.store.monitor import NewAlert, StoredMonitorState

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


def state(size: int = 3) -> StoredMonitorState:
    return StoredMonitorState(
        network="log.test/a",
        size=size,
        root_hash=b"\1" * 32,
        frontier=b"\2" * 64,
        checkpoint="log.test/a\n3\nAQ==\n",
        own_issuers=frozenset({"a" * 64}),
        foreign_issuers=frozenset(),
        checked_at=NOW,
    )


def test_state_and_alerts_are_saved_together_and_an_alert_is_raised_once(store: Store) -> None:
    alert = NewAlert("foreign-entry", "entry:x", "entry 2 under our certificate", 2)
    (raised,) = store.monitor.save(state(), [alert], NOW)
    assert raised.kind == "foreign-entry" and raised.log_index == 2
    assert store.monitor.save(state(5), [alert], NOW) == []  # seen again
    loaded = store.monitor.state("log.test/a")
    assert loaded is not None and loaded.size == 5
    assert loaded.own_issuers == {"a" * 64} and loaded.frontier == b"\2" * 64
    assert store.monitor.state("log.test/other") is None
    assert [a.id for a in store.monitor.alerts()] == [raised.id]


def test_an_acknowledged_alert_leaves_the_open_list_but_stays_in_history(store: Store) -> None:
    (raised,) = store.monitor.save(state(), [NewAlert("revoked", "revoked:a", "revoked")], NOW)
    assert store.monitor.acknowledge([raised.id], NOW) == 1
    assert store.monitor.acknowledge([raised.id], NOW) == 0
    assert store.monitor.alerts() == []
    (kept,) = store.monitor.alerts(open_only=False)
    assert kept.acknowledged_at == NOW


def test_an_unknown_alert_kind_is_refused_and_nothing_is_saved(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown alert kind"):
        store.monitor.save(state(), [NewAlert("bogus", "k", "d")], NOW)
    assert store.monitor.state("log.test/a") is None


def test_an_entry_is_ours_when_its_bytes_are_in_the_outbox(store: Store) -> None:
    entry = b"exporter-desk-entry/v1\nkind commercial-invoice\n..."
    assert not store.monitor.is_issued_here(entry, "INV-1", hashlib.sha256(b"r1").hexdigest())
    store.outbox.enqueue(entry, NOW)
    assert store.monitor.is_issued_here(entry, "INV-1", hashlib.sha256(b"r1").hexdigest())
