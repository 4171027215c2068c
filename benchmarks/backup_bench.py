"""Data-folder benchmark: what the daily backup and the read-only open cost on a big database.

Run: ``uv run python benchmarks/backup_bench.py [--rows N] [--keep DIR]``. Seeds N invoices
(5 lines each, as ``store_bench.py``) and prints a table: the daily backup (taken once a day
by commands that save, before they write; the app takes it on a worker after start, so it
never delays the first list), the check that reads every page (``info``), and opening the
folder read-only (``export``, ``pack``, ``info``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from store_bench import _invoices, _parties  # the script's folder is on sys.path

from exporter_desk.services.datafolder import (
    check_database,
    open_data_folder,
    open_for_reading,
)
from exporter_desk.store import database_path, open_store
from exporter_desk.store.backup import backups, default_backup_dir

RUNS = 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="seed (or reuse) this data folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="exporter-desk-backup-bench-") as tmp:
        folder = args.keep or Path(tmp) / "data"
        db = database_path(folder)
        if not db.exists():
            began = time.perf_counter()
            with open_store(db) as store:
                seller, buyers = _parties(store, 200)
                store.invoices.bulk_insert(_invoices(args.rows, seller, buyers))
            print(f"seeded {args.rows:,} invoices in {time.perf_counter() - began:.1f} s")
        size = db.stat().st_size
        day = dt.datetime(2030, 1, 1, 9, 0).astimezone()
        backup_s, check_s, open_s = [], [], []
        for run in range(RUNS):
            began = time.perf_counter()
            open_data_folder(folder, now=day + dt.timedelta(days=run)).close()
            backup_s.append(time.perf_counter() - began)
            began = time.perf_counter()
            with open_for_reading(folder) as store:
                open_s.append(time.perf_counter() - began)
                began = time.perf_counter()
                check_database(store)
                check_s.append(time.perf_counter() - began)
        kept = len(backups(default_backup_dir(db), "daily"))
    rows = [
        (f"open for writing + daily backup ({size / 1e6:.0f} MB)", backup_s, "once a day"),
        ("open read-only (export, pack, info)", open_s, ""),
        ("check every page (info)", check_s, ""),
    ]
    width = max(len(label) for label, _, _ in rows)
    print(f"{'what':<{width}}  {'s (median)':>10}  {'s (max)':>8}  note")
    print("-" * (width + 40))
    for label, values, note in rows:
        print(f"{label:<{width}}  {statistics.median(values):>10.3f}  {max(values):>8.3f}  {note}")
    print(f"daily backups kept after {RUNS} days: {kept}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
