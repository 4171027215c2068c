"""Fixtures of the signing tests: a generated test PKI, a small deterministic PDF, a seal image,
and pyHanko validation against a chosen trust root."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext
from reportlab.pdfgen import canvas

from exporter_desk.signing import (
    CertificateAuthority,
    CompanyIdentity,
    SigningCredentials,
    export_certificate_der,
)

ACME = CompanyIdentity("ACME Trading Co., Ltd.", "CN", "91310000MA1FL8KQ3X")


@pytest.fixture(scope="session")
def now() -> datetime:
    # Real time (to the second): pdfsig validates certificates at the current time.
    return datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(scope="session")
def member_ca(now: datetime) -> CertificateAuthority:
    return CertificateAuthority.create("Test Member CA", organization="Test Network", now=now)


@pytest.fixture(scope="session")
def credentials(member_ca: CertificateAuthority, now: datetime) -> SigningCredentials:
    return member_ca.issue_credentials(ACME, now=now)


def make_pdf(text: str = "COMMERCIAL INVOICE No. 2025-0001", pages: int = 1) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)
    for page in range(pages):
        c.drawString(72, 770, f"{text} - page {page + 1}")
        c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.fixture(scope="session")
def small_pdf() -> bytes:
    return make_pdf()


@pytest.fixture(scope="session")
def seal_png() -> bytes:
    image = Image.new("RGBA", (120, 120), (0, 0, 0, 0))
    for x in range(120):
        for y in range(120):
            if (x - 60) ** 2 + (y - 60) ** 2 < 55**2:
                image.putpixel((x, y), (200, 20, 20, 220))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def validation_context(*roots: x509.Certificate) -> ValidationContext:
    return ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(export_certificate_der(r)) for r in roots]
    )


def validate(pdf: bytes, *roots: x509.Certificate) -> PdfSignatureStatus:
    """pyHanko's verdict on the only signature of ``pdf``, trusting ``roots``."""
    signatures = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(signatures) == 1
    status: PdfSignatureStatus = validate_pdf_signature(signatures[0], validation_context(*roots))
    return status
