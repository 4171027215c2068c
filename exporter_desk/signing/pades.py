"""PAdES signing of an issued PDF (pyHanko, synchronous API) and the associated files that go in
before the signature (DESIGN.md section 3, steps 4 and 5).

Every function here takes PDF bytes and returns new PDF bytes that start with the old ones: each
change is one incremental update, so earlier revisions stay byte-for-byte intact. pyHanko's
``sign_pdf`` runs its own ``asyncio`` loop: call these from a worker thread without a running
event loop.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Literal, get_args

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import embed, generic, misc
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko.sign.validation.pdf_embedded import read_certification_data
from pyhanko_certvalidator.registry import SimpleCertificateStore

from exporter_desk.signing._appearance import check_seal_png, render_seal_pdf, seal_stamp_style
from exporter_desk.signing.certificates import SigningCredentials
from exporter_desk.signing.errors import (
    DocumentAlreadySignedError,
    EmbeddedFileExistsError,
    PdfUpdateError,
    SealAppearanceError,
    TimestampError,
    UnreadablePdfError,
)

__all__ = [
    "AFRelationship",
    "SealAppearance",
    "check_seal_png",
    "embed_associated_file",
    "read_embedded_files",
    "sign_pdf",
]

AFRelationship = Literal[
    "Source",
    "Data",
    "Alternative",
    "Supplement",
    "EncryptedPayload",
    "FormData",
    "Schema",
    "Unspecified",
]
_AF_RELATIONSHIPS: Final = frozenset(get_args(AFRelationship))
_MAX_NAME_TREE_DEPTH: Final = 16


@dataclass(frozen=True, slots=True)
class SealAppearance:
    """A visible signature: ``box`` = (x1, y1, x2, y2), whole PDF points, on ``page`` (0-based),
    showing the seal image (PNG), the company name and the signing time."""

    page: int
    box: tuple[int, int, int, int]
    company_name: str
    seal_png: bytes | None = None

    def __post_init__(self) -> None:
        x1, y1, x2, y2 = self.box
        if self.page < 0 or x2 - x1 < 10 or y2 - y1 < 10:
            raise SealAppearanceError(f"seal box {self.box} on page {self.page} is unusable")
        if self.seal_png is not None:
            check_seal_png(self.seal_png)


# What pyHanko raises while parsing a malformed file: its own PdfError, and, on structures it
# did not expect, plain lookup and type errors.
_PARSE_ERRORS: Final = (
    misc.PdfError,
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    AttributeError,
    RecursionError,
)


@contextmanager
def _pdf_errors(action: str) -> Iterator[None]:
    """Around parsing only: any parse failure becomes ``UnreadablePdfError``."""
    try:
        yield
    except _PARSE_ERRORS as exc:
        raise UnreadablePdfError(f"{action}: {type(exc).__name__}: {exc}") from exc


def _open_writer(pdf_bytes: bytes, action: str) -> IncrementalPdfFileWriter:
    with _pdf_errors(action):
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=True)
        if writer.prev.encrypted:
            raise UnreadablePdfError(f"{action}: the PDF is encrypted")
        writer.root  # noqa: B018 - resolve the catalog now, inside the error translation
    return writer


def _asn1_certificate(certificate: x509.Certificate) -> Any:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _simple_signer(credentials: SigningCredentials) -> Any:
    key_der = credentials.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    signing_cert = _asn1_certificate(credentials.certificate)
    chain = [_asn1_certificate(c) for c in credentials.chain]
    return signers.SimpleSigner(
        signing_cert=signing_cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [signing_cert, *chain]
        ),
    )


class _ClockedPdfSigner(signers.PdfSigner):
    """A PdfSigner whose signing time (the signature's /M and the seal's text) is ``now``.

    PAdES puts no signingTime attribute in the CMS; a trusted time comes only from a time stamp.
    """

    def __init__(self, *args: Any, now: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._now = now

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._now
        return session


def _check_box_on_page(writer: IncrementalPdfFileWriter, appearance: SealAppearance) -> None:
    with _pdf_errors("finding the seal page"):
        page_count = int(writer.root["/Pages"]["/Count"])
        if appearance.page >= page_count:
            raise SealAppearanceError(
                f"seal on page index {appearance.page} of a {page_count}-page document"
            )
        page_ref, _ = writer.find_page_for_modification(  # type: ignore[no-untyped-call]
            appearance.page
        )
        page = page_ref.get_object()
        while "/MediaBox" not in page and "/Parent" in page:
            page = page["/Parent"]
        mx1, my1, mx2, my2 = (float(v) for v in page["/MediaBox"])
    x1, y1, x2, y2 = appearance.box
    if x1 < mx1 or y1 < my1 or x2 > mx2 or y2 > my2:
        raise SealAppearanceError(
            f"seal box {appearance.box} lies outside the page ({mx1}, {my1}, {mx2}, {my2})"
        )


def sign_pdf(
    pdf_bytes: bytes,
    credentials: SigningCredentials,
    *,
    field_name: str = "Signature1",
    certify: bool = True,
    reason: str | None = None,
    location: str | None = None,
    appearance: SealAppearance | None = None,
    timestamp_url: str | None = None,
    now: datetime | None = None,
) -> bytes:
    """Sign the whole file with a PAdES signature in a new incremental update.

    PAdES B-B (ETSI.CAdES.detached, SHA-256, ECDSA P-256, signing certificate v2 attribute);
    B-T when ``timestamp_url`` names an RFC 3161 time-stamping service. With ``certify`` (the
    default) it is a certification signature whose DocMDP permission is "no changes" (P=1).
    Invisible unless ``appearance`` is given. ``now`` is the claimed signing time.

    Raises:
        UnreadablePdfError: the input is not a readable, unencrypted PDF.
        DocumentAlreadySignedError: the input is already signed, or certified against changes.
        SealAppearanceError: the seal box is not on the page.
        TimestampError: the time-stamping service failed.
        PdfUpdateError: pyHanko refused to sign for another reason.
    """
    if now is not None and now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    when = (now or datetime.now(UTC)).astimezone(UTC)
    writer = _open_writer(pdf_bytes, "opening the PDF to sign")
    with _pdf_errors("reading existing signatures"):
        has_signatures = bool(writer.prev.embedded_signatures)
        certification = read_certification_data(writer.prev)
    if has_signatures and (certify or certification is not None):
        raise DocumentAlreadySignedError(
            "refusing to add a signature: the PDF is already signed"
            + (" and certified" if certification is not None else "")
        )

    stamp_style = None
    if appearance is not None:
        _check_box_on_page(writer, appearance)
        x1, y1, x2, y2 = appearance.box
        seal_pdf = render_seal_pdf(
            x2 - x1, y2 - y1, appearance.company_name, appearance.seal_png, when
        )
        stamp_style = seal_stamp_style(seal_pdf)
        field_spec = fields.SigFieldSpec(
            sig_field_name=field_name, on_page=appearance.page, box=appearance.box
        )
    else:
        field_spec = fields.SigFieldSpec(sig_field_name=field_name)

    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        certify=certify,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
        reason=reason,
        location=location,
    )
    timestamper = (
        RequestsHTTPTimeStamper(  # type: ignore[no-untyped-call]
            timestamp_url, timeout=15
        )
        if timestamp_url is not None
        else None
    )
    pdf_signer = _ClockedPdfSigner(
        metadata,
        _simple_signer(credentials),
        timestamper=timestamper,
        stamp_style=stamp_style,
        new_field_spec=field_spec,
        now=when,
    )
    try:
        output = pdf_signer.sign_pdf(writer, existing_fields_only=False)
    except TimestampRequestError as exc:
        raise TimestampError(f"time stamp from {timestamp_url}: {exc}") from exc
    except (SigningError, misc.PdfWriteError) as exc:
        raise PdfUpdateError(f"pyHanko could not sign: {type(exc).__name__}: {exc}") from exc
    except misc.PdfError as exc:
        raise UnreadablePdfError(f"signing: {type(exc).__name__}: {exc}") from exc
    signed: bytes = output.getvalue()
    if not signed.startswith(pdf_bytes):  # pragma: no cover - pyHanko contract
        raise PdfUpdateError("signed output does not extend the input")
    return signed


# --- associated files ------------------------------------------------------------------------


def _text(obj: Any) -> str:
    if isinstance(obj, generic.TextStringObject | str):
        return str(obj)
    if isinstance(obj, generic.ByteStringObject | bytes):
        return bytes(obj).decode("latin-1")
    raise TypeError(f"expected a PDF string, got {type(obj).__name__}")


def _get(dictionary: Any, key: str) -> Any | None:
    """``dictionary[key]`` dereferenced, or None (pyHanko's ``.get`` does not dereference)."""
    if key not in dictionary:
        return None
    return dictionary[key]


def _name_tree_pairs(node: Any, depth: int = 0) -> Iterator[tuple[str, Any]]:
    """(name, value) pairs of a PDF name tree, bounded in depth against hostile files."""
    if depth > _MAX_NAME_TREE_DEPTH:
        raise UnreadablePdfError("name tree nested too deeply")
    names = _get(node, "/Names")
    if names is not None:
        for i in range(0, len(names) - 1, 2):
            yield _text(names[i]), names[i + 1]
    for kid in _get(node, "/Kids") or ():
        yield from _name_tree_pairs(kid.get_object(), depth + 1)


def _embedded_files_node(root: Any) -> Any | None:
    names = _get(root, "/Names")
    return None if names is None else _get(names, "/EmbeddedFiles")


def embed_associated_file(
    pdf_bytes: bytes,
    name: str,
    data: bytes,
    mime: str,
    description: str,
    relationship: AFRelationship = "Supplement",
) -> bytes:
    """Attach ``data`` as a PDF 2.0 associated file of the document, in one incremental update.

    The file is listed in the catalog's ``/AF`` array (with ``/AFRelationship``) and in the
    ``/EmbeddedFiles`` name tree; the catalog's ``/Version`` becomes 2.0. The input bytes are a
    prefix of the output. This must happen before signing (DESIGN.md section 3).

    Raises:
        UnreadablePdfError: the input is not a readable, unencrypted PDF.
        DocumentAlreadySignedError: the input is signed; an update now would break the signature.
        EmbeddedFileExistsError: a file of this name is already embedded.
    """
    if relationship not in _AF_RELATIONSHIPS:
        raise ValueError(f"unknown AFRelationship {relationship!r}")
    if not name:
        raise ValueError("an embedded file needs a name")
    if not re.fullmatch(r"[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+", mime):
        raise ValueError(f"not a MIME type: {mime!r}")
    writer = _open_writer(pdf_bytes, "opening the PDF to attach a file")
    with _pdf_errors("reading existing attachments"):
        if writer.prev.embedded_signatures:
            raise DocumentAlreadySignedError(
                f"refusing to embed {name!r}: the PDF is already signed"
            )
        tree = _embedded_files_node(writer.root)
        if tree is not None:
            if "/Kids" in tree:
                raise PdfUpdateError("cannot add to a nested /EmbeddedFiles name tree")
            if any(existing == name for existing, _ in _name_tree_pairs(tree)):
                raise EmbeddedFileExistsError(f"an embedded file named {name!r} exists")

    try:
        ef_stream = embed.EmbeddedFileObject.from_file_data(
            writer,
            data=data,
            compress=True,
            params=embed.EmbeddedFileParams(embed_size=True, embed_checksum=True),
            mime_type=mime,
        )
        spec = embed.FileSpec(
            file_spec_string=name,
            file_name=name,
            embedded_data=ef_stream,
            description=description,
            af_relationship=generic.pdf_name("/" + relationship),
        )
        embed.embed_file(writer, spec)
        _sort_name_array(writer, writer.root["/Names"]["/EmbeddedFiles"]["/Names"])
        # pyHanko appends to an existing /AF array without marking it changed.
        writer.update_container(writer.root["/AF"])
        out = io.BytesIO()
        writer.write(out)  # type: ignore[no-untyped-call]
    except (misc.PdfError, NotImplementedError) as exc:
        raise PdfUpdateError(f"cannot embed {name!r}: {type(exc).__name__}: {exc}") from exc
    result = out.getvalue()
    if not result.startswith(pdf_bytes):  # pragma: no cover - pyHanko contract
        raise PdfUpdateError("updated output does not extend the input")
    return result


def _pdf_string_bytes(text: str) -> bytes:
    """The bytes pyHanko writes for a text string (PDFDocEncoding, else UTF-16BE with BOM)."""
    try:
        encoded: bytes = generic.encode_pdfdocencoding(text)  # type: ignore[no-untyped-call]
    except UnicodeEncodeError:
        encoded = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return encoded


def _sort_name_array(writer: IncrementalPdfFileWriter, names: Any) -> None:
    """A name tree's keys must be in byte order (ISO 32000-2 7.9.6); pyHanko appends."""
    pairs = [(names[i], names.raw_get(i + 1)) for i in range(0, len(names) - 1, 2)]

    def sort_key(pair: tuple[Any, Any]) -> bytes:
        key = pair[0]
        if isinstance(key, generic.TextStringObject):
            return _pdf_string_bytes(str(key))
        return bytes(key)

    ordered = sorted(pairs, key=sort_key)
    if ordered == pairs:
        return
    names.clear()
    for key, value in ordered:
        names.append(key)
        names.append(value)
    writer.update_container(names)


def read_embedded_files(pdf_bytes: bytes) -> dict[str, bytes]:
    """Name -> content of every file in the document's ``/EmbeddedFiles`` name tree (latest
    revision). Prefers the Unicode ``/UF`` entry.

    Raises:
        UnreadablePdfError: unreadable PDF, malformed tree, or two files of the same name.
    """
    with _pdf_errors("reading attachments"):
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        tree = _embedded_files_node(reader.root)
        if tree is None:
            return {}
        files: dict[str, bytes] = {}
        for key, value in _name_tree_pairs(tree):
            ef = value.get_object()["/EF"]
            stream = _get(ef, "/UF") or ef["/F"]
            if key in files:
                raise UnreadablePdfError(f"two embedded files named {key!r}")
            files[key] = bytes(stream.data)
        return files
