"""Importing parties and products from a spreadsheet: map the columns, dry-run, then commit.

``open_spreadsheet`` (services/spreadsheets) reads the file; ``suggest_mapping`` maps columns to
fields (remembered per layout, else by obvious titles); ``plan_import`` is the dry run that checks
every row with the domain's own ``problems()``; ``commit_import`` writes it in one transaction.
"""

from exporter_desk.services.importing._rows import ImportPlan, ImportResult, PlannedRow, RowProblem
from exporter_desk.services.importing.errors import ImportHasProblemsError, MappingError
from exporter_desk.services.importing.fields import (
    FIELDS,
    FieldSpec,
    ImportTable,
    apply_map_options,
    auto_mapping,
    column_label,
    column_letter,
    field_spec,
    layout_key,
    remember_mapping,
    suggest_mapping,
    verify_mapping,
)
from exporter_desk.services.importing.plan import commit_import, plan_import

__all__ = [
    "FIELDS",
    "FieldSpec",
    "ImportHasProblemsError",
    "ImportPlan",
    "ImportResult",
    "ImportTable",
    "MappingError",
    "PlannedRow",
    "RowProblem",
    "apply_map_options",
    "auto_mapping",
    "column_label",
    "column_letter",
    "commit_import",
    "field_spec",
    "layout_key",
    "plan_import",
    "remember_mapping",
    "suggest_mapping",
    "verify_mapping",
]
