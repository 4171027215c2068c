"""Benchmark the trust-network log against DESIGN §9: registrations per second, time to receipt,
and proof time at a million entries.

Starts a real witness and a real log (``python -m exporter_desk.notary.cli ... serve``) on
127.0.0.1, enrols one member per client, and lets ``--clients`` concurrent clients (one
keep-alive connection each, asyncio, one request in flight each) register signed entries for
``--seconds``. Then builds a tree of ``--entries`` leaves directly with TreeStore (one
transaction) and times inclusion and consistency proofs against it.

    uv run python benchmarks/notary_bench.py [--seconds 30] [--clients 50] [--entries 1000000]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from exporter_desk.notary.provision import (
    WitnessSpec,
    create_invitation,
    init_log,
    init_witness,
)
from exporter_desk.notary.tree import TreeStore
from exporter_desk.trustnet import (
    Entry,
    merkle,
    parse_descriptor,
    parse_proof,
    verify_receipt,
)

TARGET_RATE = 2000.0
TARGET_P99 = 0.5
TARGET_PROOF = 0.001


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(args: list[str], log_path: Path) -> subprocess.Popen[bytes]:
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "exporter_desk.notary.cli", *args],
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_until(check: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise SystemExit(f"timed out waiting for {what}")


@dataclass
class Member:
    key: ec.EllipticCurvePrivateKey
    fingerprint: str
    token: str


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    last_receipt: bytes = b""


def enrol(data: Path, url: str, number: int) -> Member:
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"bench {number}")]))
        .sign(key, hashes.SHA256())
    )
    code = create_invitation(data, name=f"Bench Co {number}", registration_id=f"BENCH-{number}")
    response = requests.post(
        f"{url}/v1/members",
        json={
            "invitation": code,
            "csr_pem": csr.public_bytes(serialization.Encoding.PEM).decode(),
        },
        timeout=30,
    )
    response.raise_for_status()
    body = response.json()
    return Member(key, body["fingerprint"], body["api_token"])


def signed_entry(member: Member, client: int, serial: int) -> bytes:
    digest = hashlib.sha256(f"{member.fingerprint}/{client}/{serial}".encode()).hexdigest()
    return (
        Entry.build(
            kind="commercial-invoice",
            number=f"B{client}-{serial}",
            issuer=member.fingerprint,
            digest=digest,
            length=1000 + serial,
            time=datetime.now(UTC),
        )
        .sign(member.key)
        .format()
    )


async def client_loop(
    port: int, member: Member, client: int, deadline: float, result: LoadResult
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        "POST /v1/entries HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {member.token}\r\nContent-Type: text/plain\r\n"
    ).encode()
    serial = 0
    try:
        while time.perf_counter() < deadline:
            body = signed_entry(member, client, serial)
            serial += 1
            started = time.perf_counter()
            writer.write(head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
            status_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            payload = await reader.readexactly(length)
            elapsed = time.perf_counter() - started
            status = status_line.split(b" ")[1].decode()
            if status == "200":
                result.latencies.append(elapsed)
                result.last_receipt = payload
            else:
                result.errors[status] = result.errors.get(status, 0) + 1
    finally:
        writer.close()


async def load(port: int, members: list[Member], seconds: float) -> LoadResult:
    result = LoadResult()
    deadline = time.perf_counter() + seconds
    await asyncio.gather(
        *(client_loop(port, member, n, deadline, result) for n, member in enumerate(members))
    )
    return result


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def bench_server(seconds: float, clients: int, workdir: Path) -> list[tuple[str, str, str, bool]]:
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
        ["serve", "--data", str(log_dir), "--port", str(log_port), "--enrol-rate", "1000"],
        workdir / "log.log",
    )
    url = f"http://127.0.0.1:{log_port}"
    try:
        wait_until(lambda: requests.get(f"{url}/v1/checkpoint", timeout=1).ok, "the log")
        members = [enrol(log_dir, url, n) for n in range(clients)]
        result = asyncio.run(load(log_port, members, seconds))
        receipt_ok = (
            bool(result.last_receipt)
            and verify_receipt(
                parse_proof(result.last_receipt),
                parse_descriptor((log_dir / "network.json").read_bytes()),
            )
            is not None
        )
    finally:
        for process in (log, witness):
            process.terminate()
        for process in (log, witness):
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
    count = len(result.latencies)
    rate = count / seconds
    p50 = percentile(result.latencies, 0.50) if count else float("nan")
    p99 = percentile(result.latencies, 0.99) if count else float("nan")
    errors = ", ".join(f"{k}: {v}" for k, v in sorted(result.errors.items())) or "none"
    return [
        (f"registrations/s ({clients} clients, {seconds:g} s)", f"{rate:,.0f}", ">= 2,000", rate >= TARGET_RATE),
        ("time to receipt p50", f"{p50 * 1000:.1f} ms", "", True),
        ("time to receipt p99", f"{p99 * 1000:.1f} ms", "< 500 ms", p99 < TARGET_P99),
        ("registrations / non-200 answers", f"{count:,} / {errors}", "no errors", not result.errors),
        ("last receipt verifies offline", "yes" if receipt_ok else "NO", "yes", receipt_ok),
    ]  # fmt: skip


def bench_proofs(entries: int, workdir: Path) -> list[tuple[str, str, str, bool]]:
    path = workdir / "proofs.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    tree = TreeStore(conn)
    rng = random.Random(1)
    started = time.perf_counter()
    conn.execute("BEGIN")
    size = 0
    chunk = 100_000
    while size < entries:
        count = min(chunk, entries - size)
        leaves = [merkle.leaf_hash(i.to_bytes(8, "big")) for i in range(size, size + count)]
        size = tree.append(leaves, size)
    conn.execute("COMMIT")
    build = time.perf_counter() - started
    root = tree.root(size)

    samples = 2000
    inclusion: list[float] = []
    for _ in range(samples):
        index = rng.randrange(size)
        t0 = time.perf_counter()
        proof = tree.inclusion_proof(index, size)
        inclusion.append(time.perf_counter() - t0)
        if len(inclusion) <= 20:
            merkle.verify_inclusion(
                merkle.leaf_hash(index.to_bytes(8, "big")), index, size, proof, root
            )
    consistency: list[float] = []
    for _ in range(samples):
        old = rng.randrange(1, size)
        t0 = time.perf_counter()
        proof = tree.consistency_proof(old, size)
        consistency.append(time.perf_counter() - t0)
        if len(consistency) <= 20:
            merkle.verify_consistency(old, size, proof, tree.root(old), root)
    conn.close()
    mean_inc, mean_con = statistics.fmean(inclusion), statistics.fmean(consistency)
    p99_inc, p99_con = percentile(inclusion, 0.99), percentile(consistency, 0.99)
    return [
        (f"tree build, {entries:,} leaves (one transaction)", f"{build:.1f} s", "", True),
        ("inclusion proof, mean / p99", f"{mean_inc * 1e3:.3f} / {p99_inc * 1e3:.3f} ms", "< 1 ms", p99_inc < TARGET_PROOF),
        ("consistency proof, mean / p99", f"{mean_con * 1e3:.3f} / {p99_con * 1e3:.3f} ms", "< 1 ms", p99_con < TARGET_PROOF),
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--skip-proofs", action="store_true")
    args = parser.parse_args()
    rows: list[tuple[str, str, str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="notary-bench-") as tmp:
        workdir = Path(tmp)
        if not args.skip_server:
            rows += bench_server(args.seconds, args.clients, workdir)
        if not args.skip_proofs:
            rows += bench_proofs(args.entries, workdir)
    width = max(len(row[0]) for row in rows)
    value_width = max(len(row[1]) for row in rows)
    print(f"\nnotary benchmark ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})")
    print(f"{'what':<{width}}  {'measured':>{value_width}}  {'target':<10}  ok")
    for name, value, target, ok in rows:
        print(f"{name:<{width}}  {value:>{value_width}}  {target:<10}  {'yes' if ok else 'NO'}")
    return 0 if all(row[3] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
