"""The verifier's reader reads a PDF hex string at C speed, with pyHanko's result.

pyHanko reads a hex string ``<...>`` one byte at a time, three Python calls per byte. A
signature's /Contents is thousands of hex digits: in an issued document, that one string was a
quarter of the whole verification (3 of 14 ms, measured by ``benchmarks/verify_speed.py``).

:class:`VerifierSource` is the stream the verifier opens a file from. When pyHanko reads a hex
string from it, and the string holds only hex digits and PDF white space up to its ``>``, it is
decoded in one step. Anything else (a comment, a stray byte, no ``>`` before the end of the
file) goes to pyHanko's own reader, which returns or raises as it always did. Either way the
object and the stream position after it are pyHanko's own (``tests/verify/test_hex.py``
compares the two paths on every shape). Every other stream, such as pyHanko signing or another
validation in the same process, reads through pyHanko unchanged.

pyHanko has no hook for this: its object parser calls the module function
``generic.read_hex_string_from_stream`` by name. :func:`install` wraps that function once,
and passes each call through to the original unless the stream is a :class:`VerifierSource`.
If a pyHanko release renames the function, nothing is wrapped and verification is only slower.
"""

from __future__ import annotations

import binascii
import io
import re
import threading
from typing import Any, Final

from pyhanko.pdf_utils import generic

__all__ = ["VerifierSource", "install", "is_installed"]

_PYHANKO_NAME: Final = "read_hex_string_from_stream"
# PDF white space (ISO 32000-1, 7.2.2): NUL, TAB, LF, FF, CR, SPACE. Nothing else may sit
# between the digits on the fast path; a comment ('%') is pyHanko's to read.
_WHITE_SPACE: Final = b"\x00\t\n\x0c\r "
_PLAIN_HEX_STRING: Final = re.compile(rb"<([0-9A-Fa-f\x00\t\n\x0c\r ]*)>")


class VerifierSource(io.BytesIO):
    """The bytes of a file being verified, as the stream pyHanko reads."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self._data = data

    def read_plain_hex_string(self) -> Any | None:
        """The hex string starting at the current position (``<``) as pyHanko's string object,
        with the position just after its ``>``; None, without moving, if it is not plain."""
        match = _PLAIN_HEX_STRING.match(self._data, self.tell())
        if match is None:
            return None
        digits = match.group(1).translate(None, _WHITE_SPACE)
        if len(digits) % 2:
            digits += b"0"  # ISO 32000-1, 7.3.4.3: a final odd digit is followed by a 0
        self.seek(match.end())
        return generic.pdf_string(binascii.unhexlify(digits))


_lock = threading.Lock()


def install() -> None:
    """Wrap pyHanko's hex string reader once (see the module's docstring); idempotent."""
    with _lock:
        original = getattr(generic, _PYHANKO_NAME, None)
        if original is None or getattr(original, "_exporter_desk_fast_path", False):
            return

        def read_hex_string_from_stream(stream: Any) -> Any:
            if type(stream) is VerifierSource:
                plain = stream.read_plain_hex_string()
                if plain is not None:
                    return plain
            return original(stream)

        read_hex_string_from_stream._exporter_desk_fast_path = True  # type: ignore[attr-defined]
        read_hex_string_from_stream.__wrapped__ = original  # type: ignore[attr-defined]
        read_hex_string_from_stream.__doc__ = original.__doc__
        setattr(generic, _PYHANKO_NAME, read_hex_string_from_stream)


def is_installed() -> bool:
    """Whether pyHanko's hex string reader takes the fast path for a :class:`VerifierSource`."""
    return bool(getattr(getattr(generic, _PYHANKO_NAME, None), "_exporter_desk_fast_path", False))
