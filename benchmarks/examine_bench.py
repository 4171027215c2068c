"""Examination benchmark (DESIGN.md section 9): examining a deal of 10 documents of 200 lines
(target < 100 ms), and the transport-document reuse lookup over a 10,000-deal database
(target < 20 ms, through an index).

Run: ``uv run python benchmarks/examine_bench.py [--deals N] [--repeat N]``. Prints a table:
median and worst of N warm runs, and the SQLite query plan of the reuse lookup. The database is
a real SQLite file in a temporary folder, filled through the repositories in one transaction.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from exporter_desk.domain import (
    Contract,
    ContractKind,
    Deal,
    DealId,
    Incoterm,
    Invoice,
    InvoiceKind,
    LineItem,
    PackageRange,
    PackageType,
    PackingList,
    Shipment,
    TransportMode,
    Unit,
)
from exporter_desk.domain.invoice import InvoiceId
from exporter_desk.domain.received import ReceivedDocument, ReceivedKind, ReceivedLine
from exporter_desk.domain.samples import sample_book, sample_credit_mt700
from exporter_desk.domain.swift import parse_mt700
from exporter_desk.examine import Presentation, examine
from exporter_desk.store import open_store
from exporter_desk.store.received import _USES_SQL

TODAY = dt.date(2026, 11, 2)
LINES = 200


def _lines(price: str) -> tuple[LineItem, ...]:
    return tuple(
        LineItem(
            description_en=f"Spare part {n:03d} for cordless drill",
            hs_code="84679900",
            quantity=Decimal(n % 9 + 1) * 10,
            unit=Unit.PCS,
            unit_price=Decimal(price) + Decimal(n) / 100,
            sku=f"SP-{n:03d}",
        )
        for n in range(1, LINES + 1)
    )


def big_presentation() -> Presentation:
    """Ten documents of 200 lines: two contracts, three invoices, three packing lists, the
    supplier's invoice and the B/L; and a credit whose 45A names all 200 articles."""
    book = sample_book(TODAY)
    purchase = replace(book.purchase, lines=_lines("1.00"))
    fca = replace(book.sales.terms, incoterm=Incoterm.FCA, incoterm_place="Ho Chi Minh City")
    sales = replace(book.sales, lines=_lines("1.25"), terms=fca)
    invoices = tuple(
        replace(book.invoice, id=InvoiceId(n), number=f"CI-{n}", lines=sales.lines, terms=fca)
        for n in (1, 2, 3)
    )
    packing_lists = tuple(
        PackingList(
            number=f"PL-{invoice.id}",
            date=TODAY,
            invoice_id=invoice.id or InvoiceId(1),
            packages=tuple(
                PackageRange(
                    index + 1,
                    index + 1,
                    PackageType.CARTON,
                    line.description_en,
                    line.quantity,
                    line.unit,
                    Decimal(2),
                    Decimal("2.5"),
                    sku=line.sku,
                )
                for index, line in enumerate(invoice.lines)
            ),
            marks=invoice.marks,
        )
        for invoice in invoices
    )
    net = sum((pl.net_kg() for pl in packing_lists), Decimal(0))
    received = (
        ReceivedDocument(
            book.deal.id or DealId(1),
            ReceivedKind.SUPPLIER_INVOICE,
            "supplier.pdf",
            "0" * 64,
            1,
            number="SPT-1",
            currency="USD",
            amount=purchase.total().amount,
            lines=tuple(
                ReceivedLine(line.description_en, line.quantity) for line in purchase.lines
            ),
            net_kg=net,
        ),
        ReceivedDocument(
            book.deal.id or DealId(1),
            ReceivedKind.BILL_OF_LADING,
            "bl.pdf",
            "1" * 64,
            1,
            number=book.shipment.transport_document_no,
            on_board_date=book.shipment.on_board_date,
            vessel=book.shipment.vessel,
            originals=3,
        ),
    )
    credit = parse_mt700(sample_credit_mt700(book)).credit
    goods = "\n".join(f"+{line.description_en.upper()}" for line in sales.lines)
    # FCA: no insurance document to present, so the ten documents are the ones above
    credit = replace(
        credit, goods=goods + "\n+FCA HO CHI MINH CITY", documents=credit.documents[:1]
    )
    total = sum((i.total().amount for i in invoices), Decimal(0))
    credit = replace(credit, amount=total, incoterm=Incoterm.FCA)
    return Presentation(
        deal=book.deal,
        purchase=purchase,
        sales=sales,
        invoices=invoices,
        packing_lists=packing_lists,
        shipments=(book.shipment,),
        received=received,
        credit=credit,
        parties=(book.exporter, book.supplier, book.buyer),
        presentation_date=TODAY + dt.timedelta(days=12),
    )


def fill(store_path: Path, deals: int) -> list[str]:
    """``deals`` deals, each with a sales contract, an invoice on a shipment with its own B/L
    number, and (every other deal) a received B/L; returns the B/L numbers."""
    book = sample_book(TODAY)
    store = open_store(store_path)
    numbers = []
    with store.transaction():
        party = {
            p.id: store.parties.save(replace(p, id=None)).id for p in (book.exporter, book.buyer)
        }
        seller, buyer = party[book.exporter.id], party[book.buyer.id]
        assert seller is not None and buyer is not None
        line = replace(book.sales.lines[0], product_id=None)
        for n in range(deals):
            number = f"OOLU{27000000 + n:08d}"
            numbers.append(number)
            contract = store.contracts.save(
                Contract(
                    kind=ContractKind.SALES,
                    number=f"S-{n}",
                    date=TODAY,
                    seller_id=seller,
                    buyer_id=buyer,
                    terms=book.sales.terms,
                    payment=book.sales.payment,
                    lines=(line,),
                )
            )
            deal = store.deals.save(Deal(reference=f"DEAL-{n:05d}", sales_contract_id=contract.id))
            shipment = store.shipments.save(
                Shipment(
                    reference=f"SHP-{n:05d}",
                    mode=TransportMode.SEA,
                    port_of_loading="VNSGN",
                    port_of_discharge="DEHAM",
                    transport_document_no=number,
                )
            )
            store.invoices.save(
                Invoice(
                    kind=InvoiceKind.COMMERCIAL,
                    number=f"CI-{n}",
                    date=TODAY,
                    seller_id=seller,
                    buyer_id=buyer,
                    terms=book.sales.terms,
                    payment=book.sales.payment,
                    lines=(line,),
                    contract_id=contract.id,
                    shipment_id=shipment.id,
                )
            )
            if n % 2 == 0 and deal.id is not None:
                store.received.save(
                    ReceivedDocument(
                        deal.id, ReceivedKind.BILL_OF_LADING, "bl.pdf", "2" * 64, 1, number=number
                    )
                )
    store.close()
    return numbers


def measure(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    run()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deals", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args(argv)
    presentation = big_presentation()
    documents = (
        2
        + len(presentation.invoices)
        + len(presentation.packing_lists)
        + len(presentation.received)
    )
    found = examine(presentation)
    if found:
        print("the benchmark deal should examine clean:", [d.message for d in found[:3]])
        return 1
    examine_median, examine_worst = measure(lambda: examine(presentation), args.repeat)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        start = time.perf_counter()
        numbers = fill(path, args.deals)
        filled = time.perf_counter() - start
        store = open_store(path)
        rng = random.Random(7)
        sample = [rng.choice(numbers) for _ in range(args.repeat)]
        hits = store.received.deals_using_transport_document(sample[0])
        assert len(hits) == 1, hits
        queue = iter(sample * 3)
        reuse_median, reuse_worst = measure(
            lambda: store.received.deals_using_transport_document(next(queue), excluding=None),
            args.repeat,
        )
        plan = [row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {_USES_SQL}", ["x", "x"])]
        store.close()

    print(f"{'what':<58} {'median ms':>10} {'worst ms':>9} {'target':>8}")
    print(
        f"{f'examine a deal of {documents} documents x {LINES} lines':<58} "
        f"{examine_median:>10.2f} {examine_worst:>9.2f} {'< 100':>8}"
    )
    print(
        f"{f'transport-document reuse over {args.deals:,} deals':<58} "
        f"{reuse_median:>10.3f} {reuse_worst:>9.3f} {'< 20':>8}"
    )
    print(f"(database filled through the repositories in {filled:.1f} s)")
    print("query plan of the reuse lookup:")
    for step in plan:
        print(f"  {step}")
    scans = [step for step in plan if step.startswith("SCAN") and "USING" not in step]
    if scans:
        print("the reuse lookup scans a table:", scans)
        return 1
    return 0 if examine_median < 100 and reuse_median < 20 else 1


if __name__ == "__main__":
    sys.exit(main())
