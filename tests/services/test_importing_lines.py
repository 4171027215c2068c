"""Lines of an invoice from a buyer's order sheet: products fill the blanks, a re-import updates."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from exporter_desk.domain import InvoiceId, Unit
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.importing import (
    ImportHasProblemsError,
    ImportPlan,
    ImportTable,
    auto_mapping,
    commit_import,
    plan_import,
)
from exporter_desk.services.spreadsheets import open_spreadsheet
from exporter_desk.store import NotFoundError, Store, database_path, open_store

ORDER = (
    "Item No;Description;HS Code;Qty;Unit;Unit Price\n"
    "HY-AG125;;;1.500;;\n"  # a known product: only the quantity changes (decimal-comma file)
    "HY-DB13;;;2000;;\n"  # unchanged
    ";Spare carbon brushes;8503.00;250;PCS;0,85\n"  # a free line, added
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(database_path(tmp_path / "data")) as opened:
        seed_demo(opened)
        yield opened


def import_lines(store: Store, path: Path, invoice_id: int) -> ImportPlan:
    with open_spreadsheet(path) as sheet:
        mapping = auto_mapping(ImportTable.INVOICE_LINES, sheet.header)
        return plan_import(store, sheet, ImportTable.INVOICE_LINES, mapping, target_id=invoice_id)


def test_order_lines_update_known_skus_and_add_new_ones(store: Store, tmp_path: Path) -> None:
    invoice = store.invoices.list()[0]
    assert invoice.id is not None
    path = tmp_path / "order.csv"
    path.write_text(ORDER, encoding="utf-8")
    plan = import_lines(store, path, invoice.id)
    assert plan.problems == ()
    result = commit_import(store, plan)
    assert (result.added, result.updated, result.skipped) == (1, 1, 1)
    after = store.invoices.get(InvoiceId(invoice.id))
    by_description = {line.description_en: line for line in after.lines}
    assert len(after.lines) == len(invoice.lines) + 1
    assert by_description["Angle grinder 125 mm, 900 W"].quantity == Decimal("1.5")
    brushes = by_description["Spare carbon brushes"]
    assert (brushes.hs_code, brushes.unit, brushes.unit_price) == (
        "850300",
        Unit.PCS,
        Decimal("0.85"),
    )
    again = commit_import(store, import_lines(store, path, invoice.id))
    assert (again.added, again.updated, again.skipped) == (0, 0, 3)
    assert len(store.invoices.get(InvoiceId(invoice.id)).lines) == len(after.lines)


def test_a_bad_line_writes_nothing(store: Store, tmp_path: Path) -> None:
    invoice = store.invoices.list()[0]
    assert invoice.id is not None
    path = tmp_path / "order.csv"
    path.write_text(ORDER + ";Mystery part;;-3;PCS;1\n", encoding="utf-8")
    plan = import_lines(store, path, invoice.id)
    found = [(p.row, p.field) for p in plan.problems]
    assert found == [(5, "hs_code"), (5, "quantity")]
    with pytest.raises(ImportHasProblemsError):
        commit_import(store, plan)
    assert store.invoices.get(InvoiceId(invoice.id)).lines == invoice.lines


def test_lines_need_an_existing_document(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "order.csv"
    path.write_text(ORDER, encoding="utf-8")
    with pytest.raises(NotFoundError):
        import_lines(store, path, 9999)
