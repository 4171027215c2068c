"""Store benchmark: seed N invoices (5 lines each), then time the GUI's queries.

Run: ``uv run python benchmarks/store_bench.py [--rows N] [--keep DIR]``. Prints a table of
medians and 95th percentiles (warm, after one untimed run) against the targets of DESIGN.md 9.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from exporter_desk.domain import (
    Charge,
    ChargeKind,
    Incoterm,
    Invoice,
    InvoiceKind,
    LineItem,
    Party,
    PartyId,
    PartyRole,
    PaymentMethod,
    PaymentTerms,
    TradeTerms,
    Unit,
)
from exporter_desk.store import Store, open_store

PAGE = 50
_WORDS = [
    "Hamburg", "Rotterdam", "Lyon", "Milano", "Gdansk", "Valencia", "Porto", "Antwerp",
    "Nordic", "Alpine", "Baltic", "Atlas", "Orion", "Vega", "Delta", "Sierra",
]  # fmt: skip
_KINDS = ["Trading", "Import", "Handels", "Distribution", "Supply", "Retail"]
_FORMS = ["GmbH", "B.V.", "S.r.l.", "S.A.", "Ltd", "Sp. z o.o."]
_ZH = ["上海", "宁波", "深圳", "广州", "苏州", "杭州", "青岛", "厦门"]


def _parties(store: Store, buyers: int) -> tuple[PartyId, list[PartyId]]:
    with store.transaction():
        seller = store.parties.save(
            Party(
                "Shanghai Bright Star Import & Export Co., Ltd.",
                "Room 1208, 88 Century Avenue, Pudong, Shanghai",
                "CN",
                frozenset({PartyRole.EXPORTER}),
                name_zh="上海明星进出口有限公司",
                registration_id="91310000MA1FL4CT3U",
            )
        )
        rng = random.Random(7)
        ids = []
        for n in range(buyers):
            name = f"{rng.choice(_WORDS)} {rng.choice(_KINDS)} {n:04d} {rng.choice(_FORMS)}"
            zh = f"{rng.choice(_ZH)}{n:04d}贸易有限公司" if n % 5 == 0 else ""
            party = store.parties.save(
                Party(name, f"Street {n}, City", "DE", frozenset({PartyRole.BUYER}), name_zh=zh)
            )
            assert party.id is not None
            ids.append(party.id)
    assert seller.id is not None
    return seller.id, ids


def _invoices(rows: int, seller: PartyId, buyers: list[PartyId]) -> Iterator[Invoice]:
    rng = random.Random(42)
    terms = TradeTerms("USD", Incoterm.FOB, "Shanghai", "CNSHA", "DEHAM")
    payment = PaymentTerms(PaymentMethod.TT, 30, Decimal(30))
    start = dt.date(2015, 1, 1)
    for n in range(rows):
        lines = tuple(
            LineItem(
                f"LED panel light 600x600 40W model {k}",
                "9405.42",
                Decimal(rng.randint(10, 5000)),
                Unit.PCS,
                Decimal(rng.randint(100, 99999)) / 100,
                sku=f"LP-{k:03d}",
            )
            for k in range(5)
        )
        yield Invoice(
            InvoiceKind.COMMERCIAL,
            f"BS-{n:07d}",
            start + dt.timedelta(days=n * 3650 // max(rows, 1)),
            seller,
            rng.choice(buyers),
            terms,
            payment,
            lines,
            (Charge(ChargeKind.FREIGHT, Decimal("850.00")),),
            buyer_reference=f"PO-{rng.randint(100000, 999999)}",
        )


def _time(fn: Callable[[], object], repeat: int = 30) -> tuple[float, float]:
    fn()  # warm
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000, help="invoices to seed")
    parser.add_argument("--buyers", type=int, default=1_000)
    parser.add_argument("--keep", type=Path, help="folder for the database (default: temp)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        path = folder / "bench.sqlite3"
        if path.exists():
            sys.exit(f"{path} exists; choose an empty folder")
        results: list[tuple[str, str, str, str]] = []

        t0 = time.perf_counter()
        store = open_store(path)
        results.append(("create + migrate", f"{(time.perf_counter() - t0) * 1000:.1f}", "", ""))
        seller, buyers = _parties(store, args.buyers)
        t0 = time.perf_counter()
        inserted = store.invoices.bulk_insert(_invoices(args.rows, seller, buyers))
        seconds = time.perf_counter() - t0
        results.append(
            (
                f"bulk insert {inserted:,} invoices x 5 lines",
                f"{seconds * 1000:,.0f}",
                f"{inserted / seconds:,.0f} invoices/s",
                "",
            )
        )
        store.close()

        t0 = time.perf_counter()
        store = open_store(path)
        results.append(("open existing", f"{(time.perf_counter() - t0) * 1000:.1f}", "", ""))
        last_page = max(0, min(999, (args.rows - 1) // PAGE))
        target = buyers[len(buyers) // 2]
        name = store.parties.get(target).name_en.split()[2]  # the 4-digit number: unique-ish
        full_name = store.parties.get(target).name_en

        checks: list[tuple[str, Callable[[], object], float]] = [
            (f"count() = {store.invoices.count():,}", store.invoices.count, 200),
            ("list page 1 (by date desc)", lambda: store.invoices.list(0, PAGE, "date", True), 20),
            (
                f"list page {last_page + 1:,} (by date desc)",
                lambda: store.invoices.list(last_page * PAGE, PAGE, "date", True),
                20,
            ),
            ("list page 1 (by total)", lambda: store.invoices.list(0, PAGE, "total"), 20),
            (
                f"list page {last_page + 1:,} (by number)",
                lambda: store.invoices.list(last_page * PAGE, PAGE, "number"),
                20,
            ),
            (f"search buyer '{full_name}'", lambda: store.invoices.search(full_name, PAGE), 50),
            (f"search buyer '{name}'", lambda: store.invoices.search(name, PAGE), 50),
            ("search 'Hamburg' (many hits)", lambda: store.invoices.search("Hamburg", PAGE), 50),
            ("search '上海' (2 chars: LIKE)", lambda: store.invoices.search("上海", PAGE), 50),
            ("search 'zz' (2 chars, no hit)", lambda: store.invoices.search("zz", PAGE), 50),
            ("get one invoice", lambda: store.invoices.get(store.invoices.list_ids(0, 1)[0]), 20),
        ]
        for label, fn, target_ms in checks:
            median, p95 = _time(fn)
            verdict = "ok" if p95 < target_ms else "SLOW"
            results.append((label, f"{median:.2f}", f"p95 {p95:.2f}", f"< {target_ms} {verdict}"))
        seed_invoice = store.invoices.get(store.invoices.list_ids(0, 1)[0])
        counter = iter(range(10**6))

        def save_one() -> object:
            from dataclasses import replace

            return store.invoices.save(replace(seed_invoice, id=None, number=f"X-{next(counter)}"))

        median, p95 = _time(save_one, repeat=20)
        results.append(("save one invoice (fsync)", f"{median:.2f}", f"p95 {p95:.2f}", ""))
        size = path.stat().st_size / 1e6
        results.append(("database file", f"{size:,.0f} MB", "", ""))
        store.close()

    width = max(len(r[0]) for r in results)
    print(f"{'what':<{width}}  {'ms (median)':>12}  {'':>22}  target")
    print("-" * (width + 50))
    for label, value, extra, target_text in results:
        print(f"{label:<{width}}  {value:>12}  {extra:>22}  {target_text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
