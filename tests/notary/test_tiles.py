"""Publishing tlog-tiles: incremental, checkpoint last, nothing lost when the storage fails."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from exporter_desk.notary.local import LocalNetwork
from exporter_desk.notary.log import LogSettings
from exporter_desk.notary.tile_sinks import DirectorySink, TileSinkError
from exporter_desk.notary.tiles import TileEdge, TilePublisher, extend
from exporter_desk.trustnet import (
    Checkpoint,
    checkpoint_body,
    generate_key,
    merkle,
    parse_proof,
    sign_checkpoint,
)
from exporter_desk.trustnet.tiles import (
    CHECKPOINT_PATH,
    DirectoryTileFetcher,
    TileError,
    TileNotFoundError,
    TileReader,
)
from tests.notary.helpers import Member, entry_bytes, new_key_and_csr

ORIGIN = "tiles.test/log"
SIGNER, _ = generate_key(ORIGIN)


def note_for(entries: list[bytes]) -> str:
    return sign_checkpoint(Checkpoint(ORIGIN, len(entries), merkle.root_hash(entries)), SIGNER)


class MemorySink:
    """A sink in a dict that records the order of uploads and can be made to fail."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.order: list[str] = []
        self.fail_after: int | None = None

    def put(self, path: str, data: bytes, *, mutable: bool = False) -> None:
        if self.fail_after is not None:
            if self.fail_after == 0:
                raise TileSinkError(f"storage is down ({path})")
            self.fail_after -= 1
        self.files[path] = data
        self.order.append(path)

    def get(self, path: str) -> bytes | None:
        return self.files.get(path)

    def fetch(self, path: str) -> bytes:  # as a TileFetcher, to read back what was published
        if path not in self.files:
            raise TileNotFoundError(path)
        return self.files[path]


def reader_of(entries: list[bytes]) -> Callable[[int, int], list[bytes]]:
    return lambda start, end: entries[start:end]


@pytest.mark.parametrize("size", [1, 255, 256, 257, 65_537])
def test_root_from_written_tiles_is_the_checkpoint_root(size: int) -> None:
    entries = [hashlib.sha256(i.to_bytes(4, "big")).digest()[: i % 40] for i in range(size)]
    edge, files = extend(TileEdge.empty(), entries)
    expected = merkle.root_hash(entries)
    assert edge.root() == expected
    assert TileReader(MemorySink_from(files)).root(size) == expected


def MemorySink_from(files: dict[str, bytes]) -> MemorySink:
    sink = MemorySink()
    sink.files.update(files)
    return sink


def test_each_checkpoint_writes_only_new_files() -> None:
    entries = [os.urandom(16) for _ in range(70_000)]
    edge, first = extend(TileEdge.empty(), entries[:65_600])
    edge, second = extend(edge, entries[65_600:65_610])
    assert set(first).isdisjoint(second)
    # Ten entries change the level-0 partial tile and bundle only; levels 1 and 2 stay.
    assert sorted(second) == ["tile/0/256.p/74", "tile/entries/256.p/74"]
    edge, third = extend(edge, entries[65_610:70_000])
    assert set(first).isdisjoint(third) and set(second).isdisjoint(third)
    assert edge.root() == merkle.root_hash(entries)


def test_checkpoint_is_published_after_all_its_tiles() -> None:
    entries = [os.urandom(24) for _ in range(600)]
    sink = MemorySink()
    publisher = TilePublisher(sink, reader_of(entries))
    publisher.publish(600, note_for(entries))
    assert sink.order[-1] == CHECKPOINT_PATH
    assert sink.order.count(CHECKPOINT_PATH) == 1
    assert sink.files[CHECKPOINT_PATH].decode() == note_for(entries)
    assert TileReader(sink).root(600) == merkle.root_hash(entries)


def test_failed_upload_holds_the_checkpoint_back_and_the_next_round_catches_up() -> None:
    entries = [os.urandom(24) for _ in range(2_000)]
    sink = MemorySink()
    publisher = TilePublisher(sink, reader_of(entries))
    publisher.publish(500, note_for(entries[:500]))

    sink.fail_after = 2  # the storage goes down in the middle of the next checkpoint
    publisher.offer(1_000, note_for(entries[:1_000]))
    assert publisher.publish_pending() is False
    assert Checkpoint.parse(checkpoint_body(sink.files[CHECKPOINT_PATH].decode())).size == 500
    assert publisher.published_size == 500 and publisher.failures == 1

    publisher.offer(2_000, note_for(entries))  # the log moved on meanwhile
    sink.fail_after = None
    assert publisher.publish_pending() is True
    assert sink.files[CHECKPOINT_PATH].decode() == note_for(entries)
    reader = TileReader(sink)
    assert reader.root(2_000) == merkle.root_hash(entries)
    assert reader.entries(0, 2_000, 2_000) == entries  # nothing lost


def test_refuses_to_publish_a_checkpoint_the_entries_do_not_lead_to() -> None:
    entries = [os.urandom(24) for _ in range(300)]
    other = [*entries[:299], b"a forked last entry"]
    sink = MemorySink()
    with pytest.raises(TileError, match="lead to root"):
        TilePublisher(sink, reader_of(entries)).publish(300, note_for(other))
    assert sink.files == {}


def test_a_restarted_publisher_reads_the_edge_back_and_writes_only_what_is_new() -> None:
    entries = [os.urandom(24) for _ in range(70_000)]
    sink = MemorySink()
    TilePublisher(sink, reader_of(entries)).publish(66_000, note_for(entries[:66_000]))
    written = len(sink.order)
    read_from: list[int] = []

    def reading(start: int, end: int) -> list[bytes]:
        read_from.append(start)
        return entries[start:end]

    restarted = TilePublisher(sink, reading)
    restarted.publish(66_010, note_for(entries[:66_010]))
    assert read_from == [66_000]  # not from the start
    assert sink.order[written:] == ["tile/0/257.p/218", "tile/entries/257.p/218", CHECKPOINT_PATH]
    assert TileReader(sink).root(66_010) == merkle.root_hash(entries[:66_010])


def test_a_damaged_edge_in_storage_is_rebuilt_from_the_entries() -> None:
    entries = [os.urandom(24) for _ in range(1_000)]
    sink = MemorySink()
    TilePublisher(sink, reader_of(entries)).publish(700, note_for(entries[:700]))
    sink.files["tile/0/002.p/188"] = b"\x00" * (188 * 32)
    TilePublisher(sink, reader_of(entries)).publish(1_000, note_for(entries))
    assert TileReader(sink).root(1_000) == merkle.root_hash(entries)


def enrol_into(net: LocalNetwork) -> Member:
    key, csr = new_key_and_csr()
    enrolment = net.enrol("Tiles Trading Ltd", "REG-TILES", csr)
    return Member(key, enrolment.fingerprint, enrolment.api_token, enrolment.certificate_pem)


def test_local_network_publishes_tiles_that_prove_its_receipts(tmp_path: Path) -> None:
    tiles_dir = tmp_path / "tiles"
    settings = LogSettings(tiles=DirectorySink(tiles_dir), tiles_retry_delay=0.1)
    with LocalNetwork(tmp_path / "net", origin="local.test/tiles", settings=settings) as net:
        member = enrol_into(net)
        receipts = [
            parse_proof(
                net.submit(entry_bytes(member, f"INV-{n}", f"doc {n}".encode()), member.token)
            )
            for n in range(5)
        ]
        latest = net.checkpoint()
        deadline = time.monotonic() + 10
        reader = TileReader(DirectoryTileFetcher(tiles_dir))
        while time.monotonic() < deadline:
            try:
                if reader.checkpoint() == latest:
                    break
            except TileNotFoundError:
                pass
            time.sleep(0.05)
        assert reader.checkpoint() == latest
        size = Checkpoint.parse(checkpoint_body(latest)).size
        assert reader.root(size) == Checkpoint.parse(checkpoint_body(latest)).root_hash
        root = Checkpoint.parse(checkpoint_body(latest)).root_hash
        for receipt in receipts:
            proof = reader.inclusion_proof(receipt.index, size)
            merkle.verify_inclusion(
                merkle.leaf_hash(receipt.extra), receipt.index, size, proof, root
            )
            assert reader.entry(receipt.index, size) == receipt.extra


def test_never_overwrites_another_logs_tiles() -> None:
    entries = [os.urandom(24) for _ in range(10)]
    sink = MemorySink()
    other, _ = generate_key("another.test/log")
    sink.files[CHECKPOINT_PATH] = sign_checkpoint(
        Checkpoint("another.test/log", 3, merkle.root_hash(entries[:3])), other
    ).encode()
    with pytest.raises(TileError, match=r"another\.test/log"):
        TilePublisher(sink, reader_of(entries)).publish(10, note_for(entries))
    assert list(sink.files) == [CHECKPOINT_PATH]


def test_never_rolls_the_published_checkpoint_back() -> None:
    entries = [os.urandom(24) for _ in range(900)]
    sink = MemorySink()
    TilePublisher(sink, reader_of(entries)).publish(900, note_for(entries))
    sink.files["tile/0/003.p/132"] = b"damaged"  # the edge cannot be read back either
    restored = TilePublisher(sink, reader_of(entries[:500]))  # a database restored from backup
    with pytest.raises(TileError, match="newer than 500"):
        restored.publish(500, note_for(entries[:500]))
    assert sink.files[CHECKPOINT_PATH].decode() == note_for(entries)
