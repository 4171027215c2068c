"""What every renderer does around its story: check the context, fix the data, set up the page.

1. ``Checks`` collects what is missing and what disagrees, and raises once with all of it.
2. ``validated`` runs the domain's own validation on each object.
3. ``prepare`` turns the document's data into the canonical ``document.json`` and the QR payload
   that names its SHA-256.
4. ``new_layout`` makes the page: the issuer's header, title, number and copy mark.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from reportlab.platypus import Flowable

from exporter_desk.documents._format import party_text
from exporter_desk.documents._record import FORMAT, JsonObject
from exporter_desk.documents.context import (
    InconsistentDocumentDataError,
    MissingDocumentDataError,
    RenderOptions,
)
from exporter_desk.documents.layout import (
    Attachment,
    CompanyHeader,
    DocumentLayout,
    Label,
    Mark,
    RenderedDocument,
)
from exporter_desk.documents.qr import QrPayload, format_qr_payload
from exporter_desk.domain import DocumentKind, Party

__all__ = [
    "MARKS",
    "Checks",
    "Issue",
    "Validatable",
    "company_header",
    "finish",
    "new_layout",
    "party_id",
    "prepare",
    "validated",
]

MARKS: dict[str, Mark] = {
    "ORIGINAL": Mark("ORIGINAL", "正本"),
    "COPY": Mark("COPY", "副本"),
    # A preview that was never registered nor signed: across the page, so no one mistakes it.
    "DRAFT": Mark("DRAFT", "草稿", style="diagonal"),
}


class Validatable(Protocol):
    def validated(self) -> object: ...


class Checks:
    """What a document needs, collected so that one error names everything at once."""

    def __init__(self, kind: DocumentKind, number: str) -> None:
        self.kind = kind
        self.number = number
        self._missing: list[str] = []
        self._problems: list[str] = []

    def need(self, present: object, what: str) -> bool:
        """Record ``what`` as missing when ``present`` is None, empty or blank."""
        missing = present is None or (isinstance(present, str | tuple | list) and not present)
        if isinstance(present, str) and not present.strip():
            missing = True
        if missing:
            self._missing.append(what)
        return not missing

    def agree(self, ok: bool, problem: str) -> None:
        if not ok:
            self._problems.append(problem)

    def same_id(self, expected: int | None, actual: int | None, problem: str) -> None:
        """Ids disagree only when both are known: a context built in memory has none."""
        self.agree(expected is None or actual is None or expected == actual, problem)

    def done(self) -> None:
        """Raises: MissingDocumentDataError, else InconsistentDocumentDataError."""
        if self._missing:
            raise MissingDocumentDataError(self.kind, self.number, self._missing)
        if self._problems:
            raise InconsistentDocumentDataError(self.kind, self.number, self._problems)


def party_id(party: Party | None) -> int | None:
    return None if party is None else party.id


def validated(*objects: Validatable | None) -> None:
    """Raises: the domain's ValidationError for the first object with problems."""
    for item in objects:
        if item is not None:
            item.validated()


@dataclass(frozen=True, slots=True)
class Issue:
    """A document's identity and data, fixed before anything is drawn."""

    kind: DocumentKind
    number: str
    data: JsonObject
    attachment: Attachment
    qr_payload: str

    @property
    def data_sha256(self) -> str:
        return hashlib.sha256(self.attachment.data).hexdigest()


def prepare(kind: DocumentKind, number: str, body: JsonObject, options: RenderOptions) -> Issue:
    """The full data (format, kind, number, then ``body``) and the QR payload over its digest."""
    data: JsonObject = {"format": FORMAT, "kind": kind.value, "number": number, **body}
    if options.signature_box is not None:
        data["signature_box"] = options.signature_box.as_json()
    attachment = Attachment.json(data)
    digest = hashlib.sha256(attachment.data).hexdigest()
    payload = format_qr_payload(QrPayload(kind, number, digest, options.network_origin))
    return Issue(kind, number, data, attachment, payload)


def company_header(issuer: Party, options: RenderOptions) -> CompanyHeader:
    lines = party_text(issuer, bilingual=options.bilingual, contact=False).splitlines()
    lines = lines[2 if options.bilingual and issuer.name_zh else 1 :]  # names print above
    reach = [f"Tel. {issuer.phone}" if issuer.phone else "", issuer.email]
    if any(reach):
        lines.append("  ·  ".join(r for r in reach if r))
    return CompanyHeader(
        name=issuer.name_en,
        name_zh=issuer.name_zh,
        lines=tuple(lines),
        logo_png=options.logo_png,
    )


def new_layout(
    issue: Issue,
    issuer: Party,
    options: RenderOptions,
    *,
    title: Label,
    number_label: Label,
) -> DocumentLayout:
    return DocumentLayout(
        title=title,
        document_number=issue.number,
        company=company_header(issuer, options),
        created=options.created,
        paper=options.paper,
        language=options.language,
        mark=MARKS[options.mark] if options.mark else None,
        number_label=number_label,
    )


def finish(layout: DocumentLayout, story: list[Flowable], issue: Issue) -> RenderedDocument:
    """Raises: DocumentLayoutError when a part is taller than a page."""
    return layout.render(story, attachments=[issue.attachment])
