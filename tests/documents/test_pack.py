"""Document packs: cover with page ranges, continuous pack page numbers, ORIGINAL / COPY sets."""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import ArrayObject

from exporter_desk.documents import (
    BANK_PACK_TITLE,
    PACK_ORDER,
    CoverSection,
    DocumentContext,
    PackDocument,
    PackEntry,
    PackError,
    RenderedDocument,
    build_pack,
    pack_for_deal,
    pack_for_shipment,
    plan_pack,
    render_document,
)
from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.layout import Label
from exporter_desk.documents.samples import sample_pack_items, sample_pack_parties
from exporter_desk.domain import DocumentKind
from exporter_desk.domain.samples import SampleBook
from tests.documents._data import options
from tests.documents._pdf import assert_inside_margins, assert_qpdf_clean, flat, text, write


@pytest.fixture(scope="module")
def pack(book: SampleBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path]:
    pdf = pack_for_deal(book.deal, sample_pack_parties(book), sample_pack_items(book), options())
    return pdf, write(tmp_path_factory.mktemp("pack"), pdf, "pack.pdf")


@pytest.fixture(scope="module")
def expected(book: SampleBook) -> list[tuple[DocumentKind, str, int, int, int]]:
    """(kind, number, pages, originals, copies) in pack order, from rendering each alone."""
    out = []
    for item in sorted(sample_pack_items(book), key=lambda i: PACK_ORDER.index(i.kind)):
        doc = render_document(item.kind, item.context, options())
        number = re.search(r"No\.[^:]*: (\S+)", flat_bytes(doc.pdf, 1))
        assert number is not None
        out.append((item.kind, number.group(1), doc.page_count, item.originals, item.copies))
    return out


def flat_bytes(pdf: bytes, page: int) -> str:
    return " ".join((PdfReader(BytesIO(pdf)).pages[page - 1].extract_text() or "").split())


def test_cover_lists_each_document_with_its_pack_pages(
    pack: tuple[bytes, Path], expected: list[tuple[DocumentKind, str, int, int, int]]
) -> None:
    _pdf, path = pack
    cover = text(path, 1, "-layout")
    first = 2
    for n, (kind, number, pages, originals, copies) in enumerate(expected, start=1):
        last = first + pages * (originals + copies) - 1
        span = str(first) if first == last else f"{first}–{last}"
        row = rf"^\s*{n}\s+{re.escape(TITLES[kind].en)}\s+{re.escape(number)}\s+.*\s{pages}\s+{span}\s*$"
        assert re.search(row, cover, re.M), (kind, span)
        first = last + 1
    total = first - 1
    assert f"{len(expected)} documents" in flat(path, 1) and f"{total} pages" in flat(path, 1)
    assert "3 originals + 2 copies" in cover


def test_pack_pages_are_numbered_continuously_beside_each_documents_own(
    pack: tuple[bytes, Path],
) -> None:
    pdf, path = pack
    count = len(PdfReader(BytesIO(pdf)).pages)
    assert count == 23
    for page in range(1, count + 1):
        page_text = flat(path, page)
        assert f"Pack page {page} of {count}" in page_text
        assert re.search(r"Page \d+ of \d+", page_text)  # the document's own


def test_originals_and_copies_are_marked_as_the_credit_asks(
    pack: tuple[bytes, Path], expected: list[tuple[DocumentKind, str, int, int, int]]
) -> None:
    _pdf, path = pack
    assert not re.search(r"\b(ORIGINAL|COPY)\b", flat(path, 1).split("Originals are marked")[0])
    page = 2
    for kind, number, pages, originals, copies in expected:
        marks = []
        for _set in range(originals + copies):
            for _page in range(pages):
                top = text(path, page).split("\n")[0:6]
                mark = "ORIGINAL" if "ORIGINAL" in top else "COPY" if "COPY" in top else "?"
                marks.append(mark)
                assert number in flat(path, page), (kind, page)
                page += 1
        assert marks == ["ORIGINAL"] * originals * pages + ["COPY"] * copies * pages, kind


def test_pack_is_clean_deterministic_and_carries_its_manifest(
    pack: tuple[bytes, Path], book: SampleBook
) -> None:
    pdf, path = pack
    assert_qpdf_clean(path)
    assert_inside_margins(path)
    again = pack_for_deal(book.deal, sample_pack_parties(book), sample_pack_items(book), options())
    assert again == pdf
    (raw,) = PdfReader(BytesIO(pdf)).attachments["pack.json"]
    manifest = json.loads(raw)
    assert manifest["pages"] == 23
    assert [d["kind"] for d in manifest["documents"]] == [k.value for k in PACK_ORDER]
    invoice = manifest["documents"][3]
    assert (invoice["originals"], invoice["copies"], invoice["first_page"]) == (3, 2, 7)


def test_stamping_leaves_each_pages_own_content_untouched(
    pack: tuple[bytes, Path], contexts: dict[DocumentKind, DocumentContext]
) -> None:
    pdf, _path = pack
    kind = DocumentKind.PURCHASE_CONTRACT  # the first document, on pack page 2
    alone = PdfReader(BytesIO(render_document(kind, contexts[kind], options()).pdf))
    original = alone.pages[0].get_contents()
    assert original is not None
    packed = PdfReader(BytesIO(pdf)).pages[1]["/Contents"]
    assert isinstance(packed, ArrayObject)
    streams = [ref.get_object().get_data() for ref in packed]
    assert streams[0] == b"q\n" and b"/XPackStamp Do" in streams[-1]
    assert original.get_data() in streams[1:-1]


def test_inputs_may_be_bytes_or_paths_and_unknown_kinds_go_last(
    contexts: dict[DocumentKind, DocumentContext], book: SampleBook, tmp_path: Path
) -> None:
    plain = options()
    invoice = render_document(
        DocumentKind.COMMERCIAL_INVOICE, contexts[DocumentKind.COMMERCIAL_INVOICE], plain
    )
    contract = render_document(
        DocumentKind.SALES_CONTRACT, contexts[DocumentKind.SALES_CONTRACT], plain
    )
    scan = write(tmp_path, invoice.pdf, "bl.pdf")
    entries: list[PackDocument] = [
        (scan, "Bill of Lading (scan)", "OOLU2718456780", 0, 1),  # the tuple form: no kind
        PackEntry(
            invoice.pdf,
            "Commercial Invoice",
            "HY-CI-2026-0112",
            2,
            0,
            DocumentKind.COMMERCIAL_INVOICE,
        ),
        PackEntry(contract, "Sales Contract", "HY-S-2026-047", kind=DocumentKind.SALES_CONTRACT),
    ]
    plan = plan_pack([e if isinstance(e, PackEntry) else PackEntry(*e) for e in entries])
    assert [p.entry.number for p in plan.entries] == [
        "HY-S-2026-047",
        "HY-CI-2026-0112",
        "OOLU2718456780",
    ]
    assert [(p.first_page, p.last_page) for p in plan.entries] == [(2, 3), (4, 5), (6, 6)]
    pdf = build_pack("Shipment SHP-2026-0088", sample_pack_parties(book), entries, plain)
    path = write(tmp_path, pdf, "pack.pdf")
    assert "COPY" in text(path, 6) and "Pack page 6 of 6" in flat(path, 6)


def test_a_long_list_of_documents_gets_a_longer_cover_and_stays_fast(
    contexts: dict[DocumentKind, DocumentContext], book: SampleBook, tmp_path: Path
) -> None:
    doc = render_document(DocumentKind.PACKING_LIST, contexts[DocumentKind.PACKING_LIST], options())
    entries = [
        PackEntry(doc, "Packing List", f"HY-PL-2026-{n:04d}", 1, 1, DocumentKind.PACKING_LIST)
        for n in range(50)
    ]
    start = time.perf_counter()
    pdf = build_pack("Deal DEAL-2026-012", sample_pack_parties(book), entries, options())
    elapsed = time.perf_counter() - start
    assert elapsed < 10, f"{elapsed:.1f} s for 50 documents"
    reader = PdfReader(BytesIO(pdf))
    cover_pages = len(reader.pages) - 100
    assert cover_pages >= 2  # 50 rows do not fit one cover page
    path = write(tmp_path, pdf)
    assert re.search(
        rf"HY-PL-2026-0000\s.*\s{cover_pages + 1}–{cover_pages + 2}\s*$",
        text(path, 1, "-layout"),
        re.M,
    )
    last = len(reader.pages)
    assert f"Pack page {last} of {last}" in flat(path, last)


def test_pack_for_shipment_names_the_voyage(book: SampleBook, tmp_path: Path) -> None:
    items = [i for i in sample_pack_items(book) if i.kind is DocumentKind.PACKING_LIST]
    pdf = pack_for_shipment(
        book.shipment, sample_pack_parties(book), items, options(language="en+zh")
    )
    cover = flat(write(tmp_path, pdf), 1)
    assert "Shipment SHP-2026-0088" in cover and "OOCL GERMANY V.061W" in cover
    assert "VNSGN → DEHAM" in cover and "汇总第 1 页，共 6 页" in cover


def test_what_cannot_make_a_pack_is_explained(book: SampleBook, tmp_path: Path) -> None:
    parties = sample_pack_parties(book)
    with pytest.raises(PackError) as info:
        build_pack("Deal", parties, [], options())
    assert info.value.user_message == "A pack needs at least one document; select some."
    with pytest.raises(PackError) as info:
        build_pack("Deal", parties, [PackEntry(b"%PDF", "Invoice", "CI-1", 0, 0)], options())
    assert (
        info.value.user_message
        == "Invoice CI-1: print between 1 and 20 originals and copies in all."
    )
    with pytest.raises(PackError) as info:
        build_pack("Deal", parties, [PackEntry(b"not a pdf", "Invoice", "CI-1")], options())
    assert (
        info.value.user_message == "Invoice CI-1 is not a readable PDF; render or choose it again."
    )
    missing = tmp_path / "gone.pdf"
    with pytest.raises(PackError):
        build_pack("Deal", parties, [PackEntry(missing, "Invoice", "CI-1")], options())


def test_rendered_documents_keep_their_page_count(
    contexts: dict[DocumentKind, DocumentContext],
) -> None:
    doc = render_document(
        DocumentKind.SALES_CONTRACT, contexts[DocumentKind.SALES_CONTRACT], options()
    )
    assert isinstance(doc, RenderedDocument)
    (planned,) = plan_pack([PackEntry(doc, "Sales Contract", "HY-S-2026-047", 2, 1)]).entries
    assert planned.pages_each == doc.page_count
    assert planned.set_pages(2) == (2 + 2 * doc.page_count, 1 + 3 * doc.page_count)


def test_each_document_is_embedded_whole_and_compressed_beside_its_printed_pages(
    pack: tuple[bytes, Path], book: SampleBook
) -> None:
    pdf, _path = pack
    reader = PdfReader(BytesIO(pdf))
    manifest = json.loads(reader.attachments["pack.json"][0])
    assert manifest["format"] == "exporter-desk-pack/v2" and manifest["cover_pages"] == 1
    for document, item in zip(
        manifest["documents"],
        sorted(sample_pack_items(book), key=lambda i: PACK_ORDER.index(i.kind)),
        strict=True,
    ):
        (embedded,) = reader.attachments[document["original"]]
        assert hashlib.sha256(embedded).hexdigest() == document["sha256"]
        assert (
            embedded == render_document(item.kind, item.context, replace(options(), mark=None)).pdf
        )
    # Compressed: no embedded PDF's own end-of-file marker shows in the pack's bytes.
    assert pdf.count(b"%%EOF") == 1


def test_annotations_of_an_input_are_not_copied_onto_the_printed_pages(
    contexts: dict[DocumentKind, DocumentContext], book: SampleBook
) -> None:
    doc = render_document(
        DocumentKind.COMMERCIAL_INVOICE, contexts[DocumentKind.COMMERCIAL_INVOICE], options()
    )
    writer = PdfWriter(clone_from=PdfReader(BytesIO(doc.pdf)))
    writer.add_annotation(0, Link(rect=(50, 50, 200, 80), url="https://example.com/pay-here"))
    linked = BytesIO()
    writer.write(linked)
    entry = PackEntry(linked.getvalue(), "Commercial Invoice", "HY-CI-2026-0112")
    pdf = build_pack("Deal", sample_pack_parties(book), [entry], options())
    reader = PdfReader(BytesIO(pdf))
    assert all("/Annots" not in page for page in reader.pages)
    (original,) = [n for n in reader.attachments if n.startswith("original-")]
    assert reader.attachments[original][0] == linked.getvalue()  # kept whole, link and all


def test_a_bank_cover_adds_its_sections_and_the_record_lists_the_originals(
    contexts: dict[DocumentKind, DocumentContext], book: SampleBook, tmp_path: Path
) -> None:
    doc = render_document(DocumentKind.PACKING_LIST, contexts[DocumentKind.PACKING_LIST], options())
    section = CoverSection(
        Label("Examination against the letter of credit"),
        ((Label("Rule"), 2.0), (Label("Discrepancy"), 4.0)),
        (("amount_within_credit", "The invoice exceeds the credit by USD 12.00"),),
        "1 discrepancy found by 23 rules.",
    )
    pdf = build_pack(
        "Deal DEAL-2026-012",
        sample_pack_parties(book),
        [PackEntry(doc, "Packing List", "HY-PL-2026-0112", kind=DocumentKind.PACKING_LIST)],
        options(),
        sections=[section],
        cover_title=BANK_PACK_TITLE,
        record={"kind": "bank-pack", "number": "BP-DEAL-2026-012"},
    )
    cover = flat(write(tmp_path, pdf), 1)
    assert "Bank Presentation Pack" in cover
    assert "The invoice exceeds the credit by USD 12.00" in cover
    assert "1 discrepancy found by 23 rules." in cover
    record = json.loads(PdfReader(BytesIO(pdf)).attachments["document.json"][0])
    assert record["number"] == "BP-DEAL-2026-012"
    assert record["originals"] == [
        {
            "name": "original-01-packing-list-HY-PL-2026-0112.pdf",
            "sha256": hashlib.sha256(doc.pdf).hexdigest(),
        }
    ]
