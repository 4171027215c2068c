"""Issue invoices end to end on the local network: render + register + sign, timed.

Target (DESIGN.md section 9): < 300 ms per invoice on a 2-core machine.

    uv run python benchmarks/issue_bench.py [--count 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

from exporter_desk.domain import DocumentKind, InvoiceId
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.network import open_local_network
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import database_path, open_store


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=30)
    args = parser.parse_args()
    keyring.set_keyring(_MemoryKeyring())
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        store = open_store(database_path(data_dir))
        seed_demo(store)
        keystore = KeyringKeystore()
        template = store.invoices.get(InvoiceId(1))
        ids = [
            store.invoices.save(replace(template, id=None, number=f"BENCH-{n:05d}")).id
            for n in range(args.count + 1)
        ]
        started = time.perf_counter()
        network = open_local_network(data_dir, store, keystore)
        setup = time.perf_counter() - started
        now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
        issue_document(
            store,
            keystore,
            data_dir,
            network,
            DocumentKind.COMMERCIAL_INVOICE,
            int(ids[0] or 0),
            now=now,
        )  # warm-up: imports, fonts, pyHanko
        times = []
        for invoice_id in ids[1:]:
            t0 = time.perf_counter()
            issue_document(
                store,
                keystore,
                data_dir,
                network,
                DocumentKind.COMMERCIAL_INVOICE,
                int(invoice_id or 0),
                now=now,
            )
            times.append((time.perf_counter() - t0) * 1000)
        network.close()
        store.close()
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(f"{'what':<52}{'ms':>10}{'target':>12}")
    print(f"{'open local network + enrol (first run)':<52}{setup * 1000:>10.1f}")
    median = statistics.median(times)
    verdict = "ok" if median < 300 else "MISSED"
    print(
        f"{'issue one invoice, median of ' + str(len(times)):<52}{median:>10.1f}{'< 300 ' + verdict:>12}"
    )
    print(f"{'issue one invoice, p95':<52}{p95:>10.1f}")


if __name__ == "__main__":
    main()
