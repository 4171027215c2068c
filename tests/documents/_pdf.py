"""What the document tests read back from a PDF: text, word boxes, embedded data, qpdf's verdict."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

MARGIN = 15 * mm


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI")
        pytest.skip(f"{name} is not installed")
    return path


def write(tmp_path: Path, pdf: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def text(pdf: Path, page: int | None = None, *extra: str) -> str:
    """pdftotext's reading of the file (or of one 1-based page)."""
    args = [tool("pdftotext"), "-enc", "UTF-8", *extra]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def flat(pdf: Path, page: int | None = None) -> str:
    """The text with all runs of white space made one space: for phrases that may wrap."""
    return " ".join(text(pdf, page).split())


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def words(pdf: Path, page: int) -> tuple[float, float, list[Word]]:
    """(page width, page height, words) of one page, top-left origin, from pdftotext -bbox."""
    html = text(pdf, page, "-bbox")
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert size is not None
    found = [
        Word(float(a), float(b), float(c), float(d), t)
        for a, b, c, d, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            html,
        )
    ]
    return float(size.group(1)), float(size.group(2)), found


def page_count(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def assert_inside_margins(pdf: Path, *, bottom_free: float = 0.0) -> None:
    """No word of any page reaches past the left or right margin, or off the page."""
    for page in range(1, page_count(pdf.read_bytes()) + 1):
        width, height, found = words(pdf, page)
        assert found, f"page {page} has no text"
        for w in found:
            assert w.x0 >= MARGIN - 0.5, (page, w)
            assert w.x1 <= width - MARGIN + 0.5, (page, w)
            assert w.y0 >= 0 and w.y1 <= height - bottom_free, (page, w)


def embedded_json(pdf: bytes) -> tuple[bytes, dict[str, object]]:
    """The raw bytes and the parsed value of the embedded document.json."""
    reader = PdfReader(BytesIO(pdf))
    (raw,) = reader.attachments["document.json"]
    value = json.loads(raw.decode("utf-8"))
    assert isinstance(value, dict)
    return raw, value


def assert_qpdf_clean(pdf: Path) -> None:
    result = subprocess.run([tool("qpdf"), "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def assert_clean_revision_one(pdf: bytes) -> None:
    """One revision, no actions, scripts, annotations or layers (DESIGN.md 4, step 6)."""
    assert pdf.count(b"%%EOF") == 1
    reader = PdfReader(BytesIO(pdf))
    root = reader.root_object
    for key in ("/OpenAction", "/AA", "/OCProperties", "/AcroForm"):
        assert key not in root
    for page in reader.pages:
        assert "/Annots" not in page
