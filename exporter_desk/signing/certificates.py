"""The company's signing identity: its P-256 key, its certificate (self-signed or CA-issued), the
CSR for enrolment, PKCS#12 import and export, and the certificate fingerprint."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final

from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from exporter_desk._x509 import SIGNING_KEY_USAGE
from exporter_desk.signing._keys import (
    describe_key,
    require_p256_private_key,
    require_p256_public_key,
)
from exporter_desk.signing.errors import (
    CertificateKeyMismatchError,
    CertificateParseError,
    InvalidCompanyIdentityError,
    InvalidCsrError,
    NotPkcs12Error,
    Pkcs12MissingCertificateError,
    Pkcs12MissingKeyError,
    Pkcs12PasswordError,
)

__all__ = [
    "DEFAULT_VALIDITY",
    "CompanyIdentity",
    "SigningCredentials",
    "build_csr",
    "compute_certificate_fingerprint",
    "create_self_signed_certificate",
    "export_certificate_der",
    "export_certificate_pem",
    "export_pkcs12",
    "generate_signing_key",
    "import_pkcs12",
    "load_certificate",
    "load_certificates_pem",
    "load_csr",
]

DEFAULT_VALIDITY: Final = timedelta(days=3 * 365)
# Certificates start a little in the past so that a verifier whose clock is behind still sees
# a freshly made certificate as valid.
CLOCK_SKEW_ALLOWANCE: Final = timedelta(minutes=10)
_MAX_PKCS12_SIZE: Final = 10 * 1024 * 1024
# X.520 PrintableString, the type of countryName and serialNumber.
_PRINTABLE = re.compile(r"[A-Za-z0-9 '()+,\-./:=?]+")


@dataclass(frozen=True, slots=True)
class CompanyIdentity:
    """Who signs: the subject of the company's certificate.

    ``name`` goes in CN and O, ``country`` (ISO 3166-1 alpha-2) in C, ``registration_id`` (e.g.
    the Chinese unified social credit code) in serialNumber (2.5.4.5).
    """

    name: str
    country: str
    registration_id: str

    def __post_init__(self) -> None:
        if not 1 <= len(self.name) <= 64 or self.name != self.name.strip():
            raise InvalidCompanyIdentityError(f"company name of length {len(self.name)}")
        if not re.fullmatch(r"[A-Z]{2}", self.country):
            raise InvalidCompanyIdentityError(f"country {self.country!r} is not ISO 3166 alpha-2")
        if not 1 <= len(self.registration_id) <= 64 or not _PRINTABLE.fullmatch(
            self.registration_id
        ):
            raise InvalidCompanyIdentityError(
                f"registration id {self.registration_id!r} is not a PrintableString of 1-64"
            )

    def to_x509_name(self) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, self.country),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.name),
                x509.NameAttribute(NameOID.SERIAL_NUMBER, self.registration_id),
                x509.NameAttribute(NameOID.COMMON_NAME, self.name),
            ]
        )

    @classmethod
    def from_x509_name(cls, name: x509.Name) -> CompanyIdentity:
        """Read back what :meth:`to_x509_name` wrote (CN, else O, for the name).

        Raises:
            InvalidCompanyIdentityError: a required attribute is missing or unusable.
        """

        def first(oid: x509.ObjectIdentifier) -> str | None:
            attrs = name.get_attributes_for_oid(oid)
            value = attrs[0].value if attrs else None
            return value if isinstance(value, str) else None

        company = first(NameOID.COMMON_NAME) or first(NameOID.ORGANIZATION_NAME)
        country = first(NameOID.COUNTRY_NAME)
        registration_id = first(NameOID.SERIAL_NUMBER)
        if company is None or country is None or registration_id is None:
            raise InvalidCompanyIdentityError(f"subject {name.rfc4514_string()} lacks CN/C/serial")
        return cls(company, country, registration_id)


@dataclass(frozen=True, slots=True)
class SigningCredentials:
    """A private key with its certificate and the chain up to (and maybe including) the root.

    Validated on construction: the key is P-256 and matches the certificate. The key never
    appears in ``repr()``.
    """

    key: ec.EllipticCurvePrivateKey = field(repr=False, compare=False)
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    def __post_init__(self) -> None:
        require_p256_private_key(self.key)
        cert_key = require_p256_public_key(self.certificate.public_key())
        if cert_key.public_numbers() != self.key.public_key().public_numbers():
            raise CertificateKeyMismatchError(
                "certificate "
                f"{compute_certificate_fingerprint(self.certificate)} is not for this key"
            )

    @property
    def fingerprint(self) -> str:
        return compute_certificate_fingerprint(self.certificate)

    @property
    def identity(self) -> CompanyIdentity:
        return CompanyIdentity.from_x509_name(self.certificate.subject)


def generate_signing_key() -> ec.EllipticCurvePrivateKey:
    """A fresh ECDSA P-256 private key."""
    return ec.generate_private_key(ec.SECP256R1())


def compute_certificate_fingerprint(certificate: x509.Certificate) -> str:
    """Lowercase hex SHA-256 of the certificate's DER: the issuer id in log entries."""
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def _require_aware(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC)


def _derived_serial_number(public_key: ec.EllipticCurvePublicKey, not_before: datetime) -> int:
    """A positive 127-bit serial number, a function of the key (random) and the start time."""
    spki = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    digest = hashlib.sha256(spki + not_before.isoformat().encode("ascii")).digest()
    return (int.from_bytes(digest[:16], "big") >> 1) or 1


def signing_key_usage() -> x509.KeyUsage:
    """digitalSignature + nonRepudiation: the one key usage of every signing certificate."""
    return SIGNING_KEY_USAGE


# RFC 9336 id-kp-documentSigning.
DOCUMENT_SIGNING_OID: Final = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")


def signing_extended_key_usage() -> x509.ExtendedKeyUsage:
    """documentSigning (RFC 9336) and emailProtection: NSS (pdfsig, Firefox, LibreOffice) checks
    PDF signers as S/MIME signers, and Acrobat accepts either."""
    return x509.ExtendedKeyUsage([DOCUMENT_SIGNING_OID, ExtendedKeyUsageOID.EMAIL_PROTECTION])


def create_self_signed_certificate(
    identity: CompanyIdentity,
    key: ec.EllipticCurvePrivateKey,
    *,
    now: datetime | None = None,
    validity: timedelta = DEFAULT_VALIDITY,
) -> x509.Certificate:
    """A self-signed signing certificate for a company not yet enrolled with a network.

    Every field is a function of (identity, key, now, validity); only the ECDSA signature
    value differs between two calls.
    """
    key = require_p256_private_key(key)
    not_before = _require_aware(now).replace(microsecond=0) - CLOCK_SKEW_ALLOWANCE
    public_key = key.public_key()
    ski = x509.SubjectKeyIdentifier.from_public_key(public_key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(identity.to_x509_name())
        .issuer_name(identity.to_x509_name())
        .public_key(public_key)
        .serial_number(_derived_serial_number(public_key, not_before))
        .not_valid_before(not_before)
        .not_valid_after(not_before + validity)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(signing_key_usage(), critical=True)
        .add_extension(signing_extended_key_usage(), critical=False)
        .add_extension(ski, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
    )
    return builder.sign(key, hashes.SHA256())


def build_csr(
    identity: CompanyIdentity, key: ec.EllipticCurvePrivateKey
) -> x509.CertificateSigningRequest:
    """The certificate signing request sent to a network's member CA on enrolment."""
    key = require_p256_private_key(key)
    return (
        x509.CertificateSigningRequestBuilder()
        .subject_name(identity.to_x509_name())
        .add_extension(signing_key_usage(), critical=True)
        .sign(key, hashes.SHA256())
    )


def load_csr(data: bytes) -> x509.CertificateSigningRequest:
    """Parse a CSR (PEM or DER) and check its self-signature and key type.

    Raises:
        InvalidCsrError: unreadable, badly signed, or not a P-256 key.
    """
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            csr = x509.load_pem_x509_csr(data)
        else:
            csr = x509.load_der_x509_csr(data)
        public_key = csr.public_key()
    except ValueError as exc:
        raise InvalidCsrError(f"unreadable CSR: {exc}") from exc
    if not isinstance(public_key, ec.EllipticCurvePublicKey) or public_key.curve.name != (
        "secp256r1"
    ):
        raise InvalidCsrError(f"CSR key is {describe_key(public_key)}, not EC secp256r1")
    if not csr.is_signature_valid:
        raise InvalidCsrError("CSR self-signature does not verify")
    return csr


def export_certificate_pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def export_certificate_der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def load_certificate(data: bytes) -> x509.Certificate:
    """One certificate, PEM or DER.

    Raises:
        CertificateParseError: neither.
    """
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise CertificateParseError(f"not an X.509 certificate: {exc}") from exc


def load_certificates_pem(data: bytes) -> tuple[x509.Certificate, ...]:
    """Every certificate of a PEM bundle, in order.

    Raises:
        CertificateParseError: no certificate, or a malformed one.
    """
    try:
        return tuple(x509.load_pem_x509_certificates(data))
    except ValueError as exc:
        raise CertificateParseError(f"not a PEM certificate bundle: {exc}") from exc


def _order_chain(
    leaf: x509.Certificate, others: list[x509.Certificate]
) -> tuple[x509.Certificate, ...]:
    """Issuers from the leaf upwards first, then whatever else the file carried."""
    remaining = [c for c in others if c != leaf]
    ordered: list[x509.Certificate] = []
    current = leaf
    while True:
        issuer = next((c for c in remaining if c.subject == current.issuer and c != current), None)
        if issuer is None:
            break
        ordered.append(issuer)
        remaining.remove(issuer)
        current = issuer
    return (*ordered, *remaining)


def _is_pkcs12_structure(data: bytes) -> bool:
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return bool(
            pfx["version"].native == "v3"
            and pfx["auth_safe"]["content_type"].native in ("data", "signed_data")
        )
    except Exception:  # asn1crypto raises many types on hostile input
        return False


def import_pkcs12(data: bytes, password: str) -> SigningCredentials:
    """Certificate, key and chain from a password-protected .p12 / .pfx from a commercial CA.

    Raises:
        NotPkcs12Error: the bytes are not a PKCS#12 file.
        Pkcs12PasswordError: the password does not open it.
        Pkcs12MissingKeyError, Pkcs12MissingCertificateError: it lacks the key or certificate.
        UnsupportedKeyTypeError: the key is not ECDSA P-256.
        CertificateKeyMismatchError: no certificate in the file belongs to the key.
    """
    if len(data) > _MAX_PKCS12_SIZE or not _is_pkcs12_structure(data):
        raise NotPkcs12Error(f"{len(data)} bytes that are not a DER PKCS#12 PFX")
    candidates: list[bytes | None] = [password.encode("utf-8")]
    if password == "":
        candidates.append(None)  # "no password" and "empty password" differ in PKCS#12
    bundle: pkcs12.PKCS12KeyAndCertificates | None = None
    last_error: ValueError | None = None
    for candidate in candidates:
        try:
            bundle = pkcs12.load_pkcs12(data, candidate)
            break
        except ValueError as exc:
            last_error = exc
    if bundle is None:
        raise Pkcs12PasswordError("PKCS#12 did not decrypt with the password") from last_error

    if bundle.key is None:
        raise Pkcs12MissingKeyError("PKCS#12 holds no private key")
    key = require_p256_private_key(bundle.key)
    certs = [c.certificate for c in ([bundle.cert] if bundle.cert else [])]
    certs += [c.certificate for c in bundle.additional_certs]
    if not certs:
        raise Pkcs12MissingCertificateError("PKCS#12 holds no certificate")
    public_numbers = key.public_key().public_numbers()

    def belongs_to_key(cert: x509.Certificate) -> bool:
        cert_key = cert.public_key()
        return (
            isinstance(cert_key, ec.EllipticCurvePublicKey)
            and cert_key.public_numbers() == public_numbers
        )

    leaf = next((c for c in certs if belongs_to_key(c)), None)
    if leaf is None:
        raise CertificateKeyMismatchError("no certificate in the PKCS#12 matches its key")
    return SigningCredentials(key=key, certificate=leaf, chain=_order_chain(leaf, certs))


def export_pkcs12(credentials: SigningCredentials, password: str, *, friendly_name: str) -> bytes:
    """A password-protected .p12 backup of the credentials (AES-256, PBKDF2)."""
    if not password:
        raise ValueError("a PKCS#12 backup needs a password")
    return pkcs12.serialize_key_and_certificates(
        friendly_name.encode("utf-8"),
        credentials.key,
        credentials.certificate,
        list(credentials.chain) or None,
        serialization.BestAvailableEncryption(password.encode("utf-8")),
    )
