"""The one font every document is drawn in: found, registered with reportlab once, named.

reportlab embeds only TrueType-outline fonts and has no per-glyph fallback, so a single face must
cover Latin and Simplified Chinese: WenQuanYi Micro Hei (Apache-2.0), shipped in
``resources/fonts/`` (see the README there for its origin and licence).

The family has no bold face and reportlab cannot embolden a TrueType font, so "bold" is the same
face drawn with text render mode 2 (fill, then stroke the outline) and a stroke of
``bold_stroke_em`` times the font size (``_flowables.BoldParagraph``).

The fonts are in ``resources/fonts``, wherever ``exporter_desk.locations.resources_dir`` finds
the resources: ``$EXPORTER_DESK_RESOURCES``, a frozen bundle, an installed wheel (pyproject.toml's
``force-include`` ships the folder as ``exporter_desk/resources``) or a source checkout.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from exporter_desk.errors import ExporterError
from exporter_desk.locations import resources_dir

__all__ = [
    "FONT_FILE_NAME",
    "DocumentFonts",
    "FontMissingError",
    "fonts_dir",
    "register_document_fonts",
]

FONT_FILE_NAME = "WenQuanYiMicroHei.ttf"
_REGULAR_NAME = "ExporterDeskSans"
_BOLD_STROKE_EM = 0.035

_lock = threading.Lock()
_registered: DocumentFonts | None = None


class FontMissingError(ExporterError):
    """The document font is not where the installation should have put it, or is unreadable."""


@dataclass(frozen=True, slots=True)
class DocumentFonts:
    """The reportlab font names to draw documents with.

    ``bold`` names a face to use for emphasis; when ``bold_is_synthetic`` it is the regular face
    and must be drawn stroked (render mode 2, line width ``bold_stroke_em * font size``).
    """

    regular: str
    bold: str
    bold_is_synthetic: bool
    bold_stroke_em: float


def fonts_dir() -> Path:
    """Return the folder that holds the shipped fonts (``resources/fonts``)."""
    return resources_dir() / "fonts"


def register_document_fonts() -> DocumentFonts:
    """Register the document font with reportlab (once per process) and return its names.

    Idempotent and thread-safe: concurrent first calls register the font exactly once.

    Raises:
        FontMissingError: the font file is missing or is not a usable TrueType font.
    """
    global _registered
    # Fast path without the lock: the assignment below publishes a fully built value.
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is None:
            _registered = _register(fonts_dir() / FONT_FILE_NAME)
        return _registered


def _register(path: Path) -> DocumentFonts:
    if not path.is_file():
        raise FontMissingError(
            f"document font not found: {path}",
            user_message=(
                "The font needed to print documents is missing from this installation "
                f"({path.name}). Reinstall Exporter Desk."
            ),
        )
    try:
        font = TTFont(_REGULAR_NAME, str(path))
    except (TTFError, OSError) as exc:
        raise FontMissingError(
            f"document font unusable: {path}: {exc}",
            user_message=(
                "The font needed to print documents is damaged "
                f"({path.name}). Reinstall Exporter Desk."
            ),
        ) from exc
    pdfmetrics.registerFont(font)
    # One face for every style, so that markup such as <b> never looks up a missing font.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(_REGULAR_NAME, bold, italic, _REGULAR_NAME)
    return DocumentFonts(
        regular=_REGULAR_NAME,
        bold=_REGULAR_NAME,
        bold_is_synthetic=True,
        bold_stroke_em=_BOLD_STROKE_EM,
    )
