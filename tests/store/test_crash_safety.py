"""kill -9 at random moments: every reported save survives whole, nothing half-written appears.

A child process saves and updates invoices in a loop, printing each commit after ``save``
returns; the test kills it with SIGKILL 20-200 ms after it is ready, many times over, then
checks the file. Each invoice encodes its own line and charge counts in ``buyer_reference``
(``L12C2``), so that completeness can be checked even for a commit the child had no time to
report.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from exporter_desk.store import open_store
from tests.store.conftest import buyer, exporter

ROUNDS = 55
WRITER = textwrap.dedent(
    """
    import datetime as dt
    import random
    import sys
    from dataclasses import replace
    from decimal import Decimal

    from exporter_desk.domain import (
        Charge, ChargeKind, Incoterm, Invoice, InvoiceKind, LineItem, PartyId, PaymentMethod,
        PaymentTerms, TradeTerms, Unit,
    )
    from exporter_desk.store import open_store

    path, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    store = open_store(path)
    terms = TradeTerms("EUR", Incoterm.FOB, "Shanghai", "CNSHA", "DEHAM")
    payment = PaymentTerms(PaymentMethod.TT, 30)
    print("ready", flush=True)

    def content():
        k, c = rng.randint(1, 40), rng.randint(0, 3)
        lines = tuple(
            LineItem(f"Item {j} of {k}", "8539.52", Decimal(rng.randint(1, 999)), Unit.PCS,
                     Decimal("1.25"))
            for j in range(k)
        )
        charges = tuple(Charge(ChargeKind.FREIGHT, Decimal("10.00")) for _ in range(c))
        return lines, charges, f"L{k}C{c}", k, c

    n = 0
    while True:
        n += 1
        lines, charges, ref, k, c = content()
        total = store.invoices.count()
        if n % 4 == 0 and total:
            [old] = store.invoices.list(rng.randrange(total), 1)
            print(f"W {old.id}", flush=True)
            store.invoices.save(replace(old, lines=lines, charges=charges, buyer_reference=ref))
            print(f"U {old.id} {k} {c}", flush=True)
        else:
            saved = store.invoices.save(Invoice(
                InvoiceKind.COMMERCIAL, f"K{seed}-{n}", dt.date(2025, 1, 1), PartyId(1),
                PartyId(2), terms, payment, lines, charges, buyer_reference=ref,
            ))
            print(f"I {saved.id} {k} {c}", flush=True)
    """
)
_REF = re.compile(r"L(\d+)C(\d+)")


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_at_random_moments_loses_at_most_the_save_in_flight(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite3"
    with open_store(path) as store:
        store.parties.save(exporter())
        store.parties.save(buyer())
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    repo = Path(__file__).resolve().parents[2]
    rng = random.Random(20250315)

    expected: dict[int, tuple[int, int]] = {}  # id -> (lines, charges) last confirmed
    in_doubt: set[int] = set()  # an update was in flight when the writer died
    kills = 0
    started = time.monotonic()
    for round_no in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, str(script), str(path), str(round_no)],
            cwd=repo,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stderr is not None
        ready = child.stdout.readline()
        if ready != "ready\n":
            child.kill()
            pytest.fail(f"writer did not start: {ready!r} {child.stderr.read()}")
        time.sleep(rng.uniform(0.02, 0.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL, child.stderr.read()
        kills += 1
        pending: int | None = None
        for line in child.stdout.read().splitlines(keepends=True):
            if not line.endswith("\n"):
                break  # cut mid-line by the kill: nothing confirmed by it
            kind, *fields = line.split()
            if kind == "W":
                pending = int(fields[0])
            else:
                id_, k, c = (int(f) for f in fields)
                expected[id_] = (k, c)
                in_doubt.discard(id_)
                pending = None
        if pending is not None:
            in_doubt.add(pending)
        child.stdout.close()
        child.stderr.close()
    elapsed = time.monotonic() - started

    assert kills >= 50
    assert len(expected) > 100, "the writer hardly wrote: the test proves nothing"
    with open_store(path) as store:
        conn = store._session.conn
        assert store.integrity_check() == ["ok"]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO invoices_fts (invoices_fts) VALUES ('integrity-check')")
        consistent = conn.execute(
            "SELECT count(*) FROM invoices AS i JOIN invoices_fts AS f ON f.rowid = i.id "
            "WHERE f.number = i.number AND f.buyer_reference = i.buyer_reference"
        ).fetchone()[0]
        invoices = conn.execute("SELECT count(*) FROM invoices").fetchone()[0]
        assert (
            consistent
            == invoices
            == conn.execute("SELECT count(*) FROM invoices_fts").fetchone()[0]
        )

        rows = conn.execute(
            "SELECT i.id, i.buyer_reference, i.subtotal_minor, "
            "(SELECT count(*) FROM invoice_lines WHERE invoice_id = i.id), "
            "(SELECT coalesce(max(position), -1) FROM invoice_lines WHERE invoice_id = i.id), "
            "(SELECT coalesce(sum(amount_minor), 0) FROM invoice_lines WHERE invoice_id = i.id), "
            "(SELECT count(*) FROM invoice_charges WHERE invoice_id = i.id) FROM invoices AS i"
        ).fetchall()
        actual: dict[int, tuple[int, int]] = {}
        for id_, reference, subtotal, lines, last_position, line_sum, charges in rows:
            match = _REF.fullmatch(reference)
            assert match, reference
            k, c = int(match[1]), int(match[2])
            assert (lines, last_position + 1, charges) == (k, k, c), f"invoice {id_} half-written"
            assert subtotal == line_sum
            actual[id_] = (k, c)
        orphans = conn.execute(
            "SELECT count(*) FROM invoice_lines WHERE invoice_id NOT IN (SELECT id FROM invoices)"
        ).fetchone()[0]
        assert orphans == 0

    missing = set(expected) - set(actual)
    assert not missing, f"committed and reported, then lost: {sorted(missing)[:10]}"
    wrong = {i for i in expected if i not in in_doubt and actual[i] != expected[i]}
    assert not wrong, f"reported content differs: {sorted(wrong)[:10]}"
    print(
        f"\n{kills} kills, {len(expected)} confirmed invoices, {len(actual)} in file, {len(in_doubt)} updates in doubt, {elapsed:.1f} s"
    )
    # Not a speed target (benchmarks/ measures the store): a bound that catches a kill loop that
    # stalls, generous enough for a loaded 2-core machine (helpers saw 124 s under load).
    assert elapsed < 240
