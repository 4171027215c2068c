"""C2SP tlog-tiles: the spec's paths and examples, and proofs from tiles equal to merkle.py's.

Spec: https://github.com/C2SP/C2SP/blob/0ad71eb1f1b99acf18deb575978c9205e24860cc/tlog-tiles.md
"""

from __future__ import annotations

import functools
import http.server
import os
import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from exporter_desk.notary.tile_sinks import DirectorySink
from exporter_desk.notary.tiles import TileEdge, extend
from exporter_desk.trustnet import merkle
from exporter_desk.trustnet.tiles import (
    DirectoryTileFetcher,
    HttpTileFetcher,
    TileError,
    TileNotFoundError,
    TileReader,
    TileUnavailableError,
    entry_bundle_path,
    format_entry_bundle,
    parse_entry_bundle,
    parse_tile,
    tile_path,
)


class MemoryFetcher:
    """Files in a dict; counts fetches (to see the cache work)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.fetches = 0

    def fetch(self, path: str) -> bytes:
        self.fetches += 1
        try:
            return self.files[path]
        except KeyError:
            raise TileNotFoundError(path) from None


def published(entries: list[bytes], sizes: list[int]) -> dict[str, bytes]:
    """Every file a log publishes with a checkpoint at each of ``sizes``."""
    edge, files, done = TileEdge.empty(), {}, 0
    for size in sizes:
        edge, new = extend(edge, entries[done:size])
        files.update(new)
        done = size
    return files


# --- the layout, as the spec spells it -------------------------------------------------------------


def test_index_is_encoded_in_x_prefixed_three_digit_elements() -> None:
    # The spec's example: index 1234067 is x001/x234/067.
    assert tile_path(0, 1234067) == "tile/0/x001/x234/067"
    assert tile_path(0, 0) == "tile/0/000"
    assert tile_path(3, 999) == "tile/3/999"
    assert tile_path(1, 1000) == "tile/1/x001/000"
    assert tile_path(2, 5, 17) == "tile/2/005.p/17"
    assert entry_bundle_path(1234067) == "tile/entries/x001/x234/067"
    assert entry_bundle_path(0, 112) == "tile/entries/000.p/112"


@pytest.mark.parametrize(
    ("level", "index", "width"), [(64, 0, 256), (-1, 0, 256), (0, -1, 256), (0, 0, 0), (0, 0, 257)]
)
def test_rejects_paths_outside_the_spec(level: int, index: int, width: int) -> None:
    with pytest.raises(TileError):
        tile_path(level, index, width)


def test_tree_of_70000_has_the_tiles_the_spec_lists() -> None:
    # "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial level 0
    # tile of width 112, one full level 1 tile, one partial level 1 tile of width 17, and one
    # partial level 2 tile of width 1."
    entries = [i.to_bytes(4, "big") for i in range(70_000)]
    files = published(entries, [70_000])
    hash_tiles = sorted(p for p in files if not p.startswith("tile/entries/"))
    assert len([p for p in hash_tiles if p.startswith("tile/0/") and ".p/" not in p]) == 273
    assert [p for p in hash_tiles if p.startswith("tile/0/") and ".p/" in p] == ["tile/0/273.p/112"]
    assert [p for p in hash_tiles if p.startswith("tile/1/")] == ["tile/1/000", "tile/1/001.p/17"]
    assert [p for p in hash_tiles if p.startswith("tile/2/")] == ["tile/2/000.p/1"]
    assert len(files["tile/0/273.p/112"]) == 112 * 32
    assert len(files["tile/0/272"]) == 8192 and len(files["tile/1/000"]) == 8192


def test_tree_of_256_is_one_full_level_0_tile_and_a_level_1_tile_of_width_1() -> None:
    entries = [bytes([i]) for i in range(256)]
    files = published(entries, [256])
    assert sorted(files) == ["tile/0/000", "tile/1/000.p/1", "tile/entries/000"]
    leaves = [merkle.leaf_hash(e) for e in entries]
    assert files["tile/0/000"] == b"".join(leaves)
    # Level 1 holds the Merkle tree hash of the full level-0 tile: the root of those 256 leaves.
    assert files["tile/1/000.p/1"] == merkle.root_hash(entries)


def test_entry_bundle_is_big_endian_uint16_length_prefixed_entries() -> None:
    assert format_entry_bundle([b"ab", b"", b"\xff" * 300]) == (
        b"\x00\x02ab" + b"\x00\x00" + b"\x01\x2c" + b"\xff" * 300
    )
    assert parse_entry_bundle(b"\x00\x02ab\x00\x00", 2) == [b"ab", b""]


@pytest.mark.parametrize(
    ("name", "data", "width"),
    [
        ("truncated-length", b"\x00\x02ab\x00", 2),
        ("truncated-entry", b"\x00\x05ab", 1),
        ("trailing-garbage", b"\x00\x01a\x00", 1),
        ("too-few-entries", b"\x00\x01a", 2),
        ("too-many-entries", b"\x00\x01a\x00\x01b", 1),
    ],
)
def test_rejects_malformed_entry_bundle(name: str, data: bytes, width: int) -> None:
    with pytest.raises(TileError):
        parse_entry_bundle(data, width)


def test_rejects_entry_too_long_for_a_bundle() -> None:
    with pytest.raises(TileError, match="65,535"):
        format_entry_bundle([b"x" * 65_536])


def test_rejects_tile_of_the_wrong_length() -> None:
    with pytest.raises(TileError, match="expected 3 hashes"):
        parse_tile(b"\x00" * 95, 3)


# --- proofs from tiles -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def log() -> tuple[list[bytes], dict[str, bytes], list[int]]:
    rng = random.Random(16)
    entries = [rng.randbytes(rng.randrange(1, 80)) for _ in range(66_000)]
    sizes = [1, 2, 3, 255, 256, 257, 511, 4097, 65_535, 65_536, 65_537, 66_000]
    return entries, published(entries, sizes), sizes


def test_root_from_tiles_is_the_tree_root_at_each_published_size(
    log: tuple[list[bytes], dict[str, bytes], list[int]],
) -> None:
    entries, files, sizes = log
    reader = TileReader(MemoryFetcher(files))
    for size in sizes:
        assert reader.root(size) == merkle.root_hash(entries[:size]), size


def test_proofs_from_tiles_equal_the_proofs_from_the_entries(
    log: tuple[list[bytes], dict[str, bytes], list[int]],
) -> None:
    entries, files, sizes = log
    reader = TileReader(MemoryFetcher(files))
    leaves = [merkle.leaf_hash(e) for e in entries]
    nodes: dict[tuple[int, int], bytes] = {}

    def stored(start: int, end: int) -> bytes:  # the notary's way: stored perfect subtrees
        key = (start, end)
        if key not in nodes:
            nodes[key] = (
                leaves[start]
                if end - start == 1
                else merkle.node_hash(
                    stored(start, (start + end) // 2), stored((start + end) // 2, end)
                )
            )
        return nodes[key]

    rng = random.Random(6962)
    pairs = 0
    for size in sizes:
        for index in {0, size - 1, *(rng.randrange(size) for _ in range(40))}:
            assert reader.inclusion_proof(index, size) == merkle.inclusion_proof_from(
                index, size, stored
            ), (index, size)
            pairs += 1
        for old in sizes:
            if old <= size:
                assert reader.consistency_proof(old, size) == merkle.consistency_proof_from(
                    old, size, stored
                ), (old, size)
                pairs += 1
    assert pairs > 400  # the loop proved something


def test_entries_come_from_bundles_and_match_the_leaves(
    log: tuple[list[bytes], dict[str, bytes], list[int]],
) -> None:
    entries, files, _ = log
    reader = TileReader(MemoryFetcher(files))
    assert reader.entries(250, 257, 257) == entries[250:257]
    assert reader.entry(65_999, 66_000) == entries[65_999]


def test_rejects_bundle_whose_entry_does_not_hash_to_its_tile(
    log: tuple[list[bytes], dict[str, bytes], list[int]],
) -> None:
    _, files, _ = log
    forged = dict(files)
    bundle = parse_entry_bundle(files[entry_bundle_path(3)], 256)
    bundle[7] = b"a different entry"
    forged[entry_bundle_path(3)] = format_entry_bundle(bundle)
    with pytest.raises(TileError, match="does not match its leaf hash") as caught:
        TileReader(MemoryFetcher(forged)).entries(3 * 256, 4 * 256, 66_000)
    assert "published log files are damaged" in caught.value.user_message


def test_a_partial_tile_that_is_gone_is_read_from_the_full_tile(
    log: tuple[list[bytes], dict[str, bytes], list[int]],
) -> None:
    entries, files, _ = log
    # Size 300 was never published: its partial tiles do not exist; the full ones serve.
    reader = TileReader(MemoryFetcher(files))
    assert reader.root(300) == merkle.root_hash(entries[:300])
    assert reader.entries(290, 300, 300) == entries[290:300]


def test_rejects_subtree_outside_the_tree(
    log: tuple[list[bytes], dict[str, bytes], list[int]],
) -> None:
    _, files, _ = log
    with pytest.raises(merkle.ProofError):
        TileReader(MemoryFetcher(files)).inclusion_proof(10, 10)


def test_warm_cache_fetches_nothing(log: tuple[list[bytes], dict[str, bytes], list[int]]) -> None:
    _, files, _ = log
    fetcher = MemoryFetcher(files)
    reader = TileReader(fetcher)
    first = reader.inclusion_proof(12_345, 66_000)
    cold = fetcher.fetches
    assert cold > 0
    assert reader.inclusion_proof(12_345, 66_000) == first
    assert fetcher.fetches == cold


# --- fetchers -----------------------------------------------------------------------------------


def test_directory_fetcher_reads_what_the_directory_sink_wrote(tmp_path: Path) -> None:
    entries = [os.urandom(20) for _ in range(600)]
    sink = DirectorySink(tmp_path / "tiles")
    for path, data in published(entries, [300, 600]).items():
        sink.put(path, data)
    reader = TileReader(DirectoryTileFetcher(tmp_path / "tiles"))
    assert reader.root(600) == merkle.root_hash(entries)
    with pytest.raises(TileNotFoundError):
        DirectoryTileFetcher(tmp_path / "tiles").fetch("tile/0/999")


@pytest.fixture
def http_dir(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "served"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def test_http_fetcher_reads_tiles_from_a_web_server(http_dir: tuple[str, Path]) -> None:
    url, root = http_dir
    entries = [os.urandom(30) for _ in range(1000)]
    sink = DirectorySink(root)
    for path, data in published(entries, [1000]).items():
        sink.put(path, data)
    reader = TileReader(HttpTileFetcher(url))
    assert reader.inclusion_proof(5, 1000) == merkle.inclusion_proof(entries, 5)
    assert reader.entry(999, 1000) == entries[999]
    with pytest.raises(TileNotFoundError):
        HttpTileFetcher(url).fetch("tile/0/777")


def test_http_fetcher_gives_up_after_bounded_retries_when_nothing_listens() -> None:
    from tests.notary.helpers import free_port

    sleeps: list[float] = []
    fetcher = HttpTileFetcher(
        f"http://127.0.0.1:{free_port()}", attempts=3, timeout=1, sleep=sleeps.append
    )
    with pytest.raises(TileUnavailableError) as caught:
        fetcher.fetch("checkpoint")
    assert sleeps == [0.25, 0.5]
    assert "cannot be reached" in caught.value.user_message
