"""A small certificate authority: a trust network's member CA, and the test PKI of every test
package (``CertificateAuthority.create(...)`` then ``ca.issue_credentials(...)``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from exporter_desk._x509 import ca_certificate, issued_certificate
from exporter_desk.signing._keys import require_p256_private_key
from exporter_desk.signing.certificates import (
    CLOCK_SKEW_ALLOWANCE,
    DEFAULT_VALIDITY,
    CompanyIdentity,
    SigningCredentials,
    build_csr,
    generate_signing_key,
    signing_extended_key_usage,
    signing_key_usage,
)
from exporter_desk.signing.errors import InvalidCsrError

__all__ = ["DEFAULT_CA_VALIDITY", "CertificateAuthority"]

DEFAULT_CA_VALIDITY: Final = timedelta(days=10 * 365)
_TSA_KEY_USAGE: Final = x509.KeyUsage(
    digital_signature=True,
    content_commitment=False,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=False,
    crl_sign=False,
    encipher_only=False,
    decipher_only=False,
)


def _aware(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class CertificateAuthority:
    """A root CA (P-256) that issues signing certificates from CSRs.

    It issues end-entity certificates only (pathLenConstraint 0), each with keyUsage
    digitalSignature + nonRepudiation and extKeyUsage documentSigning + emailProtection, never
    beyond its own expiry. With ``crl_url``, each certificate names it as its CRL distribution
    point (a network's CA publishes revoked memberships there).
    """

    key: ec.EllipticCurvePrivateKey = field(repr=False, compare=False)
    certificate: x509.Certificate
    crl_url: str | None = None

    @classmethod
    def create(
        cls,
        common_name: str,
        *,
        organization: str | None = None,
        country: str | None = None,
        now: datetime | None = None,
        validity: timedelta = DEFAULT_CA_VALIDITY,
        key: ec.EllipticCurvePrivateKey | None = None,
        crl_url: str | None = None,
    ) -> CertificateAuthority:
        key = require_p256_private_key(key) if key is not None else generate_signing_key()
        attributes = []
        if country is not None:
            attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, country))
        if organization is not None:
            attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
        attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
        name = x509.Name(attributes)
        not_before = _aware(now) - CLOCK_SKEW_ALLOWANCE
        certificate = ca_certificate(
            key, name, not_before=not_before, not_after=not_before + validity
        )
        return cls(key=key, certificate=certificate, crl_url=crl_url)

    def issue_certificate(
        self,
        csr: x509.CertificateSigningRequest,
        *,
        now: datetime | None = None,
        validity: timedelta = DEFAULT_VALIDITY,
        serial_number: int | None = None,
        time_stamping: bool = False,
    ) -> x509.Certificate:
        """A signing certificate for the CSR's subject and key.

        ``time_stamping=True`` issues a TSA certificate instead (critical EKU timeStamping),
        for test time-stamping authorities.

        Raises:
            InvalidCsrError: the CSR's signature does not verify or its key is not P-256.
        """
        public_key = csr.public_key()
        if not isinstance(public_key, ec.EllipticCurvePublicKey) or (
            public_key.curve.name != "secp256r1"
        ):
            raise InvalidCsrError("CSR key is not EC secp256r1")
        if not csr.is_signature_valid:
            raise InvalidCsrError("CSR self-signature does not verify")
        not_before = _aware(now) - CLOCK_SKEW_ALLOWANCE
        return issued_certificate(
            ca_key=self.key,
            ca=self.certificate,
            public_key=public_key,
            subject=csr.subject,
            not_before=not_before,
            not_after=not_before + validity,
            serial_number=serial_number or x509.random_serial_number(),
            key_usage=_TSA_KEY_USAGE if time_stamping else signing_key_usage(),
            extended_key_usage=(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING])
                if time_stamping
                else signing_extended_key_usage()
            ),
            critical_extended_key_usage=time_stamping,
            crl_url=self.crl_url,
        )

    def issue_credentials(
        self,
        identity: CompanyIdentity,
        *,
        now: datetime | None = None,
        key: ec.EllipticCurvePrivateKey | None = None,
        validity: timedelta = DEFAULT_VALIDITY,
    ) -> SigningCredentials:
        """Key (new unless given) + CSR + certificate in one step: the whole enrolment, locally."""
        key = key if key is not None else generate_signing_key()
        certificate = self.issue_certificate(build_csr(identity, key), now=now, validity=validity)
        return SigningCredentials(key=key, certificate=certificate, chain=(self.certificate,))
