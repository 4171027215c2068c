"""Reading and writing spreadsheets (.xlsx through openpyxl, .csv in any common encoding).

Qt-free and store-free: the import and export use cases sit on top of these.
"""

from exporter_desk.services.spreadsheets._cells import (
    Cell,
    is_formula_like,
    neutralise_for_csv,
    parse_decimal,
)
from exporter_desk.services.spreadsheets._errors import (
    EmptySpreadsheetError,
    EncryptedWorkbookError,
    FileTooLargeError,
    NotASpreadsheetError,
    SpreadsheetError,
)
from exporter_desk.services.spreadsheets._reading import (
    MAX_FILE_BYTES,
    Row,
    Spreadsheet,
    open_spreadsheet,
)
from exporter_desk.services.spreadsheets._writing import Amount, TableWriter, Value, open_writer

__all__ = [
    "MAX_FILE_BYTES",
    "Amount",
    "Cell",
    "EmptySpreadsheetError",
    "EncryptedWorkbookError",
    "FileTooLargeError",
    "NotASpreadsheetError",
    "Row",
    "Spreadsheet",
    "SpreadsheetError",
    "TableWriter",
    "Value",
    "is_formula_like",
    "neutralise_for_csv",
    "open_spreadsheet",
    "open_writer",
    "parse_decimal",
]
