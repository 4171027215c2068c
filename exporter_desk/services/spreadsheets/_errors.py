"""What can be wrong with a file a person picked to import."""

from __future__ import annotations

from pathlib import Path

from exporter_desk.errors import ExporterError


class SpreadsheetError(ExporterError):
    """A file cannot be read as a table of rows."""


class NotASpreadsheetError(SpreadsheetError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path}: not a spreadsheet ({reason})",
            user_message=f"'{path.name}' is not a spreadsheet Exporter Desk can read ({reason}). "
            "Save it from Excel, WPS or LibreOffice as .xlsx or .csv and try again.",
        )
        self.path = path


class EncryptedWorkbookError(SpreadsheetError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path}: password-protected workbook",
            user_message=f"'{path.name}' is protected with a password. Open it in Excel or WPS, "
            "remove the password (File > Info > Protect Workbook), save it and import it again.",
        )
        self.path = path


class FileTooLargeError(SpreadsheetError):
    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(
            f"{path}: {size} bytes, more than the limit of {limit}",
            user_message=f"'{path.name}' is {size / 1_000_000:,.0f} MB; Exporter Desk imports "
            f"files of up to {limit / 1_000_000:,.0f} MB. Split it into smaller files, or "
            "remove columns and sheets you do not import.",
        )
        self.path = path
        self.size = size
        self.limit = limit


class EmptySpreadsheetError(SpreadsheetError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path}: no header row found",
            user_message=f"'{path.name}' has no rows to import: the first sheet is empty or "
            "has no row of column titles.",
        )
        self.path = path


__all__ = [
    "EmptySpreadsheetError",
    "EncryptedWorkbookError",
    "FileTooLargeError",
    "NotASpreadsheetError",
    "SpreadsheetError",
]
