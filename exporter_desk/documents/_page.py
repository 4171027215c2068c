"""The furniture of every page: geometry, header band, watermark and footer.

The header (logo, issuer, title, number, corner mark) is the same on every page and is measured
once, so that the body frame can start just below it. The footer needs the page count and is
drawn by the canvas at the end (see ``_canvas``).
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Spacer

from exporter_desk.documents._flowables import (
    MUTED,
    RULE,
    WATERMARK,
    CornerMark,
    Stack,
    Typesetter,
    clean_text,
    fit_text,
)
from exporter_desk.documents._values import (
    CompanyHeader,
    DocumentLayoutError,
    Label,
    Mark,
    Paper,
)

__all__ = ["PAGE_SIZES", "PageFurniture"]

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "LETTER": LETTER}

_MARGIN_X = 15 * mm
_MARGIN_TOP = 11 * mm
_MARGIN_BOTTOM = 10 * mm
_FOOTER_HEIGHT = 8 * mm  # footer text, its rule, and air above the rule
_HEADER_GAP = 4 * mm  # between the header rule and the body frame
_LOGO_MAX_H = 16 * mm
_LOGO_MAX_W = 38 * mm
_LOGO_GAP = 3 * mm
_TITLE_SHARE = 0.40  # of the frame width, for title, number and corner mark
_FOOTER_SIZE = 7.0


@dataclass(frozen=True, slots=True)
class _Masthead:
    title: Label
    document_number: str
    number_label: Label
    company: CompanyHeader
    mark: Mark | None


class PageFurniture:
    """Geometry and the drawing of the header, watermark and footer of one document."""

    def __init__(
        self,
        typesetter: Typesetter,
        *,
        paper: Paper,
        title: Label,
        document_number: str,
        number_label: Label,
        company: CompanyHeader,
        mark: Mark | None,
    ) -> None:
        self._t = typesetter
        self._m = _Masthead(title, document_number, number_label, company, mark)
        self.page_size = PAGE_SIZES[paper]
        self.frame_width = self.page_size[0] - 2 * _MARGIN_X
        self._logo: ImageReader | None = None
        self._logo_size = (0.0, 0.0)
        if company.logo_png:
            self._logo, self._logo_size = _read_logo(company.logo_png)
        self.header_height = self._measure_header()

    def body_frame(self) -> Frame:
        """The frame that the story flows into, identical on every page."""
        _page_w, page_h = self.page_size
        bottom = _MARGIN_BOTTOM + _FOOTER_HEIGHT
        top = page_h - _MARGIN_TOP - self.header_height - _HEADER_GAP
        return Frame(
            _MARGIN_X,
            bottom,
            self.frame_width,
            top - bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )

    # -- header --------------------------------------------------------------------------------

    def _mark_text(self, separator: str) -> str:
        mark = self._m.mark
        if mark is None:
            return ""
        return (
            f"{mark.text}{separator}{mark.text_zh}"
            if self._t.bilingual and mark.text_zh
            else mark.text
        )

    def _blocks(self) -> tuple[Stack, Stack]:
        """Fresh (issuer block, title block) flowables; flowables are drawn once each."""
        t, s, m = self._t, self._t.styles, self._m
        issuer: list[Flowable] = [t.para(m.company.name, s.company, bold=True)]
        if t.bilingual and m.company.name_zh:
            issuer.append(t.para(m.company.name_zh, s.company_zh))
        if m.company.lines:
            issuer += [Spacer(0, 1.5), t.para("\n".join(m.company.lines), s.company_line)]
        title: list[Flowable] = []
        if m.mark is not None and m.mark.style == "corner":
            stroke = t.fonts.bold_stroke_em
            title += [CornerMark(self._mark_text(" · "), s.mark, stroke_em=stroke), Spacer(0, 2.5)]
        title.append(t.para(m.title.en, s.title, bold=True))
        if t.bilingual and m.title.zh:
            title.append(t.para(m.title.zh, s.title_zh))
        number = f"{t.label_text(m.number_label)}: {m.document_number}"
        title += [Spacer(0, 2), t.para(number, s.number)]
        return Stack(issuer), Stack(title)

    def _widths(self) -> tuple[float, float]:
        """(issuer block width, title block width)."""
        title_w = self.frame_width * _TITLE_SHARE
        logo_w = self._logo_size[0] + _LOGO_GAP if self._logo is not None else 0.0
        return self.frame_width - title_w - 4 * mm - logo_w, title_w

    def _measure_header(self) -> float:
        issuer, title = self._blocks()
        issuer_w, title_w = self._widths()
        heights = [
            issuer.wrap(issuer_w, 1e6)[1],
            title.wrap(title_w, 1e6)[1],
            self._logo_size[1],
        ]
        return float(max(heights)) + 3.0  # air above the rule

    def draw_page(self, canv: Canvas, _doc: object) -> None:
        """onPage hook: the watermark (under everything), then the header band."""
        page_w, page_h = self.page_size
        if self._m.mark is not None and self._m.mark.style == "diagonal":
            canv.saveState()
            canv.setFillColor(WATERMARK)
            canv.setFont(self._t.fonts.regular, 60)
            canv.translate(page_w / 2, page_h / 2)
            canv.rotate(35)
            canv.drawCentredString(0, -20, clean_text(self._mark_text("  ")).replace("\n", " "))
            canv.restoreState()
        top = page_h - _MARGIN_TOP
        x = _MARGIN_X
        if self._logo is not None:
            lw, lh = self._logo_size
            canv.drawImage(self._logo, x, top - lh, lw, lh, mask="auto")
            x += lw + _LOGO_GAP
        issuer, title = self._blocks()
        issuer_w, title_w = self._widths()
        _w, h = issuer.wrap(issuer_w, 1e6)
        issuer.drawOn(canv, x, top - h)
        _w, h = title.wrap(title_w, 1e6)
        title.drawOn(canv, page_w - _MARGIN_X - title_w, top - h)
        rule_y = top - self.header_height
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.8)
        canv.line(_MARGIN_X, rule_y, page_w - _MARGIN_X, rule_y)
        canv.restoreState()

    # -- footer --------------------------------------------------------------------------------

    def draw_footer(self, canv: Canvas, page: int, count: int) -> None:
        """Title and number on the left, "Page x of y" on the right, under a thin rule."""
        page_w, _page_h = self.page_size
        font = self._t.fonts.regular
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        rule_y = _MARGIN_BOTTOM + 4.2 * mm
        canv.line(_MARGIN_X, rule_y, page_w - _MARGIN_X, rule_y)
        canv.setFillColor(MUTED)
        canv.setFont(font, _FOOTER_SIZE)
        y = _MARGIN_BOTTOM + 1.2 * mm
        right = f"Page {page} of {count}"
        if self._t.bilingual:
            right += f"  /  第 {page} 页，共 {count} 页"
        # The number is what a reader matches pages by: cut the title, never the number.
        number = clean_text(f"  ·  {self._m.document_number}").replace("\n", " ")
        room = (
            self.frame_width
            - canv.stringWidth(right, font, _FOOTER_SIZE)
            - canv.stringWidth(number, font, _FOOTER_SIZE)
            - 8 * mm
        )
        title = clean_text(self._t.label_text(self._m.title)).replace("\n", " ")
        title = fit_text(title, font, _FOOTER_SIZE, room)
        canv.drawString(_MARGIN_X, y, title + number)
        canv.drawRightString(page_w - _MARGIN_X, y, right)
        canv.restoreState()


def _read_logo(data: bytes) -> tuple[ImageReader, tuple[float, float]]:
    """The logo image and its size scaled to fit the logo box.

    Raises:
        DocumentLayoutError: the bytes are not an image reportlab can read.
    """
    try:
        image = ImageReader(BytesIO(data))
        width, height = image.getSize()
    except (OSError, ValueError) as exc:  # PIL's UnidentifiedImageError is an OSError
        raise DocumentLayoutError(
            f"logo unreadable: {exc}",
            user_message="The company logo cannot be read as a PNG or JPEG image. "
            "Choose another logo in Settings.",
        ) from exc
    if width <= 0 or height <= 0:
        raise DocumentLayoutError(
            f"logo has no area: {width}x{height}",
            user_message="The company logo is empty. Choose another logo in Settings.",
        )
    scale = min(_LOGO_MAX_H / height, _LOGO_MAX_W / width)
    return image, (width * scale, height * scale)
