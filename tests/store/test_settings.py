"""Company settings: plain key/value text, never secrets."""

from __future__ import annotations

import pytest

from exporter_desk.store import SecretSettingError, Store, TooLargeError


def test_settings_are_set_replaced_listed_and_deleted(store: Store) -> None:
    store.settings.set("company.party_id", "1")
    store.settings.set("invoice.number_format", "BS-CI-{year}-{seq:04d}")
    store.settings.set("company.party_id", "2")
    assert store.settings.get("company.party_id") == "2"
    assert store.settings.get("missing", "default") == "default"
    assert store.settings.all() == {
        "company.party_id": "2",
        "invoice.number_format": "BS-CI-{year}-{seq:04d}",
    }
    store.settings.delete("company.party_id")
    assert store.settings.get("company.party_id") is None


@pytest.mark.parametrize(
    "key",
    ["smtp.password", "network.api_key", "API-KEY", "signing.passphrase", "token", "card.pin"],
)
def test_secret_looking_keys_are_refused(store: Store, key: str) -> None:
    with pytest.raises(SecretSettingError) as caught:
        store.settings.set(key, "hunter2")
    assert "system keyring" in caught.value.user_message
    assert store.settings.all() == {}


def test_a_private_key_is_refused_whatever_its_key(store: Store) -> None:
    with pytest.raises(SecretSettingError):
        store.settings.set("notes", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE...")


def test_oversized_settings_are_refused(store: Store) -> None:
    with pytest.raises(TooLargeError):
        store.settings.set("company.letterhead", "x" * 10_000_000)
