"""The ``exporter-desk-entry/v1`` log entry: what the trust network records about a document.

Canonical UTF-8 (in fact ASCII) text, every line ending in ``\\n``::

    exporter-desk-entry/v1
    kind commercial-invoice
    number INV-2024/0042
    issuer <64 lowercase hex: SHA-256 of the issuer certificate, DER>
    digest <64 lowercase hex: SHA-256 of the document's revision 1>
    length <bytes in revision 1, decimal without leading zeros>
    time <RFC 3339 UTC, YYYY-MM-DDTHH:MM:SSZ>
    supersedes <"-", or 64 lowercase hex: the RFC 9162 leaf hash of the superseded entry>
    signature <base64 of the DER ECDSA P-256 / SHA-256 signature over all preceding bytes>

``supersedes`` names the replaced entry by its *leaf hash* (SHA-256(0x00 || entry bytes)) rather
than its log index: the issuer can compute it offline from the old receipt, it commits to the
exact old entry, and it does not depend on where or when the log sequenced it.

``number`` is printable ASCII without spaces: look-alike Unicode characters would let a second,
different "original" of the same number slip past the network's uniqueness check.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from exporter_desk.trustnet.encoding import decode_base64, encode_base64, parse_decimal
from exporter_desk.trustnet.errors import EntryError
from exporter_desk.trustnet.merkle import leaf_hash

__all__ = [
    "ENTRY_VERSION",
    "FIELDS",
    "KINDS",
    "MAX_ENTRY_SIZE",
    "MAX_NUMBER_LENGTH",
    "Entry",
    "certificate_fingerprint",
    "document_digest",
]

ENTRY_VERSION = "exporter-desk-entry/v1"
"""The first line of every entry of this version."""

KINDS = (
    "commercial-invoice",
    "proforma-invoice",
    "packing-list",
    "sales-contract",
    "purchase-contract",
    "certificate-of-origin",
    "shipping-instruction",
    "beneficiary-certificate",
    "bill-of-exchange",
    "bank-pack",
    "enrolment",
    "revocation",
    "presentment",
)
"""Every ``kind`` an entry of this version may have.

A ``presentment`` (a bank received or financed a document) carries only values blinded with
the network's secret: ``number`` and ``digest`` are keyed hashes (see
:mod:`exporter_desk.trustnet.presentment`), ``length`` is 1 (no document bytes are registered).
"""

FIELDS = ("kind", "number", "issuer", "digest", "length", "time", "supersedes")
"""The fields, in their fixed order; the ``signature`` line follows them."""

MAX_NUMBER_LENGTH = 64
MAX_ENTRY_SIZE = 1024
"""A well-formed entry is about 500 bytes; anything over this is refused unread."""

_MAX_LENGTH = 2**63 - 1
_HEX64 = re.compile(r"[0-9a-f]{64}")
_NUMBER = re.compile(rf"[\x21-\x7e]{{1,{MAX_NUMBER_LENGTH}}}")
_TIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")
_KIND_SET = frozenset(KINDS)
_ZERO_OFFSET = timedelta(0)


def certificate_fingerprint(certificate_der: bytes) -> str:
    """Return the ``issuer`` value for a certificate: lowercase hex SHA-256 of its DER bytes."""
    return hashlib.sha256(bytes(certificate_der)).hexdigest()


def document_digest(revision: bytes) -> str:
    """Return the ``digest`` value for a document's revision 1 bytes: lowercase hex SHA-256."""
    return hashlib.sha256(bytes(revision)).hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    """One log entry; ``signature`` is None until :meth:`sign` (DER ECDSA P-256 SHA-256)."""

    kind: str
    number: str
    issuer: str
    digest: str
    length: int
    time: datetime
    supersedes: str | None = None
    signature: bytes | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KIND_SET:
            raise EntryError(f"unknown entry kind {self.kind!r}")
        if not isinstance(self.number, str) or not _NUMBER.fullmatch(self.number):
            raise EntryError(
                f"document number {self.number!r} is not 1-{MAX_NUMBER_LENGTH} printable ASCII "
                "characters without spaces",
                user_message=(
                    f"A document number must be 1 to {MAX_NUMBER_LENGTH} characters of plain "
                    "letters, digits and punctuation, without spaces."
                ),
            )
        for name in ("issuer", "digest"):
            value = getattr(self, name)
            if not isinstance(value, str) or not _HEX64.fullmatch(value):
                raise EntryError(f"{name} is not 64 lowercase hexadecimal digits")
        if self.supersedes is not None and (
            not isinstance(self.supersedes, str) or not _HEX64.fullmatch(self.supersedes)
        ):
            raise EntryError("supersedes is not a leaf hash of 64 lowercase hexadecimal digits")
        if isinstance(self.length, bool) or not isinstance(self.length, int):
            raise EntryError("length is not an integer")
        if not 1 <= self.length <= _MAX_LENGTH:
            raise EntryError(f"length {self.length} is outside [1, 2^63)")
        if not isinstance(self.time, datetime) or self.time.utcoffset() != _ZERO_OFFSET:
            raise EntryError("time is not a datetime in UTC")
        if self.time.microsecond:
            raise EntryError("time has fractions of a second")
        object.__setattr__(self, "time", self.time.replace(tzinfo=UTC))
        if self.signature is not None and not _is_canonical_der(self.signature):
            raise EntryError("signature is not a canonical DER ECDSA signature")

    @classmethod
    def build(
        cls,
        *,
        kind: str,
        number: str,
        issuer: str,
        digest: str,
        length: int,
        time: datetime,
        supersedes: str | None = None,
    ) -> Entry:
        """Build an unsigned entry, normalising hex to lowercase and ``time`` to whole UTC seconds.

        Raises:
            EntryError: if a field is invalid, or ``time`` has no time zone.
        """
        if not isinstance(time, datetime) or time.tzinfo is None:
            raise EntryError("entry time must be a timezone-aware datetime")
        return cls(
            kind=kind,
            number=number,
            issuer=issuer.lower() if isinstance(issuer, str) else issuer,
            digest=digest.lower() if isinstance(digest, str) else digest,
            length=length,
            time=time.astimezone(UTC).replace(microsecond=0),
            supersedes=supersedes.lower() if isinstance(supersedes, str) else supersedes,
        )

    def signed_bytes(self) -> bytes:
        """Return the bytes the issuer signs: every line before the ``signature`` line."""
        values = (
            self.kind,
            self.number,
            self.issuer,
            self.digest,
            str(self.length),
            _format_time(self.time),
            self.supersedes or "-",
        )
        lines = [
            ENTRY_VERSION,
            *(f"{name} {value}" for name, value in zip(FIELDS, values, strict=True)),
        ]
        return ("\n".join(lines) + "\n").encode("ascii")

    def sign(self, private_key: ec.EllipticCurvePrivateKey) -> Entry:
        """Return a copy signed by the issuer's P-256 key.

        Raises:
            EntryError: if the key is not an ECDSA P-256 private key.
        """
        if not isinstance(private_key, ec.EllipticCurvePrivateKey) or not isinstance(
            private_key.curve, ec.SECP256R1
        ):
            raise EntryError("entries are signed with an ECDSA P-256 private key")
        signature = private_key.sign(self.signed_bytes(), ec.ECDSA(hashes.SHA256()))
        return replace(self, signature=signature)

    def format(self) -> bytes:
        """Return the canonical bytes of the signed entry (what the log stores and hashes).

        Raises:
            EntryError: if the entry is not signed.
        """
        if self.signature is None:
            raise EntryError("an unsigned entry cannot be formatted")
        return self.signed_bytes() + f"signature {encode_base64(self.signature)}\n".encode("ascii")

    def leaf_hash(self) -> bytes:
        """Return the entry's RFC 9162 leaf hash (what ``supersedes`` of a later entry names).

        Raises:
            EntryError: if the entry is not signed.
        """
        return leaf_hash(self.format())

    def verify_signature(self, public_key: ec.EllipticCurvePublicKey) -> None:
        """Check the issuer's signature with the public key of the issuer's certificate.

        Raises:
            EntryError: if the entry is unsigned, the key is not P-256, or the signature does not
                verify.
        """
        if self.signature is None:
            raise EntryError("the entry is not signed")
        if not isinstance(public_key, ec.EllipticCurvePublicKey) or not isinstance(
            public_key.curve, ec.SECP256R1
        ):
            raise EntryError("entry signatures are verified with an ECDSA P-256 public key")
        try:
            public_key.verify(self.signature, self.signed_bytes(), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature as exc:
            raise EntryError(
                "the entry's signature does not verify with the issuer's key",
                user_message=(
                    "The registration record was not signed by this document's issuer, or it was "
                    "altered after signing."
                ),
            ) from exc

    @classmethod
    def parse(cls, data: bytes) -> Entry:
        """Parse the canonical bytes of a signed entry, refusing any other spelling.

        Raises:
            EntryError: on an unknown version, a missing, duplicated, reordered or unknown field,
                trailing data, a carriage return, non-UTF-8, non-canonical decimal, hex, time or
                base64, or an invalid value.
        """
        if not isinstance(data, bytes | bytearray):
            raise EntryError("entry is not bytes")
        if len(data) > MAX_ENTRY_SIZE:
            raise EntryError(f"entry is {len(data)} bytes, more than {MAX_ENTRY_SIZE}")
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EntryError("entry is not valid UTF-8") from exc
        if "\r" in text:
            raise EntryError("entry contains a carriage return")
        if not text.endswith("\n"):
            raise EntryError("entry does not end with a newline")
        lines = text[:-1].split("\n")
        if lines[0] != ENTRY_VERSION:
            raise EntryError(
                f"unknown entry version {lines[0][:40]!r}",
                user_message=(
                    "This registration record has a format this version of Exporter Desk does not "
                    "know. Update Exporter Desk to check it."
                ),
            )
        names = (*FIELDS, "signature")
        body = lines[1:]
        values: dict[str, str] = {}
        for position, name in enumerate(names):
            if position >= len(body):
                raise EntryError(f"entry ends before its {name!r} line")
            key, space, value = body[position].partition(" ")
            if key != name:
                raise EntryError(
                    f"line {position + 2} of the entry is {key[:20]!r}, expected {name!r}"
                )
            if not space or not value or " " in value:
                raise EntryError(f"field {name!r} does not have exactly one value")
            values[name] = value
        if len(body) > len(names):
            raise EntryError("entry has data after its signature line")

        length = parse_decimal(values["length"], maximum=_MAX_LENGTH)
        if length is None:
            raise EntryError(f"length {values['length'][:20]!r} is not a canonical decimal")
        signature = decode_base64(values["signature"])
        if signature is None:
            raise EntryError("signature is not canonical base64")
        entry = cls(
            kind=values["kind"],
            number=values["number"],
            issuer=values["issuer"],
            digest=values["digest"],
            length=length,
            time=_parse_time(values["time"]),
            supersedes=None if values["supersedes"] == "-" else values["supersedes"],
            signature=signature,
        )
        if entry.format() != data:  # the last word on canonical form
            raise EntryError("entry is not in canonical form")
        return entry


def _format_time(value: datetime) -> str:
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        f"T{value.hour:02d}:{value.minute:02d}:{value.second:02d}Z"
    )


def _parse_time(text: str) -> datetime:
    match = _TIME.fullmatch(text)
    if not match:
        raise EntryError(f"time {text[:30]!r} is not RFC 3339 UTC (YYYY-MM-DDTHH:MM:SSZ)")
    year, month, day, hour, minute, second = (int(part) for part in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as exc:
        raise EntryError(f"time {text!r} is not a valid date and time") from exc


def _is_canonical_der(signature: object) -> bool:
    if not isinstance(signature, bytes) or not 8 <= len(signature) <= 72:
        return False
    try:
        r, s = decode_dss_signature(signature)
    except ValueError:
        return False
    return r > 0 and s > 0 and encode_dss_signature(r, s) == signature
