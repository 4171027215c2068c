"""The shared layout of every trade document: the builders of its parts, and ``render``.

Domain-agnostic on purpose: it takes strings already formatted for display, and ``Decimal``
values only where it must add them up (the carried-forward totals). A document module makes one
``DocumentLayout``, builds a story from its helpers and renders it once::

    layout = DocumentLayout(title=Label("Commercial Invoice", "商业发票"), document_number="CI-1",
                            company=CompanyHeader(name="ACME Ltd", lines=("1 Road",)),
                            created=datetime(2025, 1, 2, tzinfo=UTC), language="en+zh")
    story = [layout.field_columns(left=[...], right=[...]), layout.line_items(columns, rows),
             layout.totals([...]), layout.signature_block([...], qr_payload="...")]
    rendered = layout.render(story, attachments=[Attachment.json({"kind": "invoice"})])

All user text is escaped for reportlab's Paragraph markup: ``<b>`` and ``&`` print literally.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from exporter_desk.documents._canvas import EmbeddedFile, FinishSpec, make_canvas, pdf_date
from exporter_desk.documents._flowables import (
    BOX_RULE,
    HAIRLINE,
    RULE,
    MinHeight,
    SignatureArea,
    Stack,
    Typesetter,
    clean_text,
)
from exporter_desk.documents._fonts import register_document_fonts
from exporter_desk.documents._line_items import CarryKind, ItemTableSpec, LineItemTable
from exporter_desk.documents._page import PAGE_SIZES, PageFurniture
from exporter_desk.documents._qr import QrFlowable
from exporter_desk.documents._values import (
    Align,
    Attachment,
    Column,
    CompanyHeader,
    DocumentLayoutError,
    Field,
    ItemRow,
    Label,
    Language,
    Mark,
    Paper,
    RenderedDocument,
    SignatureBox,
    TotalLine,
    format_decimal,
)

__all__ = [
    "AMOUNT_IN_WORDS_LABEL",
    "BROUGHT_FORWARD_LABEL",
    "CARRIED_FORWARD_LABEL",
    "NUMBER_LABEL",
    "SIGNATURE_LABEL",
    "TOTAL_LABEL",
    "Align",
    "Attachment",
    "Column",
    "CompanyHeader",
    "DocumentLayout",
    "DocumentLayoutError",
    "Field",
    "ItemRow",
    "Label",
    "Language",
    "Mark",
    "Paper",
    "RenderedDocument",
    "SignatureBox",
    "TotalLine",
    "format_decimal",
]

NUMBER_LABEL = Label("No.", "编号")
TOTAL_LABEL = Label("Total", "合计")
BROUGHT_FORWARD_LABEL = Label("Brought forward", "承前页")
CARRIED_FORWARD_LABEL = Label("Carried forward", "过次页")
AMOUNT_IN_WORDS_LABEL = Label("Amount in words", "大写金额")
SIGNATURE_LABEL = Label("Authorised signature and company seal", "授权签字及公司盖章")

_CELL_PAD = 3.0  # points, left and right inside every box
_QR_COLUMN = 27 * mm


class DocumentLayout:
    """One document's page setup and the builders of its parts; renders once.

    The builders return platypus flowables: put them in a list in reading order and pass it to
    ``render``. A layout, and the flowables it made, serve one ``render`` call.

    Raises (constructor):
        ValueError: unknown paper or language, or a naive ``created``.
        FontMissingError: the shipped font is missing (see ``_fonts``).
    """

    def __init__(
        self,
        *,
        title: Label,
        document_number: str,
        company: CompanyHeader,
        created: datetime,
        paper: Paper = "A4",
        language: Language = "en",
        mark: Mark | None = None,
        number_label: Label = NUMBER_LABEL,
    ) -> None:
        if paper not in PAGE_SIZES:
            raise ValueError(f"paper must be 'A4' or 'LETTER', not {paper!r}")
        if language not in ("en", "en+zh"):
            raise ValueError(f"language must be 'en' or 'en+zh', not {language!r}")
        if created.tzinfo is None:
            raise ValueError("created must be timezone-aware")
        self.title = title
        self.document_number = document_number
        self.company = company
        self.created = created
        self.paper: Paper = paper
        self.language: Language = language
        self.mark = mark
        self._t = Typesetter(register_document_fonts(), language)
        self._page = PageFurniture(
            self._t,
            paper=paper,
            title=title,
            document_number=document_number,
            number_label=number_label,
            company=company,
            mark=mark,
        )
        self.page_size = self._page.page_size
        self.frame_width: float = self._page.frame_width
        self._signature_areas: list[SignatureArea] = []
        self._rendered = False

    # -- text ----------------------------------------------------------------------------------

    def label_text(self, label: Label) -> str:
        """The label as printed in this document: "Invoice No." or "Invoice No. / 发票号"."""
        return self._t.label_text(label)

    def paragraph(self, text: str, *, small: bool = False) -> Flowable:
        """Running text, escaped; newlines are kept."""
        s = self._t.styles
        return self._t.para(text, s.small if small else s.body)

    def section_title(self, label: Label) -> Flowable:
        """A bold caption for a part of the document."""
        return self._t.para(self.label_text(label), self._t.styles.section, bold=True)

    @staticmethod
    def spacer(height_mm: float = 3.0) -> Flowable:
        """Vertical space between parts."""
        return Spacer(0, height_mm * mm)

    # -- boxes ---------------------------------------------------------------------------------

    def _box_content(self, item: Field) -> list[Flowable]:
        t, s = self._t, self._t.styles
        lines = item.value.splitlines() or [""]
        value: Flowable
        if item.strong_first_line:
            parts = [t.para(lines[0], s.value, bold=True)]
            if len(lines) > 1:
                parts.append(t.para("\n".join(lines[1:]), s.value))
            value = Stack(parts)
        else:
            value = t.para(item.value, s.value)
        reserve = item.min_lines * s.value.leading
        return [
            t.para(self.label_text(item.label), s.label),
            Spacer(0, 1.2),
            MinHeight(value, reserve),
        ]

    def _table_style(self, *commands: tuple[Any, ...], padding: float = _CELL_PAD) -> TableStyle:
        return TableStyle(
            [
                # without a FONT command platypus selects Helvetica for every cell
                ("FONT", (0, 0), (-1, -1), self._t.fonts.regular, 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), padding),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                ("TOPPADDING", (0, 0), (-1, -1), 2.2 if padding else 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.2 if padding else 0),
                *commands,
            ]
        )

    def fields(self, rows: Sequence[Sequence[Field]]) -> Flowable:
        """A grid of labelled boxes; each inner sequence is one row, divided by ``Field.width``.

        The grid is kept on one page.
        """
        tables: list[Flowable] = []
        for row in rows:
            if not row:
                continue
            weight = sum(f.width for f in row)
            tables.append(
                Table(
                    [[self._box_content(f) for f in row]],
                    colWidths=[self.frame_width * f.width / weight for f in row],
                    style=self._table_style(("GRID", (0, 0), (-1, -1), 0.5, BOX_RULE)),
                )
            )
        return KeepTogether(Stack(tables, overlap=0.5))

    def field_columns(
        self, left: Sequence[Field], right: Sequence[Field], *, left_share: float = 0.5
    ) -> Flowable:
        """Two columns of stacked boxes, as in the UN Layout Key (parties left, references right).

        ``Field.width`` is ignored here. The shorter column's last box keeps its natural height
        and the space under it stays blank inside the outer frame. Kept on one page.
        """
        widths = [self.frame_width * left_share, self.frame_width * (1 - left_share)]

        def column(items: Sequence[Field], width: float) -> Table:
            rows: list[list[Any]] = [[self._box_content(f)] for f in items] or [[""]]
            rule = ("LINEBELOW", (0, 0), (-1, -2), 0.5, BOX_RULE)
            return Table(rows, colWidths=[width], style=self._table_style(rule))

        return Table(
            [[column(left, widths[0]), column(right, widths[1])]],
            colWidths=widths,
            style=self._table_style(
                ("BOX", (0, 0), (-1, -1), 0.5, BOX_RULE),
                ("LINEAFTER", (0, 0), (0, 0), 0.5, BOX_RULE),
                padding=0,
            ),
        )

    # -- line items ----------------------------------------------------------------------------

    def line_items(
        self,
        columns: Sequence[Column],
        rows: Sequence[ItemRow],
        *,
        total_label: Label | None = TOTAL_LABEL,
        brought_label: Label = BROUGHT_FORWARD_LABEL,
        carried_label: Label = CARRIED_FORWARD_LABEL,
    ) -> Flowable:
        """The line-item table.

        It splits between rows only, repeats its header on every page, and at each page break
        ends the page with "Carried forward" and starts the next with "Brought forward", both
        showing the running totals of the ``summed`` columns. It ends with a total row unless
        ``total_label`` is None; the total row never stands on a page without a line item.

        Raises:
            ValueError: no columns, or a row with the wrong number of cells or amounts.
        """
        if not columns:
            raise ValueError("a line-item table needs at least one column")
        summed = tuple(i for i, c in enumerate(columns) if c.summed)
        for n, row in enumerate(rows):
            if len(row.cells) != len(columns) or len(row.amounts) != len(summed):
                raise ValueError(
                    f"row {n}: {len(row.cells)} cells and {len(row.amounts)} amounts, "
                    f"expected {len(columns)} and {len(summed)}"
                )
        t, s = self._t, self._t.styles
        aligns = [c.align for c in columns]

        def header(i: int) -> Flowable:
            label = columns[i].label
            return t.para(t.stacked(label.en, label.zh), s.head[aligns[i]], bold=True)

        def body_cell(i: int, text: str) -> Flowable:
            return t.para(text, s.cell[aligns[i]])

        def carry_label(text: str, kind: CarryKind) -> Flowable:
            if kind == "total":
                return t.para(text, s.cell["left"], bold=True)
            return t.para(text, s.cell_muted["left"])

        def carry_value(i: int, text: str, kind: CarryKind) -> Flowable:
            if kind == "total":
                return t.para(text, s.cell[aligns[i]], bold=True)
            return t.para(text, s.cell_muted[aligns[i]])

        spec = ItemTableSpec(
            weights=tuple(c.width for c in columns),
            summed=summed,
            format_sum=tuple(columns[i].format_sum for i in summed),
            header=header,
            body_cell=body_cell,
            carry_label=carry_label,
            carry_value=carry_value,
            brought_label=self.label_text(brought_label),
            carried_label=self.label_text(carried_label),
            total_label=self.label_text(total_label) if total_label else None,
            padding=(3.0, 3.0, 2.0, 2.6),
            font_name=t.fonts.regular,
        )
        return LineItemTable.build(spec, [(r.cells, r.amounts) for r in rows])

    # -- totals, words, declaration, signature -------------------------------------------------

    def totals(self, lines: Sequence[TotalLine], *, share: float = 0.5) -> Flowable:
        """A block of labelled totals at the right, ``share`` of the frame wide, kept whole."""
        width = self.frame_width * share
        t, s = self._t, self._t.styles
        data: list[list[Any]] = [
            [
                t.para(self.label_text(line.label), s.total_label, bold=line.strong),
                t.para(line.value, s.total_value, bold=line.strong),
            ]
            for line in lines
        ] or [["", ""]]
        commands: list[tuple[Any, ...]] = [
            ("BOX", (0, 0), (-1, -1), 0.5, BOX_RULE),
            ("LINEBELOW", (0, 0), (-1, -2), 0.25, HAIRLINE),
        ]
        commands += [
            ("LINEABOVE", (0, r), (-1, r), 0.9, RULE) for r, line in enumerate(lines) if line.strong
        ]
        table = Table(
            data,
            colWidths=[width * 0.58, width * 0.42],
            style=self._table_style(*commands),
            hAlign="RIGHT",
        )
        return KeepTogether([Spacer(0, 2 * mm), table])

    def amount_in_words(
        self, words: str, words_zh: str = "", *, label: Label = AMOUNT_IN_WORDS_LABEL
    ) -> Flowable:
        """The amount spelled out, in a box: English, and Chinese numerals if bilingual."""
        return self.fields([[Field(label, self._t.stacked(words, words_zh))]])

    def declaration(self, text: str, text_zh: str = "") -> Flowable:
        """A declaration or certification: English, then (bilingual) Chinese."""
        s = self._t.styles
        parts: list[Flowable] = [self._t.para(text, s.small)]
        if self._t.bilingual and text_zh:
            parts += [Spacer(0, 1.5), self._t.para(text_zh, s.small)]
        return Stack(parts)

    def qr_code(self, payload: str, *, size_mm: float = 24.0) -> Flowable:
        """A QR code (error correction M) of ``payload``, ``size_mm`` square with quiet zone."""
        return QrFlowable(payload, size_mm * mm)

    def signature_block(
        self,
        fields: Sequence[Field],
        *,
        declaration: Flowable | None = None,
        caption: Label = SIGNATURE_LABEL,
        qr_payload: str | None = None,
        box_mm: tuple[float, float] = (64.0, 26.0),
    ) -> Flowable:
        """Declaration, issue details, an optional QR code, and the empty signature box.

        The box is a dashed frame with nothing inside; after ``render`` its page and
        coordinates are in ``RenderedDocument.signature_boxes``. Kept on one page.
        """
        t, s = self._t, self._t.styles
        area = SignatureArea(box_mm[0] * mm, box_mm[1] * mm)
        self._signature_areas.append(area)
        right_w = area.width + 2 * _CELL_PAD
        qr_w = _QR_COLUMN if qr_payload is not None else 0.0
        middle: list[Flowable] = []
        if declaration is not None:
            middle += [declaration, Spacer(0, 2 * mm)]
        for item in fields:
            middle += [
                t.para(self.label_text(item.label), s.label),
                t.para(item.value, s.value, bold=item.strong_first_line),
                Spacer(0, 1.8 * mm),
            ]
        cells: list[Any] = [
            middle,
            [area, Spacer(0, 1.2), t.para(self.label_text(caption), s.label_centred)],
        ]
        widths = [self.frame_width - right_w - qr_w, right_w]
        if qr_payload is not None:
            cells.insert(0, self.qr_code(qr_payload))
            widths.insert(0, qr_w)
        table = Table(
            [cells],
            colWidths=widths,
            style=self._table_style(
                ("BOX", (0, 0), (-1, -1), 0.5, BOX_RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("VALIGN", (-1, 0), (-1, 0), "BOTTOM"),
            ),
        )
        return KeepTogether([Spacer(0, 3 * mm), table])

    # -- render --------------------------------------------------------------------------------

    def render(
        self, story: Sequence[Flowable], *, attachments: Sequence[Attachment] = ()
    ) -> RenderedDocument:
        """Lay out ``story`` and return revision 1: byte-identical bytes for equal input.

        Raises:
            DocumentLayoutError: something in the story is taller than a page.
            RuntimeError: this layout has rendered before (flowables are single-use).
        """
        if self._rendered:
            raise RuntimeError("a DocumentLayout renders once; make a new one")
        self._rendered = True
        buffer = BytesIO()

        def info(text: str) -> str:
            return " ".join(clean_text(text).split())

        doc = BaseDocTemplate(
            buffer,
            pagesize=self.page_size,
            title=info(f"{self.title.en} {self.document_number}"),
            author=info(self.company.name),
            subject=info(self.label_text(self.title)),
            creator="Exporter Desk",
            producer="Exporter Desk (ReportLab)",
            keywords=[info(self.document_number)],
            invariant=1,
            pageCompression=1,
            initialFontName=self._t.fonts.regular,
            lang="en",
        )
        frame = self._page.body_frame()
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._page.draw_page)])
        files = tuple(
            EmbeddedFile(a.name, a.data, a.mime_type, a.description, a.relationship)
            for a in attachments
        )
        finish = FinishSpec(
            draw_footer=self._page.draw_footer,
            attachments=files,
            created=self.created,
            id_seed=self._id_seed(files),
        )
        try:
            doc.build(list(story), canvasmaker=make_canvas(finish))
        except LayoutError as exc:
            raise DocumentLayoutError(
                f"layout failed for {self.document_number}: {exc}",
                user_message=(
                    "Part of this document is too large to fit on one page (for example a very "
                    "long item description or address). Shorten it and try again."
                ),
            ) from exc
        boxes = tuple(a.placed for a in self._signature_areas if a.placed is not None)
        return RenderedDocument(pdf=buffer.getvalue(), page_count=doc.page, signature_boxes=boxes)

    def _id_seed(self, files: Sequence[EmbeddedFile]) -> bytes:
        """What the trailer /ID is derived from, besides the pages' content."""
        digest = hashlib.sha256(b"exporter-desk-layout/1\x00")
        for part in (self.paper, self.language, self.document_number, pdf_date(self.created)):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
        for f in files:
            name = f.name.encode("utf-8", "surrogatepass")
            digest.update(name + b"\x00" + hashlib.sha256(f.data).digest())
        return digest.digest()
