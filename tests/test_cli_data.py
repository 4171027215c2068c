"""`exporter-desk import`, `export --table`, `backup` and `restore` as a script uses them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl

from exporter_desk.cli import main

CATALOGUE = (
    "货号,英文品名,品名,HS编码,单位,单价,币种,净重,毛重,原产国\n"
    "TP-01,Teapot,紫砂茶壶,6912.00,个,12.50,USD,0.45,0.60,CN\n"
    "TC-02,Cup set,茶杯套装,6911.10,套,8.8,USD,0.9,1.1,CN\n"
)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out), out.getvalue()


def test_import_dry_run_writes_nothing_and_exit_code_says_valid(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    path = tmp_path / "catalogue.csv"
    path.write_bytes(CATALOGUE.encode("gb18030"))
    code, text = run(
        "import", "--table", "products", str(path), "--dry-run", "--json", "--data", data
    )
    report = json.loads(text)
    assert code == 0 and report["valid"] and report["added"] == 2 and not report["written"]
    assert report["mapping"]["HS编码"] == "hs_code"
    code, text = run("info", "--data", data)
    assert "products: 0" in text
    code, text = run("import", "--table", "products", str(path), "--data", data)
    assert code == 0 and "2 added" in text
    code, text = run("import", "--table", "products", str(path), "--data", data)
    assert code == 0 and "0 added, 0 updated, 2 skipped" in text


def test_import_with_a_bad_row_exits_1_and_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes((CATALOGUE + "XX-3,Bad,坏,ABC,个,1,USD,1,1,CN\n").encode("gb18030"))
    data = str(tmp_path / "data")
    code, text = run("import", "--table", "products", str(path), "--data", data)
    assert code == 1
    assert "row 4, D (HS编码):" in text and "Nothing was imported" in text
    assert "products: 0" in run("info", "--data", data)[1]


def test_import_map_option_maps_an_unusual_column(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(
        "Ref,Text,Tariff,UoM,Cost,Cur,Made in\nR-1,Lamp,9405.11,PCS,3,USD,CN\n", encoding="utf-8"
    )
    data = str(tmp_path / "data")
    args = ["import", "--table", "products", str(path), "--data", data]
    assert run(*args)[0] == 1
    code, text = run(
        *args,
        "--map",
        "Text=description_en",
        "--map",
        "C=hs_code",
        "--map",
        "Cost=unit_price",
        "--map",
        "Cur=currency",
        "--map",
        "Made in=origin_country",
    )
    assert code == 0, text


def test_export_table_and_json_both_work(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    assert run("demo", "--seed", "--data", data)[0] == 0
    out = tmp_path / "invoices.xlsx"
    code, text = run(
        "export", "--table", "invoices", "--format", "xlsx", "--out", str(out), "--data", data
    )
    assert code == 0 and "written to" in text
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None and sheet.max_row >= 2
    code, text = run("export", "--json", "--data", data)
    assert code == 0 and json.loads(text)["invoices"]


def test_backup_and_restore_from_the_command_line(tmp_path: Path) -> None:
    data, fresh = str(tmp_path / "data"), str(tmp_path / "fresh")
    run("demo", "--seed", "--data", data)
    archive = tmp_path / "company.zip"
    code, text = run("backup", "--out", str(archive), "--data", data)
    assert code == 0 and "without keys" in text
    code, text = run("restore", str(archive), "--data", fresh)
    assert code == 0
    assert run("export", "--json", "--data", fresh)[1] == run("export", "--json", "--data", data)[1]
    (tmp_path / "junk.zip").write_text("junk")
    code, _text = run("restore", str(tmp_path / "junk.zip"), "--data", fresh)
    assert code == 1
