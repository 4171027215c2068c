"""A C2SP tlog-witness (c2sp.org/tlog-witness): check a log's new checkpoint, then cosign it.

For each log it is configured with (origin and Ed25519 key), the witness keeps the latest
checkpoint it cosigned, durably, and moves it forward only along a verified consistency proof,
in one ``BEGIN IMMEDIATE`` transaction (an atomic compare-and-swap, even across processes). It
therefore never cosigns two checkpoints that are not consistent with each other.

:meth:`Witness.add_checkpoint` takes the request body and returns the HTTP reply; the HTTP server
and the in-process local network both call it, so both follow the same code path.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from exporter_desk.notary.db import WITNESS_SCHEMA, connect
from exporter_desk.trustnet import (
    SIGNATURE_TYPE_COSIGNATURE_V1,
    SIGNATURE_TYPE_ED25519,
    Checkpoint,
    CheckpointError,
    NoteError,
    ProofError,
    Signer,
    Verifier,
    cosign_checkpoint,
    open_checkpoint,
    parse_note,
    verify_consistency,
)
from exporter_desk.trustnet.encoding import decode_hash, encode_hash, parse_size

__all__ = [
    "MAX_PROOF_LINES",
    "MAX_REQUEST_SIZE",
    "SIZE_CONTENT_TYPE",
    "Witness",
    "WitnessReply",
    "format_add_checkpoint",
    "parse_add_checkpoint",
]

MAX_REQUEST_SIZE = 1 << 16
"""An add-checkpoint body larger than this is refused (400) before it is parsed."""

MAX_PROOF_LINES = 63
"""The spec's bound on consistency proof lines."""

SIZE_CONTENT_TYPE = "text/x.tlog.size"
"""Content type of a 409 reply: the witness's known tree size, then a newline."""

_TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True, slots=True)
class WitnessReply:
    """An add-checkpoint reply: HTTP status, content type and body."""

    status: int
    content_type: str
    body: bytes

    @property
    def known_size(self) -> int | None:
        """For a 409 reply, the tree size the witness knows; None if absent or malformed."""
        if self.status != 409 or not self.content_type.startswith(SIZE_CONTENT_TYPE):
            return None
        text = self.body.decode("ascii", "replace")
        if not text.endswith("\n"):
            return None
        return parse_size(text[:-1])


@dataclass(frozen=True, slots=True)
class AddCheckpointRequest:
    """A parsed add-checkpoint body; nothing in it is trusted yet."""

    old_size: int
    proof: tuple[bytes, ...]
    note: str


class _Malformed(Exception):
    """The request body is not an add-checkpoint request (reply 400)."""


def format_add_checkpoint(old_size: int, proof: Iterable[bytes], note: str) -> bytes:
    """Return an add-checkpoint request body: ``old N``, proof lines, a blank line, the note."""
    lines = [f"old {old_size}\n", *(encode_hash(digest) + "\n" for digest in proof), "\n"]
    return ("".join(lines) + note).encode("utf-8")


def parse_add_checkpoint(body: bytes) -> AddCheckpointRequest:
    """Parse an add-checkpoint request body, strictly.

    Raises:
        _Malformed: on anything but ``old <decimal>``, at most 63 base64 32-byte hashes, a blank
            line and a non-empty rest, all UTF-8 and within :data:`MAX_REQUEST_SIZE`.
    """
    if len(body) > MAX_REQUEST_SIZE:
        raise _Malformed(f"request is {len(body)} bytes, more than {MAX_REQUEST_SIZE}")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Malformed("request is not UTF-8") from exc
    position = 0
    lines: list[str] = []
    while True:
        end = text.find("\n", position)
        if end < 0:
            raise _Malformed("request ends before the blank line that precedes the checkpoint")
        line = text[position:end]
        position = end + 1
        if line == "":
            break
        lines.append(line)
        if len(lines) > MAX_PROOF_LINES + 1:
            raise _Malformed(f"more than {MAX_PROOF_LINES} consistency proof lines")
    if not lines or not lines[0].startswith("old "):
        raise _Malformed("request does not start with an 'old <size>' line")
    old_size = parse_size(lines[0][4:])
    if old_size is None:
        raise _Malformed("old size is not a canonical decimal")
    proof: list[bytes] = []
    for line in lines[1:]:
        digest = decode_hash(line)
        if digest is None:
            raise _Malformed("a consistency proof line is not base64 of a 32-byte hash")
        proof.append(digest)
    note = text[position:]
    if not note:
        raise _Malformed("request has no checkpoint")
    return AddCheckpointRequest(old_size, tuple(proof), note)


class Witness:
    """The witness: its cosigning key, the logs it watches, and its durable state."""

    def __init__(
        self,
        database: Path,
        signer: Signer,
        logs: Iterable[Verifier],
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if signer.key_type != SIGNATURE_TYPE_COSIGNATURE_V1:
            raise ValueError("a witness signs with a cosignature/v1 (0x04) key")
        self._signer = signer
        self._logs: dict[str, Verifier] = {}
        for verifier in logs:
            if verifier.key_type != SIGNATURE_TYPE_ED25519:
                raise ValueError(f"log key {verifier.name!r} is not an Ed25519 (0x01) key")
            self._logs[verifier.name] = verifier
        self._clock = clock
        self._conn = connect(database, schema=WITNESS_SCHEMA)
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._signer.name

    @property
    def verifier(self) -> Verifier:
        return self._signer.verifier()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def latest(self, origin: str) -> tuple[int, bytes] | None:
        """The size and root hash of the latest checkpoint cosigned for ``origin``, if any."""
        with self._lock:
            row = self._conn.execute(
                "SELECT size, root_hash FROM logs WHERE origin = ?", (origin,)
            ).fetchone()
        return None if row is None else (int(row[0]), bytes(row[1]))

    def add_checkpoint(self, body: bytes) -> WitnessReply:
        """Handle one add-checkpoint request; return the reply the spec prescribes.

        200 with cosignature lines; 400 malformed (or old size above the checkpoint's); 403 no
        valid signature by the log's key; 404 unknown origin; 409 old size is not the size this
        witness knows (body: that size), or same size with another root; 422 the consistency
        proof does not verify.
        """
        try:
            request = parse_add_checkpoint(body)
            checkpoint = Checkpoint.parse(parse_note(request.note).text)
        except (_Malformed, NoteError, CheckpointError) as exc:
            return _text(400, f"malformed add-checkpoint request: {exc}")

        verifier = self._logs.get(checkpoint.origin)
        if verifier is None:
            return _text(404, f"unknown log origin {checkpoint.origin[:100]!r}")
        try:
            opened = open_checkpoint(request.note, [verifier])
        except (NoteError, CheckpointError) as exc:
            return _text(403, f"checkpoint is not validly signed by the log: {exc}")
        if not opened.log_ok:
            return _text(403, "checkpoint is not signed by the log's key")
        if request.old_size > checkpoint.size:
            return _text(
                400, f"old size {request.old_size} is larger than checkpoint size {checkpoint.size}"
            )

        with self._lock:
            refusal = self._compare_and_swap(request, checkpoint, body)
        if refusal is not None:
            return refusal
        # Persisted before we answer; the cosignature asserts "the largest tree I saw, as of now".
        line = cosign_checkpoint(request.note, self._signer, int(self._clock()))
        return WitnessReply(200, _TEXT, line.encode("utf-8"))

    def _compare_and_swap(
        self, request: AddCheckpointRequest, checkpoint: Checkpoint, body: bytes
    ) -> WitnessReply | None:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute(
                "SELECT size, root_hash FROM logs WHERE origin = ?", (checkpoint.origin,)
            ).fetchone()
            known_size = 0 if row is None else int(row[0])
            known_root = None if row is None else bytes(row[1])
            refusal = self._check(request, checkpoint, known_size, known_root)
            if refusal is not None:
                if refusal.status in (409, 422) and known_root is not None:
                    # Validly signed by the log, yet not consistent with what we cosigned.
                    conn.execute(
                        "INSERT INTO evidence (origin, received, reason, request) "
                        "VALUES (?, ?, ?, ?)",
                        (
                            checkpoint.origin,
                            int(self._clock()),
                            refusal.body.decode("utf-8", "replace"),
                            body,
                        ),
                    )
                conn.execute("COMMIT")
                return refusal
            conn.execute(
                "INSERT INTO logs (origin, size, root_hash, note, updated) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (origin) DO UPDATE SET size = excluded.size, "
                "root_hash = excluded.root_hash, note = excluded.note, updated = excluded.updated",
                (
                    checkpoint.origin,
                    checkpoint.size,
                    checkpoint.root_hash,
                    request.note,
                    int(self._clock()),
                ),
            )
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
        return None

    @staticmethod
    def _check(
        request: AddCheckpointRequest,
        checkpoint: Checkpoint,
        known_size: int,
        known_root: bytes | None,
    ) -> WitnessReply | None:
        if request.old_size != known_size:
            return _size_conflict(known_size)
        if known_size == 0:  # every tree extends the empty one
            if request.proof:
                return _text(400, "old size is 0 but a consistency proof was sent")
            if (
                known_root is not None
                and checkpoint.size == 0
                and checkpoint.root_hash != known_root
            ):
                return _size_conflict(known_size)
            return None
        assert known_root is not None  # a row exists whenever the known size is not 0
        if request.old_size == checkpoint.size:
            if request.proof:
                return _text(422, "sizes are equal but the consistency proof is not empty")
            if checkpoint.root_hash != known_root:
                return _size_conflict(known_size)  # a fork: same size, another root
            return None
        try:
            verify_consistency(
                request.old_size, checkpoint.size, request.proof, known_root, checkpoint.root_hash
            )
        except ProofError as exc:
            return _text(422, f"consistency proof does not verify: {exc}")
        return None


def _size_conflict(known_size: int) -> WitnessReply:
    return WitnessReply(409, SIZE_CONTENT_TYPE, f"{known_size}\n".encode("ascii"))


def _text(status: int, message: str) -> WitnessReply:
    return WitnessReply(status, _TEXT, (message + "\n").encode("utf-8"))


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")
