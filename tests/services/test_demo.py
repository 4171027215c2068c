"""The demo fills an empty data folder only."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporter_desk.services.demo import DataFolderNotEmptyError, seed_demo
from exporter_desk.store import database_path, open_store


def test_seeding_a_folder_that_has_data_is_refused_and_adds_nothing(tmp_path: Path) -> None:
    store = open_store(database_path(tmp_path))
    try:
        seed_demo(store)
        parties = store.parties.count()
        with pytest.raises(DataFolderNotEmptyError) as caught:
            seed_demo(store)
        assert caught.value.user_message == (
            "This data folder already has data; the demo only fills an empty one. "
            "Choose a new folder with --data DIR."
        )
        assert store.parties.count() == parties
    finally:
        store.close()
