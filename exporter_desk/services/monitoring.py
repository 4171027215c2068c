"""Watching the trust network for the company's name (issue 15): passes, polling, alerts.

A pass follows the log from where the last one stopped (the state in the store, migration 8)
with :func:`exporter_desk.trustnet.monitor.follow`, and raises an alert when an entry under the
company's certificate was not issued by this installation, when a certificate is enrolled under
the company's registration id that is not the company's, when the company's certificate is
revoked, or when the log shows a checkpoint inconsistent with one seen before (a split view).
The state and the alerts are saved together, so a restart resumes exactly where it stopped and
no alert is lost. Alerts stay open until the user acknowledges them.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exporter_desk.errors import ExporterError
from exporter_desk.services.identity import CERTIFICATE_SETTING, company_party
from exporter_desk.services.network import Connection, LocalTransport
from exporter_desk.signing import compute_certificate_fingerprint, load_certificates_pem
from exporter_desk.store import Store
from exporter_desk.store.monitor import MonitorAlert, NewAlert, StoredMonitorState
from exporter_desk.trustnet import Entry, NetworkDescriptor, TrustnetError
from exporter_desk.trustnet.client import HttpTransport
from exporter_desk.trustnet.monitor import (
    AlertKind,
    Frontier,
    LogSource,
    MonitorState,
    PassResult,
    follow,
)

__all__ = [
    "MAX_INTERVAL",
    "MIN_INTERVAL",
    "LogSource",
    "MonitorReport",
    "NothingToMonitorError",
    "acknowledge_alerts",
    "advice",
    "company_fingerprint",
    "monitor_pass",
    "monitored_network",
    "open_alerts",
    "run_monitor",
    "source_of",
]

MIN_INTERVAL = 1.0
MAX_INTERVAL = 3600.0
PASS_LIMIT = 100_000
"""Entries read (and proven) per step; the state is saved after each step."""
MAX_STEPS = 10_000
"""Steps in one poll (10^9 entries): a log growing faster than we read cannot keep us forever."""


class NothingToMonitorError(ExporterError):
    """The company has no certificate yet, so no entry can be in its name."""

    def __init__(self) -> None:
        super().__init__(
            "no company certificate to monitor",
            user_message="There is no company certificate yet, so there is nothing to watch "
            "for. Create or import one in Settings > Keys and certificates.",
        )


_ADVICE = {
    AlertKind.FOREIGN_ENTRY: (
        "A document was registered in your company's name that this installation did not "
        "issue: your signing key may have been copied. Ask the network operator to revoke "
        "your certificate now, then re-enrol with a new key."
    ),
    AlertKind.FOREIGN_ENROLMENT: (
        "Someone enrolled a certificate under your company's registration id. If it was not "
        "you, ask the network operator to revoke it now."
    ),
    AlertKind.REVOKED: (
        "Your company's certificate has been revoked: documents signed with it no longer "
        "verify as trusted. If you did not ask for this, contact the network operator; to "
        "issue again, re-enrol with a new key."
    ),
    AlertKind.SPLIT_VIEW: (
        "The trust network showed this installation a history inconsistent with one it showed "
        "before (a split view): the log may be showing different records to different people. "
        "Report it to the network operator and the witnesses; keep this alert as evidence."
    ),
}


def advice(kind: str) -> str:
    """What an alert of ``kind`` means and what to do, in English (the CLI's words)."""
    try:
        return _ADVICE[AlertKind(kind)]
    except ValueError:
        return "The trust-network monitor raised an alert; contact the network operator."


@dataclass(frozen=True, slots=True)
class MonitorReport:
    """What one poll did: the log's size, how many entries were read, the new alerts."""

    network: str
    size: int
    verified_size: int
    entries_read: int
    new_alerts: tuple[MonitorAlert, ...]

    @property
    def is_caught_up(self) -> bool:
        return self.verified_size >= self.size


class _StoreWatch:
    """The company as this installation's store knows it (see ``Watch``)."""

    def __init__(
        self, store: Store, fingerprints: frozenset[str], registration_id: str | None
    ) -> None:
        self._store = store
        self._fingerprints = fingerprints
        self._registration_id = registration_id

    @property
    def fingerprints(self) -> frozenset[str]:
        return self._fingerprints

    @property
    def registration_id(self) -> str | None:
        return self._registration_id

    def is_ours(self, data: bytes, entry: Entry) -> bool:
        return self._store.monitor.is_issued_here(data, entry.number, entry.digest)


def company_fingerprint(store: Store) -> str:
    """The company's current certificate as the log names it (hex SHA-256 of the DER).

    Raises:
        NothingToMonitorError: there is no certificate yet.
    """
    pem = store.settings.get(CERTIFICATE_SETTING)
    if not pem:
        raise NothingToMonitorError()
    return compute_certificate_fingerprint(load_certificates_pem(pem.encode("ascii"))[0])


def _registration_id(store: Store, source: LogSource, fingerprint: str) -> str | None:
    """The id the network enrolled the company under (its spelling), else the company's own."""
    try:
        member: dict[str, Any] = source.member(fingerprint)
    except TrustnetError:
        member = {}
    found = member.get("registration_id")
    if isinstance(found, str) and found.strip():
        return found
    try:
        own = company_party(store).registration_id
    except ExporterError:
        return None
    return own or None


def source_of(connection: Connection) -> LogSource:
    """The log behind an open network connection, as a monitor reads it."""
    transport = connection.transport
    if not isinstance(transport, HttpTransport | LocalTransport):
        raise TypeError(f"cannot monitor through {type(transport).__name__}")
    return transport


def monitored_network(data_dir: Path, store: Store) -> NetworkDescriptor | None:
    """The pinned remote network the company registers with; None for the local network
    (only this installation writes to it, through the keystore, so a background monitor of
    it would only compete with issuing for its lock)."""
    from exporter_desk.services.network import LOCAL_NETWORK, NETWORK_SETTING
    from exporter_desk.services.trust import pinned_networks

    origin = store.settings.get(NETWORK_SETTING, LOCAL_NETWORK) or LOCAL_NETWORK
    if origin == LOCAL_NETWORK:
        return None
    found = [d for d in pinned_networks(data_dir) if d.origin == origin]
    return found[0] if found else None


def _loaded(stored: StoredMonitorState | None) -> MonitorState:
    if stored is None:
        return MonitorState()
    frontier = Frontier.from_bytes(stored.size, stored.frontier)
    return MonitorState(stored.checkpoint, frontier, stored.foreign_issuers)


def monitor_pass(
    store: Store,
    source: LogSource,
    descriptor: NetworkDescriptor,
    *,
    now: dt.datetime | None = None,
    limit: int = PASS_LIMIT,
    stop: threading.Event | None = None,
) -> MonitorReport:
    """Follow the log until its latest checkpoint (``limit`` entries a step, saved after each).

    Raises:
        NothingToMonitorError: the company has no certificate.
        TrustnetError: the log cannot be read or its checkpoint is not witnessed; what was
            proven before the failure is kept.
    """
    network = descriptor.origin
    fingerprint = company_fingerprint(store)
    stored = store.monitor.state(network)
    own = (stored.own_issuers if stored else frozenset()) | {fingerprint}
    watch = _StoreWatch(store, own, _registration_id(store, source, fingerprint))
    state = _loaded(stored)
    start_size = state.frontier.size
    raised: list[MonitorAlert] = []
    result: PassResult | None = None
    for _ in range(MAX_STEPS):
        moment = now or dt.datetime.now(dt.UTC)
        result = follow(source, descriptor, state, watch, now=int(moment.timestamp()), limit=limit)
        state = result.state
        raised += store.monitor.save(
            StoredMonitorState(
                network=network,
                size=state.frontier.size,
                root_hash=state.frontier.root(),
                frontier=state.frontier.to_bytes(),
                checkpoint=state.checkpoint,
                own_issuers=own,
                foreign_issuers=state.foreign,
                checked_at=moment,
            ),
            [NewAlert(f.kind.value, f.key, f.detail, f.index) for f in result.findings],
            moment,
        )
        if result.is_caught_up or result.entries_read == 0 or (stop and stop.is_set()):
            break
    assert result is not None
    return MonitorReport(
        network=network,
        size=result.checkpoint.size,
        verified_size=state.frontier.size,
        entries_read=state.frontier.size - start_size,
        new_alerts=tuple(raised),
    )


def run_monitor(
    store: Store,
    source: LogSource,
    descriptor: NetworkDescriptor,
    *,
    interval: float,
    stop: threading.Event,
    on_report: Callable[[MonitorReport], None] = lambda report: None,
    on_error: Callable[[ExporterError], None] = lambda error: None,
    max_polls: int | None = None,
) -> int:
    """Poll every ``interval`` seconds (clamped to [1 s, 1 h]) until ``stop`` is set or
    ``max_polls`` polls ran; return the number of polls. A poll that fails (network down) is
    reported to ``on_error`` and retried at the next interval; nothing is lost.

    Raises:
        NothingToMonitorError: the company has no certificate (retrying cannot help).
    """
    wait = min(max(float(interval), MIN_INTERVAL), MAX_INTERVAL)
    polls = 0
    while not stop.is_set() and (max_polls is None or polls < max_polls):
        polls += 1
        try:
            on_report(monitor_pass(store, source, descriptor, stop=stop))
        except NothingToMonitorError:
            raise
        except ExporterError as error:
            on_error(error)
        if max_polls is not None and polls >= max_polls:
            break
        stop.wait(wait)
    return polls


def open_alerts(store: Store, limit: int = 100) -> list[MonitorAlert]:
    """Alerts not yet acknowledged, newest first."""
    return store.monitor.alerts(open_only=True, limit=limit)


def acknowledge_alerts(store: Store, alert_ids: list[int], now: dt.datetime | None = None) -> int:
    """The user has read these alerts (they stay in the store as history)."""
    return store.monitor.acknowledge(alert_ids, now or dt.datetime.now(dt.UTC))
