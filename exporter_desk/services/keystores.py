"""Choosing where secrets live: the OS keyring, or (where there is none) an encrypted file.

The fallback is never silent and never plaintext: without a keyring the user must give a
passphrase, which protects ``<data>/keys.enc`` (scrypt + AES-256-GCM, see
:class:`~exporter_desk.signing.EncryptedFileKeystore`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from exporter_desk.signing import (
    EncryptedFileKeystore,
    KeyringKeystore,
    Keystore,
    KeystoreError,
    is_keyring_available,
)

__all__ = ["KEY_FILE", "PassphraseNeededError", "open_keystore"]


class PassphraseNeededError(KeystoreError):
    """Secrets must go to an encrypted file here, and no passphrase was given."""


KEY_FILE = "keys.enc"


def open_keystore(data_dir: Path, passphrase: Callable[[], str | None] | None = None) -> Keystore:
    """The OS keyring when it works; else the encrypted key file, opened with ``passphrase()``.

    An existing key file is used even when a keyring exists, so keys do not silently move.

    Raises:
        PassphraseNeededError: no keyring and no passphrase given (the message explains).
        WrongPassphraseError / WeakPassphraseError: the passphrase does not fit the file.
    """
    key_file = data_dir / KEY_FILE
    if not key_file.exists() and is_keyring_available():
        return KeyringKeystore()
    secret = passphrase() if passphrase is not None else None
    if not secret:
        if key_file.exists():
            raise PassphraseNeededError(
                f"{key_file} needs its passphrase",
                user_message=f"Your keys are in the encrypted file {key_file}; enter its "
                "passphrase (scripts set EXPORTER_DESK_PASSPHRASE).",
            )
        raise PassphraseNeededError(
            "no usable OS keyring and no passphrase",
            user_message="This computer has no system keyring to keep the company's signing key "
            "safe (usual on Linux without a desktop session). Exporter Desk can keep the key in "
            f"a file encrypted with a passphrase instead ({key_file}): give one when asked, or "
            "set EXPORTER_DESK_PASSPHRASE (at least 8 characters) for scripts.",
        )
    return EncryptedFileKeystore(key_file, secret)
