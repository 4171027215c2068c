"""Issuing a document: render, register, then sign (DESIGN.md section 3).

1. **Render** revision 1 (R) deterministically, with its structured data embedded.
2. **Entry**: kind, number, issuer fingerprint, SHA-256(R), len(R), time, supersedes; signed.
   Unchanged data (the digest of the document's data, not of R, which holds the issue time)
   issues nothing; changed data replaces a registered document only when the caller says
   ``supersede=True`` (the user confirmed it), else :class:`SupersedeRequiredError`.
3. **Record** the document as awaiting registration, with R kept in the data folder and the
   entry in the outbox, in one transaction: from here a crash or a lost network loses nothing.
4. **Register** the entry; offline, the document stays "awaiting registration" and the outbox
   finishes it later (:func:`drain_outbox`), exactly once.
5. **Embed** the checked receipt as ``receipt.tlog-proof`` (revision 2) and **sign** with a
   PAdES certification signature (revision 3); write the PDF atomically; mark it registered and
   the document it replaces (same kind and number) superseded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from exporter_desk.documents.context import DocumentContext, RenderOptions, SealBox
from exporter_desk.documents.render import document_data, document_number, render_document
from exporter_desk.domain import DocumentId, DocumentKind, DocumentStatus, IssuedDocument
from exporter_desk.errors import ExporterError
from exporter_desk.services import preferences
from exporter_desk.services._files import safe_file_name, write_atomically
from exporter_desk.services.branding import load_image
from exporter_desk.services.contexts import load_context
from exporter_desk.services.identity import DEFAULT_PROFILE, company_party, load_credentials
from exporter_desk.services.network import Connection
from exporter_desk.services.preferences import CopyMark, DocumentLanguage, Paper
from exporter_desk.signing import Keystore, SealAppearance, SigningCredentials
from exporter_desk.store import Store
from exporter_desk.store.outbox import OutboxItem
from exporter_desk.trustnet import RECEIPT_NAME, Entry, parse_proof
from exporter_desk.trustnet.client import (
    NetworkUnavailableError,
    Registration,
    RegistrationRefusedError,
)

__all__ = [
    "RECEIPT_NAME",
    "TIMESTAMP_SETTING",
    "AwaitingRegistrationError",
    "DrainResult",
    "IssueOptions",
    "IssueResult",
    "Progress",
    "SealBoxMovedError",
    "SupersedeRequiredError",
    "compute_data_digest",
    "drain_outbox",
    "issue",
    "issue_document",
    "issue_rendered",
    "pending_path",
    "preview_document",
    "save_preview",
]

TIMESTAMP_SETTING = preferences.TIMESTAMP_URL
"""An RFC 3161 time-stamping service: signatures are PAdES B-T when set, B-B otherwise."""
Progress = Callable[[str, float], None]
"""``progress(step, fraction)``: a short step name ("render", "register", "sign") and 0..1."""
ISSUE_STEPS = ("render", "entry", "register", "sign", "queued", "done")
"""The step names ``progress`` is given, for a front end to put in words."""


class SealBoxMovedError(ExporterError):
    """The reserved signature box is not where the recorded data says."""


class SupersedeRequiredError(ExporterError):
    """The data changed since the document was issued; issuing again would supersede it, and
    that is the user's explicit choice (``supersede=True``)."""

    def __init__(self, earlier: IssuedDocument) -> None:
        self.earlier = earlier
        when = earlier.created_at.strftime("%Y-%m-%d %H:%M UTC")
        super().__init__(
            f"{earlier.kind.value} {earlier.number} is registered (document {earlier.id}) "
            "with other data; supersede=True is needed",
            user_message=f"{earlier.kind.label} {earlier.number} was issued on {when}, and its "
            "data has changed since. Issuing it again registers a new document that supersedes "
            "the earlier one: the earlier PDF stays in the register marked superseded, and "
            "anyone who verifies it online is told it was replaced.",
        )


class AwaitingRegistrationError(ExporterError):
    """An earlier issue of the same document still waits in the outbox: it cannot be
    superseded before it has a receipt."""


@dataclass(frozen=True, slots=True)
class IssueResult:
    """What issuing did: ``document`` is the new register entry, or the earlier one when
    ``unchanged`` (nothing was issued); ``superseded`` is the document it replaced."""

    document: IssuedDocument
    unchanged: bool = False
    superseded: IssuedDocument | None = None


@dataclass(frozen=True, slots=True)
class IssueOptions:
    """How to issue: paper, languages, the copy mark (None: no mark), the visible seal.

    Text from a person or a settings file is accepted where it parses ("Letter", "letter",
    "copy"): it is made an enum here, once.

    Raises (constructor):
        InvalidPreferenceError: a paper, language or mark Exporter Desk does not know.
    """

    paper: Paper = Paper.A4
    language: DocumentLanguage = DocumentLanguage.ENGLISH
    mark: CopyMark | None = CopyMark.ORIGINAL
    visible_seal: bool = False
    seal_png: bytes | None = None
    logo_png: bytes | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "paper", Paper.parse(self.paper))
        object.__setattr__(self, "language", DocumentLanguage.parse(self.language))
        object.__setattr__(self, "mark", CopyMark.parse_optional(self.mark))


def documents_dir(data_dir: Path) -> Path:
    return data_dir / "documents"


def pending_path(data_dir: Path, document_id: int) -> Path:
    """Where revision 1 of a document waits for its receipt."""
    return documents_dir(data_dir) / ".pending" / f"{document_id}.pdf"


def _issued_path(data_dir: Path, kind: DocumentKind, number: str, revision: int) -> Path:
    suffix = "" if revision <= 1 else f" (rev {revision})"
    return documents_dir(data_dir) / kind.value / f"{safe_file_name(number)}{suffix}.pdf"


def _note(progress: Progress | None, step: str, fraction: float) -> None:
    if progress is not None:
        progress(step, fraction)


def compute_data_digest(kind: DocumentKind, context: DocumentContext) -> str:
    """Hex SHA-256 of the document's data as ``document.json`` records it, without the issue
    time or the place of the seal: equal data gives equal digests, whenever it is issued.

    Raises:
        as ``render_document`` for missing or inconsistent data.
    """
    body = {
        "kind": kind.value,
        "number": document_number(kind, context),
        "data": document_data(kind, context),
    }
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def issue_document(
    store: Store,
    keystore: Keystore,
    data_dir: Path,
    network: Connection,
    kind: DocumentKind,
    source_id: int,
    *,
    options: IssueOptions | None = None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    profile: str = DEFAULT_PROFILE,
    supersede: bool = False,
) -> IssuedDocument:
    """:func:`issue`, returning only the register entry (the earlier one when unchanged)."""
    return issue(
        store,
        keystore,
        data_dir,
        network,
        kind,
        source_id,
        options=options,
        now=now,
        progress=progress,
        profile=profile,
        supersede=supersede,
    ).document


def issue(
    store: Store,
    keystore: Keystore,
    data_dir: Path,
    network: Connection,
    kind: DocumentKind,
    source_id: int,
    *,
    options: IssueOptions | None = None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    profile: str = DEFAULT_PROFILE,
    supersede: bool = False,
) -> IssueResult:
    """Issue ``kind`` from its source row: the register entry is registered, or awaiting
    registration when the network cannot be reached. Unchanged data issues nothing
    (``unchanged``); changed data supersedes the registered document only with ``supersede``.

    Raises:
        NoSigningIdentityError, NoCompanyError: set up the company and its key first.
        MissingDocumentDataError, ValidationError: the data cannot make this document.
        SupersedeRequiredError: registered before with other data, and ``supersede`` is False.
        AwaitingRegistrationError: an earlier issue with other data waits in the outbox.
        RegistrationRefusedError: the network refused the entry (say, a conflicting number).
    """
    options = options or IssueOptions()
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    _note(progress, "render", 0.0)
    credentials = load_credentials(store, keystore, profile)
    context = load_context(store, kind, source_id)
    number = document_number(kind, context)
    data_digest = compute_data_digest(kind, context)
    earlier = [
        doc
        for doc in store.documents.by_number(kind, number)
        if doc.status in (DocumentStatus.REGISTERED, DocumentStatus.AWAITING_REGISTRATION)
    ]
    for doc in earlier:
        if doc.data_digest == data_digest:
            return IssueResult(doc, unchanged=True)  # nothing changed: nothing is issued
    waiting = [doc for doc in earlier if doc.status is DocumentStatus.AWAITING_REGISTRATION]
    if waiting:
        raise AwaitingRegistrationError(
            f"{kind.value} {number}: document {waiting[0].id} awaits registration",
            user_message=f"{kind.label} {number} was issued with other data and still waits "
            "for registration. Retry the registration first (Documents); then issue it again "
            "to supersede it.",
        )
    supersedes, supersedes_id = _superseded(earlier)
    if supersedes_id is not None and not supersede:
        raise SupersedeRequiredError(store.documents.get(supersedes_id))
    issuer = company_party(store)
    render_options = RenderOptions(
        created=now,
        paper=options.paper.render_name,
        language=options.language.render_name,
        mark=options.mark.render_name if options.mark is not None else None,
        network_origin=network.descriptor.origin,
        logo_png=options.logo_png if options.logo_png is not None else load_image(data_dir, "logo"),
    )
    rendered = render_document(kind, context, render_options)
    seal_box = None
    if options.visible_seal and rendered.signature_boxes:
        # The seal may only go where revision 1 says (verification step 5), and the box is
        # known after layout: render again with it recorded in document.json.
        seal_box = SealBox.inside(rendered.signature_boxes[0])
        rendered = render_document(kind, context, replace(render_options, signature_box=seal_box))
        if SealBox.inside(rendered.signature_boxes[0]) != seal_box:
            raise SealBoxMovedError(
                f"{kind.value} {number}: the signature box moved between renders",
                user_message="The visible seal cannot be placed on this document; issue it "
                "without the visible seal.",
            )
    seal = None if seal_box is None else {"page": seal_box.page, "box": list(seal_box.rect)}
    return _register_and_sign(
        store,
        data_dir,
        network,
        credentials,
        kind,
        number,
        source_id,
        rendered.pdf,
        seal=seal,
        company=issuer.name_en,
        seal_png=options.seal_png,
        now=now,
        progress=progress,
        supersedes=supersedes,
        supersedes_id=supersedes_id,
        data_digest=data_digest,
    )


def issue_rendered(
    store: Store,
    keystore: Keystore,
    data_dir: Path,
    network: Connection,
    kind: DocumentKind,
    number: str,
    source_id: int,
    revision1: bytes,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    profile: str = DEFAULT_PROFILE,
) -> IssuedDocument:
    """Register and sign a document rendered elsewhere (a bank pack): ``revision1`` is R, the
    bytes to register, issued from row ``source_id`` of ``SOURCE_TABLES[kind]`` (a kind not
    rendered from one row, the bank pack, is issued from a deal). As
    :func:`issue_document` from step 2 on, without a visible seal.

    The same bytes again issue nothing; other bytes supersede the registered document (the
    caller asked for a new one: a bank pack is issued anew for each presentation).

    Raises: as :func:`issue_document`.
    """
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    credentials = load_credentials(store, keystore, profile)
    digest = hashlib.sha256(revision1).hexdigest()
    earlier = [
        doc
        for doc in store.documents.by_number(kind, number)
        if doc.status in (DocumentStatus.REGISTERED, DocumentStatus.AWAITING_REGISTRATION)
    ]
    for doc in earlier:
        if doc.digest_r1 == digest:
            return doc  # the same bytes again: issuing is idempotent
    supersedes, supersedes_id = _superseded(earlier)
    return _register_and_sign(
        store,
        data_dir,
        network,
        credentials,
        kind,
        number,
        source_id,
        revision1,
        seal=None,
        company=company_party(store).name_en,
        seal_png=None,
        now=now,
        progress=progress,
        supersedes=supersedes,
        supersedes_id=supersedes_id,
        data_digest=digest,
    ).document


def _register_and_sign(
    store: Store,
    data_dir: Path,
    network: Connection,
    credentials: SigningCredentials,
    kind: DocumentKind,
    number: str,
    source_id: int,
    revision1: bytes,
    *,
    seal: dict[str, object] | None,
    company: str,
    seal_png: bytes | None,
    now: dt.datetime,
    progress: Progress | None,
    supersedes: str | None,
    supersedes_id: DocumentId | None,
    data_digest: str,
) -> IssueResult:
    """Steps 2 to 5: the entry, the record and outbox item, registration, receipt and signature.
    ``supersedes`` is the leaf hash of the entry this one replaces (``supersedes_id`` its
    document), decided by the caller."""
    digest = hashlib.sha256(revision1).hexdigest()
    replaced = None if supersedes_id is None else store.documents.get(supersedes_id)

    _note(progress, "entry", 0.2)
    entry = Entry.build(
        kind=kind.value,
        number=number,
        issuer=credentials.fingerprint,
        digest=digest,
        length=len(revision1),
        time=now,
        supersedes=supersedes,
    ).sign(credentials.key)

    with store.transaction():
        document = store.documents.save(
            IssuedDocument(
                kind=kind,
                number=number,
                source_table=kind.source_table,
                source_id=source_id,
                status=DocumentStatus.AWAITING_REGISTRATION,
                created_at=now,
                digest_r1=digest,
                supersedes_id=supersedes_id,
                data_digest=data_digest,
            )
        )
        assert document.id is not None
        write_atomically(pending_path(data_dir, document.id), revision1)
        write_atomically(
            pending_path(data_dir, document.id).with_suffix(".json"),
            json.dumps({"seal": seal, "company": company}).encode("utf-8"),
        )
        item = store.outbox.enqueue(entry.format(), now, document_id=document.id)

    _note(progress, "register", 0.4)
    try:
        registration = network.client.register(entry, network.token)
    except NetworkUnavailableError as exc:
        store.outbox.mark_failed(item.id, str(exc), now)
        _note(progress, "queued", 1.0)
        return IssueResult(store.documents.get(document.id), superseded=replaced)
    except RegistrationRefusedError as exc:
        store.outbox.mark_rejected(item.id, str(exc))
        store.documents.save(replace(document, status=DocumentStatus.DRAFT))
        raise
    _note(progress, "sign", 0.7)
    seal_png = seal_png if seal_png is not None else load_image(data_dir, "seal")
    finished = _finish(store, data_dir, document, item, registration, credentials, seal_png, now)
    _note(progress, "done", 1.0)
    return IssueResult(finished, superseded=replaced)


def preview_document(
    store: Store,
    data_dir: Path,
    kind: DocumentKind,
    source_id: int,
    *,
    options: IssueOptions | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """A draft of ``kind`` from its source row as it would be issued now, watermarked DRAFT:
    rendered only, never registered, never signed, nothing written to the register or outbox.

    Raises:
        MissingDocumentDataError, ValidationError: the data cannot make this document.
    """
    options = options or IssueOptions()
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    context = load_context(store, kind, source_id)
    render_options = RenderOptions(
        created=now,
        paper=options.paper.render_name,
        language=options.language.render_name,
        mark=CopyMark.DRAFT.render_name,
        logo_png=options.logo_png if options.logo_png is not None else load_image(data_dir, "logo"),
    )
    return render_document(kind, context, render_options).pdf


def save_preview(
    store: Store,
    data_dir: Path,
    kind: DocumentKind,
    source_id: int,
    *,
    options: IssueOptions | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """:func:`preview_document`, written (atomically) to the data folder's ``.drafts`` folder,
    where the GUI opens it; returns its path. Nothing is registered or signed.

    Raises:
        as :func:`preview_document`; DiskFullError, NotWritableError: as ``write_atomically``.
    """
    pdf = preview_document(store, data_dir, kind, source_id, options=options, now=now)
    target = data_dir / ".drafts" / f"DRAFT {kind.value} {safe_file_name(str(source_id))}.pdf"
    write_atomically(target, pdf)
    return target


def _superseded(earlier: list[IssuedDocument]) -> tuple[str | None, DocumentId | None]:
    """The leaf hash and id of the newest registered document this one replaces."""
    for doc in reversed(earlier):
        if doc.status is DocumentStatus.REGISTERED and doc.receipt:
            receipt = parse_proof(doc.receipt)
            if receipt.extra is not None:
                return Entry.parse(receipt.extra).leaf_hash().hex(), doc.id
    return None, None


def _finish(
    store: Store,
    data_dir: Path,
    document: IssuedDocument,
    item: OutboxItem,
    registration: Registration,
    credentials: SigningCredentials,
    seal_png: bytes | None,
    now: dt.datetime,
) -> IssuedDocument:
    """Embed the receipt, sign, write the PDF, and record it: steps 4 and 5."""
    from exporter_desk.signing import embed_associated_file, sign_pdf

    assert document.id is not None
    pending = pending_path(data_dir, document.id)
    revision1 = pending.read_bytes()
    sidecar = json.loads(pending.with_suffix(".json").read_text(encoding="utf-8"))
    revision2 = embed_associated_file(
        revision1,
        RECEIPT_NAME,
        registration.receipt_text.encode("utf-8"),
        "text/plain",
        "Trust-network receipt (c2sp.org/tlog-proof@v1)",
    )
    appearance = None
    if sidecar.get("seal"):
        x1, y1, x2, y2 = sidecar["seal"]["box"]
        appearance = SealAppearance(
            page=int(sidecar["seal"]["page"]),
            box=(x1, y1, x2, y2),
            company_name=str(sidecar.get("company", "")),
            seal_png=seal_png,
        )
    # B-T when the user configured an RFC 3161 time-stamping service (Settings); if it cannot
    # be reached, this raises and the outbox finishes the document on a later try.
    timestamp_url = store.settings.get(TIMESTAMP_SETTING) or None
    signed = sign_pdf(
        revision2, credentials, appearance=appearance, timestamp_url=timestamp_url, now=now
    )
    revision = 1 + sum(
        1
        for doc in store.documents.by_number(document.kind, document.number)
        if doc.id != document.id and doc.status is not DocumentStatus.DRAFT
    )
    target = _issued_path(data_dir, document.kind, document.number, revision)
    write_atomically(target, signed)
    with store.transaction():
        finished = store.documents.save(
            replace(
                document,
                status=DocumentStatus.REGISTERED,
                path=str(target),
                digest_final=hashlib.sha256(signed).hexdigest(),
                receipt=registration.receipt_text,
                log_index=registration.check.index,
            )
        )
        if document.supersedes_id is not None:
            old = store.documents.get(document.supersedes_id)
            store.documents.save(replace(old, status=DocumentStatus.SUPERSEDED))
        store.outbox.mark_delivered(item.id, registration.receipt_text, now)
    pending.unlink(missing_ok=True)
    pending.with_suffix(".json").unlink(missing_ok=True)
    return finished


@dataclass(frozen=True, slots=True)
class DrainResult:
    delivered: int
    waiting: int
    rejected: int


def drain_outbox(
    store: Store,
    keystore: Keystore,
    data_dir: Path,
    network: Connection,
    *,
    now: dt.datetime | None = None,
    limit: int = 20,
    seal_png: bytes | None = None,
    profile: str = DEFAULT_PROFILE,
    ignore_backoff: bool = False,
) -> DrainResult:
    """Register what waits in the outbox (at most ``limit`` items, oldest due first).

    Each entry is submitted as it was signed, so a registration that reached the log before a
    crash is answered with the same receipt (the log is idempotent): it lands exactly once.
    ``ignore_backoff`` (the user's "Retry now") also tries items still waiting out a back-off.
    """
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    delivered = rejected = 0
    credentials = None
    items = store.outbox.pending(limit) if ignore_backoff else store.outbox.due(now, limit)
    for item in items:
        entry = Entry.parse(item.entry)
        try:
            registration = network.client.register(entry, network.token)
        except NetworkUnavailableError as exc:
            store.outbox.mark_failed(item.id, str(exc), now)
            break  # the network is down: the rest would fail the same way
        except RegistrationRefusedError as exc:
            store.outbox.mark_rejected(item.id, exc.user_message)
            rejected += 1
            continue
        if item.document_id is None:
            store.outbox.mark_delivered(item.id, registration.receipt_text, now)
            delivered += 1
            continue
        credentials = credentials or load_credentials(store, keystore, profile)
        document = store.documents.get(DocumentId(item.document_id))
        seal = seal_png if seal_png is not None else load_image(data_dir, "seal")
        _finish(store, data_dir, document, item, registration, credentials, seal, now)
        delivered += 1
    return DrainResult(delivered=delivered, waiting=store.outbox.pending_count(), rejected=rejected)
