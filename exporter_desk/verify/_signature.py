"""The signature half of the plan, on pyHanko: what a signature field's value is, pyHanko's
validation on a reused event loop, the trust manager of a :class:`Trust`, and who signed."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from typing import Any, Final

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko_certvalidator.registry import SimpleTrustManager

from exporter_desk.verify import _pdf
from exporter_desk.verify._lazy_pyhanko import (
    async_validate_pdf_signature,
    async_validate_pdf_timestamp,
)
from exporter_desk.verify.reasons import Reason, reason
from exporter_desk.verify.trust import Trust, TrustRoot
from exporter_desk.verify.verdict import IssuerInfo

__all__ = [
    "REGULAR",
    "TIMESTAMP",
    "anchor_root",
    "issuer_info",
    "signature_kind",
    "trust_manager",
    "validate_signature",
    "validate_timestamp",
    "who",
]

REGULAR: Final = "/Sig"
TIMESTAMP: Final = "/DocTimeStamp"


def signature_kind(value: Any, size: int) -> tuple[str, int]:
    """(/Sig | /DocTimeStamp | what is wrong, end of the signed range) of a signature value."""
    if not isinstance(value, generic.DictionaryObject):
        return "signature value is not a dictionary", 0
    kind = _pdf.name_of(_pdf.get(value, "/Type")) or REGULAR
    if kind not in (REGULAR, TIMESTAMP):
        return f"signature of type {kind}", 0
    byte_range = _pdf.numbers(_pdf.raw_get(value, "/ByteRange"), 4)
    if byte_range is None or any(v < 0 or v != int(v) for v in byte_range):
        return "no usable /ByteRange", 0
    contents = _pdf.raw_get(value, "/Contents")
    if not isinstance(contents, generic.ByteStringObject | generic.TextStringObject):
        return "no /Contents", 0
    end = int(byte_range[2] + byte_range[3])
    if end > size:
        return "/ByteRange beyond the end of the file", 0
    return kind, end


_LOOPS = threading.local()


def validate_signature(embedded: Any, context: Any) -> Any:
    """pyHanko's validation of ``embedded``, offline, on this thread's own event loop.

    pyHanko's synchronous wrapper starts and closes a new event loop per call (a tenth of a
    millisecond); one loop per thread is reused instead. Like the wrapper, this needs a thread
    with no running event loop. A loop interrupted by the watchdog is dropped.
    """

    return _run(async_validate_pdf_signature(embedded, context, skip_diff=True), context)


def validate_timestamp(embedded: Any, context: Any) -> Any:
    """pyHanko's validation of the document time stamp ``embedded``, like
    :func:`validate_signature`."""
    return _run(async_validate_pdf_timestamp(embedded, context, skip_diff=True), context)


def _run(validation: Any, context: Any) -> Any:
    async def validate() -> Any:
        try:
            return await validation
        finally:
            await context.aclose()  # what pyHanko's wrapper does: release any session

    loop = getattr(_LOOPS, "loop", None)
    if loop is None or loop.is_closed():
        loop = _LOOPS.loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(validate())
    except BaseException:
        _LOOPS.loop = None
        loop.close()
        raise


def trust_manager(trust: Trust) -> Any:
    """pyHanko's trust manager for ``trust``'s roots, built once per ``Trust``."""
    manager = trust.cache.get("trust_manager")
    if manager is None:
        roots = [asn1_x509.Certificate.load(root.der) for root in trust.roots]
        manager = trust.cache["trust_manager"] = SimpleTrustManager.build(trust_roots=roots)
    return manager


def issuer_info(certificate: x509.Certificate, trusted_by: str | None) -> IssuerInfo:
    def first(oid: x509.ObjectIdentifier) -> str | None:
        values = certificate.subject.get_attributes_for_oid(oid)
        value = values[0].value if values else None
        return value if isinstance(value, str) else None

    name = first(NameOID.COMMON_NAME) or first(NameOID.ORGANIZATION_NAME)
    return IssuerInfo(
        company_name=name or certificate.subject.rfc4514_string(),
        # Member certificates name the company's registration id as organizationIdentifier
        # (ETSI EN 319 412-1 for legal persons); self-signed ones as serialNumber.
        registration_id=first(NameOID.ORGANIZATION_IDENTIFIER) or first(NameOID.SERIAL_NUMBER),
        country=first(NameOID.COUNTRY_NAME),
        fingerprint=hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest(),
        trusted_by=trusted_by,
    )


def who(issuer: IssuerInfo, *, bare: bool = False) -> Reason:
    """The signer as a reason names it: the name from the certificate, and, when no trust root
    vouches for the certificate, that the name is only claimed (anyone can put any name in a
    certificate of their own); ``bare`` for a sentence that says so itself."""
    name = (
        reason("signer.name_with_id", company=issuer.company_name, id=issuer.registration_id)
        if issuer.registration_id
        else reason("signer.name", company=issuer.company_name)
    )
    if issuer.trusted_by is not None:
        return name
    return reason("signer.quoted" if bare else "signer.claimed", name=name)


def anchor_root(trust: Trust, status: Any) -> TrustRoot | None:
    """The trust root at the top of pyHanko's validation path, if it is one of ``trust``'s."""
    try:
        anchor = status.validation_path.trust_anchor.authority.certificate.dump()
    except AttributeError:
        return None
    for root in trust.roots:
        if root.der == anchor:
            return root
    return None
