"""The X.509 certificates of a trust network, built in one place.

A network's member CA is a self-signed root (``notary.ca`` in a node, ``signing.pki`` for the
desktop's own and the tests' CAs); the certificates it issues are end-entity signing
certificates. Both callers differ only in names, validity, serial numbers and extended key
usages, so the shape of each certificate (basic constraints, key usage, key identifiers, CRL
distribution point) is decided here once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

__all__ = ["CA_KEY_USAGE", "SIGNING_KEY_USAGE", "ca_certificate", "issued_certificate"]


def _key_usage(
    *, digital_signature: bool = False, content_commitment: bool = False, cert_sign: bool = False
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=content_commitment,  # nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


CA_KEY_USAGE: Final = _key_usage(cert_sign=True)
"""A member CA signs certificates and CRLs, nothing else."""
SIGNING_KEY_USAGE: Final = _key_usage(digital_signature=True, content_commitment=True)
"""A member signs documents (digitalSignature + nonRepudiation)."""


def ca_certificate(
    key: ec.EllipticCurvePrivateKey,
    subject: x509.Name,
    *,
    not_before: datetime,
    not_after: datetime,
) -> x509.Certificate:
    """A self-signed CA certificate that may issue end-entity certificates only (path length 0)."""
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(CA_KEY_USAGE, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def issued_certificate(
    *,
    ca_key: ec.EllipticCurvePrivateKey,
    ca: x509.Certificate,
    public_key: ec.EllipticCurvePublicKey,
    subject: x509.Name,
    not_before: datetime,
    not_after: datetime,
    serial_number: int,
    extended_key_usage: x509.ExtendedKeyUsage,
    key_usage: x509.KeyUsage = SIGNING_KEY_USAGE,
    critical_extended_key_usage: bool = False,
    crl_url: str | None = None,
) -> x509.Certificate:
    """An end-entity certificate issued by ``ca``: never beyond the CA's own validity, with
    both key identifiers and, given ``crl_url``, where its revocation is published."""
    ca_ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.subject)
        .public_key(public_key)
        .serial_number(serial_number)
        .not_valid_before(not_before)
        .not_valid_after(min(not_after, ca.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(key_usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
        .add_extension(extended_key_usage, critical=critical_extended_key_usage)
    )
    if crl_url is not None:
        point = x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier(crl_url)],
            relative_name=None,
            reasons=None,
            crl_issuer=None,
        )
        builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    return builder.sign(ca_key, hashes.SHA256())
