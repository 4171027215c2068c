"""Publishing the log as C2SP tlog-tiles: new tiles and bundles first, the checkpoint last.

:func:`extend` is the pure, incremental part: from the right edge of the published tree (the
partial tile of each level and the partial entry bundle) and the entries added since, it returns
the new edge and exactly the files that are new: tiles and bundles that became full, and the
partial ones whose width changed. Nothing already published is written again.

:class:`TilePublisher` runs it for each cosigned checkpoint the sequencer hands over
(:meth:`TilePublisher.offer`, cheap, from any thread) on a thread of its own:

1. read the entries since the last published size (``read_entries``);
2. compute the new files, and check that the root they give is the checkpoint's root;
3. upload every tile and bundle (the sink retries each a bounded number of times);
4. only then upload the checkpoint, and remember the new edge.

If any upload fails, the checkpoint is not published and the edge stays where it was; the next
round (the next checkpoint, or a retry after ``retry_delay``) publishes everything since, so a
storage outage delays the published checkpoint and loses nothing. On start the edge is read back
from the storage (its checkpoint and partial tiles), or rebuilt from the entries if they are
missing or do not add up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from exporter_desk.notary.tile_sinks import TileSink, TileSinkError
from exporter_desk.trustnet import Checkpoint, TrustnetError, checkpoint_body, leaf_hash
from exporter_desk.trustnet.tiles import (
    CHECKPOINT_PATH,
    TILE_HEIGHT,
    TILE_WIDTH,
    TileError,
    entry_bundle_path,
    format_entry_bundle,
    parse_entry_bundle,
    parse_tile,
    partial_width,
    root_from_edge,
    tile_path,
    tile_root,
)

__all__ = ["EntryReader", "TileEdge", "TilePublisher", "extend"]

_log = logging.getLogger(__name__)

EntryReader = Callable[[int, int], Sequence[bytes]]
"""``read_entries(start, end)``: the log's entries ``[start, end)``, in order, exactly."""

_READ_CHUNK = 65_536


@dataclass(frozen=True, slots=True)
class TileEdge:
    """The right edge of a published tree: what a new entry's tiles are computed from.

    ``levels[L]`` holds the hashes of the partial tile at level L (fewer than 256, possibly
    none); ``entries`` the entries of the partial bundle.
    """

    size: int
    levels: tuple[tuple[bytes, ...], ...]
    entries: tuple[bytes, ...]

    @classmethod
    def empty(cls) -> TileEdge:
        return cls(0, (), ())

    def root(self) -> bytes:
        """The root hash of the tree of ``size``, computed from the edge alone."""
        return root_from_edge(self.size, self.levels)


def extend(edge: TileEdge, entries: Sequence[bytes]) -> tuple[TileEdge, dict[str, bytes]]:
    """Append ``entries``; return the new edge and the new files (path -> bytes).

    Raises:
        TileError: if an entry is too large for a bundle (65,535 bytes).
    """
    levels = [list(hashes) for hashes in edge.levels]
    bundle = list(edge.entries)
    files: dict[str, bytes] = {}
    changed: set[int] = set()
    size = edge.size
    for data in entries:
        bundle.append(bytes(data))
        node, level = leaf_hash(data), 0
        size += 1
        while True:
            if level == len(levels):
                levels.append([])
            levels[level].append(node)
            changed.add(level)
            if len(levels[level]) < TILE_WIDTH:
                break
            index = (size >> (TILE_HEIGHT * level)) // TILE_WIDTH - 1
            files[tile_path(level, index)] = b"".join(levels[level])
            if level == 0:
                files[entry_bundle_path(index)] = format_entry_bundle(bundle)
                bundle = []
            node = tile_root(levels[level])
            levels[level] = []
            level += 1
    for level in sorted(changed):
        width = len(levels[level])
        if width:
            index = size >> (TILE_HEIGHT * (level + 1))
            files[tile_path(level, index, width)] = b"".join(levels[level])
            if level == 0:
                files[entry_bundle_path(index, width)] = format_entry_bundle(bundle)
    new_edge = TileEdge(size, tuple(tuple(hashes) for hashes in levels), tuple(bundle))
    return new_edge, files


class TilePublisher:
    """Publishes each cosigned checkpoint with its tiles, on its own thread (module docstring).

    ``offer(size, note)`` comes from the sequencer once a checkpoint meets the quorum; only the
    latest offer matters (an older one is covered by the newer). ``min_interval`` seconds pass
    between two publications: each rewrites the partial bundle, so under load publishing once
    per interval instead of once per small batch writes far fewer bytes per entry (see
    ``benchmarks/tiles.py``).
    """

    def __init__(
        self,
        sink: TileSink,
        read_entries: EntryReader,
        *,
        retry_delay: float = 1.0,
        min_interval: float = 0.0,
    ) -> None:
        self.sink = sink
        self._read_entries = read_entries
        self._retry_delay = retry_delay
        self._min_interval = min_interval
        self._edge: TileEdge | None = None
        self._offered: tuple[int, str] | None = None
        self._lock = threading.Lock()
        self._wakeup = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._published_size = -1
        self._stored_size = 0
        self.failures = 0
        """Publishing rounds that failed (storage down, say) since the start."""

    # --- the sequencer's side ------------------------------------------------------------------

    def offer(self, size: int, note: str) -> None:
        """Publish checkpoint ``note`` of ``size`` soon (from any thread; never blocks)."""
        with self._lock:
            if self._offered is None or size > self._offered[0]:
                self._offered = (size, note)
        self._wakeup.set()

    @property
    def published_size(self) -> int:
        """The size of the checkpoint last published by this process (-1: none yet)."""
        return self._published_size

    # --- the thread ----------------------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="tile-publisher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wakeup.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        delay: float | None = None
        while not self._stopping.is_set():
            self._wakeup.wait(delay)
            self._wakeup.clear()
            if self._stopping.is_set():
                return
            published = self.publish_pending()
            delay = None if published else self._retry_delay
            if published and self._min_interval > 0:
                self._stopping.wait(self._min_interval)

    def publish_pending(self) -> bool:
        """Publish the latest offered checkpoint if it is new; return False to be retried."""
        with self._lock:
            offered = self._offered
        if offered is None or offered[0] <= self._published_size:
            return True
        try:
            self.publish(*offered)
        except (TileSinkError, TrustnetError, LookupError, ValueError) as exc:
            self.failures += 1
            _log.warning("publishing tiles for checkpoint %d failed: %s", offered[0], exc)
            return False
        return True

    def publish(self, size: int, note: str) -> None:
        """Upload the tiles and bundles that checkpoint ``note`` needs, then the checkpoint.

        Raises:
            TileSinkError: an upload failed (after the sink's retries): nothing is published.
            TileError: the tiles do not lead to the checkpoint's root (a bug, never published).
        """
        checkpoint = Checkpoint.parse(checkpoint_body(note))
        if checkpoint.size != size:
            raise TileError(f"checkpoint of size {checkpoint.size} offered as size {size}")
        edge = self._edge if self._edge is not None else self._recover(checkpoint.origin)
        if size < max(edge.size, self._stored_size):
            # Never roll the published checkpoint back (a restored database, say).
            raise TileError(
                f"the storage already has a checkpoint of size "
                f"{max(edge.size, self._stored_size)}, newer than {size}"
            )
        new_edge, files = edge, {}
        for start in range(edge.size, size, _READ_CHUNK):
            end = min(size, start + _READ_CHUNK)
            entries = self._read_entries(start, end)
            if len(entries) != end - start:
                raise TileError(f"read {len(entries)} entries for [{start}, {end})")
            new_edge, more = extend(new_edge, entries)
            files.update(more)
        if new_edge.root() != checkpoint.root_hash:
            raise TileError(
                f"the tiles of size {size} lead to root {new_edge.root().hex()}, not the "
                f"checkpoint's {checkpoint.root_hash.hex()}"
            )
        for path, data in files.items():
            self.sink.put(path, data)
        self.sink.put(CHECKPOINT_PATH, note.encode("utf-8"), mutable=True)
        self._edge = new_edge
        self._published_size = size

    def _recover(self, origin: str) -> TileEdge:
        """The edge of what the storage has published, read back; rebuilt if it does not add up.

        Raises:
            TileError: if the storage holds another log's checkpoint (never overwritten).
        """
        data = self.sink.get(CHECKPOINT_PATH)
        if data is None:
            return TileEdge.empty()
        try:
            published = Checkpoint.parse(checkpoint_body(data.decode("utf-8")))
        except (TrustnetError, UnicodeDecodeError) as exc:
            _log.warning("the published checkpoint cannot be read (%s); rebuilding", exc)
            return TileEdge.empty()
        self._stored_size = published.size
        if published.origin != origin:
            raise TileError(
                f"the tiles storage holds the log {published.origin!r}, not {origin!r}: "
                "configure a bucket or folder of this log's own"
            )
        try:
            edge = self._read_edge(published.size)
            if edge.root() == published.root_hash:
                self._published_size = published.size
                return edge
            _log.warning("the published tiles do not match the published checkpoint; rebuilding")
        except (TrustnetError, UnicodeDecodeError) as exc:
            _log.warning("the published tiles cannot be read back (%s); rebuilding", exc)
        return TileEdge.empty()

    def _read_edge(self, size: int) -> TileEdge:
        levels: list[tuple[bytes, ...]] = []
        level = 0
        while size >> (TILE_HEIGHT * level):
            width = partial_width(level, size)
            hashes: tuple[bytes, ...] = ()
            if width:
                data = self.sink.get(tile_path(level, size >> (TILE_HEIGHT * (level + 1)), width))
                if data is None:
                    raise TileError(f"the partial tile at level {level} is missing")
                hashes = tuple(parse_tile(data, width))
            levels.append(hashes)
            level += 1
        entries: tuple[bytes, ...] = ()
        width = partial_width(0, size)
        if width:
            data = self.sink.get(entry_bundle_path(size // TILE_WIDTH, width))
            if data is None:
                raise TileError("the partial entry bundle is missing")
            entries = tuple(parse_entry_bundle(data, width))
        return TileEdge(size, tuple(levels), entries)
