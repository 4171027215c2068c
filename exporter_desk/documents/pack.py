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
byte for byte as it was. Stamping changes the files, so a pack is for printing: the issued,
signed PDFs stay the documents of record. Inputs should be rendered without a copy mark
(``RenderOptions.mark=None``); ``pack_for_deal`` and ``pack_for_shipment`` do that.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from exporter_desk.documents._canvas import pdf_date
from exporter_desk.documents._pack_cover import PackParty, render_cover
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
from exporter_desk.documents.layout import RenderedDocument
from exporter_desk.documents.render import document_number, render_document
from exporter_desk.domain import Deal, DocumentKind, Party, Shipment

__all__ = [
    "PACK_ORDER",
    "PackDocument",
    "PackEntry",
    "PackError",
    "PackItem",
    "PackParty",
    "PackPlan",
    "PlannedEntry",
    "build_pack",
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
) -> bytes:
    """The pack as one PDF: cover, then each document's sets, every page stamped.

    ``documents`` are ``PackEntry`` values, or (document, label, number, originals, copies)
    tuples, which have no kind and so follow the known kinds. ``title`` names the deal or
    shipment on the cover; ``reference`` (default: ``title``) is
    the cover's number; ``issuer`` (default: the first party) heads the cover; ``details`` are
    extra labelled boxes on the cover (vessel, B/L No., ...). Deterministic: equal inputs give
    equal bytes.

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
        )

    cover = cover_for(plan)
    for _attempt in range(4):  # a long list can push the cover onto more pages
        if cover.page_count == plan.cover_pages:
            break
        plan = plan.with_cover_pages(cover.page_count)
        cover = cover_for(plan)
    else:  # pragma: no cover - the cover's length does not depend on the page numbers' width
        raise RuntimeError("the cover's page count does not settle")
    return _assemble(plan, cover, title=title, options=options)


def _assemble(
    plan: PackPlan, cover: RenderedDocument, *, title: str, options: RenderOptions
) -> bytes:
    writer = PdfWriter()
    total = plan.total_pages
    stamps: list[PageStamp] = []
    cover_reader = PdfReader(BytesIO(cover.pdf))
    for page in cover_reader.pages:
        writer.add_page(page)
    del cover_reader
    manifest = []
    # Pages first, stamps after: the stamps need each page's size, which only the pages know.
    for planned in plan.entries:
        entry = planned.entry
        reader = open_entry(entry)
        if len(reader.pages) != planned.pages_each:
            raise PackError(
                f"{entry.label} {entry.number} changed while the pack was built",
                user_message=f"{entry.label} {entry.number} changed while the pack was being "
                "built; build it again.",
            )
        for index in range(entry.sets):
            mark, mark_zh = ("ORIGINAL", "正本") if index < entry.originals else ("COPY", "副本")
            for page in reader.pages:
                added = writer.add_page(page)
                stamps.append(PageStamp(page_size(added), 0, total, mark, mark_zh))
        manifest.append(
            {
                "label": entry.label,
                "number": entry.number,
                "kind": entry.kind.value if entry.kind else None,
                "originals": entry.originals,
                "copies": entry.copies,
                "pages_each": planned.pages_each,
                "first_page": planned.first_page,
                "last_page": planned.last_page,
                "sha256": entry_sha256(entry),
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
    manifest_json = json.dumps(
        {"format": "exporter-desk-pack/v1", "title": title, "pages": total, "documents": manifest},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    writer.add_attachment("pack.json", manifest_json.encode("utf-8"))
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
