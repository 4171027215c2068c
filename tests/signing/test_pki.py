"""The member CA: what it issues, and what it refuses to."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID

from exporter_desk.signing import (
    CertificateAuthority,
    InvalidCsrError,
    build_csr,
    generate_signing_key,
)
from tests.signing.conftest import ACME


def test_member_ca_is_a_root_that_signs_end_entities_only(
    member_ca: CertificateAuthority,
) -> None:
    cert = member_ca.certificate
    cert.verify_directly_issued_by(cert)
    basic = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical and basic.value.ca and basic.value.path_length == 0
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign and not usage.digital_signature
    assert "key=" not in repr(member_ca)


def test_issued_certificate_chains_to_the_ca_and_keeps_the_csr_subject(
    member_ca: CertificateAuthority, now: datetime
) -> None:
    key = generate_signing_key()
    cert = member_ca.issue_certificate(build_csr(ACME, key), now=now)
    cert.verify_directly_issued_by(member_ca.certificate)
    assert cert.subject == ACME.to_x509_name()
    assert cert.public_key() == key.public_key()
    aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = member_ca.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    assert aki.key_identifier == ski.value.digest
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    with pytest.raises(x509.ExtensionNotFound):
        cert.extensions.get_extension_for_class(x509.CRLDistributionPoints)


def test_member_certificate_never_outlives_the_ca(now: datetime) -> None:
    ca = CertificateAuthority.create("Short CA", now=now, validity=timedelta(days=30))
    cert = ca.issue_credentials(ACME, now=now, validity=timedelta(days=3650)).certificate
    assert cert.not_valid_after_utc == ca.certificate.not_valid_after_utc


def test_crl_url_is_written_into_member_certificates(now: datetime) -> None:
    ca = CertificateAuthority.create("CA", now=now, crl_url="https://net.example/ca.crl")
    cert = ca.issue_credentials(ACME, now=now).certificate
    points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    assert points[0].full_name == [x509.UniformResourceIdentifier("https://net.example/ca.crl")]


def test_csr_signed_by_someone_else_gets_no_certificate(
    member_ca: CertificateAuthority, now: datetime
) -> None:
    der = bytearray(
        build_csr(ACME, generate_signing_key()).public_bytes(serialization.Encoding.DER)
    )
    der[-3] ^= 0x01
    forged = x509.load_der_x509_csr(bytes(der))
    with pytest.raises(InvalidCsrError):
        member_ca.issue_certificate(forged, now=now)


def test_time_stamping_certificate_has_the_critical_tsa_usage(
    member_ca: CertificateAuthority, now: datetime
) -> None:
    csr = build_csr(ACME, generate_signing_key())
    cert = member_ca.issue_certificate(csr, now=now, time_stamping=True)
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert eku.critical and list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]


def test_issue_credentials_bundles_the_chain(
    member_ca: CertificateAuthority, now: datetime
) -> None:
    credentials = member_ca.issue_credentials(ACME, now=now)
    assert credentials.chain == (member_ca.certificate,)
    assert credentials.identity == ACME
