"""Verifying PDFs for a person: one file or many, with progress, and optional online checks.

The verdict itself is computed by :func:`exporter_desk.verify.verify_pdf` (offline, pure);
this module adds what the GUI and the CLI share: reading files with a clear error, batches that
can be cancelled, and :class:`NetworkOnlineChecker`, the port through which step 9 of the
verification plan asks a trust network for news.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter_desk.errors import ExporterError
from exporter_desk.trustnet import (
    Checkpoint,
    Entry,
    NetworkDescriptor,
    ReceiptCheck,
    TrustnetError,
    parse_note,
)
from exporter_desk.trustnet.errors import NetworkUnavailableError
from exporter_desk.trustnet.receipt import Receipt
from exporter_desk.verify import (
    DEFAULT_LIMITS,
    Limits,
    OnlineChecker,
    OnlineStatus,
    Result,
    Trust,
    Verdict,
)

if TYPE_CHECKING:
    # The HTTP client (requests) loads only when a check goes online.
    from exporter_desk.trustnet.client import Transport
    from exporter_desk.trustnet.tiles import TileReader
    from exporter_desk.verify.pack import PackVerdict

__all__ = [
    "ONLINE_ATTEMPTS",
    "ONLINE_TIMEOUT",
    "FileNotChecked",
    "FileVerdict",
    "NetworkOnlineChecker",
    "ReportItem",
    "is_online",
    "online_checker",
    "report_item_json",
    "save_report",
    "verdicts_to_json",
    "verify_file",
    "verify_files",
    "verify_one",
]


@dataclass(frozen=True, slots=True)
class FileVerdict:
    """``pack`` is set when the file is a pack: then ``verdict`` is its summary (the pack's own
    checks and one per original), and ``pack`` has each original's full verdict."""

    path: Path
    verdict: Verdict
    pack: PackVerdict | None = None

    @property
    def result(self) -> Result:
        """The file's result; for a pack, that of its originals and pages (and of the pack
        itself when it is issued)."""
        return self.pack.result if self.pack is not None else self.verdict.result


_LIBRARY_LOGGERS = ("pyhanko", "pyhanko_certvalidator")
_silenced_lock = threading.Lock()
_silenced_count = 0
_saved_levels: dict[str, int] = {}


@contextmanager
def _library_logging_silenced() -> Iterator[None]:
    """Keep the signing library's log records off the terminal while a verdict is computed.

    pyHanko logs an unknown issuer as a warning with a traceback; the verdict already says it
    in words (UNTRUSTED ISSUER and its check). Counted, so that verdicts on several threads
    restore the levels only when the last one ends.
    """
    global _silenced_count
    with _silenced_lock:
        if _silenced_count == 0:
            for name in _LIBRARY_LOGGERS:
                logger = logging.getLogger(name)
                _saved_levels[name] = logger.level
                logger.setLevel(logging.CRITICAL + 1)
        _silenced_count += 1
    try:
        yield
    finally:
        with _silenced_lock:
            _silenced_count -= 1
            if _silenced_count == 0:
                for name, level in _saved_levels.items():
                    logging.getLogger(name).setLevel(level)
                _saved_levels.clear()


def verify_file(path: Path, trust: Trust, *, online: OnlineChecker | None = None) -> Verdict:
    """The verdict for one file; a missing or unreadable file is an UNREADABLE verdict. A pack
    gets its summary: its own checks, then one per original inside it."""
    return verify_one(path, trust, online=online).verdict


def verify_one(
    path: Path,
    trust: Trust,
    *,
    online: OnlineChecker | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> FileVerdict:
    """One file's verdict; a pack (``pack.json`` inside) is routed to ``verify_pack``."""
    from exporter_desk.verify import verify_pdf
    from exporter_desk.verify.pack import is_pack, verify_pack

    path = Path(path)
    with _library_logging_silenced():
        if is_pack(path, limits):
            pack = verify_pack(path, trust, online=online, limits=limits)
            return FileVerdict(path, pack.summary(), pack)
        return FileVerdict(path, verify_pdf(path, trust, online=online, limits=limits))


def verify_files(
    paths: Sequence[Path],
    trust: Trust,
    *,
    online: OnlineChecker | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> list[FileVerdict]:
    """Verify ``paths`` in order; ``progress(done, total, path)`` after each one.

    Stops early (returning what is done) when ``is_cancelled()`` becomes true.
    """
    results: list[FileVerdict] = []
    for done, path in enumerate(paths, start=1):
        if is_cancelled is not None and is_cancelled():
            break
        results.append(verify_one(Path(path), trust, online=online))
        if progress is not None:
            progress(done, len(paths), Path(path))
    return results


@dataclass(frozen=True, slots=True)
class FileNotChecked:
    """A file the verifier could not give a verdict for (the verifier itself failed on it):
    the report names the file and says why, in the words the person was shown."""

    path: Path
    message: str


ReportItem = FileVerdict | FileNotChecked


def report_item_json(item: ReportItem) -> dict[str, Any]:
    """One file of the saved report: ``file``, then the verdict's fields (and ``pack`` for a
    pack), or ``error`` for a file that could not be checked."""
    if isinstance(item, FileNotChecked):
        return {"file": str(item.path), "error": item.message}
    return {"file": str(item.path), **item.verdict.to_json()} | (
        {"pack": item.pack.to_json()} if item.pack is not None else {}
    )


def verdicts_to_json(results: Sequence[ReportItem]) -> str:
    """The report a user saves from the Verify screen, and what ``exporter-desk verify --json``
    prints: one shape for both."""
    items = [report_item_json(item) for item in results]
    return json.dumps(items, ensure_ascii=False, indent=2)


def save_report(path: Path, results: Sequence[ReportItem]) -> None:
    """Write the report of ``results`` to ``path``, all of it or nothing.

    Raises:
        DiskFullError, NotWritableError: as ``write_atomically``; ``path`` is unchanged.
        OSError: any other failure of the file system (``path`` is unchanged).
    """
    from exporter_desk.services._files import write_atomically

    write_atomically(path, (verdicts_to_json(results) + "\n").encode("utf-8"))


ONLINE_TIMEOUT = 10.0
"""Seconds each request of an online check may take: a verdict waits for it."""
ONLINE_ATTEMPTS = 2
"""Tries per request: one retry rides out a dropped connection, more would keep a person waiting."""


def is_online(url: str) -> bool:
    """Whether a network's API address is reachable over the Internet (not the local one)."""
    return url.startswith(("http://", "https://"))


def online_checker(trust: Trust, tiles_urls: Sequence[str] = ()) -> NetworkOnlineChecker | None:
    """The checker step 9 asks for news, for the GUI and the CLI alike: one HTTP connection per
    pinned network that has an http(s) address, each request bounded by :data:`ONLINE_TIMEOUT`
    and :data:`ONLINE_ATTEMPTS`, and a tile reader per ``tiles_urls`` (logs published as C2SP
    tlog-tiles, read instead of the API). None when nothing can be asked (only the local
    network): the verdict then keeps its plain offline wording.
    """
    from exporter_desk.trustnet.client import HttpTransport
    from exporter_desk.trustnet.tiles import HttpTileFetcher, TileReader

    transports: dict[str, Transport] = {
        network.origin: HttpTransport(
            network.api_url, attempts=ONLINE_ATTEMPTS, timeout=ONLINE_TIMEOUT
        )
        for network in trust.networks
        if is_online(network.api_url)
    }
    tiles = [
        TileReader(HttpTileFetcher(url, attempts=ONLINE_ATTEMPTS, timeout=ONLINE_TIMEOUT))
        for url in tiles_urls
    ]
    if not transports and not tiles:
        return None
    return NetworkOnlineChecker(transports, tiles=tiles)


class NetworkOnlineChecker:
    """Fetches a network's news for step 9 over a :class:`Transport`; judges nothing itself.

    ``transports`` maps a network origin to how to reach it; a network without one raises
    :class:`NetworkUnavailableError`, and the verdict stays "as of" the receipt's checkpoint.

    ``tiles`` are readers of logs published as C2SP tlog-tiles (a CDN or bucket URL): a network
    whose log one of them publishes (its checkpoint names the network's origin) is read from
    the tiles instead: the checkpoint, the consistency proof, and the entries and inclusion
    proofs of a superseding entry or a revocation. Which entries those are is asked of the API
    when there is a transport, else found by reading the entries registered after the document
    (at most ``max_scan`` of them; past that the check waits for the API).
    """

    def __init__(
        self,
        transports: dict[str, Transport],
        *,
        tiles: Sequence[TileReader] = (),
        max_scan: int = 65_536,
    ) -> None:
        self._transports = dict(transports)
        self._tiles = tuple(tiles)
        self._max_scan = max_scan

    def fetch_status(self, network: NetworkDescriptor, registration: ReceiptCheck) -> OnlineStatus:
        from exporter_desk.trustnet.client import NetworkUnavailableError

        transport = self._transports.get(network.origin)
        if self._tiles:
            tiled = self._tiled(network.origin)
            if tiled is not None:
                return self._status_from_tiles(*tiled, transport, registration)
        if transport is None:
            raise NetworkUnavailableError(f"no connection configured for {network.origin}")
        note = transport.checkpoint()
        latest = Checkpoint.parse(parse_note(note).text)
        old_size = registration.checkpoint.size
        proof = transport.consistency_proof(old_size, latest.size) if latest.size > old_size else []
        entry = registration.entry
        found = transport.lookup(entry.issuer, entry.kind, entry.number)
        superseded_by = None
        for item in found.get("entries", []):
            later = item.get("superseded_by") if isinstance(item, dict) else None
            if item.get("index") == registration.index and isinstance(later, int):
                superseded_by = self._receipt(transport, later, latest.size, note)
        revocation = None
        member = transport.member(entry.issuer)
        revoked = member.get("revoked_index")
        if isinstance(revoked, int):
            revocation = self._receipt(transport, revoked, latest.size, note)
        return OnlineStatus(
            checkpoint=note,
            consistency_proof=tuple(proof),
            superseded_by=superseded_by,
            revocation=revocation,
        )

    @staticmethod
    def _receipt(transport: Transport, index: int, size: int, note: str) -> Receipt | None:
        if index >= size:  # not yet in the witnessed checkpoint: news for next time
            return None
        return Receipt(
            extra=transport.entry(index),
            index=index,
            proof=tuple(transport.inclusion_proof(index, size)),
            checkpoint=note,
        )

    def _tiled(self, origin: str) -> tuple[TileReader, str, Checkpoint] | None:
        """The tiles reader that publishes ``origin``'s log, its checkpoint note and body."""
        errors: list[ExporterError] = []
        for reader in self._tiles:
            try:
                note = reader.checkpoint()
                latest = Checkpoint.parse(parse_note(note).text)
            except TrustnetError as exc:
                errors.append(exc)
                continue
            if latest.origin == origin:
                return reader, note, latest
        if errors and len(errors) == len(self._tiles):
            raise NetworkUnavailableError(f"no published tiles could be read: {errors[0]}")
        return None

    def _status_from_tiles(
        self,
        reader: TileReader,
        note: str,
        latest: Checkpoint,
        transport: Transport | None,
        registration: ReceiptCheck,
    ) -> OnlineStatus:
        old_size = registration.checkpoint.size
        if latest.size < old_size:
            # The tiles lag behind the log (publishing is delayed): no news yet, not a fork.
            raise NetworkUnavailableError(
                f"the published tiles (size {latest.size}) are older than the receipt "
                f"(size {old_size})"
            )
        proof = reader.consistency_proof(old_size, latest.size) if latest.size > old_size else []
        try:
            if transport is None:
                raise NetworkUnavailableError("no API configured")
            superseded_index, revoked_index = self._indices_from_api(transport, registration)
        except TrustnetError:  # no API, or it is down: the tiles alone can tell
            superseded_index, revoked_index = self._indices_from_scan(
                reader, latest.size, registration
            )

        def receipt(index: int | None) -> Receipt | None:
            if index is None or index >= latest.size:
                return None
            return Receipt(
                extra=reader.entry(index, latest.size),
                index=index,
                proof=tuple(reader.inclusion_proof(index, latest.size)),
                checkpoint=note,
            )

        return OnlineStatus(
            checkpoint=note,
            consistency_proof=tuple(proof),
            superseded_by=receipt(superseded_index),
            revocation=receipt(revoked_index),
        )

    @staticmethod
    def _indices_from_api(
        transport: Transport, registration: ReceiptCheck
    ) -> tuple[int | None, int | None]:
        entry = registration.entry
        superseded = None
        for item in transport.lookup(entry.issuer, entry.kind, entry.number).get("entries", []):
            later = item.get("superseded_by") if isinstance(item, dict) else None
            if item.get("index") == registration.index and isinstance(later, int):
                superseded = later
        revoked = transport.member(entry.issuer).get("revoked_index")
        return superseded, revoked if isinstance(revoked, int) else None

    def _indices_from_scan(
        self, reader: TileReader, size: int, registration: ReceiptCheck
    ) -> tuple[int | None, int | None]:
        """The first later entry superseding this one, and the issuer's revocation, if any."""
        start = registration.index + 1
        if size - start > self._max_scan:
            raise NetworkUnavailableError(
                f"{size - start} entries were registered since; too many to read from tiles "
                "without the network's API"
            )
        entry, wanted = registration.entry, registration.leaf_hash.hex()
        superseded = revoked = None
        for offset, data in enumerate(reader.entries(start, size, size)):
            try:
                later = Entry.parse(data)
            except TrustnetError:
                continue  # not ours to judge here; the log accepted it
            if later.issuer == entry.issuer and later.supersedes == wanted and superseded is None:
                superseded = start + offset
            if later.kind == "revocation" and later.number == entry.issuer and revoked is None:
                revoked = start + offset
        return superseded, revoked
