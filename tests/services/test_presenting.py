"""Presentments from the desks' side, on real log and witness servers (127.0.0.1): an exporter
issues a real signed invoice; one bank presents it; another bank verifying it online is told it
was already presented, by whom (the first consented) and when; the exporter sees it in its
register; the CLI says the same."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from exporter_desk.cli import main
from exporter_desk.domain import DocumentKind
from exporter_desk.notary.provision import create_invitation
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.network import join_network, open_network
from exporter_desk.services.presenting import (
    NoBusinessKeyError,
    NotPresentableError,
    PresentedDocument,
    PresentmentsUnavailableError,
    business_key,
    look_up,
    present_file,
    presented_documents_of,
    presentment_warning,
)
from exporter_desk.services.trust import load_trust
from exporter_desk.services.verifying import verify_file
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import Store, database_path, open_store
from tests.notary.test_e2e import Network, make_network

from .conftest import Desk

pytestmark = pytest.mark.slow


@dataclass
class Member:
    data_dir: Path
    store: Store
    keystore: KeyringKeystore


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    net = make_network(tmp_path_factory.mktemp("presenting"), "--enrol-rate", "50")
    net.start()
    try:
        yield net
    finally:
        net.stop()


def joined(network: Network, root: Path, name: str, service: str | None) -> Member:
    data_dir = root / name.replace(" ", "-")
    store = open_store(database_path(data_dir))
    seed_demo(store)
    keystore = KeyringKeystore(service=service) if service else KeyringKeystore()
    code = create_invitation(network.log_dir, name=name, registration_id=name.upper()[:12])
    join_network(data_dir, store, keystore, network.descriptor, code)
    return Member(data_dir, store, keystore)


def test_the_second_bank_verifying_online_is_told_the_first_presented_it(
    network: Network, tmp_path: Path
) -> None:
    exporter = joined(network, tmp_path, "Huayang Export", "exporter-desk-test-exporter")
    first = joined(network, tmp_path, "Bank One", "exporter-desk-test-bank-one")
    second = joined(network, tmp_path, "Bank Two", None)  # the CLI's keystore: the default
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with open_network(exporter.data_dir, exporter.store, exporter.keystore) as connection:
        issued = issue_document(
            exporter.store,
            exporter.keystore,
            exporter.data_dir,
            connection,
            DocumentKind.COMMERCIAL_INVOICE,
            1,
            now=now,
        )
    invoice = Path(issued.path)

    trust = load_trust(second.data_dir)
    verdict = verify_file(invoice, trust)
    assert (
        presentment_warning(second.data_dir, second.store, second.keystore, invoice, verdict)
        is None
    )

    done = present_file(
        first.data_dir,
        first.store,
        first.keystore,
        invoice,
        amount=Decimal("80000.00"),
        currency="usd",
        consent=True,
    )
    assert not done.record.duplicate and done.status.earlier == ()
    assert done.document.key.startswith("invoice|") and done.document.number == issued.number

    warning = presentment_warning(second.data_dir, second.store, second.keystore, invoice, verdict)
    assert warning == (
        f"already presented to another bank on {done.record.date.date().isoformat()} (Bank One)"
    )

    out = io.StringIO()
    code = main(["--data", str(second.data_dir), "verify", str(invoice), "--online"], out=out)
    assert code == 0, out.getvalue()
    assert f"Presentment: {warning}" in out.getvalue()

    out = io.StringIO()
    code = main(["--data", str(second.data_dir), "present", str(invoice)], out=out)
    assert code == 0, out.getvalue()
    assert "recorded on" in out.getvalue() and "(Bank One)" in out.getvalue()

    (mine, theirs) = presented_documents_of(exporter.data_dir, exporter.store, exporter.keystore)
    assert (mine.number, mine.bank) == (issued.number, "Bank One")
    assert (theirs.number, theirs.bank) == (issued.number, None)  # Bank Two did not consent
    assert mine.date == done.record.date
    for member in (exporter, first, second):
        member.store.close()


def test_an_unregistered_file_cannot_be_presented(network: Network, tmp_path: Path) -> None:
    bank = joined(network, tmp_path, "Strict Bank", "exporter-desk-test-strict")
    fake = tmp_path / "not-issued.pdf"
    fake.write_bytes(b"%PDF-1.7\n%%EOF\n")
    with pytest.raises(NotPresentableError) as caught:
        present_file(bank.data_dir, bank.store, bank.keystore, fake)
    assert "not an authentic registered document" in caught.value.user_message
    bank.store.close()


def test_on_the_local_network_presentments_are_unavailable_with_a_reason(desk: Desk) -> None:
    document = PresentedDocument(
        origin=desk.network.descriptor.origin,
        leaf_hash="ab" * 32,
        kind="commercial-invoice",
        number="INV-1",
        key="invoice|X1|INV1|1|EUR",
    )
    with pytest.raises(PresentmentsUnavailableError) as caught:
        look_up(desk.network, document)
    assert "shared trust network" in caught.value.user_message
    assert presented_documents_of(desk.data_dir, desk.store, desk.keystore) == []


def test_a_document_without_an_invoice_total_or_transport_document_has_no_key() -> None:
    with pytest.raises(NoBusinessKeyError) as caught:
        business_key("packing-list", {"shipment": None}, "DE136695976")
    assert "carrier and the transport document number" in caught.value.user_message
    assert (
        business_key("packing-list", {}, None, carrier="oolu", transport_document="oolu 2718456780")
        == "transport|OOLU|OOLU2718456780"
    )
    record = {
        "number": "INV-9",
        "parties": {"seller": {"registration_id": ""}},
        "totals": {"total": "1200.50", "currency": "USD"},
    }
    assert business_key("commercial-invoice", record, "de 136 695 976") == (
        "invoice|DE136695976|INV9|1200.5|USD"
    )


def test_a_document_whose_data_is_not_a_record_is_called_damaged() -> None:
    import io

    from pypdf import PdfWriter

    from exporter_desk.services.presenting import _document_record

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("document.json", b'["not", "a record"]')
    pdf = io.BytesIO()
    writer.write(pdf)
    with pytest.raises(NoBusinessKeyError) as caught:
        _document_record(pdf.getvalue())
    assert caught.value.user_message == "The document's data (document.json) is damaged."
