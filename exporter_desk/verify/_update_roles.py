"""Part of step 3's rule for revisions after the signed one (see :mod:`._appended`): the role
of every object such a revision writes. Walking from the revision's catalog and trailer, each
object it writes must be validation data (/DSS, its arrays, certificates, OCSP responses, CRLs
and time stamp tokens that parse as such, /VRI entries), a document time stamp (field,
invisible widget, value), /Info, XMP metadata, or a permitted override; anything left is named.
"""

from __future__ import annotations

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
    get,
    name_of,
    numbers,
    raw_get,
    ref_of,
    signature_fields,
)
from exporter_desk.verify.reasons import Reason, reason
from exporter_desk.verify.trust import Limits

__all__ = ["MAX_UPDATE_OBJECTS", "Rejection", "Roles", "describe", "reject"]

MAX_UPDATE_OBJECTS: Final = 256
"""The most objects a revision after the signature may write."""
_MAX_VALIDATION_ITEM: Final = 256 * 1024  # one certificate, OCSP response, CRL or token
_MAX_XMP: Final = 64 * 1024
_DSS_KEYS: Final = frozenset({"/Type", "/Certs", "/OCSPs", "/CRLs", "/VRI"})
_VRI_KEYS: Final = frozenset({"/Type", "/Cert", "/OCSP", "/CRL", "/TU", "/TS"})


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a later revision is not a permitted addition: what it adds, for a person (a reason
    of the catalogue, naming the thing), and a technical detail."""

    reason: Reason
    detail: str

    @property
    def en(self) -> str:
        return self.reason.en

    @property
    def zh(self) -> str:
        return self.reason.zh


def reject(why: Reason, detail: str = "") -> Rejection:
    return Rejection(why, detail or why.en)


# --- the role of every object the revision writes -------------------------------------------


class Roles:
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
            return reject(
                reason("update.info_not_text"),
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
                return reject(
                    reason("update.metadata_not_xmp"),
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
                return reject(
                    reason("update.signature_not_stamp", name=repr(item.name)),
                    f"adds signature {item.name!r} of type {name_of(get(value, '/Type'))}",
                )
            self.mark(item.value)
            if not set(value) <= {"/Type", "/Filter", "/SubFilter", "/Contents", "/ByteRange"}:
                return reject(
                    reason("update.stamp_entries", name=repr(item.name)),
                    f"time stamp keys {sorted(value)}",
                )
            for widget in _widgets(item.field):
                problem = self._invisible(widget)
                if problem is not None:
                    return reject(
                        reason("update.stamp_visible", name=repr(item.name)),
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
    return reject(reason("update.dss_malformed"), problem)


def describe(value: Any) -> Reason:
    """A few words on what an object is, for a reason a person reads."""
    if isinstance(value, generic.StreamObject):
        kind = name_of(get(value, "/Subtype")) or name_of(get(value, "/Type"))
        size = len(value.encoded_data)
        if kind:
            return reason("object.typed_stream", kind=kind[1:], size=size)
        return reason("object.stream", size=size)
    if isinstance(value, generic.DictionaryObject):
        kind = name_of(get(value, "/Type")) or name_of(get(value, "/Subtype"))
        if kind:
            return reason("object.typed_dictionary", kind=kind[1:])
        return reason("object.dictionary")
    if isinstance(value, generic.ArrayObject):
        return reason("object.array", count=len(value))
    return reason("object.value")
