"""The plan of a pack: which documents, in which order, on which pack pages.

Inputs are opened one at a time and only to count pages (a ``RenderedDocument`` knows its own).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from exporter_desk.documents.layout import RenderedDocument
from exporter_desk.domain import DocumentKind
from exporter_desk.errors import ExporterError

__all__ = [
    "PACK_ORDER",
    "PackEntry",
    "PackError",
    "PackPlan",
    "PlannedEntry",
    "entry_sha256",
    "open_entry",
    "plan_pack",
]

PACK_ORDER: tuple[DocumentKind, ...] = (
    DocumentKind.PURCHASE_CONTRACT,
    DocumentKind.SALES_CONTRACT,
    DocumentKind.PROFORMA_INVOICE,
    DocumentKind.COMMERCIAL_INVOICE,
    DocumentKind.PACKING_LIST,
    DocumentKind.CERTIFICATE_OF_ORIGIN,
    DocumentKind.SHIPPING_INSTRUCTION,
    DocumentKind.BENEFICIARY_CERTIFICATE,
    DocumentKind.BILL_OF_EXCHANGE,
)
_MAX_SETS = 20  # originals plus copies of one document: more is a typing slip


class PackError(ExporterError):
    """A pack cannot be built from what was given (no documents, unreadable PDF, bad counts)."""


@dataclass(frozen=True, slots=True)
class PackEntry:
    """One document of a pack: its PDF, how it is listed, and how many sets to print.

    ``document`` is a rendered document, PDF bytes, or the path of a PDF (read when its turn
    comes, so that a large pack need not hold every input in memory). ``kind`` places it in
    ``PACK_ORDER``; without one it goes after the known kinds, in the order given.
    """

    document: RenderedDocument | bytes | Path
    label: str
    number: str
    originals: int = 1
    copies: int = 0
    kind: DocumentKind | None = None
    marked: bool = False  # printed with its own ORIGINAL mark (an issued PDF): not stamped again

    @property
    def sets(self) -> int:
        return self.originals + self.copies


@dataclass(frozen=True, slots=True)
class PlannedEntry:
    """Where one document lands: ``first_page``..``last_page`` of the pack, 1-based."""

    entry: PackEntry
    pages_each: int
    first_page: int

    @property
    def last_page(self) -> int:
        return self.first_page + self.pages_each * self.entry.sets - 1

    def set_pages(self, index: int) -> tuple[int, int]:
        """First and last pack page of set ``index`` (originals first, then copies)."""
        first = self.first_page + index * self.pages_each
        return first, first + self.pages_each - 1


@dataclass(frozen=True, slots=True)
class PackPlan:
    cover_pages: int
    entries: tuple[PlannedEntry, ...]

    @property
    def total_pages(self) -> int:
        return self.entries[-1].last_page if self.entries else self.cover_pages

    def with_cover_pages(self, cover_pages: int) -> PackPlan:
        """The same plan after a cover of another length (no input is opened again)."""
        shift = cover_pages - self.cover_pages
        return PackPlan(
            cover_pages,
            tuple(replace(p, first_page=p.first_page + shift) for p in self.entries),
        )


def _order(documents: Sequence[PackEntry]) -> list[PackEntry]:
    rank = {kind: n for n, kind in enumerate(PACK_ORDER)}
    return sorted(
        documents,
        key=lambda e: rank.get(e.kind, len(PACK_ORDER)) if e.kind else len(PACK_ORDER),
    )


def open_entry(entry: PackEntry) -> PdfReader:
    """Raises: PackError when the document is not a readable PDF."""
    source = entry.document
    try:
        if isinstance(source, RenderedDocument):
            return PdfReader(BytesIO(source.pdf))
        if isinstance(source, bytes):
            return PdfReader(BytesIO(source))
        return PdfReader(source)
    except (PyPdfError, OSError, ValueError) as exc:
        raise PackError(
            f"cannot read {entry.label} {entry.number}: {exc}",
            user_message=f"{entry.label} {entry.number} is not a readable PDF; "
            "render or choose it again.",
        ) from exc


def _page_count(entry: PackEntry) -> int:
    if isinstance(entry.document, RenderedDocument):
        return entry.document.page_count
    try:
        return len(open_entry(entry).pages)
    except PyPdfError as exc:  # a damaged page tree shows only when the pages are counted
        raise PackError(
            f"cannot count the pages of {entry.label} {entry.number}: {exc}",
            user_message=f"{entry.label} {entry.number} is a damaged PDF; render or choose it "
            "again.",
        ) from exc


def _check_entries(documents: Sequence[PackEntry]) -> None:
    if not documents:
        raise PackError(
            "empty pack", user_message="A pack needs at least one document; select some."
        )
    for entry in documents:
        if entry.originals < 0 or entry.copies < 0 or not 1 <= entry.sets <= _MAX_SETS:
            raise PackError(
                f"{entry.label} {entry.number}: {entry.originals} originals, {entry.copies} copies",
                user_message=f"{entry.label} {entry.number}: print between 1 and {_MAX_SETS} "
                "originals and copies in all.",
            )


def plan_pack(documents: Sequence[PackEntry], *, cover_pages: int = 1) -> PackPlan:
    """Order the documents and give each its pack pages, after ``cover_pages`` of cover.

    Raises:
        PackError: no documents, a count out of range, or an unreadable PDF.
    """
    _check_entries(documents)
    planned = []
    next_page = cover_pages + 1
    for entry in _order(documents):
        pages = _page_count(entry)
        if pages < 1:
            raise PackError(
                f"{entry.label} {entry.number} has no pages",
                user_message=f"{entry.label} {entry.number} has no pages; render it again.",
            )
        item = PlannedEntry(entry, pages, next_page)
        planned.append(item)
        next_page = item.last_page + 1
    return PackPlan(cover_pages, tuple(planned))


def entry_sha256(entry: PackEntry) -> str:
    source = entry.document
    if isinstance(source, RenderedDocument):
        return hashlib.sha256(source.pdf).hexdigest()
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    with source.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()
