"""Documents benchmark: render speed of invoices (5 and 200 lines) and of a 50-document pack.

Run: ``uv run python benchmarks/documents_bench.py [--repeat N]``. Prints a table: pages, time per
run (median of N warm runs, after one untimed run), pages per second, and the peak of Python
allocations during one run (tracemalloc, measured in a separate run so that it does not slow
the timed ones).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from io import BytesIO
from itertools import cycle, islice

from pypdf import PdfReader

from exporter_desk.documents import (
    InvoiceContext,
    PackEntry,
    PackItem,
    RenderOptions,
    build_pack,
    pack_for_deal,
    render_document,
)
from exporter_desk.documents.samples import sample_contexts, sample_pack_parties
from exporter_desk.domain import DocumentKind, LineItem, Unit
from exporter_desk.domain.samples import sample_book

OPTIONS = RenderOptions(
    created=dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC),
    network_origin="trust.exporter-desk.example/log",
    place="Shanghai",
)


def _lines(count: int) -> tuple[LineItem, ...]:
    return tuple(
        LineItem(
            description_en=f"Spare part {n:03d} for cordless drill"
            + (", brushless motor kit with two 4.0 Ah batteries" if n % 7 == 0 else ""),
            hs_code="84679900",
            quantity=Decimal(n % 9 + 1) * 10,
            unit=Unit.PCS,
            unit_price=Decimal("1.25") + Decimal(n) / 100,
            sku=f"SP-{n:03d}",
        )
        for n in range(1, count + 1)
    )


def _measure(run: Callable[[], int], repeat: int) -> tuple[int, float, float]:
    """(pages, median seconds, peak MiB) of ``run``, which returns the pages it made."""
    pages = run()  # warm: fonts registered, modules imported
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return pages, statistics.median(times), peak / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per case")
    args = parser.parse_args(argv)
    book = sample_book()
    contexts = sample_contexts(book)
    invoice = contexts[DocumentKind.COMMERCIAL_INVOICE]
    assert isinstance(invoice, InvoiceContext)

    def invoice_with(count: int, language: str) -> Callable[[], int]:
        ctx = replace(invoice, invoice=replace(invoice.invoice, lines=_lines(count)))
        options = replace(OPTIONS, language=language)  # type: ignore[arg-type]
        return lambda: render_document(DocumentKind.COMMERCIAL_INVOICE, ctx, options).page_count

    kinds = list(islice(cycle(list(DocumentKind)), 50))
    items = [PackItem(kind, contexts[kind], 1, 1) for kind in kinds]
    parties = sample_pack_parties(book)

    def pack_from_contexts() -> int:
        return _pages(pack_for_deal(book.deal, parties, items, OPTIONS))

    rendered = [
        PackEntry(render_document(k, contexts[k], OPTIONS), k.value, f"N-{i}", 1, 1, k)
        for i, k in enumerate(kinds)
    ]

    def pack_assembly() -> int:
        return _pages(build_pack("Deal DEAL-2026-012", parties, rendered, OPTIONS))

    cases: list[tuple[str, Callable[[], int]]] = [
        ("invoice, 5 lines (en)", invoice_with(5, "en")),
        ("invoice, 5 lines (en+zh)", invoice_with(5, "en+zh")),
        ("invoice, 200 lines (en)", invoice_with(200, "en")),
        ("invoice, 200 lines (en+zh)", invoice_with(200, "en+zh")),
        ("pack, 50 documents x 2 sets: render + assemble", pack_from_contexts),
        ("pack, 50 documents x 2 sets: assemble only", pack_assembly),
    ]
    print(f"{'case':50} {'pages':>6} {'time':>10} {'pages/s':>9} {'peak':>9}")
    for name, run in cases:
        pages, seconds, peak = _measure(run, args.repeat if "pack" not in name else 3)
        print(
            f"{name:50} {pages:>6} {seconds * 1000:>8.0f} ms {pages / seconds:>9.1f}"
            f" {peak:>6.1f} MiB"
        )
    return 0


def _pages(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


if __name__ == "__main__":
    sys.exit(main())
