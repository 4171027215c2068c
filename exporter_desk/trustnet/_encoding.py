"""Strict, canonical decoding shared by the text formats: one spelling per value, no surprises.

Every function returns None on malformed input; the caller raises its own error with context.
"""

from __future__ import annotations

import base64
import binascii
import re

_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")


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
