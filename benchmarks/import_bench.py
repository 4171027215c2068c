"""Import and export benchmark (DESIGN.md 9: import 10,000 products from .xlsx, dry run < 5 s and
write < 5 s; export 100,000 invoices to .xlsx with streaming writes).

Run: ``uv run python benchmarks/import_bench.py [--products N] [--invoices N]``. Prints a table.
Wall time is what a person waits; CPU time shows what a busy machine adds.
Peak memory is the process's maximum resident size (``ru_maxrss``) after each step.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from exporter_desk.services.exporting import ExportTable, export_table
from exporter_desk.services.importing import (
    ImportTable,
    commit_import,
    plan_import,
    suggest_mapping,
)
from exporter_desk.services.spreadsheets import open_spreadsheet
from exporter_desk.store import open_store

HEADER = [
    "货号", "英文品名", "品名", "HS Code", "Unit", "Unit Price", "Currency",
    "N.W. (kg)", "G.W. (kg)", "Origin",
]  # fmt: skip
_HS = ["6912.00", "6911.10", "6214.10", "4419.90", "9405.11", "8516.79", "7318.15", "3926.90"]
_ZH = ["紫砂茶壶", "青花瓷茶杯", "真丝围巾", "竹制托盘", "台灯", "电水壶", "螺栓", "塑料收纳盒"]


def write_catalogue(path: Path, rows: int, price_bump: int = 0) -> None:
    rng = random.Random(11)
    # A normal (not write-only) workbook records its <dimension> at the top, as Excel does;
    # without it openpyxl's streaming reader parses the sheet once more to find its size.
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Products"
    sheet.append(["Product list (generated for the benchmark)"])
    sheet.append([])
    sheet.append(HEADER)
    for n in range(rows):
        k = rng.randrange(len(_HS))
        net = round(rng.uniform(0.05, 20), 3)
        sheet.append(
            [
                f"SKU-{n:06d}",
                f"Product {n} {_ZH[k]}",
                f"{_ZH[k]} {n}",
                _HS[k],
                "PCS",
                round(rng.uniform(0.5, 500), 2) + price_bump,
                "USD",
                net,
                round(net * 1.1, 3),
                "CN",
            ]
        )
    book.save(path)


def peak_mb() -> float:
    # Linux reports kilobytes, macOS bytes
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 if sys.platform != "darwin" else rss / 1024 / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--invoices", type=int, default=100_000)
    args = parser.parse_args(argv)
    results: list[tuple[str, str, str, str, str]] = []
    cpu = [time.process_time()]

    def step(label: str, seconds: float, target: str) -> None:
        used, cpu[0] = time.process_time() - cpu[0], time.process_time()
        results.append((label, f"{seconds:,.2f}", f"{used:,.2f}", target, f"{peak_mb():,.0f}"))

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx = folder / "catalogue.xlsx"
        t0 = time.perf_counter()
        cpu[0] = time.process_time()
        write_catalogue(xlsx, args.products)
        step(f"write test file ({args.products:,} rows, {xlsx.stat().st_size:,} B)",
             time.perf_counter() - t0, "")  # fmt: skip
        with open_store(folder / "bench.sqlite3") as store:
            for label in ("first import", "re-import, every price changed"):
                if label.startswith("re-"):
                    write_catalogue(xlsx, args.products, price_bump=1)
                t0, cpu[0] = time.perf_counter(), time.process_time()
                with open_spreadsheet(xlsx) as sheet:
                    mapping = suggest_mapping(store, ImportTable.PRODUCTS, sheet.header)
                    plan = plan_import(store, sheet, ImportTable.PRODUCTS, mapping)
                step(f"{label}: dry run ({len(plan.problems)} problems)",
                     time.perf_counter() - t0, "< 5 s")  # fmt: skip
                t0 = time.perf_counter()
                result = commit_import(store, plan)
                step(f"{label}: write ({result.added:,} added, {result.updated:,} updated)",
                     time.perf_counter() - t0, "< 5 s")  # fmt: skip
            assert store.products.count() == args.products

        if args.invoices:
            sys.path.insert(0, str(Path(__file__).parent))
            from store_bench import _invoices, _parties

            with open_store(folder / "invoices.sqlite3") as store:
                seller, buyers = _parties(store, 1_000)
                t0, cpu[0] = time.perf_counter(), time.process_time()
                store.invoices.bulk_insert(_invoices(args.invoices, seller, buyers))
                step(f"seed {args.invoices:,} invoices (setup)", time.perf_counter() - t0, "")
                for suffix in ("xlsx", "csv"):
                    out = folder / f"invoices.{suffix}"
                    t0, cpu[0] = time.perf_counter(), time.process_time()
                    count = export_table(
                        store, ExportTable.INVOICES, out, order_by="date", descending=True
                    )
                    step(f"export {count:,} invoices to .{suffix} ({out.stat().st_size:,} B)",
                         time.perf_counter() - t0, "streamed")  # fmt: skip

    width = max(len(r[0]) for r in results)
    print(f"{'step':<{width}}  {'wall s':>7}  {'CPU s':>6}  {'target':>8}  {'peak RSS MB':>11}")
    for label, seconds, used, target, memory in results:
        print(f"{label:<{width}}  {seconds:>7}  {used:>6}  {target:>8}  {memory:>11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
