"""Verify memory benchmark: the peak memory of verifying many files of up to the size limit in
parallel, two worker processes (a 2-core machine), the way a receiver checks a folder.

Run: ``uv run python benchmarks/verify_memory_bench.py [--each N] [--workers W]``.

The corpus is written to a temporary folder: ``--each`` files (default 10) of each hostile kind,
every one just under ``DEFAULT_LIMITS.max_file_size`` (hex strings, a giant number, giant arrays,
dictionaries and strings that pyHanko parses at 50 to 170 bytes of memory per byte, appended
streams and objects), and twice as many real issued invoices (100 files by default). Each
worker verifies file after file (``verify_file``, as the CLI does); the parent samples every
worker's resident memory (VmRSS) every 20 ms. The table shows per kind the verdicts, the
slowest verification and the highest worker RSS right after one; then the peak RSS per worker,
the peak of the pool's total, and the verify time of the real invoices.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path

from verify_bench import issue_documents

from exporter_desk.signing import CertificateAuthority, CompanyIdentity
from exporter_desk.trustnet import NetworkDescriptor
from exporter_desk.verify import DEFAULT_LIMITS, Trust

MIB = 1024 * 1024
_TRUST: Trust | None = None


def hand_made(catalog_extra: bytes) -> bytes:
    """A one-page, one-revision PDF whose catalog carries ``catalog_extra``."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def appended(pdf: bytes, objects: dict[int, bytes], size: int) -> bytes:
    """``pdf`` with one more revision of ``objects`` (a classic xref table)."""
    startxref = int(pdf[pdf.rindex(b"startxref") + 9 :].split()[0])
    root = pdf[pdf.rindex(b"/Root") :].split()[1]
    out = bytearray(pdf)
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n" + b"".join(
        b"%d 1\n%010d 00000 n \n" % (number, offset) for number, offset in offsets.items()
    )
    out += b"trailer\n<< /Size %d /Root %s 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        max(size, max(offsets) + 1),
        root,
        startxref,
        xref,
    )
    return bytes(out)


def hostile_kinds(issued: bytes, budget: int) -> dict[str, bytes]:
    """One file of each hostile kind, each about ``budget`` bytes."""
    n = budget - 4096
    start = issued.index(b"/Contents <") + len(b"/Contents <")
    return {
        "hex /Contents": issued[:start] + b"0" * (n - len(issued)) + issued[start:],
        "one giant number": hand_made(b"/N " + b"7" * n),
        "array of numbers": hand_made(b"/A [" + b"0 " * (n // 2) + b"]"),
        "array of names": hand_made(b"/A [" + b"/a " * (n // 3) + b"]"),
        "dictionary of keys": hand_made(
            b"/D <<" + b"".join(b"/k%d 0" % i for i in range(n // 12)) + b">>"
        ),
        "literal string": hand_made(b"/S (" + b"x" * n + b")"),
        "unreferenced stream": appended(
            issued,
            {
                500: b"<< /Length %d >>\nstream\n" % (n - len(issued))
                + os.urandom(n - len(issued))
                + b"\nendstream"
            },
            501,
        ),
        "90,000 objects": appended(issued, {1000 + i: b"null" for i in range(90_000)}, 91_000),
    }


def _init(descriptor: NetworkDescriptor) -> None:
    global _TRUST
    _TRUST = Trust(networks=(descriptor,))


def _verify(task: tuple[str, str]) -> tuple[str, str, float, int, int]:
    from exporter_desk.services.verifying import verify_file

    kind, path = task
    assert _TRUST is not None
    started = time.perf_counter()
    verdict = verify_file(Path(path), _TRUST)
    elapsed = time.perf_counter() - started
    # /proc, not ru_maxrss: the latter keeps the parent's size across fork and exec.
    return kind, verdict.result.name, elapsed, os.getpid(), _status_kib(os.getpid())


def _status_kib(pid: int, field: str = "VmRSS") -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--each", type=int, default=10, help="files of each hostile kind")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument(
        "--size", type=float, default=None, help="file size in MiB (default: the verify limit)"
    )
    args = parser.parse_args(argv)

    now = datetime.now(UTC).replace(microsecond=0)
    ca = CertificateAuthority.create("Bench Member CA", now=now, crl_url="http://ca.invalid/c.crl")
    credentials = ca.issue_credentials(
        CompanyIdentity("Shanghai Bright Star", "CN", "91310000MA1FL4CT3U"), now=now
    )
    genuine_count = 2 * args.each
    pdfs, descriptor = issue_documents(genuine_count, credentials, ca, now)
    budget = DEFAULT_LIMITS.max_file_size if args.size is None else int(args.size * MIB)
    kinds = hostile_kinds(pdfs[0], budget)
    with tempfile.TemporaryDirectory() as folder:
        tasks: list[tuple[str, str]] = []
        for i, pdf in enumerate(pdfs):
            path = Path(folder, f"genuine-{i}.pdf")
            path.write_bytes(pdf)
            tasks.append(("genuine invoice", str(path)))
        for kind, pdf in kinds.items():
            for i in range(args.each):
                path = Path(folder, f"{kind.replace(' ', '-').replace('/', '')}-{i}.pdf")
                path.write_bytes(pdf)
                tasks.append((kind, str(path)))
        del kinds
        largest = max(os.path.getsize(path) for _, path in tasks)
        print(
            f"{len(tasks)} files, the largest {largest / MIB:.2f} MiB (limit "
            f"{DEFAULT_LIMITS.max_file_size / MIB:.0f} MiB), {args.workers} worker processes"
        )
        # Interleave the kinds, as a folder of mixed files would be.
        tasks = [tasks[i] for i in sorted(range(len(tasks)), key=lambda i: (i % args.each, i))]

        context = get_context("spawn")  # fresh workers: nothing inherited from this process
        pool_peak = 0
        worker_peak: dict[int, int] = defaultdict(int)
        stop = threading.Event()
        with ProcessPoolExecutor(
            args.workers, mp_context=context, initializer=_init, initargs=(descriptor,)
        ) as pool:

            def sample() -> None:
                nonlocal pool_peak
                while not stop.is_set():
                    pids = list(pool._processes or ())  # the workers, to read their memory
                    values = {pid: _status_kib(pid) for pid in pids}
                    for pid, value in values.items():
                        worker_peak[pid] = max(worker_peak[pid], value)
                    pool_peak = max(pool_peak, sum(values.values()))
                    time.sleep(0.02)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            started = time.perf_counter()
            results = list(pool.map(_verify, tasks))
            wall = time.perf_counter() - started
            stop.set()
            sampler.join()

    by_kind: dict[str, list[tuple[str, float, int]]] = defaultdict(list)
    for kind, result, elapsed, _, peak_kib in results:
        by_kind[kind].append((result, elapsed, peak_kib))
    print()
    print(f"{'kind':<22} {'files':>5}  {'verdicts':<28} {'slowest (s)':>11} {'RSS after':>12}")
    print("-" * 84)
    for kind, rows in by_kind.items():
        verdicts = ", ".join(f"{n} {r}" for r, n in Counter(r for r, _, _ in rows).items())
        slowest = max(e for _, e, _ in rows)
        peak = max(p for _, _, p in rows) / 1024
        print(f"{kind:<22} {len(rows):>5}  {verdicts:<28} {slowest:>11.2f} {peak:>9.0f} MiB")
    print()
    genuine_ms = [e * 1000 for r, e, _ in by_kind["genuine invoice"]]
    for pid, peak in sorted(worker_peak.items()):
        print(f"worker {pid}: peak RSS {peak / 1024:.0f} MiB (sampled)")
    print(f"pool of {args.workers}: peak total RSS {pool_peak / 1024:.0f} MiB (sampled)")
    print(
        f"all {len(results)} files in {wall:.1f} s; genuine invoices: median "
        f"{statistics.median(genuine_ms):.1f} ms per file (beside hostile files; the warm "
        "single-file time is verify_bench.py's)"
    )
    authentic = all(r == "AUTHENTIC" for r, _, _ in by_kind["genuine invoice"])
    hostile_ok = all(
        r != "AUTHENTIC"
        for k, rows in by_kind.items()
        if k != "genuine invoice"
        for r, _, _ in rows
    )
    return 0 if authentic and hostile_ok else 1


if __name__ == "__main__":
    sys.exit(main())
