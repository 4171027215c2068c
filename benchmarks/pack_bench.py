"""Packs of issued documents: build a pack of 10 issued, signed documents and verify it (every
original inside, every printed page against its original); issue the deal's bank pack and
verify that too. Local network, in a temporary data folder.

    uv run python benchmarks/pack_bench.py [--repeat 5]

Prints a table: pages, size, and the median of N warm runs (after one untimed run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from pypdf import PdfReader

from exporter_desk.domain import DocumentKind, InvoiceId
from exporter_desk.services.demo import DEMO_DOCUMENTS, _source_id, seed_demo
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.network import open_local_network
from exporter_desk.services.packs import build_pack, issue_bank_pack, plan_pack
from exporter_desk.services.trust import load_trust
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import database_path, open_store
from exporter_desk.verify import Result
from exporter_desk.verify.pack import verify_pack


class _MemoryKeyring(KeyringBackend):
    """Benchmarks never touch the real keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def _median(run: Callable[[], object], repeat: int) -> float:
    run()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    keyring.set_keyring(_MemoryKeyring())
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        store = open_store(database_path(data_dir))
        seed_demo(store)
        keystore = KeyringKeystore()
        template = store.invoices.get(InvoiceId(1))
        # The deal's sales leg has 8 documents to pack (its proforma is not under the contract):
        # two more invoices of the same contract make 10.
        extras = [
            store.invoices.save(replace(template, id=None, number=f"HY-CI-2026-{n}"))
            for n in (113, 114)
        ]
        now = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)
        rows: list[tuple[str, str, str, float]] = []
        with open_local_network(data_dir, store, keystore) as network:
            sources = [
                (kind, _source_id(store, table, number)) for kind, table, number in DEMO_DOCUMENTS
            ]
            sources += [(DocumentKind.COMMERCIAL_INVOICE, int(e.id or 0)) for e in extras]
            for kind, source_id in sources:
                issue_document(store, keystore, data_dir, network, kind, source_id, now=now)
            plan = plan_pack(store, deal=1).with_sets(1, 0)
            plan = replace(
                plan, candidates=tuple(replace(c, ticked=c.is_issued) for c in plan.candidates)
            )
            assert len(plan.ticked) == 10, [c.kind for c in plan.ticked]
            trust = load_trust(data_dir)
            pdf = build_pack(store, plan, now=now)
            pages = len(PdfReader(BytesIO(pdf)).pages)
            verdict = verify_pack(pdf, trust)
            assert verdict.result is Result.AUTHENTIC, verdict.to_json()
            rows.append(
                (
                    "build a pack of 10 issued documents",
                    str(pages),
                    f"{len(pdf) // 1024} KiB",
                    _median(lambda: build_pack(store, plan, now=now), args.repeat),
                )
            )
            rows.append(
                (
                    "verify it: 10 originals + every printed page",
                    str(pages),
                    f"{len(pdf) // 1024} KiB",
                    _median(lambda: verify_pack(pdf, trust), args.repeat),
                )
            )
            started = time.perf_counter()
            bank = issue_bank_pack(store, keystore, data_dir, network, plan, trust=trust, now=now)
            issued = time.perf_counter() - started
            bank_pdf = Path(bank.path).read_bytes()
            bank_pages = str(len(PdfReader(BytesIO(bank_pdf)).pages))
            size = f"{len(bank_pdf) // 1024} KiB"
            rows.append(
                ("issue the bank pack (cover checks 10 originals, once)", bank_pages, size, issued)
            )
            bank_verdict = verify_pack(bank_pdf, trust)
            assert bank_verdict.result is Result.AUTHENTIC, bank_verdict.to_json()
            rows.append(
                (
                    "verify the bank pack: pack + 10 originals + pages",
                    bank_pages,
                    size,
                    _median(lambda: verify_pack(bank_pdf, trust), args.repeat),
                )
            )
        store.close()
    print(f"{'case':56} {'pages':>6} {'size':>9} {'time':>10}")
    for case, pages_text, size_text, seconds in rows:
        print(f"{case:56} {pages_text:>6} {size_text:>9} {seconds * 1000:>8.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
