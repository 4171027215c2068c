"""The errors of the signing package: one type per failure a person must understand.

``str(error)`` is technical (for logs, never a secret in it); ``user_message`` says what happened
and what to do.
"""

from __future__ import annotations

from exporter_desk.errors import ExporterError

__all__ = [
    "CertificateKeyMismatchError",
    "CertificateParseError",
    "CredentialError",
    "DocumentAlreadySignedError",
    "EmbeddedFileExistsError",
    "InvalidCompanyIdentityError",
    "InvalidCsrError",
    "InvalidProfileNameError",
    "KeyringAccessError",
    "KeyringUnavailableError",
    "KeystoreDamagedError",
    "KeystoreError",
    "KeystoreWriteError",
    "NotPkcs12Error",
    "PdfSigningError",
    "PdfUpdateError",
    "Pkcs12MissingCertificateError",
    "Pkcs12MissingKeyError",
    "Pkcs12PasswordError",
    "SealAppearanceError",
    "SecretNotFoundError",
    "TimestampError",
    "UnreadablePdfError",
    "UnsupportedKeyTypeError",
    "WeakPassphraseError",
    "WrongPassphraseError",
]


# --- keys and tokens -------------------------------------------------------------------------


class KeystoreError(ExporterError):
    """A secret could not be stored or read."""


class KeyringUnavailableError(KeystoreError):
    """No usable OS keyring backend (e.g. headless Linux without a Secret Service)."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "This computer has no system keyring that Exporter Desk can use to keep the "
                "company's signing key safe (this is usual on Linux without a desktop session). "
                "Choose Settings > Security > 'Keep keys in an encrypted file' and pick a "
                "passphrase: the key is then stored in a file encrypted with that passphrase."
            ),
        )


class KeyringAccessError(KeystoreError):
    """The keyring exists but refused the operation (locked, access denied, silently ignored)."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The system keyring refused access to Exporter Desk's secrets. Unlock the "
                "keyring (or allow access when the system asks) and try again."
            ),
        )


class SecretNotFoundError(KeystoreError):
    """The keystore holds no secret under the requested name."""

    def __init__(self, message: str, *, what: str) -> None:
        super().__init__(
            message,
            user_message=(
                f"No {what} is stored for this company profile on this computer. Create or "
                "import one in Settings, or restore it from your backup."
            ),
        )


class WrongPassphraseError(KeystoreError):
    """The encrypted key file did not decrypt: wrong passphrase (or a tampered file)."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The passphrase is not correct for this encrypted key file. Check the keyboard "
                "layout and Caps Lock, and try again."
            ),
        )


class KeystoreDamagedError(KeystoreError):
    """A stored secret or the encrypted key file is unreadable or of an unknown version."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The stored signing key or the encrypted key file is damaged, or was written by "
                "a newer version of Exporter Desk. Restore it from your backup or update the app."
            ),
        )


class KeystoreWriteError(KeystoreError):
    """The encrypted key file could not be written (permissions, disk full)."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The encrypted key file could not be saved. Check that the disk is not full "
                "and that you may write to the app's data folder, then try again."
            ),
        )


class WeakPassphraseError(KeystoreError):
    """A new encrypted key file needs a passphrase of at least the minimum length."""

    def __init__(self, message: str, *, minimum: int) -> None:
        super().__init__(
            message,
            user_message=(
                f"Choose a passphrase of at least {minimum} characters to protect the "
                "company's signing key. Without it, nobody can recover the key: keep it safe."
            ),
        )


class InvalidProfileNameError(KeystoreError):
    """A profile name that cannot name a secret (empty, too long, ':' or control characters)."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The company profile name cannot be used: it must be 1 to 100 characters "
                "without ':' or control characters."
            ),
        )


# --- certificates ----------------------------------------------------------------------------


class CredentialError(ExporterError):
    """A certificate, key or PKCS#12 file cannot be used for signing."""


class NotPkcs12Error(CredentialError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "This file is not a PKCS#12 certificate file (.p12 or .pfx). Export your "
                "certificate from your certificate authority's tool as .p12/.pfx with its "
                "private key, then import that file."
            ),
        )


class Pkcs12PasswordError(CredentialError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The password of this .p12/.pfx file is not correct. Use the password chosen "
                "when the file was exported."
            ),
        )


class Pkcs12MissingKeyError(CredentialError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "This .p12/.pfx file holds a certificate but no private key, so it cannot sign. "
                "Export it again with the private key included."
            ),
        )


class Pkcs12MissingCertificateError(CredentialError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "This .p12/.pfx file holds a private key but not its certificate. Export it "
                "again with the certificate included."
            ),
        )


class UnsupportedKeyTypeError(CredentialError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "This certificate uses a key type Exporter Desk does not sign with. Only "
                "ECDSA P-256 (prime256v1) keys are supported: ask your certificate authority "
                "for an ECDSA P-256 certificate."
            ),
        )


class CertificateKeyMismatchError(CredentialError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The certificate does not belong to this private key. Import the certificate "
                "that was issued for this key."
            ),
        )


class CertificateParseError(CredentialError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message="This file is not a readable X.509 certificate (PEM or DER).",
        )


class InvalidCompanyIdentityError(CredentialError):
    """The company's name, country or registration id cannot go into a certificate."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The company details cannot be put into a certificate: the name must be 1 to 64 "
                "characters, the country a two-letter ISO code such as CN, and the registration "
                "number (e.g. the unified social credit code) 1 to 64 letters and digits."
            ),
        )


class InvalidCsrError(CredentialError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The certificate request is not valid (unreadable, wrongly signed, or not an "
                "ECDSA P-256 key), so no certificate was issued."
            ),
        )


# --- PDF signing -----------------------------------------------------------------------------


class PdfSigningError(ExporterError):
    """A PDF could not be signed or have a file attached."""


class UnreadablePdfError(PdfSigningError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The document is not a PDF that Exporter Desk can sign (it is damaged, "
                "encrypted, or not a PDF)."
            ),
        )


class DocumentAlreadySignedError(PdfSigningError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The document is already signed, and changing it now would break that "
                "signature. Issue it again from the start instead."
            ),
        )


class EmbeddedFileExistsError(PdfSigningError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The document already carries an attached file of this name; it was not "
                "attached twice."
            ),
        )


class SealAppearanceError(PdfSigningError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The visible company seal cannot be placed: check that the seal image is a PNG "
                "file and that the seal box lies on an existing page."
            ),
        )


class TimestampError(PdfSigningError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The time-stamping service could not be reached or gave an invalid answer, so "
                "the document was not signed. Try again later, or sign without a time stamp."
            ),
        )


class PdfUpdateError(PdfSigningError):
    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The document could not be signed or changed. The details have been logged; "
                "please report them if this happens again."
            ),
        )
