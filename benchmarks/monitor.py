"""Benchmark the trust-network monitor against issue 15: it keeps up with 2,000 entries/s.

Fills a real log (witnessed over HTTP) with ``--entries`` signed entries from two members,
``--ours`` percent of them by the monitored company (and in its outbox, so that each is looked
up as ours), through the log service in process, without HTTP, to fill it fast. Then serves that
log and its witness with the real ``exporter-desk-notary serve`` / ``witness serve`` processes
on 127.0.0.1 and times a monitor's catch-up from nothing: checkpoint, consistency, every entry
read (1000 a request) and checked, the root proven, the state saved. For comparison, it also
times reading entries one request each, as the client did before.

    uv run python benchmarks/monitor.py [--entries 50000] [--ours 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Future
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exporter_desk.notary.batch import EntryItem, Registration
from exporter_desk.notary.log import LogSettings
from exporter_desk.services.identity import CERTIFICATE_SETTING
from exporter_desk.services.monitoring import monitor_pass
from exporter_desk.store import database_path, open_store
from exporter_desk.trustnet import Entry, leaf_hash
from exporter_desk.trustnet.client import HttpTransport
from tests.notary.helpers import Member, new_key_and_csr
from tests.services.trust_servers import ORIGIN, TrustServers

TARGET_RATE = 2000.0


def enrol(servers: TrustServers, name: str) -> Member:
    assert servers.service is not None
    key, csr = new_key_and_csr()
    enrolment = servers.service.enrol(servers.invite(name, name.upper()), csr)
    return Member(key, enrolment.fingerprint, enrolment.api_token, enrolment.certificate_pem)


def entry(member: Member, serial: int, when: dt.datetime) -> bytes:
    return (
        Entry.build(
            kind="commercial-invoice",
            number=f"M-{serial}",
            issuer=member.fingerprint,
            digest=hashlib.sha256(f"{member.fingerprint}/{serial}".encode()).hexdigest(),
            length=1000 + serial,
            time=when,
        )
        .sign(member.key)
        .format()
    )


def fill(servers: TrustServers, count: int, ours_percent: int) -> tuple[Member, list[bytes]]:
    """Register ``count`` entries in process; return our member and our entries."""
    assert servers.service is not None
    service = servers.service
    ours, other = enrol(servers, "Monitored Co"), enrol(servers, "Busy Neighbour Co")
    when = dt.datetime.now(dt.UTC)
    mine: list[bytes] = []
    pending: list[Future[Registration]] = []
    every = max(1, round(100 / ours_percent)) if ours_percent else 0
    for serial in range(count):
        member = ours if every and serial % every == 0 else other
        data = entry(member, serial, when)
        if member is ours:
            mine.append(data)
        pending.append(service.submit(EntryItem(Entry.parse(data), data, leaf_hash(data))))
        if len(pending) >= 20_000:
            for future in pending:
                future.result(120)
            pending.clear()
    for future in pending:
        future.result(120)
    return ours, mine


def start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "exporter_desk.notary.cli", *args],
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--ours", type=int, default=10, help="percent of entries that are ours")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="monitor-bench-") as tmp:
        root = Path(tmp)
        settings = LogSettings(rate=1e9, burst=1e9, max_batch=4096, max_delay=0.05)
        servers = TrustServers(root / "net", settings=settings).start()
        started = time.perf_counter()
        try:
            ours, mine = fill(servers, args.entries, args.ours)
            size = servers.size()
        finally:
            servers.stop()
        fill_seconds = time.perf_counter() - started

        store = open_store(database_path(root / "desk"))
        store.settings.set(CERTIFICATE_SETTING, ours.certificate_pem)
        with store.transaction():
            now = dt.datetime.now(dt.UTC)
            for data in mine:
                store.outbox.enqueue(data, now)

        log_key = servers.descriptor.log_verifiers()[0].verifier_key()
        processes = [
            start(
                ["witness", "serve", "--data", str(servers.witness_dir),
                 "--port", str(servers.witness_port), "--log", f"{ORIGIN}={log_key}"],
                root / "witness.out",
            ),
            start(
                ["serve", "--data", str(servers.log_dir), "--port", str(servers.log_port)],
                root / "log.out",
            ),
        ]  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(f"{servers.url}/v1/checkpoint", timeout=2).ok:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("the log server did not start")
                time.sleep(0.1)

            transport = HttpTransport(servers.url)
            started = time.perf_counter()
            report = monitor_pass(store, transport, servers.descriptor)
            catch_up = time.perf_counter() - started
            assert report.is_caught_up and report.new_alerts == (), report

            single = min(2000, size)
            started = time.perf_counter()
            for index in range(single):
                transport.entry(index)
            one_each = time.perf_counter() - started
            transport.close()
        finally:
            for process in processes:
                process.terminate()
                process.wait(10)
            store.close()

    rate = report.entries_read / catch_up
    single_rate = single / one_each
    rows = [
        ("entries in the log", f"{size:,}", "", None),
        ("filled in process (s)", f"{fill_seconds:.1f}", "", None),
        ("monitor catch-up (s)", f"{catch_up:.2f}", "", None),
        ("monitor entries/s, 1000 a request", f"{rate:,.0f}", f">= {TARGET_RATE:,.0f}", rate >= TARGET_RATE),
        ("  for comparison: one entry a request", f"{single_rate:,.0f}", "", None),
        ("entries ours (looked up in the outbox)", f"{len(mine):,}", "", None),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    print(f"\nmonitor benchmark ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})")
    print(f"{'what':<{width}}  {'measured':>10}  {'target':<10}  ok")
    for name, value, target, ok in rows:
        mark = "" if ok is None else ("yes" if ok else "NO")
        print(f"{name:<{width}}  {value:>10}  {target:<10}  {mark}")
    return 0 if rate >= TARGET_RATE else 1


if __name__ == "__main__":
    sys.exit(main())
