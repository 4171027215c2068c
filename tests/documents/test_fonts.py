"""The document font: shipped with its licence, registered once, embedded as a subset."""

from __future__ import annotations

import hashlib
import re
import threading
import time
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from exporter_desk.documents import _fonts
from exporter_desk.documents._fonts import (
    FONT_FILE_NAME,
    FontMissingError,
    fonts_dir,
    register_document_fonts,
)
from exporter_desk.documents.layout import CompanyHeader, DocumentLayout, Field, Label

FONT_SHA256 = "1c6503e656e7bda78d5958185a49fa9c7692c0446b7a3031a14655095acc8b61"


def test_font_ships_with_its_licence_and_documented_origin() -> None:
    folder = fonts_dir()
    font = folder / FONT_FILE_NAME
    assert hashlib.sha256(font.read_bytes()).hexdigest() == FONT_SHA256
    assert "Apache License" in (folder / "LICENSE-Apache-2.0.txt").read_text()
    assert "WenQuanYi" in (folder / "COPYRIGHT-debian.txt").read_text()
    readme = (folder / "README.md").read_text()
    assert FONT_SHA256 in readme
    assert "fonts-wqy-microhei" in readme


def test_font_is_truetype_and_covers_latin_and_chinese() -> None:
    data = (fonts_dir() / FONT_FILE_NAME).read_bytes()
    assert data[:4] == b"\x00\x01\x00\x00"  # TrueType outlines, not CFF ("OTTO")
    face = pdfmetrics.getFont(register_document_fonts().regular).face
    for ch in "AZaz09&<>€上海发票合计承前页过次页":
        assert ord(ch) in face.charToGlyph, ch


def test_registration_is_idempotent_under_concurrent_first_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Path] = []
    real_register = _fonts._register

    def slow_register(path: Path) -> _fonts.DocumentFonts:
        calls.append(path)
        time.sleep(0.05)  # widen the window in which a second thread could also register
        return real_register(path)

    monkeypatch.setattr(_fonts, "_registered", None)
    monkeypatch.setattr(_fonts, "_register", slow_register)
    results: list[object] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        barrier.wait()
        results.append(register_document_fonts())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(results) == 8
    assert all(r is results[0] for r in results)
    fonts = register_document_fonts()
    assert fonts is results[0]
    assert fonts.bold == fonts.regular and fonts.bold_is_synthetic


def test_missing_font_file_raises_with_advice(tmp_path: Path) -> None:
    with pytest.raises(FontMissingError) as info:
        _fonts._register(tmp_path / FONT_FILE_NAME)
    assert "Reinstall Exporter Desk" in info.value.user_message
    assert str(tmp_path) in str(info.value)


def test_damaged_font_file_raises_with_advice(tmp_path: Path) -> None:
    broken = tmp_path / FONT_FILE_NAME
    broken.write_bytes(b"\x00\x01\x00\x00" + b"\xff" * 64)
    with pytest.raises(FontMissingError) as info:
        _fonts._register(broken)
    assert "damaged" in info.value.user_message


def test_resources_location_can_be_overridden(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EXPORTER_DESK_RESOURCES", str(tmp_path))
    assert fonts_dir() == tmp_path / "fonts"


def test_only_embedded_subset_truetype_fonts_are_used() -> None:
    layout = DocumentLayout(
        title=Label("Packing List", "装箱单"),
        document_number="PL-1",
        company=CompanyHeader(name="Example Trading Co.", name_zh="示例贸易有限公司"),
        created=datetime(2025, 1, 1, tzinfo=UTC),
        language="en+zh",
    )
    story = [layout.fields([[Field(Label("Consignee", "收货人"), "上海市浦东新区 Room 1")]])]
    reader = PdfReader(BytesIO(layout.render(story).pdf))
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts, "no fonts found"
    for name, font in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+WenQuanYiMicroHei", name), name
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"]
        assert "/ToUnicode" in font  # text extraction, search and copy work
