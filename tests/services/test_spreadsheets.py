"""Reading what a person picks: the wrong kind of file, a locked one, a huge one, any encoding."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exporter_desk.services.spreadsheets import (
    EmptySpreadsheetError,
    EncryptedWorkbookError,
    FileTooLargeError,
    NotASpreadsheetError,
    is_formula_like,
    open_spreadsheet,
    parse_decimal,
)


def test_a_password_protected_xlsx_is_named_as_such(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["SKU", "Price"])
    book.save(plain)
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as source, locked.open("wb") as out:
        OOXMLFile(source).encrypt("secret", out)
    with pytest.raises(EncryptedWorkbookError) as raised:
        open_spreadsheet(locked)
    assert "protected with a password" in raised.value.user_message


def test_a_200_mb_csv_is_refused_by_size_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: the refusal must come from stat(), not reading
    with pytest.raises(FileTooLargeError) as raised:
        open_spreadsheet(huge)
    assert "200 MB" in raised.value.user_message and "50 MB" in raised.value.user_message


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.7\n" + os.urandom(200), "PDF"),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(200), "PNG"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (b"PK\x03\x04" + b"\x00" * 100, "zip"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "products.xlsx"
    path.write_bytes(content)
    with pytest.raises(NotASpreadsheetError) as raised:
        open_spreadsheet(path)
    assert "is not a spreadsheet" in raised.value.user_message
    assert reason.lower() in str(raised.value).lower()


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(NotASpreadsheetError) as raised:
        open_spreadsheet(path)
    assert "not an Excel workbook" in raised.value.user_message


def test_an_empty_file_has_no_header(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("\n\n\n", encoding="utf-8")
    with pytest.raises(EmptySpreadsheetError) as raised:
        open_spreadsheet(path)
    assert "has no rows to import" in raised.value.user_message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_common_encodings_read_alike(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("货号;品名;单价\nA-1;紫砂茶壶;12,5\n".encode(encoding))
    with open_spreadsheet(path) as sheet:
        assert sheet.header == ("货号", "品名", "单价")
        rows = list(sheet.rows())
    assert rows[0].cells == ("A-1", "紫砂茶壶", "12,5")
    assert sheet.decimal_comma
    assert parse_decimal(rows[0].cells[2], decimal_comma=sheet.decimal_comma) == Decimal("12.5")


def test_windows_1252_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "kunden.csv"
    path.write_bytes("Name,Stadt\nMüller GmbH,Köln\n".encode("cp1252"))
    with open_spreadsheet(path) as sheet:
        assert next(iter(sheet.rows())).cells == ("Müller GmbH", "Köln")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1 234,5", "1234.5"),
        ("12.3", "12.3"),
        ("-5", "-5"),
        ("1.234.567", "1234567"),
    ],
)
def test_numbers_as_people_write_them(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1,2,3", "12..5", "", "1e5"])
def test_text_that_is_no_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ("=cmd|' /C calc'!A0", True),
        ("@SUM(A1:A3)", True),
        ('+HYPERLINK("http://x")', True),
        ("-2+3", True),
        ("-12.5", False),
        ("+86 21 5555 0100", False),
        ("Teapot", False),
    ],
)
def test_formula_like_text_is_recognised(text: str, formula: bool) -> None:
    assert is_formula_like(text) is formula
