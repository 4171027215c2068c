"""Receipts: C2SP transparency-log proofs (c2sp.org/tlog-proof@v1), parsed and formatted.

A receipt is self-contained and verifiable offline against the pinned log and witness keys::

    c2sp.org/tlog-proof@v1
    extra <base64 of the entry bytes>
    index <zero-based index of the entry, decimal>
    <inclusion proof hashes, base64, one a line, leaf side first>

    <the checkpoint note, verbatim, with the log signature and witness cosignatures>

This module only reads and writes the format; :func:`exporter_desk.trustnet.policy.verify_receipt`
checks one against a network's trust policy.
"""

from __future__ import annotations

from dataclasses import dataclass

from exporter_desk.trustnet.checkpoint import Checkpoint
from exporter_desk.trustnet.encoding import decode_base64, encode_base64, parse_decimal
from exporter_desk.trustnet.errors import CheckpointError, NoteError, ReceiptError
from exporter_desk.trustnet.merkle import HASH_SIZE, MAX_TREE_SIZE
from exporter_desk.trustnet.note import MAX_NOTE_SIZE, parse_note

__all__ = [
    "MAX_PROOF_HASHES",
    "MAX_RECEIPT_SIZE",
    "PROOF_HEADER",
    "RECEIPT_NAME",
    "Receipt",
    "format_proof",
    "parse_proof",
]

RECEIPT_NAME = "receipt.tlog-proof"
"""The name of the receipt embedded in an issued PDF (an associated file, DESIGN.md section 3)."""

PROOF_HEADER = "c2sp.org/tlog-proof@v1"
"""The first line of every receipt."""

MAX_PROOF_HASHES = 64
"""An inclusion proof in a tree of fewer than 2^64 leaves has at most 64 hashes."""

MAX_RECEIPT_SIZE = MAX_NOTE_SIZE + (1 << 16)
"""A receipt larger than this many bytes is refused unread."""

_DAMAGED = (
    "The registration receipt is damaged: it is not a valid transparency-log proof. "
    "The registration cannot be confirmed."
)


@dataclass(frozen=True, slots=True)
class Receipt:
    """A tlog-proof: the entry bytes (its ``extra``), index, inclusion proof and checkpoint note.

    ``extra`` is None when the proof has no extra line; ours always carry the entry there.
    The data is not authenticated until it is verified against a trust policy.
    """

    extra: bytes | None
    index: int
    proof: tuple[bytes, ...]
    checkpoint: str

    def __post_init__(self) -> None:
        if self.extra is not None and not isinstance(self.extra, bytes):
            raise ReceiptError("receipt extra data is not bytes", user_message=_DAMAGED)
        if isinstance(self.index, bool) or not isinstance(self.index, int):
            raise ReceiptError("receipt index is not an integer", user_message=_DAMAGED)
        if not 0 <= self.index < MAX_TREE_SIZE:
            raise ReceiptError(f"receipt index {self.index} is out of range", user_message=_DAMAGED)
        if not isinstance(self.proof, tuple) or len(self.proof) > MAX_PROOF_HASHES:
            raise ReceiptError(
                "receipt proof is not a tuple of at most 64 hashes", user_message=_DAMAGED
            )
        for digest in self.proof:
            if not isinstance(digest, bytes) or len(digest) != HASH_SIZE:
                raise ReceiptError("receipt proof hash is not 32 bytes", user_message=_DAMAGED)
        if not isinstance(self.checkpoint, str):
            raise ReceiptError("receipt checkpoint is not text", user_message=_DAMAGED)
        try:
            Checkpoint.parse(parse_note(self.checkpoint).text)
        except (NoteError, CheckpointError) as exc:
            raise ReceiptError(
                f"receipt checkpoint is malformed: {exc}", user_message=_DAMAGED
            ) from exc


def parse_proof(text: str | bytes) -> Receipt:
    """Parse a ``c2sp.org/tlog-proof@v1`` receipt; ``format_proof`` gives back the same bytes.

    Raises:
        ReceiptError: if the text is not UTF-8 or too large, the header is wrong, the extra data
            or a proof hash is not canonical base64 (a hash not 32 bytes), the index is not a
            canonical decimal, the blank line is missing, or the checkpoint note is malformed.
    """
    if isinstance(text, bytes | bytearray):
        if len(text) > MAX_RECEIPT_SIZE:
            raise ReceiptError(f"receipt is {len(text)} bytes, too large", user_message=_DAMAGED)
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ReceiptError("receipt is not valid UTF-8", user_message=_DAMAGED) from exc
    if not isinstance(text, str):
        raise ReceiptError("receipt is not text", user_message=_DAMAGED)
    if len(text) > MAX_RECEIPT_SIZE:
        raise ReceiptError("receipt is too large", user_message=_DAMAGED)

    lines = _Lines(text)
    if lines.take() != PROOF_HEADER:
        raise ReceiptError(f"receipt does not start with {PROOF_HEADER}", user_message=_DAMAGED)
    line = lines.take()
    extra: bytes | None = None
    if line.startswith("extra "):
        extra = decode_base64(line[len("extra ") :])
        if extra is None:
            raise ReceiptError("receipt extra data is not canonical base64", user_message=_DAMAGED)
        line = lines.take()
    if not line.startswith("index "):
        raise ReceiptError("receipt has no index line", user_message=_DAMAGED)
    index = parse_decimal(line[len("index ") :], maximum=MAX_TREE_SIZE - 1)
    if index is None:
        raise ReceiptError("receipt index is not a canonical decimal", user_message=_DAMAGED)
    proof: list[bytes] = []
    while (line := lines.take()) != "":
        digest = decode_base64(line)
        if digest is None or len(digest) != HASH_SIZE:
            raise ReceiptError(
                f"receipt proof line {len(proof) + 1} is not base64 of a 32-byte hash",
                user_message=_DAMAGED,
            )
        if len(proof) == MAX_PROOF_HASHES:
            raise ReceiptError("receipt proof has more than 64 hashes", user_message=_DAMAGED)
        proof.append(digest)
    return Receipt(extra=extra, index=index, proof=tuple(proof), checkpoint=lines.rest())


def format_proof(receipt: Receipt) -> str:
    """Return the ``c2sp.org/tlog-proof@v1`` text of a receipt."""
    parts = [PROOF_HEADER + "\n"]
    if receipt.extra is not None:
        parts.append(f"extra {encode_base64(receipt.extra)}\n")
    parts.append(f"index {receipt.index}\n")
    parts.extend(encode_base64(digest) + "\n" for digest in receipt.proof)
    parts.append("\n")
    parts.append(receipt.checkpoint)
    return "".join(parts)


class _Lines:
    """Reads newline-terminated lines off the front of a text; a missing newline is an error."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._position = 0

    def take(self) -> str:
        end = self._text.find("\n", self._position)
        if end < 0:
            raise ReceiptError("receipt ends before its checkpoint", user_message=_DAMAGED)
        line = self._text[self._position : end]
        self._position = end + 1
        return line

    def rest(self) -> str:
        return self._text[self._position :]
