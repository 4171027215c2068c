"""Step 3's rule for revisions after the signed one (DESIGN.md section 4.3): PAdES lets
validation data (/DSS) and document time stamps follow a signature, even a certification that
allows no changes (ISO 32000-2, 12.8.2.2), and nothing else may follow it, referenced or not.

A later revision is accepted only when every part of it is accounted for:

* its bytes: a classic cross-reference table, each object of the section where the table says,
  one after another with only white space between them, no byte outside an object, no object
  stream, a few hundred objects and at most :data:`MAX_UPDATE_BYTES` in all;
* its catalog: the same catalog object, changing only /DSS, /AcroForm and /Extensions;
* its overrides: only the catalog, the form and its field list, pages (for a time stamp's
  widget), the /DSS dictionary and its arrays, /Info and XMP metadata;
* its objects: each one has a role: validation data (/DSS, its arrays, certificates, OCSP
  responses and CRLs that parse as such, /VRI entries), a document time stamp (field, invisible
  widget, value), /Info, XMP metadata, or the overrides above (:mod:`._update_roles`).
  Anything else is named;
* its time stamps: each one validates, intact, against a trusted time-stamping authority, and
  covers the file up to its own revision.

What it shows is judged again by step 5 like any later revision.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from pyhanko.pdf_utils import generic

from exporter_desk.verify._pdf import (
    Deadline,
    OpenedPdf,
    canonical,
    get,
    name_of,
    numbers,
    raw_get,
    ref_of,
)
from exporter_desk.verify._revisions import canon
from exporter_desk.verify._update_roles import (
    MAX_UPDATE_OBJECTS,
    Rejection,
    Roles,
    describe,
    reject,
)
from exporter_desk.verify.reasons import Reason, reason
from exporter_desk.verify.trust import Limits

__all__ = ["MAX_UPDATE_BYTES", "MAX_UPDATE_OBJECTS", "Rejection", "StampCheck", "permitted_update"]

MAX_UPDATE_BYTES: Final = 256 * 1024
"""The most a revision after the signature may add: validation data for one signature and a
document time stamp take a few kilobytes."""
_MAX_OBJECT_TEXT: Final = 64 * 1024  # an object's bytes besides its stream data
_MUTABLE: Final = frozenset({"/DSS", "/AcroForm", "/Extensions"})
_WS: Final = b"\x00\t\n\f\r "

StampCheck = Callable[[Any, str], str | None]
"""Validates a document time stamp (its signature field and name); None if it is intact and
vouched for by a trusted time-stamping authority, else what is wrong (technical)."""


def permitted_update(
    opened: OpenedPdf,
    signed: int,
    index: int,
    limits: Limits,
    deadline: Deadline,
    stamp_check: StampCheck,
) -> Rejection | None:
    """Whether revision ``index`` (after the signed revision ``signed``) only adds validation
    data (/DSS) or a document time stamp that a trusted authority vouches for. None if so.

    Raises:
        Damaged: the revision is malformed.
        OutOfTime: the time budget is spent.
    """
    deadline.check()
    rejection = _check_bytes(opened, index)
    if rejection is not None:
        return rejection
    if opened.root_ref(index) != opened.root_ref(signed):
        return reject(
            reason("update.replaces_catalog"),
            f"/Root {opened.root_ref(signed)} -> {opened.root_ref(index)}",
        )
    before, after = opened.root(signed), opened.root(index)
    for key in sorted(set(before) | set(after)):
        if key not in _MUTABLE and canon(before, key) != canon(after, key):
            return reject(
                reason("update.changes_catalog", key=str(key)),
                f"changes catalog {key}",
            )
    rejection = _check_overrides(opened, signed, index, limits, deadline)
    if rejection is not None:
        return rejection
    roles = Roles(opened, index, limits, deadline)
    rejection = roles.walk(before, after)
    if rejection is not None:
        return rejection
    deadline.check()
    unexplained = sorted(opened.revisions[index].live - roles.seen)
    if unexplained:
        number = unexplained[0]
        what = describe(opened.object(index, number))
        more = (
            reason("update.more_objects", count=len(unexplained) - 1)
            if len(unexplained) > 1
            else ""
        )
        return reject(
            reason("update.unexplained_object", number=str(number), what=what, more=more),
            f"objects {unexplained[:20]} have no permitted role",
        )
    end = opened.revisions[index]
    for name, field in roles.stamps:
        deadline.check()
        byte_range = numbers(raw_get(get(field, "/V"), "/ByteRange"), 4)
        if byte_range is None or int(byte_range[2] + byte_range[3]) not in (end.eof, end.end):
            return reject(
                reason("update.stamp_range", name=repr(name)),
                f"time stamp byte range {byte_range}",
            )
        problem = stamp_check(field, name)
        if problem is not None:
            return reject(
                reason("update.stamp_untrusted", name=repr(name)),
                problem,
            )
    return None


# --- bytes ----------------------------------------------------------------------------------


def _check_bytes(opened: OpenedPdf, index: int) -> Rejection | None:
    revision, previous = opened.revisions[index], opened.revisions[index - 1]
    data = opened.data
    size = revision.end - previous.end
    if size > MAX_UPDATE_BYTES:
        return reject(
            reason("update.too_many_bytes", count=size),
            f"revision of {size} bytes, limit {MAX_UPDATE_BYTES}",
        )
    if len(revision.written) > MAX_UPDATE_OBJECTS:
        return reject(
            reason("update.too_many_objects", count=len(revision.written)),
            f"{len(revision.written)} objects, limit {MAX_UPDATE_OBJECTS}",
        )
    if revision.object_streams or revision.hybrid or revision.xref_stream:
        return reject(
            reason("update.object_streams"),
            f"object streams {sorted(revision.object_streams)[:5]}, hybrid {revision.hybrid}, "
            f"xref stream {revision.xref_stream}",
        )
    # pyHanko's section start lies after the "xref" keyword; the table starts at startxref.
    table = revision.startxref
    if not data.startswith(b"xref", table) or not table <= revision.xref_start:
        return reject(
            reason("update.xref_misplaced"),
            f"startxref {table}, section at {revision.xref_start}",
        )
    positions = sorted((offset, number) for number, offset in revision.positions)
    cursor = previous.end
    for i, (offset, number) in enumerate(positions):
        if not previous.end <= offset < table:
            return reject(
                reason("update.object_outside", number=str(number)),
                f"object {number} at {offset}, revision {previous.end}..{table}",
            )
        if data[cursor:offset].strip(_WS):
            return reject(
                reason("update.stray_bytes", count=offset - cursor),
                f"bytes {cursor}..{offset} outside any object",
            )
        stop = positions[i + 1][0] if i + 1 < len(positions) else table
        problem = _object_text_problem(opened, index, number, data, offset, stop)
        if problem is not None:
            return reject(
                reason("update.hidden_data", number=str(number)),
                problem,
            )
        cursor = stop
    if data[cursor:table].strip(_WS):
        return reject(
            reason("update.stray_bytes", count=table - cursor),
            f"bytes {cursor}..{table} outside any object",
        )
    tail = data[table : revision.eof]
    if len(tail) > 4096 + 20 * (len(revision.written) + 1) or b"obj" in tail:
        return reject(
            reason("update.xref_extra_data"),
            f"xref and trailer of {len(tail)} bytes",
        )
    return None


def _object_text_problem(
    opened: OpenedPdf, index: int, number: int, data: bytes, offset: int, stop: int
) -> str | None:
    """None if ``data[offset:stop]`` is exactly object ``number`` (then white space)."""
    region = data[offset:stop]
    header = re.match(rb"%d[\x00\t\n\f\r ]+[0-9]+[\x00\t\n\f\r ]+obj" % number, region)
    if header is None:
        return f"object {number} does not start with its header at {offset}"
    value = opened.object(index, number)
    text = region
    if isinstance(value, generic.StreamObject):
        encoded = bytes(value.encoded_data)
        close = region.rfind(b"endstream")
        for eol in (b"\r\n", b"\n", b"\r", b""):
            start = close - len(eol) - len(encoded)
            if (
                start > header.end()
                and region[start : start + len(encoded)] == encoded
                and region[start + len(encoded) : close] == eol
                and region[:start].endswith((b"stream\n", b"stream\r\n"))
            ):
                text = region[:start] + region[close:]
                break
        else:
            return f"object {number}: stream data not where its /Length says"
        if text.count(b"stream") != 2:
            return f"object {number}: more than one stream keyword"
    elif b"stream" in text:
        return f"object {number}: a stream keyword in an object without a stream"
    if len(text) > _MAX_OBJECT_TEXT:
        return f"object {number}: {len(text)} bytes besides its stream data"
    if not text.rstrip(_WS).endswith(b"endobj") or text.count(b"obj") != 2:
        return f"object {number}: more than one object between {offset} and {stop}"
    return None


# --- overrides of earlier objects -----------------------------------------------------------


def _check_overrides(
    opened: OpenedPdf, signed: int, index: int, limits: Limits, deadline: Deadline
) -> Rejection | None:
    before = opened.root(signed)
    existing: set[int] = set()
    for revision in opened.revisions[: signed + 1]:
        existing |= revision.live
    allowed = {opened.root_ref(signed)}
    allowed |= {number for number, _ in opened.pages(signed, limits, deadline)}
    form_raw = raw_get(before, "/AcroForm")
    for number in (ref_of(form_raw), ref_of(raw_get(get(before, "/AcroForm"), "/Fields"))):
        if number is not None:
            allowed.add(number)
    # Metadata: pyHanko rewrites /Info (and XMP) on every incremental update it writes.
    for number in (
        ref_of(raw_get(opened.resolver(signed).trailer_view, "/Info")),
        ref_of(raw_get(before, "/Metadata")),
    ):
        if number is not None:
            allowed.add(number)
    dss = get(before, "/DSS")
    for number in [ref_of(raw_get(before, "/DSS"))] + [
        ref_of(raw_get(dss, key)) for key in ("/Certs", "/OCSPs", "/CRLs", "/VRI")
    ]:
        if number is not None:
            allowed.add(number)
    written = opened.revisions[index].written
    for number in sorted(written & existing):
        if number not in allowed:
            what = describe(opened.object(signed, number))
            return reject(
                reason("update.replaces_object", number=str(number), what=what),
                f"overrides object {number}",
            )
    after_pages = dict(opened.pages(index, limits, deadline))
    for number, page in opened.pages(signed, limits, deadline):
        if number in written:
            change = _page_change(page, after_pages.get(number))
            if change is not None:
                return reject(
                    reason("update.page_change", change=change), f"page {number}: {change.en}"
                )
    return None


def _page_change(before: Any, after: Any) -> Reason | None:
    """None if ``after`` only adds widgets of document time stamps to ``before``."""
    if not isinstance(after, generic.DictionaryObject):
        return reason("page_change.removes_page")
    for key in (set(before) | set(after)) - {"/Annots"}:
        if canon(before, key) != canon(after, key):
            return reason("page_change.changes_key", key=str(key))
    old = get(before, "/Annots")
    known = (
        {canonical(old.raw_get(i)) for i in range(len(old))}
        if isinstance(old, generic.ArrayObject)
        else set()
    )
    new = get(after, "/Annots")
    if new is None:
        return None if not known else reason("page_change.removes_annotations")
    if not isinstance(new, generic.ArrayObject) or len(new) > 64:
        return reason("page_change.malformed_annotations")
    for i in range(len(new)):
        if canonical(new.raw_get(i)) in known:
            continue
        widget = new[i]
        node, stamp = widget, False
        for _ in range(16):
            value = get(node, "/V")
            if value is not None:
                stamp = name_of(get(value, "/Type")) == "/DocTimeStamp"
                break
            node = get(node, "/Parent")
            if node is None:
                break
        if name_of(get(widget, "/Subtype")) != "/Widget" or not stamp:
            return reason("page_change.foreign_annotation")
    return None
