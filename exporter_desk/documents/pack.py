"""Document packs: a cover sheet and the documents of a deal or shipment, ready to print.

``build_pack`` puts the documents in the usual order of a presentation (contracts, proforma,
commercial invoice, packing list, certificate of origin, shipping instruction, beneficiary's
certificate, bill of exchange; others after, as given), each as many times as it has originals
and copies, stamps every page with its pack page number ("Pack page 7 of 23", under the
document's own "Page 2 of 3") and every set with ORIGINAL or COPY in the top margin, and puts a
cover sheet first that lists each document with its number, sets and pack pages.

Pages are copied, not re-rendered: each input is opened, its pages added once per set (the sets
share their content streams and fonts), and closed before the next, so memory stays near the
size of the output. A stamp is a form XObject drawn after the page's own content, which is left
byte for byte as it was; the pages' annotations (a signature's widget) are not copied.

Stamped pages cannot carry a signature, so every input is also **embedded whole** (compressed,
as an associated file with relationship ``/Source``), where a signed original keeps its
signature: ``pack.json`` (format ``exporter-desk-pack/v2``) lists each document with its
embedded file's name, SHA-256, pages and pack pages, which is what
:mod:`exporter_desk.verify.pack` checks every original and every printed page against. A bank
pack adds sections to the cover and a ``document.json`` record so that it can itself be issued.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from exporter_desk.documents._canvas import pdf_date
from exporter_desk.documents._pack_cover import (
    BANK_PACK_TITLE,
    PACK_TITLE,
    CoverSection,
    PackParty,
    render_cover,
)
from exporter_desk.documents._pack_plan import (
    PACK_ORDER,
    PackEntry,
    PackError,
    PackPlan,
    PlannedEntry,
    entry_sha256,
    open_entry,
    plan_pack,
)
from exporter_desk.documents._stamp import PageStamp, Stamper, page_size, render_stamps, stamp_forms
from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.context import DocumentContext, RenderOptions
from exporter_desk.documents.layout import Label, RenderedDocument
from exporter_desk.documents.render import document_number, render_document
from exporter_desk.domain import Deal, DocumentKind, Party, Shipment

__all__ = [
    "BANK_PACK_TITLE",
    "MANIFEST_NAME",
    "PACK_FORMAT",
    "PACK_ORDER",
    "PACK_TITLE",
    "RECORD_NAME",
    "CoverSection",
    "PackDocument",
    "PackEntry",
    "PackError",
    "PackItem",
    "PackParty",
    "PackPlan",
    "PlannedEntry",
    "build_pack",
    "original_name",
    "pack_for_deal",
    "pack_for_shipment",
    "plan_pack",
]


@dataclass(frozen=True, slots=True)
class PackItem:
    """A document to render for ``pack_for_deal`` / ``pack_for_shipment``."""

    kind: DocumentKind
    context: DocumentContext
    originals: int = 1
    copies: int = 0


MANIFEST_NAME = "pack.json"
RECORD_NAME = "document.json"
PACK_FORMAT = "exporter-desk-pack/v2"

PackDocument = PackEntry | tuple[RenderedDocument | bytes | Path, str, str, int, int]


def build_pack(
    title: str,
    parties: Sequence[PackParty],
    documents: Sequence[PackDocument],
    options: RenderOptions,
    *,
    issuer: Party | None = None,
    reference: str = "",
    details: Sequence[tuple[str, str]] = (),
    sections: Sequence[CoverSection] = (),
    cover_title: Label = PACK_TITLE,
    record: Mapping[str, object] | None = None,
) -> bytes:
    """The pack as one PDF: cover, then each document's sets, every page stamped, and each
    document's PDF embedded whole.

    ``documents`` are ``PackEntry`` values, or (document, label, number, originals, copies)
    tuples, which have no kind and so follow the known kinds. ``title`` names the deal or
    shipment on the cover; ``reference`` (default: ``title``) is
    the cover's number; ``issuer`` (default: the first party) heads the cover; ``details`` are
    extra labelled boxes on the cover (vessel, B/L No., ...). Deterministic: equal inputs give
    equal bytes. ``sections`` are more parts of the cover (after the list of documents),
    ``cover_title`` its title; ``record``, when given, is embedded as ``document.json`` (the
    structured data of an issued pack, with its originals' SHA-256s added as ``originals``).

    Raises:
        PackError: no documents, a count out of range, an unreadable PDF, no issuer.
        DocumentLayoutError: the cover cannot be laid out.
    """
    if issuer is None:
        if not parties:
            raise PackError("pack without issuer", user_message="A pack needs the issuing company.")
        issuer = parties[0][1]
    reference = reference or title
    plan = plan_pack([d if isinstance(d, PackEntry) else PackEntry(*d) for d in documents])

    def cover_for(plan: PackPlan) -> RenderedDocument:
        return render_cover(
            plan,
            title=title,
            reference=reference,
            parties=parties,
            issuer=issuer,
            details=details,
            options=options,
            sections=sections,
            cover_title=cover_title,
        )

    cover = cover_for(plan)
    for _attempt in range(4):  # a long list can push the cover onto more pages
        if cover.page_count == plan.cover_pages:
            break
        plan = plan.with_cover_pages(cover.page_count)
        cover = cover_for(plan)
    else:  # pragma: no cover - the cover's length does not depend on the page numbers' width
        raise RuntimeError("the cover's page count does not settle")
    return _assemble(plan, cover, title=title, options=options, record=record)


def original_name(position: int, entry: PackEntry) -> str:
    """The embedded file name of the ``position``-th (1-based) document's original."""
    kind = entry.kind.value if entry.kind else "document"
    number = re.sub(r"[^A-Za-z0-9._-]+", "-", entry.number).strip("-.") or "x"
    return f"original-{position:02d}-{kind}-{number[:60]}.pdf"


def _embed(writer: PdfWriter, name: str, data: bytes, mime: str, description: str) -> None:
    """Embed ``data`` compressed, listed in /EmbeddedFiles and in the catalog's /AF.

    Compressed, so that an embedded PDF's own ``%%EOF`` and names never appear in the pack's
    bytes (a verifier reads revisions and scans names off the bytes).
    """
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream.update(
        {
            NameObject("/Type"): NameObject("/EmbeddedFile"),
            NameObject("/Subtype"): NameObject("/" + mime.replace("/", "#2F")),
            NameObject("/Params"): DictionaryObject({NameObject("/Size"): NumberObject(len(data))}),
        }
    )
    # pypdf has no public call that makes a new stream an indirect object
    stream_ref = writer._add_object(stream.flate_encode())
    spec = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject(name),
            NameObject("/UF"): TextStringObject(name),
            NameObject("/Desc"): TextStringObject(description),
            NameObject("/AFRelationship"): NameObject(
                "/Source" if mime == "application/pdf" else "/Data"
            ),
            NameObject("/EF"): DictionaryObject(
                {NameObject("/F"): stream_ref, NameObject("/UF"): stream_ref}
            ),
        }
    )
    spec_ref = writer._add_object(spec)
    root = writer.root_object
    names = root.setdefault(NameObject("/Names"), DictionaryObject())
    tree = names.setdefault(NameObject("/EmbeddedFiles"), DictionaryObject())
    pairs = tree.setdefault(NameObject("/Names"), ArrayObject())
    keys = [str(pairs[i]) for i in range(0, len(pairs), 2)]
    at = 2 * sum(1 for key in keys if key.encode("utf-8") < name.encode("utf-8"))
    pairs.insert(at, spec_ref)
    pairs.insert(at, TextStringObject(name))
    af = root.setdefault(NameObject("/AF"), ArrayObject())
    af.append(spec_ref)


def _assemble(
    plan: PackPlan,
    cover: RenderedDocument,
    *,
    title: str,
    options: RenderOptions,
    record: Mapping[str, object] | None,
) -> bytes:
    writer = PdfWriter()
    total = plan.total_pages
    stamps: list[PageStamp] = []
    cover_reader = PdfReader(BytesIO(cover.pdf))
    for page in cover_reader.pages:
        writer.add_page(page)
    del cover_reader
    manifest = []
    originals: list[tuple[str, bytes, str]] = []
    # Pages first, stamps after: the stamps need each page's size, which only the pages know.
    for position, planned in enumerate(plan.entries, start=1):
        entry = planned.entry
        reader = open_entry(entry)
        for page in reader.pages:  # a signature's widget would not be signed here
            if "/Annots" in page:
                del page[NameObject("/Annots")]
        if len(reader.pages) != planned.pages_each:
            raise PackError(
                f"{entry.label} {entry.number} changed while the pack was built",
                user_message=f"{entry.label} {entry.number} changed while the pack was being "
                "built; build it again.",
            )
        for index in range(entry.sets):
            if index >= entry.originals:
                mark, mark_zh = "COPY", "副本"
            elif entry.marked:
                mark, mark_zh = "", ""
            else:
                mark, mark_zh = "ORIGINAL", "正本"
            for page in reader.pages:
                added = writer.add_page(page)
                stamps.append(PageStamp(page_size(added), 0, total, mark, mark_zh))
        name = original_name(position, entry)
        digest = entry_sha256(entry)
        originals.append((name, _entry_bytes(entry), f"{entry.label} {entry.number}"))
        manifest.append(
            {
                "original": name,
                "label": entry.label,
                "number": entry.number,
                "kind": entry.kind.value if entry.kind else None,
                "originals": entry.originals,
                "copies": entry.copies,
                "pages_each": planned.pages_each,
                "first_page": planned.first_page,
                "last_page": planned.last_page,
                "sha256": digest,
            }
        )
        del reader  # one input open at a time
    cover_stamps = [
        PageStamp(page_size(writer.pages[i]), 0, total, "") for i in range(plan.cover_pages)
    ]
    all_stamps = [
        replace(stamp, pack_page=n) for n, stamp in enumerate(cover_stamps + stamps, start=1)
    ]
    overlay = render_stamps(
        all_stamps, title=f"Document pack: {title}", bilingual=options.bilingual
    )
    forms = stamp_forms(writer, overlay)
    stamper = Stamper(writer)
    for page, form in zip(writer.pages, forms, strict=True):
        stamper.stamp(page, form)
    manifest_json = _json(
        {
            "format": PACK_FORMAT,
            "title": title,
            "pages": total,
            "cover_pages": plan.cover_pages,
            "documents": manifest,
        }
    )
    for name, data, description in originals:
        _embed(writer, name, data, "application/pdf", f"Original: {description}")
    _embed(writer, MANIFEST_NAME, manifest_json, "application/json", "Contents of the pack")
    if record is not None:
        full = {
            **record,
            "originals": [{"name": d["original"], "sha256": d["sha256"]} for d in manifest],
        }
        _embed(writer, RECORD_NAME, _json(full), "application/json", "Structured data")
    stamp_date = pdf_date(options.created)
    writer.add_metadata(
        {
            "/Title": f"Document pack {title}",
            "/Creator": "Exporter Desk",
            "/Producer": "Exporter Desk (pypdf)",
            "/CreationDate": stamp_date,
            "/ModDate": stamp_date,
        }
    )
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _json(value: object) -> bytes:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def _entry_bytes(entry: PackEntry) -> bytes:
    source = entry.document
    if isinstance(source, RenderedDocument):
        return source.pdf
    if isinstance(source, bytes):
        return source
    return source.read_bytes()


# -- from contexts ---------------------------------------------------------------------------


def _entries(items: Sequence[PackItem], options: RenderOptions) -> list[PackEntry]:
    plain = replace(options, mark=None)  # the pack stamps ORIGINAL / COPY itself
    return [
        PackEntry(
            render_document(item.kind, item.context, plain),
            TITLES[item.kind].en,
            document_number(item.kind, item.context),
            item.originals,
            item.copies,
            item.kind,
        )
        for item in items
    ]


def pack_for_deal(
    deal: Deal,
    parties: Sequence[PackParty],
    items: Sequence[PackItem],
    options: RenderOptions,
    *,
    issuer: Party | None = None,
) -> bytes:
    """Render each item's document and build the deal's pack (see ``build_pack``).

    Raises: as ``render_document`` and ``build_pack``.
    """
    details = [("Notes", deal.notes)] if deal.notes else []
    return build_pack(
        f"Deal {deal.reference}",
        parties,
        _entries(items, options),
        options,
        issuer=issuer,
        reference=deal.reference,
        details=details,
    )


def pack_for_shipment(
    shipment: Shipment,
    parties: Sequence[PackParty],
    items: Sequence[PackItem],
    options: RenderOptions,
    *,
    issuer: Party | None = None,
) -> bytes:
    """Render each item's document and build the shipment's pack (see ``build_pack``).

    Raises: as ``render_document`` and ``build_pack``.
    """
    route = f"{shipment.port_of_loading} → {shipment.port_of_discharge}"
    details = [("Vessel / voyage or flight", shipment.vessel_or_flight or "—"), ("Route", route)]
    if shipment.transport_document_no:
        details.append((f"{shipment.mode.document_name} No.", shipment.transport_document_no))
    return build_pack(
        f"Shipment {shipment.reference}",
        parties,
        _entries(items, options),
        options,
        issuer=issuer,
        reference=shipment.reference,
        details=details,
    )
