"""Client and server spell sizes and hashes one way, and refuse exactly the same hostile text.

The notary (server) parses its request fields with :mod:`exporter_desk.trustnet.encoding`, the
module the protocol's own formats use, so a value the log client would refuse can never be
accepted by the witness, and the other way round.
"""

from __future__ import annotations

import base64
import hashlib

import pytest

from exporter_desk.notary.witness import _Malformed, parse_add_checkpoint
from exporter_desk.trustnet import Checkpoint, CheckpointError
from exporter_desk.trustnet.encoding import MAX_SIZE, decode_hash, encode_hash, parse_size

DIGEST = hashlib.sha256(b"leaf").digest()
GOOD_HASH = base64.b64encode(DIGEST).decode("ascii")
# The last character before "=" carries two spare bits; setting them spells the same bytes again.
_LAST = GOOD_HASH[42]
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
MALLEABLE_HASH = GOOD_HASH[:42] + _ALPHABET[_ALPHABET.index(_LAST) | 1] + "="

HOSTILE_SIZES = [
    "",
    "01",
    "00",
    "+1",
    "-1",
    " 1",
    "1 ",
    "1\r",
    "1.0",
    "1e3",
    "0x10",
    "1_000",
    "١٢",  # Arabic-Indic digits: int() would take them
    "１",  # a full-width digit
    str(MAX_SIZE + 1),
    "9" * 21,
    "0" * 400 + "1",
]
HOSTILE_HASHES = [
    "=" * 44,
    GOOD_HASH.rstrip("="),  # no padding
    GOOD_HASH + "=",  # extra padding
    GOOD_HASH.replace("=", "A"),  # 33 bytes
    MALLEABLE_HASH,  # non-zero trailing bits
    base64.urlsafe_b64encode(b"\xff" * 32).decode("ascii"),  # URL-safe alphabet
    base64.b64encode(b"\x00" * 31).decode("ascii"),  # 31 bytes
    base64.b64encode(b"\x00" * 33).decode("ascii"),  # 33 bytes
    " " + GOOD_HASH[1:],
    GOOD_HASH[:20] + "\t" + GOOD_HASH[21:],
    GOOD_HASH[:43] + "\u00e9",
]
GOOD_SIZES = ["0", "1", "10", "4096", str(MAX_SIZE)]


def test_the_malleable_hash_really_decodes_to_the_same_bytes_under_lax_base64() -> None:
    assert MALLEABLE_HASH != GOOD_HASH
    assert base64.b64decode(MALLEABLE_HASH) == DIGEST


def _trustnet_size(text: str) -> int | None:
    try:
        return Checkpoint.parse(f"example.org/log\n{text}\n{GOOD_HASH}\n").size
    except CheckpointError:
        return None


def _trustnet_hash(text: str) -> bytes | None:
    try:
        return Checkpoint.parse(f"example.org/log\n1\n{text}\n").root_hash
    except CheckpointError:
        return None


def _notary_size(text: str) -> int | None:
    try:
        return parse_add_checkpoint(f"old {text}\n\nnote\n".encode()).old_size
    except _Malformed:
        return None


def _notary_hash(text: str) -> bytes | None:
    try:
        (digest,) = parse_add_checkpoint(f"old 1\n{text}\n\nnote\n".encode()).proof
    except _Malformed:
        return None
    return digest


@pytest.mark.parametrize("text", HOSTILE_SIZES)
def test_a_hostile_size_is_refused_by_the_protocol_and_by_the_notary(text: str) -> None:
    assert parse_size(text) is None
    assert _trustnet_size(text) is None
    assert _notary_size(text) is None


@pytest.mark.parametrize("text", GOOD_SIZES)
def test_a_canonical_size_reads_the_same_on_both_sides(text: str) -> None:
    assert parse_size(text) == _trustnet_size(text) == _notary_size(text) == int(text)


@pytest.mark.parametrize("text", HOSTILE_HASHES)
def test_a_hostile_hash_is_refused_by_the_protocol_and_by_the_notary(text: str) -> None:
    assert decode_hash(text) is None
    assert _trustnet_hash(text) is None
    assert _notary_hash(text) is None


def test_a_canonical_hash_reads_the_same_on_both_sides_and_spells_back_the_same() -> None:
    assert decode_hash(GOOD_HASH) == _trustnet_hash(GOOD_HASH) == _notary_hash(GOOD_HASH) == DIGEST
    assert encode_hash(DIGEST) == GOOD_HASH
