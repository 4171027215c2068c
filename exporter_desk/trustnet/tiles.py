"""C2SP tlog-tiles (c2sp.org/tlog-tiles): the layout, and proofs computed from tiles alone.

A tiled log publishes its tree as static files: hash tiles ``tile/<L>/<N>[.p/<W>]`` (256
consecutive hashes at tree level 8·L, the last tile of each level partial), entry bundles
``tile/entries/<N>[.p/<W>]`` (big-endian uint16 length-prefixed entries) and the signed
``checkpoint``. The writer (the notary) and the reader (a verifier) share the encoders here.

:class:`TileReader` turns a :class:`TileFetcher` (HTTP base URL or directory) into a
:data:`~exporter_desk.trustnet.merkle.SubtreeHashLookup`, so inclusion and consistency proofs
come from :mod:`.merkle` exactly as a server would compute them; they are checked, as always,
against a checkpoint whose signatures the caller verifies. Tiles are kept in an LRU cache.

Like :mod:`.client`, this module does I/O and is not imported by the package ``__init__``.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from exporter_desk.trustnet.errors import TrustnetError

if TYPE_CHECKING:
    import requests
from exporter_desk.trustnet.merkle import (
    EMPTY_ROOT,
    HASH_SIZE,
    SubtreeHashLookup,
    consistency_proof_from,
    inclusion_proof_from,
    root_from_subtrees,
)

__all__ = [
    "CHECKPOINT_PATH",
    "TILE_HEIGHT",
    "TILE_WIDTH",
    "DirectoryTileFetcher",
    "HttpTileFetcher",
    "TileError",
    "TileFetcher",
    "TileNotFoundError",
    "TileReader",
    "TileUnavailableError",
    "entry_bundle_path",
    "format_entry_bundle",
    "parse_entry_bundle",
    "parse_tile",
    "root_from_edge",
    "tile_path",
    "tile_root",
]

TILE_HEIGHT = 8
"""Tree levels a tile spans: a tile at level L holds hashes of subtrees of 256**L leaves."""
TILE_WIDTH = 1 << TILE_HEIGHT
"""Hashes in a full tile (and entries in a full bundle)."""
CHECKPOINT_PATH = "checkpoint"
"""Where the log's signed checkpoint is, relative to the prefix (the one mutable file)."""
MAX_ENTRY_SIZE = 0xFFFF
"""The largest entry an entry bundle can carry (its length is a big-endian uint16)."""
MAX_LEVEL = 63


class TileError(TrustnetError):
    """A tile or entry bundle is malformed, or does not match the tree it should describe."""

    default_user_message = (
        "The trust network's published log files are damaged or inconsistent, so the log could "
        "not be checked from them."
    )


class TileUnavailableError(TrustnetError):
    """A tile could not be fetched now (network error, server error); try again later."""

    default_user_message = (
        "The trust network's published log files cannot be reached right now; the check can be "
        "repeated later."
    )


class TileNotFoundError(TileUnavailableError):
    """The server has no such file (404, or a missing file in a directory)."""


# --- the layout -----------------------------------------------------------------------------------


def _index_path(index: int) -> str:
    """``1234067`` -> ``x001/x234/067``: zero-padded 3-digit elements, all but the last ``x``."""
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise TileError(f"tile index {index!r} is not a non-negative integer")
    elements = [f"{index % 1000:03d}"]
    index //= 1000
    while index > 0:
        elements.append(f"x{index % 1000:03d}")
        index //= 1000
    return "/".join(reversed(elements))


def _width_suffix(width: int) -> str:
    if isinstance(width, bool) or not isinstance(width, int) or not 1 <= width <= TILE_WIDTH:
        raise TileError(f"tile width {width!r} is not in [1, {TILE_WIDTH}]")
    return "" if width == TILE_WIDTH else f".p/{width}"


def tile_path(level: int, index: int, width: int = TILE_WIDTH) -> str:
    """The path of hash tile ``index`` at ``level`` (``width`` < 256: a partial tile).

    Raises:
        TileError: if the level is not in [0, 63], the index negative or the width not in
            [1, 256].
    """
    if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= MAX_LEVEL:
        raise TileError(f"tile level {level!r} is not in [0, {MAX_LEVEL}]")
    return f"tile/{level}/{_index_path(index)}{_width_suffix(width)}"


def entry_bundle_path(index: int, width: int = TILE_WIDTH) -> str:
    """The path of entry bundle ``index`` (``width`` < 256: a partial bundle)."""
    return f"tile/entries/{_index_path(index)}{_width_suffix(width)}"


def partial_width(level: int, size: int) -> int:
    """Hashes in the partial tile at ``level`` of a tree of ``size`` (0: there is none)."""
    return (size >> (TILE_HEIGHT * level)) % TILE_WIDTH


def format_entry_bundle(entries: Sequence[bytes]) -> bytes:
    """Entries as a bundle: each a big-endian uint16 length, then its bytes.

    Raises:
        TileError: if an entry is longer than 65,535 bytes or there are more than 256.
    """
    if len(entries) > TILE_WIDTH:
        raise TileError(f"an entry bundle holds at most {TILE_WIDTH} entries, not {len(entries)}")
    parts: list[bytes] = []
    for position, entry in enumerate(entries):
        if len(entry) > MAX_ENTRY_SIZE:
            raise TileError(f"entry {position} is {len(entry)} bytes; a bundle allows 65,535")
        parts.append(len(entry).to_bytes(2, "big"))
        parts.append(bytes(entry))
    return b"".join(parts)


def parse_entry_bundle(data: bytes, width: int) -> list[bytes]:
    """The ``width`` entries of a bundle, refusing a short, long or truncated one.

    Raises:
        TileError: if the bundle does not hold exactly ``width`` complete entries.
    """
    entries: list[bytes] = []
    position = 0
    while position < len(data):
        if len(entries) == width:
            raise TileError(f"entry bundle has bytes after its {width} entries")
        if position + 2 > len(data):
            raise TileError("entry bundle is truncated inside a length prefix")
        length = int.from_bytes(data[position : position + 2], "big")
        position += 2
        if position + length > len(data):
            raise TileError(f"entry bundle is truncated inside entry {len(entries)}")
        entries.append(bytes(data[position : position + length]))
        position += length
    if len(entries) != width:
        raise TileError(f"entry bundle has {len(entries)} entries, expected {width}")
    return entries


def parse_tile(data: bytes, width: int) -> list[bytes]:
    """The ``width`` hashes of a tile.

    Raises:
        TileError: if the tile is not exactly ``width`` × 32 bytes.
    """
    if len(data) != width * HASH_SIZE:
        raise TileError(f"tile is {len(data)} bytes, expected {width} hashes ({width * 32} bytes)")
    return [bytes(data[i : i + HASH_SIZE]) for i in range(0, len(data), HASH_SIZE)]


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _tile_levels(hashes: Sequence[bytes]) -> list[list[bytes]]:
    """The tile's own subtree: level j holds the hashes of aligned groups of 2**j tile hashes
    (only complete groups)."""
    levels = [list(hashes)]
    while len(levels[-1]) > 1:
        below = levels[-1]
        levels.append([_node(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)])
    return levels


def tile_root(hashes: Sequence[bytes]) -> bytes:
    """The hash a full tile contributes to the level above: the root of its 256 hashes.

    Raises:
        TileError: if there are not exactly 256 hashes.
    """
    if len(hashes) != TILE_WIDTH:
        raise TileError(f"only a full tile has a root in the level above, not {len(hashes)}")
    return _tile_levels(hashes)[-1][0]


def _subtree_hash(start: int, end: int, tile_of: Callable[[int, int], list[list[bytes]]]) -> bytes:
    """The perfect subtree ``[start, end)`` from the tile that holds it.

    A subtree of 2**k leaves is the group of 2**(k mod 8) hashes at tile level ``k // 8``,
    starting at hash ``start >> 8·(k // 8)``; ``tile_of(level, index)`` returns that tile's
    levels (see :func:`_tile_levels`).
    """
    k = (end - start).bit_length() - 1
    level, group = divmod(k, TILE_HEIGHT)
    first = start >> (TILE_HEIGHT * level)
    levels = tile_of(level, first >> TILE_HEIGHT)
    offset = (first % TILE_WIDTH) >> group
    if group >= len(levels) or offset >= len(levels[group]):
        raise TileError(f"the tile for subtree [{start}, {end}) is too short to hold it")
    return levels[group][offset]


def root_from_edge(size: int, edge: Sequence[Sequence[bytes]]) -> bytes:
    """The root of a tree of ``size`` from the hashes of its partial tiles, level by level.

    ``edge[L]`` holds the hashes of the partial tile at level L (empty if there is none), which
    are exactly the perfect subtrees on the tree's right border.

    Raises:
        TileError: if ``edge`` does not have the widths ``size`` needs.
    """
    if size == 0:
        return EMPTY_ROOT
    cache: dict[int, list[list[bytes]]] = {}
    for level in range(len(edge)):
        if len(edge[level]) != partial_width(level, size):
            raise TileError(
                f"partial tile at level {level} has {len(edge[level])} hashes; a tree of size "
                f"{size} needs {partial_width(level, size)}"
            )
    if size >> (TILE_HEIGHT * len(edge)):
        raise TileError(f"a tree of size {size} needs more than {len(edge)} levels of tiles")

    def tile_of(level: int, index: int) -> list[list[bytes]]:
        if level not in cache:
            cache[level] = _tile_levels(edge[level])
        return cache[level]

    return root_from_subtrees(size, lambda start, end: _subtree_hash(start, end, tile_of))


# --- fetching -------------------------------------------------------------------------------------


class TileFetcher(Protocol):
    """Where a reader gets files by their path under the log's prefix.

    Contract: ``fetch`` returns the file's bytes, raises :class:`TileNotFoundError` if there is
    no such file, and :class:`TileUnavailableError` for anything else that may pass.
    """

    def fetch(self, path: str) -> bytes: ...


class DirectoryTileFetcher:
    """Reads the files a :class:`~exporter_desk.notary.tile_sinks.DirectorySink` wrote."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def fetch(self, path: str) -> bytes:
        try:
            return (self.root / path).read_bytes()
        except FileNotFoundError as exc:
            raise TileNotFoundError(f"{path}: no such file under {self.root}") from exc
        except OSError as exc:
            raise TileUnavailableError(f"{path}: {exc}") from exc


class HttpTileFetcher:
    """GETs ``<base_url>/<path>`` with a timeout, a size bound and bounded retries.

    Retries connection errors, timeouts and 429/5xx at most ``attempts`` times with back-off;
    a 404 is :class:`TileNotFoundError` at once.
    """

    max_bytes = 2 * 1024 * 1024  # a full bundle of large entries; tiles are 8 KiB

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        attempts: int = 3,
        backoff: float = 0.25,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        self.base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._attempts = attempts
        self._backoff = backoff
        import requests  # only a reader over HTTP needs the HTTP client

        self._session = session or requests.Session()
        self._sleep = sleep

    def close(self) -> None:
        self._session.close()

    def fetch(self, path: str) -> bytes:
        import requests

        url = f"{self.base_url}/{path}"
        last = ""
        for attempt in range(self._attempts):
            if attempt:
                self._sleep(self._backoff * 2 ** (attempt - 1))
            try:
                with self._session.get(url, timeout=self._timeout, stream=True) as response:
                    if response.status_code == 404:
                        raise TileNotFoundError(f"GET {url}: 404")
                    if response.status_code == 429 or response.status_code >= 500:
                        last = f"GET {url}: HTTP {response.status_code}"
                        continue
                    if response.status_code != 200:
                        raise TileUnavailableError(f"GET {url}: HTTP {response.status_code}")
                    return self._read_bounded(response, url)
            except (requests.ConnectionError, requests.Timeout) as exc:
                last = f"GET {url}: {exc}"
            except requests.RequestException as exc:
                raise TileUnavailableError(f"GET {url}: {exc}") from exc
        raise TileUnavailableError(last)

    def _read_bounded(self, response: requests.Response, url: str) -> bytes:
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_content(64 * 1024):
            total += len(chunk)
            if total > self.max_bytes:
                raise TileError(f"GET {url}: larger than {self.max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


# --- reading a tree -------------------------------------------------------------------------------


class TileReader:
    """Proofs, roots and entries of a tiled log, from its tiles (kept in an LRU cache).

    Every method takes the tree ``size`` of a checkpoint the caller has (or will have) verified:
    it decides which tiles are full and how wide the partial ones are. A partial tile that is
    gone (a log may delete it once the full tile exists) is read from the full tile instead.
    Safe to share between threads.
    """

    def __init__(self, fetcher: TileFetcher, *, cache_tiles: int = 4096) -> None:
        self._fetcher = fetcher
        self._limit = max(1, cache_tiles)
        self._tiles: OrderedDict[tuple[int, int, int], list[list[bytes]]] = OrderedDict()
        self._lock = threading.Lock()

    def checkpoint(self) -> str:
        """The log's current checkpoint note, as published (never cached); unverified.

        Raises:
            TileUnavailableError: if it cannot be fetched; TileError if it is not UTF-8.
        """
        data = self._fetcher.fetch(CHECKPOINT_PATH)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TileError("the published checkpoint is not UTF-8") from exc

    def lookup(self, size: int) -> SubtreeHashLookup:
        """The perfect-subtree lookup of the tree of ``size``, served from tiles."""

        def tile_of(level: int, index: int) -> list[list[bytes]]:
            return self._tile(level, index, size)

        def get_subtree_hash(start: int, end: int) -> bytes:
            if end > size:
                raise TileError(f"subtree [{start}, {end}) is outside a tree of size {size}")
            return _subtree_hash(start, end, tile_of)

        return get_subtree_hash

    def root(self, size: int) -> bytes:
        """The root hash of the tree of ``size`` (compare it with the checkpoint's)."""
        return root_from_subtrees(size, self.lookup(size))

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        """The RFC 9162 inclusion proof of leaf ``index`` in the tree of ``size``."""
        return inclusion_proof_from(index, size, self.lookup(size))

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        """The RFC 9162 consistency proof from ``old_size`` to ``new_size``."""
        return consistency_proof_from(old_size, new_size, self.lookup(new_size))

    def entries(self, start: int, end: int, size: int) -> list[bytes]:
        """Entries ``[start, end)`` of the tree of ``size``, from the entry bundles.

        Each entry is checked against its leaf hash in the level-0 tile, so a bundle cannot
        disagree with the tree the proofs come from.

        Raises:
            TileError: if ``[start, end)`` is not within the tree, or a bundle is malformed or
                does not match its tile.
        """
        if not 0 <= start <= end <= size:
            raise TileError(f"entries [{start}, {end}) are not within a tree of size {size}")
        found: list[bytes] = []
        for index in range(start // TILE_WIDTH, (end + TILE_WIDTH - 1) // TILE_WIDTH):
            width = self._width(0, index, size)
            bundle = parse_entry_bundle(self._fetch_sized(entry_bundle_path, index, width), width)
            leaves = self._tile(0, index, size)[0]
            for offset, entry in enumerate(bundle):
                position = index * TILE_WIDTH + offset
                if not start <= position < end:
                    continue
                if hashlib.sha256(b"\x00" + entry).digest() != leaves[offset]:
                    raise TileError(f"entry {position} in its bundle does not match its leaf hash")
                found.append(entry)
        return found

    def entry(self, index: int, size: int) -> bytes:
        """Entry ``index`` of the tree of ``size`` (see :meth:`entries`)."""
        return self.entries(index, index + 1, size)[0]

    def _width(self, level: int, index: int, size: int) -> int:
        span = TILE_HEIGHT * (level + 1)
        if (index + 1) << span <= size:
            return TILE_WIDTH
        width = partial_width(level, size)
        if index != size >> span or width == 0:
            raise TileError(f"tile {level}/{index} is not part of a tree of size {size}")
        return width

    def _tile(self, level: int, index: int, size: int) -> list[list[bytes]]:
        width = self._width(level, index, size)
        key = (level, index, width)
        with self._lock:
            levels = self._tiles.get(key)
            if levels is not None:
                self._tiles.move_to_end(key)
                return levels
        hashes = parse_tile(self._fetch_sized(tile_path, level, index, width), width)
        levels = _tile_levels(hashes)
        with self._lock:
            self._tiles[key] = levels
            while len(self._tiles) > self._limit:
                self._tiles.popitem(last=False)
        return levels

    def _fetch_sized(self, path_of: Callable[..., str], *args: int) -> bytes:
        """Fetch a partial tile or bundle; if it is gone, the prefix of the full one."""
        *place, width = args
        try:
            return self._fetcher.fetch(path_of(*place, width))
        except TileNotFoundError:
            if width == TILE_WIDTH:
                raise
        data = self._fetcher.fetch(path_of(*place, TILE_WIDTH))
        if path_of is tile_path:
            return data[: width * HASH_SIZE]
        return format_entry_bundle(parse_entry_bundle(data, TILE_WIDTH)[:width])
