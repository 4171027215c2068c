"""Where the company's signing key and API tokens live: the OS keyring, or an encrypted file.

Secrets never go to SQLite or a plain file, and never into a log line, an exception text or a
``repr``. Both keystores name secrets the same way, under the service ``exporter-desk``:
``"{profile}:signing-key"`` and ``"{profile}:token:{network_origin}"``.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import threading
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final, Protocol, runtime_checkable

import keyring
import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from exporter_desk._atomic import write_atomically
from exporter_desk.signing._keys import format_private_key, parse_private_key
from exporter_desk.signing.errors import (
    InvalidProfileNameError,
    KeyringAccessError,
    KeyringUnavailableError,
    KeystoreDamagedError,
    KeystoreWriteError,
    SecretNotFoundError,
    WeakPassphraseError,
    WrongPassphraseError,
)

__all__ = [
    "SERVICE",
    "EncryptedFileKeystore",
    "KeyringKeystore",
    "Keystore",
    "is_keyring_available",
]

SERVICE: Final = "exporter-desk"
_MAX_PROFILE_LEN: Final = 100
_MAX_ORIGIN_LEN: Final = 255


@runtime_checkable
class Keystore(Protocol):
    """A store of one machine's secrets, per company profile.

    Contract, for every implementation:
    - ``load_*`` returns exactly what ``store_*`` was given, or raises ``SecretNotFoundError``;
    - ``store_*`` replaces any previous value; ``delete_*`` of an absent secret does nothing;
    - a profile name is 1-100 characters without ``:`` or control characters, else
      ``InvalidProfileNameError``;
    - nothing secret appears in ``repr()``, ``str()`` of an error, or a log line.
    """

    def store_signing_key(self, profile: str, key: ec.EllipticCurvePrivateKey) -> None: ...

    def load_signing_key(self, profile: str) -> ec.EllipticCurvePrivateKey: ...

    def has_signing_key(self, profile: str) -> bool: ...

    def delete_signing_key(self, profile: str) -> None: ...

    def store_token(self, profile: str, network_origin: str, token: str) -> None: ...

    def load_token(self, profile: str, network_origin: str) -> str: ...

    def delete_token(self, profile: str, network_origin: str) -> None: ...


def _has_control_chars(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text)


def _key_username(profile: str) -> str:
    if (
        not profile
        or len(profile) > _MAX_PROFILE_LEN
        or ":" in profile
        or _has_control_chars(profile)
        or profile != profile.strip()
    ):
        raise InvalidProfileNameError(f"invalid profile name {profile!r}")
    return f"{profile}:signing-key"


def _token_username(profile: str, network_origin: str) -> str:
    prefix = _key_username(profile).removesuffix("signing-key")
    if (
        not network_origin
        or len(network_origin) > _MAX_ORIGIN_LEN
        or _has_control_chars(network_origin)
    ):
        # A programming error: origins come from pinned network descriptors, not from typing.
        raise ValueError(f"invalid network origin {network_origin!r}")
    return f"{prefix}token:{network_origin}"


class _SecretStoreKeystore(ABC):
    """The Keystore methods over three primitives on ``username -> secret string``."""

    __slots__ = ()

    @abstractmethod
    def _get(self, username: str) -> str | None: ...

    @abstractmethod
    def _set(self, username: str, secret: str) -> None: ...

    @abstractmethod
    def _delete(self, username: str) -> None: ...

    def store_signing_key(self, profile: str, key: ec.EllipticCurvePrivateKey) -> None:
        self._set(_key_username(profile), format_private_key(key))

    def load_signing_key(self, profile: str) -> ec.EllipticCurvePrivateKey:
        """Raises: SecretNotFoundError, KeystoreDamagedError, UnsupportedKeyTypeError."""
        text = self._get(_key_username(profile))
        if text is None:
            raise SecretNotFoundError(f"no signing key for profile {profile!r}", what="signing key")
        return parse_private_key(text)

    def has_signing_key(self, profile: str) -> bool:
        return self._get(_key_username(profile)) is not None

    def delete_signing_key(self, profile: str) -> None:
        self._delete(_key_username(profile))

    def store_token(self, profile: str, network_origin: str, token: str) -> None:
        if not token:
            raise ValueError("an API token cannot be empty")
        self._set(_token_username(profile, network_origin), token)

    def load_token(self, profile: str, network_origin: str) -> str:
        """Raises: SecretNotFoundError."""
        token = self._get(_token_username(profile, network_origin))
        if token is None:
            raise SecretNotFoundError(
                f"no API token for profile {profile!r} on network {network_origin!r}",
                what=f"access token for the network {network_origin}",
            )
        return token

    def delete_token(self, profile: str, network_origin: str) -> None:
        self._delete(_token_username(profile, network_origin))


# --- the OS keyring --------------------------------------------------------------------------


def _unusable_reason(backend: KeyringBackend) -> str | None:
    """Why a keyring backend cannot hold our secrets, or None when it can."""
    if isinstance(backend, fail.Keyring | null.Keyring):
        return f"keyring backend {type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, chainer.ChainerBackend):
        # An empty chainer accepts set_password and silently drops the secret.
        if not any(_unusable_reason(b) is None for b in backend.backends):
            return "keyring chainer backend with no usable backend to chain"
        return None
    if type(backend).__module__.startswith("keyrings.alt"):
        # keyrings.alt keeps secrets in plain or weakly protected files, or prompts on a TTY.
        return f"keyring backend {type(backend).__module__} is not a system keyring"
    return None


def is_keyring_available() -> bool:
    """True when the current OS keyring backend can hold secrets."""
    return _unusable_reason(keyring.get_keyring()) is None


class KeyringKeystore(_SecretStoreKeystore):
    """Secrets in the OS keyring (Windows Credential Manager, macOS Keychain, Secret Service).

    The constructor fails fast with ``KeyringUnavailableError`` when there is no usable backend.
    """

    __slots__ = ("_service",)

    def __init__(self, *, service: str = SERVICE) -> None:
        reason = _unusable_reason(keyring.get_keyring())
        if reason is not None:
            raise KeyringUnavailableError(f"no usable OS keyring: {reason}")
        self._service = service

    def __repr__(self) -> str:
        backend = type(keyring.get_keyring())
        return f"KeyringKeystore(service={self._service!r}, backend={backend.__qualname__!r})"

    @contextlib.contextmanager
    def _translated_errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except keyring.errors.NoKeyringError as exc:
            raise KeyringUnavailableError(f"{action}: no usable OS keyring") from exc
        except keyring.errors.KeyringError as exc:
            raise KeyringAccessError(f"{action}: {type(exc).__name__}") from exc

    def _get(self, username: str) -> str | None:
        with self._translated_errors(f"reading {username!r}"):
            secret: str | None = keyring.get_password(self._service, username)
        return secret

    def _set(self, username: str, secret: str) -> None:
        with self._translated_errors(f"writing {username!r}"):
            keyring.set_password(self._service, username, secret)
            # Some backends accept a write and drop it; a key we cannot read back is lost.
            stored = keyring.get_password(self._service, username)
        if stored != secret:
            raise KeyringAccessError(f"writing {username!r}: the keyring did not keep the secret")

    def _delete(self, username: str) -> None:
        with self._translated_errors(f"deleting {username!r}"):
            if keyring.get_password(self._service, username) is None:
                return
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                keyring.delete_password(self._service, username)


# --- the encrypted-file fallback -------------------------------------------------------------

_FORMAT: Final = "exporter-desk-keystore"
_VERSION: Final = 1
MIN_PASSPHRASE: Final = 8
_DEFAULT_SCRYPT_N: Final = 2**17  # OWASP 2023: N=2^17, r=8, p=1 (128 MiB)
_MIN_SCRYPT_N: Final = 2**14
_MAX_SCRYPT_MEMORY: Final = 256 * 1024 * 1024  # a hostile file must not exhaust memory
_MAX_FILE_SIZE: Final = 1024 * 1024


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("expected a base64 string")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _normalise_passphrase(passphrase: str) -> bytes:
    # The same passphrase typed on Windows and macOS may arrive in different Unicode forms.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _check_scrypt_params(n: object, r: object, p: object) -> tuple[int, int, int]:
    if not (isinstance(n, int) and isinstance(r, int) and isinstance(p, int)):
        raise TypeError("scrypt parameters must be integers")
    if n < _MIN_SCRYPT_N or n & (n - 1) or not 1 <= r <= 32 or not 1 <= p <= 16:
        raise ValueError(f"scrypt parameters out of range: n={n} r={r} p={p}")
    if 128 * n * r * p > _MAX_SCRYPT_MEMORY:
        raise ValueError(f"scrypt parameters need too much memory: n={n} r={r} p={p}")
    return n, r, p


class EncryptedFileKeystore(_SecretStoreKeystore):
    """Secrets in one file encrypted with a passphrase, for machines without an OS keyring.

    File format (version 1), UTF-8 JSON::

        {"format": "exporter-desk-keystore", "version": 1,
         "kdf": {"name": "scrypt", "n": 131072, "r": 8, "p": 1, "salt": "<base64, 16 bytes>"},
         "cipher": {"name": "AES-256-GCM", "nonce": "<base64, 12 bytes>"},
         "ciphertext": "<base64>"}

    The AES key is scrypt(passphrase NFC UTF-8, salt); the associated data is the canonical JSON
    of ``format``, ``version`` and ``kdf``, so editing the parameters fails like a wrong
    passphrase. The plaintext is the JSON object ``{"entries": {username: secret}}``. Every
    write uses a fresh nonce and replaces the file atomically. Opening an existing file checks
    the passphrase at once (``WrongPassphraseError``).
    """

    __slots__ = ("_aes_key", "_entries", "_kdf", "_lock", "_path")

    def __init__(self, path: Path, passphrase: str, *, scrypt_n: int = _DEFAULT_SCRYPT_N) -> None:
        self._path = Path(path)
        self._lock = threading.Lock()
        self._entries: dict[str, str]
        if self._path.exists():
            self._kdf, self._aes_key, self._entries = self._open(passphrase)
        else:
            if len(passphrase) < MIN_PASSPHRASE:
                raise WeakPassphraseError(
                    f"passphrase shorter than {MIN_PASSPHRASE} characters",
                    minimum=MIN_PASSPHRASE,
                )
            self._kdf = self._new_kdf(scrypt_n)
            self._aes_key = self._derive(passphrase, self._kdf)
            self._entries = {}

    def __repr__(self) -> str:
        return f"EncryptedFileKeystore(path={str(self._path)!r})"

    @property
    def path(self) -> Path:
        return self._path

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt every secret under a new passphrase (and a new salt)."""
        if len(new_passphrase) < MIN_PASSPHRASE:
            raise WeakPassphraseError(
                f"passphrase shorter than {MIN_PASSPHRASE} characters", minimum=MIN_PASSPHRASE
            )
        with self._lock:
            kdf = self._new_kdf(int(self._kdf["n"]))
            self._kdf, self._aes_key = kdf, self._derive(new_passphrase, kdf)
            self._write(self._entries)

    # -- primitives

    def _get(self, username: str) -> str | None:
        with self._lock:
            return self._entries.get(username)

    def _set(self, username: str, secret: str) -> None:
        with self._lock:
            entries = {**self._entries, username: secret}
            self._write(entries)
            self._entries = entries

    def _delete(self, username: str) -> None:
        with self._lock:
            if username not in self._entries:
                return
            entries = {k: v for k, v in self._entries.items() if k != username}
            self._write(entries)
            self._entries = entries

    # -- the file

    @staticmethod
    def _new_kdf(n: int) -> dict[str, Any]:
        n, r, p = _check_scrypt_params(n, 8, 1)
        return {"name": "scrypt", "n": n, "r": r, "p": p, "salt": _b64(os.urandom(16))}

    @staticmethod
    def _derive(passphrase: str, kdf: dict[str, Any]) -> bytes:
        n, r, p = _check_scrypt_params(kdf["n"], kdf["r"], kdf["p"])
        return Scrypt(salt=_unb64(kdf["salt"]), length=32, n=n, r=r, p=p).derive(
            _normalise_passphrase(passphrase)
        )

    @staticmethod
    def _associated_data(kdf: dict[str, Any]) -> bytes:
        header = {"format": _FORMAT, "version": _VERSION, "kdf": kdf}
        return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def _open(self, passphrase: str) -> tuple[dict[str, Any], bytes, dict[str, str]]:
        try:
            with self._path.open("rb") as fh:
                raw = fh.read(_MAX_FILE_SIZE + 1)
        except OSError as exc:
            raise KeystoreDamagedError(f"cannot read {self._path}: {exc.strerror}") from exc
        try:
            if len(raw) > _MAX_FILE_SIZE:
                raise ValueError("file too large")
            doc = json.loads(raw.decode("utf-8"))
            if not isinstance(doc, dict) or doc.get("format") != _FORMAT:
                raise ValueError("not an Exporter Desk keystore file")
            if doc.get("version") != _VERSION:
                raise ValueError(f"unsupported keystore version {doc.get('version')!r}")
            kdf = doc["kdf"]
            cipher = doc["cipher"]
            if kdf.get("name") != "scrypt" or set(kdf) != {"name", "n", "r", "p", "salt"}:
                raise ValueError("unsupported key derivation")
            if cipher.get("name") != "AES-256-GCM":
                raise ValueError("unsupported cipher")
            _check_scrypt_params(kdf["n"], kdf["r"], kdf["p"])
            salt, nonce = _unb64(kdf["salt"]), _unb64(cipher["nonce"])
            ciphertext = _unb64(doc["ciphertext"])
            if len(salt) < 16 or len(nonce) != 12:
                raise ValueError("salt or nonce of the wrong size")
        except (ValueError, TypeError, KeyError, AttributeError, binascii.Error) as exc:
            raise KeystoreDamagedError(
                f"{self._path} is not a readable keystore: {type(exc).__name__}: {exc}"
            ) from exc

        aes_key = self._derive(passphrase, kdf)
        try:
            plaintext = AESGCM(aes_key).decrypt(nonce, ciphertext, self._associated_data(kdf))
        except InvalidTag as exc:
            raise WrongPassphraseError(
                f"{self._path} did not decrypt: wrong passphrase or a modified file"
            ) from exc
        try:
            entries = json.loads(plaintext.decode("utf-8"))["entries"]
            if not isinstance(entries, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in entries.items()
            ):
                raise TypeError("entries must map strings to strings")
        except (ValueError, TypeError, KeyError) as exc:
            # Authenticated but malformed: written by a buggy or newer writer. Not chained: the
            # decrypted text holds secrets, and a traceback must not quote any of it.
            raise KeystoreDamagedError(
                f"{self._path} decrypted to an unexpected structure ({type(exc).__name__})"
            ) from None
        return kdf, aes_key, entries

    def _write(self, entries: dict[str, str]) -> None:
        nonce = os.urandom(12)
        plaintext = json.dumps({"entries": entries}, sort_keys=True).encode("utf-8")
        ciphertext = AESGCM(self._aes_key).encrypt(
            nonce, plaintext, self._associated_data(self._kdf)
        )
        doc = {
            "format": _FORMAT,
            "version": _VERSION,
            "kdf": self._kdf,
            "cipher": {"name": "AES-256-GCM", "nonce": _b64(nonce)},
            "ciphertext": _b64(ciphertext),
        }
        data = (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("utf-8")
        try:
            write_atomically(self._path, data)
        except OSError as exc:
            raise KeystoreWriteError(f"cannot write {self._path}: {exc.strerror}") from exc
