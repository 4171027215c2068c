"""Sharing the local network: a counterparty on a fresh install who imports the exported file
verifies our documents as AUTHENTIC; before that, UNTRUSTED ISSUER, quietly."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from exporter_desk.domain import DocumentKind
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.sharing import (
    NetworkExportError,
    NoNetworkYetError,
    compute_qr_modules,
    export_network,
    network_share,
)
from exporter_desk.services.trust import (
    describe_descriptor,
    load_trust,
    pin_network,
    read_descriptor_file,
)
from exporter_desk.services.verifying import verify_file
from exporter_desk.store import database_path, open_store
from exporter_desk.verify import Result

from .conftest import Desk

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _issue_time_now() -> None:
    """Read the issue time when each test starts: read once at collection, it can be older than
    the member certificate the fixture enrols minutes later in a long run."""
    global NOW
    NOW = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)


def test_the_exported_local_network_lets_a_fresh_install_verify_our_documents(
    desk: Desk, tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a terminal with logging not configured (the CLI): no handler but the last resort.
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    doc = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=NOW,
    )
    share = network_share(desk.data_dir, desk.store)
    assert share.is_local and share.descriptor.origin == desk.network.descriptor.origin
    exported = export_network(share, tmp_path / "out" / share.file_name)

    counterparty = tmp_path / "counterparty"
    capfd.readouterr()
    before = verify_file(Path(doc.path), load_trust(counterparty))
    assert before.result is Result.UNTRUSTED_ISSUER
    assert "Traceback" not in capfd.readouterr().err  # the library's log stays off the terminal

    descriptor = read_descriptor_file(exported)
    assert f"Fingerprint: {share.fingerprint}" in describe_descriptor(descriptor)
    pin_network(counterparty, descriptor)
    after = verify_file(Path(doc.path), load_trust(counterparty))
    assert after.result is Result.AUTHENTIC, after.headline_en


def test_the_fingerprint_is_short_and_its_qr_code_is_square(desk: Desk) -> None:
    share = network_share(desk.data_dir, desk.store)
    groups = share.fingerprint.split(" ")
    assert len(groups) == 5 and all(len(g) == 4 for g in groups)
    assert share.fingerprint.replace(" ", "") in share.qr_text
    modules = compute_qr_modules(share.qr_text)
    assert len(modules) >= 21 and all(len(row) == len(modules) for row in modules)


def test_a_data_folder_without_a_network_says_what_to_do(tmp_path: Path) -> None:
    with open_store(database_path(tmp_path)) as store, pytest.raises(NoNetworkYetError) as raised:
        network_share(tmp_path, store)
    assert "setup assistant" in raised.value.user_message


def test_a_network_file_that_cannot_be_written_says_where_and_why(
    desk: Desk, tmp_path: Path
) -> None:
    share = network_share(desk.data_dir, desk.store)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    target = blocker / "network.json"
    with pytest.raises(NetworkExportError) as raised:
        export_network(share, target)
    assert raised.value.user_message.startswith(
        f"The network file could not be saved to {target}: "
    )
    assert blocker.read_text() == "a file where the folder should be"
