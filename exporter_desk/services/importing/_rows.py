"""One spreadsheet row to field values: cells converted, formulas refused, codes made
canonical by the domain's normalisers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from exporter_desk.domain import (
    LineItem,
    PackageType,
    Party,
    PartyRole,
    Product,
    Unit,
)
from exporter_desk.domain.codes import (
    normalize_country,
    normalize_currency,
    normalize_hs_code,
)
from exporter_desk.domain.errors import DomainError
from exporter_desk.services.importing.fields import (
    _PACKAGE_ALIASES,
    _ROLE_ALIASES,
    _UNIT_ALIASES,
    ImportTable,
)
from exporter_desk.services.spreadsheets import (
    Cell,
    Row,
    Spreadsheet,
    is_formula_like,
    parse_decimal,
)

# -- the dry run -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One problem of one row, in the words a person fixes it by: row, column, what is wrong."""

    row: int
    column: str
    field: str
    message: str


Action = Literal["add", "update", "unchanged"]


@dataclass(frozen=True, slots=True)
class PlannedRow:
    row: int
    action: Action
    record: Party | Product | LineItem


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import would do; ``problems`` empty means it may be committed."""

    table: ImportTable
    rows: tuple[PlannedRow, ...]
    problems: tuple[RowProblem, ...]
    rows_read: int
    target_id: int | None = None  # the invoice or contract that lines go into

    @property
    def is_valid(self) -> bool:
        return not self.problems and self.rows_read > 0

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)


@dataclass(frozen=True, slots=True)
class ImportResult:
    table: ImportTable
    added: int
    updated: int
    skipped: int


@dataclass(slots=True)
class _Parsed:
    row: int
    values: dict[str, Any]
    bad: set[str] = field(default_factory=set)
    key: Any = None
    existing: int | None = None


def _cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if hasattr(cell, "isoformat"):
        return str(cell.isoformat())
    return " ".join(str(cell).split()) if "\n" not in str(cell) else str(cell).strip()


def _parse_row(
    table: ImportTable,
    row: Row,
    mapping: dict[int, str],
    defaults: dict[str, str],
    sheet: Spreadsheet,
    report: Callable[[int, str, str], None],
) -> _Parsed:
    item = _Parsed(row.number, {})
    raw: dict[str, Cell] = dict(defaults)
    for index, name in mapping.items():
        cell = row.cells[index] if index < len(row.cells) else None
        if cell is not None and not (isinstance(cell, str) and not cell.strip()):
            raw[name] = cell
    for name, cell in raw.items():
        if isinstance(cell, str) and is_formula_like(cell):
            report(
                row.number,
                name,
                f"'{cell[:40]}' is a spreadsheet formula; Exporter Desk imports values only "
                "(copy the column and paste it as values).",
            )
            item.bad.add(name)
            continue
        try:
            item.values[name] = _convert(table, name, cell, sheet.decimal_comma)
        except ValueError as exc:
            report(row.number, name, str(exc))
            item.bad.add(name)
    return item


_DECIMAL_FIELDS = {
    "quantity",
    "unit_price",
    "net_weight_kg",
    "gross_weight_kg",
    "package_length_cm",
    "package_width_cm",
    "package_height_cm",
}


def _convert(table: ImportTable, name: str, cell: Cell, decimal_comma: bool) -> Any:
    """A cell as the field's type. Raises: ValueError with the sentence to show."""
    if name in _DECIMAL_FIELDS:
        try:
            return parse_decimal(cell, decimal_comma=decimal_comma)
        except ValueError:
            raise ValueError(f"'{_cell_text(cell)}' is not a number.") from None
    if name == "units_per_package":
        try:
            number = parse_decimal(cell, decimal_comma=decimal_comma)
        except ValueError:
            number = Decimal("0.5")
        if number != number.to_integral_value():
            raise ValueError(f"'{_cell_text(cell)}' is not a whole number.")
        return int(number)
    text = _cell_text(cell)
    if name == "unit":
        unit = _UNIT_ALIASES.get(text.casefold().rstrip("."))
        if unit is None:
            raise ValueError(
                f"'{text}' is not a unit; use one of {', '.join(u.value for u in Unit)}."
            )
        return unit
    if name == "package_type":
        package = _PACKAGE_ALIASES.get(text.casefold())
        if package is None:
            raise ValueError(
                f"'{text}' is not a package type; use one of "
                f"{', '.join(p.value for p in PackageType)}."
            )
        return package
    if name == "roles":
        roles = set()
        for word in re.split(r"[,;/、，；\s]+", text.casefold()):
            if not word:
                continue
            role = _ROLE_ALIASES.get(word)
            if role is None:
                raise ValueError(
                    f"'{word}' is not a role; use {', '.join(r.value for r in PartyRole)}."
                )
            roles.add(role)
        return frozenset(roles)
    # Codes are made canonical by the domain's own normalisers; a code they refuse stays as
    # typed, and the record's problems() says what is wrong with it.
    normalizer = _NORMALIZERS.get(name)
    if normalizer is not None:
        try:
            return normalizer(text)
        except DomainError:
            return text
    return text


_NORMALIZERS: dict[str, Callable[[str], str]] = {
    "hs_code": normalize_hs_code,
    "currency": normalize_currency,
    "country": normalize_country,
    "origin_country": normalize_country,
}


__all__ = ["Action", "ImportPlan", "ImportResult", "PlannedRow", "RowProblem"]
