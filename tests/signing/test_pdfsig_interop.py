"""What poppler's ``pdfsig`` (NSS) says about our signatures: an independent implementation.

poppler 22.12 (Debian 12) reads a stale NSS error after a *successful* chain check, so it prints
"Unknown issue with Certificate" for signers whose certificate lacks an extKeyUsage or a CRL
distribution point; newer poppler checks the return value. The trusted case therefore uses a
member CA that publishes a CRL URL, as a network CA does.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from exporter_desk.signing import (
    CertificateAuthority,
    SealAppearance,
    SigningCredentials,
    embed_associated_file,
    export_certificate_pem,
    sign_pdf,
)
from tests.signing.conftest import ACME

pytestmark = pytest.mark.skipif(
    shutil.which("pdfsig") is None or shutil.which("certutil") is None,
    reason="poppler-utils and libnss3-tools are needed",
)


@pytest.fixture(scope="module")
def network_ca(now: datetime) -> CertificateAuthority:
    return CertificateAuthority.create(
        "Test Network Member CA", now=now, crl_url="http://member-ca.test.invalid/ca.crl"
    )


@pytest.fixture(scope="module")
def member(network_ca: CertificateAuthority, now: datetime) -> SigningCredentials:
    return network_ca.issue_credentials(ACME, now=now)


def nss_db(directory: Path, trusted: CertificateAuthority | None) -> str:
    directory.mkdir()
    db = f"sql:{directory}"
    subprocess.run(["certutil", "-N", "-d", db, "--empty-password"], check=True)
    if trusted is not None:
        pem = directory / "ca.pem"
        pem.write_bytes(export_certificate_pem(trusted.certificate))
        # pdfsig checks signers with NSS's email-signer usage: the S/MIME trust bit is the one.
        subprocess.run(
            ["certutil", "-A", "-d", db, "-n", "member-ca", "-t", "C,C,", "-i", str(pem)],
            check=True,
        )
    return db


def pdfsig(pdf: bytes, tmp_path: Path, db: str) -> list[str]:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdfsig", "-no-ocsp", "-nssdir", db, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return [line.strip(" -") for line in result.stdout.splitlines()]


def test_pdfsig_sees_a_valid_total_signature_from_a_trusted_member(
    small_pdf: bytes,
    member: SigningCredentials,
    network_ca: CertificateAuthority,
    now: datetime,
    tmp_path: Path,
) -> None:
    lines = pdfsig(
        sign_pdf(small_pdf, member, now=now), tmp_path, nss_db(tmp_path / "db", network_ca)
    )
    assert "Signature Validation: Signature is Valid." in lines
    assert "Total document signed" in lines
    assert "Certificate Validation: Certificate is Trusted." in lines
    assert "Signature Type: ETSI.CAdES.detached" in lines
    assert "Signing Hash Algorithm: SHA-256" in lines


def test_pdfsig_does_not_trust_a_ca_it_was_not_given(
    small_pdf: bytes, member: SigningCredentials, tmp_path: Path
) -> None:
    lines = pdfsig(sign_pdf(small_pdf, member), tmp_path, nss_db(tmp_path / "db", None))
    assert "Signature Validation: Signature is Valid." in lines
    assert "Certificate Validation: Certificate is Trusted." not in lines


def test_pdfsig_accepts_receipt_and_seal_revisions(
    small_pdf: bytes,
    member: SigningCredentials,
    network_ca: CertificateAuthority,
    seal_png: bytes,
    tmp_path: Path,
) -> None:
    with_receipt = embed_associated_file(
        small_pdf, "receipt.tlog-proof", b"receipt", "text/plain", "Registration receipt"
    )
    appearance = SealAppearance(0, (360, 40, 560, 120), "ACME Trading Co., Ltd.", seal_png)
    signed = sign_pdf(with_receipt, member, appearance=appearance)
    lines = pdfsig(signed, tmp_path, nss_db(tmp_path / "db", network_ca))
    assert "Signature Validation: Signature is Valid." in lines
    assert "Total document signed" in lines
    assert "Certificate Validation: Certificate is Trusted." in lines


def test_pdfsig_catches_a_flipped_byte(
    small_pdf: bytes, member: SigningCredentials, tmp_path: Path
) -> None:
    signed = bytearray(sign_pdf(small_pdf, member))
    signed[len(signed) // 4] ^= 0x01
    lines = pdfsig(bytes(signed), tmp_path, nss_db(tmp_path / "db", None))
    assert "Signature Validation: Signature is Valid." not in lines
