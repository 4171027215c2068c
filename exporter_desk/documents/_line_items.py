"""The line-item table: splits across pages with its header repeated and running totals carried.

platypus' own ``Table`` repeats header rows but knows nothing of totals, so this flowable does the
splitting itself: it measures every row once (Paragraph cells wrapped at the column widths), and
when the frame is too short it cuts the rows into one page's chunk plus a rest.

    chunk = header, [Brought forward: totals so far], rows..., Carried forward: totals so far
    rest  = a new ``LineItemTable`` over the remaining rows, starting from those totals

Every chunk is an ordinary platypus ``Table`` with explicit row heights equal to the measured ones,
so what was measured is exactly what is drawn, and the carried figure on one page is, by
construction, the brought figure on the next.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from reportlab.platypus import Flowable, Table, TableStyle

from exporter_desk.documents._flowables import CARRY_FILL, HAIRLINE, HEADER_FILL, RULE

__all__ = ["CarryKind", "ItemTableSpec", "LineItemTable"]

# Which summary row: "brought" forward, "carried" forward, or the final "total".
CarryKind = Literal["brought", "carried", "total"]


@dataclass(frozen=True, slots=True)
class ItemTableSpec:
    """Everything about the table except its rows; shared by all the chunks of one table.

    ``summed`` lists the column indexes whose values are totalled, in column order; each row
    carries one ``Decimal`` per summed column. ``format_sum[i]`` formats the running total of
    ``summed[i]``.
    """

    weights: tuple[float, ...]
    summed: tuple[int, ...]
    format_sum: tuple[Callable[[Decimal], str], ...]
    header: Callable[[int], Flowable]  # column -> a fresh header cell
    body_cell: Callable[[int, str], Flowable]  # (column, text) -> a fresh body cell
    carry_label: Callable[[str, CarryKind], Flowable]  # (text, kind) -> the spanned label cell
    carry_value: Callable[[int, str, CarryKind], Flowable]  # (column, text, kind) -> a sum cell
    brought_label: str
    carried_label: str
    total_label: str | None
    padding: tuple[float, float, float, float]  # left, right, top, bottom
    font_name: str  # for platypus' own cell font state (it defaults to Helvetica)

    @property
    def column_count(self) -> int:
        return len(self.weights)

    @property
    def carries(self) -> bool:
        """Whether page breaks get carried/brought-forward rows: only if something is summed."""
        return bool(self.summed)

    @property
    def has_total(self) -> bool:
        return self.carries and self.total_label is not None


@dataclass(slots=True)
class _Row:
    cells: list[Flowable]
    amounts: tuple[Decimal, ...]
    height: float = 0.0


class LineItemTable(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A splittable table of line items with repeated header and carried-forward totals.

    ``brought`` is None for a table's first chunk, else the totals carried from the last page.
    """

    @classmethod
    def build(
        cls, spec: ItemTableSpec, rows: Sequence[tuple[Sequence[str], Sequence[Decimal]]]
    ) -> LineItemTable:
        """The table over ``rows`` of (cell texts, amounts of the summed columns)."""
        built = [
            _Row(
                cells=[spec.body_cell(i, text) for i, text in enumerate(cells)],
                amounts=tuple(amounts),
            )
            for cells, amounts in rows
        ]
        return cls(spec, built)

    def __init__(
        self, spec: ItemTableSpec, rows: list[_Row], *, brought: tuple[Decimal, ...] | None = None
    ) -> None:
        super().__init__()
        self._spec = spec
        self._rows = rows
        self._brought = brought
        self._measured_width: float | None = None
        self._col_widths: list[float] = []
        self._header_height = 0.0
        self._brought_height = 0.0
        self._total_height = 0.0

    # -- measuring ---------------------------------------------------------------------------

    def _measure(self, avail_width: float) -> None:
        if self._measured_width == avail_width:
            return
        spec = self._spec
        total_weight = sum(spec.weights)
        self._col_widths = [avail_width * w / total_weight for w in spec.weights]
        self._header_height = self._row_height(
            [spec.header(i) for i in range(spec.column_count)], self._col_widths
        )
        for row in self._rows:
            row.height = self._row_height(row.cells, self._col_widths)
        self._brought_height = (
            self._summary_height("brought", self._brought) if self._brought is not None else 0.0
        )
        self._total_height = (
            self._summary_height("total", self._running(self._rows)) if spec.has_total else 0.0
        )
        self._measured_width = avail_width

    def _row_height(self, cells: Sequence[Flowable | None], widths: Sequence[float]) -> float:
        left, right, top, bottom = self._spec.padding
        tallest = 0.0
        for cell, width in zip(cells, widths, strict=True):
            if cell is None:
                continue
            _w, h = cell.wrap(width - left - right, 1e6)
            tallest = max(tallest, h)
        return float(tallest + top + bottom)

    def _summary_height(self, kind: CarryKind, amounts: tuple[Decimal, ...]) -> float:
        """Height of a carry or total row showing these very figures (long ones may wrap)."""
        span = self._label_span()
        widths = [sum(self._col_widths[:span]), *self._col_widths[span:]]
        return self._row_height(self._carry_cells(kind, amounts), widths)

    def _label_span(self) -> int:
        """How many leading columns the carry label spans (at least one)."""
        return max(1, self._spec.summed[0]) if self._spec.summed else self._spec.column_count

    def _carry_cells(self, kind: CarryKind, amounts: tuple[Decimal, ...]) -> list[Flowable | None]:
        """Cells of a carry/total row: the spanned label, then one per remaining column."""
        spec = self._spec
        label = {
            "brought": spec.brought_label,
            "carried": spec.carried_label,
            "total": spec.total_label or "",
        }[kind]
        span = self._label_span()
        cells: list[Flowable | None] = [spec.carry_label(label, kind)]
        for col in range(span, spec.column_count):
            if col in spec.summed:
                k = spec.summed.index(col)
                cells.append(spec.carry_value(col, spec.format_sum[k](amounts[k]), kind))
            else:
                cells.append(None)
        return cells

    def _running(self, rows: Sequence[_Row]) -> tuple[Decimal, ...]:
        """The brought totals plus the amounts of ``rows``."""
        totals = list(self._brought or tuple(Decimal(0) for _ in self._spec.summed))
        for row in rows:
            for k, amount in enumerate(row.amounts):
                totals[k] += amount
        return tuple(totals)

    # -- the Flowable protocol ---------------------------------------------------------------

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._measure(avail_width)
        height = (
            self._header_height
            + self._brought_height
            + sum(r.height for r in self._rows)
            + self._total_height
        )
        self.width, self.height = avail_width, height
        return avail_width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._measure(avail_width)
        spec = self._spec
        fixed = self._header_height + self._brought_height
        # The most rows that fit with a one-line "Carried forward" row under them ...
        carry_floor = (
            self._summary_height("carried", tuple(Decimal(0) for _ in spec.summed))
            if spec.carries
            else 0.0
        )
        fitting, used = 0, fixed + carry_floor
        for row in self._rows:
            if used + row.height > avail_height:
                break
            used += row.height
            fitting += 1
        if fitting == len(self._rows):
            # All rows fit, but not with the total row: keep the last row for the next page,
            # so that a total never stands on a page without a line item.
            fitting -= 1
        # ... then fewer while the real carried figures (which may wrap) make the row taller.
        while fitting > 0 and spec.carries:
            head = self._rows[:fitting]
            carried_height = self._summary_height("carried", self._running(head))
            if fixed + sum(r.height for r in head) + carried_height <= avail_height:
                break
            fitting -= 1
        if fitting == 0:
            return []  # nothing fits here: platypus moves the whole table to the next frame
        head, tail = self._rows[:fitting], self._rows[fitting:]
        carried = self._running(head)
        chunk = self._table(head, carried=carried, last=False)
        rest = LineItemTable(spec, tail, brought=carried if spec.carries else None)
        return [chunk, rest]

    def draw(self) -> None:
        table = self._table(self._rows, carried=self._running(self._rows), last=True)
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)

    # -- building one chunk ------------------------------------------------------------------

    def _table(self, rows: Sequence[_Row], *, carried: tuple[Decimal, ...], last: bool) -> Table:
        spec = self._spec
        n = spec.column_count
        span = self._label_span()
        data: list[list[Any]] = [[spec.header(i) for i in range(n)]]
        heights: list[float] = [self._header_height]
        carry_rows: list[int] = []
        if self._brought is not None:
            data.append(self._carry_row("brought", self._brought))
            heights.append(self._brought_height)
            carry_rows.append(len(data) - 1)
        first_body = len(data)
        for row in rows:
            data.append(list(row.cells))
            heights.append(row.height)
        last_body = len(data) - 1
        if not last and spec.carries:
            data.append(self._carry_row("carried", carried))
            heights.append(self._summary_height("carried", carried))
            carry_rows.append(len(data) - 1)
        elif last and spec.has_total:
            data.append(self._carry_row("total", carried))
            heights.append(self._total_height)

        left, right, top, bottom = spec.padding
        style: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), spec.font_name, 8),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), left),
            ("RIGHTPADDING", (0, 0), (-1, -1), right),
            ("TOPPADDING", (0, 0), (-1, -1), top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
            ("LINEAFTER", (0, 0), (-2, -1), 0.25, HAIRLINE),
        ]
        if last_body > first_body:
            style.append(("LINEBELOW", (0, first_body), (-1, last_body - 1), 0.25, HAIRLINE))
        for r in carry_rows:
            style += [
                ("BACKGROUND", (0, r), (-1, r), CARRY_FILL),
                ("LINEABOVE", (0, r), (-1, r), 0.6, RULE),
                ("LINEBELOW", (0, r), (-1, r), 0.6, RULE),
            ]
            if span > 1:
                style.append(("SPAN", (0, r), (span - 1, r)))
        if last and spec.has_total:
            r = len(data) - 1
            style.append(("LINEABOVE", (0, r), (-1, r), 0.9, RULE))
            if span > 1:
                style.append(("SPAN", (0, r), (span - 1, r)))
        table = Table(data, colWidths=self._col_widths, rowHeights=heights, style=TableStyle(style))
        return table

    def _carry_row(self, kind: CarryKind, amounts: tuple[Decimal, ...]) -> list[Any]:
        cells = self._carry_cells(kind, amounts)
        span = self._label_span()
        return [cells[0], *([""] * (span - 1)), *("" if c is None else c for c in cells[1:])]
