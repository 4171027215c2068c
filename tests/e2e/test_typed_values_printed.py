"""What a person types is printed in its display form on the signed invoice.

The codes go in as people type them (dots, spaces, lower case, full-width digits), through the
store, into an invoice that is rendered, registered and signed on the local network; the text
pdftotext reads from the signed PDF shows ``8467.29``, never ``8467..2.9``, and prices at the
currency's minor units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest

from exporter_desk.domain import BankAccount, Container, DocumentKind, DocumentStatus, Invoice
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.network import Connection, open_local_network
from exporter_desk.services.trust import load_trust
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import Store, database_path, open_store
from exporter_desk.verify import Result, verify_pdf
from tests.documents._pdf import flat


def _now() -> dt.datetime:
    """Issue time: read when the test runs, not at collection, which may be minutes earlier
    than the member certificate the fixture enrols (its validity starts at enrolment)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)


@dataclass
class Desk:
    data_dir: Path
    store: Store
    keystore: KeyringKeystore
    network: Connection


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    store = open_store(database_path(tmp_path))
    seed_demo(store)
    keystore = KeyringKeystore()
    network = open_local_network(tmp_path, store, keystore)
    yield Desk(tmp_path, store, keystore, network)
    network.close()
    store.close()


def _type_into_the_invoice(store: Store) -> Invoice:
    """Save the demo's commercial invoice, its seller's bank and its shipment as typed."""
    [invoice] = store.invoices.search("HY-CI-2026-0112")
    typed_codes = ("8467.29", "8467 29", "８２０７．５０")
    lines = tuple(
        replace(line, hs_code=code) for line, code in zip(invoice.lines, typed_codes, strict=True)
    )
    lines = (replace(lines[0], unit_price=Decimal("45.9")), *lines[1:])
    invoice = store.invoices.save(replace(invoice, lines=lines))
    seller = store.parties.get(invoice.seller_id)
    assert seller.bank is not None
    bank = BankAccount(
        bank_name=seller.bank.bank_name,
        account_number="de89 3704 0044 0532 0130 00",
        swift="bkchcnshxxx",
        bank_address=seller.bank.bank_address,
        account_name=seller.bank.account_name,
    )
    store.parties.save(replace(seller, bank=bank, registration_id="91310000ma1fl4ct3u"))
    assert invoice.shipment_id is not None
    shipment = store.shipments.get(invoice.shipment_id)
    store.shipments.save(
        replace(shipment, containers=(Container("csqu 305438 3", "ool gk 8812", "40hc"),))
    )
    return invoice


def test_the_signed_invoice_prints_typed_codes_in_their_display_form(desk: Desk) -> None:
    invoice = _type_into_the_invoice(desk.store)
    stored = desk.store._session.rows(
        "SELECT hs_code FROM invoice_lines WHERE invoice_id = ? ORDER BY position", (invoice.id,)
    )
    assert [row[0] for row in stored] == ["846729", "846729", "820750"]

    doc = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        DocumentKind.COMMERCIAL_INVOICE,
        invoice.id or 0,
        now=_now(),
    )
    assert doc.status is DocumentStatus.REGISTERED
    verdict = verify_pdf(Path(doc.path), load_trust(desk.data_dir))
    assert verdict.result is Result.AUTHENTIC, [c.reason_en for c in verdict.checks]

    text = flat(Path(doc.path))
    assert text.count("8467.29") == 2 and "8207.50" in text
    assert "8467..2.9" not in text and "8467. 2.9" not in text and "８" not in text
    assert "45.90" in text and "45.9 " not in text
    assert "Account No.: DE89 3704 0044 0532 0130 00" in text
    assert "SWIFT / BIC: BKCHCNSHXXX" in text
    assert "Reg. No. 91310000MA1FL4CT3U" in text
    assert "CSQU 305438 3 · 40HC · seal OOLGK8812" in text
