"""Reading a hostile PDF with pyHanko, within bounds: the revisions and where each one ends in the
file, typed access to objects, name trees, embedded files, the page tree and signature fields.

Everything here raises :class:`Damaged` for a structure that is not what an issued document holds,
and :class:`OutOfTime` when the time budget is spent; pyHanko itself raises almost anything on
hostile input, and the callers in the verifier turn that into a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.decode_limits import (
    DEFAULT_PURPOSE_LIMITS,
    DecodeLimits,
    DecodePurpose,
    DocumentDecodeBudget,
    StreamDecodeLimits,
)
from pyhanko.pdf_utils.reader import PdfFileReader

from exporter_desk.verify import _hex
from exporter_desk.verify.trust import Limits

__all__ = [
    "Damaged",
    "Deadline",
    "OpenedPdf",
    "OutOfTime",
    "Revision",
    "SignatureField",
    "canonical",
    "count_references",
    "drawn_objects",
    "embedded_files",
    "get",
    "name_of",
    "numbers",
    "open_pdf",
    "pages",
    "read_embedded_file",
    "signature_fields",
]

_EOF: Final = b"%%EOF"
_EOF_WINDOW: Final = 1 << 16
_STARTXREF_TAIL: Final = re.compile(rb"startxref[\x00\t\n\f\r ]+([0-9]{1,20})[\x00\t\n\f\r ]*\Z")
_MAX_NAME_TREE_ENTRIES: Final = 1024
_MAX_FIELDS: Final = 256
_MIB: Final = 1024 * 1024


class Damaged(Exception):  # internal signal, never escapes the verifier
    """A structure is malformed or not what an issued document holds (technical message)."""


class Oversized(Damaged):  # internal signal, never escapes the verifier
    """Part of the file is larger than the limits let a verification parse (technical)."""


class OutOfTime(Exception):  # internal signal, never escapes the verifier
    """The time budget for this file is spent."""


class Deadline:
    """The wall-clock budget of one verification; ``check`` is cheap, call it in every loop."""

    def __init__(self, limits: Limits) -> None:
        self._clock = limits.clock
        self._budget = limits.time_budget
        self._start = self._clock()

    def check(self) -> None:
        """Raises: OutOfTime: the budget is spent."""
        if self._clock() - self._start > self._budget:
            raise OutOfTime(f"time budget of {self._budget:g} s spent")


@dataclass(frozen=True, slots=True)
class Revision:
    """One revision (index 0 = revision 1 of DESIGN.md): where its cross-reference data starts
    and where it ends in the file (``eof`` just after ``%%EOF``, ``end`` after the end of line
    too), the ``startxref`` its tail states, the object numbers its section writes (``live``,
    with generations in ``refs``) or frees, the file offsets it points to, and the object
    streams it uses."""

    index: int
    startxref: int
    xref_start: int
    eof: int
    end: int
    tail_startxref: int | None
    live: frozenset[int]
    freed: frozenset[int]
    hybrid: bool
    offsets: tuple[int, ...]
    object_streams: frozenset[int]
    refs: tuple[tuple[int, int], ...]
    positions: tuple[tuple[int, int], ...] = ()
    xref_stream: bool = False

    @property
    def written(self) -> frozenset[int]:
        return self.live | self.freed


@dataclass(slots=True)
class OpenedPdf:
    """A parsed file and its revisions, oldest first."""

    data: bytes
    reader: Any
    revisions: tuple[Revision, ...]
    _resolvers: dict[int, Any] = field(default_factory=dict)
    _pages: dict[int, list[tuple[int, Any]]] = field(default_factory=dict)

    def resolver(self, revision: int) -> Any:
        """The file as it stood at the end of ``revision`` (0-based), cached."""
        if revision not in self._resolvers:
            if revision == len(self.revisions) - 1:
                self._resolvers[revision] = self.reader
            else:
                self._resolvers[revision] = self.reader.get_historical_resolver(revision)
        return self._resolvers[revision]

    def object(self, revision: int, number: int, generation: int = 0) -> Any:
        """Object ``number`` as it stood at the end of ``revision``."""
        resolver = self.resolver(revision)
        return resolver.get_object(generic.Reference(number, generation, resolver))

    def root(self, revision: int) -> Any:
        """The document catalog as of ``revision`` (references in it resolve in that revision)."""
        root = self.resolver(revision).root_ref.get_object()
        if not isinstance(root, generic.DictionaryObject):
            raise Damaged(f"revision {revision + 1} has no document catalog")
        return root

    def root_ref(self, revision: int) -> int:
        return int(self.resolver(revision).root_ref.idnum)

    def pages(self, revision: int, limits: Limits, deadline: Deadline) -> list[tuple[int, Any]]:
        """:func:`pages` of the catalog as of ``revision``, cached."""
        if revision not in self._pages:
            self._pages[revision] = pages(self.root(revision), limits, deadline)
        return self._pages[revision]


def _decode_limits(limits: Limits) -> Any:
    stream = StreamDecodeLimits(max_output_size=limits.max_stream_size)
    per_purpose = dict(DEFAULT_PURPOSE_LIMITS)
    # An xref stream entry takes at least 3 bytes, usually 5 to 20: past this, too many objects.
    per_purpose[DecodePurpose.XREF_STREAM] = StreamDecodeLimits(
        max_ratio=None, max_output_size=limits.max_objects * 20
    )
    per_purpose[DecodePurpose.OBJECT_STREAM] = StreamDecodeLimits(
        max_ratio=100, ratio_floor=_MIB, max_output_size=min(limits.max_stream_size, _MIB)
    )
    return DecodeLimits(
        per_stream=stream,
        per_purpose=per_purpose,
        document_budget=DocumentDecodeBudget(base_allowance=limits.max_decoded_total, max_ratio=10),
    )


def _count_xref_table_entries(data: bytes) -> int:
    """An upper bound on the entries of every cross-reference *table* in ``data``: each entry
    ends "n" or "f" then a two-byte end of line (fast: ``bytes.count`` runs in C)."""
    return sum(
        data.count(kind + eol) for kind in (b" n", b" f") for eol in (b" \n", b"\r\n", b" \r")
    )


_BYTE_RANGE: Final = re.compile(
    rb"/ByteRange[\x00\t\n\f\r ]*\[[\x00\t\n\f\r ]*0[\x00\t\n\f\r ]+[0-9]{1,12}"
    rb"[\x00\t\n\f\r ]+([0-9]{1,12})[\x00\t\n\f\r ]+([0-9]{1,12})"
)


def entries_after_first_signature(data: bytes) -> tuple[int, int] | None:
    """(end of the earliest signed range, an upper bound on the cross-reference table entries
    after it), read off the bytes before any parsing (``/ByteRange [0 a b c]`` ends at b + c);
    None if the file names no byte range."""
    ends = [int(m.group(1)) + int(m.group(2)) for m in _BYTE_RANGE.finditer(data)]
    ends = [end for end in ends if end <= len(data)]
    if not ends:
        return None
    end = min(ends)
    return end, _count_xref_table_entries(data[end:])


def _class_table(marks: dict[bytes, bytes], default: bytes) -> bytes:
    table = bytearray(default * 256)
    for chars, mark in marks.items():
        for char in chars:
            table[char] = mark[0]
    return bytes(table)


_WHITE: Final = b"\x00\t\n\f\r "
_DELIMITERS: Final = b"()<>[]{}/%"
# Each table maps a byte to its class for one kind of token, so that a long token is a long run
# of one byte in the translated file, found by a plain substring search (both run in C, linear).
_HEX_TABLE: Final = _class_table({b"0123456789abcdefABCDEF" + _WHITE: b"1", b"<": b"<"}, b"0")
_NUMBER_TABLE: Final = _class_table({b"0123456789.+-": b"1"}, b"0")
_NAME_TABLE: Final = _class_table({_WHITE + _DELIMITERS: b"0", b"/": b"/"}, b"1")


_SCREEN_FROM: Final = 128 * 1024


def screen_tokens(data: bytes, limits: Limits) -> None:
    """Refuse, before any parsing, a token that would cost pyHanko's parser far more memory than
    its size: a hex string longer than ``limits.max_hex_string``, or a number or name longer than
    ``limits.max_token`` (each byte of such a token costs up to 170 bytes of memory while it is
    read). The whole file is scanned, stream data included: no issued document holds such a run
    anywhere.

    A file smaller than :data:`_SCREEN_FROM` is not scanned: no token in it can cost more than
    about 20 MB, and an issued document of 50 KB is verified without the scan's half a
    millisecond.

    Raises:
        Oversized: such a token is present.
    """
    if len(data) < _SCREEN_FROM:
        return
    checks = (
        ("hex string", _HEX_TABLE, b"<", limits.max_hex_string),
        ("number", _NUMBER_TABLE, b"", limits.max_token),
        ("name", _NAME_TABLE, b"/", limits.max_token),
    )
    for kind, table, opener, longest in checks:
        at = data.translate(table).find(opener + b"1" * longest)
        if at >= 0:
            raise Oversized(f"a {kind} of more than {longest} characters at {at}")


def open_pdf(data: bytes, limits: Limits, deadline: Deadline) -> OpenedPdf:
    """Parse the cross-reference sections of ``data`` and locate every revision's end.

    Raises:
        Oversized: a token larger than the limits (see :func:`screen_tokens`).
        Damaged: not a PDF, encrypted, too many revisions or objects, or revisions that do not
            follow one another in the file. (pyHanko raises its own errors for the rest.)
        OutOfTime: the budget is spent.
    """
    if not data.startswith(b"%PDF-"):
        raise Damaged("the file does not start with %PDF-")
    screen_tokens(data, limits)
    # Every xref table entry ends in a two-byte end of line: few line ends, few entries (and
    # counting one byte runs at memory speed). Past the limit, pyHanko would spend seconds
    # parsing the entries.
    if data.count(b"\n") + data.count(b"\r") > limits.max_objects:
        entries = _count_xref_table_entries(data)
        if entries > limits.max_objects:
            raise Damaged(f"about {entries} cross-reference entries")
    _hex.install()
    reader = PdfFileReader(
        _hex.VerifierSource(data), strict=True, decode_limits=_decode_limits(limits)
    )
    if reader.encrypted:
        raise Damaged("the PDF is encrypted")
    xrefs = reader.xrefs
    total = int(xrefs.total_revisions)
    if not 1 <= total <= limits.max_revisions:
        raise Damaged(f"{total} revisions, more than {limits.max_revisions}")
    revisions: list[Revision] = []
    previous_end = 0
    for index in range(total):
        deadline.check()
        meta = xrefs.get_xref_container_info(index)
        if int(meta.size) > limits.max_objects:
            raise Damaged(f"revision {index + 1} declares {meta.size} objects")
        section = xrefs.get_xref_data(index)
        start = int(meta.start_location)
        if start < previous_end:
            raise Damaged(f"revision {index + 1} starts inside revision {index}")
        eof = data.find(_EOF, int(meta.end_location), int(meta.end_location) + _EOF_WINDOW)
        if eof < 0:
            raise Damaged(f"revision {index + 1} has no %%EOF after its cross-reference data")
        eof += len(_EOF)
        end = eof + _eol_length(data, eof)
        tail = _STARTXREF_TAIL.search(data, max(0, eof - 64 - len(_EOF)), eof - len(_EOF))
        revisions.append(
            Revision(
                index=index,
                startxref=int(meta.declared_startxref),
                xref_start=start,
                eof=eof,
                end=end,
                tail_startxref=int(tail.group(1)) if tail else None,
                live=frozenset(section.standard_xrefs) | frozenset(section.xrefs_in_objstm),
                freed=frozenset(section.freed),
                hybrid=section.hybrid is not None,
                offsets=tuple(offset for _, offset in section.standard_xrefs.values()),
                object_streams=frozenset(section.obj_streams_used),
                refs=tuple(
                    sorted(
                        [(number, int(gen)) for number, (gen, _) in section.standard_xrefs.items()]
                        + [(number, 0) for number in section.xrefs_in_objstm]
                    )
                ),
                positions=tuple(
                    (number, offset) for number, (_, offset) in section.standard_xrefs.items()
                ),
                xref_stream=meta.stream_ref is not None,
            )
        )
        previous_end = end
    return OpenedPdf(data=data, reader=reader, revisions=tuple(revisions))


def _eol_length(data: bytes, position: int) -> int:
    if data.startswith(b"\r\n", position):
        return 2
    if data.startswith((b"\n", b"\r"), position):
        return 1
    return 0


# --- typed access ------------------------------------------------------------------------------


def raw_get(dictionary: Any, key: str) -> Any | None:
    """``dictionary[key]`` without dereferencing, or None."""
    if not isinstance(dictionary, generic.DictionaryObject) or key not in dictionary:
        return None
    return dictionary.raw_get(key)


def get(dictionary: Any, key: str) -> Any | None:
    """``dictionary[key]`` dereferenced, or None (absent, null, or not a dictionary)."""
    value = raw_get(dictionary, key)
    if value is None:
        return None
    value = value.get_object()
    return None if isinstance(value, generic.NullObject) else value


def name_of(value: Any) -> str | None:
    return str(value) if isinstance(value, generic.NameObject) else None


def text_of(value: Any) -> str | None:
    if isinstance(value, generic.TextStringObject):
        return str(value)
    if isinstance(value, generic.ByteStringObject):
        return bytes(value).decode("latin-1")
    return None


def numbers(value: Any, count: int) -> tuple[float, ...] | None:
    """An array of exactly ``count`` numbers, as floats, or None."""
    if not isinstance(value, generic.ArrayObject) or len(value) != count:
        return None
    result: list[float] = []
    for index in range(count):
        item = value.raw_get(index)
        if isinstance(item, bool) or not isinstance(item, int | Decimal):
            return None
        result.append(float(item))
    return tuple(result)


def ref_of(value: Any) -> int | None:
    return int(value.idnum) if isinstance(value, generic.IndirectObject) else None


def canonical(value: Any, depth: int = 0) -> Hashable:
    """A comparable form of a PDF object as written: references stay references (by number),
    direct containers are compared element by element, streams by dictionary and raw bytes."""
    if depth > 64:
        raise Damaged("objects nested more than 64 deep")
    if isinstance(value, generic.IndirectObject):
        return ("ref", int(value.idnum), int(value.generation))
    if isinstance(value, generic.StreamObject):
        return ("stream", _canonical_dict(value, depth), bytes(value.encoded_data))
    if isinstance(value, generic.DictionaryObject):
        return _canonical_dict(value, depth)
    if isinstance(value, generic.ArrayObject):
        return ("array", tuple(canonical(value.raw_get(i), depth + 1) for i in range(len(value))))
    if isinstance(value, generic.NameObject):
        return ("name", str(value))
    if isinstance(value, generic.TextStringObject | generic.ByteStringObject):
        return ("string", bytes(value.original_bytes))
    if isinstance(value, generic.BooleanObject):
        return ("bool", bool(value))
    if isinstance(value, generic.NullObject):
        return ("null",)
    if isinstance(value, int | Decimal):
        return ("number", str(value))
    raise Damaged(f"unexpected PDF object {type(value).__name__}")


def _canonical_dict(value: Any, depth: int) -> Hashable:
    return (
        "dict",
        tuple(sorted((str(key), canonical(value.raw_get(key), depth + 1)) for key in value)),
    )


# --- name trees, embedded files ----------------------------------------------------------------


def name_tree_pairs(node: Any, limits: Limits) -> list[tuple[str, Any]]:
    """(name, raw value) of every leaf of a name tree, bounded in depth, size and cycles.

    Raises:
        Damaged: malformed, cyclic, too deep or too large.
    """
    pairs: list[tuple[str, Any]] = []
    seen: set[int] = set()

    def walk(current: Any, depth: int) -> None:
        if depth > limits.max_depth:
            raise Damaged("name tree nested too deeply")
        if not isinstance(current, generic.DictionaryObject):
            raise Damaged("name tree node is not a dictionary")
        names = get(current, "/Names")
        if names is not None:
            if not isinstance(names, generic.ArrayObject) or len(names) % 2:
                raise Damaged("name tree /Names is not an array of pairs")
            for index in range(0, len(names), 2):
                key = text_of(names.raw_get(index))
                if key is None:
                    raise Damaged("name tree key is not a string")
                pairs.append((key, names.raw_get(index + 1)))
                if len(pairs) > _MAX_NAME_TREE_ENTRIES:
                    raise Damaged("name tree has too many entries")
        kids = get(current, "/Kids")
        if kids is not None:
            if not isinstance(kids, generic.ArrayObject):
                raise Damaged("name tree /Kids is not an array")
            for index in range(len(kids)):
                kid = kids.raw_get(index)
                number = ref_of(kid)
                if number is not None:
                    if number in seen:
                        raise Damaged("name tree has a cycle")
                    seen.add(number)
                walk(kid.get_object(), depth + 1)

    walk(node, 0)
    return pairs


def embedded_files_node(root: Any) -> Any | None:
    return get(get(root, "/Names"), "/EmbeddedFiles")


def embedded_files(root: Any, name: str, limits: Limits) -> list[Any]:
    """The file specifications named ``name`` in the catalog's /EmbeddedFiles name tree (only
    those are read)."""
    node = embedded_files_node(root)
    if node is None:
        return []
    return [value.get_object() for key, value in name_tree_pairs(node, limits) if key == name]


def read_embedded_file(spec: Any, max_size: int) -> bytes:
    """The decoded content of a file specification's embedded file (``/UF``, else ``/F``).

    Raises:
        Damaged: not a file specification with an embedded stream, or larger than ``max_size``.
    """
    ef = get(spec, "/EF")
    stream = get(ef, "/UF") or get(ef, "/F")
    if not isinstance(stream, generic.StreamObject):
        raise Damaged("embedded file has no stream")
    data = bytes(stream.data)
    if len(data) > max_size:
        raise Damaged(f"embedded file of {len(data)} bytes, more than {max_size}")
    return data


# --- pages ---------------------------------------------------------------------------------------


def pages(root: Any, limits: Limits, deadline: Deadline) -> list[tuple[int, Any]]:
    """(object number, page dictionary) of every page, in order.

    Raises:
        Damaged: the page tree is malformed, cyclic, too deep or too large.
    """
    result: list[tuple[int, Any]] = []
    seen: set[int] = set()

    def walk(raw: Any, depth: int) -> None:
        deadline.check()
        if depth > limits.max_depth:
            raise Damaged("page tree nested too deeply")
        number = ref_of(raw)
        if number is None:
            raise Damaged("page tree node is not an indirect object")
        if number in seen:
            raise Damaged("page tree has a cycle")
        seen.add(number)
        node = raw.get_object()
        if not isinstance(node, generic.DictionaryObject):
            raise Damaged("page tree node is not a dictionary")
        kind = name_of(get(node, "/Type"))
        if kind == "/Pages":
            kids = get(node, "/Kids")
            if not isinstance(kids, generic.ArrayObject):
                raise Damaged("page tree node without /Kids")
            for index in range(len(kids)):
                walk(kids.raw_get(index), depth + 1)
        elif kind == "/Page":
            result.append((number, node))
            if len(result) > limits.max_pages:
                raise Damaged(f"more than {limits.max_pages} pages")
        else:
            raise Damaged(f"page tree node of type {kind}")

    walk(raw_get(root, "/Pages"), 0)
    return result


_WS: Final = rb"[\x00\t\n\f\r ]+"


def count_references(opened: OpenedPdf, numbers: set[int]) -> dict[int, int] | None:
    """How often revision 1's bytes refer to each of ``numbers`` ("N G R"), or None when that
    cannot be read off the bytes (objects in object streams, or outside revision 1)."""
    first = opened.revisions[0]
    if first.object_streams or any(offset >= first.end for offset in first.offsets):
        return None
    counts = dict.fromkeys(numbers, 0)
    if not numbers:
        return counts
    # A leading look-behind would make the regex engine try every byte; check it by hand.
    alternatives = b"|".join(b"%d" % n for n in sorted(numbers, reverse=True))
    pattern = re.compile(
        rb"(" + alternatives + rb")" + _WS + rb"[0-9]{1,5}" + _WS + rb"R(?![A-Za-z0-9])"
    )
    data = opened.data
    for match in pattern.finditer(data, 0, first.end):
        if match.start() == 0 or not data[match.start() - 1 : match.start()].isdigit():
            counts[int(match.group(1))] += 1
    return counts


def drawn_objects(opened: OpenedPdf, limits: Limits, deadline: Deadline) -> set[int]:
    """Numbers of every object revision 1's page tree reaches (pages, content, resources, fonts,
    images, ...): what a viewer may draw. Back links (/Parent, /P) are not followed.

    Raises:
        Damaged: more objects than ``limits.max_objects``.
    """
    seen: set[int] = set()
    pending: list[Any] = [raw_get(opened.root(0), "/Pages")]

    def collect(value: Any, depth: int) -> None:
        if depth > limits.max_depth:
            raise Damaged("objects nested too deeply")
        if isinstance(value, generic.IndirectObject):
            pending.append(value)
        elif isinstance(value, generic.DictionaryObject):
            for key in value:
                if key not in ("/Parent", "/P"):
                    collect(value.raw_get(key), depth + 1)
        elif isinstance(value, generic.ArrayObject):
            for index in range(len(value)):
                collect(value.raw_get(index), depth + 1)

    while pending:
        raw = pending.pop()
        number = ref_of(raw)
        if number is None or number in seen:
            continue
        seen.add(number)
        if len(seen) % 64 == 0:
            deadline.check()
        if len(seen) > limits.max_objects:
            raise Damaged("the page tree reaches too many objects")
        collect(raw.get_object(), 0)
    return seen


# --- signature fields ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SignatureField:
    """A terminal form field of type /Sig; ``value`` is its raw /V (None if unsigned)."""

    name: str
    number: int | None
    field: Any
    value: Any | None


def signature_fields(root: Any, limits: Limits) -> Iterator[SignatureField]:
    """Every signature field of the catalog's /AcroForm, walking /Kids with inherited /FT.

    Raises:
        Damaged: the form is malformed, cyclic, too deep or too large.
    """
    form = get(root, "/AcroForm")
    if form is None:
        return
    fields = get(form, "/Fields")
    if not isinstance(fields, generic.ArrayObject):
        raise Damaged("/AcroForm without a /Fields array")
    seen: set[int] = set()
    count = 0

    def walk(raw: Any, parent_name: str, parent_type: str | None, depth: int) -> Iterator[Any]:
        nonlocal count
        if depth > limits.max_depth:
            raise Damaged("form fields nested too deeply")
        number = ref_of(raw)
        if number is not None:
            if number in seen:
                raise Damaged("form fields form a cycle")
            seen.add(number)
        count += 1
        if count > _MAX_FIELDS:
            raise Damaged(f"more than {_MAX_FIELDS} form fields")
        node = raw.get_object()
        if not isinstance(node, generic.DictionaryObject):
            raise Damaged("form field is not a dictionary")
        partial = text_of(get(node, "/T")) or ""
        name = f"{parent_name}.{partial}" if parent_name and partial else parent_name or partial
        field_type = name_of(get(node, "/FT")) or parent_type
        kids = get(node, "/Kids")
        if isinstance(kids, generic.ArrayObject) and any(
            "/T" in (kids[i] if isinstance(kids[i], generic.DictionaryObject) else {})
            for i in range(len(kids))
        ):
            for index in range(len(kids)):
                yield from walk(kids.raw_get(index), name, field_type, depth + 1)
            return
        if field_type == "/Sig":
            yield SignatureField(name, number, node, raw_get(node, "/V"))

    for index in range(len(fields)):
        yield from walk(fields.raw_get(index), "", None, 0)
