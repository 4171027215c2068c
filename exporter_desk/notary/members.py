"""Members: who may submit (API token -> certificate), the registrar, and invitation codes.

The registrar is the notary's own P-256 key, certified by the member CA like any member. It signs
the log's ``enrolment`` and ``revocation`` entries, so a verifier checks them exactly as it checks
a member's entries: the entry's issuer is the registrar certificate's fingerprint, and the
registrar's own enrolment is the log's first entry (it enrols itself).

Secrets are stored hashed: an invitation code or API token is only ever kept as its SHA-256.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from exporter_desk.notary.ca import public_key_of
from exporter_desk.notary.storage._base import Connection
from exporter_desk.trustnet import Entry, certificate_fingerprint

__all__ = [
    "MemberDirectory",
    "MemberInfo",
    "Registrar",
    "hash_secret",
    "new_api_token",
    "new_invitation_code",
    "normalise_invitation_code",
    "public_key_id",
]

_TOKEN_PREFIX = "edt_"


def hash_secret(secret: str) -> bytes:
    """SHA-256 of a token or normalised invitation code: what the database keeps."""
    return hashlib.sha256(secret.encode("utf-8")).digest()


def new_api_token() -> str:
    """A fresh API token: 32 random bytes, URL-safe base64, with a recognisable prefix."""
    return _TOKEN_PREFIX + secrets.token_urlsafe(32)


def new_invitation_code() -> str:
    """A fresh one-time invitation code: 130 random bits as base32, in groups of five."""
    raw = base64.b32encode(secrets.token_bytes(17)).decode("ascii").rstrip("=")[:26]
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


def normalise_invitation_code(code: str) -> str:
    """Forgive case, spaces and dashes, as a person copies a code by hand."""
    return "".join(char for char in code.upper() if char not in " -\t")


def public_key_id(public_key: ec.EllipticCurvePublicKey) -> bytes:
    """SHA-256 of the key's SubjectPublicKeyInfo: the key itself, whatever certifies it."""
    der = public_key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).digest()


@dataclass(frozen=True, slots=True)
class MemberInfo:
    """What a submission is checked against: the member's key, role, status and enrolment time
    (the log's clock, seconds since the epoch)."""

    fingerprint: str
    public_key: ec.EllipticCurvePublicKey
    role: str
    active: bool
    enrolled_at: float


class MemberDirectory:
    """The members in memory, for authenticating submissions without a database read.

    Loaded once from the database; afterwards only the sequencer changes it, right after it
    commits the enrolment or revocation that the change reflects. Thread-safe.

    Every key ever enrolled (revoked ones too) is indexed by :func:`public_key_id`: one key is
    one identity, so a key already enrolled cannot be enrolled again under another invitation.
    """

    def __init__(self) -> None:
        self._by_token: dict[bytes, str] = {}
        self._by_fingerprint: dict[str, MemberInfo] = {}
        self._by_key: dict[bytes, str] = {}
        self._lock = threading.Lock()

    def load(self, conn: Connection) -> None:
        rows = conn.execute(
            "SELECT fingerprint, certificate, token_hash, role, status, created FROM members"
        ).fetchall()
        with self._lock:
            self._by_token.clear()
            self._by_fingerprint.clear()
            self._by_key.clear()
            for fingerprint, certificate, token_hash, role, status, created in rows:
                self._put(
                    fingerprint, bytes(certificate), token_hash, role, status == "active", created
                )

    def add(
        self,
        fingerprint: str,
        certificate_der: bytes,
        token_hash: bytes | None,
        role: str,
        enrolled_at: float,
    ) -> None:
        with self._lock:
            self._put(fingerprint, certificate_der, token_hash, role, True, enrolled_at)

    def revoke(self, fingerprint: str) -> None:
        with self._lock:
            info = self._by_fingerprint.get(fingerprint)
            if info is not None:
                self._by_fingerprint[fingerprint] = MemberInfo(
                    info.fingerprint, info.public_key, info.role, False, info.enrolled_at
                )

    def holder_of_key(self, key_id: bytes) -> str | None:
        """The fingerprint of the member (or registrar) enrolled with that key, if any."""
        with self._lock:
            return self._by_key.get(key_id)

    def by_token(self, token: str) -> MemberInfo | None:
        with self._lock:
            fingerprint = self._by_token.get(hash_secret(token))
            return None if fingerprint is None else self._by_fingerprint.get(fingerprint)

    def get(self, fingerprint: str) -> MemberInfo | None:
        with self._lock:
            return self._by_fingerprint.get(fingerprint)

    def _put(
        self,
        fingerprint: str,
        certificate_der: bytes,
        token_hash: bytes | None,
        role: str,
        active: bool,
        enrolled_at: float,
    ) -> None:
        certificate = x509.load_der_x509_certificate(certificate_der)
        public_key = public_key_of(certificate)
        self._by_fingerprint[fingerprint] = MemberInfo(
            fingerprint, public_key, role, active, float(enrolled_at)
        )
        self._by_key.setdefault(public_key_id(public_key), fingerprint)
        if token_hash is not None:
            self._by_token[bytes(token_hash)] = fingerprint


@dataclass(frozen=True, slots=True)
class Registrar:
    """The key that signs the log's own entries (enrolments and revocations)."""

    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @property
    def certificate_der(self) -> bytes:
        return self.certificate.public_bytes(Encoding.DER)

    @property
    def fingerprint(self) -> str:
        return certificate_fingerprint(self.certificate_der)

    def entry(self, kind: str, member_certificate_der: bytes, now: float) -> tuple[Entry, bytes]:
        """Sign the ``enrolment`` or ``revocation`` entry of a member certificate.

        The entry's number is the member's certificate fingerprint, its digest the SHA-256 of the
        certificate (the same value) and its length the certificate's size: the "document" an
        enrolment registers is the certificate itself.
        """
        fingerprint = certificate_fingerprint(member_certificate_der)
        entry = Entry.build(
            kind=kind,
            number=fingerprint,
            issuer=self.fingerprint,
            digest=fingerprint,
            length=len(member_certificate_der),
            time=datetime.fromtimestamp(int(now), tz=UTC),
        ).sign(self.private_key)
        return entry, entry.format()
