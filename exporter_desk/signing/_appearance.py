"""The visible signature: company seal image, company name and signing time, drawn with
reportlab into a one-page PDF the size of the seal box, then imported as the widget's
appearance (pyHanko's own text stamps only know WinAnsi fonts; Chinese names need CID fonts)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any, Final

from PIL import Image, UnidentifiedImageError
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.stamp import StaticStampStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from exporter_desk.signing.errors import SealAppearanceError

_LATIN_FONT: Final = "Helvetica"
_CJK_FONT: Final = "STSong-Light"  # an Adobe standard CID font: viewers supply it, no embedding
_MAX_SEAL_PIXELS: Final = 4096 * 4096
_MAX_SEAL_BYTES: Final = 8 * 1024 * 1024


def _font_for(text: str) -> str:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        if _CJK_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(_CJK_FONT))
        return _CJK_FONT
    return _LATIN_FONT


def _fitted_size(text: str, font: str, width: float, largest: float, smallest: float) -> float:
    size = largest
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def check_seal_png(seal_png: bytes) -> None:
    """Raises SealAppearanceError unless ``seal_png`` is a PNG of sane dimensions."""
    if len(seal_png) > _MAX_SEAL_BYTES:
        raise SealAppearanceError(f"seal image of {len(seal_png)} bytes is too large")
    try:
        with Image.open(io.BytesIO(seal_png)) as img:
            if img.format != "PNG":
                raise SealAppearanceError(f"seal image is {img.format}, not PNG")
            if img.width * img.height > _MAX_SEAL_PIXELS:
                raise SealAppearanceError(f"seal image of {img.width}x{img.height} is too large")
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise SealAppearanceError(f"seal image is not a readable PNG: {exc}") from exc


def render_seal_pdf(
    width: float, height: float, company_name: str, seal_png: bytes | None, when: datetime
) -> bytes:
    """One page of ``width`` x ``height`` points: seal on the left, name and time on the right."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1)
    c.setCreator("Exporter Desk")
    pad = min(width, height) * 0.05
    text_left = pad
    if seal_png is not None:
        side = min(height - 2 * pad, width / 2)
        c.drawImage(
            ImageReader(io.BytesIO(seal_png)),
            pad,
            (height - side) / 2,
            width=side,
            height=side,
            preserveAspectRatio=True,
            anchor="c",
            mask="auto",
        )
        text_left = pad * 2 + side
    text_width = max(width - text_left - pad, 1.0)
    time_line = "Signed " + when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    name_font = _font_for(company_name)
    name_size = _fitted_size(company_name, name_font, text_width, min(12.0, height / 3), 3.0)
    time_size = _fitted_size(time_line, _LATIN_FONT, text_width, min(8.0, height / 4), 3.0)
    block = name_size + time_size * 1.6
    baseline = (height + block) / 2 - name_size
    c.setFillColorRGB(0, 0, 0)
    c.setFont(name_font, name_size)
    c.drawString(text_left, baseline, company_name)
    c.setFont(_LATIN_FONT, time_size)
    c.drawString(text_left, baseline - time_size * 1.6, time_line)
    c.showPage()
    c.save()
    return buffer.getvalue()


class _ImportedPdfBytes(PdfContent):
    """Page 0 of an in-memory PDF as a form XObject (pyHanko's ImportedPdfPage reads a path)."""

    def __init__(self, pdf: bytes) -> None:
        super().__init__()
        self._pdf = pdf

    def render(self) -> bytes:
        reader = PdfFileReader(io.BytesIO(self._pdf))
        xobj = self._ensure_writer.import_page_as_xobject(reader, page_ix=0)
        self.resources.xobject["/SealAppearance"] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
        return b"/SealAppearance Do"


def seal_stamp_style(seal_pdf: bytes) -> Any:
    """A pyHanko stamp style that shows ``seal_pdf`` as is, filling the widget."""
    return StaticStampStyle(
        background=_ImportedPdfBytes(seal_pdf),
        border_width=0,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(0, 0, 0, 0),
        ),
    )
