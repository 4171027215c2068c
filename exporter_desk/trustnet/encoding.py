"""Strict, canonical encoding shared by client and server: one spelling per value, no surprises.

The protocol's text formats (here) and the notary's HTTP API (server side) both parse sizes and
hashes with these functions, so the two refuse exactly the same inputs. Every decoder returns
None on malformed input; the caller raises its own error with context.
"""

from __future__ import annotations

import base64
import binascii
import re

_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")

__all__ = [
    "MAX_SIZE",
    "decode_base64",
    "decode_hash",
    "encode_base64",
    "encode_hash",
    "parse_decimal",
    "parse_size",
]

MAX_SIZE = 2**64 - 1
"""The largest tree size or index the protocol spells (an unsigned 64-bit integer)."""
_HASH_SIZE = 32
_HASH_TEXT_LENGTH = 44  # base64 of 32 bytes, with its one "=" of padding


def decode_base64(text: str) -> bytes | None:
    """Decode standard (RFC 4648 §4) base64 with padding, only in its canonical spelling.

    Rejects characters outside the alphabet, missing or extra padding, and non-zero trailing
    bits, so that one value has exactly one encoding (no malleable signatures or hashes).
    """
    if len(text) % 4 != 0 or not _BASE64.fullmatch(text):
        return None
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    if base64.b64encode(data).decode("ascii") != text:
        return None
    return data


def encode_base64(data: bytes) -> str:
    """Encode standard base64 with padding."""
    return base64.b64encode(data).decode("ascii")


def parse_decimal(text: str, *, maximum: int) -> int | None:
    """Parse an ASCII decimal without sign or leading zeros, at most ``maximum``."""
    if len(text) > 20 or not _DECIMAL.fullmatch(text):
        return None
    value = int(text)
    return value if value <= maximum else None


def parse_size(text: str) -> int | None:
    """Parse a tree size or index: ASCII decimal, no sign or leading zeros, below 2^64."""
    return parse_decimal(text, maximum=MAX_SIZE)


def decode_hash(text: str) -> bytes | None:
    """Decode canonical standard base64 of exactly one 32-byte SHA-256 hash, or return None."""
    if len(text) != _HASH_TEXT_LENGTH:
        return None
    data = decode_base64(text)
    return data if data is not None and len(data) == _HASH_SIZE else None


def encode_hash(data: bytes) -> str:
    """Encode a hash as standard base64 with padding."""
    return encode_base64(data)
