"""The pack's stamps: "Pack page x of n" under each page's own footer, and the ORIGINAL / COPY
mark in the top margin, drawn by reportlab as one overlay PDF with a page per pack page, then
put on the pack's pages as form XObjects drawn after each page's own, untouched, content.

The margins are the layout's (``_page``): the footer's text sits 11 mm above the bottom edge and
the header starts 11 mm below the top, so the pack line goes at 5 mm and the mark between 3 and
9.5 mm from the top: neither covers anything the document drew.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
)
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from exporter_desk.documents._flowables import MARK_INK, MUTED, clean_text, fit_text
from exporter_desk.documents._fonts import register_document_fonts

__all__ = ["PageStamp", "Stamper", "page_size", "render_stamps", "stamp_forms"]

_MARGIN_X = 15 * mm
_PACK_LINE_Y = 5 * mm
_PACK_SIZE = 7.0
_MARK_SIZE = 8.5
_MARK_TOP = 3 * mm
_MARK_HEIGHT = 6.5 * mm
_STAMP_NAME = NameObject("/XPackStamp")


@dataclass(frozen=True, slots=True)
class PageStamp:
    """What to print on one pack page; ``size`` is that page's width and height in points."""

    size: tuple[float, float]
    pack_page: int
    pack_pages: int
    mark: str  # "" for no mark (the cover)
    mark_zh: str = ""


def render_stamps(stamps: list[PageStamp], *, title: str, bilingual: bool) -> bytes:
    """One PDF page per stamp, of that stamp's size, transparent except for the stamp."""
    fonts = register_document_fonts()
    font = fonts.regular
    buffer = BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1, initialFontName=font)
    title = clean_text(title).replace("\n", " ")
    for stamp in stamps:
        width, height = stamp.size
        canvas.setPageSize(stamp.size)
        canvas.setFillColor(MUTED)
        canvas.setFont(font, _PACK_SIZE)
        right = f"Pack page {stamp.pack_page} of {stamp.pack_pages}"
        if bilingual:
            right += f"  /  汇总第 {stamp.pack_page} 页，共 {stamp.pack_pages} 页"
        canvas.drawRightString(width - _MARGIN_X, _PACK_LINE_Y, right)
        room = width - 2 * _MARGIN_X - canvas.stringWidth(right, font, _PACK_SIZE) - 8 * mm
        canvas.drawString(_MARGIN_X, _PACK_LINE_Y, fit_text(title, font, _PACK_SIZE, room))
        if stamp.mark:
            text = f"{stamp.mark} · {stamp.mark_zh}" if bilingual and stamp.mark_zh else stamp.mark
            _draw_mark(canvas, text, width, height, font, fonts.bold_stroke_em)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_mark(
    canvas: Canvas, text: str, width: float, height: float, font: str, stroke_em: float
) -> None:
    spacing = _MARK_SIZE * 0.14
    text_w = canvas.stringWidth(text, font, _MARK_SIZE) + spacing * (len(text) - 1)
    box_w = text_w + 5 * mm
    x0 = width - _MARGIN_X - box_w
    y0 = height - _MARK_TOP - _MARK_HEIGHT
    canvas.saveState()
    canvas.setStrokeColor(MARK_INK)
    canvas.setFillColor(MARK_INK)
    canvas.setLineWidth(0.9)
    canvas.rect(x0, y0, box_w, _MARK_HEIGHT, stroke=1, fill=0)
    canvas.setLineWidth(_MARK_SIZE * stroke_em)
    canvas.setFont(font, _MARK_SIZE)
    baseline = y0 + (_MARK_HEIGHT - _MARK_SIZE * 0.72) / 2
    canvas.drawCentredString(x0 + box_w / 2, baseline, text, mode=2, charSpace=spacing)
    canvas.restoreState()


# -- onto the pack's pages ------------------------------------------------------------------


def _resources(page: DictionaryObject) -> DictionaryObject:
    resources = page.get("/Resources")
    found = resources.get_object() if resources is not None else None
    return found if isinstance(found, DictionaryObject) else DictionaryObject()


def stamp_forms(writer: PdfWriter, stamp_pdf: bytes) -> list[IndirectObject]:
    """Each overlay page as a form XObject in ``writer`` (their font is copied once)."""
    reader = PdfReader(BytesIO(stamp_pdf))
    forms = []
    for page in reader.pages:
        contents = page.get_contents()
        assert contents is not None
        form = DecodedStreamObject()
        form.set_data(contents.get_data())
        box = page.mediabox
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(
                    [
                        FloatObject(0),
                        FloatObject(0),
                        FloatObject(box.width),
                        FloatObject(box.height),
                    ]
                ),
                NameObject("/Resources"): _resources(page).clone(writer),
            }
        )
        # pypdf has no public call that makes a new stream an indirect object
        forms.append(writer._add_object(form.flate_encode()))
    return forms


class Stamper:
    """Wraps each page's content in q/Q and draws its stamp after it, touching nothing else."""

    def __init__(self, writer: PdfWriter) -> None:
        self._writer = writer
        before = DecodedStreamObject()
        before.set_data(b"q\n")
        after = DecodedStreamObject()
        after.set_data(b"\nQ\nq " + _STAMP_NAME.encode() + b" Do Q\n")
        self._before = writer._add_object(before)
        self._after = writer._add_object(after)

    def stamp(self, page: DictionaryObject, form: IndirectObject) -> None:
        own = DictionaryObject(_resources(page))
        xobjects = own.get("/XObject")
        own_x = DictionaryObject(xobjects.get_object() if xobjects is not None else {})
        own_x[_STAMP_NAME] = form
        own[NameObject("/XObject")] = own_x
        page[NameObject("/Resources")] = own
        contents = page.get("/Contents")
        existing: list[object] = []
        if contents is not None:
            target = contents.get_object()
            existing = list(target) if isinstance(target, ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([self._before, *existing, self._after])


def page_size(page: PageObject) -> tuple[float, float]:
    box = page.mediabox  # inherited from the page tree when the page has none
    return (float(box.width), float(box.height))
