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

from exporter_desk.trustnet import Checkpoint, NetworkDescriptor, ReceiptCheck, parse_note
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
    from exporter_desk.verify.pack import PackVerdict

__all__ = [
    "FileVerdict",
    "NetworkOnlineChecker",
    "http_online_checker",
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


def verdicts_to_json(results: Sequence[FileVerdict]) -> str:
    """The report a user saves, and what ``exporter-desk verify --json`` prints."""
    items: list[dict[str, Any]] = [
        {"file": str(item.path), **item.verdict.to_json()}
        | ({"pack": item.pack.to_json()} if item.pack is not None else {})
        for item in results
    ]
    return json.dumps(items, ensure_ascii=False, indent=2)


class NetworkOnlineChecker:
    """Fetches a network's news for step 9 over a :class:`Transport`; judges nothing itself.

    ``transports`` maps a network origin to how to reach it; a network without one raises
    :class:`NetworkUnavailableError`, and the verdict stays "as of" the receipt's checkpoint.
    """

    def __init__(self, transports: dict[str, Transport]) -> None:
        self._transports = dict(transports)

    def fetch_status(self, network: NetworkDescriptor, registration: ReceiptCheck) -> OnlineStatus:
        from exporter_desk.trustnet.client import NetworkUnavailableError

        transport = self._transports.get(network.origin)
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


def http_online_checker(trust: Trust) -> NetworkOnlineChecker | None:
    """Step 9 over HTTP: a checker that asks each pinned network with an http(s) address; None
    when none has one (only the local network), so the verdict keeps its plain offline wording.

    Module-level, so that verify workers started by ``spawn`` can be handed it by name.
    """
    from exporter_desk.trustnet.client import HttpTransport

    transports: dict[str, Transport] = {
        network.origin: HttpTransport(network.api_url, attempts=2, timeout=10)
        for network in trust.networks
        if network.api_url.startswith(("http://", "https://"))
    }
    return NetworkOnlineChecker(transports) if transports else None
