"""A small certificate authority: a trust network's member CA, and the test PKI of every test
package (``CertificateAuthority.create(...)`` then ``ca.issue_credentials(...)``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

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
        ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_before + validity)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(ski, critical=False)
            .sign(key, hashes.SHA256())
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
        not_after = min(not_before + validity, self.certificate.not_valid_after_utc)
        ca_ski = self.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        builder = (
            x509.CertificateBuilder()
            .subject_name(csr.subject)
            .issuer_name(self.certificate.subject)
            .public_key(public_key)
            .serial_number(serial_number or x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                signing_key_usage() if not time_stamping else _TSA_KEY_USAGE, critical=True
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski.value),
                critical=False,
            )
        )
        if time_stamping:
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
            )
        else:
            builder = builder.add_extension(signing_extended_key_usage(), critical=False)
        if self.crl_url is not None:
            point = x509.DistributionPoint(
                full_name=[x509.UniformResourceIdentifier(self.crl_url)],
                relative_name=None,
                reasons=None,
                crl_issuer=None,
            )
            builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
        return builder.sign(self.key, hashes.SHA256())

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
