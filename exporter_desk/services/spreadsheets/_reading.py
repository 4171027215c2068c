"""Opening a file a person picked: .xlsx (first sheet) or .csv, refused early when it is not one.

The checks come before any parsing: the size (a 200 MB file is refused by ``stat``), the first
bytes (an encrypted workbook is an OLE file, an .xlsx a zip whose unpacked size is bounded), and
for text the encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030, else Windows-1252)
and the separator (comma, semicolon or tab). Rows are read lazily; blank rows are skipped but
keep their numbers, so a problem points at the row a person sees in Excel.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from exporter_desk.services.spreadsheets._cells import Cell
from exporter_desk.services.spreadsheets._errors import (
    EmptySpreadsheetError,
    EncryptedWorkbookError,
    FileTooLargeError,
    NotASpreadsheetError,
)

MAX_FILE_BYTES = 50_000_000
"""Largest file imported: about 200,000 product rows as CSV; anything bigger is a mistake."""
MAX_UNPACKED_BYTES = 500_000_000  # an .xlsx is a zip: refuse a zip bomb before unpacking it
HEADER_SCAN_ROWS = 20  # a title block above the column titles is usual; 20 rows is plenty
MAX_COLUMNS = 200

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_BINARY_MAGICS = {
    b"%PDF": "it is a PDF",
    b"\x89PNG": "it is a PNG image",
    b"\xff\xd8\xff": "it is a JPEG image",
    b"GIF8": "it is a GIF image",
    b"SQLite format 3": "it is a database",
    b"\x1f\x8b": "it is a gzip archive",
    b"Rar!": "it is a RAR archive",
    b"7z\xbc\xaf": "it is a 7-Zip archive",
}


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its number as the spreadsheet shows it (1-based) and its cells."""

    number: int
    cells: tuple[Cell, ...]


class Spreadsheet:
    """An opened table: the header row, then data rows on demand. Close it (or use ``with``)."""

    def __init__(
        self,
        path: Path,
        kind: str,
        header: tuple[str, ...],
        header_row: int,
        rows: Iterator[Row],
        *,
        encoding: str = "",
        delimiter: str = "",
        total_rows: int | None = None,
        closer: Any = None,
    ) -> None:
        self.path = path
        self.kind = kind
        self.header = header
        self.header_row = header_row
        self.encoding = encoding
        self.delimiter = delimiter
        self.total_rows = total_rows  # an estimate for progress, or None when unknown
        self._rows = rows
        self._closer = closer

    @property
    def decimal_comma(self) -> bool:
        """A semicolon-separated file comes from a locale that writes 12,5 for twelve and a half."""
        return self.delimiter == ";"

    def rows(self) -> Iterator[Row]:
        """The data rows after the header, blank rows left out; readable once."""
        return self._rows

    def close(self) -> None:
        if self._closer is not None:
            self._closer.close()
            self._closer = None

    def __enter__(self) -> Spreadsheet:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_spreadsheet(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> Spreadsheet:
    """Open ``path`` as a table, whatever its name says it is.

    Raises:
        FileTooLargeError: over ``max_bytes`` (checked before reading a byte).
        EncryptedWorkbookError: a password-protected workbook.
        NotASpreadsheetError: anything else that is not an .xlsx or a text table.
        EmptySpreadsheetError: no row of column titles.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise NotASpreadsheetError(path, f"it cannot be opened: {exc.strerror}") from exc
    if not path.is_file():
        raise NotASpreadsheetError(path, "it is a folder")
    if size > max_bytes:
        raise FileTooLargeError(path, size, max_bytes)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE_MAGIC):
        data = path.read_bytes()
        if _ENCRYPTION_STREAM in data:
            raise EncryptedWorkbookError(path)
        raise NotASpreadsheetError(path, "it is an old Excel 97-2003 .xls file")
    if head.startswith(_ZIP_MAGIC):
        return _open_xlsx(path)
    for magic, reason in _BINARY_MAGICS.items():
        if head.startswith(magic):
            raise NotASpreadsheetError(path, reason)
    return _open_csv(path)


# -- xlsx ------------------------------------------------------------------------------------


def _open_xlsx(path: Path) -> Spreadsheet:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise NotASpreadsheetError(path, "it is a damaged zip file") from exc
    if "xl/workbook.xml" not in names:
        raise NotASpreadsheetError(path, "it is a zip file but not an Excel workbook")
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileTooLargeError(path, unpacked, MAX_UNPACKED_BYTES)
    try:
        # read_only streams the sheet; formulas come back as their text ("=A1*2"), which the
        # import refuses instead of trusting a cached result.
        book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise NotASpreadsheetError(path, f"Excel cannot be read: {exc}") from exc
    try:
        sheet = book.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        numbered = ((n, tuple(_plain(c) for c in cells)) for n, cells in enumerate(values, start=1))
        header, header_row, rest = _find_header(path, numbered)
        total = sheet.max_row
    except BaseException:
        book.close()
        raise
    return Spreadsheet(
        path,
        "xlsx",
        header,
        header_row,
        _data_rows(rest, len(header)),
        total_rows=(total - header_row) if isinstance(total, int) else None,
        closer=book,
    )


def _plain(value: object) -> Cell:
    """openpyxl's rich text, array formulas and durations as the text a person sees."""
    if value is None or isinstance(
        value, str | int | float | Decimal | bool | dt.datetime | dt.date | dt.time
    ):
        return value
    return str(value)


# -- csv -------------------------------------------------------------------------------------


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise NotASpreadsheetError(path, f"it is not valid {encoding} text") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _mostly_gb2312(text):
            return text, "gb18030"
    return data.decode("cp1252", errors="replace"), "cp1252"


def _mostly_gb2312(text: str) -> bool:
    """GB18030 decodes almost any bytes; Chinese text is mostly in its GB2312 core (both bytes
    0xA1 and up), while Latin-1 accents read as GB18030 make rare extension characters."""
    common = rare = 0
    for ch in text:
        if ord(ch) < 128:
            continue
        encoded = ch.encode("gb18030")
        if len(encoded) == 2 and encoded[0] >= 0xA1 and encoded[1] >= 0xA1:
            common += 1
        else:
            rare += 1
    return common >= rare


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return controls > max(2, len(sample) // 1000) or sample.count("\ufffd") > len(sample) // 20


def _sniff_delimiter(text: str) -> str:
    for line in text.splitlines()[:HEADER_SCAN_ROWS]:
        if line.strip():
            counts = {sep: line.count(sep) for sep in (",", ";", "\t")}
            best = max(counts, key=lambda sep: counts[sep])
            if counts[best]:
                return best
    return ","


def _open_csv(path: Path) -> Spreadsheet:
    text, encoding = _decode(path, path.read_bytes())
    if _looks_binary(text):
        raise NotASpreadsheetError(path, "it holds binary data, not text")
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def numbered() -> Iterator[tuple[int, tuple[Cell, ...]]]:
        try:
            for cells in reader:
                # csv counts physical lines, so a quoted cell with line breaks keeps Excel's number
                yield reader.line_num, tuple(cells)
        except csv.Error as exc:
            raise NotASpreadsheetError(path, f"line {reader.line_num}: {exc}") from exc

    header, header_row, rest = _find_header(path, numbered())
    return Spreadsheet(
        path,
        "csv",
        header,
        header_row,
        _data_rows(rest, len(header)),
        encoding=encoding,
        delimiter=delimiter,
        total_rows=max(0, text.count("\n") - header_row),
    )


# -- both ------------------------------------------------------------------------------------


def _is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _find_header(
    path: Path, rows: Iterator[tuple[int, tuple[Cell, ...]]]
) -> tuple[tuple[str, ...], int, Iterator[tuple[int, tuple[Cell, ...]]]]:
    """The first row with two or more filled cells among the first HEADER_SCAN_ROWS.

    A title merged across the columns ("Price list 2026") fills one cell and is passed over, as
    are blank rows; a header cell merged across two columns leaves the second one untitled.
    """
    seen: list[tuple[int, tuple[Cell, ...]]] = []
    for number, cells in rows:
        filled = [c for c in cells if not _is_blank(c)]
        if len(filled) >= 2:
            header = tuple(
                "" if _is_blank(c) else " ".join(str(c).split()) for c in cells[:MAX_COLUMNS]
            )
            while header and not header[-1]:
                header = header[:-1]
            return header, number, rows
        if filled:
            seen.append((number, cells))
        if number >= HEADER_SCAN_ROWS:
            break
    if len(seen) == 1:  # a one-column list: its only title
        number, cells = seen[0]
        title = next(str(c).strip() for c in cells if not _is_blank(c))
        return (title,), number, rows
    raise EmptySpreadsheetError(path)


def _data_rows(rows: Iterator[tuple[int, tuple[Cell, ...]]], width: int) -> Iterator[Row]:
    for number, cells in rows:
        if all(_is_blank(c) for c in cells):
            continue
        padded = tuple(cells[:width]) + (None,) * (width - len(cells))
        yield Row(number, padded)


__all__ = ["MAX_FILE_BYTES", "Row", "Spreadsheet", "open_spreadsheet"]
