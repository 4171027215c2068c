"""Verifying a pack (``exporter-desk pack``): the pack itself, every signed original embedded in
it, and every printed page against its original.

A pack (see :mod:`exporter_desk.documents.pack`) holds stamped copies of each document's pages,
which carry no signature, and each document's issued PDF whole, as an embedded file listed in
``pack.json``. ``verify_pack(source, trust)``:

1. **Pack**: the pack itself goes through :func:`~exporter_desk.verify.verify_pdf`. A bank pack is
   issued, so it must be AUTHENTIC; a pack for printing is not signed (UNSIGNED), and then only
   its originals and their printed pages vouch for anything.
2. **Contents**: ``pack.json`` is read from the pack's last revision (what a viewer shows); each
   listed original must be embedded, with the SHA-256 the list records (and, for an issued pack,
   the one its registered ``document.json`` records); an embedded PDF the list does not name is
   reported.
3. **Originals**: each original gets its own verdict from ``verify_pdf``.
4. **Printed pages**: each pack page after the cover is a stamped copy of one page of one
   original: its content streams (between the stamp's ``q`` and ``Q``), resources (without the
   stamp's form), and page boxes must equal the original page's, object for object. A page that
   differs, or one that belongs to no original, is TAMPERED.

The result is the most serious of all these (the precedence of :class:`Result`); an unsigned
pack's own UNSIGNED does not count, since a pack for printing is not meant to be signed.
Never raises for a bad file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from pyhanko.pdf_utils import generic

from exporter_desk.verify import _pdf
from exporter_desk.verify._pdf import Damaged, Deadline, OpenedPdf
from exporter_desk.verify.reasons import Reason, document_title, reason
from exporter_desk.verify.trust import DEFAULT_LIMITS, Limits, OnlineChecker, Trust
from exporter_desk.verify.verdict import Check, CheckStatus, Result, Step, Verdict

__all__ = [
    "MANIFEST_NAME",
    "OriginalVerdict",
    "PackFinding",
    "PackVerdict",
    "is_pack",
    "verify_pack",
]

MANIFEST_NAME: Final = "pack.json"
RECORD_NAME: Final = "document.json"
PACK_FORMATS: Final = frozenset({"exporter-desk-pack/v2"})
_PACK_MARKS: Final = (b"pack.json", b"pack\\056json", b"/ObjStm")
_MAX_DOCUMENTS: Final = 200  # each is verified in full: bound the work a hostile list asks for
_MAX_MANIFEST: Final = 1024 * 1024
_STAMP: Final = "/XPackStamp"
_SKIPPED_PAGE_KEYS: Final = frozenset({"/Parent", "/Annots", "/Contents", "/Resources", "/Type"})
_INHERITED: Final = ("/MediaBox", "/CropBox", "/Rotate", "/Resources")


@dataclass(frozen=True, slots=True)
class PackFinding:
    """Something wrong with a pack, with the result it implies. ``code`` is stable for
    machines (``manifest``, ``missing``, ``digest``, ``unlisted``, ``page``, ``stray-page``);
    ``reason`` is the catalogue's (``pack.original_swapped``, ...)."""

    code: str
    outcome: Result
    reason: Reason
    detail: str = ""

    @property
    def en(self) -> str:
        return self.reason.en

    @property
    def zh(self) -> str:
        return self.reason.zh

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "outcome": self.outcome.value,
            "reason_code": self.reason.code,
            "reason_en": self.en,
            "reason_zh": self.zh,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class OriginalVerdict:
    """One original in the pack: what the pack lists, its own verdict (None when it is not
    there), and what is wrong with it as part of the pack."""

    name: str
    label: str
    number: str
    kind: str | None
    sha256: str | None
    verdict: Verdict | None
    findings: tuple[PackFinding, ...]
    pages: tuple[int, ...]  # the pack pages printed from it

    @property
    def result(self) -> Result:
        outcomes = [f.outcome for f in self.findings]
        if self.verdict is not None:
            outcomes.append(self.verdict.result)
        return min(outcomes, key=lambda r: r.precedence, default=Result.UNREADABLE)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "number": self.number,
            "kind": self.kind,
            "sha256": self.sha256,
            "result": self.result.value,
            "display": self.result.display,
            "pack_pages": list(self.pages),
            "findings": [f.to_json() for f in self.findings],
            "verdict": None if self.verdict is None else self.verdict.to_json(),
        }


@dataclass(frozen=True, slots=True)
class PackVerdict:
    """The pack's own verdict, one :class:`OriginalVerdict` per listed original, and findings
    about the pack as a whole."""

    container: Verdict
    originals: tuple[OriginalVerdict, ...]
    findings: tuple[PackFinding, ...]

    @property
    def is_issued(self) -> bool:
        """Whether the pack itself is signed (a bank pack), so that its own verdict counts."""
        return self.container.result is not Result.UNSIGNED

    @property
    def result(self) -> Result:
        outcomes = [o.result for o in self.originals] + [f.outcome for f in self.findings]
        if self.is_issued:
            outcomes.append(self.container.result)
        if not self.originals and not self.findings:
            outcomes.append(Result.UNREADABLE)
        return min(outcomes, key=lambda r: r.precedence, default=Result.UNREADABLE)

    def summary(self) -> Verdict:
        """The pack's own verdict with one more check per original and per pack finding, for a
        screen that shows one card per file (the Verify screen). Its result is never better
        than :attr:`result`, except that an unsigned pack stays UNSIGNED."""
        extra = [_original_check(o) for o in self.originals]
        extra += [_finding_check(f) for f in self.findings]
        if not self.originals and not self.findings:
            extra.append(
                Check(
                    Step.ORIGINAL,
                    CheckStatus.FAILED,
                    reason("pack.empty"),
                    Result.UNREADABLE,
                )
            )
        checks = self.container.checks + tuple(extra)
        c = self.container
        return Verdict(
            result=min(
                (ch.outcome for ch in checks if ch.outcome is not None),
                key=lambda r: r.precedence,
                default=Result.AUTHENTIC,
            ),
            checks=checks,
            issuer=c.issuer,
            document=c.document,
            registration=c.registration,
            as_of=c.as_of,
            signed_at=c.signed_at,
            file_sha256=c.file_sha256,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "exporter-desk-pack-verdict/v1",
            "result": self.result.value,
            "display": self.result.display,
            "issued": self.is_issued,
            "pack": self.container.to_json(),
            "originals": [o.to_json() for o in self.originals],
            "findings": [f.to_json() for f in self.findings],
        }


def _original_check(original: OriginalVerdict) -> Check:
    what = _what(original.kind, original.label, original.number)
    result = original.result
    if result is Result.AUTHENTIC:
        return Check(Step.ORIGINAL, CheckStatus.PASSED, reason("pack.original_passed", what=what))
    reasons = [f.reason for f in original.findings]
    if original.verdict is not None and original.verdict.result is not Result.AUTHENTIC:
        reasons.append(original.verdict.headline)
    return Check(
        Step.ORIGINAL,
        CheckStatus.FAILED,
        reason(
            "pack.original_failed",
            what=what,
            result=reason(f"result.{result.value}"),
            sentences=tuple(reasons),
        ),
        result,
        "; ".join(f.detail for f in original.findings if f.detail),
    )


def _finding_check(finding: PackFinding) -> Check:
    return Check(Step.ORIGINAL, CheckStatus.FAILED, finding.reason, finding.outcome, finding.detail)


def _what(kind: str | None, label: str, number: str) -> Reason:
    """An original as the reasons name it: its title and number."""
    return reason("pack.document", label=document_title(kind, label), number=number)


def is_pack(source: bytes | Path, limits: Limits = DEFAULT_LIMITS) -> bool:
    """Whether the file lists its contents in ``pack.json`` (never raises)."""
    try:
        data = _read(source, limits)
        # The name is in the bytes (pypdf escapes its dot) unless it sits in an object stream.
        if data is None or not any(mark in data for mark in _PACK_MARKS):
            return False
        opened = _pdf.open_pdf(data, limits, Deadline(limits))
        return bool(_specs(opened, limits).get(MANIFEST_NAME))
    except Exception:  # a hostile file is simply not a pack; verify_pdf says what it is
        return False


def verify_pack(
    source: bytes | Path,
    trust: Trust,
    *,
    now: datetime | None = None,
    online: OnlineChecker | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> PackVerdict:
    """Judge a pack and every original in it (see the module's plan). Call it from a worker
    thread, like ``verify_pdf``.

    Raises:
        ValueError: ``now`` is not timezone-aware (a programming error).
    """
    from exporter_desk.verify.verifier import verify_pdf

    moment = (now or datetime.now(UTC)).astimezone(UTC)
    container = verify_pdf(source, trust, now=moment, online=online, limits=limits)
    data = _read(source, limits)
    if data is None:
        return PackVerdict(container, (), ())
    try:
        opened = _pdf.open_pdf(data, limits, Deadline(limits))
        specs = _specs(opened, limits)
        manifest = _manifest(specs, limits)
    except (Damaged, ValueError, json.JSONDecodeError) as exc:
        return PackVerdict(container, (), (_damaged_manifest(exc),))
    except Exception as exc:  # pyHanko raises anything on hostile input
        return PackVerdict(container, (), (_damaged_manifest(exc),))
    recorded = _recorded_digests(specs, limits)
    pack_pages = _safe_pages(opened, limits)
    page_cache: dict[int, bytes] = {}
    covered: set[int] = set()
    originals = []
    for item in manifest["documents"]:
        original, pages = _check_original(
            item, specs, recorded, pack_pages, page_cache, trust, moment, online, limits
        )
        covered.update(pages)
        originals.append(original)
    findings = []
    listed = {str(item["original"]) for item in manifest["documents"]}
    for name in sorted(specs):
        if name.lower().endswith(".pdf") and name not in listed:
            findings.append(
                PackFinding(
                    "unlisted",
                    Result.TAMPERED,
                    reason("pack.unlisted", name=name),
                    name,
                )
            )
    cover = int(manifest["cover_pages"])
    if pack_pages is not None:
        stray = [n for n in range(cover + 1, len(pack_pages) + 1) if n not in covered]
        if stray:
            findings.append(
                PackFinding(
                    "stray-page",
                    Result.TAMPERED,
                    reason("pack.stray_pages", pages=_page_list(stray)),
                    f"pages {stray}",
                )
            )
    return PackVerdict(container, tuple(originals), tuple(findings))


# --- reading -----------------------------------------------------------------------------------


def _read(source: bytes | Path, limits: Limits) -> bytes | None:
    if isinstance(source, Path):
        try:
            with source.open("rb") as handle:
                data = handle.read(limits.max_file_size + 1)
        except OSError:
            return None
    else:
        data = bytes(source)
    return None if len(data) > limits.max_file_size else data


def _specs(opened: OpenedPdf, limits: Limits) -> dict[str, list[Any]]:
    """Name -> file specifications of every embedded file in the last revision."""
    node = _pdf.embedded_files_node(opened.root(len(opened.revisions) - 1))
    found: dict[str, list[Any]] = {}
    if node is None:
        return found
    for name, value in _pdf.name_tree_pairs(node, limits):
        found.setdefault(name, []).append(value.get_object())
    return found


def _one(specs: dict[str, list[Any]], name: str, limits: Limits, max_size: int) -> bytes | None:
    listed = specs.get(name, [])
    if len(listed) != 1:
        if len(listed) > 1:
            raise Damaged(f"{len(listed)} embedded files named {name}")
        return None
    return _pdf.read_embedded_file(listed[0], max_size)


def _manifest(specs: dict[str, list[Any]], limits: Limits) -> dict[str, Any]:
    raw = _one(specs, MANIFEST_NAME, limits, _MAX_MANIFEST)
    if raw is None:
        raise Damaged("no pack.json")
    manifest = json.loads(raw.decode("utf-8"))
    if not isinstance(manifest, dict) or manifest.get("format") not in PACK_FORMATS:
        raise ValueError(f"pack.json of format {manifest.get('format')!r}")
    documents = manifest.get("documents")
    if not isinstance(documents, list) or not isinstance(manifest.get("cover_pages"), int):
        raise ValueError("pack.json without documents or cover_pages")
    if len(documents) > _MAX_DOCUMENTS:
        raise ValueError(f"pack.json lists {len(documents)} documents")
    for item in documents:
        if not isinstance(item, dict) or not isinstance(item.get("original"), str):
            raise ValueError("pack.json document without its original")
        for key in ("first_page", "pages_each", "originals", "copies"):
            value = item.get(key)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10_000:
                raise ValueError(f"pack.json document {key} is {value!r}")
        if not isinstance(item.get("sha256"), str):
            raise ValueError("pack.json document without sha256")
        printed = (item["originals"] + item["copies"]) * item["pages_each"]
        if printed > limits.max_pages or item["first_page"] > limits.max_pages:
            raise ValueError(f"pack.json document of {printed} pages")
    return manifest


def _recorded_digests(specs: dict[str, list[Any]], limits: Limits) -> dict[str, str] | None:
    """The originals' SHA-256s an issued pack registered in ``document.json``, if it has one."""
    try:
        raw = _one(specs, RECORD_NAME, limits, _MAX_MANIFEST)
        if raw is None:
            return None
        record = json.loads(raw.decode("utf-8"))
        listed = record.get("originals") if isinstance(record, dict) else None
        if not isinstance(listed, list):
            return None
        return {str(o["name"]): str(o["sha256"]) for o in listed if isinstance(o, dict)}
    except Exception:  # a damaged record only means there is nothing to cross-check
        return {}


def _safe_pages(opened: OpenedPdf, limits: Limits) -> list[Any] | None:
    try:
        last = len(opened.revisions) - 1
        return [page for _, page in opened.pages(last, limits, Deadline(limits))]
    except Exception:
        return None


def _damaged_manifest(exc: Exception) -> PackFinding:
    return PackFinding(
        "manifest",
        Result.TAMPERED,
        reason("pack.manifest_damaged"),
        f"{type(exc).__name__}: {exc}"[:500],
    )


def _page_list(pages: list[int]) -> str:
    shown = ", ".join(map(str, pages[:8]))
    return shown + (", …" if len(pages) > 8 else "")


# --- one original --------------------------------------------------------------------------------


def _check_original(
    item: dict[str, Any],
    specs: dict[str, list[Any]],
    recorded: dict[str, str] | None,
    pack_pages: list[Any] | None,
    page_cache: dict[int, bytes],
    trust: Trust,
    now: datetime,
    online: OnlineChecker | None,
    limits: Limits,
) -> tuple[OriginalVerdict, list[int]]:
    from exporter_desk.verify.verifier import verify_pdf

    name, label, number = (
        str(item["original"]),
        str(item.get("label", "")),
        str(item.get("number", "")),
    )
    kind = item.get("kind") if isinstance(item.get("kind"), str) else None
    what = _what(kind, label, number)
    sets = int(item["originals"]) + int(item["copies"])
    first, each = int(item["first_page"]), int(item["pages_each"])
    pages = [first + n for n in range(sets * each)]
    findings: list[PackFinding] = []
    try:
        data = _one(specs, name, limits, limits.max_file_size)
    except Exception as exc:
        data = None
        findings.append(
            PackFinding(
                "missing",
                Result.TAMPERED,
                reason("pack.original_damaged", what=what),
                f"{type(exc).__name__}: {exc}"[:300],
            )
        )
    if data is None:
        if not findings:
            findings.append(
                PackFinding(
                    "missing",
                    Result.TAMPERED,
                    reason("pack.original_missing", what=what),
                    name,
                )
            )
        return OriginalVerdict(
            name, label, number, kind, None, None, tuple(findings), tuple(pages)
        ), pages
    digest = hashlib.sha256(data).hexdigest()
    expected = {str(item["sha256"])}
    if recorded is not None and name in recorded:
        expected.add(recorded[name])
    if expected != {digest}:
        findings.append(
            PackFinding(
                "digest",
                Result.TAMPERED,
                reason("pack.original_swapped", what=what),
                f"SHA-256 {digest}, listed {sorted(expected)}",
            )
        )
    verdict = verify_pdf(data, trust, now=now, online=online, limits=limits)
    findings += _compare_pages(data, what, pages, each, pack_pages, page_cache, limits)
    return OriginalVerdict(
        name, label, number, kind, digest, verdict, tuple(findings), tuple(pages)
    ), pages


def _compare_pages(
    data: bytes,
    what: Reason,
    pages: list[int],
    each: int,
    pack_pages: list[Any] | None,
    page_cache: dict[int, bytes],
    limits: Limits,
) -> list[PackFinding]:
    if not pages:
        return []
    differing: list[int] = []
    detail = ""
    try:
        opened = _pdf.open_pdf(data, limits, Deadline(limits))
        own = [p for _, p in opened.pages(len(opened.revisions) - 1, limits, Deadline(limits))]
        if pack_pages is None or len(own) != each:
            raise Damaged(f"the original has {len(own)} pages, the pack lists {each}")
        memo: dict[int, bytes] = {}
        wanted = [_page_digest(page, memo, stamped=False) for page in own]
        pack_memo = page_cache
        for index, number in enumerate(pages):
            if number > len(pack_pages):
                differing.append(number)
                continue
            printed = _page_digest(pack_pages[number - 1], pack_memo, stamped=True)
            if printed != wanted[index % each]:
                differing.append(number)
    except Exception as exc:
        differing, detail = pages, f"{type(exc).__name__}: {exc}"[:300]
    if not differing:
        return []
    return [
        PackFinding(
            "page",
            Result.TAMPERED,
            reason("pack.pages_differ", pages=_page_list(differing), what=what),
            detail or f"pages {differing}",
        )
    ]


# --- comparing pages -----------------------------------------------------------------------------


def _inherited(page: Any, key: str) -> Any:
    node, depth = page, 0
    while isinstance(node, generic.DictionaryObject) and depth < 32:
        if key in node:
            return node.raw_get(key)
        node = _pdf.get(node, "/Parent")
        depth += 1
    return None


def _page_digest(page: Any, memo: dict[int, bytes], *, stamped: bool) -> bytes:
    """A digest of what a page shows: its content, resources and boxes. ``stamped``: a pack page,
    whose first and last content streams and the /XPackStamp form are the stamp's."""
    h = hashlib.sha256()
    contents = _pdf.get(page, "/Contents")
    streams = list(_iter_array(contents)) if contents is not None else []
    if stamped:
        if len(streams) < 2:
            raise Damaged("a pack page without its stamp")
        before, after = streams[0].get_object(), streams[-1].get_object()
        if bytes(before.data) != b"q\n" or _STAMP.encode() + b" Do" not in bytes(after.data):
            raise Damaged("a pack page whose stamp is not the pack's")
        streams = streams[1:-1]
    h.update(b"contents")
    for stream in streams:
        h.update(b"\x00" + bytes(stream.get_object().data))
    for key in _INHERITED:
        value = _inherited(page, key)
        if key == "/Resources" and stamped and value is not None:
            value = _without_stamp(value.get_object())
        h.update(key.encode() + b"=" + _digest(value, memo, 0, frozenset()))
    for key in sorted(str(k) for k in page):
        if key not in _SKIPPED_PAGE_KEYS and key not in _INHERITED:
            h.update(key.encode() + b"=" + _digest(page.raw_get(key), memo, 0, frozenset()))
    return h.digest()


def _iter_array(value: Any) -> Iterator[Any]:
    target: Any = value
    if isinstance(value, generic.IndirectObject):
        target = value.get_object()  # type: ignore[no-untyped-call]
    if isinstance(target, generic.ArrayObject):
        for i in range(len(target)):
            yield target.raw_get(i)
    else:
        yield value


def _without_stamp(resources: Any) -> Any:
    copy: Any = generic.DictionaryObject({k: resources.raw_get(k) for k in resources})  # type: ignore[no-untyped-call]
    xobjects = _pdf.get(copy, "/XObject")
    if isinstance(xobjects, generic.DictionaryObject) and _STAMP in xobjects:
        kept = {k: xobjects.raw_get(k) for k in xobjects if str(k) != _STAMP}
        rest = generic.DictionaryObject(kept)  # type: ignore[no-untyped-call]
        if rest:
            copy[generic.NameObject("/XObject")] = rest
        else:
            del copy["/XObject"]
    return copy


def _digest(value: Any, memo: dict[int, bytes], depth: int, path: frozenset[int]) -> bytes:
    """A digest of an object tree, references followed (object numbers do not count)."""
    if depth > 48:
        raise Damaged("objects nested too deeply")
    if value is None:
        return b"absent"
    if isinstance(value, generic.IndirectObject):
        number = int(value.idnum)
        if number in memo:
            return memo[number]
        if number in path:
            return b"cycle"
        target = value.get_object()  # type: ignore[no-untyped-call]
        result = _digest(target, memo, depth + 1, path | {number})
        memo[number] = result
        return result
    h = hashlib.sha256()
    if isinstance(value, generic.StreamObject):
        h.update(b"stream")
        try:
            h.update(bytes(value.data))
        except Exception:  # a filter pyHanko does not decode (images): compare as written
            h.update(b"raw" + bytes(value.encoded_data))
            h.update(_digest(value.get("/Filter"), memo, depth + 1, path))
        for key in sorted(str(k) for k in value):
            if key not in ("/Length", "/Filter", "/DecodeParms"):
                h.update(key.encode() + _digest(value.raw_get(key), memo, depth + 1, path))
    elif isinstance(value, generic.DictionaryObject):
        h.update(b"dict")
        for key in sorted(str(k) for k in value):
            if key != "/Parent":
                h.update(key.encode() + _digest(value.raw_get(key), memo, depth + 1, path))
    elif isinstance(value, generic.ArrayObject):
        h.update(b"array")
        for i in range(len(value)):
            h.update(_digest(value.raw_get(i), memo, depth + 1, path))
    else:
        h.update(repr(_pdf.canonical(value)).encode())
    return h.digest()
