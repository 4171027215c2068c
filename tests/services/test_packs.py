"""Packs as a use case: plan from an invoice, a shipment or a deal; build from the issued, signed
PDFs without failing whole; issue a deal's bank pack. Real store, real local network."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporter_desk.domain import Deal, DocumentKind, DocumentStatus, InvoiceId
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.packs import (
    EmptyPackError,
    NotIssuedError,
    PackNotSavedError,
    bank_pack_number,
    build_pack,
    export_pack,
    issue_bank_pack,
    issue_missing,
    plan_pack,
    write_pack,
)
from exporter_desk.services.trust import load_trust
from exporter_desk.verify import Result, verify_pdf
from exporter_desk.verify.pack import verify_pack

from .conftest import Desk


def _now() -> dt.datetime:
    """A minute from now: the member certificate is issued when the desk enrols, and documents
    are issued after it (read at use, not at import, which may be minutes earlier)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)


CREDIT_ASKS = {
    DocumentKind.COMMERCIAL_INVOICE,
    DocumentKind.PACKING_LIST,
    DocumentKind.CERTIFICATE_OF_ORIGIN,
    DocumentKind.BENEFICIARY_CERTIFICATE,
}


def _attachments(pdf: bytes) -> dict[str, bytes]:
    return {name: data[0] for name, data in PdfReader(io.BytesIO(pdf)).attachments.items()}


def test_a_deals_plan_lists_its_documents_and_ticks_what_the_credit_requires(
    desk: Desk,
) -> None:
    plan = plan_pack(desk.store, deal=1)
    kinds = [c.kind for c in plan.candidates]
    assert kinds[:2] == [DocumentKind.PURCHASE_CONTRACT, DocumentKind.SALES_CONTRACT]
    assert DocumentKind.BILL_OF_EXCHANGE in kinds and DocumentKind.PACKING_LIST in kinds
    assert plan.credit_number  # the demo deal's letter of credit
    assert {c.kind for c in plan.ticked} == CREDIT_ASKS
    assert all(c.required for c in plan.ticked)
    assert not any(c.is_issued for c in plan.candidates)
    assert all(not c.missing for c in plan.candidates)


def test_a_plan_can_start_from_an_invoice_or_a_shipment(desk: Desk) -> None:
    by_invoice = plan_pack(desk.store, invoice=1)
    by_shipment = plan_pack(desk.store, shipment=1)
    assert by_invoice.title == "Invoice HY-CI-2026-0112"
    assert by_shipment.title.startswith("Shipment ")
    assert [c.kind for c in by_invoice.candidates] == [c.kind for c in by_shipment.candidates]
    assert DocumentKind.SALES_CONTRACT not in {c.kind for c in by_invoice.candidates}
    assert by_invoice.deal_id == 1  # so the deal's credit still ticks the required documents
    assert {c.kind for c in by_invoice.ticked} == CREDIT_ASKS
    with pytest.raises(ValueError):
        plan_pack(desk.store, invoice=1, deal=1)
    with pytest.raises(ValueError, match="not-a-kind"):
        by_invoice.ticking(["not-a-kind"])


def test_a_document_that_lacks_data_is_listed_and_left_out_not_failing_the_pack(
    desk: Desk,
) -> None:
    invoice = desk.store.invoices.get(InvoiceId(1))
    unshipped = desk.store.invoices.save(
        replace(invoice, id=None, number="HY-CI-2026-0999", shipment_id=None)
    )
    assert unshipped.id is not None
    plan = plan_pack(desk.store, invoice=unshipped.id)
    origin = next(c for c in plan.candidates if c.kind is DocumentKind.CERTIFICATE_OF_ORIGIN)
    assert origin.missing and "shipment" in origin.missing[0]
    assert not origin.ticked and not origin.can_make
    everything = plan.ticking(c.kind for c in plan.candidates)
    pdf = build_pack(desk.store, everything, now=_now())
    manifest = json.loads(_attachments(pdf)["pack.json"])
    packed = {d["kind"] for d in manifest["documents"]}
    assert DocumentKind.COMMERCIAL_INVOICE.value in packed
    assert DocumentKind.CERTIFICATE_OF_ORIGIN.value not in packed
    cover = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Left out: lacks the shipment" in " ".join(cover.split())


def test_the_pack_carries_the_issued_signed_pdfs_and_drafts_for_the_rest(desk: Desk) -> None:
    invoice = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=_now(),
    )
    plan = plan_pack(desk.store, deal=1)
    assert [c.kind for c in plan.candidates if c.is_issued] == [DocumentKind.COMMERCIAL_INVOICE]
    pdf = build_pack(desk.store, plan, now=_now())
    attachments = _attachments(pdf)
    manifest = json.loads(attachments["pack.json"])
    by_kind = {d["kind"]: d for d in manifest["documents"]}
    signed = attachments[by_kind["commercial-invoice"]["original"]]
    assert signed == Path(invoice.path).read_bytes()
    verdict = verify_pack(pdf, load_trust(desk.data_dir))
    results = {o.kind: o.result for o in verdict.originals}
    assert results["commercial-invoice"] is Result.AUTHENTIC
    assert results["packing-list"] is Result.UNSIGNED  # a draft, honestly unsigned
    cover = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Issued, signed and registered" in cover and "Not issued: a draft" in cover


def test_issue_missing_issues_exactly_the_ticked_documents(desk: Desk) -> None:
    plan = plan_pack(desk.store, deal=1).ticking([DocumentKind.PACKING_LIST])
    issued = issue_missing(desk.store, desk.keystore, desk.data_dir, desk.network, plan, now=_now())
    assert [c.kind for c in issued.candidates if c.is_issued] == [DocumentKind.PACKING_LIST]
    assert [d.kind for d in desk.store.documents.list()] == [DocumentKind.PACKING_LIST]


def test_a_bank_pack_needs_a_deal_and_every_document_issued(desk: Desk) -> None:
    plan = plan_pack(desk.store, deal=1)
    with pytest.raises(NotIssuedError) as not_issued:
        issue_bank_pack(
            desk.store, desk.keystore, desk.data_dir, desk.network, plan, issue_first=False
        )
    assert "not issued yet" in not_issued.value.user_message
    assert "HY-PL-2026-0112" in not_issued.value.user_message
    with pytest.raises(EmptyPackError) as not_a_deal:
        issue_bank_pack(
            desk.store, desk.keystore, desk.data_dir, desk.network, plan_pack(desk.store, invoice=1)
        )
    assert "start it from the deal" in not_a_deal.value.user_message
    assert desk.store.documents.count() == 0


def test_a_deal_without_contracts_has_nothing_to_pack(desk: Desk) -> None:
    empty = desk.store.deals.save(Deal(reference="DEAL-EMPTY"))
    assert empty.id is not None
    with pytest.raises(EmptyPackError) as caught:
        plan_pack(desk.store, deal=empty.id)
    assert caught.value.user_message == (
        "Deal DEAL-EMPTY has no contract yet, so there is nothing to print."
    )


def test_the_issued_bank_pack_is_registered_signed_and_its_cover_reports_the_deal(
    desk: Desk, tmp_path: Path
) -> None:
    plan = plan_pack(desk.store, deal=1)
    doc = issue_bank_pack(desk.store, desk.keystore, desk.data_dir, desk.network, plan, now=_now())
    assert doc.kind is DocumentKind.BANK_PACK and doc.status is DocumentStatus.REGISTERED
    assert doc.number == bank_pack_number("DEAL-2026-012") and doc.source_table == "deals"
    trust = load_trust(desk.data_dir)
    assert verify_pdf(Path(doc.path), trust).result is Result.AUTHENTIC
    issued = {d.kind for d in desk.store.documents.list() if d.kind is not DocumentKind.BANK_PACK}
    assert issued == CREDIT_ASKS
    record = json.loads(_attachments(Path(doc.path).read_bytes())["document.json"])
    files = {
        hashlib.sha256(Path(d.path).read_bytes()).hexdigest()
        for d in desk.store.documents.list()
        if d.kind is not DocumentKind.BANK_PACK
    }
    assert {o["sha256"] for o in record["originals"]} == files
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "2", "-layout", doc.path, "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    assert "Bank Presentation Pack" in flat
    assert "Deal summary" in flat and "USD 13,260.00" in flat  # the margin of the demo deal
    assert "Examination against the letter of credit" in flat
    assert ("No discrepancies" in flat) == (record["discrepancies"] == [])
    assert "Verification of each original" in flat and flat.count("AUTHENTIC") >= 4
    assert "Documents received from others" in flat
    # Issuing it again from unchanged data registers a new revision that supersedes the first.
    again = issue_bank_pack(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        plan_pack(desk.store, deal=1),
        now=_now() + dt.timedelta(minutes=1),
    )
    assert again.supersedes_id == doc.id


def test_a_pack_the_file_system_refuses_says_where_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    target = folder / ("a" * 300 + ".pdf")  # longer than any file system allows a name to be
    with pytest.raises(PackNotSavedError) as caught:
        write_pack(target, b"%PDF-1.7\n" + b"x" * 1000)
    assert f"The pack could not be saved to {target}" in caught.value.user_message
    assert "Nothing was written" in caught.value.user_message
    assert list(folder.iterdir()) == []  # no temporary file left behind


def test_exporting_a_pack_issues_what_is_missing_then_saves_it(desk: Desk) -> None:
    plan = plan_pack(desk.store, invoice=1)
    assert not any(c.is_issued for c in plan.ticked)
    target = desk.data_dir / "out" / "pack.pdf"
    written = export_pack(
        desk.store,
        plan,
        target,
        issuing=(desk.keystore, desk.data_dir, desk.network),
    )
    assert written.path == target and written.size == target.stat().st_size
    assert written.bank_pack is None
    manifest = json.loads(_attachments(target.read_bytes())["pack.json"])
    assert manifest["documents"] and desk.store.documents.count() == len(plan.ticked)
    with pytest.raises(ValueError, match="bank pack"):
        export_pack(desk.store, plan, target, bank=True)
