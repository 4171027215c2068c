"""The plain values the layout takes and gives back (re-exported by ``documents.layout``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from exporter_desk.errors import ExporterError

__all__ = [
    "Align",
    "Attachment",
    "Column",
    "CompanyHeader",
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

Paper = Literal["A4", "LETTER"]
Language = Literal["en", "en+zh"]
Align = Literal["left", "right", "center"]


@dataclass(frozen=True, slots=True)
class Label:
    """A caption in English and, optionally, Simplified Chinese."""

    en: str
    zh: str = ""


@dataclass(frozen=True, slots=True)
class CompanyHeader:
    """The issuer as printed at the top of every page.

    ``name_zh`` is printed under the name in "en+zh" documents. ``logo_png`` (PNG or JPEG bytes)
    is scaled to fit 16 x 38 mm, keeping its aspect ratio.
    """

    name: str
    lines: tuple[str, ...] = ()
    name_zh: str = ""
    logo_png: bytes | None = None


@dataclass(frozen=True, slots=True)
class Mark:
    """A copy mark such as ORIGINAL / 正本: a framed corner stamp or a diagonal watermark."""

    text: str
    text_zh: str = ""
    style: Literal["corner", "diagonal"] = "corner"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file embedded in revision 1 (listed in /EmbeddedFiles and the catalog's /AF)."""

    data: bytes
    name: str = "document.json"
    mime_type: str = "application/json"
    description: str = "Structured data of this document"
    relationship: Literal["Data", "Source", "Alternative", "Supplement"] = "Data"

    def __post_init__(self) -> None:
        if not self.name or not self.mime_type.isascii() or "/" not in self.mime_type:
            raise ValueError(f"bad attachment name or MIME type: {self.name!r} {self.mime_type!r}")

    @classmethod
    def json(cls, value: object, *, name: str = "document.json") -> Attachment:
        """Canonical JSON (sorted keys, no spaces, UTF-8): equal values give equal bytes.

        Raises:
            TypeError: ``value`` holds something JSON cannot encode (convert Decimal to str).
        """
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return cls(data=text.encode("utf-8"), name=name)


@dataclass(frozen=True, slots=True)
class Field:
    """One labelled box of a UN Layout Key style grid.

    ``value`` may hold several lines (``\\n``); ``strong_first_line`` sets the first line bold
    (a party's name); ``min_lines`` reserves room for that many value lines; ``width`` is the
    box's share of its row, relative to its neighbours (``fields`` only).
    """

    label: Label
    value: str
    width: float = 1.0
    min_lines: int = 1
    strong_first_line: bool = False


def format_decimal(value: Decimal) -> str:
    """Group thousands and keep the scale: ``Decimal("12345.50")`` -> ``"12,345.50"``."""
    return f"{value:,}"


@dataclass(frozen=True, slots=True)
class Column:
    """A line-item column. A ``summed`` column is totalled, carried and brought forward, its
    running total printed with ``format_sum``."""

    label: Label
    width: float = 1.0
    align: Align = "left"
    summed: bool = False
    format_sum: Callable[[Decimal], str] = format_decimal


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One line item: display text per column, and one ``Decimal`` per summed column, in order."""

    cells: tuple[str, ...]
    amounts: tuple[Decimal, ...] = ()


@dataclass(frozen=True, slots=True)
class TotalLine:
    """A line of the totals block; ``strong`` lines are bold with a rule above."""

    label: Label
    value: str
    strong: bool = False


@dataclass(frozen=True, slots=True)
class SignatureBox:
    """Where a visible signature may go: 0-based page index and (x1, y1, x2, y2) in PDF points.

    Coordinates are in the page's default user space (origin bottom left, no page rotation),
    rounded inward to 0.01 pt; it is what pyHanko's ``SigFieldSpec(on_page=..., box=...)``
    takes. The rectangle is drawn as a dashed frame and nothing is drawn inside it.
    """

    page_index: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """The bytes of revision 1 and what the later steps (register, sign) need to know."""

    pdf: bytes
    page_count: int
    signature_boxes: tuple[SignatureBox, ...]


class DocumentLayoutError(ExporterError):
    """The content cannot be laid out: an item taller than a page, or an unreadable logo."""
