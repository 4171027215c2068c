"""Keys in the OS keyring, certificates (self-signed, CA-issued, PKCS#12), PAdES signing with
pyHanko and the visible company seal. Imports nothing of ours but ``exporter_desk.errors``.

The PDF half (``sign_pdf`` and friends) loads pyHanko, which takes most of a second: it is
imported on first use, so that importing this package stays cheap for the app's cold start.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from exporter_desk.signing.certificates import (
    DEFAULT_VALIDITY,
    CompanyIdentity,
    SigningCredentials,
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
from exporter_desk.signing.errors import (
    CertificateKeyMismatchError,
    CertificateParseError,
    CredentialError,
    DocumentAlreadySignedError,
    EmbeddedFileExistsError,
    InvalidCompanyIdentityError,
    InvalidCsrError,
    InvalidProfileNameError,
    KeyringAccessError,
    KeyringUnavailableError,
    KeystoreDamagedError,
    KeystoreError,
    KeystoreWriteError,
    NotPkcs12Error,
    PdfSigningError,
    PdfUpdateError,
    Pkcs12MissingCertificateError,
    Pkcs12MissingKeyError,
    Pkcs12PasswordError,
    SealAppearanceError,
    SecretNotFoundError,
    TimestampError,
    UnreadablePdfError,
    UnsupportedKeyTypeError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from exporter_desk.signing.keystore import (
    MIN_PASSPHRASE,
    SERVICE,
    EncryptedFileKeystore,
    KeyringKeystore,
    Keystore,
    is_keyring_available,
)
from exporter_desk.signing.pki import DEFAULT_CA_VALIDITY, CertificateAuthority

if TYPE_CHECKING:
    from exporter_desk.signing.pades import (
        AFRelationship,
        SealAppearance,
        check_seal_png,
        embed_associated_file,
        read_embedded_files,
        sign_pdf,
    )

_LAZY_PADES = frozenset(
    {
        "AFRelationship",
        "SealAppearance",
        "check_seal_png",
        "embed_associated_file",
        "read_embedded_files",
        "sign_pdf",
    }
)


def __getattr__(name: str) -> Any:
    if name in _LAZY_PADES:
        return getattr(importlib.import_module("exporter_desk.signing.pades"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_CA_VALIDITY",
    "DEFAULT_VALIDITY",
    "MIN_PASSPHRASE",
    "SERVICE",
    "AFRelationship",
    "CertificateAuthority",
    "CertificateKeyMismatchError",
    "CertificateParseError",
    "CompanyIdentity",
    "CredentialError",
    "DocumentAlreadySignedError",
    "EmbeddedFileExistsError",
    "EncryptedFileKeystore",
    "InvalidCompanyIdentityError",
    "InvalidCsrError",
    "InvalidProfileNameError",
    "KeyringAccessError",
    "KeyringKeystore",
    "KeyringUnavailableError",
    "Keystore",
    "KeystoreDamagedError",
    "KeystoreError",
    "KeystoreWriteError",
    "NotPkcs12Error",
    "PdfSigningError",
    "PdfUpdateError",
    "Pkcs12MissingCertificateError",
    "Pkcs12MissingKeyError",
    "Pkcs12PasswordError",
    "SealAppearance",
    "SealAppearanceError",
    "SecretNotFoundError",
    "SigningCredentials",
    "TimestampError",
    "UnreadablePdfError",
    "UnsupportedKeyTypeError",
    "WeakPassphraseError",
    "WrongPassphraseError",
    "build_csr",
    "check_seal_png",
    "compute_certificate_fingerprint",
    "create_self_signed_certificate",
    "embed_associated_file",
    "export_certificate_der",
    "export_certificate_pem",
    "export_pkcs12",
    "generate_signing_key",
    "import_pkcs12",
    "is_keyring_available",
    "load_certificate",
    "load_certificates_pem",
    "load_csr",
    "read_embedded_files",
    "sign_pdf",
]
