"""Real issued documents for the verify tests, and the tools that attack them.

Everything is built for real: revision 1 with reportlab (invariant) plus a ``document.json``
attachment written in the same single revision by pypdf; a test PKI from
:class:`CertificateAuthority`; a tiny transparency log made of trustnet functions (checkpoint
signed by the log key, cosigned by two witnesses, policy quorum 2); the receipt embedded with
``embed_associated_file`` and the PAdES signature by ``sign_pdf``.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject as PypdfName
from reportlab.pdfgen import canvas

from exporter_desk.signing import (
    CertificateAuthority,
    CompanyIdentity,
    SealAppearance,
    SigningCredentials,
    embed_associated_file,
    sign_pdf,
)
from exporter_desk.trustnet import (
    Checkpoint,
    Entry,
    NetworkDescriptor,
    Receipt,
    add_cosignatures,
    cosign_checkpoint,
    document_digest,
    format_proof,
    generate_key,
    generate_witness_key,
    inclusion_proof,
    root_hash,
    sign_checkpoint,
)

ACME = CompanyIdentity("ACME Trading Co., Ltd.", "CN", "91310000MA1FL8KQ3X")
ROGUE = CompanyIdentity("Rogue Imports Ltd", "HK", "HK-2024-0666")
OUTSIDER = CompanyIdentity("Outsider Export GmbH", "DE", "HRB-12345")

TOTAL_TEXT = "TOTAL USD 12,345.00"
FAKE_TOTAL = "TOTAL USD 99,999.00"
TOTAL_AT = (72, 600)  # where revision 1 draws the total
BOX = (380, 60, 560, 130)  # the blank signature box revision 1 reserves
RECEIPT_NAME = "receipt.tlog-proof"


# --- revision 1 ---------------------------------------------------------------------------------


def draw_revision_one(
    number: str = "INV-2025-0001",
    *,
    total: str = TOTAL_TEXT,
    pages: int = 1,
    box: tuple[int, int, int, int] | None = BOX,
    document: dict[str, Any] | None = None,
    hook: Callable[[PdfWriter], None] | None = None,
) -> bytes:
    """Revision 1 (R): a one-revision PDF with the invoice text, the blank signature box drawn
    as a frame, and ``document.json`` (recording the box) as an embedded file.

    ``hook`` may change the pypdf writer before the single write (for attacks on revision 1).
    """
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)
    for page in range(pages):
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, 770, f"COMMERCIAL INVOICE {number}")
        c.setFont("Helvetica", 11)
        c.drawString(72, 700, "Seller: ACME Trading Co., Ltd., Shanghai")
        c.drawString(72, 680, "Buyer: Muller & Sohne GmbH, Hamburg")
        c.drawString(72, 650, "1 x Ball valve DN50, HS 8481.80")
        c.setFont("Helvetica-Bold", 14)
        c.drawString(*TOTAL_AT, total)
        if box is not None and page == 0:
            c.setDash(3, 2)
            c.rect(box[0], box[1], box[2] - box[0], box[3] - box[1])
        c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    payload = document if document is not None else {"kind": "commercial-invoice", "number": number}
    if box is not None and document is None:
        payload["signature_box"] = {"page": 0, "rect": list(box)}
    writer.add_attachment("document.json", json.dumps(payload, sort_keys=True).encode())
    if hook is not None:
        hook(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def hand_made_pdf(
    body: bytes, *, root: int = 1, size: int | None = None, trailer_extra: bytes = b""
) -> bytes:
    """A one-revision PDF of ``body`` (``N 0 obj ... endobj`` objects), with its xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets: dict[int, int] = {}
    for match in re.finditer(rb"(\d+) 0 obj.*?endobj\n", body, re.S):
        offsets[int(match.group(1))] = len(out)
        out += match.group(0)
    count = size or max(offsets) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % count
    for number in range(1, count):
        out += b"%010d 00000 n \n" % offsets.get(number, 0)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        count,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def hand_made_revision_one(
    catalog_extra: bytes = b"", objects: bytes = b"", trailer_extra: bytes = b""
) -> bytes:
    """Revision 1 written by hand (one page showing the total), with ``catalog_extra`` in the
    catalog and extra ``objects`` numbered from 6: for names no PDF library writes by itself."""
    content = f"BT /F1 14 Tf {TOTAL_AT[0]} {TOTAL_AT[1]} Td ({TOTAL_TEXT}) Tj ET".encode()
    body = (
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n"
        b"4 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n"
        % (len(content), content)
        + b"5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n"
        + objects
    )
    return hand_made_pdf(body, trailer_extra=trailer_extra)


def add_overlay_annotation(writer: PdfWriter) -> None:
    """A FreeText annotation that paints a white box with another total over the real one."""
    from pypdf.annotations import FreeText

    annotation = FreeText(
        text=FAKE_TOTAL,
        rect=(70, 595, 300, 620),
        font="Helvetica",
        bold=True,
        font_size="14pt",
        font_color="000000",
        border_color=None,
        background_color="ffffff",
    )
    writer.add_annotation(page_number=0, annotation=annotation)


def add_open_action_javascript(writer: PdfWriter) -> None:
    """JavaScript run when the document opens (here only an alert; it could rewrite fields)."""
    from pypdf.generic import DictionaryObject, TextStringObject

    action = DictionaryObject(
        {
            PypdfName("/Type"): PypdfName("/Action"),
            PypdfName("/S"): PypdfName("/JavaScript"),
            PypdfName("/JS"): TextStringObject("app.alert('The total is USD 99,999.00');"),
        }
    )
    writer._root_object[PypdfName("/OpenAction")] = writer._add_object(action)


# --- the test log -------------------------------------------------------------------------------


@dataclass
class TestLog:
    """A transparency log in memory: trustnet functions only; two witnesses, quorum 2."""

    origin: str
    ca: CertificateAuthority
    log_signer: str = field(init=False)
    log_verifier: str = field(init=False)
    witnesses: list[tuple[str, str]] = field(init=False)
    leaves: list[bytes] = field(default_factory=list)

    __test__ = False  # not a pytest class

    def __post_init__(self) -> None:
        self.log_signer, self.log_verifier = generate_key(self.origin)
        self.witnesses = [generate_witness_key(f"w{i}.witness.example") for i in range(2)]
        # Some history, so that inclusion proofs have hashes in them.
        self.leaves = [f"earlier entry {i}".encode() for i in range(5)]

    @property
    def policy(self) -> str:
        return (
            f"log {self.log_verifier}\n"
            + "".join(f"witness w{i} {vkey}\n" for i, (_, vkey) in enumerate(self.witnesses))
            + "group both 2 w0 w1\nquorum both\n"
        )

    @property
    def descriptor(self) -> NetworkDescriptor:
        return NetworkDescriptor(
            origin=self.origin,
            api_url="https://notary.test.invalid/",
            member_ca_pem=self.ca.certificate.public_bytes(Encoding.PEM).decode(),
            policy_text=self.policy,
        )

    def checkpoint_note(
        self,
        size: int | None = None,
        *,
        when: datetime,
        log_signer: str | None = None,
        witnesses: Sequence[str] | None = None,
    ) -> str:
        size = len(self.leaves) if size is None else size
        checkpoint = Checkpoint(self.origin, size, root_hash(self.leaves[:size]))
        note = sign_checkpoint(checkpoint, log_signer or self.log_signer)
        signers = [s for s, _ in self.witnesses] if witnesses is None else list(witnesses)
        stamp = int(when.timestamp())
        return add_cosignatures(note, [cosign_checkpoint(note, s, stamp) for s in signers])

    def append(self, entry: bytes) -> int:
        self.leaves.append(entry)
        return len(self.leaves) - 1

    def receipt_for(self, index: int, note: str) -> Receipt:
        size = int(note.split("\n")[1])
        proof = tuple(inclusion_proof(self.leaves[:size], index))
        return Receipt(self.leaves[index], index, proof, note)

    def register(
        self,
        entry: Entry,
        *,
        when: datetime,
        log_signer: str | None = None,
        witnesses: Sequence[str] | None = None,
    ) -> str:
        """Append the entry and return its receipt (tlog-proof text)."""
        index = self.append(entry.format())
        note = self.checkpoint_note(when=when, log_signer=log_signer, witnesses=witnesses)
        return format_proof(self.receipt_for(index, note))


# --- issuing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issued:
    pdf: bytes
    revision_one: bytes
    receipt: str
    entry: Entry


def make_entry(
    revision_one: bytes,
    credentials: SigningCredentials,
    *,
    when: datetime,
    number: str = "INV-2025-0001",
    kind: str = "commercial-invoice",
    issuer: str | None = None,
) -> Entry:
    return Entry.build(
        kind=kind,
        number=number,
        issuer=issuer or credentials.fingerprint,
        digest=document_digest(revision_one),
        length=len(revision_one),
        time=when,
    ).sign(credentials.key)


def embed_receipt(pdf: bytes, receipt: str) -> bytes:
    return embed_associated_file(
        pdf, RECEIPT_NAME, receipt.encode(), "text/plain", "Trust-network registration receipt"
    )


def issue(
    revision_one: bytes,
    credentials: SigningCredentials,
    log: TestLog,
    *,
    when: datetime,
    number: str = "INV-2025-0001",
    seal_box: tuple[int, int, int, int] | None = BOX,
    seal_page: int = 0,
    receipt: str | None = None,
) -> Issued:
    """Register, embed the receipt, sign (DESIGN.md section 3)."""
    entry = make_entry(revision_one, credentials, when=when, number=number)
    receipt = receipt if receipt is not None else log.register(entry, when=when)
    with_receipt = embed_receipt(revision_one, receipt)
    appearance = (
        SealAppearance(page=seal_page, box=seal_box, company_name=credentials.identity.name)
        if seal_box is not None
        else None
    )
    pdf = sign_pdf(with_receipt, credentials, now=when, appearance=appearance)
    return Issued(pdf, revision_one, receipt, entry)


# --- incremental updates by hand (pyHanko's writer) -------------------------------------------


def update(pdf: bytes, change: Callable[[IncrementalPdfFileWriter], None]) -> bytes:
    """One incremental update made by ``change``."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def first_page(writer: IncrementalPdfFileWriter) -> Any:
    return writer.root["/Pages"]["/Kids"].raw_get(0)


def replace_page_content(writer: IncrementalPdfFileWriter, text: str = FAKE_TOTAL) -> None:
    """Override page 1's content stream object with one that shows another total."""
    contents = first_page(writer).get_object().raw_get("/Contents")
    drawing = (
        "BT /F1 16 Tf 72 770 Td (COMMERCIAL INVOICE INV-2025-0001) Tj ET "
        f"BT /F1 14 Tf {TOTAL_AT[0]} {TOTAL_AT[1]} Td ({text}) Tj ET"
    )
    stream = generic.StreamObject(stream_data=drawing.encode())
    writer.objects[(contents.generation, contents.idnum)] = stream


def add_annotation_over_total(writer: IncrementalPdfFileWriter) -> None:
    """A FreeText annotation with a white background and another total, over the real total."""
    page_ref = first_page(writer)
    page = page_ref.get_object()
    appearance = writer.add_object(
        generic.StreamObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
                generic.pdf_name("/BBox"): generic.ArrayObject(
                    [generic.NumberObject(v) for v in (0, 0, 230, 25)]
                ),
            },
            stream_data=f"1 g 0 0 230 25 re f 0 g BT /Helv 14 Tf 2 6 Td ({FAKE_TOTAL}) Tj ET".encode(),
        )
    )
    annotation = writer.add_object(
        generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/FreeText"),
                generic.pdf_name("/Rect"): generic.ArrayObject(
                    [generic.NumberObject(v) for v in (70, 595, 300, 620)]
                ),
                generic.pdf_name("/Contents"): generic.TextStringObject(FAKE_TOTAL),
                generic.pdf_name("/DA"): generic.TextStringObject("/Helv 14 Tf 0 g"),
                generic.pdf_name("/AP"): generic.DictionaryObject(
                    {generic.pdf_name("/N"): appearance}
                ),
            }
        )
    )
    annots = page.get("/Annots")
    if annots is None:
        page[generic.pdf_name("/Annots")] = generic.ArrayObject([annotation])
    else:
        annots.get_object().append(annotation)
    writer.update_container(page)
    writer.mark_update(page_ref)


def add_embedded_file(writer: IncrementalPdfFileWriter, name: str, data: bytes) -> None:
    """Embed a file in the writer's revision, as ``embed_associated_file`` does."""
    stream = embed.EmbeddedFileObject.from_file_data(
        writer, data=data, compress=True, mime_type="text/plain"
    )
    spec = embed.FileSpec(
        file_spec_string=name,
        file_name=name,
        embedded_data=stream,
        description="attachment",
        af_relationship=generic.pdf_name("/Supplement"),
    )
    embed.embed_file(writer, spec)


def replace_embedded_file(
    writer: IncrementalPdfFileWriter, name: str, data: bytes, *, encoded: bytes | None = None
) -> None:
    """Override the stream object of an existing embedded file with ``data`` (or with the raw
    Flate ``encoded`` bytes, which are not checked)."""
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        if str(names[i]) == name:
            ref = names[i + 1]["/EF"].raw_get("/F")
            stream = (
                generic.StreamObject(stream_data=data)
                if encoded is None
                else generic.StreamObject(
                    {generic.pdf_name("/Filter"): generic.pdf_name("/FlateDecode")},
                    encoded_data=encoded,
                )
            )
            writer.objects[(ref.generation, ref.idnum)] = stream
            return
    raise KeyError(name)


def add_dss(writer: IncrementalPdfFileWriter) -> None:
    """A document security store (validation data), as a PAdES LTV update adds."""
    writer.root[generic.pdf_name("/DSS")] = generic.DictionaryObject(
        {generic.pdf_name("/Certs"): generic.ArrayObject()}
    )
    writer.update_root()


def add_document_time_stamp(pdf: bytes, ca: CertificateAuthority, now: datetime) -> bytes:
    """A document time stamp (RFC 3161, from a test TSA) in a new revision, as PAdES B-LTA adds."""
    from asn1crypto import keys as asn1_keys
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    key = rsa.generate_private_key(65537, 2048)  # pyHanko's test TSA signs with RSA
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")]))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca.key, hashes.SHA256())
    )
    stamper = DummyTimeStamper(
        asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER)),
        asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out: bytes = PdfTimeStamper(stamper).timestamp_pdf(writer, "sha256").getvalue()
    return out


# --- what pyHanko and pdfsig say --------------------------------------------------------------


def pyhanko_status(pdf: bytes, *roots: Any) -> PdfSignatureStatus:
    """pyHanko's own verdict on the first signature, trusting ``roots`` (x509 certificates)."""
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    context = ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(r.public_bytes(Encoding.DER)) for r in roots]
    )
    status: PdfSignatureStatus = validate_pdf_signature(signature, context)
    return status


def pyhanko_calls_valid(pdf: bytes, *roots: Any) -> bool:
    """Whether pyHanko's validator reports the signature valid, trusted and unmodified."""
    try:
        return bool(pyhanko_status(pdf, *roots).bottom_line)
    except Exception:  # pyHanko refuses damaged signatures by raising
        return False


def pdfsig_says(pdf: bytes, directory: Path, nss_db: str) -> str:
    """poppler's pdfsig in one phrase: "valid" (valid and total), "valid, not total",
    "invalid", or "no signature"."""
    path = directory / "document.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdfsig", "-no-ocsp", "-nssdir", nss_db, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    out = result.stdout
    if "Signature Validation" not in out:
        return "no signature"
    if "Signature is Valid." not in out or "Signature is Invalid" in out:
        return "invalid"
    if "Not total document signed" in out:
        return "valid, not total"
    return "valid" if "Total document signed" in out else "valid, not total"


def moment(now: datetime, **delta: float) -> datetime:
    return (now + timedelta(**delta)).astimezone(UTC).replace(microsecond=0)


# --- incremental updates written byte by byte -------------------------------------------------


def trailer_of(pdf: bytes) -> tuple[int, int, int]:
    """(/Size, /Root object number, startxref) of the last revision of ``pdf``."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    startxref = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    return int(reader.trailer["/Size"]), int(reader.root_ref.idnum), startxref


def append_revision(
    pdf: bytes,
    objects: dict[int, bytes],
    *,
    root: int | None = None,
    junk: bytes = b"",
    size: int | None = None,
) -> bytes:
    """An incremental update written by hand: ``objects`` (number -> the text between
    ``N 0 obj`` and ``endobj``), with ``junk`` bytes before them that no entry points to, a
    classic xref table of one-entry subsections, and a trailer (/Root defaults to the same)."""
    old_size, old_root, startxref = trailer_of(pdf)
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    out += junk
    offsets: dict[int, int] = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for number in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    new_size = size or max([old_size, *(n + 1 for n in offsets)])
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        new_size,
        root if root is not None else old_root,
        startxref,
        xref,
    )
    return bytes(out)


def stream_body(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), entries) + data + b"\nendstream"
