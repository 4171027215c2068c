"""Issuing: render, register, sign; offline documents wait in the outbox and finish later."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from exporter_desk.documents import RenderedDocument, RenderOptions, SignatureBox
from exporter_desk.documents.context import DocumentContext
from exporter_desk.documents.render import render_document
from exporter_desk.domain import Charge, ChargeKind, DocumentKind, DocumentStatus, InvoiceId
from exporter_desk.services.issuing import (
    AwaitingRegistrationError,
    IssueOptions,
    SealBoxMovedError,
    SupersedeRequiredError,
    drain_outbox,
    issue,
    issue_document,
    pending_path,
    preview_document,
    save_preview,
)
from exporter_desk.services.network import Connection
from exporter_desk.services.trust import load_trust
from exporter_desk.trustnet import Entry, parse_proof
from exporter_desk.trustnet.client import NetworkUnavailableError, TrustnetClient
from exporter_desk.verify import Result, verify_pdf

from .conftest import Desk

# The member certificate is issued at enrolment (now), so documents are issued after it.
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _issue_time_now() -> None:
    """Read the issue time when each test starts: read once at collection, it can be older than
    the member certificate the fixture enrols minutes later in a long run."""
    global NOW
    NOW = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)


class Unreachable:
    """A transport whose network is down: every call says so."""

    def __getattr__(self, name: str) -> Any:
        def down(*args: object, **kwargs: object) -> Any:
            raise NetworkUnavailableError("connection refused (test: the cable is unplugged)")

        return down


def offline(network: Connection) -> Connection:
    client = TrustnetClient(network.descriptor, Unreachable())  # type: ignore[arg-type]
    return Connection(descriptor=network.descriptor, client=client, token=network.token)


def test_an_issued_invoice_is_registered_signed_and_verifies_offline(desk: Desk) -> None:
    steps: list[str] = []
    doc = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=NOW,
        progress=lambda step, _: steps.append(step),
    )
    assert doc.status is DocumentStatus.REGISTERED
    assert steps[0] == "render" and steps[-1] == "done"
    pdf = Path(doc.path).read_bytes()
    assert hashlib.sha256(pdf).hexdigest() == doc.digest_final
    entry = Entry.parse(parse_proof(doc.receipt).extra or b"")
    assert entry.number == "HY-CI-2026-0112"
    assert pdf[: entry.length] and hashlib.sha256(pdf[: entry.length]).hexdigest() == doc.digest_r1
    verdict = verify_pdf(Path(doc.path), load_trust(desk.data_dir))
    assert verdict.result is Result.AUTHENTIC, [c.reason_en for c in verdict.checks]


def test_pdfsig_calls_the_issued_pdf_valid_and_totally_signed(desk: Desk) -> None:
    doc = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        DocumentKind.PACKING_LIST,
        1,
        now=NOW,
    )
    out = subprocess.run(
        ["pdfsig", "-no-ocsp", doc.path], capture_output=True, text=True, timeout=60, check=False
    ).stdout
    assert "Signature is Valid" in out
    assert "Total document signed" in out


def test_pdfsig_trusts_the_signer_once_the_member_ca_is_in_its_nss_database(
    desk: Desk, tmp_path: Path
) -> None:
    doc = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=NOW,
    )
    nss = tmp_path / "nss"
    nss.mkdir()
    ca_pem = tmp_path / "member-ca.pem"
    ca_pem.write_text(desk.network.descriptor.member_ca_pem, encoding="ascii")
    for command in (
        ["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"],
        ["certutil", "-A", "-d", f"sql:{nss}", "-n", "member-ca", "-t", "C,C,", "-i", str(ca_pem)],
    ):
        subprocess.run(command, check=True, capture_output=True, timeout=60)
    out = subprocess.run(
        ["pdfsig", "-no-ocsp", "-nssdir", f"sql:{nss}", doc.path],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    ).stdout
    assert "Signature is Valid" in out
    assert "Certificate is Trusted" in out


def test_offline_issue_waits_in_the_outbox_and_the_drain_finishes_it_once(desk: Desk) -> None:
    doc = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        offline(desk.network),
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=NOW,
    )
    assert doc.status is DocumentStatus.AWAITING_REGISTRATION
    assert doc.id is not None and pending_path(desk.data_dir, doc.id).exists()
    assert desk.store.outbox.pending_count() == 1

    result = drain_outbox(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        now=NOW + dt.timedelta(hours=2),
    )
    assert (result.delivered, result.waiting) == (1, 0)
    finished = desk.store.documents.get(doc.id)
    assert finished.status is DocumentStatus.REGISTERED
    assert not pending_path(desk.data_dir, doc.id).exists()
    verdict = verify_pdf(Path(finished.path), load_trust(desk.data_dir))
    assert verdict.result is Result.AUTHENTIC
    again = drain_outbox(
        desk.store, desk.keystore, desk.data_dir, desk.network, now=NOW + dt.timedelta(hours=3)
    )
    assert (again.delivered, again.waiting) == (0, 0)


def test_issuing_the_same_data_twice_is_idempotent(desk: Desk) -> None:
    args = (desk.store, desk.keystore, desk.data_dir, desk.network)
    first = issue_document(*args, DocumentKind.COMMERCIAL_INVOICE, 1, now=NOW)
    second = issue_document(*args, DocumentKind.COMMERCIAL_INVOICE, 1, now=NOW)
    assert second.id == first.id
    assert len(desk.store.documents.by_number(DocumentKind.COMMERCIAL_INVOICE, first.number)) == 1


def test_unchanged_data_issued_later_registers_nothing_and_says_so(desk: Desk) -> None:
    """The issue time is in the PDF's bytes; "unchanged" is decided on the data."""
    args = (desk.store, desk.keystore, desk.data_dir, desk.network)
    first = issue(*args, DocumentKind.COMMERCIAL_INVOICE, 1, now=NOW)
    size = desk.network.client.transport.checkpoint().splitlines()[1]
    outcomes = [
        issue(*args, DocumentKind.COMMERCIAL_INVOICE, 1, now=NOW + dt.timedelta(hours=hours))
        for hours in (1, 2, 3)
    ]
    assert not first.unchanged and first.document.data_digest
    assert all(o.unchanged and o.document.id == first.document.id for o in outcomes)
    docs = desk.store.documents.by_number(DocumentKind.COMMERCIAL_INVOICE, first.document.number)
    assert [d.id for d in docs] == [first.document.id]
    assert desk.network.client.transport.checkpoint().splitlines()[1] == size  # log unchanged
    assert not list((desk.data_dir / "documents" / "commercial-invoice").glob("*(rev*"))


def _discount(desk: Desk) -> None:
    invoice = desk.store.invoices.get(InvoiceId(1))
    corrected = replace(
        invoice, charges=(*invoice.charges, Charge(ChargeKind.DISCOUNT, Decimal("100.00")))
    )
    desk.store.invoices.save(corrected)


def test_changed_data_is_not_superseded_without_the_users_choice(desk: Desk) -> None:
    args = (desk.store, desk.keystore, desk.data_dir, desk.network)
    first = issue_document(*args, DocumentKind.COMMERCIAL_INVOICE, 1, now=NOW)
    _discount(desk)
    with pytest.raises(SupersedeRequiredError) as raised:
        issue_document(*args, DocumentKind.COMMERCIAL_INVOICE, 1, now=NOW + dt.timedelta(hours=1))
    assert raised.value.earlier.id == first.id
    assert "supersedes the earlier one" in raised.value.user_message
    assert "marked superseded" in raised.value.user_message
    docs = desk.store.documents.by_number(DocumentKind.COMMERCIAL_INVOICE, first.number)
    assert [(d.id, d.status) for d in docs] == [(first.id, DocumentStatus.REGISTERED)]


def test_changed_data_waits_until_the_earlier_issue_is_registered(desk: Desk) -> None:
    waiting = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        offline(desk.network),
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=NOW,
    )
    assert waiting.status is DocumentStatus.AWAITING_REGISTRATION
    _discount(desk)
    args = (desk.store, desk.keystore, desk.data_dir, desk.network)
    with pytest.raises(AwaitingRegistrationError) as raised:
        issue(*args, DocumentKind.COMMERCIAL_INVOICE, 1, now=NOW, supersede=True)
    assert raised.value.user_message == (
        f"Commercial Invoice {waiting.number} was issued with other data and still waits for "
        "registration. Retry the registration first (Documents); then issue it again to "
        "supersede it."
    )
    assert desk.store.documents.count() == 1  # nothing more was issued


def test_a_corrected_invoice_supersedes_the_earlier_one(desk: Desk) -> None:
    args = (desk.store, desk.keystore, desk.data_dir, desk.network)
    first = issue_document(*args, DocumentKind.COMMERCIAL_INVOICE, 1, now=NOW)
    _discount(desk)
    outcome = issue(
        *args, DocumentKind.COMMERCIAL_INVOICE, 1, now=NOW + dt.timedelta(minutes=5), supersede=True
    )
    second = outcome.document
    assert outcome.superseded is not None and outcome.superseded.id == first.id
    assert second.id != first.id
    assert second.supersedes_id == first.id
    assert desk.store.documents.get(first.id).status is DocumentStatus.SUPERSEDED  # type: ignore[arg-type]
    old_entry = Entry.parse(parse_proof(first.receipt).extra or b"")
    new_entry = Entry.parse(parse_proof(second.receipt).extra or b"")
    assert new_entry.supersedes == old_entry.leaf_hash().hex()
    assert Path(second.path) != Path(first.path)


@pytest.mark.parametrize(
    ("kind", "source"),
    [
        (DocumentKind.PROFORMA_INVOICE, 2),
        (DocumentKind.SALES_CONTRACT, 2),
        (DocumentKind.PURCHASE_CONTRACT, 1),
        (DocumentKind.CERTIFICATE_OF_ORIGIN, 1),
        (DocumentKind.SHIPPING_INSTRUCTION, 1),
        (DocumentKind.BENEFICIARY_CERTIFICATE, 1),
        (DocumentKind.BILL_OF_EXCHANGE, 1),
    ],
)
def test_every_document_kind_issues_and_verifies(
    desk: Desk, kind: DocumentKind, source: int
) -> None:
    doc = issue_document(
        desk.store, desk.keystore, desk.data_dir, desk.network, kind, source, now=NOW
    )
    verdict = verify_pdf(Path(doc.path), load_trust(desk.data_dir))
    assert verdict.result is Result.AUTHENTIC, [c.reason_en for c in verdict.checks]


def test_a_visible_seal_in_the_reserved_box_verifies_authentic(desk: Desk) -> None:
    import json

    from pypdf import PdfReader

    from exporter_desk.services.issuing import IssueOptions

    doc = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=NOW,
        options=IssueOptions(visible_seal=True),
    )
    reader = PdfReader(doc.path)
    data = json.loads(reader.attachments["document.json"][0])
    assert data["signature_box"]["page"] == 0
    widgets = [
        annot.get_object()
        for annot in reader.pages[0].get("/Annots", [])
        if annot.get_object().get("/FT") == "/Sig"
    ]
    x1, y1, x2, y2 = (float(v) for v in widgets[0]["/Rect"])
    assert (round(x1), round(y1), round(x2), round(y2)) == tuple(data["signature_box"]["rect"])
    verdict = verify_pdf(Path(doc.path), load_trust(desk.data_dir))
    assert verdict.result is Result.AUTHENTIC, [c.reason_en for c in verdict.checks]


def test_a_seal_box_that_moves_between_renders_issues_nothing(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seal's box is read from the first render and recorded in the second; today's layout
    puts it in the same place both times, so no data makes it move: the second render is made
    to return its box moved by one point, as a layout that depended on the recorded box would."""
    renders: list[RenderOptions] = []

    def render_with_the_box_moved(
        kind: DocumentKind, context: DocumentContext, options: RenderOptions
    ) -> RenderedDocument:
        renders.append(options)
        rendered = render_document(kind, context, options)
        if options.signature_box is None:
            return rendered
        first, *rest = rendered.signature_boxes
        x1, y1, x2, y2 = first.box
        moved = SignatureBox(first.page_index, (x1 + 1, y1, x2 + 1, y2))
        return replace(rendered, signature_boxes=(moved, *rest))

    monkeypatch.setattr("exporter_desk.services.issuing.render_document", render_with_the_box_moved)
    size = desk.network.client.transport.checkpoint().splitlines()[1]
    with pytest.raises(SealBoxMovedError) as raised:
        issue_document(
            desk.store,
            desk.keystore,
            desk.data_dir,
            desk.network,
            DocumentKind.COMMERCIAL_INVOICE,
            1,
            now=NOW,
            options=IssueOptions(visible_seal=True),
        )
    assert [o.signature_box is not None for o in renders] == [False, True]
    assert raised.value.user_message == (
        "The visible seal cannot be placed on this document; issue it without the visible seal."
    )
    assert desk.network.client.transport.checkpoint().splitlines()[1] == size  # not registered
    assert desk.store.documents.count() == 0 and desk.store.outbox.list() == []  # not stored
    documents = desk.data_dir / "documents"
    assert [p for p in documents.rglob("*") if p.is_file()] == []  # nothing signed or pending
    doc = issue_document(  # as the message says: without the seal it issues
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=NOW,
    )
    assert doc.status is DocumentStatus.REGISTERED
    assert desk.network.client.transport.checkpoint().splitlines()[1] != size


@pytest.fixture
def tsa_url() -> Any:
    """An RFC 3161 time-stamping service on a loopback port (the signing tests' own)."""
    from datetime import datetime

    from exporter_desk.signing import CertificateAuthority
    from tests.signing import test_timestamp

    now = datetime.now(dt.UTC).replace(microsecond=0)
    ca = CertificateAuthority.create("Test TSA CA", organization="Test", now=now)
    yield from test_timestamp.tsa_url.__wrapped__(ca, now)  # type: ignore[attr-defined]


def test_with_a_time_stamping_service_the_signature_is_pades_b_t(desk: Desk, tsa_url: str) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    from exporter_desk.services.issuing import TIMESTAMP_SETTING

    desk.store.settings.set(TIMESTAMP_SETTING, tsa_url)
    doc = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=NOW,
    )
    with open(doc.path, "rb") as handle:
        signature = PdfFileReader(handle).embedded_signatures[0]
        signer_info = signature.signer_info
        unsigned = signer_info["unsigned_attrs"].native or []
        assert any(attr["type"] == "signature_time_stamp_token" for attr in unsigned)
    verdict = verify_pdf(Path(doc.path), load_trust(desk.data_dir))
    assert verdict.result is Result.AUTHENTIC, [c.reason_en for c in verdict.checks]


def test_an_unreachable_time_stamping_service_leaves_the_document_in_the_outbox(
    desk: Desk,
) -> None:
    import socket

    from exporter_desk.services.issuing import TIMESTAMP_SETTING
    from exporter_desk.signing import TimestampError

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    desk.store.settings.set(TIMESTAMP_SETTING, f"http://127.0.0.1:{port}/tsa")
    with pytest.raises(TimestampError):
        issue_document(
            desk.store,
            desk.keystore,
            desk.data_dir,
            desk.network,
            DocumentKind.COMMERCIAL_INVOICE,
            1,
            now=NOW,
        )
    assert desk.store.outbox.pending_count() == 1
    desk.store.settings.delete(TIMESTAMP_SETTING)
    result = drain_outbox(
        desk.store, desk.keystore, desk.data_dir, desk.network, now=NOW + dt.timedelta(hours=1)
    )
    assert result.delivered == 1


def test_retry_now_registers_an_item_still_waiting_out_its_back_off(desk: Desk) -> None:
    doc = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        offline(desk.network),
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=NOW,
    )
    soon = NOW + dt.timedelta(seconds=1)
    waiting = drain_outbox(desk.store, desk.keystore, desk.data_dir, desk.network, now=soon)
    assert (waiting.delivered, waiting.waiting) == (0, 1)
    retried = drain_outbox(
        desk.store, desk.keystore, desk.data_dir, desk.network, now=soon, ignore_backoff=True
    )
    assert (retried.delivered, retried.waiting) == (1, 0)
    assert doc.id is not None
    assert desk.store.documents.get(doc.id).status is DocumentStatus.REGISTERED


def test_a_draft_preview_is_watermarked_unsigned_and_never_registered(desk: Desk) -> None:
    size = desk.network.client.transport.checkpoint().splitlines()[1]
    pdf = preview_document(desk.store, desk.data_dir, DocumentKind.COMMERCIAL_INVOICE, 1, now=NOW)
    assert pdf.startswith(b"%PDF")
    draft = desk.data_dir / "draft.pdf"
    draft.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-raw", str(draft), "-"], capture_output=True, check=True
    ).stdout
    assert b"DRAFT" in text
    assert b"receipt.tlog-proof" not in pdf and b"/ByteRange" not in pdf
    assert verify_pdf(draft, load_trust(desk.data_dir)).result is Result.UNSIGNED
    assert desk.store.documents.count() == 0 and desk.store.outbox.pending_count() == 0
    assert desk.network.client.transport.checkpoint().splitlines()[1] == size


def test_a_saved_preview_lands_in_the_drafts_folder_with_the_chosen_paper(desk: Desk) -> None:
    options = IssueOptions(paper="Letter")  # type: ignore[arg-type]  # as Settings stored it
    path = save_preview(
        desk.store, desk.data_dir, DocumentKind.COMMERCIAL_INVOICE, 1, options=options, now=NOW
    )
    assert path == desk.data_dir / ".drafts" / "DRAFT commercial-invoice 1.pdf"
    first_page = PdfReader(path).pages[0]
    assert round(float(first_page.mediabox.width)) == 612  # US Letter, not A4's 595
    assert desk.store.documents.count() == 0
