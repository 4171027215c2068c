"""The shared layout: determinism, pagination with carried totals, wrapping, embedding, marks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm

from exporter_desk.documents.layout import (
    Attachment,
    Column,
    CompanyHeader,
    DocumentLayout,
    DocumentLayoutError,
    Field,
    ItemRow,
    Label,
    Language,
    Mark,
    Paper,
    RenderedDocument,
    TotalLine,
)

MARGIN = 15 * mm
CREATED = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
LONG_NAME = (
    "Shanghai Pudong International Trading & Manufacturing Company Limited, "
    "Export Division of the Greater East Asia Group"
)
LONG_ADDRESS_ZH = "上海市浦东新区陆家嘴环路1000号恒生银行大厦45楼4501室中国（上海）自由贸易试验区"
ORIGINAL = Mark("ORIGINAL", "正本")
PAYLOAD = "exporter-desk:v1;kind=invoice;number=CI-7;digest=sha256:00ff;origin=local.example"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return path


def _pdftotext(pdf: Path, page: int | None = None, *extra: str) -> str:
    args = [_tool("pdftotext"), "-enc", "UTF-8", *extra]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def _words(pdf: Path, page: int) -> tuple[float, float, list[Word]]:
    """(page width, page height, words) of one page, top-left origin, from pdftotext -bbox."""
    html = _pdftotext(pdf, page, "-bbox")
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert size is not None
    words = [
        Word(float(a), float(b), float(c), float(d), t)
        for a, b, c, d, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            html,
        )
    ]
    return float(size.group(1)), float(size.group(2)), words


def _amount(n: int) -> tuple[Decimal, Decimal]:
    """Quantity and amount of line item n: irregular enough that a wrong total shows."""
    qty = Decimal(n % 7 + 1) * 10
    price = Decimal("12.35") + Decimal(n) / 100
    return qty, (qty * price).quantize(Decimal("0.01"))


COLUMNS = [
    Column(Label("No.", "序号"), 0.5, "right"),
    Column(Label("Description of goods", "货物描述"), 4.2),
    Column(Label("HS code", "商品编码"), 1.2),
    Column(Label("Quantity", "数量"), 1.1, "right", summed=True),
    Column(Label("Unit", "单位"), 0.7, "center"),
    Column(Label("Amount (USD)", "金额（美元）"), 1.5, "right", summed=True),
]


def _rows(count: int) -> list[ItemRow]:
    rows = []
    for n in range(1, count + 1):
        qty, amount = _amount(n)
        desc = f"Ball valve item {n}"
        if n % 9 == 0:  # some rows wrap to three lines, so pages hold unequal row counts
            desc += " with extended stem, lockable handle and certificate EN 10204 3.1 不锈钢球阀"
        rows.append(
            ItemRow((str(n), desc, "8481.80", f"{qty:,}", "pcs", f"{amount:,}"), (qty, amount))
        )
    return rows


def render_sample(
    *,
    rows: int = 200,
    paper: Paper = "A4",
    language: Language = "en+zh",
    company_name: str = LONG_NAME,
    mark: Mark | None = ORIGINAL,
    document_number: str = "CI-2025-000123",
    logo_png: bytes | None = None,
    data: object | None = None,
) -> RenderedDocument:
    layout = DocumentLayout(
        title=Label("Commercial Invoice", "商业发票"),
        document_number=document_number,
        company=CompanyHeader(
            name=company_name,
            name_zh="上海浦东国际贸易制造有限公司",
            lines=("Room 4501, 45/F, 1000 Lujiazui Ring Road, Shanghai 200120", "Tel +86 21 5555"),
            logo_png=logo_png,
        ),
        created=CREATED,
        paper=paper,
        language=language,
        mark=mark,
    )
    items = _rows(rows)
    total = sum((r.amounts[1] for r in items), Decimal(0))
    story = [
        layout.field_columns(
            left=[
                Field(
                    Label("Seller / Exporter", "卖方/出口商"),
                    f"{company_name}\n{LONG_ADDRESS_ZH}",
                    strong_first_line=True,
                    min_lines=3,
                ),
                Field(Label("Consignee", "收货人"), "Müller & Söhne <GmbH>\nHamburg", min_lines=3),
            ],
            right=[
                Field(Label("Invoice No. and date", "发票号及日期"), "CI-2025-000123, 14 Mar 2025"),
                Field(Label("Terms of delivery", "交货条件"), "CIF Hamburg (Incoterms 2020)"),
            ],
        ),
        layout.spacer(),
        layout.line_items(COLUMNS, items),
        layout.totals([TotalLine(Label("Total", "总计"), f"{total:,}", strong=True)]),
        layout.amount_in_words("US Dollars one hundred only", "美元壹佰元整"),
        layout.signature_block(
            [Field(Label("Place and date of issue", "签发地点及日期"), "Shanghai, 14 March 2025")],
            declaration=layout.declaration("We certify this invoice.", "兹证明本发票。"),
            qr_payload=PAYLOAD,
        ),
    ]
    payload = data if data is not None else {"kind": "invoice", "number": document_number}
    return layout.render(story, attachments=[Attachment.json(payload)])


@pytest.fixture(scope="module")
def invoice(tmp_path_factory: pytest.TempPathFactory) -> tuple[RenderedDocument, Path]:
    rendered = render_sample()
    path = tmp_path_factory.mktemp("layout") / "invoice.pdf"
    path.write_bytes(rendered.pdf)
    return rendered, path


# -- determinism -----------------------------------------------------------------------------


def test_same_data_gives_identical_bytes_whatever_the_environment(
    invoice: tuple[RenderedDocument, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _path = invoice
    # reportlab's own invariant mode still reads SOURCE_DATE_EPOCH; the output must not.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    again = render_sample()
    assert again.pdf == first.pdf
    assert again.signature_boxes == first.signature_boxes


def test_different_data_gives_a_different_file_id() -> None:
    a = render_sample(rows=3, document_number="CI-1")
    b = render_sample(rows=3, document_number="CI-2")
    ids = [PdfReader(BytesIO(r.pdf)).trailer["/ID"][0] for r in (a, b)]
    assert ids[0] != ids[1]


def test_metadata_is_fixed_and_uses_the_given_creation_time(
    invoice: tuple[RenderedDocument, Path],
) -> None:
    reader = PdfReader(BytesIO(invoice[0].pdf))
    info = reader.trailer["/Info"].get_object()
    assert info["/CreationDate"] == "D:20250314093000+00'00'"
    assert info["/ModDate"] == "D:20250314093000+00'00'"
    assert info["/Producer"] == "Exporter Desk (ReportLab)"
    assert info["/Title"] == "Commercial Invoice CI-2025-000123"


def test_creation_time_in_another_zone_is_written_in_utc() -> None:
    layout = DocumentLayout(
        title=Label("Invoice"),
        document_number="X-1",
        company=CompanyHeader(name="ACME"),
        created=datetime(2025, 3, 14, 17, 30, tzinfo=timezone(timedelta(hours=8))),
    )
    info = PdfReader(BytesIO(layout.render([layout.paragraph("x")]).pdf)).metadata
    assert info is not None
    assert info["/CreationDate"] == "D:20250314093000+00'00'"


def test_naive_creation_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        DocumentLayout(
            title=Label("Invoice"),
            document_number="X-1",
            company=CompanyHeader(name="ACME"),
            created=datetime(2025, 3, 14),
        )


# -- structure -------------------------------------------------------------------------------


def test_qpdf_check_passes(invoice: tuple[RenderedDocument, Path]) -> None:
    result = subprocess.run(
        [_tool("qpdf"), "--check", str(invoice[1])], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_revision_one_is_a_single_revision_without_actions_annotations_or_layers(
    invoice: tuple[RenderedDocument, Path],
) -> None:
    pdf = invoice[0].pdf
    assert pdf.count(b"%%EOF") == 1 and pdf.endswith(b"%%EOF\n")
    reader = PdfReader(BytesIO(pdf))
    root = reader.trailer["/Root"].get_object()
    for key in ("/OpenAction", "/AA", "/OCProperties", "/AcroForm"):
        assert key not in root
    assert "/JavaScript" not in root["/Names"]
    for page in reader.pages:
        assert "/Annots" not in page


def test_json_attachment_round_trips_as_associated_file() -> None:
    data = {"kind": "invoice", "number": "CI-9", "party": "Müller & Söhne <GmbH>", "zh": "上海"}
    reader = PdfReader(BytesIO(render_sample(rows=2, data=data).pdf))
    assert list(reader.attachments) == ["document.json"]
    (raw,) = reader.attachments["document.json"]
    assert json.loads(raw.decode("utf-8")) == data
    root = reader.trailer["/Root"].get_object()
    (spec,) = [ref.get_object() for ref in root["/AF"]]
    assert spec["/AFRelationship"] == "/Data"
    stream = spec["/EF"]["/F"].get_object()
    assert stream["/Subtype"] == "/application/json"
    assert stream["/Params"]["/Size"] == len(raw)


def test_attachment_json_is_canonical() -> None:
    a = Attachment.json({"b": 1, "a": "上海"})
    assert a.data == '{"a":"上海","b":1}'.encode()
    assert a.name == "document.json" and a.mime_type == "application/json"


@pytest.mark.parametrize(("paper", "size"), [("A4", A4), ("LETTER", LETTER)])
def test_paper_sizes(paper: Paper, size: tuple[float, float]) -> None:
    reader = PdfReader(BytesIO(render_sample(rows=60, paper=paper).pdf))
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(size[0], abs=0.01)
        assert float(box.height) == pytest.approx(size[1], abs=0.01)


# -- text ------------------------------------------------------------------------------------


def test_text_shows_chinese_and_latin(invoice: tuple[RenderedDocument, Path]) -> None:
    text = _pdftotext(invoice[1], 1)
    assert "上海浦东国际贸易制造有限公司" in text
    assert "商业发票" in text
    assert "Commercial Invoice" in text
    assert "Seller / Exporter / 卖方/出口商" in text


def test_user_markup_and_ampersands_print_literally(tmp_path: Path) -> None:
    name = "Bold <b>Traders</b> & Sons <font size=40>X</font>"
    path = tmp_path / "markup.pdf"
    path.write_bytes(render_sample(rows=2, company_name=name, language="en").pdf)
    text = " ".join(_pdftotext(path, 1).split())
    assert "Bold <b>Traders</b> & Sons <font size=40>X</font>" in text
    assert "Müller & Söhne <GmbH>" in text


def test_control_characters_and_lone_surrogates_do_not_break_rendering(tmp_path: Path) -> None:
    nasty = "A\x00B\x07C\tD\r\nE\u2028F\ud800G"
    layout = DocumentLayout(
        title=Label(nasty),
        document_number=nasty,
        company=CompanyHeader(name=nasty),
        created=CREATED,
    )
    path = tmp_path / "nasty.pdf"
    path.write_bytes(layout.render([layout.fields([[Field(Label(nasty), nasty)]])]).pdf)
    text = _pdftotext(path)
    assert "A\ufffdB\ufffdC D" in text and "F\ufffdG" in text


def test_english_only_document_prints_no_chinese_labels(tmp_path: Path) -> None:
    path = tmp_path / "en.pdf"
    path.write_bytes(render_sample(rows=2, language="en").pdf)
    text = _pdftotext(path)
    assert "Seller / Exporter" in text and "卖方" not in text and "商业发票" not in text
    assert "第 1 页" not in text and "Page 1 of 1" in text


def test_footer_says_page_x_of_n_and_the_number_on_every_page(
    invoice: tuple[RenderedDocument, Path],
) -> None:
    rendered, path = invoice
    count = rendered.page_count
    assert count == len(PdfReader(BytesIO(rendered.pdf)).pages) > 3
    for page in range(1, count + 1):
        text = _pdftotext(path, page)
        assert f"Page {page} of {count}" in text
        assert f"第 {page} 页，共 {count} 页" in text
        assert "CI-2025-000123" in text
        assert "ORIGINAL" in text  # the corner mark repeats with the header


# -- pagination and carried totals -----------------------------------------------------------

_ROW = re.compile(r"^\s*(\d{1,3})\s+Ball valve item (\d+)\b")
_CARRY = re.compile(
    r"^\s*(Brought forward|Carried forward) / (?:承前页|过次页)\s+([\d,]+)\s+([\d,.]+)\s*$"
)


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def test_200_rows_paginate_with_header_and_carried_totals_on_every_page(
    invoice: tuple[RenderedDocument, Path],
) -> None:
    rendered, path = invoice
    seen: list[int] = []
    previous_carried: tuple[Decimal, Decimal] | None = None
    for page in range(1, rendered.page_count + 1):
        lines = _pdftotext(path, page, "-layout").splitlines()
        numbers = [int(m.group(1)) for line in lines if (m := _ROW.match(line))]
        carries = {
            m.group(1): (_dec(m.group(2)), _dec(m.group(3)))
            for line in lines
            if (m := _CARRY.match(line))
        }
        if not numbers:
            continue  # a page after the table (totals, signature)
        assert any("Description of goods" in line for line in lines), f"no header on page {page}"
        seen += numbers
        if previous_carried is None:
            assert "Brought forward" not in carries, f"page {page}"
        else:
            assert carries["Brought forward"] == previous_carried, f"page {page}"
        if numbers[-1] < 200:
            qty = sum((_amount(n)[0] for n in seen), Decimal(0))
            amount = sum((_amount(n)[1] for n in seen), Decimal(0))
            assert carries["Carried forward"] == (qty, amount), f"page {page}"
            previous_carried = (qty, amount)
        else:
            assert "Carried forward" not in carries
            total = next(x for x in lines if re.match(r"^\s*Total / 合计\s", x))
            qty = sum((_amount(n)[0] for n in range(1, 201)), Decimal(0))
            amount = sum((_amount(n)[1] for n in range(1, 201)), Decimal(0))
            assert [_dec(v) for v in total.split()[-2:]] == [qty, amount]
    assert seen == list(range(1, 201)), "every row once, in order"


def test_table_without_summed_columns_repeats_its_header_but_carries_nothing(
    tmp_path: Path,
) -> None:
    layout = DocumentLayout(
        title=Label("Packing List"),
        document_number="PL-1",
        company=CompanyHeader(name="A"),
        created=CREATED,
    )
    columns = [Column(Label("Marks"), 1), Column(Label("Description"), 3)]
    rows = [ItemRow((f"M{n}", f"carton {n}")) for n in range(1, 151)]
    path = tmp_path / "plain.pdf"
    rendered = layout.render([layout.line_items(columns, rows)])
    path.write_bytes(rendered.pdf)
    assert rendered.page_count >= 2
    seen = []
    for page in range(1, rendered.page_count + 1):
        text = _pdftotext(path, page, "-layout")
        assert "Description" in text
        assert "forward" not in text and "Total" not in text
        seen += [int(n) for n in re.findall(r"^\s*M(\d+)\s", text, re.M)]
    assert seen == list(range(1, 151))


def test_concurrent_renders_give_identical_bytes() -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        outputs = list(pool.map(lambda _: render_sample(rows=30).pdf, range(4)))
    assert len(set(outputs)) == 1


def test_a_row_taller_than_a_page_is_reported_to_the_user() -> None:
    layout = DocumentLayout(
        title=Label("Invoice"),
        document_number="X-1",
        company=CompanyHeader(name="ACME"),
        created=CREATED,
    )
    giant = ItemRow(("1", "line\n" * 400, "x", "1", "pcs", "1.00"), (Decimal(1), Decimal(1)))
    with pytest.raises(DocumentLayoutError) as info:
        layout.render([layout.line_items(COLUMNS, [giant])])
    assert "too large to fit on one page" in info.value.user_message


def test_rows_must_match_the_columns() -> None:
    layout = DocumentLayout(
        title=Label("Invoice"),
        document_number="X-1",
        company=CompanyHeader(name="A"),
        created=CREATED,
    )
    with pytest.raises(ValueError, match="row 0"):
        layout.line_items(COLUMNS, [ItemRow(("1", "only two"), (Decimal(1), Decimal(1)))])
    with pytest.raises(ValueError, match="row 0"):
        layout.line_items(COLUMNS, [ItemRow(("1", "d", "h", "1", "pcs", "1"), (Decimal(1),))])


def test_a_layout_renders_once() -> None:
    layout = DocumentLayout(
        title=Label("Invoice"),
        document_number="X-1",
        company=CompanyHeader(name="A"),
        created=CREATED,
    )
    layout.render([layout.paragraph("x")])
    with pytest.raises(RuntimeError):
        layout.render([layout.paragraph("x")])


# -- wrapping --------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["A4", "LETTER"])
def test_long_names_and_chinese_addresses_wrap_inside_the_margins_without_overlap(
    paper: Paper, tmp_path: Path
) -> None:
    name = ("Very Long Export Trading Company Name " * 4)[:120]
    assert len(name) == 120
    path = tmp_path / "long.pdf"
    path.write_bytes(render_sample(rows=40, paper=paper, company_name=name).pdf)
    assert len(PdfReader(path).pages) >= 2
    _, _, first = _words(path, 1)
    assert any("上海市浦东新区" in w.text for w in first), "the address is on page 1"
    _assert_inside_margins_without_overlap(path)


def _assert_inside_margins_without_overlap(path: Path) -> None:
    for page in range(1, len(PdfReader(path).pages) + 1):
        width, height, words = _words(path, page)
        for w in words:
            assert w.x0 >= MARGIN - 0.5 and w.x1 <= width - MARGIN + 0.5, (page, w)
            assert w.y0 >= 0 and w.y1 <= height, (page, w)
        # no two words overlap (a shrink of 0.6 pt ignores glyph boxes that merely touch)
        shrunk = [Word(w.x0 + 0.6, w.y0 + 0.6, w.x1 - 0.6, w.y1 - 0.6, w.text) for w in words]
        for i, a in enumerate(shrunk):
            for b in shrunk[i + 1 :]:
                overlap = a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1
                assert not overlap, (page, a, b)


def test_carried_figures_too_wide_for_their_column_wrap_inside_their_row(tmp_path: Path) -> None:
    layout = DocumentLayout(
        title=Label("Invoice"),
        document_number="X-1",
        company=CompanyHeader(name="A"),
        created=CREATED,
    )
    columns = [
        Column(Label("Description"), 6),
        Column(Label("Amount"), 0.9, "right", summed=True),
    ]
    big = Decimal("987654321987.65")
    rows = [ItemRow((f"item {n}", f"{big:,}"), (big,)) for n in range(1, 121)]
    path = tmp_path / "wide.pdf"
    rendered = layout.render([layout.line_items(columns, rows)])
    path.write_bytes(rendered.pdf)
    assert rendered.page_count >= 3
    _assert_inside_margins_without_overlap(path)
    text = "".join(_pdftotext(path).split())
    assert f"{big * 120:,}" in text  # the total, however it wrapped


def test_unbroken_long_words_are_split_not_overflowing(tmp_path: Path) -> None:
    path = tmp_path / "unbroken.pdf"
    path.write_bytes(render_sample(rows=2, company_name="X" * 120, language="en").pdf)
    width, _height, words = _words(path, 1)
    assert sum(w.text.count("X") for w in words if set(w.text) == {"X"}) >= 240  # header + box
    for w in words:
        assert w.x1 <= width - MARGIN + 0.5, w


# -- signature box, marks, QR, logo ----------------------------------------------------------


def test_signature_box_is_recorded_empty_and_inside_the_page(
    invoice: tuple[RenderedDocument, Path],
) -> None:
    rendered, path = invoice
    (sig,) = rendered.signature_boxes
    assert sig.page_index == rendered.page_count - 1
    x1, y1, x2, y2 = sig.box
    assert x2 - x1 == pytest.approx(64 * mm, abs=0.05)
    assert y2 - y1 == pytest.approx(26 * mm, abs=0.05)
    width, height, words = _words(path, sig.page_index + 1)
    assert MARGIN - 0.01 <= x1 < x2 <= width - MARGIN + 0.01
    assert 0 < y1 < y2 < height
    for w in words:  # pdftotext's y grows downwards
        top, bottom = height - w.y1, height - w.y0
        inside = x1 < w.x1 and w.x0 < x2 and y1 < bottom and top < y2
        assert not inside, w
    caption = [w for w in words if w.text == "Authorised"]
    assert caption and height - caption[0].y0 < y1, "the caption sits under the box"


def test_diagonal_copy_mark_is_printed() -> None:
    rendered = render_sample(rows=2, mark=Mark("COPY", "副本", style="diagonal"))
    text = PdfReader(BytesIO(rendered.pdf)).pages[0].extract_text()  # pdftotext skips rotated text
    assert "COPY" in text and "副本" in text and "ORIGINAL" not in text


def test_qr_code_is_a_square_drawing_of_the_requested_size() -> None:
    layout = DocumentLayout(
        title=Label("Invoice"),
        document_number="X-1",
        company=CompanyHeader(name="A"),
        created=CREATED,
    )
    drawing = layout.qr_code(PAYLOAD, size_mm=30)
    assert drawing.wrap(500, 500) == pytest.approx((30 * mm, 30 * mm))


def test_logo_is_drawn_on_every_page() -> None:
    png = _tiny_png()
    rendered = render_sample(rows=60, logo_png=png)
    reader = PdfReader(BytesIO(rendered.pdf))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert b" Do" in page.get_contents().get_data()


def test_unreadable_logo_is_reported_to_the_user() -> None:
    with pytest.raises(DocumentLayoutError) as info:
        render_sample(rows=1, logo_png=b"not an image")
    assert "logo cannot be read" in info.value.user_message


def _tiny_png() -> bytes:
    """A 4x2 RGB PNG, written by hand so that the test needs no imaging library."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    raw = b"".join(b"\x00" + b"\x20\x40\x80" * 4 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
