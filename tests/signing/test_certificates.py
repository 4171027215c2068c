"""Certificates: the self-signed identity, CSRs, PKCS#12 import/export and fingerprints."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from exporter_desk.errors import ExporterError
from exporter_desk.signing import (
    CertificateAuthority,
    CertificateKeyMismatchError,
    CertificateParseError,
    CompanyIdentity,
    InvalidCompanyIdentityError,
    InvalidCsrError,
    NotPkcs12Error,
    Pkcs12MissingCertificateError,
    Pkcs12MissingKeyError,
    Pkcs12PasswordError,
    SigningCredentials,
    UnsupportedKeyTypeError,
    build_csr,
    compute_certificate_fingerprint,
    create_self_signed_certificate,
    export_certificate_der,
    export_certificate_pem,
    export_pkcs12,
    generate_signing_key,
    import_pkcs12,
    load_certificate,
    load_certificates_pem,
    load_csr,
)
from exporter_desk.signing import errors as signing_errors
from tests.signing.conftest import ACME

FIXED_NOW = datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)


def attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    assert len(values) == 1
    value = values[0].value
    assert isinstance(value, str)
    return value


# --- self-signed identity --------------------------------------------------------------------


def test_self_signed_certificate_names_the_company() -> None:
    key = generate_signing_key()
    cert = create_self_signed_certificate(ACME, key, now=FIXED_NOW)
    assert cert.subject == cert.issuer
    assert attr(cert.subject, NameOID.COMMON_NAME) == "ACME Trading Co., Ltd."
    assert attr(cert.subject, NameOID.ORGANIZATION_NAME) == "ACME Trading Co., Ltd."
    assert attr(cert.subject, NameOID.COUNTRY_NAME) == "CN"
    assert attr(cert.subject, NameOID.SERIAL_NUMBER) == "91310000MA1FL8KQ3X"
    cert.verify_directly_issued_by(cert)


def test_self_signed_certificate_is_for_signing_only() -> None:
    cert = create_self_signed_certificate(ACME, generate_signing_key(), now=FIXED_NOW)
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign and not usage.value.key_encipherment
    basic = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical and not basic.value.ca
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    assert x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36") in eku  # documentSigning


def test_self_signed_validity_is_three_years_from_now() -> None:
    cert = create_self_signed_certificate(ACME, generate_signing_key(), now=FIXED_NOW)
    start = FIXED_NOW.replace(microsecond=0) - timedelta(minutes=10)
    assert cert.not_valid_before_utc == start
    assert cert.not_valid_after_utc == start + timedelta(days=3 * 365)


def test_self_signed_certificate_is_deterministic_but_for_the_signature() -> None:
    key = generate_signing_key()
    first = create_self_signed_certificate(ACME, key, now=FIXED_NOW)
    second = create_self_signed_certificate(ACME, key, now=FIXED_NOW)
    assert first.tbs_certificate_bytes == second.tbs_certificate_bytes
    other_key = create_self_signed_certificate(ACME, generate_signing_key(), now=FIXED_NOW)
    assert other_key.serial_number != first.serial_number


def test_naive_clock_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        create_self_signed_certificate(ACME, generate_signing_key(), now=datetime(2025, 1, 1))


def test_chinese_company_name_round_trips() -> None:
    identity = CompanyIdentity("上海进出口贸易有限公司", "CN", "91310000MA1FL8KQ3X")
    credentials = SigningCredentials(
        key := generate_signing_key(),
        create_self_signed_certificate(identity, key, now=FIXED_NOW),
    )
    assert credentials.identity == identity


@pytest.mark.parametrize(
    ("name", "country", "registration_id"),
    [
        ("", "CN", "123"),
        ("x" * 65, "CN", "123"),
        ("ACME", "CHN", "123"),
        ("ACME", "cn", "123"),
        ("ACME", "CN", ""),
        ("ACME", "CN", "91310000*MA1"),
    ],
    ids=["empty-name", "long-name", "alpha3", "lowercase", "empty-id", "unprintable-id"],
)
def test_identity_that_cannot_be_a_certificate_subject_is_refused(
    name: str, country: str, registration_id: str
) -> None:
    with pytest.raises(InvalidCompanyIdentityError) as excinfo:
        CompanyIdentity(name, country, registration_id)
    assert "two-letter ISO code" in excinfo.value.user_message


def test_credentials_repr_hides_the_key(credentials: SigningCredentials) -> None:
    text = repr(credentials)
    assert "key=" not in text
    assert format(credentials.key.private_numbers().private_value, "x") not in text
    assert str(credentials.key.private_numbers().private_value) not in text


def test_credentials_refuse_a_certificate_for_another_key(
    credentials: SigningCredentials,
) -> None:
    with pytest.raises(CertificateKeyMismatchError) as excinfo:
        SigningCredentials(generate_signing_key(), credentials.certificate)
    assert "does not belong to this private key" in excinfo.value.user_message


# --- fingerprints and encodings --------------------------------------------------------------


def test_fingerprint_is_lowercase_hex_sha256_of_der(credentials: SigningCredentials) -> None:
    der = credentials.certificate.public_bytes(serialization.Encoding.DER)
    fingerprint = compute_certificate_fingerprint(credentials.certificate)
    assert fingerprint == hashlib.sha256(der).hexdigest()
    assert fingerprint == fingerprint.lower() and len(fingerprint) == 64
    assert credentials.fingerprint == fingerprint


def test_certificate_export_round_trips(credentials: SigningCredentials) -> None:
    cert = credentials.certificate
    pem, der = export_certificate_pem(cert), export_certificate_der(cert)
    assert pem.startswith(b"-----BEGIN CERTIFICATE-----")
    assert load_certificate(pem) == cert
    assert load_certificate(der) == cert
    assert load_certificates_pem(pem + export_certificate_pem(credentials.chain[0])) == (
        cert,
        credentials.chain[0],
    )


@pytest.mark.parametrize("data", [b"", b"hello", b"-----BEGIN CERTIFICATE-----\nxx\n"])
def test_garbage_is_not_a_certificate(data: bytes) -> None:
    with pytest.raises(CertificateParseError) as excinfo:
        load_certificate(data)
    assert "not a readable X.509 certificate" in excinfo.value.user_message


def test_empty_bundle_is_not_a_certificate_bundle() -> None:
    with pytest.raises(CertificateParseError):
        load_certificates_pem(b"no certificates here")


# --- CSRs ------------------------------------------------------------------------------------


def test_csr_carries_the_identity_and_proves_the_key() -> None:
    key = generate_signing_key()
    csr = build_csr(ACME, key)
    assert csr.is_signature_valid
    assert CompanyIdentity.from_x509_name(csr.subject) == ACME
    for encoding in (serialization.Encoding.PEM, serialization.Encoding.DER):
        loaded = load_csr(csr.public_bytes(encoding))
        assert loaded.public_key() == key.public_key()


def test_csr_with_a_forged_signature_is_refused() -> None:
    der = bytearray(
        build_csr(ACME, generate_signing_key()).public_bytes(serialization.Encoding.DER)
    )
    der[-3] ^= 0x01  # inside the ECDSA signature value
    with pytest.raises(InvalidCsrError) as excinfo:
        load_csr(bytes(der))
    assert "no certificate was issued" in excinfo.value.user_message


def test_csr_for_an_rsa_key_is_refused() -> None:
    rsa_key = rsa.generate_private_key(65537, 2048)
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(ACME.to_x509_name())
        .sign(rsa_key, hashes.SHA256())
    )
    with pytest.raises(InvalidCsrError, match="RSA"):
        load_csr(csr.public_bytes(serialization.Encoding.PEM))


def test_garbage_csr_is_refused() -> None:
    with pytest.raises(InvalidCsrError):
        load_csr(b"\x30\x03\x02\x01\x00")


# --- PKCS#12 ---------------------------------------------------------------------------------


def make_p12(
    key: object | None,
    cert: x509.Certificate | None,
    cas: list[x509.Certificate] | None,
    password: bytes | None,
) -> bytes:
    encryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return pkcs12.serialize_key_and_certificates(b"acme", key, cert, cas, encryption)  # type: ignore[arg-type]


def test_commercial_ca_pkcs12_imports_key_certificate_and_chain(
    member_ca: CertificateAuthority, now: datetime
) -> None:
    root = CertificateAuthority.create("Commercial Root", now=now)
    credentials = root.issue_credentials(ACME, now=now)
    unrelated = member_ca.certificate
    p12 = make_p12(credentials.key, credentials.certificate, [unrelated, root.certificate], b"pw")
    imported = import_pkcs12(p12, "pw")
    assert imported.certificate == credentials.certificate
    assert imported.key.private_numbers() == credentials.key.private_numbers()
    # The issuer comes first, whatever order the file used.
    assert imported.chain == (root.certificate, unrelated)


def test_pkcs12_with_the_wrong_password_is_refused(credentials: SigningCredentials) -> None:
    p12 = make_p12(credentials.key, credentials.certificate, None, b"right")
    with pytest.raises(Pkcs12PasswordError) as excinfo:
        import_pkcs12(p12, "wrong")
    assert "password of this .p12/.pfx file is not correct" in excinfo.value.user_message


def test_pkcs12_without_a_password_opens_with_an_empty_one(
    credentials: SigningCredentials,
) -> None:
    p12 = make_p12(credentials.key, credentials.certificate, None, None)
    assert import_pkcs12(p12, "").certificate == credentials.certificate


@pytest.mark.parametrize(
    "data",
    [b"", b"PK\x03\x04 a zip file", b"-----BEGIN CERTIFICATE-----\n", b"\x30\x03\x02\x01\x03"],
    ids=["empty", "zip", "pem", "truncated-der"],
)
def test_file_that_is_not_pkcs12_is_named_as_such(data: bytes) -> None:
    with pytest.raises(NotPkcs12Error) as excinfo:
        import_pkcs12(data, "pw")
    assert "not a PKCS#12 certificate file" in excinfo.value.user_message


def test_certificate_only_pkcs12_cannot_sign(credentials: SigningCredentials) -> None:
    p12 = make_p12(None, credentials.certificate, None, b"pw")
    with pytest.raises(Pkcs12MissingKeyError) as excinfo:
        import_pkcs12(p12, "pw")
    assert "no private key" in excinfo.value.user_message


def test_key_only_pkcs12_has_no_identity(credentials: SigningCredentials) -> None:
    p12 = make_p12(credentials.key, None, None, b"pw")
    with pytest.raises(Pkcs12MissingCertificateError) as excinfo:
        import_pkcs12(p12, "pw")
    assert "not its certificate" in excinfo.value.user_message


def test_rsa_pkcs12_is_an_unsupported_key_type(now: datetime) -> None:
    rsa_key = rsa.generate_private_key(65537, 2048)
    name = ACME.to_x509_name()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(rsa_key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=1))
        .sign(rsa_key, hashes.SHA256())
    )
    with pytest.raises(UnsupportedKeyTypeError) as excinfo:
        import_pkcs12(make_p12(rsa_key, cert, None, b"pw"), "pw")
    assert "Only ECDSA P-256" in excinfo.value.user_message


def test_p384_key_is_an_unsupported_key_type() -> None:
    key = ec.generate_private_key(ec.SECP384R1())
    with pytest.raises(UnsupportedKeyTypeError, match="secp384r1"):
        create_self_signed_certificate(ACME, key)  # type: ignore[arg-type]


def test_pkcs12_whose_certificate_is_for_another_key_is_refused(
    credentials: SigningCredentials,
) -> None:
    p12 = make_p12(generate_signing_key(), None, [credentials.certificate], b"pw")
    with pytest.raises(CertificateKeyMismatchError):
        import_pkcs12(p12, "pw")


def test_pkcs12_backup_round_trips(credentials: SigningCredentials) -> None:
    p12 = export_pkcs12(credentials, "backup pass", friendly_name="ACME 2025")
    restored = import_pkcs12(p12, "backup pass")
    assert restored.certificate == credentials.certificate
    assert restored.chain == credentials.chain
    assert restored.key.private_numbers() == credentials.key.private_numbers()
    with pytest.raises(Pkcs12PasswordError):
        import_pkcs12(p12, "")


# --- every error speaks to a person ----------------------------------------------------------


def test_every_signing_error_has_its_own_user_message() -> None:
    messages = {}
    for name in signing_errors.__all__:
        cls = getattr(signing_errors, name)
        assert issubclass(cls, ExporterError) and not issubclass(cls, ValueError)
        if cls.__init__ is ExporterError.__init__:
            continue  # an abstract family: raised only through its subclasses
        kwargs = {"what": "signing key"} if name == "SecretNotFoundError" else {}
        if name == "WeakPassphraseError":
            kwargs = {"minimum": 8}
        error = cls("technical detail", **kwargs)
        assert error.user_message and error.user_message != "technical detail"
        messages[name] = error.user_message
    assert len(set(messages.values())) == len(messages)
