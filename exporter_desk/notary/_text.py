"""Strict parsing of the small values in protocol text: sizes and base64 hashes, one spelling each."""

from __future__ import annotations

import base64
import binascii
import re

__all__ = ["decode_hash", "encode_hash", "parse_size"]

_DECIMAL = re.compile(r"0|[1-9][0-9]{0,19}")
_MAX_SIZE = 2**64 - 1


def parse_size(text: str) -> int | None:
    """Parse a tree size or index: ASCII decimal, no sign or leading zeros, below 2^64."""
    if not _DECIMAL.fullmatch(text):
        return None
    value = int(text)
    return value if value <= _MAX_SIZE else None


def decode_hash(text: str) -> bytes | None:
    """Decode canonical standard base64 of exactly 32 bytes, or return None."""
    if len(text) != 44:
        return None
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(data) != 32 or base64.b64encode(data).decode("ascii") != text:
        return None
    return data


def encode_hash(data: bytes) -> str:
    """Standard base64 with padding."""
    return base64.b64encode(data).decode("ascii")
