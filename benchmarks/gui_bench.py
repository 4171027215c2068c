"""GUI benchmark: cold start, opening the invoice list at 100,000 rows, a search.

Run: ``uv run python benchmarks/gui_bench.py [--rows N] [--keep DIR]``. Prints a table of
medians against the targets of DESIGN.md section 9 (offscreen Qt).

- cold start: a fresh ``python`` process, from spawn until the main window is shown and its
  first list (invoices) has rows: what "usable" means to a person.
- open: a new invoice list model over N invoices, from ``reload()`` to the first page shown.
- search: from ``set_query()`` to the matches shown (an FTS query on the invoice number).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop

RUNS = 5


def _events() -> QEventLoop:
    """An event loop to process pending events with. Not ``QCoreApplication.processEvents()``:
    in PySide6 6.12 that static call drops a reference to ``None`` each time, and a waiting
    loop calling it a few thousand times crashes the interpreter (none_dealloc)."""
    global _loop
    if _loop is None:
        _loop = QEventLoop()
    return _loop


_loop: QEventLoop | None = None


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark step did not finish")
        _events().processEvents()


def child_start(data: Path, started: float) -> None:
    """The cold-start child: build the app like ``run()`` does; print seconds since spawn."""
    from exporter_desk.gui import i18n
    from exporter_desk.gui.app import application, create_main_window
    from exporter_desk.gui.main_window import Screen

    app = application()
    i18n.set_language(i18n.Language.ENGLISH)
    window, tasks, _ = create_main_window(data)
    window.show()
    page = window.list_page(Screen.INVOICES)
    window.show_screen(Screen.INVOICES)
    wait_until(lambda: page.model.rowCount() > 0)
    print(f"{time.time() - started:.4f}")
    window.close()
    tasks.shutdown()
    app.quit()


def seed(data: Path, rows: int) -> None:
    from exporter_desk.services.demo import seed_demo
    from exporter_desk.store import database_path, open_store

    with open_store(database_path(data)) as store:
        seed_demo(store)
        base = store.invoices.list(0, 1)[0]
        buyers = [p.id for p in store.parties.list(0, 10) if p.id != base.seller_id]
        start = dt.date(2020, 1, 1)
        store.invoices.bulk_insert(
            replace(
                base,
                id=None,
                number=f"BENCH-{n:07d}",
                date=start + dt.timedelta(days=n % 2000),
                buyer_id=buyers[n % len(buyers)],
                consignee_id=None,
                notify_id=None,
            )
            for n in range(rows)
        )


def measure_lists(data: Path, rows: int) -> tuple[list[float], list[float]]:
    from exporter_desk.gui.app import application, store_opener
    from exporter_desk.gui.models import StoreTableModel
    from exporter_desk.gui.sources import InvoiceSource
    from exporter_desk.gui.tasks import TaskManager

    application()
    tasks = TaskManager(lambda: store_opener(data))
    opens: list[float] = []
    searches: list[float] = []
    try:
        for run in range(RUNS + 1):
            model: StoreTableModel = StoreTableModel(tasks, InvoiceSource())  # type: ignore[type-arg]
            begin = time.perf_counter()
            model.reload()
            wait_until(lambda m=model: m.rowCount() > 0)
            opened = time.perf_counter() - begin
            number = f"BENCH-{(run * 7919) % rows:07d}"
            begin = time.perf_counter()
            model.set_query(number)
            wait_until(lambda m=model, n=number: m.rowCount() == 1 and m.query == n)
            searched = time.perf_counter() - begin
            if run:  # the first run warms the caches
                opens.append(opened)
                searches.append(searched)
    finally:
        tasks.shutdown()
    return opens, searches


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="seed (or reuse) this data folder")
    parser.add_argument("--child-start", nargs=2, metavar=("DATA", "T0"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_start:
        child_start(Path(args.child_start[0]), float(args.child_start[1]))
        return 0

    with tempfile.TemporaryDirectory(prefix="exporter-desk-gui-bench-") as tmp:
        data = args.keep or Path(tmp) / "data"
        if not (data / "exporter-desk.sqlite3").exists():
            began = time.perf_counter()
            seed(data, args.rows)
            print(f"seeded {args.rows:,} invoices in {time.perf_counter() - began:.1f} s")
        settings = Path(tmp) / "qsettings"
        env = {**os.environ, "XDG_CONFIG_HOME": str(settings), "QT_QPA_PLATFORM": "offscreen"}
        starts = []
        for _ in range(RUNS):
            spawned = time.time()
            out = subprocess.run(
                [sys.executable, __file__, "--child-start", str(data), repr(spawned)],
                check=True,
                capture_output=True,
                text=True,
                env=env,
            ).stdout
            starts.append(float(out.strip().splitlines()[-1]))
        opens, searches = measure_lists(data, args.rows)

    rows = [
        ("cold start to a usable main window", statistics.median(starts), max(starts), 1.5),
        (f"open the invoice list ({args.rows:,} rows)", statistics.median(opens), max(opens), 0.2),
        ("search the invoice list", statistics.median(searches), max(searches), 0.05),
    ]
    print(f"\n{'what':<44} {'median':>9} {'worst':>9} {'target':>9}  ok")
    for what, median, worst, target in rows:
        mark = "yes" if median < target else "NO"
        print(
            f"{what:<44} {median * 1000:>7.0f}ms {worst * 1000:>7.0f}ms "
            f"{target * 1000:>7.0f}ms  {mark}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
