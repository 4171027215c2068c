"""Step 3's rule for revisions after the signed one: PAdES lets validation data (/DSS) and
document time stamps follow a signature, even a certification that allows no changes
(ISO 32000-2, 12.8.2.2). Such a revision may change only the catalog's /DSS, /AcroForm and
/Extensions; override only the catalog, the form and its field list, pages (for a time stamp's
widget), the /DSS dictionary and its arrays, /Info and XMP metadata; and add only signature fields
whose value is a /DocTimeStamp. What it shows is judged by step 5 like any later revision.
"""

from __future__ import annotations

from typing import Any, Final

from pyhanko.pdf_utils import generic

from exporter_desk.verify._pdf import (
    Deadline,
    OpenedPdf,
    canonical,
    get,
    name_of,
    raw_get,
    ref_of,
    signature_fields,
)
from exporter_desk.verify._revisions import canon
from exporter_desk.verify.trust import Limits

__all__ = ["permitted_update"]

_MUTABLE: Final = frozenset({"/DSS", "/AcroForm", "/Extensions"})


def permitted_update(
    opened: OpenedPdf, signed: int, index: int, limits: Limits, deadline: Deadline
) -> str | None:
    """Whether revision ``index`` (after the signed revision ``signed``) only adds validation
    data (/DSS) or a document time stamp. Returns None if so, else the technical reason.

    Raises:
        Damaged: the revision is malformed.
    """
    deadline.check()
    before, after = opened.root(signed), opened.root(index)
    for key in sorted(set(before) | set(after)):
        if key not in _MUTABLE and canon(before, key) != canon(after, key):
            return f"changes catalog {key}"
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
    for number in written & existing:
        if number not in allowed:
            return f"overrides object {number}"
    after_pages = dict(opened.pages(index, limits, deadline))
    for number, page in opened.pages(signed, limits, deadline):
        if number in written:
            reason = _page_change(page, after_pages.get(number))
            if reason is not None:
                return reason
    old_fields = {(f.name, f.number) for f in signature_fields(before, limits)}
    for item in signature_fields(after, limits):
        if (item.name, item.number) in old_fields or item.value is None:
            continue
        value = item.value.get_object()
        if name_of(get(value, "/Type")) != "/DocTimeStamp":
            return f"adds signature {item.name!r} that is not a document time stamp"
    return None


def _page_change(before: Any, after: Any) -> str | None:
    """None if ``after`` only adds widgets of document time stamps to ``before``."""
    if not isinstance(after, generic.DictionaryObject):
        return "removes a page"
    for key in (set(before) | set(after)) - {"/Annots"}:
        if canon(before, key) != canon(after, key):
            return f"changes page {key}"
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
        return "has a malformed /Annots"
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
