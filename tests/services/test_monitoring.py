"""The trust-network monitor against a real log and witness on 127.0.0.1: a stolen key, a
forked log, a revocation, a restart, and a normal run that reports nothing."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from exporter_desk.domain import DocumentKind, PartyId
from exporter_desk.notary.provision import request_revocation
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.identity import CERTIFICATE_SETTING
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.monitoring import (
    MonitorReport,
    NothingToMonitorError,
    acknowledge_alerts,
    monitor_pass,
    open_alerts,
    run_monitor,
)
from exporter_desk.services.network import join_network, open_network
from exporter_desk.signing import (
    KeyringKeystore,
    compute_certificate_fingerprint,
    load_certificates_pem,
)
from exporter_desk.store import Store, database_path, open_store
from exporter_desk.trustnet import merkle
from exporter_desk.trustnet.client import HttpTransport
from exporter_desk.trustnet.monitor import AlertKind, MonitorState, follow
from tests.notary.helpers import Member, entry_bytes, new_key_and_csr, wait_until
from tests.services.conftest import Desk as LocalDesk
from tests.services.trust_servers import TrustServers

pytestmark = pytest.mark.slow

COMPANY = "Shanghai Huayang Trading"
REGISTRATION_ID = "91310000HY0001"


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[TrustServers]:
    net = TrustServers(tmp_path / "net").start()
    yield net
    net.stop()


@dataclass
class Desk:
    data_dir: Path
    store: Store
    keystore: KeyringKeystore

    def reopen(self) -> None:
        self.store.close()
        self.store = open_store(database_path(self.data_dir))

    def issue(self, invoice: int, kind: DocumentKind = DocumentKind.COMMERCIAL_INVOICE) -> None:
        with open_network(self.data_dir, self.store, self.keystore) as connection:
            issue_document(
                self.store,
                self.keystore,
                self.data_dir,
                connection,
                kind,
                invoice,
                now=dt.datetime.now(dt.UTC),
            )


def joined_desk(data_dir: Path, servers: TrustServers) -> Desk:
    store = open_store(database_path(data_dir))
    seed_demo(store)
    keystore = KeyringKeystore()
    code = servers.invite(COMPANY, REGISTRATION_ID)
    join_network(data_dir, store, keystore, servers.descriptor, code)
    return Desk(data_dir, store, keystore)


def other_member(servers: TrustServers, name: str, registration_id: str) -> Member:
    assert servers.service is not None
    key, csr = new_key_and_csr()
    enrolment = servers.service.enrol(servers.invite(name, registration_id), csr)
    return Member(key, enrolment.fingerprint, enrolment.api_token, enrolment.certificate_pem)


def register(servers: TrustServers, member: Member, number: str) -> None:
    response = requests.post(
        f"{servers.url}/v1/entries",
        data=entry_bytes(member, number, number.encode()),
        headers={"Authorization": f"Bearer {member.token}"},
        timeout=15,
    )
    assert response.status_code == 200, response.text


def poll(desk: Desk, servers: TrustServers) -> MonitorReport:
    transport = HttpTransport(servers.url)
    try:
        return monitor_pass(desk.store, transport, servers.descriptor)
    finally:
        transport.close()


def test_a_normal_run_with_only_our_own_entries_reports_nothing(
    servers: TrustServers, tmp_path: Path
) -> None:
    desk = joined_desk(tmp_path / "desk", servers)
    desk.issue(1)
    neighbour = other_member(servers, "Ningbo Neighbour Ltd", "91330200NB0002")
    for n in range(5):
        register(servers, neighbour, f"NB-{n}")

    report = poll(desk, servers)

    assert report.new_alerts == ()
    assert report.size == servers.size() >= 9  # registrar, 2 enrolments, ours, 5 others
    assert report.entries_read == report.size and report.is_caught_up
    assert open_alerts(desk.store) == []
    desk.store.close()


def test_entries_made_with_a_copy_of_our_key_elsewhere_are_reported_within_one_poll(
    servers: TrustServers, tmp_path: Path
) -> None:
    desk = joined_desk(tmp_path / "desk", servers)
    desk.issue(1)
    desk.store.close()
    # The thief's installation: a copy of the data folder, the same key, certificate and token.
    shutil.copytree(desk.data_dir, tmp_path / "thief")
    desk.reopen()
    desk.store.close()

    interval = 1.0
    reports: list[tuple[float, MonitorReport]] = []
    stop = threading.Event()
    first_poll = threading.Event()

    def watch() -> None:
        store = open_store(database_path(desk.data_dir))  # the monitor's own connection
        transport = HttpTransport(servers.url)

        def record(report: MonitorReport) -> None:
            reports.append((time.monotonic(), report))
            first_poll.set()

        try:
            run_monitor(
                store, transport, servers.descriptor, interval=interval, stop=stop,
                on_report=record, max_polls=60,
            )  # fmt: skip
        finally:
            transport.close()
            store.close()

    monitor = threading.Thread(target=watch)
    monitor.start()
    try:
        assert first_poll.wait(30)
        assert reports[0][1].new_alerts == ()  # our own invoice is no alarm
        thief = Desk(
            tmp_path / "thief", open_store(database_path(tmp_path / "thief")), desk.keystore
        )
        thief.issue(2, DocumentKind.PROFORMA_INVOICE)  # the demo's invoice 2 is a proforma
        registered = time.monotonic()
        polls_before = len(reports)
        wait_until(lambda: any(r.new_alerts for _, r in reports), "the monitor's alert", 30)
    finally:
        stop.set()
        monitor.join(30)
    when, report = next((t, r) for t, r in reports if r.new_alerts)
    # The poll in flight when the thief registered may have fetched the checkpoint before; the
    # one after it must see the entry. Wall time: one interval plus the pass itself, which on a
    # loaded 2-core runner takes well under 3 s.
    assert reports.index((when, report)) + 1 <= polls_before + 2
    assert when - registered < interval + 3.0
    (alert,) = report.new_alerts
    assert alert.kind == AlertKind.FOREIGN_ENTRY
    assert "proforma-invoice HY-PI-2026-0047" in alert.detail
    thief.store.close()

    # Durable: the alert is there after a restart, until the user acknowledges it.
    desk.store = open_store(database_path(desk.data_dir))
    (stored,) = open_alerts(desk.store)
    assert stored.id == alert.id
    assert acknowledge_alerts(desk.store, [stored.id]) == 1
    assert open_alerts(desk.store) == []
    assert poll(desk, servers).new_alerts == ()  # seen again, not raised again
    desk.store.close()


@pytest.mark.parametrize("extra_on_fork", [0, 2], ids=["same-size", "longer-fork"])
def test_a_forked_log_is_reported_as_a_split_view(tmp_path: Path, extra_on_fork: int) -> None:
    honest = TrustServers(tmp_path / "honest")
    forked = honest.fork(tmp_path / "forked")
    honest.start()
    forked.start()
    try:
        store = open_store(database_path(tmp_path / "desk"))
        seed_demo(store)
        ours = other_member(honest, COMPANY, REGISTRATION_ID)
        store.settings.set(CERTIFICATE_SETTING, ours.certificate_pem)
        other_member(forked, "Someone Else Ltd", "OTHER-1")  # the fork's history differs
        for n in range(extra_on_fork):
            register(forked, other_member(forked, f"Fork {n} Ltd", f"FORK-{n}"), f"F-{n}")
        assert forked.size() >= honest.size()

        first = poll(Desk(tmp_path / "desk", store, KeyringKeystore()), honest)
        assert first.new_alerts == () and first.size == honest.size()
        transport = HttpTransport(forked.url)  # the same keys: the descriptor accepts it
        report = monitor_pass(store, transport, honest.descriptor)
        transport.close()
    finally:
        forked.stop()
        honest.stop()

    (alert,) = report.new_alerts
    assert alert.kind == AlertKind.SPLIT_VIEW
    assert str(first.size) in alert.detail
    # Nothing of the fork was taken in: the state is still the honest log's.
    assert report.verified_size == first.size
    state = store.monitor.state(honest.descriptor.origin)
    assert state is not None and state.size == first.size
    store.close()


def test_revocation_of_our_certificate_is_reported(servers: TrustServers, tmp_path: Path) -> None:
    desk = joined_desk(tmp_path / "desk", servers)
    assert poll(desk, servers).new_alerts == ()
    pem = desk.store.settings.get(CERTIFICATE_SETTING)
    assert pem is not None
    ours = compute_certificate_fingerprint(load_certificates_pem(pem.encode())[0])
    request_revocation(servers.log_dir, ours)
    wait_until(
        lambda: (
            requests.get(f"{servers.url}/v1/members/{ours}", timeout=5).json()["status"]
            == "revoked"
        ),
        "the revocation",
    )
    wait_until(lambda: servers.size() == poll_size(servers), "the witnessed revocation")

    report = poll(desk, servers)

    kinds = [a.kind for a in report.new_alerts]
    assert kinds == [AlertKind.REVOKED]
    assert report.new_alerts[0].log_index is not None
    desk.store.close()


def poll_size(servers: TrustServers) -> int:
    text = requests.get(f"{servers.url}/v1/checkpoint", timeout=5).text
    return int(text.split("\n")[1])


def test_a_certificate_enrolled_under_our_registration_id_and_its_entries_are_reported(
    servers: TrustServers, tmp_path: Path
) -> None:
    desk = joined_desk(tmp_path / "desk", servers)
    impostor = other_member(servers, "Huayang Trading (fake)", REGISTRATION_ID)
    register(servers, impostor, "FAKE-1")

    report = poll(desk, servers)

    kinds = sorted(a.kind for a in report.new_alerts)
    assert kinds == sorted([AlertKind.FOREIGN_ENROLMENT, AlertKind.FOREIGN_ENTRY])
    assert any(impostor.fingerprint in a.detail for a in report.new_alerts)
    desk.store.close()


def test_a_restart_resumes_where_the_last_pass_stopped(
    servers: TrustServers, tmp_path: Path
) -> None:
    desk = joined_desk(tmp_path / "desk", servers)
    neighbour = other_member(servers, "Ningbo Neighbour Ltd", "91330200NB0002")
    first = poll(desk, servers)
    desk.store.close()  # the app is closed

    for n in range(7):
        register(servers, neighbour, f"NB-{n}")
    desk.reopen()
    second = poll(desk, servers)

    assert second.entries_read == 7 == second.size - first.size
    state = desk.store.monitor.state(servers.descriptor.origin)
    assert state is not None and state.size == second.size
    assert second.new_alerts == ()
    desk.store.close()


class TamperingSource:
    """The log's HTTP API, except that one entry is swapped for another on the way."""

    def __init__(self, transport: HttpTransport, index: int, data: bytes) -> None:
        self._transport = transport
        self._index = index
        self._data = data

    def checkpoint(self) -> str:
        return self._transport.checkpoint()

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        return self._transport.consistency_proof(old_size, new_size)

    def member(self, fingerprint: str) -> dict[str, object]:
        return self._transport.member(fingerprint)

    def entries(self, start: int, count: int) -> list[bytes]:
        found = self._transport.entries(start, count)
        if start <= self._index < start + len(found):
            found[self._index - start] = self._data
        return found


def test_an_entry_swapped_in_transit_is_a_split_view_and_nothing_is_kept(
    servers: TrustServers, tmp_path: Path
) -> None:
    desk = joined_desk(tmp_path / "desk", servers)
    neighbour = other_member(servers, "Ningbo Neighbour Ltd", "91330200NB0002")
    register(servers, neighbour, "NB-1")
    transport = HttpTransport(servers.url)
    swapped = entry_bytes(neighbour, "NB-1", b"another document")
    report = monitor_pass(desk.store, TamperingSource(transport, 3, swapped), servers.descriptor)
    transport.close()

    (alert,) = report.new_alerts
    assert alert.kind == AlertKind.SPLIT_VIEW
    assert "not those of its checkpoint" in alert.detail
    assert report.verified_size == 0
    desk.store.close()


def test_a_pass_that_stops_part_way_is_proven_by_a_consistency_proof(
    servers: TrustServers, tmp_path: Path
) -> None:
    desk = joined_desk(tmp_path / "desk", servers)
    neighbour = other_member(servers, "Ningbo Neighbour Ltd", "91330200NB0002")
    for n in range(4):
        register(servers, neighbour, f"NB-{n}")
    transport = HttpTransport(servers.url)
    watch = _NobodyWatch()
    part = follow(transport, servers.descriptor, MonitorState(), watch, limit=3)
    assert part.state.frontier.size == 3 and not part.is_caught_up
    rest = follow(transport, servers.descriptor, part.state, watch)
    assert rest.is_caught_up and rest.entries_read == rest.checkpoint.size - 3
    leaves = transport.entries(0, rest.checkpoint.size)
    assert rest.state.frontier.root() == merkle.root_hash(leaves) == rest.checkpoint.root_hash

    # A frontier that is not the log's prefix cannot pass the proof.
    bogus = MonitorState(part.state.checkpoint, MonitorState().frontier.extended([b"x"] * 3))
    result = follow(transport, servers.descriptor, bogus, watch, limit=1)
    assert [f.kind for f in result.findings] == [AlertKind.SPLIT_VIEW]
    assert result.state == bogus
    transport.close()
    desk.store.close()


class _NobodyWatch:
    fingerprints: frozenset[str] = frozenset()
    registration_id: str | None = None

    def is_ours(self, data: bytes, entry: object) -> bool:
        return False


def test_without_a_certificate_there_is_nothing_to_monitor(
    servers: TrustServers, tmp_path: Path
) -> None:
    store = open_store(database_path(tmp_path / "empty"))
    with pytest.raises(NothingToMonitorError) as caught:
        monitor_pass(store, HttpTransport(servers.url), servers.descriptor)
    assert "no company certificate" in caught.value.user_message
    store.close()


def test_the_local_network_is_followed_in_process_with_nothing_to_report(
    desk: LocalDesk,
) -> None:
    from exporter_desk.services.identity import set_company_party
    from exporter_desk.services.monitoring import source_of

    set_company_party(desk.store, PartyId(1))
    issue_document(
        desk.store, desk.keystore, desk.data_dir, desk.network,
        DocumentKind.COMMERCIAL_INVOICE, 1, now=dt.datetime.now(dt.UTC),
    )  # fmt: skip
    report = monitor_pass(desk.store, source_of(desk.network), desk.network.descriptor)
    assert report.new_alerts == ()
    assert report.is_caught_up and report.entries_read == report.size >= 3
