"""Typography and the small flowables the layout is built from.

``Typesetter`` owns the paragraph styles and turns user text into escaped Paragraphs in the
document's language; the flowables here are the few shapes platypus lacks: a faux-bold
paragraph, a minimum-height box, a stack, the corner stamp and the recorded signature area.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from exporter_desk.documents._fonts import DocumentFonts
from exporter_desk.documents._values import Label, Language, SignatureBox

__all__ = [
    "BOX_RULE",
    "CARRY_FILL",
    "HAIRLINE",
    "HEADER_FILL",
    "INK",
    "MUTED",
    "RULE",
    "WATERMARK",
    "BoldParagraph",
    "CornerMark",
    "MinHeight",
    "SignatureArea",
    "Stack",
    "Styles",
    "Typesetter",
    "clean_text",
    "fit_text",
    "markup",
]

INK = colors.HexColor("#141414")
LABEL_INK = colors.HexColor("#575757")
MUTED = colors.HexColor("#6E6E6E")
RULE = colors.HexColor("#222222")
BOX_RULE = colors.HexColor("#4A4A4A")
HAIRLINE = colors.HexColor("#B8B8B8")
MARK_INK = colors.HexColor("#9A9A9A")
WATERMARK = colors.HexColor("#DCDCDC")
HEADER_FILL = colors.HexColor("#EDEDED")
CARRY_FILL = colors.HexColor("#F6F6F6")

_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}


_LINE_BREAKS = re.compile(r"\r\n|[\r\x85\u2028\u2029]")
# C0 controls other than tab and newline, DEL, and lone surrogates (not encodable in a PDF).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """User text made printable: tabs become spaces, other control characters and lone
    surrogates become U+FFFD, line breaks are normalised to ``\\n``."""
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    return _UNPRINTABLE.sub("\ufffd", text)


def markup(text: str) -> str:
    """Escape user text for Paragraph markup; newlines become line breaks."""
    return "<br/>".join(escape(line) for line in clean_text(text).split("\n"))


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """Cut ``text`` with an ellipsis so that it fits ``width`` on one line."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


@dataclass(frozen=True, slots=True)
class Styles:
    """Every paragraph style of a document; one font, sizes in points."""

    label: ParagraphStyle
    label_centred: ParagraphStyle
    value: ParagraphStyle
    small: ParagraphStyle
    body: ParagraphStyle
    cell: dict[str, ParagraphStyle]
    cell_muted: dict[str, ParagraphStyle]
    head: dict[str, ParagraphStyle]
    title: ParagraphStyle
    title_zh: ParagraphStyle
    number: ParagraphStyle
    company: ParagraphStyle
    company_zh: ParagraphStyle
    company_line: ParagraphStyle
    section: ParagraphStyle
    total_label: ParagraphStyle
    total_value: ParagraphStyle
    mark: ParagraphStyle

    @classmethod
    def for_font(cls, font: str) -> Styles:
        def style(name: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
            kw.setdefault("textColor", INK)
            # CJK wrapping breaks Chinese between any two characters, keeps Latin words
            # whole, and splits a Latin word only when it is longer than the line.
            return ParagraphStyle(
                name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw
            )

        return cls(
            label=style("label", 6.3, 7.8, textColor=LABEL_INK),
            label_centred=style("label-c", 6.3, 7.8, textColor=LABEL_INK, alignment=TA_CENTER),
            value=style("value", 8.5, 10.6),
            small=style("small", 7.2, 9.0),
            body=style("body", 8.5, 11.0),
            cell={a: style(f"cell-{a}", 8.0, 9.8, alignment=v) for a, v in _ALIGN.items()},
            cell_muted={
                a: style(f"cell-m-{a}", 8.0, 9.8, alignment=v, textColor=MUTED)
                for a, v in _ALIGN.items()
            },
            head={a: style(f"head-{a}", 7.0, 8.4, alignment=v) for a, v in _ALIGN.items()},
            title=style("title", 14.0, 16.5, alignment=TA_RIGHT),
            title_zh=style("title-zh", 10.5, 13.0, alignment=TA_RIGHT),
            number=style("number", 8.5, 10.5, alignment=TA_RIGHT),
            company=style("company", 10.5, 12.6),
            company_zh=style("company-zh", 9.0, 11.2),
            company_line=style("company-line", 7.0, 8.6, textColor=colors.HexColor("#333333")),
            section=style("section", 8.0, 10.0),
            total_label=style("total-label", 8.0, 10.0),
            total_value=style("total-value", 8.5, 10.5, alignment=TA_RIGHT),
            mark=style("mark", 8.5, 10.0, alignment=TA_CENTER, textColor=MARK_INK),
        )


class Typesetter:
    """Turns user text into Paragraphs in one document's font and language."""

    def __init__(self, fonts: DocumentFonts, language: Language) -> None:
        self.fonts = fonts
        self.bilingual = language == "en+zh"
        self.styles = Styles.for_font(fonts.regular)

    def label_text(self, label: Label, *, separator: str = " / ") -> str:
        """The label as printed in this language (plain text, not markup)."""
        if self.bilingual and label.zh:
            return f"{label.en}{separator}{label.zh}"
        return label.en

    def stacked(self, en: str, zh: str) -> str:
        """English, and its Chinese on the next line in a bilingual document (plain text)."""
        return f"{en}\n{zh}" if self.bilingual and zh else en

    def para(self, text: str, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
        """A Paragraph of ``text`` (escaped; newlines kept), faux-bold if ``bold``."""
        if bold and self.fonts.bold_is_synthetic:
            return BoldParagraph(markup(text), style, stroke_em=self.fonts.bold_stroke_em)
        if bold:
            style = ParagraphStyle(f"{style.name}-bold", parent=style, fontName=self.fonts.bold)
        return Paragraph(markup(text), style)


class BoldParagraph(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A paragraph drawn "bold": filled and stroked (text render mode 2).

    The font has no bold face and reportlab cannot embolden TrueType, so the glyph outlines
    are stroked in the text colour; the text stays ordinary, extractable text.
    """

    def __init__(
        self, text: str | None, style: ParagraphStyle, *, stroke_em: float = 0.035, **kw: Any
    ) -> None:
        super().__init__(text, style, **kw)  # Paragraph.split passes bulletText=, frags=
        self._stroke_em = stroke_em

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.style.textColor)
        canv.setLineWidth(self.style.fontSize * self._stroke_em)
        canv.setLineJoin(1)
        mode = canv.beginText()
        mode.setTextRenderMode(2)  # text state outlives ET, until restoreState
        canv.drawText(mode)
        super().draw()
        canv.restoreState()

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        for part in parts:
            part._stroke_em = self._stroke_em
        return parts


class MinHeight(Flowable):  # type: ignore[misc]
    """Wraps a flowable and reports at least ``min_height``; the content sits at the top."""

    def __init__(self, inner: Flowable, min_height: float) -> None:
        super().__init__()
        self._inner = inner
        self._min_height = min_height
        self._inner_height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        w, h = self._inner.wrap(avail_width, avail_height)
        self._inner_height = h
        self.width, self.height = w, max(h, self._min_height)
        return self.width, self.height

    def draw(self) -> None:
        self._inner.drawOn(self.canv, 0, self.height - self._inner_height)


class Stack(Flowable):  # type: ignore[misc]
    """Flowables stacked top to bottom and drawn as one unit (never split)."""

    def __init__(self, parts: Sequence[Flowable], *, overlap: float = 0.0) -> None:
        super().__init__()
        self._parts = list(parts)
        self._overlap = overlap  # lets adjacent boxed rows share one rule
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._sizes = [p.wrap(avail_width, avail_height) for p in self._parts]
        height = sum(h for _w, h in self._sizes) - self._overlap * max(0, len(self._parts) - 1)
        self.width, self.height = avail_width, height
        return avail_width, height

    def draw(self) -> None:
        y = self.height
        for part, (_w, h) in zip(self._parts, self._sizes, strict=True):
            y -= h
            part.drawOn(self.canv, 0, y)
            y += self._overlap


class CornerMark(Flowable):  # type: ignore[misc]
    """A framed, letter-spaced stamp such as ORIGINAL, right-aligned in its column."""

    def __init__(self, text: str, style: ParagraphStyle, *, stroke_em: float) -> None:
        super().__init__()
        self._text = clean_text(text).replace("\n", " ")
        self._style = style
        self._stroke_em = stroke_em
        self._avail = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        self.width, self.height = avail_width, self._style.fontSize + 7
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        size, font = self._style.fontSize, self._style.fontName
        spacing = size * 0.12
        text = fit_text(self._text, font, size, self._avail - 12 - spacing * len(self._text))
        text_w = stringWidth(text, font, size) + spacing * (len(text) - 1)
        box_w = min(self._avail, text_w + 12)
        x0 = self._avail - box_w
        canv.saveState()
        canv.setStrokeColor(self._style.textColor)
        canv.setFillColor(self._style.textColor)
        canv.setLineWidth(1.0)
        canv.rect(x0, 0, box_w, self.height, stroke=1, fill=0)
        canv.setLineWidth(size * self._stroke_em)
        canv.setFont(font, size)
        canv.drawCentredString(x0 + box_w / 2, 3.6, text, mode=2, charSpace=spacing)
        canv.restoreState()


class SignatureArea(Flowable):  # type: ignore[misc]
    """An empty dashed rectangle whose page and position are recorded when it is drawn."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.placed: SignatureBox | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(BOX_RULE)
        canv.setLineWidth(0.5)
        canv.setDash(1.5, 1.5)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canv.restoreState()
        x1, y1 = canv.absolutePosition(0, 0)
        x2, y2 = canv.absolutePosition(self.width, self.height)
        self.placed = SignatureBox(
            page_index=canv.getPageNumber() - 1,
            box=(_ceil2(x1), _ceil2(y1), _floor2(x2), _floor2(y2)),
        )


def _ceil2(v: float) -> float:
    return math.ceil(round(v * 100, 6)) / 100


def _floor2(v: float) -> float:
    return math.floor(round(v * 100, 6)) / 100
