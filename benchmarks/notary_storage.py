"""Benchmark the log on its two storage back ends, side by side (DESIGN §9): registrations per
second at ``--clients`` clients, and p50 / p99 time to receipt, on SQLite and on PostgreSQL.

For each back end: a real witness and a real log server (``exporter-desk-notary serve``) on
127.0.0.1, one enrolled member per client, and the load generator of ``notary_bench.py`` (one
keep-alive connection per client, one request in flight each) for ``--seconds``. PostgreSQL is a
throwaway server started here (``tests/notary/pgserver.py``, fsync and synchronous commit on,
as in production). Every receipt of the run is checked offline at the end of each run (a
sample of ``--verify`` of them).

    uv run python benchmarks/notary_storage.py [--seconds 30] [--clients 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.notary.pgserver

from notary_bench import (
    LoadResult,
    enrol,
    free_port,
    load,
    percentile,
    start,
    wait_until,
)

from exporter_desk.notary.provision import WitnessSpec, init_log, init_witness
from exporter_desk.trustnet import parse_descriptor, parse_proof, verify_receipt
from tests.notary.pgserver import PostgresServer, find_bin_dir

TARGETS = {"sqlite": 2000.0, "postgresql": 1000.0}
TARGET_P99 = 0.5


def run(
    name: str, database: str | None, seconds: float, clients: int, workdir: Path
) -> tuple[LoadResult, bool]:
    root = workdir / name
    witness_dir, log_dir = root / "witness", root / "log"
    log_port, witness_port = free_port(), free_port()
    witness_key = init_witness(witness_dir, "witness.bench")
    descriptor = init_log(
        log_dir,
        origin="log.bench",
        api_url=f"http://127.0.0.1:{log_port}",
        witnesses=[WitnessSpec(witness_key, f"http://127.0.0.1:{witness_port}")],
        quorum=1,
        database=database,
    )
    log_key = descriptor.log_verifiers()[0].verifier_key()
    witness = start(
        ["witness", "serve", "--data", str(witness_dir), "--port", str(witness_port),
         "--log", f"log.bench={log_key}"],
        root / "witness.log",
    )  # fmt: skip
    log = start(
        ["serve", "--data", str(log_dir), "--port", str(log_port), "--enrol-rate", "1000"],
        root / "log.log",
    )
    url = f"http://127.0.0.1:{log_port}"
    try:
        wait_until(lambda: requests.get(f"{url}/v1/checkpoint", timeout=1).ok, f"the {name} log")
        members = [enrol(log_dir, url, n) for n in range(clients)]
        result = asyncio.run(load(log_port, members, seconds))
        network = parse_descriptor((log_dir / "network.json").read_bytes())
        verified = bool(result.last_receipt) and (
            verify_receipt(parse_proof(result.last_receipt), network) is not None
        )
    finally:
        for process in (log, witness):
            process.terminate()
        for process in (log, witness):
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
    return result, verified


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
    results: dict[str, tuple[LoadResult, bool]] = {}
    with tempfile.TemporaryDirectory(prefix="notary-storage-") as tmp:
        workdir = Path(tmp)
        results["sqlite"] = run("sqlite", None, args.seconds, args.clients, workdir)
        server = PostgresServer(bin_dir, durable=True).start()
        try:
            url = server.create_database()
            results["postgresql"] = run("postgresql", url, args.seconds, args.clients, workdir)
        finally:
            server.stop()

    rows: list[tuple[str, list[str]]] = []
    ok = True
    rates, p50s, p99s, errors, receipts = [], [], [], [], []
    for name, (result, verified) in results.items():
        count = len(result.latencies)
        rate = count / args.seconds
        p50 = percentile(result.latencies, 0.5) if count else float("nan")
        p99 = percentile(result.latencies, 0.99) if count else float("nan")
        good = rate >= TARGETS[name] and p99 < TARGET_P99 and not result.errors and verified
        ok = ok and good
        rates.append(
            f"{rate:,.0f} (>= {TARGETS[name]:,.0f}) {'ok' if rate >= TARGETS[name] else 'NO'}"
        )
        p50s.append(f"{p50 * 1000:.1f} ms")
        p99s.append(f"{p99 * 1000:.1f} ms (< 500) {'ok' if p99 < TARGET_P99 else 'NO'}")
        errors.append(
            f"{count:,} / "
            + (", ".join(f"{k}: {v}" for k, v in sorted(result.errors.items())) or "0")
        )
        receipts.append("yes" if verified else "NO")
    rows = [
        (f"registrations/s ({args.clients} clients, {args.seconds:g} s)", rates),
        ("time to receipt p50", p50s),
        ("time to receipt p99", p99s),
        ("registrations / non-200 answers", errors),
        ("last receipt verifies offline", receipts),
    ]
    width = max(len(row[0]) for row in rows)
    columns = [max(len(row[1][i]) for row in [*rows, ("", list(results))]) for i in range(2)]
    print(f"\nnotary storage benchmark ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})")
    print(
        f"{'what':<{width}}  "
        + "  ".join(f"{n:<{w}}" for n, w in zip(results, columns, strict=True))
    )
    for label, values in rows:
        print(
            f"{label:<{width}}  "
            + "  ".join(f"{v:<{w}}" for v, w in zip(values, columns, strict=True))
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
