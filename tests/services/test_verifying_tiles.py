"""NetworkOnlineChecker reading a log from its tlog-tiles: news found from the tiles alone,
and tiles that lag behind a receipt read as "no news yet", never as a rewritten history."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from exporter_desk.notary.local import LocalNetwork
from exporter_desk.notary.log import LogSettings
from exporter_desk.notary.tile_sinks import DirectorySink
from exporter_desk.services.verifying import NetworkOnlineChecker
from exporter_desk.trustnet import Checkpoint, checkpoint_body, merkle, parse_proof, verify_receipt
from exporter_desk.trustnet.client import NetworkUnavailableError
from exporter_desk.trustnet.tiles import DirectoryTileFetcher, TileReader, TileUnavailableError
from tests.notary.helpers import Member, entry_bytes, new_key_and_csr


def _member(net: LocalNetwork) -> Member:
    key, csr = new_key_and_csr()
    enrolment = net.enrol("Verifying Trading Ltd", "REG-V", csr)
    return Member(key, enrolment.fingerprint, enrolment.api_token, enrolment.certificate_pem)


def _published_size(reader: TileReader) -> int:
    try:
        return Checkpoint.parse(checkpoint_body(reader.checkpoint())).size
    except TileUnavailableError:
        return -1


def _wait_for_tiles(reader: TileReader, size: int) -> None:
    deadline = time.monotonic() + 15
    while _published_size(reader) < size and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _published_size(reader) >= size


@pytest.fixture
def tiled(tmp_path: Path) -> Iterator[tuple[LocalNetwork, TileReader]]:
    settings = LogSettings(tiles=DirectorySink(tmp_path / "tiles"), tiles_interval=0.05)
    with LocalNetwork(tmp_path / "net", origin="verifying.test/log", settings=settings) as net:
        yield net, TileReader(DirectoryTileFetcher(tmp_path / "tiles"))


def test_superseding_entry_is_found_from_the_tiles_alone(
    tiled: tuple[LocalNetwork, TileReader],
) -> None:
    net, reader = tiled
    member = _member(net)
    first = entry_bytes(member, "INV-1", b"first version")
    receipt = parse_proof(net.submit(first, member.token))
    for n in range(20):  # other registrations in between
        net.submit(entry_bytes(member, f"OTHER-{n}", b"other %d" % n), member.token)
    replacement = entry_bytes(
        member, "INV-1", b"second version", supersedes=merkle.leaf_hash(first).hex()
    )
    replaced = parse_proof(net.submit(replacement, member.token))
    _wait_for_tiles(reader, replaced.index + 1)

    check = verify_receipt(receipt, net.descriptor)
    status = NetworkOnlineChecker({}, tiles=[reader]).fetch_status(net.descriptor, check)
    assert status.superseded_by is not None
    assert status.superseded_by.index == replaced.index
    assert status.superseded_by.extra == replacement
    assert status.revocation is None
    latest = Checkpoint.parse(checkpoint_body(status.checkpoint))
    merkle.verify_consistency(
        check.checkpoint.size,
        latest.size,
        status.consistency_proof,
        check.checkpoint.root_hash,
        latest.root_hash,
    )


def test_tiles_behind_the_receipt_mean_no_news_yet_not_a_fork(tmp_path: Path) -> None:
    settings = LogSettings(tiles=DirectorySink(tmp_path / "tiles"), tiles_interval=60)
    with LocalNetwork(tmp_path / "net", origin="lagging.test/log", settings=settings) as net:
        reader = TileReader(DirectoryTileFetcher(tmp_path / "tiles"))
        member = _member(net)
        _wait_for_tiles(reader, 1)  # the first publication; the next one is a minute away
        receipt = parse_proof(net.submit(entry_bytes(member, "INV-9", b"late"), member.token))
        check = verify_receipt(receipt, net.descriptor)
        assert _published_size(reader) < check.checkpoint.size
        with pytest.raises(NetworkUnavailableError, match="older than the receipt"):
            NetworkOnlineChecker({}, tiles=[reader]).fetch_status(net.descriptor, check)


def test_too_many_entries_to_scan_without_the_api_is_no_answer(
    tiled: tuple[LocalNetwork, TileReader],
) -> None:
    net, reader = tiled
    member = _member(net)
    receipt = parse_proof(net.submit(entry_bytes(member, "INV-2", b"doc"), member.token))
    last = parse_proof(net.submit(entry_bytes(member, "INV-3", b"doc 3"), member.token))
    _wait_for_tiles(reader, last.index + 1)
    check = verify_receipt(receipt, net.descriptor)
    checker = NetworkOnlineChecker({}, tiles=[reader], max_scan=0)
    with pytest.raises(NetworkUnavailableError, match="too many to read"):
        checker.fetch_status(net.descriptor, check)


def test_tiles_of_another_log_are_not_used_for_this_network(
    tiled: tuple[LocalNetwork, TileReader], tmp_path: Path
) -> None:
    net, _ = tiled
    member = _member(net)
    receipt = parse_proof(net.submit(entry_bytes(member, "INV-4", b"doc"), member.token))
    other_settings = LogSettings(tiles=DirectorySink(tmp_path / "other"), tiles_interval=0.05)
    with LocalNetwork(tmp_path / "other-net", origin="other.test/log", settings=other_settings):
        other = TileReader(DirectoryTileFetcher(tmp_path / "other"))
        _wait_for_tiles(other, 1)
        check = verify_receipt(receipt, net.descriptor)
        with pytest.raises(NetworkUnavailableError, match="no connection configured"):
            NetworkOnlineChecker({}, tiles=[other]).fetch_status(net.descriptor, check)
