"""The verifier's fast hex string reader gives pyHanko's own result, and only the verifier's
reader takes it."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from exporter_desk.verify import _hex
from tests.verify._build import Issued

_hex.install()
_PYHANKO = generic.read_hex_string_from_stream.__wrapped__

# What a hex string may hold, and what it should not: digits, each kind of PDF white space, a
# comment, the delimiters, letters that are not hex digits, bytes outside ASCII.
_PIECES = st.sampled_from(
    [
        *(b"0", b"7", b"a", b"F", b"fe", b"FF", b" ", b"\n", b"\r\n", b"\t", b"\x0c", b"\x00"),
        *(b"%", b"% a comment\n", b">", b"<", b"g", b"G", b"x", b"\x80", b"\xff", b"(", b"/"),
    ]
)


def _outcome(read: Any, stream: io.BytesIO) -> tuple[Any, ...]:
    try:
        value = read(stream)
    except Exception as exc:  # pyHanko raises several types; both paths must raise the same
        return ("raised", type(exc).__name__, str(exc))
    content = value.original_bytes if isinstance(value, generic.TextStringObject) else value
    return (type(value).__name__, str(value), bytes(content), stream.tell())


def _both(body: bytes) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    data = b"<" + body
    return (
        _outcome(_PYHANKO, io.BytesIO(data)),
        _outcome(generic.read_hex_string_from_stream, _hex.VerifierSource(data)),
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(b"".join), st.binary(max_size=8))
@example(b"4142>", b"")  # plain
@example(b"414>", b"")  # odd: a 0 is added
@example(b">", b"")  # empty
@example(b"FEFF0041>", b"")  # a UTF-16 text string
@example(b"41 42\n43\r\n\t\x0c\x0044>", b" trailing")  # every kind of white space
@example(b"41%comment>\n42>", b"")  # a comment: pyHanko's reader
@example(b"%\n41>", b"")  # a comment of hex digits only
@example(b"41", b"")  # no end before the end of the file
@example(b"41G2>", b"")  # not a hex digit
def test_a_hex_string_reads_as_pyhanko_reads_it(body: bytes, after: bytes) -> None:
    ours, theirs = _both(body + after)
    assert ours == theirs


def test_a_signature_sized_hex_string_is_read_in_one_step() -> None:
    contents = bytes(range(256)) * 30
    source = _hex.VerifierSource(b"<" + contents.hex().encode() + b"> /M (D:2026)")
    value = source.read_plain_hex_string()
    assert value is not None and bytes(value) == contents
    assert source.read(5) == b" /M ("


def test_a_hex_string_with_a_comment_is_left_to_pyhanko() -> None:
    source = _hex.VerifierSource(b"<41 % a comment > 42\n42>")
    assert source.read_plain_hex_string() is None
    assert source.tell() == 0
    assert str(generic.read_hex_string_from_stream(source)) == "AB"


def test_other_streams_read_through_pyhanko_unchanged(issued: Issued) -> None:
    """pyHanko's own readers (signing, another validation in the process) keep its reader:
    the wrapper passes every stream that is not the verifier's straight through."""
    calls: list[type] = []
    wrapped = generic.read_hex_string_from_stream

    def spy(stream: Any) -> Any:
        calls.append(type(stream))
        return wrapped(stream)

    generic.read_hex_string_from_stream = spy
    try:
        signature = PdfFileReader(io.BytesIO(issued.pdf)).embedded_signatures[0]
        assert len(signature.pkcs7_content) > 1000
    finally:
        generic.read_hex_string_from_stream = wrapped
    assert calls and set(calls) == {io.BytesIO}


def test_install_wraps_once() -> None:
    _hex.install()
    first = generic.read_hex_string_from_stream
    _hex.install()
    assert generic.read_hex_string_from_stream is first
    assert _hex.is_installed()
    assert generic.read_hex_string_from_stream.__wrapped__ is _PYHANKO
