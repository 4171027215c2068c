"""Step 6: revision 1 itself holds nothing that makes viewers show something other than its pages
as drawn: no JavaScript, no actions (on opening, automatic, or behind outline items and links),
no annotations or form, no optional content (layers a viewer may hide), no XFA, no portfolio.

The exact check reads every object of revision 1 and searches its dictionaries, following direct
values (each referenced object is read on its own). It is slow in pyHanko, so a pre-scan runs
first: every forbidden thing needs one of a few PDF names (``/JS``, ``/OpenAction``, ``/Annots``,
``/Rect``, ...) in the bytes of revision 1; when revision 1 keeps all its objects in those bytes,
uncompressed (no object streams), and no name there is one of them or spelled with ``#``
escapes, the exact check cannot find anything and is skipped. Any doubt takes the exact path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from pyhanko.pdf_utils import generic

from exporter_desk.verify._pdf import Damaged, Deadline, OpenedPdf, get, name_of
from exporter_desk.verify.reasons import Reason, reason
from exporter_desk.verify.trust import Limits

__all__ = ["LintFinding", "lint_revision_one"]

_LAYERS: Final = reason("lint.layers")
_ACTION: Final = reason("lint.action")
_ANNOTATION: Final = reason("lint.annotation")
# key -> what it brings
_FORBIDDEN_KEYS: Final = {
    "/JS": reason("lint.javascript"),
    "/JavaScript": reason("lint.javascript"),
    "/OpenAction": reason("lint.open_action"),
    "/AA": reason("lint.automatic_actions"),
    "/OCProperties": _LAYERS,
    "/OC": _LAYERS,
    "/AcroForm": reason("lint.form"),
    "/XFA": reason("lint.xfa"),
    "/Collection": reason("lint.portfolio"),
}
_FORBIDDEN_TYPES: Final = {
    "/Annot": _ANNOTATION,
    "/OCG": _LAYERS,
    "/OCMD": _LAYERS,
    "/Action": _ACTION,
}
# What the exact check keys on, as PDF names: if none occurs in revision 1, it finds nothing.
_TRIGGER_LIST: Final = [
    "JavaScript",
    "OpenAction",
    "OCProperties",
    "AcroForm",
    "Collection",
    "Annots",
    "Action",
    "Annot",
    "OCMD",
    "Rect",
    "XFA",
    "OCG",
    "JS",
    "AA",
    "OC",
    "A",
]  # longest first, for the alternation below
_TRIGGER_NAMES: Final = frozenset(name.encode("ascii") for name in _TRIGGER_LIST)
_NAME_END: Final = rb"(?=[\x00\t\n\f\r ()<>\[\]{}/%]|\Z)"
_TRIGGERS: Final = re.compile(
    rb"/(?:" + "|".join(_TRIGGER_LIST).encode("ascii") + rb")" + _NAME_END
)
_ESCAPED_NAME: Final = re.compile(
    rb"/([^\x00\t\n\f\r ()<>\[\]{}/%]*#[^\x00\t\n\f\r ()<>\[\]{}/%]*)"
)
_ESCAPE: Final = re.compile(rb"#([0-9A-Fa-f]{2})")


def _may_hold_forbidden_names(data: bytes, end: int) -> bool:
    """Whether ``data[:end]`` has a trigger name, plainly or with ``#xx`` escapes."""
    if _TRIGGERS.search(data, 0, end) is not None:
        return True
    for match in _ESCAPED_NAME.finditer(data, 0, end):
        name = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        if name in _TRIGGER_NAMES:
            return True
    return False


@dataclass(frozen=True, slots=True)
class LintFinding:
    reason: Reason
    detail: str

    @property
    def en(self) -> str:
        return self.reason.en

    @property
    def zh(self) -> str:
        return self.reason.zh


def lint_revision_one(opened: OpenedPdf, limits: Limits, deadline: Deadline) -> list[LintFinding]:
    """What revision 1 holds that it may not (distinct descriptions, at most a few).

    Raises:
        Damaged: an object of revision 1 cannot be read, or nests too deeply.
        OutOfTime: the budget is spent.
    """
    first = opened.revisions[0]
    contained = not first.object_streams and all(offset < first.end for offset in first.offsets)
    if contained and not _may_hold_forbidden_names(opened.data, first.end):
        return []
    found: dict[Reason, LintFinding] = {}
    for position, (number, generation) in enumerate(first.refs):
        if position % 64 == 0:
            deadline.check()
        obj = opened.object(0, number, generation)
        for why, what in _scan(obj, limits.max_depth):
            found.setdefault(why, LintFinding(why, f"object {number}: {what}"))
        if len(found) >= 6:
            break
    annotated = [
        index + 1
        for index, (_, page) in enumerate(opened.pages(0, limits, deadline))
        if _has_annotations(page)
    ]
    if annotated:
        listed = ", ".join(str(n) for n in annotated[:5])
        why = reason("lint.annotations_on_pages", pages=listed)
        found.setdefault(why, LintFinding(why, f"/Annots on pages {annotated}"))
    return list(found.values())


def _has_annotations(page: Any) -> bool:
    annots = get(page, "/Annots")
    return isinstance(annots, generic.ArrayObject) and len(annots) > 0


def _scan(obj: Any, max_depth: int) -> list[tuple[Reason, str]]:
    """(reason, technical) for each forbidden thing in ``obj`` and its direct values."""
    hits: list[tuple[Reason, str]] = []

    def visit(value: Any, depth: int) -> None:
        if depth > max_depth:
            raise Damaged("objects nested too deeply")
        if isinstance(value, generic.DictionaryObject):
            for key in value:
                key_name = str(key)
                if key_name in _FORBIDDEN_KEYS:
                    hits.append((_FORBIDDEN_KEYS[key_name], f"key {key_name}"))
            kind = name_of(_raw(value, "/Type"))
            if kind in _FORBIDDEN_TYPES:
                hits.append((_FORBIDDEN_TYPES[kind], f"/Type {kind}"))
            if "/Rect" in value and "/Subtype" in value:
                subtype = name_of(_raw(value, "/Subtype"))
                hits.append((_ANNOTATION, f"annotation /Subtype {subtype}"))
            if "/A" in value and _is_action(value.raw_get("/A")):
                hits.append((_ACTION, "key /A with an action"))
            for key in value:
                visit(value.raw_get(key), depth + 1)
        elif isinstance(value, generic.ArrayObject):
            for index in range(len(value)):
                visit(value.raw_get(index), depth + 1)

    visit(obj, 0)
    return hits


def _is_action(value: Any) -> bool:
    """An /A value that is an action (``/S``), not a structure attribute (``/O``)."""
    target = value.get_object()
    return isinstance(target, generic.DictionaryObject) and "/S" in target


def _raw(dictionary: Any, key: str) -> Any | None:
    return dictionary.raw_get(key) if key in dictionary else None
