"""Writing a table to .xlsx (streamed, openpyxl write_only) or .csv (UTF-8 with BOM).

Numbers stay numbers and dates stay dates: an amount is a numeric cell shown with its
currency's decimals, a date a date cell. Text is always text: in .xlsx a string is written as a
string cell even when it starts with ``=`` (openpyxl would otherwise store it as a formula), and
in .csv formula-like text gets a leading ``'`` so that no spreadsheet runs it.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol, cast

from exporter_desk._atomic import replace_durably
from exporter_desk.services.spreadsheets._cells import neutralise_for_csv


@dataclass(frozen=True, slots=True)
class Amount:
    """A number shown with a fixed count of decimals (money: the currency's minor units)."""

    value: Decimal
    places: int


Value = str | int | Decimal | Amount | dt.date | dt.datetime | None


class TableWriter(Protocol):
    def write_row(self, values: list[Value]) -> None: ...

    def close(self) -> None:
        """Finish the file (renamed into place only now)."""

    def abort(self) -> None:
        """Drop the partial file."""


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")


class _CsvWriter:
    def __init__(self, path: Path, header: list[str]) -> None:
        self._path = path
        self._partial = _partial(path)
        self._handle = self._partial.open("w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._handle)
        self._csv.writerow([neutralise_for_csv(h) for h in header])

    def write_row(self, values: list[Value]) -> None:
        self._csv.writerow([_csv_text(v) for v in values])

    def close(self) -> None:
        self._handle.close()
        replace_durably(self._partial, self._path)

    def abort(self) -> None:
        self._handle.close()
        with contextlib.suppress(OSError):
            self._partial.unlink(missing_ok=True)


def _csv_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Amount):
        return f"{value.value:.{value.places}f}"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else f"{value:f}"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutralise_for_csv(value)


class _XlsxWriter:
    def __init__(self, path: Path, header: list[str], sheet_title: str) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        self._path = path
        self._partial = _partial(path)
        self._partial.touch()  # a folder that cannot be written fails now, not after every row
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet(title=sheet_title[:31] or "Sheet1")
        self._sheet.freeze_panes = "A2"
        self._bold = Font(bold=True)
        self._formats: dict[int, str] = {}
        self._sheet.append([self._text_cell(h, bold=True) for h in header])

    def _text_cell(self, text: str, *, bold: bool = False) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self._sheet, value=text)
        cell.data_type = "s"  # never "f": text that starts with "=" stays text
        if bold:
            cell.font = self._bold
        return cell

    def _number_format(self, places: int) -> str:
        if places not in self._formats:
            self._formats[places] = "#,##0" + ("." + "0" * places if places else "")
        return self._formats[places]

    def _cell(self, value: Value) -> Any:
        from openpyxl.cell import WriteOnlyCell

        if value is None or isinstance(value, int):
            return value
        if isinstance(value, str):
            return self._text_cell(value)
        if isinstance(value, Amount):
            cell = WriteOnlyCell(self._sheet, value=cast(Any, value.value))
            cell.number_format = self._number_format(value.places)
            return cell
        if isinstance(value, Decimal):
            return value
        cell = WriteOnlyCell(self._sheet, value=cast(Any, value))
        cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(value, dt.datetime) else "yyyy-mm-dd"
        return cell

    def write_row(self, values: list[Value]) -> None:
        self._sheet.append([self._cell(v) for v in values])

    def close(self) -> None:
        self._book.save(self._partial)
        replace_durably(self._partial, self._path)

    def abort(self) -> None:
        self._book.close()
        with contextlib.suppress(OSError):
            self._partial.unlink(missing_ok=True)


def open_writer(path: Path, header: list[str], *, sheet_title: str = "Sheet1") -> TableWriter:
    """A writer for ``path``: .xlsx or .csv by its suffix (anything else is a caller bug).

    Raises:
        ValueError: for a suffix other than .xlsx or .csv.
        OSError: when the folder cannot be written.
    """
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _XlsxWriter(path, header, sheet_title)
    if suffix == ".csv":
        return _CsvWriter(path, header)
    raise ValueError(f"cannot write {suffix or 'a file without suffix'}; use .xlsx or .csv")


__all__ = ["Amount", "TableWriter", "Value", "open_writer"]
