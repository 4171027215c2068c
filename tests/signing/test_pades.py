"""PAdES signing and associated files, judged by pyHanko's own validator."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel

from exporter_desk.signing import (
    CertificateAuthority,
    DocumentAlreadySignedError,
    EmbeddedFileExistsError,
    SealAppearance,
    SealAppearanceError,
    SigningCredentials,
    UnreadablePdfError,
    create_self_signed_certificate,
    embed_associated_file,
    generate_signing_key,
    read_embedded_files,
    sign_pdf,
)
from tests.signing.conftest import ACME, make_pdf, validate

RECEIPT = b"example.com/log\n42\nAAAA\n\n- example.com/log sig\n"


def reader(pdf: bytes) -> PdfFileReader:
    return PdfFileReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def signed_pdf(small_pdf: bytes, credentials: SigningCredentials, now: datetime) -> bytes:
    return sign_pdf(small_pdf, credentials, now=now, reason="Issued", location="Shanghai")


# --- the signature itself --------------------------------------------------------------------


def test_signature_is_intact_valid_trusted_and_covers_the_whole_file(
    signed_pdf: bytes, member_ca: CertificateAuthority
) -> None:
    status = validate(signed_pdf, member_ca.certificate)
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.modification_level == ModificationLevel.NONE
    assert status.docmdp_ok
    assert status.bottom_line


def test_signature_is_pades_sha256_ecdsa_p256(signed_pdf: bytes, now: datetime) -> None:
    status = validate(signed_pdf)
    assert status.md_algorithm == "sha256"
    assert status.pkcs7_signature_mechanism in ("sha256_ecdsa", "ecdsa")
    signature = reader(signed_pdf).embedded_signatures[0]
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert signature.sig_object["/Reason"] == "Issued"
    assert signature.sig_object["/Location"] == "Shanghai"
    assert status.signer_reported_dt == now


def test_certification_signature_allows_no_changes(signed_pdf: bytes) -> None:
    r = reader(signed_pdf)
    assert r.embedded_signatures[0].docmdp_level == MDPPerm.NO_CHANGES
    assert "/DocMDP" in r.root["/Perms"]


def test_signing_is_an_incremental_update(small_pdf: bytes, signed_pdf: bytes) -> None:
    assert signed_pdf.startswith(small_pdf)
    assert reader(signed_pdf).xrefs.total_revisions == 2


def test_approval_signature_when_certification_is_not_wanted(
    small_pdf: bytes, credentials: SigningCredentials, member_ca: CertificateAuthority
) -> None:
    signed = sign_pdf(small_pdf, credentials, certify=False)
    assert "/Perms" not in reader(signed).root
    assert validate(signed, member_ca.certificate).bottom_line


def test_signer_from_an_untrusted_ca_is_sound_but_not_trusted(
    signed_pdf: bytes, now: datetime
) -> None:
    stranger = CertificateAuthority.create("Some Other CA", now=now)
    status = validate(signed_pdf, stranger.certificate)
    assert status.intact and status.valid
    assert not status.trusted and not status.bottom_line


def test_self_signed_company_is_trusted_once_its_certificate_is_pinned(
    small_pdf: bytes, now: datetime
) -> None:
    key = generate_signing_key()
    cert = create_self_signed_certificate(ACME, key, now=now)
    signed = sign_pdf(small_pdf, SigningCredentials(key, cert), now=now)
    assert validate(signed, cert).bottom_line
    assert not validate(signed).trusted


def test_byte_flipped_in_revision_one_breaks_integrity(signed_pdf: bytes) -> None:
    # A quarter into the file: inside revision 1 (reportlab compresses the page content).
    position = len(signed_pdf) // 4
    tampered = bytearray(signed_pdf)
    tampered[position] ^= 0x01
    status = validate(bytes(tampered))
    assert not status.intact


def test_update_appended_after_signing_no_longer_covers_the_file(
    signed_pdf: bytes, member_ca: CertificateAuthority
) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf))
    writer.root[pdf_name("/Lang")] = pdf_name("/evil")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    status = validate(out.getvalue(), member_ca.certificate)
    assert status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
    assert status.modification_level != ModificationLevel.NONE
    assert not status.docmdp_ok


def test_signed_document_cannot_be_signed_again(
    signed_pdf: bytes, credentials: SigningCredentials
) -> None:
    with pytest.raises(DocumentAlreadySignedError) as excinfo:
        sign_pdf(signed_pdf, credentials)
    assert "already signed" in excinfo.value.user_message
    with pytest.raises(DocumentAlreadySignedError):
        sign_pdf(signed_pdf, credentials, certify=False)


@pytest.mark.parametrize(
    "data",
    [b"", b"%PDF-1.7\nnot really\n%%EOF\n", b"GIF89a"],
    ids=["empty", "truncated", "not-pdf"],
)
def test_unreadable_input_is_reported(data: bytes, credentials: SigningCredentials) -> None:
    with pytest.raises(UnreadablePdfError) as excinfo:
        sign_pdf(data, credentials)
    assert "not a PDF that Exporter Desk can sign" in excinfo.value.user_message
    with pytest.raises(UnreadablePdfError):
        embed_associated_file(data, "a.json", b"{}", "application/json", "data")


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_signed_output_is_structurally_sound(signed_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed_pdf)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- associated files ------------------------------------------------------------------------


def test_embedded_file_is_an_associated_file_in_an_incremental_update(small_pdf: bytes) -> None:
    out = embed_associated_file(
        small_pdf, "receipt.tlog-proof", RECEIPT, "text/plain", "Registration receipt"
    )
    assert out.startswith(small_pdf)
    root = reader(out).root
    assert str(root["/Version"]) == "/2.0"
    (spec,) = list(root["/AF"])
    spec = spec.get_object()
    assert spec["/AFRelationship"] == "/Supplement"
    assert spec["/UF"] == "receipt.tlog-proof"
    assert spec["/Desc"] == "Registration receipt"
    assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/text/plain"
    assert read_embedded_files(out) == {"receipt.tlog-proof": RECEIPT}


def test_two_files_are_both_listed_in_af_and_name_tree_in_order(small_pdf: bytes) -> None:
    first = embed_associated_file(small_pdf, "receipt.tlog-proof", RECEIPT, "text/plain", "receipt")
    second = embed_associated_file(
        first, "invoice.json", b'{"no": 1}', "application/json", "data", relationship="Data"
    )
    root = reader(second).root
    assert len(root["/AF"]) == 2
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert [str(names[0]), str(names[2])] == ["invoice.json", "receipt.tlog-proof"]
    assert read_embedded_files(second) == {
        "invoice.json": b'{"no": 1}',
        "receipt.tlog-proof": RECEIPT,
    }


def test_same_name_is_never_embedded_twice(small_pdf: bytes) -> None:
    once = embed_associated_file(small_pdf, "receipt.tlog-proof", RECEIPT, "text/plain", "r")
    with pytest.raises(EmbeddedFileExistsError) as excinfo:
        embed_associated_file(once, "receipt.tlog-proof", b"other", "text/plain", "r")
    assert "already carries an attached file" in excinfo.value.user_message


def test_unicode_file_name_round_trips(small_pdf: bytes) -> None:
    out = embed_associated_file(small_pdf, "发票数据.json", b"{}", "application/json", "数据")
    assert read_embedded_files(out) == {"发票数据.json": b"{}"}


def test_embedding_after_signing_is_refused_because_it_breaks_the_signature(
    signed_pdf: bytes,
) -> None:
    with pytest.raises(DocumentAlreadySignedError):
        embed_associated_file(signed_pdf, "late.txt", b"late", "text/plain", "too late")


def test_embed_then_sign_keeps_the_file_and_reports_no_modification(
    small_pdf: bytes, credentials: SigningCredentials, member_ca: CertificateAuthority
) -> None:
    with_receipt = embed_associated_file(
        small_pdf, "receipt.tlog-proof", RECEIPT, "text/plain", "Registration receipt"
    )
    signed = sign_pdf(with_receipt, credentials)
    assert signed.startswith(with_receipt)
    assert reader(signed).xrefs.total_revisions == 3
    assert read_embedded_files(signed) == {"receipt.tlog-proof": RECEIPT}
    status = validate(signed, member_ca.certificate)
    assert status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.modification_level == ModificationLevel.NONE


def test_document_without_attachments_reads_empty(small_pdf: bytes) -> None:
    assert read_embedded_files(small_pdf) == {}


# --- the visible seal ------------------------------------------------------------------------


def test_visible_seal_sits_in_its_box_and_keeps_the_signature_valid(
    credentials: SigningCredentials,
    member_ca: CertificateAuthority,
    seal_png: bytes,
    now: datetime,
) -> None:
    pdf = make_pdf(pages=2)
    appearance = SealAppearance(1, (360, 40, 560, 120), "上海进出口贸易有限公司", seal_png)
    signed = sign_pdf(pdf, credentials, appearance=appearance, now=now)
    status = validate(signed, member_ca.certificate)
    assert status.bottom_line and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    field = reader(signed).embedded_signatures[0].sig_field
    assert [float(v) for v in field["/Rect"]] == [360, 40, 560, 120]
    assert "/N" in field["/AP"]
    page = reader(signed).root["/Pages"]["/Kids"][1].get_object()
    (widget,) = list(page["/Annots"])
    assert widget.get_object()["/T"] == "Signature1"
    assert [float(v) for v in widget.get_object()["/Rect"]] == [360, 40, 560, 120]


def test_seal_without_image_shows_name_and_time(
    small_pdf: bytes, credentials: SigningCredentials, member_ca: CertificateAuthority
) -> None:
    appearance = SealAppearance(0, (40, 40, 240, 90), "ACME Trading Co., Ltd.")
    signed = sign_pdf(small_pdf, credentials, appearance=appearance)
    assert validate(signed, member_ca.certificate).bottom_line


@pytest.mark.parametrize(
    ("page", "box"),
    [(1, (40, 40, 240, 90)), (0, (500, 40, 700, 90)), (0, (-5, 40, 100, 90))],
    ids=["page-missing", "off-the-right-edge", "off-the-left-edge"],
)
def test_seal_box_off_the_page_is_refused(
    small_pdf: bytes,
    credentials: SigningCredentials,
    page: int,
    box: tuple[int, int, int, int],
) -> None:
    with pytest.raises(SealAppearanceError) as excinfo:
        sign_pdf(small_pdf, credentials, appearance=SealAppearance(page, box, "ACME"))
    assert "seal box lies on an existing page" in excinfo.value.user_message


@pytest.mark.parametrize(
    "image",
    [b"not an image", b"\xff\xd8\xff\xe0" + b"\x00" * 32, b"\x89PNG\r\n\x1a\n" + b"\x00" * 8],
    ids=["garbage", "jpeg-header", "truncated-png"],
)
def test_seal_image_must_be_a_png(image: bytes) -> None:
    with pytest.raises(SealAppearanceError):
        SealAppearance(0, (40, 40, 240, 90), "ACME", image)


def test_degenerate_seal_box_is_refused() -> None:
    with pytest.raises(SealAppearanceError):
        SealAppearance(0, (40, 40, 45, 90), "ACME")


def test_signing_time_defaults_to_now(
    small_pdf: bytes, credentials: SigningCredentials, now: datetime
) -> None:
    status = validate(sign_pdf(small_pdf, credentials))
    assert status.signer_reported_dt is not None
    assert abs(status.signer_reported_dt - now) < timedelta(minutes=5)
