"""Attaching received documents: hashed, copied into the data folder, verified when they carry
our registration receipt, recorded with their typed fields."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from exporter_desk.domain import DealId, DocumentKind
from exporter_desk.domain.errors import ValidationError
from exporter_desk.domain.received import ReceivedDocument, ReceivedKind
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.receiving import (
    RECEIVED_FOLDER,
    ReceivedFileError,
    attach_received_document,
)
from exporter_desk.store.errors import MissingReferenceError
from tests.services.conftest import Desk

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _issue_time_now() -> None:
    """Read the issue time when each test starts: read once at collection, it can be older than
    the member certificate the fixture enrols minutes later in a long run."""
    global NOW
    NOW = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)


def test_a_scanned_bl_is_hashed_copied_and_recorded_with_its_fields(
    desk: Desk, tmp_path: Path
) -> None:
    scan = tmp_path / "scan of B-L.jpg"
    scan.write_bytes(b"\xff\xd8\xff\xe0 a scanned bill of lading")
    details = ReceivedDocument(
        DealId(1), ReceivedKind.BILL_OF_LADING, "", "", 0, number="oolu 2718456780", originals=3
    )
    doc = attach_received_document(
        desk.store, desk.data_dir, DealId(1), scan, ReceivedKind.BILL_OF_LADING, details=details
    )
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert (doc.sha256, doc.size, doc.file_name) == (digest, scan.stat().st_size, scan.name)
    assert doc.number == "OOLU2718456780" and doc.verdict == ""  # no receipt: nothing to verify
    kept = desk.data_dir / doc.stored_path
    assert doc.stored_path.startswith(f"{RECEIVED_FOLDER}/")
    assert kept.read_bytes() == scan.read_bytes()
    assert desk.store.received.get(doc.id) == doc  # type: ignore[arg-type]


def test_a_pdf_carrying_our_receipt_is_verified_on_attach_and_the_verdict_kept(
    desk: Desk,
) -> None:
    issued = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=NOW,
    )
    doc = attach_received_document(
        desk.store, desk.data_dir, DealId(1), Path(issued.path), ReceivedKind.OTHER
    )
    assert doc.verdict == "authentic"
    assert json.loads(doc.verdict_detail)["result"] == "authentic"


def test_a_tampered_pdf_with_a_receipt_is_kept_with_its_tampered_verdict(
    desk: Desk, tmp_path: Path
) -> None:
    issued = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=NOW,
    )
    data = bytearray(Path(issued.path).read_bytes())
    at = data.index(b"/MediaBox")
    data[at + 12 : at + 13] = b"9" if data[at + 12 : at + 13] != b"9" else b"8"
    forged = tmp_path / "invoice.pdf"
    forged.write_bytes(bytes(data))
    doc = attach_received_document(
        desk.store, desk.data_dir, DealId(1), forged, ReceivedKind.SUPPLIER_INVOICE
    )
    assert doc.verdict not in ("", "authentic")


def test_a_missing_file_is_a_clear_error(desk: Desk, tmp_path: Path) -> None:
    with pytest.raises(ReceivedFileError) as caught:
        attach_received_document(
            desk.store, desk.data_dir, DealId(1), tmp_path / "nope.pdf", ReceivedKind.OTHER
        )
    assert "nope.pdf cannot be read" in caught.value.user_message


def test_a_refused_record_leaves_no_copied_file_behind(desk: Desk, tmp_path: Path) -> None:
    scan = tmp_path / "cmr.png"
    scan.write_bytes(b"\x89PNG a CMR note")
    with pytest.raises(MissingReferenceError):
        attach_received_document(desk.store, desk.data_dir, DealId(42), scan, ReceivedKind.CMR)
    bad = ReceivedDocument(DealId(1), ReceivedKind.CMR, "", "", 0, net_kg=None, packages=-1)
    with pytest.raises(ValidationError):
        attach_received_document(
            desk.store, desk.data_dir, DealId(1), scan, ReceivedKind.CMR, details=bad
        )
    folder = desk.data_dir / RECEIVED_FOLDER
    assert not any(p.name.endswith("cmr.png") for p in folder.iterdir())


def test_an_ordinary_unsigned_pdf_gets_no_verdict(desk: Desk, tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    plain = tmp_path / "inspection.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(72, 720, "SGS inspection certificate VN-26-0412")
    canvas.save()
    doc = attach_received_document(
        desk.store, desk.data_dir, DealId(1), plain, ReceivedKind.INSPECTION_CERTIFICATE
    )
    assert (doc.verdict, doc.verdict_detail) == ("", "")
