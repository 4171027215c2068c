"""Whose documents these are: the company and its signing identity, or a message saying what to set up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from exporter_desk.services.demo import seed_demo
from exporter_desk.services.identity import (
    NoCompanyError,
    NoSigningIdentityError,
    company_party,
    load_credentials,
)
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import Store, database_path, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(database_path(tmp_path))
    yield opened
    opened.close()


def test_a_new_data_folder_has_no_company_and_says_where_to_set_it_up(store: Store) -> None:
    with pytest.raises(NoCompanyError) as caught:
        company_party(store)
    assert caught.value.user_message.startswith("Set up your company first (Settings > Company)")


def test_without_a_key_there_are_no_credentials_and_the_message_says_how_to_get_one(
    store: Store,
) -> None:
    seed_demo(store)
    assert company_party(store).name_en  # the company exists; only the key is missing
    with pytest.raises(NoSigningIdentityError) as caught:
        load_credentials(store, KeyringKeystore(), profile="nobody-signed-here")
    assert "There is no signing key yet" in caught.value.user_message
    assert "Settings > Keys and certificates" in caught.value.user_message
