"""Benchmark presentment lookups against issue 15: p99 < 50 ms at 1 million presentments.

Starts a real witness and a real log (``python -m exporter_desk.notary.cli ... serve``) on
127.0.0.1 with the presentment rate limit lifted, enrols one bank, inserts ``--rows``
presentments directly into the log database's ``presentments`` table (one transaction, keys
blinded with the log's own secret, so lookups hit them), then times ``--lookups`` lookups
(half of keys that were presented, half of keys that were not) through the real HTTP API on one
keep-alive connection.

    uv run python benchmarks/presentments_bench.py [--rows 1000000] [--lookups 2000]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from exporter_desk.notary._files import FILE_VAULT
from exporter_desk.notary.presentments import SECRET_FILE, PresentmentSecret
from exporter_desk.notary.provision import WitnessSpec, init_log, init_witness
from exporter_desk.trustnet.presentment import canonical_invoice_key

sys.path.insert(0, str(Path(__file__).resolve().parent))
from notary_bench import enrol, free_port, percentile, start, wait_until

TARGET_P99 = 0.050
SELLER = "DE136695976"


def key_of(number: int) -> str:
    return canonical_invoice_key(SELLER, f"INV-{number:08d}", f"{1000 + number % 977}.50", "EUR")


def fill(database: Path, secret: PresentmentSecret, bank: str, rows: int) -> float:
    """Insert ``rows`` presentments of keys 0..rows-1 (10 banks' worth, as if presented)."""
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB: the key index grows in random order
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    chunk = 50_000
    for first in range(0, rows, chunk):
        batch = []
        for n in range(first, min(first + chunk, rows)):
            blinded = secret.blinded_key(key_of(n))
            batch.append(
                (
                    f"{n:064x}",
                    blinded,
                    bank if n % 10 == 0 else f"{n % 10:064x}",
                    n,
                    f"{n % 5000:064x}",
                    "commercial-invoice",
                    f"INV-{n:08d}",
                    f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T10:00:00Z",
                    "1000.00",
                    "EUR",
                    n % 2,
                    n,
                    0,
                )
            )
        conn.executemany(
            "INSERT INTO presentments (leaf_hash, blinded_key, bank, document_index, "
            "document_issuer, document_kind, document_number, presented_at, amount, currency, "
            "consent, log_index, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            batch,
        )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    count = conn.execute("SELECT count(*) FROM presentments").fetchone()[0]
    conn.close()
    if count < rows:
        raise SystemExit(f"only {count} rows in the table")
    return elapsed


def bench(rows: int, lookups: int, workdir: Path) -> list[tuple[str, str, str, bool]]:
    witness_dir, log_dir = workdir / "witness", workdir / "log"
    log_port, witness_port = free_port(), free_port()
    witness_key = init_witness(witness_dir, "witness.bench")
    descriptor = init_log(
        log_dir,
        origin="log.bench",
        api_url=f"http://127.0.0.1:{log_port}",
        witnesses=[WitnessSpec(witness_key, f"http://127.0.0.1:{witness_port}")],
        quorum=1,
    )
    log_key = descriptor.log_verifiers()[0].verifier_key()
    witness = start(
        ["witness", "serve", "--data", str(witness_dir), "--port", str(witness_port),
         "--log", f"log.bench={log_key}"],
        workdir / "witness.log",
    )  # fmt: skip
    log = start(
        ["serve", "--data", str(log_dir), "--port", str(log_port), "--enrol-rate", "1000",
         "--presentment-rate", "1000000", "--presentment-burst", "1000000"],
        workdir / "log.log",
    )  # fmt: skip
    url = f"http://127.0.0.1:{log_port}"
    session = requests.Session()
    try:
        wait_until(lambda: requests.get(f"{url}/v1/checkpoint", timeout=1).ok, "the log")
        bank = enrol(log_dir, url, 1)
        headers = {"Authorization": f"Bearer {bank.token}"}

        def lookup(key: str) -> list[object]:
            response = session.post(
                f"{url}/v1/presentments/lookup", json={"key": key}, headers=headers, timeout=10
            )
            response.raise_for_status()
            return list(response.json()["presented"])

        lookup(key_of(rows + 1))  # the node makes its secret on first use
        secret = PresentmentSecret(log_dir / SECRET_FILE, FILE_VAULT)
        fill_time = fill(log_dir / "log.sqlite3", secret, bank.fingerprint, rows)

        rng = random.Random(15)
        for _ in range(50):  # warm the connection and the page cache a little
            lookup(key_of(rng.randrange(rows)))
        latencies: list[float] = []
        hits = wrong = 0
        for n in range(lookups):  # bounded
            present = n % 2 == 0
            number = rng.randrange(rows) if present else rows + 10 + rng.randrange(rows)
            t0 = time.perf_counter()
            answer = lookup(key_of(number))
            latencies.append(time.perf_counter() - t0)
            hits += bool(answer)
            wrong += bool(answer) != present
    finally:
        session.close()
        for process in (log, witness):
            process.terminate()
        for process in (log, witness):
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
    p50, p95 = percentile(latencies, 0.50), percentile(latencies, 0.95)
    p99, worst = percentile(latencies, 0.99), max(latencies)
    return [
        (f"insert {rows:,} presentments (one transaction)", f"{fill_time:.1f} s", "", True),
        (f"lookups over HTTP ({lookups:,}, half presented)", f"{hits:,} hits", "", True),
        ("answers that were wrong", f"{wrong}", "0", wrong == 0),
        ("lookup p50", f"{p50 * 1000:.2f} ms", "", True),
        ("lookup p95", f"{p95 * 1000:.2f} ms", "", True),
        ("lookup p99", f"{p99 * 1000:.2f} ms", "< 50 ms", p99 < TARGET_P99),
        ("lookup max", f"{worst * 1000:.2f} ms", "", True),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="presentments-bench-") as tmp:
        rows = bench(args.rows, args.lookups, Path(tmp))
    width = max(len(row[0]) for row in rows)
    value_width = max(len(row[1]) for row in rows)
    print(f"\npresentments benchmark ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})")
    print(f"{'what':<{width}}  {'measured':>{value_width}}  {'target':<10}  ok")
    for name, value, target, ok in rows:
        print(f"{name:<{width}}  {value:>{value_width}}  {target:<10}  {'yes' if ok else 'NO'}")
    return 0 if all(row[3] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
