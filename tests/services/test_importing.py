"""Importing products and parties from real .xlsx and .csv files into a real store."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from exporter_desk.domain import PartyRole, Unit
from exporter_desk.services.importing import (
    ImportHasProblemsError,
    ImportTable,
    MappingError,
    apply_map_options,
    auto_mapping,
    commit_import,
    plan_import,
    remember_mapping,
    suggest_mapping,
)
from exporter_desk.services.spreadsheets import open_spreadsheet
from exporter_desk.store import Store, database_path, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(database_path(tmp_path / "data")) as opened:
        yield opened


def plan_file(store: Store, path: Path, table: ImportTable, *maps: str):  # type: ignore[no-untyped-def]
    with open_spreadsheet(path) as sheet:
        mapping = apply_map_options(
            table, sheet.header, suggest_mapping(store, table, sheet.header), maps
        )
        return plan_import(store, sheet, table, mapping)


GB_HEADER = "货号,英文品名,品名,HS编码,单位,单价,币种,净重,毛重,原产国\n"
GB_ROWS = (
    "TP-01,Teapot 600 ml,紫砂茶壶,6912.00,个,12.50,USD,0.45,0.60,CN\n"
    "TC-02,Tea cup set,青花瓷茶杯套装,6911.10,套,8.8,USD,0.9,1.1,CN\n"
    "SK-03,Silk scarf,真丝围巾,6214.10,PCS,23,USD,0.08,0.1,CN\n"
)


def write_gb18030(path: Path, rows: str = GB_ROWS) -> Path:
    path.write_bytes((GB_HEADER + rows).encode("gb18030"))
    return path


def test_gb18030_csv_with_chinese_names_lands_exactly(store: Store, tmp_path: Path) -> None:
    path = write_gb18030(tmp_path / "catalogue.csv")
    plan = plan_file(store, path, ImportTable.PRODUCTS)
    assert plan.problems == ()
    result = commit_import(store, plan)
    assert (result.added, result.updated, result.skipped) == (3, 0, 0)
    teapot = store.products.by_sku("TP-01")
    assert teapot is not None
    assert teapot.description_zh == "紫砂茶壶"
    assert teapot.description_en == "Teapot 600 ml"
    assert teapot.hs_code == "691200"
    assert teapot.unit is Unit.PCS
    assert teapot.unit_price == Decimal("12.50")
    assert (teapot.net_weight_kg, teapot.gross_weight_kg) == (Decimal("0.45"), Decimal("0.60"))
    cups = store.products.by_sku("TC-02")
    assert cups is not None and cups.unit is Unit.SET and cups.description_zh == "青花瓷茶杯套装"


def test_semicolon_csv_with_decimal_commas_and_bom(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "preisliste.csv"
    text = (
        "Item No;Description;HS Code;Unit;Unit Price (EUR);Currency;N.W. (kg);G.W. (kg);Origin\n"
        "DE-1;Steel bolts M8;7318.15;KGS;1.234,56;EUR;12,5;13,25;DE\n"
        'DE-2;"Washers; zinc plated";7318.22;PCS;0,35;EUR;0,002;0,003;DE\n'
    )
    path.write_bytes(text.encode("utf-8-sig"))
    plan = plan_file(store, path, ImportTable.PRODUCTS)
    assert plan.problems == ()
    commit_import(store, plan)
    bolts = store.products.by_sku("DE-1")
    washers = store.products.by_sku("DE-2")
    assert bolts is not None and washers is not None
    assert bolts.unit_price == Decimal("1234.56")
    assert bolts.net_weight_kg == Decimal("12.5")
    assert bolts.gross_weight_kg == Decimal("13.25")
    assert washers.description_en == "Washers; zinc plated"
    assert washers.net_weight_kg == Decimal("0.002")


def test_xlsx_with_merged_title_and_empty_rows_keeps_row_numbers(
    store: Store, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "Hangzhou Yuanhe Trading - product list 2026"
    sheet.merge_cells("A1:H1")
    # row 2 left empty; the header's "Description" spans two merged cells (B3:C3)
    sheet.append([])
    sheet.append(
        ["SKU", "Description", None, "HS Code", "Unit", "Unit Price", "Currency", "Origin"]
    )
    sheet.merge_cells("B3:C3")
    sheet.append(["A-1", "Bamboo tray", "unused", "4419.90", "PCS", 4.2, "USD", "CN"])
    sheet.append([])
    sheet.append([])
    sheet.append(["A-2", "Bamboo box", None, 4420901000, "pcs", 7, "USD", "CN"])
    sheet.append(["A-3", "Bad code box", None, "9999.99", "PCS", 1, "USD", "CN"])
    path = tmp_path / "products.xlsx"
    book.save(path)

    plan = plan_file(store, path, ImportTable.PRODUCTS)
    assert [(p.row, p.field) for p in plan.problems] == [(8, "hs_code")]
    assert plan.problems[0].column == "D (HS Code)"
    assert "9999.99" in plan.problems[0].message
    with pytest.raises(ImportHasProblemsError) as raised:
        commit_import(store, plan)
    assert "1 problem" in raised.value.user_message
    assert store.products.count() == 0

    with pytest.raises(MappingError):  # leaving the SKU column out leaves a required field
        plan_file(store, path, ImportTable.PRODUCTS, "A=")
    sheet.delete_rows(8)
    book.save(path)
    plan = plan_file(store, path, ImportTable.PRODUCTS)
    assert plan.problems == ()
    assert [r.row for r in plan.rows] == [4, 7]
    commit_import(store, plan)
    box = store.products.by_sku("A-2")
    assert box is not None and box.hs_code == "4420901000" and box.unit_price == Decimal(7)
    tray = store.products.by_sku("A-1")
    assert tray is not None and tray.unit_price == Decimal("4.2")


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_is_written(
    store: Store, tmp_path: Path
) -> None:
    rows = (
        "OK-1,Good,好,6912.00,PCS,1,USD,1,1,CN\n"
        "BAD-1,Bad price,坏,6912.00,PCS,abc,USD,1,1,CN\n"
        "BAD-2,Bad country,坏,6912.00,PCS,1,USD,1,1,XX\n"
        "BAD-3,Bad unit,坏,6912.00,bucket,1,USD,1,1,CN\n"
        "BAD-4,Lighter gross,坏,6912.00,PCS,1,USD,2,1,CN\n"
        ",No sku,坏,6912.00,PCS,1,USD,1,1,CN\n"
        "OK-1,Duplicate,坏,6912.00,PCS,1,USD,1,1,CN\n"
    )
    path = write_gb18030(tmp_path / "bad.csv", rows)
    plan = plan_file(store, path, ImportTable.PRODUCTS)
    found = [(p.row, p.column, p.field) for p in plan.problems]
    assert found == [
        (3, "F (单价)", "unit_price"),
        (4, "J (原产国)", "origin_country"),
        (5, "E (单位)", "unit"),
        (6, "I (毛重)", "gross_weight_kg"),
        (7, "A (货号)", "sku"),
        (8, "A (货号)", "sku"),
    ]
    assert "'abc' is not a number" in plan.problems[0].message
    assert "Row 2 already holds this SKU" in plan.problems[-1].message
    with pytest.raises(ImportHasProblemsError):
        commit_import(store, plan)
    assert store.products.count() == 0


def test_formula_injection_is_refused_and_nothing_written(store: Store, tmp_path: Path) -> None:
    rows = "EV-1,=cmd|' /C calc'!A0,茶,6912.00,PCS,1,USD,1,1,CN\nOK-2,Fine,茶,6912.00,PCS,1,USD,1,1,CN\n"
    path = write_gb18030(tmp_path / "evil.csv", rows)
    plan = plan_file(store, path, ImportTable.PRODUCTS)
    assert [(p.row, p.field) for p in plan.problems] == [(2, "description_en")]
    assert "formula" in plan.problems[0].message
    with pytest.raises(ImportHasProblemsError):
        commit_import(store, plan)
    assert store.products.count() == 0


def test_xlsx_formula_cell_is_refused(store: Store, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["SKU", "Description", "HS Code", "Unit", "Unit Price", "Currency", "Origin"])
    sheet.append(["F-1", "Formula price", "6912.00", "PCS", "=B2*2", "USD", "CN"])
    path = tmp_path / "formula.xlsx"
    book.save(path)
    plan = plan_file(store, path, ImportTable.PRODUCTS)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "E (Unit Price)")]


def test_reimport_updates_instead_of_duplicating(store: Store, tmp_path: Path) -> None:
    path = write_gb18030(tmp_path / "catalogue.csv")
    commit_import(store, plan_file(store, path, ImportTable.PRODUCTS))
    changed = GB_ROWS.replace("12.50", "13.90")
    write_gb18030(path, changed)
    plan = plan_file(store, path, ImportTable.PRODUCTS)
    result = commit_import(store, plan)
    assert (result.added, result.updated, result.skipped) == (0, 1, 2)
    assert store.products.count() == 3
    teapot = store.products.by_sku("TP-01")
    assert teapot is not None and teapot.unit_price == Decimal("13.90")


def test_empty_cells_keep_what_an_existing_record_holds(store: Store, tmp_path: Path) -> None:
    path = write_gb18030(tmp_path / "catalogue.csv")
    commit_import(store, plan_file(store, path, ImportTable.PRODUCTS))
    (tmp_path / "prices.csv").write_text("SKU,Unit price\nTP-01,15\n", encoding="utf-8")
    # A price list alone maps only two columns: the other fields come from the record.
    with open_spreadsheet(tmp_path / "prices.csv") as sheet:
        mapping = auto_mapping(ImportTable.PRODUCTS, sheet.header)
        with pytest.raises(MappingError) as raised:
            plan_import(store, sheet, ImportTable.PRODUCTS, mapping)
    assert "HS code" in raised.value.user_message
    with open_spreadsheet(tmp_path / "prices.csv") as sheet:
        defaults = {"description_en": "-", "hs_code": "-", "unit": "-", "currency": "-"}
        plan = plan_import(
            store,
            sheet,
            ImportTable.PRODUCTS,
            mapping,
            defaults=defaults | {"origin_country": "CN"},
        )
    assert plan.problems  # the defaults are checked like cells: "-" is no HS code


def test_parties_match_by_registration_id_or_name_and_country(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(
        "Company,中文名称,Address,Country,Roles,Tax ID,Email\n"
        "Nordic Home AB,,Storgatan 1 Stockholm,SE,customer,,buy@nordic.example\n"
        "Yuanhe Trading,杭州元禾贸易有限公司,1 Wensan Rd Hangzhou,CN,出口商,91310000MA1FL4CT3U,\n",
        encoding="utf-8",
    )
    plan = plan_file(store, path, ImportTable.PARTIES)
    assert plan.problems == (), plan.problems
    commit_import(store, plan)
    assert store.parties.count() == 2
    path.write_text(
        "Company,中文名称,Address,Country,Roles,Tax ID,Email\n"
        "NORDIC HOME  AB,,Storgatan 1 Stockholm,se,supplier,,sales@nordic.example\n"
        "Yuanhe Trading Co.,杭州元禾贸易有限公司,1 Wensan Rd Hangzhou,CN,exporter,"
        "91310000MA1FL4CT3U,\n",
        encoding="utf-8",
    )
    result = commit_import(store, plan_file(store, path, ImportTable.PARTIES))
    assert (result.added, result.updated) == (0, 2)
    parties = {p.country: p for p in store.parties.list()}
    assert parties["SE"].email == "sales@nordic.example"
    assert parties["SE"].roles == {PartyRole.BUYER, PartyRole.SUPPLIER}
    assert parties["CN"].name_en == "Yuanhe Trading Co."


def test_a_failing_write_rolls_back_every_row(store: Store, tmp_path: Path) -> None:
    path = write_gb18030(tmp_path / "catalogue.csv")
    plan = plan_file(store, path, ImportTable.PRODUCTS)

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):  # after the rows were written, before COMMIT
        commit_import(store, plan, progress=cancel)
    assert store.products.count() == 0


def test_mapping_is_remembered_per_layout(store: Store, tmp_path: Path) -> None:
    header = ("Ref", "Text", "Tariff", "UoM", "Cost", "Cur", "Made in")
    assert auto_mapping(ImportTable.PRODUCTS, header).get(0) == "sku"
    mapping = apply_map_options(
        ImportTable.PRODUCTS,
        header,
        auto_mapping(ImportTable.PRODUCTS, header),
        ["Text=description_en", "Tariff=hs_code", "Cost=unit_price"],
    )
    remember_mapping(store, ImportTable.PRODUCTS, header, mapping)
    assert suggest_mapping(store, ImportTable.PRODUCTS, header) == mapping
    assert suggest_mapping(store, ImportTable.PARTIES, header) != mapping


def test_map_option_errors_name_the_columns_and_fields(store: Store) -> None:
    header = ("SKU", "Price")
    with pytest.raises(MappingError) as raised:
        apply_map_options(ImportTable.PRODUCTS, header, {}, ["Colour=sku"])
    assert "A (SKU), B (Price)" in raised.value.user_message
    with pytest.raises(MappingError) as raised:
        apply_map_options(ImportTable.PRODUCTS, header, {}, ["Price=cost"])
    assert "'cost' is not a field of products" in raised.value.user_message
    with pytest.raises(MappingError) as raised:
        apply_map_options(ImportTable.PRODUCTS, header, {}, ["Price"])
    assert "COLUMN=FIELD" in raised.value.user_message
