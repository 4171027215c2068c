"""Exporting lists: numbers stay numbers, dates dates, and no cell runs as a formula."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exporter_desk.services.demo import seed_demo
from exporter_desk.services.exporting import (
    ExportFormatError,
    ExportTable,
    ExportWriteError,
    export_table,
)
from exporter_desk.services.spreadsheets import is_formula_like
from exporter_desk.store import Store, database_path, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(database_path(tmp_path / "data")) as opened:
        seed_demo(opened)
        yield opened


def test_invoices_xlsx_has_money_as_numbers_and_dates_as_dates(
    store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "invoices.xlsx"
    count = export_table(store, ExportTable.INVOICES, out, order_by="date", descending=True)
    assert count == store.invoices.count() > 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Number", "Kind", "Date"]
    first = store.invoices.list(0, 1, "date", True)[0]
    row = sheet[2]
    assert row[0].value == first.number
    assert isinstance(row[2].value, dt.datetime) and row[2].value.date() == first.date
    assert row[2].number_format == "yyyy-mm-dd"
    total = row[header.index("Total")]
    assert total.data_type == "n"
    assert Decimal(str(total.value)) == first.total().amount
    assert total.number_format == "#,##0.00"


def test_formula_like_text_is_never_written_as_a_formula(store: Store, tmp_path: Path) -> None:
    party = replace(
        store.parties.list()[0], id=None, name_en="=cmd|' /C calc'!A0", contact="+SUM(1,2)"
    )
    store.parties.save(party)
    xlsx, text = tmp_path / "parties.xlsx", tmp_path / "parties.csv"
    export_table(store, ExportTable.PARTIES, xlsx)
    export_table(store, ExportTable.PARTIES, text)
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert "=cmd|' /C calc'!A0" in [c.value for c in cells]
    with text.open(encoding="utf-8-sig", newline="") as handle:
        values = [v for row in csv.reader(handle) for v in row]
    assert "'=cmd|' /C calc'!A0" in values and "'+SUM(1,2)" in values
    assert not any(is_formula_like(v) for v in values)


def test_products_csv_keeps_price_decimals_and_the_list_order(store: Store, tmp_path: Path) -> None:
    product = replace(
        store.products.list()[0], id=None, sku="ZZ-PRICE", unit_price=Decimal("0.0125")
    )
    store.products.save(product)
    out = tmp_path / "products.csv"
    export_table(store, ExportTable.PRODUCTS, out, order_by="sku", descending=True)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][0] == "ZZ-PRICE"
    assert rows[1][5] == "0.0125"
    skus = [r[0] for r in rows[1:]]
    assert skus == sorted(skus, reverse=True)


def test_search_exports_what_the_filtered_list_shows(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "found.csv"
    word = store.products.list()[0].sku
    count = export_table(store, ExportTable.PRODUCTS, out, query=word)
    assert count == len(store.products.search(word, 1000)) >= 1


def test_other_file_types_are_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportFormatError) as raised:
        export_table(store, ExportTable.PRODUCTS, tmp_path / "products.pdf")
    assert ".xlsx" in raised.value.user_message
    assert not (tmp_path / "products.pdf").exists()


def test_an_unwritable_place_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(ExportWriteError) as raised:
        export_table(store, ExportTable.PRODUCTS, blocker / "products.xlsx")
    assert "could not be written" in raised.value.user_message
