"""What an import refuses, each with a message a person acts on."""

from __future__ import annotations

from exporter_desk.errors import ExporterError

# --- errors ----------------------------------------------------------------------------------


class ImportError_(ExporterError):
    """Base of the import's errors (the trailing underscore keeps the builtin visible)."""


class MappingError(ImportError_):
    """The column mapping names a column or field that does not exist, or misses a field."""


class ImportHasProblemsError(ImportError_):
    def __init__(self, count: int) -> None:
        super().__init__(
            f"refusing to import: {count} problems",
            user_message=f"Nothing was imported: the file has {count:,} problem"
            f"{'' if count == 1 else 's'} to fix first (see the list by row and column).",
        )
        self.count = count
