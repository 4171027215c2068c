"""The member CA: an ECDSA P-256 self-signed root that certifies members and the registrar.

A member's certificate names what the operator typed into the invitation (company name and
registration id), never what the CSR claims: the CSR only proves possession of the key.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from exporter_desk._x509 import ca_certificate, issued_certificate
from exporter_desk.notary.errors import ApiError, SetupError

__all__ = [
    "MAX_CSR_SIZE",
    "MemberCA",
    "check_subject_fields",
    "load_private_key",
    "private_key_pem",
    "public_key_of",
]

MAX_CSR_SIZE = 8192
"""A P-256 CSR is well under 1 KiB; anything larger is refused unread."""

CA_VALIDITY = timedelta(days=20 * 365)
MEMBER_VALIDITY = timedelta(days=3 * 365)
_DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.4.1.311.10.3.12")  # Adobe/Microsoft document signing
_BACKDATE = timedelta(minutes=5)  # tolerate a verifier whose clock runs a little slow
_MAX_NAME = 64  # X.520 upper bound of commonName / organizationName


def check_subject_fields(name: str, registration_id: str) -> None:
    """Check a member's company name and registration id before they go into a certificate.

    Raises:
        SetupError: if either is empty, too long, or contains control characters.
    """
    for label, value in (("company name", name), ("registration id", registration_id)):
        if not value or not value.strip() or len(value) > _MAX_NAME:
            raise SetupError(
                f"{label} {value!r} is empty or longer than {_MAX_NAME} characters",
                user_message=f"The {label} must be 1 to {_MAX_NAME} characters.",
            )
        if any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
            raise SetupError(
                f"{label} {value!r} contains control characters",
                user_message=f"The {label} must not contain control characters.",
            )


def private_key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    """PKCS#8 PEM, unencrypted: the file's 0600 mode is its protection."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def load_private_key(pem: bytes, what: str) -> ec.EllipticCurvePrivateKey:
    """Load a P-256 private key from PEM.

    Raises:
        SetupError: if it is not an unencrypted ECDSA P-256 key.
    """
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise SetupError(f"{what} is not a readable private key: {exc}") from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise SetupError(f"{what} is not an ECDSA P-256 key")
    return key


def public_key_of(certificate: x509.Certificate) -> ec.EllipticCurvePublicKey:
    """The certificate's P-256 public key.

    Raises:
        SetupError: if it is not one.
    """
    key = certificate.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise SetupError("certificate key is not ECDSA P-256")
    return key


@dataclass(frozen=True, slots=True)
class MemberCA:
    """The CA certificate and its private key."""

    certificate: x509.Certificate
    private_key: ec.EllipticCurvePrivateKey

    @classmethod
    def create(cls, network_name: str, now: datetime) -> MemberCA:
        """Create a fresh self-signed root for the network called ``network_name``."""
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, _clip(network_name)),
                x509.NameAttribute(NameOID.COMMON_NAME, _clip(f"{network_name} member CA")),
            ]
        )
        certificate = ca_certificate(
            key, subject, not_before=now - _BACKDATE, not_after=now + CA_VALIDITY
        )
        return cls(certificate, key)

    @classmethod
    def load(cls, certificate_pem: bytes, key_pem: bytes) -> MemberCA:
        """Load the CA from its PEM files.

        Raises:
            SetupError: if either is unreadable or they do not belong together.
        """
        try:
            certificate = x509.load_pem_x509_certificate(certificate_pem)
        except ValueError as exc:
            raise SetupError(f"member CA certificate is unreadable: {exc}") from exc
        key = load_private_key(key_pem, "member CA key")
        if public_key_of(certificate).public_numbers() != key.public_key().public_numbers():
            raise SetupError("member CA key does not match its certificate")
        return cls(certificate, key)

    @property
    def certificate_pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")

    def issue(
        self,
        public_key: ec.EllipticCurvePublicKey,
        *,
        name: str,
        registration_id: str,
        now: datetime,
        validity: timedelta = MEMBER_VALIDITY,
        crl_url: str | None = None,
    ) -> x509.Certificate:
        """Issue an end-entity certificate for a signing key of ``name`` / ``registration_id``.

        It carries the document-signing and e-mail-protection extended key usages and, with
        ``crl_url``, a CRL distribution point: NSS (and so poppler's ``pdfsig``) checks signers
        for the S/MIME usage, and poppler 22 reports "unknown issue" for a chain without them.
        """
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
                x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, registration_id),
                x509.NameAttribute(NameOID.COMMON_NAME, name),
            ]
        )
        return issued_certificate(
            ca_key=self.private_key,
            ca=self.certificate,
            public_key=public_key,
            subject=subject,
            not_before=now - _BACKDATE,
            not_after=now + validity,
            serial_number=int.from_bytes(secrets.token_bytes(16), "big") >> 1 or 1,
            extended_key_usage=x509.ExtendedKeyUsage(
                [_DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]
            ),
            crl_url=crl_url,
        )

    def revocation_list(self, revoked: Sequence[tuple[int, datetime]], *, now: datetime) -> bytes:
        """A DER CRL of the revoked member certificates (serial, revocation time), valid a day."""
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.certificate.subject)
            .last_update(now - _BACKDATE)
            .next_update(now + timedelta(days=1))
        )
        for serial, when in revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
            )
        return builder.sign(self.private_key, hashes.SHA256()).public_bytes(Encoding.DER)

    def issue_from_csr(
        self,
        csr_pem: str,
        *,
        name: str,
        registration_id: str,
        now: datetime,
        crl_url: str | None = None,
    ) -> x509.Certificate:
        """Issue a member certificate for the key in ``csr_pem``, naming the invited company.

        Raises:
            ApiError: 400 ``bad_csr`` if the CSR is not one PEM request with a valid self-signature
                over an ECDSA P-256 key.
        """
        if not isinstance(csr_pem, str) or len(csr_pem) > MAX_CSR_SIZE:
            raise _bad_csr("the CSR is missing or too large")
        if csr_pem.count("-----BEGIN CERTIFICATE REQUEST-----") != 1:
            raise _bad_csr("the CSR is not exactly one PEM 'CERTIFICATE REQUEST'")
        try:
            csr = x509.load_pem_x509_csr(csr_pem.encode("ascii"))
            valid = csr.is_signature_valid
            key = csr.public_key()
        except (ValueError, UnicodeEncodeError, UnsupportedAlgorithm) as exc:
            raise _bad_csr(f"the CSR cannot be read: {exc}") from exc
        if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(
            key.curve, ec.SECP256R1
        ):
            raise _bad_csr("the CSR's key is not an ECDSA P-256 key")
        if not valid:
            raise _bad_csr("the CSR's signature does not verify with its own key")
        return self.issue(key, name=name, registration_id=registration_id, now=now, crl_url=crl_url)


def _bad_csr(message: str) -> ApiError:
    return ApiError(
        400,
        "bad_csr",
        message,
        user_message=(
            f"The certificate request was refused: {message}. Create a new request with an "
            "ECDSA P-256 key and try again."
        ),
    )


def _clip(text: str) -> str:
    return text[:_MAX_NAME]
