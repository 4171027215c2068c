"""Step 5: what each revision after revision 1 changed, and whether a reader can see it.

The registered revision 1 is the baseline. A later revision may *add* objects freely, because a
new object is invisible until something a viewer already walks points to it; so what matters is
which revision-1 objects it *overrides* (writes again under the same object number, in any
generation, since viewers differ on generations) or frees. Overriding is allowed only for objects
whose role is bookkeeping, and each such role has its own rule:

=====================  ===========================================================================
role in revision 1     what a later revision may change
=====================  ===========================================================================
catalog                only /Names, /AF, /AcroForm, /Perms, /Metadata, /Version, /Extensions,
                       /DSS; every other key stays as it was (so no /OpenAction, /AA, /Outlines
                       swap, /OCProperties, new page tree). The new /Names may differ only in
                       /EmbeddedFiles, /AcroForm may hold signature fields only (no /XFA, no
                       /NeedAppearances), /Perms only /DocMDP.
page                   only a new /Annots holding signature widgets; every other key (/Contents,
                       /Resources, /MediaBox, ...) stays as it was. A widget with a non-zero
                       /Rect must lie inside the signature box that revision 1's document.json
                       records for that page; with no box recorded, only invisible widgets.
/Info, XMP /Metadata,  anything (not shown on the page), unless revision 1 also draws the
/Names, its            object (say, /Info pointing at a font): then nothing. Each should be
/EmbeddedFiles tree,   referred to once in revision 1's bytes, by its bookkeeping parent; if
catalog /AF array      not, the objects the page tree reaches are collected to find out.
anything else          nothing: content streams, resources, fonts, images, form XObjects,
                       annotations, the page tree, embedded document.json...
=====================  ===========================================================================

The trailer must keep revision 1's /Root and gain no /Encrypt, the pages stay the same objects
in the same order, and no revision may use hybrid cross-reference sections (two readers would
see two documents). Overrides are checked in every later revision; the state a viewer shows
(catalog, pages, annotations) at the signed revision and at the last one.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, Final

from pyhanko.pdf_utils import generic

from exporter_desk.verify._pdf import (
    Damaged,
    Deadline,
    OpenedPdf,
    canonical,
    count_references,
    drawn_objects,
    embedded_files,
    embedded_files_node,
    get,
    name_of,
    numbers,
    raw_get,
    read_embedded_file,
    ref_of,
    signature_fields,
)
from exporter_desk.verify.reasons import Reason, reason
from exporter_desk.verify.trust import Limits

__all__ = [
    "DOCUMENT_JSON",
    "Finding",
    "SignatureBox",
    "canon",
    "compare_revisions",
    "read_signature_box",
]

DOCUMENT_JSON: Final = "document.json"
_MAX_DOCUMENT_JSON: Final = 1 << 20
_BOX_TOLERANCE: Final = 0.5
_MAX_FINDINGS: Final = 8
_CATALOG_MUTABLE: Final = frozenset(
    {"/Names", "/AF", "/AcroForm", "/Perms", "/Metadata", "/Version", "/Extensions", "/DSS"}
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a later revision changed that it may not: a reason of the catalogue, and a
    technical detail."""

    reason: Reason
    detail: str

    @property
    def en(self) -> str:
        return self.reason.en

    @property
    def zh(self) -> str:
        return self.reason.zh


@dataclass(frozen=True, slots=True)
class SignatureBox:
    """The blank box revision 1 reserves for the visible signature: 0-based page index and
    (x0, y0, x1, y1) in PDF points, default user space (document.json ``signature_box``)."""

    page: int
    rect: tuple[float, float, float, float]

    def contains(self, page: int, rect: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = self.rect
        a0, b0, a1, b1 = rect
        t = _BOX_TOLERANCE
        return page == self.page and a0 >= x0 - t and b0 >= y0 - t and a1 <= x1 + t and b1 <= y1 + t


def read_signature_box(opened: OpenedPdf, limits: Limits) -> SignatureBox | None:
    """The ``signature_box`` of revision 1's embedded ``document.json``, or None if there is no
    such file or it records no usable box (then only invisible signatures are allowed)."""
    try:
        files = embedded_files(opened.root(0), DOCUMENT_JSON, limits)
        if len(files) != 1:
            return None
        document = json.loads(read_embedded_file(files[0], _MAX_DOCUMENT_JSON).decode("utf-8"))
    except (Damaged, ValueError, RecursionError):
        return None
    box = document.get("signature_box") if isinstance(document, dict) else None
    if not isinstance(box, dict):
        return None
    page, rect = box.get("page"), box.get("rect")
    if isinstance(page, bool) or not isinstance(page, int) or page < 0:
        return None
    if not isinstance(rect, list) or len(rect) != 4:
        return None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in rect):
        return None
    x0, y0, x1, y1 = (float(v) for v in rect)
    if not (x0 < x1 and y0 < y1):
        return None
    return SignatureBox(page, (x0, y0, x1, y1))


@dataclass(slots=True)
class _Baseline:
    """Revision 1's objects by role."""

    catalog: int
    catalog_dict: Any
    names_dict: Any | None
    free_roles: frozenset[int]
    page_index: dict[int, int]
    page_dicts: dict[int, Any]
    live: frozenset[int]


def _baseline(opened: OpenedPdf, limits: Limits, deadline: Deadline) -> _Baseline:
    root = opened.root(0)
    free: set[int] = set()
    info = ref_of(raw_get(opened.resolver(0).trailer_view, "/Info"))
    for number in (
        info,
        ref_of(raw_get(root, "/Metadata")),
        ref_of(raw_get(root, "/Names")),
        ref_of(raw_get(root, "/AF")),
        ref_of(raw_get(get(root, "/Names"), "/EmbeddedFiles")),
    ):
        if number is not None:
            free.add(number)
    node = embedded_files_node(root)
    if node is not None:
        free |= _name_tree_node_numbers(node, limits)
    # A bookkeeping object that is also drawn (say, /Info pointing at a font) is not free:
    # each should be referred to once, by its bookkeeping parent; if not, find out for real.
    counts = count_references(opened, free)
    doubtful = set(free) if counts is None else {n for n, seen in counts.items() if seen != 1}
    if doubtful:
        free -= doubtful & drawn_objects(opened, limits, deadline)
    page_list = opened.pages(0, limits, deadline)
    return _Baseline(
        catalog=opened.root_ref(0),
        catalog_dict=root,
        names_dict=get(root, "/Names"),
        free_roles=frozenset(free),
        page_index={number: index for index, (number, _) in enumerate(page_list)},
        page_dicts=dict(page_list),
        live=opened.revisions[0].live,
    )


def _name_tree_node_numbers(node: Any, limits: Limits) -> set[int]:
    """Object numbers of a name tree's nodes and of their /Names and /Kids arrays."""
    found: set[int] = set()

    def walk(current: Any, depth: int) -> None:
        if depth > limits.max_depth or not isinstance(current, generic.DictionaryObject):
            return
        for key in ("/Names", "/Kids"):
            number = ref_of(raw_get(current, key))
            if number is not None:
                found.add(number)
        kids = get(current, "/Kids")
        if isinstance(kids, generic.ArrayObject):
            for index in range(len(kids)):
                number = ref_of(kids.raw_get(index))
                if number is not None and number not in found:
                    found.add(number)
                    walk(kids[index], depth + 1)

    walk(node, 0)
    return found


def compare_revisions(
    opened: OpenedPdf,
    box: SignatureBox | None,
    shown: frozenset[int] | None,
    limits: Limits,
    deadline: Deadline,
) -> list[Finding]:
    """Compare revision 1 with every later revision; return what they may not change (at most
    a few, most telling first), or nothing.

    Every later revision's overrides are checked. The state a viewer can show (catalog, pages,
    annotations) is checked at the revisions in ``shown`` (0-based; all later ones if None): the
    signed revision, which "view signed version" shows, and the last, which a viewer opens.

    Raises:
        Damaged: revision 1 or a later revision is malformed.
        OutOfTime: the budget is spent.
    """
    base = _baseline(opened, limits, deadline)
    findings: dict[Reason, Finding] = {}

    def add(finding: Finding) -> None:
        findings.setdefault(finding.reason, finding)

    for revision in opened.revisions:
        deadline.check()
        label = revision.index + 1
        if revision.hybrid:
            add(_finding_hybrid(label))
        if revision.index == 0:
            continue
        for number in sorted(revision.freed & base.live):
            add(
                Finding(
                    reason("revision.deletes", revision=label),
                    f"revision {label} frees object {number} of revision 1",
                )
            )
        for number in sorted(revision.live & base.live):
            deadline.check()
            if number == base.catalog or number in base.page_index or number in base.free_roles:
                continue  # checked by role below, or free to change
            add(_finding_override(opened, base, number, label))
        if shown is None or revision.index in shown:
            _check_trailer(opened, base, revision.index, add)
            _check_catalog(opened, base, revision.index, limits, add)
            _check_pages(opened, base, revision.index, box, limits, deadline, add)
        if len(findings) >= _MAX_FINDINGS:
            break
    return list(findings.values())[:_MAX_FINDINGS]


def _finding_hybrid(label: int) -> Finding:
    return Finding(
        reason("revision.hybrid", revision=label),
        f"revision {label} has a hybrid xref section",
    )


def _describe(opened: OpenedPdf, base: _Baseline, number: int) -> Reason:
    """What a revision-1 object is, for the person reading the verdict."""
    for page_number, page in base.page_dicts.items():
        index = base.page_index[page_number] + 1
        contents = raw_get(page, "/Contents")
        content_refs = {ref_of(contents)}
        value = get(page, "/Contents")
        if isinstance(value, generic.ArrayObject):
            content_refs |= {ref_of(value.raw_get(i)) for i in range(len(value))}
        if number in content_refs:
            return reason("part.page_content", page=index)
        if number == ref_of(raw_get(page, "/Resources")):
            return reason("part.page_resources", page=index)
    try:
        obj = opened.object(0, number)
    except Exception:  # pyHanko raises anything on a damaged object; describing is best effort
        obj = None
    kind = name_of(get(obj, "/Type"))
    subtype = name_of(get(obj, "/Subtype"))
    if kind == "/Pages":
        return reason("part.page_tree")
    if kind in ("/Font", "/FontDescriptor") or (
        isinstance(obj, generic.StreamObject)
        and subtype in ("/Type1C", "/CIDFontType0C", "/OpenType")
    ):
        return reason("part.font")
    if subtype == "/Image":
        return reason("part.image")
    if subtype == "/Form":
        return reason("part.form_xobject")
    if kind == "/Annot":
        return reason("part.annotation")
    if kind in ("/Filespec", "/EmbeddedFile"):
        return reason("part.embedded_file")
    if kind == "/ExtGState":
        return reason("part.graphics_state")
    return reason("part.object")


def _finding_override(opened: OpenedPdf, base: _Baseline, number: int, label: int) -> Finding:
    return Finding(
        reason("revision.replaces", revision=label, what=_describe(opened, base, number)),
        f"revision {label} overrides object {number} of revision 1",
    )


def _check_trailer(opened: OpenedPdf, base: _Baseline, index: int, add: Any) -> None:
    label = index + 1
    trailer = opened.resolver(index).trailer_view
    if ref_of(raw_get(trailer, "/Root")) != base.catalog:
        add(
            Finding(
                reason("revision.replaces_document", revision=label),
                f"revision {label} trailer /Root is not object {base.catalog}",
            )
        )
    if raw_get(trailer, "/Encrypt") is not None:
        add(
            Finding(
                reason("revision.encrypts", revision=label),
                f"revision {label} trailer has /Encrypt",
            )
        )


def _catalog_finding(label: int, key: str, detail: str) -> Finding:
    return Finding(reason("revision.catalog", revision=label, key=str(key)), detail)


def _check_catalog(
    opened: OpenedPdf, base: _Baseline, index: int, limits: Limits, add: Any
) -> None:
    label = index + 1
    catalog = opened.root(index)
    before = base.catalog_dict
    for key in sorted(set(before) | set(catalog)):
        if key in _CATALOG_MUTABLE:
            continue
        if key not in catalog or key not in before or canon(catalog, key) != canon(before, key):
            add(_catalog_finding(label, key, f"revision {label} changes catalog {key}"))
    names = get(catalog, "/Names")
    old_names = base.names_dict
    if names is not None or old_names is not None:
        keys = set(names or ()) | set(old_names or ())
        for key in sorted(keys - {"/EmbeddedFiles"}):
            if canon(names, key) != canon(old_names, key):
                add(
                    _catalog_finding(
                        label, f"/Names {key}", f"revision {label} changes /Names {key}"
                    )
                )
    form = get(catalog, "/AcroForm")
    if form is not None:
        if not isinstance(form, generic.DictionaryObject):
            raise Damaged(f"revision {label}: /AcroForm is not a dictionary")
        if raw_get(form, "/XFA") is not None:
            add(_catalog_finding(label, "/AcroForm /XFA", f"revision {label} adds an XFA form"))
        if get(form, "/NeedAppearances"):
            add(
                _catalog_finding(
                    label, "/AcroForm /NeedAppearances", f"revision {label} sets NeedAppearances"
                )
            )
        fields = get(form, "/Fields")
        if fields is not None and not isinstance(fields, generic.ArrayObject):
            raise Damaged(f"revision {label}: /AcroForm /Fields is not an array")
        signature_count = sum(1 for _ in signature_fields(catalog, limits))
        if fields is not None and signature_count < _terminal_field_count(fields, limits):
            add(
                Finding(
                    reason("revision.form_fields", revision=label),
                    f"revision {label} has non-signature form fields",
                )
            )
    perms = get(catalog, "/Perms")
    if isinstance(perms, generic.DictionaryObject) and set(perms) - {"/DocMDP"}:
        add(_catalog_finding(label, "/Perms", f"revision {label} has /Perms {sorted(perms)}"))


def _terminal_field_count(fields: Any, limits: Limits) -> int:
    count = 0

    def walk(node: Any, depth: int) -> None:
        nonlocal count
        if depth > limits.max_depth or count > 1024:
            raise Damaged("form fields nested too deeply or too many")
        if not isinstance(node, generic.DictionaryObject):
            raise Damaged("form field is not a dictionary")
        kids = get(node, "/Kids")
        if isinstance(kids, generic.ArrayObject) and any(
            isinstance(kids[i], generic.DictionaryObject) and "/T" in kids[i]
            for i in range(len(kids))
        ):
            for i in range(len(kids)):
                walk(kids[i], depth + 1)
        else:
            count += 1

    for i in range(len(fields)):
        walk(fields[i], 0)
    return count


def canon(dictionary: Any, key: str) -> Hashable:
    value = raw_get(dictionary, key) if dictionary is not None else None
    return None if value is None else canonical(value)


def _check_pages(
    opened: OpenedPdf,
    base: _Baseline,
    index: int,
    box: SignatureBox | None,
    limits: Limits,
    deadline: Deadline,
    add: Any,
) -> None:
    label = index + 1
    shown = opened.pages(index, limits, deadline)
    if [number for number, _ in shown] != list(base.page_index):
        add(
            Finding(
                reason("revision.pages", revision=label),
                f"revision {label} page objects {[n for n, _ in shown][:20]}",
            )
        )
    for number, page in shown:
        page_index = base.page_index.get(number)
        if page_index is None:
            add(
                Finding(
                    reason("revision.adds_page", revision=label),
                    f"revision {label} has page object {number}, not in revision 1",
                )
            )
            continue
        old = base.page_dicts[number]
        for key in sorted((set(old) | set(page)) - {"/Annots"}):
            if canon(page, key) != canon(old, key):
                add(
                    Finding(
                        reason(
                            "revision.changes_page",
                            revision=label,
                            page=page_index + 1,
                            key=str(key),
                        ),
                        f"revision {label} changes {key} of page object {number}",
                    )
                )
        _check_annotations(base, label, page_index, page, old, box, add)


def _check_annotations(
    base: _Baseline,
    label: int,
    page_index: int,
    page: Any,
    old: Any,
    box: SignatureBox | None,
    add: Any,
) -> None:
    annots = get(page, "/Annots")
    if annots is None:
        return
    if not isinstance(annots, generic.ArrayObject):
        raise Damaged(f"revision {label}: /Annots of page {page_index + 1} is not an array")
    registered = get(old, "/Annots")
    known = (
        {canonical(registered.raw_get(i)) for i in range(len(registered))}
        if isinstance(registered, generic.ArrayObject)
        else set()
    )
    if len(annots) > 64:
        raise Damaged(f"revision {label}: page {page_index + 1} has {len(annots)} annotations")
    n = page_index + 1
    for i in range(len(annots)):
        raw = annots.raw_get(i)
        if canonical(raw) in known:
            continue
        number = ref_of(raw)
        annotation = raw.get_object()
        if number is not None and number in base.live:
            add(
                Finding(
                    reason("revision.content_as_annotation", revision=label, page=n),
                    f"revision {label} annotation reuses object {number} of revision 1",
                )
            )
            continue
        finding = _widget_finding(label, n, page_index, annotation, box)
        if finding is not None:
            add(finding)


def _field_type(widget: Any) -> str | None:
    node = widget
    for _ in range(16):
        kind = name_of(get(node, "/FT"))
        if kind is not None:
            return kind
        node = get(node, "/Parent")
        if node is None:
            return None
    return None


def _widget_finding(
    label: int, n: int, page_index: int, annotation: Any, box: SignatureBox | None
) -> Finding | None:
    if not isinstance(annotation, generic.DictionaryObject):
        raise Damaged(f"revision {label}: an annotation of page {n} is not a dictionary")
    subtype = name_of(get(annotation, "/Subtype")) or "?"
    if subtype != "/Widget" or _field_type(annotation) != "/Sig":
        kind = subtype.lstrip("/")
        return Finding(
            reason("revision.adds_annotation", revision=label, kind=kind, page=n),
            f"revision {label} adds a {subtype} annotation on page {n}",
        )
    parent = get(annotation, "/Parent")
    if any(
        raw_get(node, key) is not None for node in (annotation, parent) for key in ("/A", "/AA")
    ):
        return Finding(
            reason("revision.signature_actions", revision=label, page=n),
            f"revision {label} signature widget on page {n} has /A or /AA",
        )
    rect = numbers(get(annotation, "/Rect"), 4)
    if rect is None:
        raise Damaged(f"revision {label}: signature widget on page {n} has no usable /Rect")
    x0, y0, x1, y1 = rect
    normal = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    if normal[0] == normal[2] or normal[1] == normal[3]:
        return None  # invisible
    if box is not None and box.contains(page_index, normal):
        return None
    where = "[" + " ".join(f"{v:g}" for v in normal) + "]"
    if box is None:
        return Finding(
            reason("revision.signature_without_box", revision=label, page=n, rect=where),
            f"revision {label} visible signature widget {where} on page {n}, no box recorded",
        )
    reserved = "[" + " ".join(f"{v:g}" for v in box.rect) + "]"
    return Finding(
        reason(
            "revision.signature_outside_box",
            revision=label,
            page=n,
            rect=where,
            box_page=box.page + 1,
            box=reserved,
        ),
        f"revision {label} signature widget {where} on page {n} outside box {box}",
    )
