"""The keystores: secrets round-trip, never show up where they should not, and every failure a
user meets has its own error."""

from __future__ import annotations

import base64
import json
import os
import stat
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from keyring.backends import chainer, fail, null

from exporter_desk.signing import (
    SERVICE,
    EncryptedFileKeystore,
    InvalidProfileNameError,
    KeyringAccessError,
    KeyringKeystore,
    KeyringUnavailableError,
    Keystore,
    KeystoreDamagedError,
    KeystoreWriteError,
    SecretNotFoundError,
    UnsupportedKeyTypeError,
    WeakPassphraseError,
    WrongPassphraseError,
    generate_signing_key,
    is_keyring_available,
)

PASSPHRASE = "correct horse battery staple"
FAST_N = 2**14  # the minimum the format accepts: keeps the tests fast
TOKEN = "tok_3f9a1c0d5e7b2a4c6e8f"


def key_secrets(key: ec.EllipticCurvePrivateKey) -> list[str]:
    """Textual forms of a private key that must never leak."""
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return [
        base64.b64encode(der).decode(),
        format(key.private_numbers().private_value, "x"),
        str(key.private_numbers().private_value),
        "PRIVATE KEY",
    ]


@pytest.fixture
def file_keystore(tmp_path: Path) -> EncryptedFileKeystore:
    return EncryptedFileKeystore(tmp_path / "keys.json", PASSPHRASE, scrypt_n=FAST_N)


@pytest.fixture(params=["keyring", "encrypted-file"])
def any_keystore(request: pytest.FixtureRequest, tmp_path: Path) -> Keystore:
    if request.param == "keyring":
        return KeyringKeystore()
    return EncryptedFileKeystore(tmp_path / "keys.json", PASSPHRASE, scrypt_n=FAST_N)


@pytest.fixture
def use_backend(
    memory_keyring: object,
) -> Iterator[Callable[[keyring.backend.KeyringBackend], None]]:
    def install(backend: keyring.backend.KeyringBackend) -> None:
        keyring.set_keyring(backend)

    yield install
    keyring.set_keyring(memory_keyring)  # type: ignore[arg-type]


# --- the contract, for both keystores --------------------------------------------------------


def test_both_keystores_satisfy_the_protocol(any_keystore: Keystore) -> None:
    assert isinstance(any_keystore, Keystore)


def test_signing_key_round_trips(any_keystore: Keystore) -> None:
    key = generate_signing_key()
    any_keystore.store_signing_key("acme", key)
    loaded = any_keystore.load_signing_key("acme")
    assert loaded.private_numbers() == key.private_numbers()
    assert any_keystore.has_signing_key("acme")


def test_tokens_are_per_profile_and_per_network(any_keystore: Keystore) -> None:
    any_keystore.store_token("acme", "log.example.com/exporter", TOKEN)
    any_keystore.store_token("acme", "other.example:8443", "second")
    any_keystore.store_token("beta", "log.example.com/exporter", "third")
    assert any_keystore.load_token("acme", "log.example.com/exporter") == TOKEN
    assert any_keystore.load_token("acme", "other.example:8443") == "second"
    assert any_keystore.load_token("beta", "log.example.com/exporter") == "third"


def test_store_replaces_and_delete_is_idempotent(any_keystore: Keystore) -> None:
    first, second = generate_signing_key(), generate_signing_key()
    any_keystore.store_signing_key("acme", first)
    any_keystore.store_signing_key("acme", second)
    assert any_keystore.load_signing_key("acme").private_numbers() == second.private_numbers()
    any_keystore.delete_signing_key("acme")
    any_keystore.delete_signing_key("acme")
    assert not any_keystore.has_signing_key("acme")
    any_keystore.store_token("acme", "net", TOKEN)
    any_keystore.delete_token("acme", "net")
    any_keystore.delete_token("acme", "net")


def test_missing_secrets_raise_secret_not_found(any_keystore: Keystore) -> None:
    with pytest.raises(SecretNotFoundError) as key_error:
        any_keystore.load_signing_key("nobody")
    assert "No signing key is stored" in key_error.value.user_message
    with pytest.raises(SecretNotFoundError) as token_error:
        any_keystore.load_token("nobody", "log.example.com")
    assert "access token for the network log.example.com" in token_error.value.user_message


@pytest.mark.parametrize("profile", ["", "a:b", "tab\there", " padded", "x" * 101, "nul\x00"])
def test_profile_names_that_could_collide_are_refused(any_keystore: Keystore, profile: str) -> None:
    with pytest.raises(InvalidProfileNameError) as excinfo:
        any_keystore.store_signing_key(profile, generate_signing_key())
    assert "without ':'" in excinfo.value.user_message


def test_reprs_never_show_key_material(any_keystore: Keystore) -> None:
    key = generate_signing_key()
    any_keystore.store_signing_key("acme", key)
    any_keystore.store_token("acme", "net", TOKEN)
    text = repr(any_keystore) + str(any_keystore)
    for secret in [*key_secrets(key), TOKEN]:
        assert secret not in text


# --- the OS keyring --------------------------------------------------------------------------


def test_keyring_stores_pkcs8_under_the_documented_names(memory_keyring: object) -> None:
    store = KeyringKeystore()
    key = generate_signing_key()
    store.store_signing_key("acme", key)
    store.store_token("acme", "log.example.com", TOKEN)
    secrets = memory_keyring.secrets  # type: ignore[attr-defined]
    assert set(secrets) == {
        (SERVICE, "acme:signing-key"),
        (SERVICE, "acme:token:log.example.com"),
    }
    der = base64.b64decode(secrets[(SERVICE, "acme:signing-key")])
    assert serialization.load_der_private_key(der, None).private_numbers() == (
        key.private_numbers()
    )


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring()],
    ids=["fail-backend", "null-backend"],
)
def test_headless_machine_without_keyring_is_told_about_the_fallback(
    use_backend: Callable[[keyring.backend.KeyringBackend], None],
    backend: keyring.backend.KeyringBackend,
) -> None:
    use_backend(backend)
    assert not is_keyring_available()
    with pytest.raises(KeyringUnavailableError) as excinfo:
        KeyringKeystore()
    assert "encrypted file" in excinfo.value.user_message
    assert "passphrase" in excinfo.value.user_message


def test_empty_chainer_is_unavailable_rather_than_silently_dropping_keys(
    use_backend: Callable[[keyring.backend.KeyringBackend], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    use_backend(chainer.ChainerBackend())
    with pytest.raises(KeyringUnavailableError):
        KeyringKeystore()


class _ForgetfulKeyring(keyring.backend.KeyringBackend):
    """Accepts every write and keeps nothing, like some broken backends."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        return None

    def delete_password(self, service: str, username: str) -> None:
        return None


class _LockedKeyring(_ForgetfulKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")


class _VanishedKeyring(_ForgetfulKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.NoKeyringError("gone")


def test_backend_that_drops_writes_is_reported_not_trusted(
    use_backend: Callable[[keyring.backend.KeyringBackend], None],
) -> None:
    use_backend(_ForgetfulKeyring())
    with pytest.raises(KeyringAccessError) as excinfo:
        KeyringKeystore().store_signing_key("acme", generate_signing_key())
    assert "Unlock the keyring" in excinfo.value.user_message


def test_locked_keyring_is_an_access_error(
    use_backend: Callable[[keyring.backend.KeyringBackend], None],
) -> None:
    use_backend(_LockedKeyring())
    with pytest.raises(KeyringAccessError):
        KeyringKeystore().load_signing_key("acme")


def test_keyring_disappearing_mid_session_is_unavailable(
    use_backend: Callable[[keyring.backend.KeyringBackend], None],
) -> None:
    use_backend(_VanishedKeyring())
    with pytest.raises(KeyringUnavailableError):
        KeyringKeystore().load_token("acme", "net")


def test_damaged_stored_key_is_reported(memory_keyring: object) -> None:
    memory_keyring.secrets[(SERVICE, "acme:signing-key")] = "not base64!"  # type: ignore[attr-defined]
    with pytest.raises(KeystoreDamagedError) as excinfo:
        KeyringKeystore().load_signing_key("acme")
    assert "damaged" in excinfo.value.user_message


def test_stored_rsa_key_is_refused(memory_keyring: object) -> None:
    rsa_key = rsa.generate_private_key(65537, 2048)
    der = rsa_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    memory_keyring.secrets[(SERVICE, "acme:signing-key")] = base64.b64encode(der).decode()  # type: ignore[attr-defined]
    with pytest.raises(UnsupportedKeyTypeError) as excinfo:
        KeyringKeystore().load_signing_key("acme")
    assert "ECDSA P-256" in excinfo.value.user_message


# --- the encrypted file ----------------------------------------------------------------------


def test_encrypted_file_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    key = generate_signing_key()
    writer = EncryptedFileKeystore(path, PASSPHRASE, scrypt_n=FAST_N)
    writer.store_signing_key("acme", key)
    writer.store_token("acme", "net", TOKEN)
    reader = EncryptedFileKeystore(path, PASSPHRASE)
    assert reader.load_signing_key("acme").private_numbers() == key.private_numbers()
    assert reader.load_token("acme", "net") == TOKEN


def test_encrypted_file_holds_no_plaintext_secret(file_keystore: EncryptedFileKeystore) -> None:
    key = generate_signing_key()
    file_keystore.store_signing_key("acme", key)
    file_keystore.store_token("acme", "net", TOKEN)
    raw = file_keystore.path.read_text("utf-8")
    for secret in [*key_secrets(key), TOKEN, "BEGIN", "signing-key"]:
        assert secret not in raw
    doc = json.loads(raw)
    assert doc["format"] == "exporter-desk-keystore"
    assert doc["version"] == 1
    assert doc["kdf"]["name"] == "scrypt"
    assert doc["cipher"]["name"] == "AES-256-GCM"
    assert len(base64.b64decode(doc["kdf"]["salt"])) == 16
    assert len(base64.b64decode(doc["cipher"]["nonce"])) == 12


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_encrypted_file_is_private_to_the_user(file_keystore: EncryptedFileKeystore) -> None:
    file_keystore.store_token("acme", "net", TOKEN)
    assert stat.S_IMODE(file_keystore.path.stat().st_mode) == 0o600


def test_every_write_uses_a_fresh_nonce(file_keystore: EncryptedFileKeystore) -> None:
    file_keystore.store_token("acme", "net", TOKEN)
    first = json.loads(file_keystore.path.read_text())["cipher"]["nonce"]
    file_keystore.store_token("acme", "net", TOKEN)
    assert json.loads(file_keystore.path.read_text())["cipher"]["nonce"] != first


def test_wrong_passphrase_is_refused_at_open(file_keystore: EncryptedFileKeystore) -> None:
    file_keystore.store_token("acme", "net", TOKEN)
    with pytest.raises(WrongPassphraseError) as excinfo:
        EncryptedFileKeystore(file_keystore.path, "Correct horse battery staple")
    assert "passphrase is not correct" in excinfo.value.user_message
    assert TOKEN not in str(excinfo.value)


def test_weakened_kdf_parameters_fail_like_a_wrong_passphrase(
    file_keystore: EncryptedFileKeystore,
) -> None:
    file_keystore.store_token("acme", "net", TOKEN)
    doc = json.loads(file_keystore.path.read_text())
    doc["kdf"]["n"] = 2**15  # authenticated as associated data: any edit breaks decryption
    file_keystore.path.write_text(json.dumps(doc))
    with pytest.raises(WrongPassphraseError):
        EncryptedFileKeystore(file_keystore.path, PASSPHRASE)


def test_hostile_kdf_parameters_are_refused_before_deriving(
    file_keystore: EncryptedFileKeystore,
) -> None:
    file_keystore.store_token("acme", "net", TOKEN)
    doc = json.loads(file_keystore.path.read_text())
    doc["kdf"]["n"] = 2**30  # 128 GiB of scrypt memory
    file_keystore.path.write_text(json.dumps(doc))
    with pytest.raises(KeystoreDamagedError):
        EncryptedFileKeystore(file_keystore.path, PASSPHRASE)


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"[]", b'{"format": "other"}', b"\xff\xfe"],
    ids=["empty", "not-json", "not-object", "other-format", "not-utf8"],
)
def test_unreadable_keystore_file_is_damaged(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "keys.json"
    path.write_bytes(content)
    with pytest.raises(KeystoreDamagedError) as excinfo:
        EncryptedFileKeystore(path, PASSPHRASE)
    assert "Restore it from your backup" in excinfo.value.user_message


def test_newer_format_version_is_refused(file_keystore: EncryptedFileKeystore) -> None:
    file_keystore.store_token("acme", "net", TOKEN)
    doc = json.loads(file_keystore.path.read_text())
    doc["version"] = 2
    file_keystore.path.write_text(json.dumps(doc))
    with pytest.raises(KeystoreDamagedError, match="unsupported keystore version 2"):
        EncryptedFileKeystore(file_keystore.path, PASSPHRASE)


def test_new_file_needs_a_real_passphrase(tmp_path: Path) -> None:
    with pytest.raises(WeakPassphraseError) as excinfo:
        EncryptedFileKeystore(tmp_path / "keys.json", "short")
    assert "at least 8 characters" in excinfo.value.user_message


def test_passphrase_unicode_form_does_not_matter(tmp_path: Path) -> None:
    composed = unicodedata.normalize("NFC", "clé secrète ü")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    store = EncryptedFileKeystore(tmp_path / "keys.json", composed, scrypt_n=FAST_N)
    store.store_token("acme", "net", TOKEN)
    assert EncryptedFileKeystore(store.path, decomposed).load_token("acme", "net") == TOKEN


def test_changed_passphrase_replaces_the_old_one(file_keystore: EncryptedFileKeystore) -> None:
    file_keystore.store_token("acme", "net", TOKEN)
    file_keystore.change_passphrase("a brand new passphrase")
    with pytest.raises(WrongPassphraseError):
        EncryptedFileKeystore(file_keystore.path, PASSPHRASE)
    reopened = EncryptedFileKeystore(file_keystore.path, "a brand new passphrase")
    assert reopened.load_token("acme", "net") == TOKEN


def test_unwritable_location_is_a_write_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    store = EncryptedFileKeystore(blocker / "keys.json", PASSPHRASE, scrypt_n=FAST_N)
    with pytest.raises(KeystoreWriteError) as excinfo:
        store.store_token("acme", "net", TOKEN)
    assert "could not be saved" in excinfo.value.user_message
