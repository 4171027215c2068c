"""The log's side of c2sp.org/tlog-witness: ask each witness to cosign a new checkpoint.

Each witness is asked with the old size the log believes it knows and a consistency proof from
there; a 409 tells the witness's real size, and the request is sent again from that size. Network
errors are retried a bounded number of times; a witness that still fails is skipped for this
checkpoint and rested with exponential back-off, so one dead witness never stalls the log.
Only cosignature lines that verify with the witness's pinned key are kept.

The exchange with one witness is written once (:meth:`Cosigner._exchange`, a generator of
requests) and driven either synchronously (``requests``, on a thread) or on an event loop
(:meth:`HttpWitnessEndpoint.add_checkpoint_async`): a server's publisher runs on the loop, where a
thread would have to win the GIL back from the busy request handlers for every socket read.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Generator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

import requests

from exporter_desk.notary.witness import (
    MAX_REQUEST_SIZE,
    Witness,
    WitnessReply,
    format_add_checkpoint,
)
from exporter_desk.trustnet import NoteError, TrustnetError, Verifier, verify_cosignature

__all__ = [
    "ConfiguredWitness",
    "Cosigner",
    "HttpWitnessEndpoint",
    "InProcessWitnessEndpoint",
    "WitnessEndpoint",
    "WitnessUnavailable",
]

_log = logging.getLogger(__name__)

ProofSource = Callable[[int, int], list[bytes]]
"""``proof(old_size, new_size)``: the consistency proof between two sizes (thread-safe)."""

_MAX_HEADER_LINES = 100


class WitnessUnavailable(Exception):
    """The witness could not be reached or did not answer in time."""


class WitnessEndpoint(Protocol):
    """Where to send an add-checkpoint request body; returns the witness's reply.

    Both methods raise :class:`WitnessUnavailable` if the witness cannot be reached.
    """

    def add_checkpoint(self, body: bytes) -> WitnessReply: ...

    async def add_checkpoint_async(self, body: bytes) -> WitnessReply: ...


class HttpWitnessEndpoint:
    """A witness over HTTP (``POST <url>/add-checkpoint``), with keep-alive and timeouts."""

    def __init__(
        self, url: str, *, connect_timeout: float = 2.0, read_timeout: float = 5.0
    ) -> None:
        self._url = url.rstrip("/") + "/add-checkpoint"
        parts = urlsplit(self._url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"witness URL {url!r} is not an http(s) URL")
        self._host = parts.hostname
        self._port = parts.port or (443 if parts.scheme == "https" else 80)
        self._tls = parts.scheme == "https"
        self._path = parts.path or "/add-checkpoint"
        self._host_header = parts.netloc
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._session = requests.Session()
        self._stream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    def add_checkpoint(self, body: bytes) -> WitnessReply:
        try:
            response = self._session.post(
                self._url,
                data=body,
                timeout=(self._connect_timeout, self._read_timeout),
                headers={"Content-Type": "text/plain; charset=utf-8"},
                allow_redirects=False,
            )
            content = response.content[:MAX_REQUEST_SIZE]
        except requests.RequestException as exc:
            raise WitnessUnavailable(f"{self._url}: {exc}") from exc
        return WitnessReply(response.status_code, response.headers.get("Content-Type", ""), content)

    async def add_checkpoint_async(self, body: bytes) -> WitnessReply:
        """The same request on the running event loop: HTTP/1.1, one kept-alive connection.

        A kept-alive connection the witness has closed in the meantime is replaced once,
        silently, as any HTTP client does (resending is safe: see :class:`Cosigner`).
        """
        for fresh in (self._stream is None, True):
            try:
                return await asyncio.wait_for(self._exchange(body), self._read_timeout)
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
                self._close_stream()
                if fresh or isinstance(exc, TimeoutError):
                    raise WitnessUnavailable(f"{self._url}: {exc!r}") from exc
        raise AssertionError("unreachable")

    async def _exchange(self, body: bytes) -> WitnessReply:
        if self._stream is None:
            self._stream = await asyncio.wait_for(
                asyncio.open_connection(self._host, self._port, ssl=self._tls or None),
                self._connect_timeout,
            )
        reader, writer = self._stream
        writer.write(
            (
                f"POST {self._path} HTTP/1.1\r\nHost: {self._host_header}\r\n"
                "Content-Type: text/plain; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode("ascii")
            + body
        )
        await writer.drain()
        status_line = await reader.readuntil(b"\r\n")
        version, _, rest = status_line.decode("latin-1").partition(" ")
        if not version.startswith("HTTP/1.") or not rest[:3].isdigit():
            raise ValueError(f"not an HTTP/1.x response: {status_line[:60]!r}")
        headers: dict[str, str] = {}
        for _ in range(_MAX_HEADER_LINES):
            line = await reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        else:
            raise ValueError("too many response headers")
        if headers.get("transfer-encoding", "").lower() == "chunked":
            content = await _read_chunked(reader)
        else:
            length = int(headers.get("content-length", "0"))
            if not 0 <= length <= MAX_REQUEST_SIZE:
                raise ValueError(f"response of {length} bytes")
            content = await reader.readexactly(length)
        if headers.get("connection", "").lower() == "close":
            self._close_stream()
        return WitnessReply(int(rest[:3]), headers.get("content-type", ""), content)

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            stream[1].close()


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return b"".join(chunks)
        total += size
        if total > MAX_REQUEST_SIZE:
            raise ValueError("chunked response too large")
        chunks.append(await reader.readexactly(size))
        await reader.readexactly(2)


class InProcessWitnessEndpoint:
    """A witness in this process, called directly: the same code path as its HTTP handler."""

    def __init__(self, witness: Witness) -> None:
        self._witness = witness

    def add_checkpoint(self, body: bytes) -> WitnessReply:
        return self._witness.add_checkpoint(body)

    async def add_checkpoint_async(self, body: bytes) -> WitnessReply:
        return self._witness.add_checkpoint(body)


@dataclass(frozen=True, slots=True)
class ConfiguredWitness:
    """A witness of the policy: its policy name, pinned key, and how to reach it."""

    name: str
    verifier: Verifier
    endpoint: WitnessEndpoint


_Exchange = Generator[tuple[bytes, float], WitnessReply | WitnessUnavailable, str | None]
"""Yields (request body, seconds to wait before sending it); is sent each reply or failure;
returns the verified cosignature line, or None."""


class Cosigner:
    """Collects cosignatures for the log's checkpoints from the configured witnesses.

    ``known_sizes`` (policy name -> size) is the starting guess of what each witness last
    cosigned; it is updated as witnesses answer, and :attr:`known_sizes` exposes it for storage.
    """

    def __init__(
        self,
        witnesses: Sequence[ConfiguredWitness],
        proofs: ProofSource,
        *,
        known_sizes: Mapping[str, int] | None = None,
        attempts: int = 3,
        retry_delay: float = 0.05,
        rest_max: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._witnesses = tuple(witnesses)
        self._proofs = proofs
        self._known = dict(known_sizes or {})
        self._attempts = attempts
        self._retry_delay = retry_delay
        self._rest_max = rest_max
        self._clock = clock
        self._rest_until: dict[str, float] = {}
        self._failures: dict[str, int] = {}
        self._lock = threading.Lock()
        self._pool = (
            ThreadPoolExecutor(max_workers=len(self._witnesses), thread_name_prefix="cosign")
            if len(self._witnesses) > 1
            else None
        )

    @property
    def known_sizes(self) -> dict[str, int]:
        with self._lock:
            return dict(self._known)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)

    def cosign(self, note: str, size: int) -> dict[str, str]:
        """Ask every witness not resting to cosign ``note`` (tree ``size``), blocking.

        Returns the verified cosignature line of each witness that cosigned, by policy name.
        """
        due = self._due()
        if self._pool is None or len(due) <= 1:
            results = [self._drive(w, note, size) for w in due]
        else:
            results = list(self._pool.map(lambda w: self._drive(w, note, size), due))
        return self._record(due, results)

    async def cosign_async(self, note: str, size: int) -> dict[str, str]:
        """:meth:`cosign` on the running event loop, asking all witnesses concurrently."""
        due = self._due()
        results = await asyncio.gather(*(self._drive_async(w, note, size) for w in due))
        return self._record(due, list(results))

    def _due(self) -> list[ConfiguredWitness]:
        now = self._clock()
        return [w for w in self._witnesses if self._rest_until.get(w.name, 0.0) <= now]

    def _record(self, due: list[ConfiguredWitness], results: list[str | None]) -> dict[str, str]:
        lines: dict[str, str] = {}
        for witness, line in zip(due, results, strict=True):
            if line is None:
                failures = self._failures.get(witness.name, 0) + 1
                self._failures[witness.name] = failures
                self._rest_until[witness.name] = self._clock() + min(
                    self._rest_max, 0.25 * 2 ** min(failures, 16)
                )
            else:
                self._failures.pop(witness.name, None)
                self._rest_until.pop(witness.name, None)
                lines[witness.name] = line
        return lines

    def _drive(self, witness: ConfiguredWitness, note: str, size: int) -> str | None:
        exchange = self._exchange(witness, note, size)
        try:
            body, delay = next(exchange)
            while True:
                if delay:
                    time.sleep(delay)
                try:
                    reply: WitnessReply | WitnessUnavailable = witness.endpoint.add_checkpoint(body)
                except WitnessUnavailable as exc:
                    reply = exc
                body, delay = exchange.send(reply)
        except StopIteration as done:
            result: str | None = done.value
            return result

    async def _drive_async(self, witness: ConfiguredWitness, note: str, size: int) -> str | None:
        exchange = self._exchange(witness, note, size)
        try:
            body, delay = next(exchange)
            while True:
                if delay:
                    await asyncio.sleep(delay)
                try:
                    reply: (
                        WitnessReply | WitnessUnavailable
                    ) = await witness.endpoint.add_checkpoint_async(body)
                except WitnessUnavailable as exc:
                    reply = exc
                body, delay = exchange.send(reply)
        except StopIteration as done:
            result: str | None = done.value
            return result

    def _exchange(self, witness: ConfiguredWitness, note: str, size: int) -> _Exchange:
        with self._lock:
            old = self._known.get(witness.name, 0)
        if old > size:
            old = 0  # our record is ahead of this log: let the witness tell us (409)
        delay = 0.0
        for attempt in range(self._attempts):
            try:
                proof = [] if old in (0, size) else self._proofs(old, size)
            except TrustnetError as exc:
                _log.error("no consistency proof from %d to %d: %s", old, size, exc)
                return None
            reply = yield format_add_checkpoint(old, proof, note), delay
            delay = 0.0
            if isinstance(reply, WitnessUnavailable):
                _log.warning("witness %s: attempt %d failed: %s", witness.name, attempt + 1, reply)
                delay = self._retry_delay * (2**attempt)
                continue
            if reply.status == 200:
                line = _verified_line(reply.body, note, witness)
                if line is None:
                    _log.warning("witness %s answered without a valid cosignature", witness.name)
                    return None
                with self._lock:
                    self._known[witness.name] = size
                return line
            known = reply.known_size
            if reply.status == 409 and known is not None and known != old:
                if known > size:
                    _log.error(
                        "witness %s has cosigned size %d, larger than this log's %d",
                        witness.name,
                        known,
                        size,
                    )
                    return None
                with self._lock:
                    self._known[witness.name] = known
                old = known
                continue
            _log.warning(
                "witness %s refused checkpoint %d: %d %s",
                witness.name,
                size,
                reply.status,
                reply.body[:200].decode("utf-8", "replace").strip(),
            )
            return None
        return None


def _verified_line(body: bytes, note: str, witness: ConfiguredWitness) -> str | None:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    for line in text.splitlines():
        if not line.startswith("\u2014 "):
            continue
        try:
            verify_cosignature(note, line, witness.verifier)
        except (NoteError, TrustnetError):
            continue  # another key of the witness, or garbage: ignored, as the spec asks
        return line + "\n"
    return None
