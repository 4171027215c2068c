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
  widget, value), /Info, XMP metadata, or the overrides above. Anything else is named;
* its time stamps: each one validates, intact, against a trusted time-stamping authority, and
  covers the file up to its own revision.

What it shows is judged again by step 5 like any later revision.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from asn1crypto import cms as asn1_cms
from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509 as asn1_x509
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
    signature_fields,
)
from exporter_desk.verify._revisions import canon
from exporter_desk.verify.trust import Limits

__all__ = ["MAX_UPDATE_BYTES", "Rejection", "StampCheck", "permitted_update"]

MAX_UPDATE_BYTES: Final = 256 * 1024
"""The most a revision after the signature may add: validation data for one signature and a
document time stamp take a few kilobytes."""
MAX_UPDATE_OBJECTS: Final = 256
_MAX_OBJECT_TEXT: Final = 64 * 1024  # an object's bytes besides its stream data
_MAX_VALIDATION_ITEM: Final = 256 * 1024  # one certificate, OCSP response, CRL or token
_MAX_XMP: Final = 64 * 1024
_MUTABLE: Final = frozenset({"/DSS", "/AcroForm", "/Extensions"})
_DSS_KEYS: Final = frozenset({"/Type", "/Certs", "/OCSPs", "/CRLs", "/VRI"})
_VRI_KEYS: Final = frozenset({"/Type", "/Cert", "/OCSP", "/CRL", "/TU", "/TS"})
_WS: Final = b"\x00\t\n\f\r "

StampCheck = Callable[[Any, str], str | None]
"""Validates a document time stamp (its signature field and name); None if it is intact and
vouched for by a trusted time-stamping authority, else what is wrong (technical)."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a later revision is not a permitted addition: what it adds, for a person (English
    and Chinese, naming the thing), and a technical detail."""

    en: str
    zh: str
    detail: str


def _reject(en: str, zh: str, detail: str = "") -> Rejection:
    return Rejection(en, zh, detail or en)


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
        return _reject(
            "it replaces the document catalog",
            "它替换了文件目录（/Root）",
            f"/Root {opened.root_ref(signed)} -> {opened.root_ref(index)}",
        )
    before, after = opened.root(signed), opened.root(index)
    for key in sorted(set(before) | set(after)):
        if key not in _MUTABLE and canon(before, key) != canon(after, key):
            return _reject(
                f"it changes the document catalog's {key}",
                f"它改动了文件目录的 {key}",
                f"changes catalog {key}",
            )
    rejection = _check_overrides(opened, signed, index, limits, deadline)
    if rejection is not None:
        return rejection
    roles = _Roles(opened, index, limits, deadline)
    rejection = roles.walk(before, after)
    if rejection is not None:
        return rejection
    deadline.check()
    unexplained = sorted(opened.revisions[index].live - roles.seen)
    if unexplained:
        number = unexplained[0]
        what = _describe(opened.object(index, number))
        more = f" and {len(unexplained) - 1} more object(s)" if len(unexplained) > 1 else ""
        more_zh = f"及另外 {len(unexplained) - 1} 个对象" if len(unexplained) > 1 else ""
        return _reject(
            f"it adds object {number} ({what}){more}, which is neither validation data nor a "
            "document time stamp",
            f"它添加了对象 {number}（{what}）{more_zh}，既不是验证数据也不是文档时间戳",
            f"objects {unexplained[:20]} have no permitted role",
        )
    end = opened.revisions[index]
    for name, field in roles.stamps:
        deadline.check()
        byte_range = numbers(raw_get(get(field, "/V"), "/ByteRange"), 4)
        if byte_range is None or int(byte_range[2] + byte_range[3]) not in (end.eof, end.end):
            return _reject(
                f"its document time stamp {name!r} does not cover the file up to itself",
                f"其文档时间戳 {name!r} 未覆盖截至其自身的文件内容",
                f"time stamp byte range {byte_range}",
            )
        problem = stamp_check(field, name)
        if problem is not None:
            return _reject(
                f"its document time stamp {name!r} is not vouched for by a trusted "
                "time-stamping authority (it is damaged, forged or from an unknown authority)",
                f"其文档时间戳 {name!r} 未获受信任的时间戳机构担保（已损坏、伪造或来自未知机构）",
                problem,
            )
    return None


# --- bytes ----------------------------------------------------------------------------------


def _check_bytes(opened: OpenedPdf, index: int) -> Rejection | None:
    revision, previous = opened.revisions[index], opened.revisions[index - 1]
    data = opened.data
    size = revision.end - previous.end
    if size > MAX_UPDATE_BYTES:
        return _reject(
            f"it adds {size:,} bytes, far more than validation data or a time stamp take",
            f"它添加了 {size:,} 个字节，远多于验证数据或时间戳所需",
            f"revision of {size} bytes, limit {MAX_UPDATE_BYTES}",
        )
    if len(revision.written) > MAX_UPDATE_OBJECTS:
        return _reject(
            f"it writes {len(revision.written):,} objects, far more than validation data or a "
            "time stamp take",
            f"它写入了 {len(revision.written):,} 个对象，远多于验证数据或时间戳所需",
            f"{len(revision.written)} objects, limit {MAX_UPDATE_OBJECTS}",
        )
    if revision.object_streams or revision.hybrid or revision.xref_stream:
        return _reject(
            "it packs objects into an object stream or cross-reference stream, where nothing "
            "can be checked object by object",
            "它把对象打包进对象流或交叉引用流，无法逐个检查",
            f"object streams {sorted(revision.object_streams)[:5]}, hybrid {revision.hybrid}, "
            f"xref stream {revision.xref_stream}",
        )
    # pyHanko's section start lies after the "xref" keyword; the table starts at startxref.
    table = revision.startxref
    if not data.startswith(b"xref", table) or not table <= revision.xref_start:
        return _reject(
            "its cross-reference table is not where the file says",
            "其交叉引用表不在文件声明的位置",
            f"startxref {table}, section at {revision.xref_start}",
        )
    positions = sorted((offset, number) for number, offset in revision.positions)
    cursor = previous.end
    for i, (offset, number) in enumerate(positions):
        if not previous.end <= offset < table:
            return _reject(
                f"its object {number} lies outside the revision",
                f"其对象 {number} 位于该版本之外",
                f"object {number} at {offset}, revision {previous.end}..{table}",
            )
        if data[cursor:offset].strip(_WS):
            return _reject(
                f"it carries {offset - cursor:,} bytes that belong to no object",
                f"它携带了 {offset - cursor:,} 个不属于任何对象的字节",
                f"bytes {cursor}..{offset} outside any object",
            )
        stop = positions[i + 1][0] if i + 1 < len(positions) else table
        problem = _object_text_problem(opened, index, number, data, offset, stop)
        if problem is not None:
            return _reject(
                f"its object {number} hides other data beside the object itself",
                f"其对象 {number} 在对象本身之外还藏有其他数据",
                problem,
            )
        cursor = stop
    if data[cursor:table].strip(_WS):
        return _reject(
            f"it carries {table - cursor:,} bytes that belong to no object",
            f"它携带了 {table - cursor:,} 个不属于任何对象的字节",
            f"bytes {cursor}..{table} outside any object",
        )
    tail = data[table : revision.eof]
    if len(tail) > 4096 + 20 * (len(revision.written) + 1) or b"obj" in tail:
        return _reject(
            "its cross-reference table or trailer carries other data",
            "其交叉引用表或文件尾携带了其他数据",
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
            what = _describe(opened.object(signed, number))
            return _reject(
                f"it replaces or deletes object {number} ({what}) of the signed document",
                f"它替换或删除了已签名文件的对象 {number}（{what}）",
                f"overrides object {number}",
            )
    after_pages = dict(opened.pages(index, limits, deadline))
    for number, page in opened.pages(signed, limits, deadline):
        if number in written:
            reason = _page_change(page, after_pages.get(number))
            if reason is not None:
                return _reject(
                    f"it {reason} on a page", f"它在页面上{reason}", f"page {number}: {reason}"
                )
    return None


def _page_change(before: Any, after: Any) -> str | None:
    """None if ``after`` only adds widgets of document time stamps to ``before``."""
    if not isinstance(after, generic.DictionaryObject):
        return "removes a page"
    for key in (set(before) | set(after)) - {"/Annots"}:
        if canon(before, key) != canon(after, key):
            return f"changes {key}"
    old = get(before, "/Annots")
    known = (
        {canonical(old.raw_get(i)) for i in range(len(old))}
        if isinstance(old, generic.ArrayObject)
        else set()
    )
    new = get(after, "/Annots")
    if new is None:
        return None if not known else "removes annotations"
    if not isinstance(new, generic.ArrayObject) or len(new) > 64:
        return "has malformed annotations"
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
            return "adds an annotation that is not a document time stamp"
    return None


# --- the role of every object the revision writes -------------------------------------------


class _Roles:
    """Walks what a later revision may write, from its catalog and trailer, marking the objects
    written in it (``seen``) and checking each against its role; collects its time stamps."""

    def __init__(self, opened: OpenedPdf, index: int, limits: Limits, deadline: Deadline) -> None:
        self.opened, self.index, self.limits, self.deadline = opened, index, limits, deadline
        self.live = opened.revisions[index].live
        self.seen: set[int] = set()
        self.stamps: list[tuple[str, Any]] = []

    def mark(self, raw: Any) -> bool:
        """Mark ``raw`` if it refers to an object of this revision; whether it does."""
        number = ref_of(raw)
        if number is None or number not in self.live:
            return False
        self.seen.add(number)
        return True

    def walk(self, before: Any, after: Any) -> Rejection | None:
        opened, index = self.opened, self.index
        self.seen.add(opened.root_ref(index))
        info: Any = raw_get(opened.resolver(index).trailer_view, "/Info")
        if self.mark(info) and not _is_plain_dictionary(info.get_object()):
            return _reject(
                "its document information dictionary holds more than text",
                "其文件信息字典包含文本以外的内容",
                "/Info refers to other objects",
            )
        metadata: Any = raw_get(after, "/Metadata")
        if self.mark(metadata):
            stream = metadata.get_object()
            if not (
                isinstance(stream, generic.StreamObject)
                and name_of(get(stream, "/Subtype")) == "/XML"
                and len(stream.encoded_data) <= _MAX_XMP
                and set(stream) <= {"/Type", "/Subtype", "/Length"}
            ):
                return _reject(
                    "its metadata stream is not plain XMP metadata",
                    "其元数据流不是普通的 XMP 元数据",
                    "unexpected /Metadata",
                )
        for number, _ in opened.pages(index, self.limits, self.deadline):
            if number in self.live:
                self.seen.add(number)
                self.mark(raw_get(opened.object(index, number), "/Annots"))
        rejection = self._dss(after)
        if rejection is not None:
            return rejection
        return self._form(before, after)

    # validation data

    def _dss(self, root: Any) -> Rejection | None:
        raw = raw_get(root, "/DSS")
        if raw is None:
            return None
        self.mark(raw)
        dss = raw.get_object()
        if not isinstance(dss, generic.DictionaryObject) or not set(dss) <= _DSS_KEYS:
            return _dss_rejection("the /DSS dictionary has unexpected entries")
        for key, kind in (("/Certs", "cert"), ("/OCSPs", "ocsp"), ("/CRLs", "crl")):
            problem = self._items(raw_get(dss, key), kind)
            if problem is not None:
                return _dss_rejection(problem)
        vri_raw = raw_get(dss, "/VRI")
        if vri_raw is None:
            return None
        self.mark(vri_raw)
        vri = vri_raw.get_object()
        if not isinstance(vri, generic.DictionaryObject) or len(vri) > MAX_UPDATE_OBJECTS:
            return _dss_rejection("/VRI is not a small dictionary")
        for key in vri:
            entry_raw = vri.raw_get(key)
            self.mark(entry_raw)
            entry = entry_raw.get_object()
            if not isinstance(entry, generic.DictionaryObject) or not set(entry) <= _VRI_KEYS:
                return _dss_rejection(f"/VRI entry {key} has unexpected entries")
            for item, kind in (("/Cert", "cert"), ("/OCSP", "ocsp"), ("/CRL", "crl")):
                problem = self._items(raw_get(entry, item), kind)
                if problem is not None:
                    return _dss_rejection(problem)
            stamp = raw_get(entry, "/TS")
            if stamp is not None:
                problem = self._item(stamp, "token")
                if problem is not None:
                    return _dss_rejection(problem)
        return None

    def _items(self, raw: Any, kind: str) -> str | None:
        if raw is None:
            return None
        self.mark(raw)
        array = raw.get_object()
        if not isinstance(array, generic.ArrayObject) or len(array) > MAX_UPDATE_OBJECTS:
            return f"{kind} list is not a small array"
        for i in range(len(array)):
            problem = self._item(array.raw_get(i), kind)
            if problem is not None:
                return problem
        return None

    def _item(self, raw: Any, kind: str) -> str | None:
        if ref_of(raw) is None:
            return f"a {kind} entry is not a stream object"
        if not self.mark(raw):
            return None  # an earlier revision's object, already judged with it
        stream = raw.get_object()
        if not isinstance(stream, generic.StreamObject):
            return f"{kind} object {ref_of(raw)} is not a stream"
        if len(stream.encoded_data) > _MAX_VALIDATION_ITEM:
            return f"{kind} object {ref_of(raw)} of {len(stream.encoded_data)} bytes"
        try:
            der = bytes(stream.data)
            if len(der) > _MAX_VALIDATION_ITEM:
                raise ValueError(f"{len(der)} bytes decoded")
            parsed: Any = {
                "cert": asn1_x509.Certificate,
                "ocsp": asn1_ocsp.OCSPResponse,
                "crl": asn1_crl.CertificateList,
                "token": asn1_cms.ContentInfo,
            }[kind].load(der, strict=True)
            parsed.native  # noqa: B018 - parses every field, so that garbage is refused
        except Exception as exc:  # asn1crypto and pyHanko's decoders raise many types
            return f"{kind} object {ref_of(raw)} does not parse: {type(exc).__name__}"
        return None

    # document time stamps

    def _form(self, before: Any, after: Any) -> Rejection | None:
        form_raw = raw_get(after, "/AcroForm")
        if form_raw is None:
            return None
        self.mark(form_raw)
        form = form_raw.get_object()
        fields_raw = raw_get(form, "/Fields")
        self.mark(fields_raw)
        old = {(f.name, f.number) for f in signature_fields(before, self.limits)}
        for item in signature_fields(after, self.limits):
            if (item.name, item.number) in old or item.value is None:
                continue
            if item.number is not None and item.number not in self.live:
                continue  # an earlier revision's field, now signed: caught below as a new value
            if item.number is not None:
                self.seen.add(item.number)
            value = item.value.get_object()
            if name_of(get(value, "/Type")) != "/DocTimeStamp":
                return _reject(
                    f"it adds the signature {item.name!r}, which is not a document time stamp",
                    f"它添加了签名 {item.name!r}，而该签名不是文档时间戳",
                    f"adds signature {item.name!r} of type {name_of(get(value, '/Type'))}",
                )
            self.mark(item.value)
            if not set(value) <= {"/Type", "/Filter", "/SubFilter", "/Contents", "/ByteRange"}:
                return _reject(
                    f"its document time stamp {item.name!r} carries unexpected entries",
                    f"其文档时间戳 {item.name!r} 带有意外的条目",
                    f"time stamp keys {sorted(value)}",
                )
            for widget in _widgets(item.field):
                problem = self._invisible(widget)
                if problem is not None:
                    return _reject(
                        f"its document time stamp {item.name!r} has a visible widget",
                        f"其文档时间戳 {item.name!r} 带有可见的控件",
                        problem,
                    )
            self.stamps.append((item.name, item.field))
        return None

    def _invisible(self, widget_raw: Any) -> str | None:
        self.mark(widget_raw)
        widget = widget_raw.get_object()
        rect = numbers(raw_get(widget, "/Rect"), 4)
        if rect is None or (rect[2] - rect[0]) * (rect[3] - rect[1]) != 0:
            return f"time stamp widget with /Rect {rect}"
        appearance = get(widget, "/AP")
        if appearance is not None:
            if not isinstance(appearance, generic.DictionaryObject):
                return "malformed /AP"
            self.mark(raw_get(widget, "/AP"))
            for key in appearance:
                raw = appearance.raw_get(key)
                if self.mark(raw):
                    stream = raw.get_object()
                    if (
                        not isinstance(stream, generic.StreamObject)
                        or len(stream.encoded_data) > 4096
                    ):
                        return "time stamp widget with a large appearance"
        return None


def _widgets(field: Any) -> list[Any]:
    kids = get(field, "/Kids")
    if isinstance(kids, generic.ArrayObject):
        return [kids.raw_get(i) for i in range(min(len(kids), 16))]
    return [field] if name_of(get(field, "/Subtype")) == "/Widget" else []


def _is_plain_dictionary(value: Any) -> bool:
    if not isinstance(value, generic.DictionaryObject) or len(value) > 64:
        return False
    return all(
        isinstance(
            value.raw_get(key),
            generic.TextStringObject | generic.ByteStringObject | generic.NameObject,
        )
        for key in value
    )


def _dss_rejection(problem: str) -> Rejection:
    return _reject(
        "its validation data (/DSS) is not made of certificates, OCSP responses and CRLs",
        "其验证数据（/DSS）并非由证书、OCSP 响应和 CRL 组成",
        problem,
    )


def _describe(value: Any) -> str:
    """A few words on what an object is, for a reason a person reads."""
    if isinstance(value, generic.StreamObject):
        kind = name_of(get(value, "/Subtype")) or name_of(get(value, "/Type"))
        label = f"a {kind[1:]} stream" if kind else "a stream"
        return f"{label} of {len(value.encoded_data):,} bytes"
    if isinstance(value, generic.DictionaryObject):
        kind = name_of(get(value, "/Type")) or name_of(get(value, "/Subtype"))
        return f"a {kind[1:]} dictionary" if kind else "a dictionary"
    if isinstance(value, generic.ArrayObject):
        return f"an array of {len(value):,} items"
    return f"a {type(value).__name__.removesuffix('Object').lower()}"
