"""Document packs, built around the signed originals.

1. ``plan_pack(store, invoice=|shipment=|deal=)`` lists the candidate documents of an invoice, a
   shipment or a deal: for each, the issued, signed PDF when there is one, else what data it
   lacks (if any). The documents the deal's letter of credit requires are ticked in advance
   (without a credit, every document that can be made).
2. The user ticks and unticks (``PackPlan.ticking``), and may issue what is ticked but not yet
   issued (``issue_missing``).
3. ``build_pack(store, plan)`` puts each ticked document in: its issued PDF, or, not yet issued,
   a draft rendered from today's data (the cover and the verifier say so: it is unsigned). A
   document that lacks data is left out and listed, never failing the whole pack.
4. ``issue_bank_pack`` builds the bank pack of a deal (every ticked document issued, and a
   cover with the deal summary, the examiner's result, each original's verification and the
   received documents) and issues it, registered and signed, as a ``bank-pack`` document.

Qt-free; the GUI and ``exporter-desk pack`` call these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from exporter_desk.documents import (
    BANK_PACK_TITLE,
    PACK_ORDER,
    PACK_TITLE,
    CoverSection,
    DocumentDataError,
    PackEntry,
    render_document,
)
from exporter_desk.documents import (
    build_pack as build_pdf_pack,
)
from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.context import RenderOptions
from exporter_desk.documents.layout import Label
from exporter_desk.documents.render import document_number
from exporter_desk.domain import (
    DealId,
    DocumentKind,
    DocumentStatus,
    Invoice,
    InvoiceId,
    InvoiceKind,
    IssuedDocument,
    Party,
    PaymentMethod,
    ShipmentId,
    ValidationError,
)
from exporter_desk.domain.credit import RequiredKind
from exporter_desk.errors import ExporterError
from exporter_desk.services._files import FileWriteError, write_atomically
from exporter_desk.services.contexts import SOURCE_TABLES, load_context
from exporter_desk.services.identity import company_party
from exporter_desk.services.preferences import DocumentLanguage, Paper
from exporter_desk.store import NotFoundError, Store

if TYPE_CHECKING:
    from exporter_desk.services.network import Connection
    from exporter_desk.signing import Keystore
    from exporter_desk.verify import Trust

__all__ = [
    "Candidate",
    "EmptyPackError",
    "ExportedPack",
    "NotIssuedError",
    "PackNotSavedError",
    "PackOptions",
    "PackPlan",
    "bank_pack_number",
    "build_pack",
    "export_pack",
    "issue_bank_pack",
    "issue_missing",
    "pack_deal",
    "pack_shipment",
    "plan_pack",
    "write_pack",
]


@dataclass(frozen=True, slots=True)
class PackOptions:
    """How many sets of each document, and how to print them.

    ``originals`` / ``copies`` apply to the documents a bank examines (invoice, packing list,
    certificate of origin, bill of exchange, beneficiary's certificate); contracts and the
    proforma get one original, the shipping instruction one copy for the file.
    """

    originals: int = 3
    copies: int = 2
    language: DocumentLanguage = DocumentLanguage.ENGLISH
    paper: Paper = Paper.A4

    def __post_init__(self) -> None:
        """Raises: InvalidPreferenceError for a paper or language Exporter Desk does not know."""
        object.__setattr__(self, "paper", Paper.parse(self.paper))
        object.__setattr__(self, "language", DocumentLanguage.parse(self.language))


class EmptyPackError(ExporterError):
    """Nothing to put in the pack: no documents, none ticked, or none that can be made."""


class PackNotSavedError(FileWriteError):
    """The file system refused the pack for a reason other than space or permission."""

    def __init__(self, path: Path, cause: OSError) -> None:
        self.path = path
        reason = cause.strerror or str(cause)
        super().__init__(
            f"cannot write {path}: {cause}",
            user_message=f"The pack could not be saved to {path}: {reason}. Nothing was "
            "written; choose another place for the file.",
        )


class NotIssuedError(ExporterError):
    """A bank pack needs every document in it issued; some are not."""


_PRESENTED = {
    DocumentKind.COMMERCIAL_INVOICE,
    DocumentKind.PACKING_LIST,
    DocumentKind.CERTIFICATE_OF_ORIGIN,
    DocumentKind.BENEFICIARY_CERTIFICATE,
    DocumentKind.BILL_OF_EXCHANGE,
}
_REQUIRED_KINDS = {
    RequiredKind.COMMERCIAL_INVOICE: DocumentKind.COMMERCIAL_INVOICE,
    RequiredKind.PACKING_LIST: DocumentKind.PACKING_LIST,
    RequiredKind.CERTIFICATE_OF_ORIGIN: DocumentKind.CERTIFICATE_OF_ORIGIN,
    RequiredKind.BENEFICIARY_CERTIFICATE: DocumentKind.BENEFICIARY_CERTIFICATE,
    RequiredKind.DRAFT: DocumentKind.BILL_OF_EXCHANGE,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One document that could go in the pack.

    ``issued`` is its newest registered document (its signed PDF is what the pack carries);
    ``missing`` what its data lacks, so that it cannot be made (empty: it can);
    ``required`` whether the deal's credit asks for it; ``ticked`` whether it goes in.
    """

    kind: DocumentKind
    source_id: int
    number: str
    issued: IssuedDocument | None
    missing: tuple[str, ...]
    required: bool
    ticked: bool
    originals: int = 1
    copies: int = 0

    @property
    def label(self) -> str:
        return TITLES[self.kind].en

    @property
    def is_issued(self) -> bool:
        return self.issued is not None

    @property
    def can_make(self) -> bool:
        return self.issued is not None or not self.missing


@dataclass(frozen=True, slots=True)
class PackPlan:
    """What a pack can hold: ``start`` is ``("invoice" | "shipment" | "deal", id)``."""

    start: tuple[str, int]
    title: str
    reference: str
    deal_id: DealId | None
    credit_number: str | None
    parties: tuple[tuple[str, Party], ...]
    candidates: tuple[Candidate, ...]
    details: tuple[tuple[str, str], ...] = ()

    @property
    def ticked(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.ticked)

    def ticking(self, kinds: Iterable[DocumentKind | str]) -> PackPlan:
        """The same plan with exactly the candidates of ``kinds`` ticked.

        Raises:
            ValueError: a kind is not a document kind (the message names it).
        """
        wanted = {DocumentKind(k) for k in kinds}
        return replace(
            self, candidates=tuple(replace(c, ticked=c.kind in wanted) for c in self.candidates)
        )

    def with_sets(self, originals: int, copies: int) -> PackPlan:
        """Print ``originals`` and ``copies`` of each document a bank examines."""
        return replace(
            self,
            candidates=tuple(
                replace(c, originals=originals, copies=copies) if c.kind in _PRESENTED else c
                for c in self.candidates
            ),
        )


# --- 1. plan -----------------------------------------------------------------------------------


def plan_pack(
    store: Store,
    *,
    invoice: int | None = None,
    shipment: int | None = None,
    deal: int | None = None,
    options: PackOptions | None = None,
) -> PackPlan:
    """The candidate documents of one invoice, shipment or deal (exactly one is given).

    Raises:
        NotFoundError: no such invoice, shipment or deal.
        EmptyPackError: it has no document yet.
        ValueError: not exactly one of ``invoice``, ``shipment``, ``deal``.
    """
    if sum(x is not None for x in (invoice, shipment, deal)) != 1:
        raise ValueError("plan_pack takes exactly one of invoice, shipment, deal")
    options = options or PackOptions()
    start = (
        ("deal", deal)
        if deal is not None
        else ("shipment", shipment)
        if shipment is not None
        else ("invoice", int(invoice or 0))
    )
    sources: list[tuple[DocumentKind, int]] = []
    roles: list[tuple[str, int | None]] = []
    details: list[tuple[str, str]] = []
    deal_id: DealId | None = None
    if deal is not None:
        record = store.deals.get(DealId(deal))
        deal_id, title, reference = DealId(deal), f"Deal {record.reference}", record.reference
        if record.notes:
            details.append(("Notes", record.notes))
        for contract_id, kind in (
            (record.purchase_contract_id, DocumentKind.PURCHASE_CONTRACT),
            (record.sales_contract_id, DocumentKind.SALES_CONTRACT),
        ):
            if contract_id is None:
                continue
            contract = store.contracts.get(contract_id)
            sources.append((kind, contract_id))
            if kind is DocumentKind.PURCHASE_CONTRACT:
                roles.append(("Supplier", contract.seller_id))
            else:
                roles += [("Seller / exporter", contract.seller_id), ("Buyer", contract.buyer_id)]
                sources += _invoice_sources(store, store.invoices.for_contract(contract_id))
    elif shipment is not None:
        record_s = store.shipments.get(ShipmentId(shipment))
        title, reference = f"Shipment {record_s.reference}", record_s.reference
        route = f"{record_s.port_of_loading} → {record_s.port_of_discharge}"
        details += [
            ("Vessel / voyage or flight", record_s.vessel_or_flight or "—"),
            ("Route", route),
        ]
        if record_s.transport_document_no:
            details.append((f"{record_s.mode.document_name} No.", record_s.transport_document_no))
        invoices = store.invoices.for_shipment(ShipmentId(shipment))
        sources += _invoice_sources(store, invoices)
        roles += _invoice_roles(invoices)
        deal_id = _deal_of(store, invoices)
    else:
        assert invoice is not None
        record_i = store.invoices.get(InvoiceId(invoice))
        title, reference = f"Invoice {record_i.number}", record_i.number
        sources += _invoice_sources(store, [record_i])
        roles += _invoice_roles([record_i])
        deal_id = _deal_of(store, [record_i])
    if not sources:
        if shipment is not None:
            advice = (
                f"No invoice refers to shipment {reference} yet, so there is nothing to print. "
                "Set the shipment on its commercial invoice first."
            )
        else:
            advice = f"Deal {reference} has no contract yet, so there is nothing to print."
        raise EmptyPackError(f"{title} has no documents", user_message=advice)
    credits = store.credits.for_deal(deal_id) if deal_id is not None else []
    credit = credits[-1] if credits else None  # the latest, as the examiner takes it
    required = (
        {_REQUIRED_KINDS[d.kind] for d in credit.documents if d.kind in _REQUIRED_KINDS}
        if credit is not None
        else None
    )
    candidates = []
    for kind, source_id in sources:
        issued = _issued(store, kind, source_id)
        number, missing = _number_and_missing(store, kind, source_id, issued)
        is_required = required is not None and kind in required
        ticked = is_required if required is not None else (issued is not None or not missing)
        if kind in _PRESENTED:
            originals, copies = options.originals, options.copies
        elif kind is DocumentKind.SHIPPING_INSTRUCTION:
            originals, copies = 0, 1
        else:
            originals, copies = 1, 0
        candidates.append(
            Candidate(
                kind,
                source_id,
                number,
                issued,
                missing,
                is_required,
                ticked and (issued is not None or not missing),
                originals,
                copies,
            )
        )
    return PackPlan(
        start=start,
        title=title,
        reference=reference,
        deal_id=deal_id,
        credit_number=credit.number if credit is not None else None,
        parties=tuple(_parties(store, roles)),
        candidates=tuple(candidates),
        details=tuple(details),
    )


def _invoice_sources(store: Store, invoices: Iterable[Invoice]) -> list[tuple[DocumentKind, int]]:
    found: list[tuple[DocumentKind, int]] = []
    for invoice in invoices:
        assert invoice.id is not None
        if invoice.kind is InvoiceKind.PROFORMA:
            found.append((DocumentKind.PROFORMA_INVOICE, invoice.id))
            continue
        kinds = [DocumentKind.COMMERCIAL_INVOICE, DocumentKind.CERTIFICATE_OF_ORIGIN]
        if invoice.shipment_id is not None:
            kinds.append(DocumentKind.SHIPPING_INSTRUCTION)
        if invoice.payment.method is PaymentMethod.LC:
            kinds += [DocumentKind.BENEFICIARY_CERTIFICATE, DocumentKind.BILL_OF_EXCHANGE]
        found += [(kind, invoice.id) for kind in kinds]
        for packing_list in store.packing_lists.for_invoice(invoice.id):
            assert packing_list.id is not None
            found.append((DocumentKind.PACKING_LIST, packing_list.id))
    return found


def _invoice_roles(invoices: Iterable[Invoice]) -> list[tuple[str, int | None]]:
    roles: list[tuple[str, int | None]] = []
    for invoice in invoices:
        roles += [
            ("Seller / exporter", invoice.seller_id),
            ("Buyer", invoice.buyer_id),
            ("Consignee", invoice.consignee_id),
            ("Notify party", invoice.notify_id),
        ]
    return roles


def _deal_of(store: Store, invoices: Sequence[Invoice]) -> DealId | None:
    contract_ids = {i.contract_id for i in invoices if i.contract_id is not None}
    if not contract_ids:
        return None
    for offset in range(0, store.deals.count(), 1000):
        for deal in store.deals.list(offset=offset, limit=1000):
            if deal.sales_contract_id in contract_ids and deal.id is not None:
                return deal.id
    return None


def _issued(store: Store, kind: DocumentKind, source_id: int) -> IssuedDocument | None:
    found = [
        doc
        for doc in store.documents.for_source(SOURCE_TABLES[kind], source_id)
        if doc.kind is kind and doc.status is DocumentStatus.REGISTERED and doc.path
    ]
    return found[-1] if found else None


def _number_and_missing(
    store: Store, kind: DocumentKind, source_id: int, issued: IssuedDocument | None
) -> tuple[str, tuple[str, ...]]:
    context = load_context(store, kind, source_id)
    number = issued.number if issued is not None else document_number(kind, context)
    if issued is not None:
        return number, ()
    try:
        render_document(kind, context, RenderOptions(created=dt.datetime.now(dt.UTC)))
    except DocumentDataError as exc:
        return number, tuple(exc.items)
    except ValidationError as exc:
        return number, tuple(f"{p.field}: {p.message}" for p in exc.problems)
    return number, ()


def _parties(store: Store, roles: Iterable[tuple[str, int | None]]) -> list[tuple[str, Party]]:
    found: list[tuple[str, Party]] = []
    seen: set[int] = set()
    for role, party_id in roles:
        if party_id is None or party_id in seen:
            continue
        try:
            found.append((role, store.parties.get(party_id)))  # type: ignore[arg-type]
        except NotFoundError:
            continue
        seen.add(party_id)
    return found


# --- 2. issue what is ticked but not issued ------------------------------------------------------


def issue_missing(
    store: Store,
    keystore: Keystore,
    data_dir: Path,
    network: Connection,
    plan: PackPlan,
    *,
    now: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> PackPlan:
    """Issue every ticked document that is not issued and lacks no data; return the plan with
    them issued (one still awaiting registration stays not issued).

    Raises: as :func:`~exporter_desk.services.issuing.issue_document`.
    """
    from exporter_desk.services.issuing import issue_document

    candidates = []
    for c in plan.candidates:
        if c.ticked and c.issued is None and not c.missing:
            doc = issue_document(store, keystore, data_dir, network, c.kind, c.source_id, now=now)
            if progress is not None:
                progress(f"issued {c.label} {doc.number}: {doc.status.value}")
            if doc.status is DocumentStatus.REGISTERED:
                c = replace(c, issued=doc, number=doc.number)
        candidates.append(c)
    return replace(plan, candidates=tuple(candidates))


# --- 3. build ------------------------------------------------------------------------------------


def _render_options(options: PackOptions, now: dt.datetime) -> RenderOptions:
    return RenderOptions(
        created=now,
        paper=options.paper.render_name,
        language=options.language.render_name,
    )


def _status_text(c: Candidate) -> str:
    if c.issued is not None:
        index = f", log entry {c.issued.log_index}" if c.issued.log_index is not None else ""
        return f"Issued, signed and registered{index}"
    if c.missing:
        return "Left out: lacks " + "; ".join(c.missing)
    return "Not issued: a draft from today's data, unsigned"


def build_pack(
    store: Store,
    plan: PackPlan,
    options: PackOptions | None = None,
    *,
    now: dt.datetime | None = None,
    sections: Sequence[CoverSection] = (),
    bank: bool = False,
    record: dict[str, object] | None = None,
) -> bytes:
    """The pack of the ticked documents, as PDF bytes: each issued one as its signed PDF, each
    not issued as a draft rendered from today's data; one that lacks data is left out and
    listed on the cover. ``bank`` titles the cover as a bank pack and needs every ticked
    document issued; ``sections`` are more parts of the cover; ``record`` becomes the pack's
    ``document.json``.

    Raises:
        EmptyPackError: nothing ticked can be made.
        NotIssuedError: ``bank`` and a ticked document is not issued.
        PackError: an issued PDF is missing or unreadable.
    """
    options = options or PackOptions()
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    render = _render_options(options, moment)
    ticked = plan.ticked
    if bank:
        _check_all_issued(ticked)
    entries: list[PackEntry] = []
    for c in ticked:
        document: bytes | Path
        if c.issued is not None:
            document = Path(c.issued.path)
        elif c.missing:
            continue
        else:
            context = load_context(store, c.kind, c.source_id)
            document = render_document(c.kind, context, replace(render, mark=None)).pdf
        entries.append(
            PackEntry(
                document, c.label, c.number, c.originals, c.copies, c.kind, c.issued is not None
            )
        )
    if not entries:
        raise EmptyPackError(
            f"{plan.title}: nothing ticked can be made",
            user_message=f"Nothing to pack for {plan.title}: tick at least one document that is "
            "issued or has all its data.",
        )
    status = CoverSection(
        Label("Status of each document", "各单据状态"),
        (
            (Label("Document", "单据"), 2.0),
            (Label("Number", "编号"), 1.7),
            (Label("Status", "状态"), 3.2),
        ),
        tuple((c.label, c.number, _status_text(c)) for c in sorted(ticked, key=_pack_rank)),
    )
    return build_pdf_pack(
        plan.title,
        list(plan.parties),
        entries,
        render,
        issuer=company_party(store),
        reference=plan.reference,
        details=plan.details,
        sections=[status, *sections],
        cover_title=BANK_PACK_TITLE if bank else PACK_TITLE,
        record=record,
    )


def _pack_rank(candidate: Candidate) -> int:
    return PACK_ORDER.index(candidate.kind) if candidate.kind in PACK_ORDER else len(PACK_ORDER)


def _check_all_issued(ticked: Sequence[Candidate]) -> None:
    if not ticked:
        raise EmptyPackError(
            "bank pack with nothing ticked",
            user_message="A bank pack needs at least one document; tick the documents to present.",
        )
    waiting = [c for c in ticked if c.issued is None]
    if waiting:
        listed = "; ".join(
            f"{c.label} {c.number}" + (f" (lacks {', '.join(c.missing)})" if c.missing else "")
            for c in waiting
        )
        raise NotIssuedError(
            f"not issued: {listed}",
            user_message=f"A bank pack holds only issued, signed documents; these are not issued "
            f"yet: {listed}. Issue them (or untick them) and build the pack again.",
        )


# --- 4. the bank pack ---------------------------------------------------------------------------


def bank_pack_number(reference: str) -> str:
    """The bank pack's document number: one per deal; issuing it again supersedes the last."""
    return f"BP-{reference}"


def issue_bank_pack(
    store: Store,
    keystore: Keystore,
    data_dir: Path,
    network: Connection,
    plan: PackPlan,
    *,
    trust: Trust | None = None,
    options: PackOptions | None = None,
    now: dt.datetime | None = None,
    issue_first: bool = True,
    progress: Callable[[str], None] | None = None,
) -> IssuedDocument:
    """Build the bank pack of a deal's plan and issue it (registered and signed) as a
    ``bank-pack`` document; ``issue_first`` issues the ticked documents not yet issued.

    The cover holds the deal summary, the examiner's result, each original's verdict (against
    ``trust``, by default the data folder's) and the received documents; ``document.json``
    lists the originals' SHA-256s.

    Raises:
        EmptyPackError: the plan is not a deal's, or nothing is ticked.
        NotIssuedError: a ticked document could not be issued (it lacks data, or waits for the
            network).
        and as :func:`~exporter_desk.services.issuing.issue_document`.
    """
    from exporter_desk.services._pack_bank import bank_cover
    from exporter_desk.services.issuing import issue_rendered
    from exporter_desk.services.trust import load_trust

    deal_id = plan.deal_id
    if deal_id is None or plan.start[0] != "deal":
        raise EmptyPackError(
            f"bank pack of {plan.start}",
            user_message="A bank pack is made for a deal: start it from the deal.",
        )
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    if issue_first:
        plan = issue_missing(
            store, keystore, data_dir, network, plan, now=moment, progress=progress
        )
    _check_all_issued(plan.ticked)
    trust = trust or load_trust(data_dir)
    originals = [
        (c.label, c.number, Path(c.issued.path)) for c in plan.ticked if c.issued is not None
    ]
    cover = bank_cover(store, deal_id, originals, trust, plan.credit_number, now=moment)
    number = bank_pack_number(plan.reference)
    pdf = build_pack(
        store,
        plan,
        options,
        now=moment,
        sections=cover.sections(),
        bank=True,
        record=cover.record(number),
    )
    if progress is not None:
        progress(f"built the bank pack {number} ({len(pdf):,} bytes); registering and signing")
    return issue_rendered(
        store,
        keystore,
        data_dir,
        network,
        DocumentKind.BANK_PACK,
        number,
        deal_id,
        pdf,
        now=moment,
    )


# --- compatibility: the pack of a deal or shipment with its documents' sets ---------------------


def pack_deal(
    store: Store,
    deal_id: int,
    options: PackOptions | None = None,
    *,
    now: dt.datetime | None = None,
) -> bytes:
    """The pack of every document of a deal that can be made (see :func:`build_pack`).

    Raises: NotFoundError (no such deal), EmptyPackError.
    """
    plan = plan_pack(store, deal=deal_id, options=options)
    return build_pack(store, _tick_makeable(plan), options, now=now)


def pack_shipment(
    store: Store,
    shipment_id: int,
    options: PackOptions | None = None,
    *,
    now: dt.datetime | None = None,
) -> bytes:
    """The pack of every document of a shipment that can be made (see :func:`build_pack`).

    Raises: NotFoundError (no such shipment), EmptyPackError.
    """
    plan = plan_pack(store, shipment=shipment_id, options=options)
    return build_pack(store, _tick_makeable(plan), options, now=now)


def _tick_makeable(plan: PackPlan) -> PackPlan:
    return replace(plan, candidates=tuple(replace(c, ticked=c.can_make) for c in plan.candidates))


@dataclass(frozen=True, slots=True)
class ExportedPack:
    """What :func:`export_pack` did: the file written (None while a bank pack waits for the
    network) and its size; ``bank_pack`` is the issued bank-pack document, if one was asked."""

    path: Path | None
    size: int
    bank_pack: IssuedDocument | None = None


def export_pack(
    store: Store,
    plan: PackPlan,
    target: Path,
    options: PackOptions | None = None,
    *,
    issuing: tuple[Keystore, Path, Connection] | None = None,
    bank: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ExportedPack:
    """The "export a pack" use case of the GUI and the CLI: with ``issuing`` (the keystore,
    the data folder and an open network), first issue the ticked documents that are not issued
    yet, or, with ``bank``, issue the deal's bank pack itself; then build the pack and save it
    to ``target`` (:func:`write_pack`).

    Raises:
        as :func:`issue_missing`, :func:`issue_bank_pack`, :func:`build_pack` and
        :func:`write_pack`; ValueError: ``bank`` without ``issuing`` (a caller bug).
    """
    if bank and issuing is None:
        raise ValueError("a bank pack is issued: give the keystore, data folder and network")
    if issuing is not None:
        keystore, data_dir, network = issuing
        if bank:
            doc = issue_bank_pack(
                store, keystore, data_dir, network, plan, options=options, progress=progress
            )
            if not doc.path:
                return ExportedPack(None, 0, doc)  # in the outbox: export again once registered
            data = Path(doc.path).read_bytes()
            write_pack(target, data)
            return ExportedPack(target, len(data), doc)
        plan = issue_missing(store, keystore, data_dir, network, plan, progress=progress)
    data = build_pack(store, plan, options)
    write_pack(target, data)
    return ExportedPack(target, len(data))


def write_pack(path: Path, data: bytes) -> None:
    """Save a pack: all of it or nothing (temp file, fsync, rename). The GUI and the CLI both
    save packs here.

    Raises:
        DiskFullError: no room on the disk; nothing was written and ``path`` is unchanged.
        NotWritableError: the folder cannot be written.
        PackNotSavedError: any other failure of the file system; ``path`` is unchanged.
    """
    try:
        write_atomically(path, data)
    except FileWriteError:
        raise
    except OSError as exc:
        raise PackNotSavedError(path, exc) from exc
