"""The canvas every document is drawn on: page x of y, embedded files, fixed metadata and ID.

Pages are held back until the end (the "numbered canvas" technique) so that each footer can say
"Page x of y" in one pass. At ``save()`` the embedded files are added as reportlab PDF objects
(no post-processing, so the bytes stay reportlab's own), the Info dates are the caller's fixed
time, and the trailer ``/ID`` is derived from the caller's seed instead of reportlab's
environment-dependent default (``SOURCE_DATE_EPOCH`` would otherwise change it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfgen.canvas import Canvas

__all__ = ["EmbeddedFile", "FinishSpec", "make_canvas", "pdf_date"]


@dataclass(frozen=True, slots=True)
class EmbeddedFile:
    """A file carried inside the PDF, listed in ``/EmbeddedFiles`` and the catalog's ``/AF``."""

    name: str
    data: bytes
    mime_type: str
    description: str
    relationship: str  # PDF 2.0 /AFRelationship: Data, Source, Alternative, Supplement


@dataclass(frozen=True, slots=True)
class FinishSpec:
    """What the canvas needs at the end: the footer painter, files, date and ID seed."""

    draw_footer: Callable[[Canvas, int, int], None]  # (canvas, page number, page count)
    attachments: tuple[EmbeddedFile, ...]
    created: datetime
    id_seed: bytes


def pdf_date(moment: datetime) -> str:
    """Format an aware datetime as a PDF date string in UTC: ``D:YYYYMMDDHHmmSS+00'00'``."""
    utc = moment.astimezone(UTC)
    return utc.strftime("D:%Y%m%d%H%M%S+00'00'")


def make_canvas(finish: FinishSpec) -> Callable[..., Canvas]:
    """Return a canvasmaker for ``BaseDocTemplate.build`` that finishes files as ``finish`` says."""

    def canvasmaker(*args: Any, **kwargs: Any) -> Canvas:
        return _DocumentCanvas(*args, finish=finish, **kwargs)

    return canvasmaker


class _DocumentCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    def __init__(self, *args: Any, finish: FinishSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._finish = finish
        self._held_pages: list[dict[str, Any]] = []
        created = pdf_date(finish.created)
        self.setDateFormatter(lambda *_ymdhms: created)

    def showPage(self) -> None:  # reportlab's name
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        count = len(self._held_pages)
        # reportlab's own ID hashes its start time, which honours SOURCE_DATE_EPOCH; ours is
        # a pure function of what was rendered: the caller's seed and every page's content.
        content = hashlib.sha256(self._finish.id_seed)
        for state in self._held_pages:
            self.__dict__.update(state)
            self._finish.draw_footer(self, self.getPageNumber(), count)
            content.update("\n".join(self._code).encode("utf-8", "surrogatepass") + b"\x00")
            super().showPage()
        self._add_attachments()
        file_id = content.hexdigest()[:32].upper().encode("ascii")
        self._doc._ID = b"[<" + file_id + b"> <" + file_id + b">]"
        super().save()

    def _add_attachments(self) -> None:
        files = self._finish.attachments
        if not files:
            return
        doc = self._doc
        modified = PDFString(pdf_date(self._finish.created))
        names: list[Any] = []
        specs: list[Any] = []
        for file in sorted(files, key=lambda f: f.name):
            stream = PDFStream(
                dictionary=PDFDictionary(
                    {
                        "Type": "/EmbeddedFile",
                        "Subtype": _pdf_name(file.mime_type),
                        "Params": PDFDictionary(
                            {
                                "Size": len(file.data),
                                "CheckSum": "<"
                                + hashlib.md5(file.data, usedforsecurity=False).hexdigest()
                                + ">",
                                "ModDate": modified,
                            }
                        ),
                    }
                ),
                content=file.data,
                filters=[PDFZCompress],
            )
            stream_ref = doc.Reference(stream)
            spec = PDFDictionary(
                {
                    "Type": "/Filespec",
                    "F": PDFString(file.name),
                    "UF": PDFString(file.name),
                    "Desc": PDFString(file.description),
                    "AFRelationship": _pdf_name(file.relationship),
                    "EF": PDFDictionary({"F": stream_ref, "UF": stream_ref}),
                }
            )
            spec_ref = doc.Reference(spec)
            names += [PDFString(file.name), spec_ref]
            specs.append(spec_ref)
        catalog = doc.Catalog
        catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": PDFArray(names)})})
        # /AF (associated files, PDF 2.0 / PDF/A-3) is not among the keys reportlab's catalog
        # writes; widen the list for this one catalog object only.
        catalog.__NoDefault__ = [*catalog.__NoDefault__, "AF"]
        catalog.AF = PDFArray(specs)


def _pdf_name(text: str) -> str:
    """A PDF name token for ``text``, escaping '/' and other delimiters as #xx."""
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x21 or code > 0x7E or ch in "/%()<>[]{}#":
            out.append(f"#{code:02X}")
        else:
            out.append(ch)
    return "/" + "".join(out)
