"""What every document kind shares: it renders from its context, cleanly and deterministically,
embeds its data, and names its number, paper, languages and mark."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER

from exporter_desk.documents import (
    CONTEXT_TYPES,
    DocumentContext,
    RenderOptions,
    document_data,
    document_number,
    render_document,
)
from exporter_desk.documents._issue import prepare
from exporter_desk.domain import DocumentKind
from tests.documents._data import CREATED, options
from tests.documents._pdf import (
    assert_clean_revision_one,
    assert_inside_margins,
    assert_qpdf_clean,
    embedded_json,
    flat,
    write,
)

NUMBERS = {
    DocumentKind.COMMERCIAL_INVOICE: "HY-CI-2026-0112",
    DocumentKind.PROFORMA_INVOICE: "HY-PI-2026-0047",
    DocumentKind.PACKING_LIST: "HY-PL-2026-0112",
    DocumentKind.SALES_CONTRACT: "HY-S-2026-047",
    DocumentKind.PURCHASE_CONTRACT: "HY-P-2026-031",
    DocumentKind.CERTIFICATE_OF_ORIGIN: "HY-CO-2026-0112",
    DocumentKind.SHIPPING_INSTRUCTION: "HY-SI-2026-0088",
    DocumentKind.BENEFICIARY_CERTIFICATE: "HY-BC-2026-0112",
    DocumentKind.BILL_OF_EXCHANGE: "HY-CI-2026-0112",
}

# A bank pack is assembled from issued documents (services.packs), not rendered from a context.
RENDERED_KINDS = [kind for kind in DocumentKind if kind is not DocumentKind.BANK_PACK]


@pytest.mark.parametrize("kind", RENDERED_KINDS)
def test_every_kind_renders_cleanly_with_its_data_embedded(
    kind: DocumentKind, contexts: dict[DocumentKind, DocumentContext], tmp_path: Path
) -> None:
    ctx = contexts[kind]
    assert isinstance(ctx, CONTEXT_TYPES[kind])
    doc = render_document(kind, ctx, options(language="en+zh", mark="COPY"))
    path = write(tmp_path, doc.pdf)
    assert len(PdfReader(BytesIO(doc.pdf)).pages) == doc.page_count
    assert_qpdf_clean(path)
    assert_clean_revision_one(doc.pdf)
    assert_inside_margins(path)
    words = flat(path)
    assert NUMBERS[kind] in words and "COPY" in words
    assert f"Page {doc.page_count} of {doc.page_count}" in words
    assert document_number(kind, ctx) == NUMBERS[kind]
    raw, data = embedded_json(doc.pdf)
    assert data == {
        "format": "exporter-desk-document/v1",
        "kind": kind.value,
        "number": NUMBERS[kind],
        **document_data(kind, ctx),
    }
    # the QR code's digest is that of these bytes; it cannot be the PDF's own
    issue = prepare(kind, NUMBERS[kind], document_data(kind, ctx), options())
    assert issue.attachment.data == raw
    assert f"data-sha256={hashlib.sha256(raw).hexdigest()}" in issue.qr_payload
    assert issue.qr_payload.endswith("&origin=trust.example%2Flog")
    assert doc.signature_boxes and all(
        0 <= b.page_index < doc.page_count for b in doc.signature_boxes
    )


@pytest.mark.parametrize("kind", RENDERED_KINDS)
def test_every_kind_gives_identical_bytes_for_the_same_data(
    kind: DocumentKind, contexts: dict[DocumentKind, DocumentContext]
) -> None:
    first = render_document(kind, contexts[kind], options())
    again = render_document(kind, contexts[kind], options())
    assert first == again


def test_the_mark_and_the_data_digest_are_independent(
    contexts: dict[DocumentKind, DocumentContext],
) -> None:
    kind = DocumentKind.PACKING_LIST
    original = render_document(kind, contexts[kind], options(mark="ORIGINAL"))
    copy = render_document(kind, contexts[kind], options(mark="COPY"))
    assert original.pdf != copy.pdf
    assert embedded_json(original.pdf)[0] == embedded_json(copy.pdf)[0]


@pytest.mark.parametrize(("paper", "size"), [("A4", A4), ("LETTER", LETTER)])
def test_paper_size(
    paper: str,
    size: tuple[float, float],
    contexts: dict[DocumentKind, DocumentContext],
    tmp_path: Path,
) -> None:
    kind = DocumentKind.COMMERCIAL_INVOICE
    doc = render_document(kind, contexts[kind], options(paper=paper))
    box = PdfReader(BytesIO(doc.pdf)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)
    assert_inside_margins(write(tmp_path, doc.pdf))


def test_english_only_prints_no_chinese(
    contexts: dict[DocumentKind, DocumentContext], tmp_path: Path
) -> None:
    for kind in RENDERED_KINDS:
        text = flat(write(tmp_path, render_document(kind, contexts[kind], options()).pdf))
        chinese = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
        assert not chinese, (kind, "".join(chinese[:20]))


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        RenderOptions(created=dt.datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="mark"):
        RenderOptions(created=CREATED, mark="DUPLICATE")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="paper"):
        RenderOptions(created=CREATED, paper="A5")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="network_origin"):
        RenderOptions(created=CREATED, network_origin="a b")


def test_place_of_issue_defaults_to_the_issuers_country(
    contexts: dict[DocumentKind, DocumentContext], tmp_path: Path
) -> None:
    kind = DocumentKind.BENEFICIARY_CERTIFICATE
    doc = render_document(kind, contexts[kind], replace(options(), place=""))
    assert "China, 02 Nov 2026" in flat(write(tmp_path, doc.pdf))


_DIGEST = """
import hashlib
from tests.documents._data import options
from exporter_desk.documents import pack_for_deal, render_document
from exporter_desk.domain import DocumentKind
from exporter_desk.documents.samples import sample_contexts, sample_pack_items, sample_pack_parties
from exporter_desk.domain.samples import sample_book

def digest() -> str:
    book = sample_book()
    contexts = sample_contexts(book)
    kinds = [DocumentKind.COMMERCIAL_INVOICE, DocumentKind.SHIPPING_INSTRUCTION]
    out = hashlib.sha256()
    for kind in kinds:
        out.update(render_document(kind, contexts[kind], options(language="en+zh")).pdf)
    items = [i for i in sample_pack_items(book) if i.kind in kinds]
    out.update(pack_for_deal(book.deal, sample_pack_parties(book), items, options()))
    return out.hexdigest()
"""


def test_bytes_do_not_depend_on_the_process_hash_seed_or_time_zone() -> None:
    """Set iteration order changes with PYTHONHASHSEED; nothing printed may follow it."""
    namespace: dict[str, object] = {}
    exec(_DIGEST, namespace)
    here = namespace["digest"]()  # type: ignore[operator]
    env = {**os.environ, "PYTHONHASHSEED": "4242", "TZ": "Asia/Shanghai", "SOURCE_DATE_EPOCH": "1"}
    there = subprocess.run(
        [sys.executable, "-c", _DIGEST + "print(digest())"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    ).stdout.strip()
    assert here == there
