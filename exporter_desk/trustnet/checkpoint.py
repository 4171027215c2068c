"""C2SP checkpoints (c2sp.org/tlog-checkpoint) and their witness cosignatures (tlog-cosignature).

A checkpoint is the log's signed tree head: a note whose text is the origin line, the tree size
and the base64 root hash (then optional extension lines, which we parse but never emit). The log
signs it with Ed25519 (type 0x01) under a key named after the origin; witnesses add timestamped
``cosignature/v1`` signatures (type 0x04) that say "as of this time, this is the largest tree I
have seen for this log, and it is consistent with everything I saw before".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from exporter_desk.trustnet.encoding import decode_hash, encode_base64, parse_size
from exporter_desk.trustnet.errors import CheckpointError, NoteError
from exporter_desk.trustnet.merkle import HASH_SIZE, MAX_TREE_SIZE
from exporter_desk.trustnet.note import (
    SIGNATURE_TYPE_COSIGNATURE_V1,
    SIGNATURE_TYPE_ED25519,
    NoteSignature,
    Signer,
    Verifier,
    add_signature_lines,
    generate_key,
    open_note,
    parse_note,
    parse_signature_line,
    parse_signer_key,
    parse_verifier_key,
    sign_note,
)

__all__ = [
    "Checkpoint",
    "Cosignature",
    "VerifiedCheckpoint",
    "add_cosignatures",
    "checkpoint_body",
    "cosign_checkpoint",
    "generate_witness_key",
    "open_checkpoint",
    "sign_checkpoint",
    "verify_cosignature",
]

_CONTROL = re.compile(r"[\x00-\x1f]")


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A tree head: the log's origin, the tree size and its root hash.

    ``extensions`` holds extension lines found by :meth:`parse`; :meth:`format` never emits them
    (our checkpoints carry none). Verify signatures over the received text, not over ``format()``.
    """

    origin: str
    size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.origin, str) or not self.origin or _CONTROL.search(self.origin):
            raise CheckpointError(f"checkpoint origin {self.origin!r} is empty or not one line")
        if isinstance(self.size, bool) or not isinstance(self.size, int):
            raise CheckpointError("checkpoint size is not an integer")
        if not 0 <= self.size <= MAX_TREE_SIZE:
            raise CheckpointError(f"checkpoint size {self.size} is outside [0, 2^64)")
        if not isinstance(self.root_hash, bytes) or len(self.root_hash) != HASH_SIZE:
            raise CheckpointError("checkpoint root hash is not 32 bytes")
        for line in self.extensions:
            if not isinstance(line, str) or not line or _CONTROL.search(line):
                raise CheckpointError("checkpoint extension line is empty or not one line")

    @classmethod
    def parse(cls, text: str | bytes) -> Checkpoint:
        """Parse a checkpoint body (the note text, without signatures).

        Raises:
            CheckpointError: if the text is not UTF-8, does not end in a newline, has fewer than
                three lines, an empty line, a size that is not canonical decimal below 2^64, or a
                root hash that is not canonical base64 of 32 bytes.
        """
        if isinstance(text, bytes | bytearray):
            try:
                text = bytes(text).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise CheckpointError("checkpoint is not valid UTF-8") from exc
        if not isinstance(text, str):
            raise CheckpointError("checkpoint is not text")
        if not text.endswith("\n"):
            raise CheckpointError("checkpoint does not end with a newline")
        lines = text[:-1].split("\n")
        if len(lines) < 3:
            raise CheckpointError(f"checkpoint has {len(lines)} lines, at least 3 are needed")
        origin, size_text, root_text, *extensions = lines
        size = parse_size(size_text)
        if size is None:
            raise CheckpointError(f"checkpoint size {size_text[:40]!r} is not a canonical decimal")
        root = decode_hash(root_text)
        if root is None:
            raise CheckpointError("checkpoint root hash is not canonical base64 of 32 bytes")
        return cls(origin, size, root, tuple(extensions))

    def format(self) -> str:
        """Return the checkpoint body: origin, size and root hash lines (no extension lines)."""
        return f"{self.origin}\n{self.size}\n{encode_base64(self.root_hash)}\n"


@dataclass(frozen=True, slots=True)
class Cosignature:
    """A verified witness cosignature: the witness key, and the time it vouched for."""

    verifier: Verifier
    timestamp: int


@dataclass(frozen=True, slots=True)
class VerifiedCheckpoint:
    """A checkpoint opened with trusted keys.

    ``log_ok`` says the pinned log signed it; ``cosigners`` maps each witness key name whose
    cosignature verified to its timestamp (``cosignatures`` keeps the keys themselves).
    ``unknown_signers`` names the signatures by keys that are not pinned: never trusted, but
    they tell a verifier whose witness list is older than the log's.
    """

    checkpoint: Checkpoint
    log_ok: bool
    cosigners: Mapping[str, int]
    cosignatures: tuple[Cosignature, ...]
    unknown_signers: tuple[str, ...] = ()


def checkpoint_body(note_or_body: str) -> str:
    """Return the checkpoint body of a signed checkpoint note, or the body itself if unsigned.

    Raises:
        NoteError: if a signed note is malformed.
        CheckpointError: if the body is not a checkpoint.
    """
    body = parse_note(note_or_body).text if "\n\n" in note_or_body else note_or_body
    Checkpoint.parse(body)
    return body


def sign_checkpoint(checkpoint: Checkpoint, log_signer: Signer | str) -> str:
    """Sign ``checkpoint`` as the log and return the note (body, blank line, log signature).

    Raises:
        CheckpointError: if the key is not an Ed25519 (0x01) key named after the origin.
        NoteError: if the signer key string is malformed.
    """
    signer = parse_signer_key(log_signer) if isinstance(log_signer, str) else log_signer
    if signer.key_type != SIGNATURE_TYPE_ED25519:
        raise CheckpointError(f"log key {signer.name!r} is not an Ed25519 (0x01) key")
    if signer.name != checkpoint.origin:
        raise CheckpointError(
            f"log key is named {signer.name!r} but the checkpoint origin is {checkpoint.origin!r}"
        )
    return sign_note(checkpoint.format(), [signer])


def generate_witness_key(name: str) -> tuple[str, str]:
    """Generate a witness cosigning key (type 0x04); return ``(signer_key, verifier_key)``.

    Raises:
        NoteError: if ``name`` is not a valid key name.
    """
    return generate_key(name, SIGNATURE_TYPE_COSIGNATURE_V1)


def cosign_checkpoint(note_or_body: str, witness_signer: Signer | str, now: int) -> str:
    """Return a witness's ``cosignature/v1`` signature line for a checkpoint, dated ``now``.

    This only signs: a witness must first have checked the log signature and a consistency proof
    from the largest tree it saw before.

    Raises:
        CheckpointError: if the body is not a checkpoint or the key is not a 0x04 key.
        NoteError: if the note or key string is malformed or ``now`` is out of range.
    """
    body = checkpoint_body(note_or_body)
    signer = parse_signer_key(witness_signer) if isinstance(witness_signer, str) else witness_signer
    if signer.key_type != SIGNATURE_TYPE_COSIGNATURE_V1:
        raise CheckpointError(f"witness key {signer.name!r} is not a cosignature (0x04) key")
    signature = signer.sign(body.encode("utf-8"), timestamp=now)
    return NoteSignature(signer.name, signer.key_id, signature).line


def verify_cosignature(
    note_or_body: str, signature: NoteSignature | str, witness_verifier: Verifier | str
) -> int:
    """Check one witness cosignature over a checkpoint and return the time it asserts.

    Raises:
        CheckpointError: if the body is not a checkpoint or the key is not a 0x04 key.
        NoteError: if the signature line is malformed, is not by this key, or does not verify.
    """
    body = checkpoint_body(note_or_body)
    verifier = _verifier(witness_verifier, SIGNATURE_TYPE_COSIGNATURE_V1, "witness")
    if isinstance(signature, str):
        signature = parse_signature_line(signature)
    if (signature.name, signature.key_id) != (verifier.name, verifier.key_id):
        raise NoteError(
            f"signature by {signature.name}+{signature.key_id:08x} is not by witness key "
            f"{verifier.name}+{verifier.key_id:08x}"
        )
    if not verifier.verify(body.encode("utf-8"), signature.signature):
        raise NoteError(f"invalid cosignature by witness {verifier.name!r}")
    timestamp = signature.timestamp
    if timestamp is None:  # unreachable: a verified 0x04 signature has its 8-byte timestamp
        raise NoteError(f"cosignature by witness {verifier.name!r} has no timestamp")
    return timestamp


def add_cosignatures(note: str, lines: Iterable[str]) -> str:
    """Append witness cosignature lines to a signed checkpoint note (replacing older ones).

    Raises:
        NoteError: if the note or a line is malformed, or there are too many signatures.
    """
    return add_signature_lines(note, lines)


def open_checkpoint(
    note: str | bytes,
    log_verifiers: Verifier | str | Iterable[Verifier | str],
    witness_verifiers: Iterable[Verifier | str] = (),
) -> VerifiedCheckpoint:
    """Open a signed checkpoint with the pinned log key(s) and witness keys.

    The log key's name must be the checkpoint's origin. If only witnesses signed, the result has
    ``log_ok`` False: a caller that needs the log's own signature checks it.

    Raises:
        NoteError: if the note is malformed, a signature from a known key does not verify, or no
            known key signed it.
        CheckpointError: if the text is not a checkpoint, a key has the wrong type, or no pinned
            log key is named after the checkpoint's origin.
    """
    if isinstance(log_verifiers, Verifier | str):
        log_verifiers = [log_verifiers]
    logs = [_verifier(item, SIGNATURE_TYPE_ED25519, "log") for item in log_verifiers]
    witnesses = [
        _verifier(item, SIGNATURE_TYPE_COSIGNATURE_V1, "witness") for item in witness_verifiers
    ]
    checkpoint = Checkpoint.parse(parse_note(note).text)
    if not any(log.name == checkpoint.origin for log in logs):
        raise CheckpointError(
            f"checkpoint origin {checkpoint.origin!r} is not the name of a pinned log key",
            user_message=(
                "This checkpoint comes from a different transparency log than the one pinned for "
                "this trust network."
            ),
        )
    opened = open_note(note, [*logs, *witnesses])
    log_ok = False
    cosignatures: list[Cosignature] = []
    for item in opened.verified:
        if item.verifier.key_type == SIGNATURE_TYPE_ED25519:
            if item.verifier.name != checkpoint.origin:
                raise CheckpointError(
                    f"log key {item.verifier.name!r} signed a checkpoint of origin "
                    f"{checkpoint.origin!r}"
                )
            log_ok = True
        elif item.timestamp is not None:
            cosignatures.append(Cosignature(item.verifier, item.timestamp))
    return VerifiedCheckpoint(
        checkpoint=checkpoint,
        log_ok=log_ok,
        cosigners=MappingProxyType({c.verifier.name: c.timestamp for c in cosignatures}),
        cosignatures=tuple(cosignatures),
        unknown_signers=tuple(sorted({item.name for item in opened.unverified})),
    )


def _verifier(item: Verifier | str, key_type: int, role: str) -> Verifier:
    verifier = parse_verifier_key(item) if isinstance(item, str) else item
    if verifier.key_type != key_type:
        raise CheckpointError(
            f"{role} key {verifier.name!r} has signature type 0x{verifier.key_type:02x}, "
            f"expected 0x{key_type:02x}"
        )
    return verifier
