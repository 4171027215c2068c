"""A real data folder: a migrated SQLite store with the demo company, and its local network."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from exporter_desk.services.demo import seed_demo
from exporter_desk.services.network import Connection, open_local_network
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import Store, database_path, open_store


@dataclass
class Desk:
    data_dir: Path
    store: Store
    keystore: KeyringKeystore
    network: Connection


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    store = open_store(database_path(tmp_path))
    seed_demo(store)
    keystore = KeyringKeystore()
    network = open_local_network(tmp_path, store, keystore)
    yield Desk(tmp_path, store, keystore, network)
    network.close()
    store.close()
