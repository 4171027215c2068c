"""Benchmark the tlog-tiles read path against DESIGN §9 (proof from tiles < 5 ms, warm cache).

1. Bytes written per entry: a log of ``--entries`` real-sized entries (the length of a signed
   ``exporter-desk-entry/v1``), published incrementally with a checkpoint every ``--batch``
   entries (the sequencer's largest batch), exactly as :class:`TilePublisher` does: every new
   full and partial tile and bundle, and the checkpoint, counted in bytes.
2. Proofs from tiles at ``--proof-size`` entries: the hash tiles of such a tree are built
   synthetically (random leaves hashed with hashlib, tile by tile) into a temporary directory,
   then inclusion and consistency proofs for random indices are computed by
   :class:`TileReader` from that directory: cold (tiles read from disk) and warm (from its cache).

    uv run python benchmarks/tiles.py [--entries 1000000] [--batch 256] [--proof-size 10000000]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec

from exporter_desk.notary.tiles import TileEdge, extend
from exporter_desk.trustnet import Checkpoint, Entry, generate_key, merkle, sign_checkpoint
from exporter_desk.trustnet.tiles import (
    TILE_WIDTH,
    DirectoryTileFetcher,
    TileReader,
    partial_width,
    tile_path,
    tile_root,
)

TARGET_PROOF = 0.005


def real_entry_length() -> int:
    key = ec.generate_private_key(ec.SECP256R1())
    entry = Entry.build(
        kind="commercial-invoice",
        number="HY-CI-2026-000112",
        issuer="ab" * 32,
        digest=hashlib.sha256(b"document").hexdigest(),
        length=48_213,
        time=datetime.now(UTC),
        supersedes=None,
    ).sign(key)
    return len(entry.format())


def bytes_per_entry(entries: int, batch: int) -> dict[str, float]:
    length = real_entry_length()
    signer, _ = generate_key("bench.example/log")
    rng = random.Random(1)
    edge = TileEdge.empty()
    written = {"tiles": 0, "bundles": 0, "checkpoint": 0}
    files = 0
    started = time.perf_counter()
    done = 0
    while done < entries:
        count = min(batch, entries - done)
        new_entries = [rng.randbytes(length) for _ in range(count)]
        edge, new = extend(edge, new_entries)
        done += count
        for path, data in new.items():
            written["bundles" if path.startswith("tile/entries/") else "tiles"] += len(data)
        files += len(new) + 1
        note = sign_checkpoint(Checkpoint("bench.example/log", done, edge.root()), signer)
        written["checkpoint"] += len(note.encode())
    elapsed = time.perf_counter() - started
    return {
        "entry_length": length,
        "tiles": written["tiles"] / entries,
        "bundles": written["bundles"] / entries,
        "checkpoint": written["checkpoint"] / entries,
        "total": sum(written.values()) / entries,
        "overhead": sum(written.values()) / entries - length,
        "files_per_checkpoint": files / ((entries + batch - 1) // batch),
        "entries_per_second": entries / elapsed,
    }


class _FastDirectory:
    """Plain writes, no fsync: the synthetic tree is set-up, not what is measured (the
    DirectorySink of a log fsyncs each file)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def put(self, path: str, data: bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def build_tree(root: Path, size: int) -> tuple[float, int]:
    """Write the hash tiles of a tree of ``size`` random leaves; return (seconds, tiles)."""
    started = time.perf_counter()
    sink = _FastDirectory(root)
    sha = hashlib.sha256
    rng = random.Random(2)
    upper: list[list[bytes]] = []  # upper[L - 1]: the hashes of the open tile at level L
    next_index: dict[int, int] = {}  # level -> index of its next full tile
    tiles = 0

    def push(level: int, digest: bytes) -> None:
        nonlocal tiles
        while len(upper) < level:
            upper.append([])
        hashes = upper[level - 1]
        hashes.append(digest)
        if len(hashes) == TILE_WIDTH:
            index = next_index.get(level, 0)
            next_index[level] = index + 1
            sink.put(tile_path(level, index), b"".join(hashes))
            tiles += 1
            upper[level - 1] = []
            push(level + 1, tile_root(hashes))

    full = size // TILE_WIDTH
    for index in range(full + 1):
        width = TILE_WIDTH if index < full else partial_width(0, size)
        if width == 0:
            break
        blob = rng.randbytes(16 * width)
        hashes = [sha(b"\x00" + blob[i : i + 16]).digest() for i in range(0, 16 * width, 16)]
        sink.put(tile_path(0, index, width), b"".join(hashes))
        tiles += 1
        if width == TILE_WIDTH:
            push(1, tile_root(hashes))
    for level, hashes in enumerate(upper, start=1):
        if hashes:
            sink.put(tile_path(level, size >> (8 * (level + 1)), len(hashes)), b"".join(hashes))
            tiles += 1
    return time.perf_counter() - started, tiles


def time_proofs(root: Path, size: int, count: int) -> dict[str, list[float]]:
    reader = TileReader(DirectoryTileFetcher(root), cache_tiles=4 * count + 64)
    rng = random.Random(3)
    indices = [rng.randrange(size) for _ in range(count)]
    olds = [rng.randrange(1, size) for _ in range(count)]
    times: dict[str, list[float]] = {
        f"{kind}_{phase}{clock}": []
        for kind in ("incl", "cons")
        for phase in ("cold", "warm")
        for clock in ("", "_cpu")
    }
    tree_root = reader.root(size)

    def timed(name: str, work: Callable[[], list[bytes]]) -> list[bytes]:
        started, cpu = time.perf_counter(), time.process_time()
        result = work()
        times[name].append(time.perf_counter() - started)
        times[f"{name}_cpu"].append(time.process_time() - cpu)
        return result

    gc.disable()  # as timeit does: a collection pause is not the proof's cost
    for phase in ("cold", "warm"):
        for index in indices:
            proof = timed(f"incl_{phase}", lambda index=index: reader.inclusion_proof(index, size))
            if phase == "warm":  # each proof leads to the root the tiles give
                leaf = reader.lookup(size)(index, index + 1)
                merkle.verify_inclusion(leaf, index, size, proof, tree_root)
        for old in olds:
            timed(f"cons_{phase}", lambda old=old: reader.consistency_proof(old, size))
    gc.enable()
    return times


def _verdict(milliseconds: float) -> str:
    return "PASS" if milliseconds / 1000 < TARGET_PROOF else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument(
        "--batch", default="16,256,2000", help="entries per published checkpoint, comma-separated"
    )
    parser.add_argument("--proof-size", type=int, default=10_000_000)
    parser.add_argument("--proofs", type=int, default=1000)
    args = parser.parse_args()

    batches = [int(value) for value in args.batch.split(",")]
    writes = {batch: bytes_per_entry(args.entries, batch) for batch in batches}
    with tempfile.TemporaryDirectory(prefix="tiles-bench-") as folder:
        built, tiles = build_tree(Path(folder), args.proof_size)
        times = time_proofs(Path(folder), args.proof_size, args.proofs)

    def ms(values: list[float], q: float) -> float:
        return 1000 * (statistics.quantiles(values, n=100)[int(q) - 1] if q < 100 else max(values))

    first = writes[batches[0]]
    rows = [
        (
            "entry length (bytes, a signed exporter-desk-entry/v1)",
            f"{first['entry_length']:.0f}",
            "",
        )
    ]
    for batch, written in writes.items():
        rows += [
            (
                f"bytes written per entry, {args.entries:,} entries, checkpoint every {batch}",
                f"{written['total']:.1f}",
                "",
            ),
            ("  of which hash tiles", f"{written['tiles']:.1f}", ""),
            ("  of which entry bundles", f"{written['bundles']:.1f}", ""),
            ("  of which checkpoints", f"{written['checkpoint']:.1f}", ""),
            ("  overhead over the entry itself", f"{written['overhead']:.1f}", ""),
            (
                "  files per checkpoint (incl. the checkpoint)",
                f"{written['files_per_checkpoint']:.1f}",
                "",
            ),
            ("  tiles computed (entries/s)", f"{written['entries_per_second']:,.0f}", ""),
        ]
    rows += [
        (f"build {args.proof_size:,}-entry hash tiles (s, {tiles:,} tiles)", f"{built:.1f}", ""),
    ]
    target = f"< {TARGET_PROOF * 1000:.0f} ms"
    for name, label in (("incl", "inclusion"), ("cons", "consistency")):
        warm, cpu = times[f"{name}_warm"], times[f"{name}_warm_cpu"]
        rows.append(
            (
                f"{label} proof, cold p50 (ms, tiles read from disk)",
                f"{ms(times[f'{name}_cold'], 50):.2f}",
                "",
            )
        )
        rows.append(
            (
                f"{label} proof, warm p50 (ms)",
                f"{ms(warm, 50):.3f}",
                f"{target} {_verdict(ms(warm, 50))}",
            )
        )
        rows.append(
            (
                f"{label} proof, warm p99 CPU time (ms)",
                f"{ms(cpu, 99):.3f}",
                f"{target} {_verdict(ms(cpu, 99))}",
            )
        )
        rows.append(
            (f"{label} proof, warm p99 wall time (ms; shared machine)", f"{ms(warm, 99):.3f}", "")
        )
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'value':>12}  target")
    for label, value, target in rows:
        print(f"{label.ljust(width)}  {value:>12}  {target}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
