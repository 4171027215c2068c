"""The command line: the README's commands work as written, errors are sentences, not tracebacks."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from exporter_desk import __version__
from exporter_desk.cli import build_parser, command_names, main

ROOT = Path(__file__).resolve().parents[1]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_demo_seed_fills_an_empty_folder_and_export_shows_the_sample(tmp_path: Path) -> None:
    code, text = run("--data", str(tmp_path), "demo", "--seed")
    assert code == 0, text
    assert "parties: 4" in text
    code, text = run("--data", str(tmp_path), "export", "--json")
    assert code == 0
    data = json.loads(text)
    names = json.dumps(data, ensure_ascii=False)
    assert "Shanghai Huayang International Trading Co., Ltd." in names
    assert "上海华扬国际贸易有限公司" in names
    assert "Hanse Werkzeughandel GmbH" in names
    assert "HY-CI-2026-0112" in names


def test_demo_seed_refuses_a_folder_with_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--data", str(tmp_path), "demo", "--seed")[0] == 0
    code, _ = run("--data", str(tmp_path), "demo", "--seed")
    assert code == 1
    assert "already has data" in capsys.readouterr().err


def test_environment_variable_chooses_the_data_folder(tmp_path: Path) -> None:
    env_dir = tmp_path / "from-env"
    result = subprocess.run(
        [sys.executable, "-m", "exporter_desk.cli", "demo", "--seed"],
        env={"EXPORTER_DESK_DATA": str(env_dir), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (env_dir / "exporter-desk.sqlite3").exists()


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "exporter-desk.sqlite3"
    db.write_bytes(b"these are my tax records, not a database" * 100)
    before = db.read_bytes()
    code, _ = run("--data", str(tmp_path), "export", "--json")
    assert code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "not" in err.lower()
    assert db.read_bytes() == before


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = command_names(build_parser())
    missing = [
        name for name in commands if not re.search(rf"exporter-desk [^\n]*\b{name}\b", readme)
    ]
    assert not missing, f"README does not show: {missing}"


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "uv run exporter-desk" in first_block
    assert "uv run pytest" in first_block


def test_demo_out_issues_documents_that_verify_authentic_with_the_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPORTER_DESK_PASSPHRASE", "correct horse battery")
    out_dir = tmp_path / "demo"
    code, text = run("demo", "--out", str(out_dir))
    assert code == 0, text
    pdfs = sorted(out_dir.glob("*.pdf"))
    assert len(pdfs) == 9
    assert (out_dir / "network.json").is_file()
    code, text = run(
        "verify", *map(str, pdfs), "--network", str(out_dir / "network.json"), "--json"
    )
    assert code == 0, text
    verdicts = json.loads(text)
    assert [v["result"] for v in verdicts] == ["authentic"] * 9
    assert {v["document"]["number"] for v in verdicts} >= {"HY-CI-2026-0112", "HY-PL-2026-0112"}


def test_verify_without_the_networks_descriptor_does_not_say_authentic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPORTER_DESK_PASSPHRASE", "correct horse battery")
    out_dir = tmp_path / "demo"
    assert run("demo", "--out", str(out_dir))[0] == 0
    invoice = next(out_dir.glob("commercial-invoice-*.pdf"))
    code, text = run("--data", str(tmp_path / "elsewhere"), "verify", str(invoice))
    assert code == 1
    assert "AUTHENTIC" not in text.splitlines()[0]


def test_verify_of_a_tampered_copy_says_tampered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPORTER_DESK_PASSPHRASE", "correct horse battery")
    out_dir = tmp_path / "demo"
    assert run("demo", "--out", str(out_dir))[0] == 0
    invoice = next(out_dir.glob("commercial-invoice-*.pdf"))
    data = bytearray(invoice.read_bytes())
    data[len(data) // 3] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    code, text = run("verify", str(tampered), "--network", str(out_dir / "network.json"))
    assert code == 1
    assert text.splitlines()[0].endswith("TAMPERED")


def test_verify_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, _ = run("verify", str(tmp_path / "nothing.pdf"))
    assert code == 2


def test_demo_without_a_keyring_or_passphrase_explains_the_encrypted_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import keyring
    from keyring.backends import fail

    monkeypatch.delenv("EXPORTER_DESK_PASSPHRASE", raising=False)
    keyring.set_keyring(fail.Keyring())
    code, _ = run("demo", "--out", str(tmp_path / "demo"))
    assert code == 1
    err = capsys.readouterr().err
    assert "EXPORTER_DESK_PASSPHRASE" in err
    assert "Traceback" not in err


def test_pack_of_the_demo_deal_has_a_cover_and_marked_sets(tmp_path: Path) -> None:
    from pypdf import PdfReader

    assert run("--data", str(tmp_path), "demo", "--seed")[0] == 0
    out_file = tmp_path / "pack.pdf"
    code, text = run(
        "--data",
        str(tmp_path),
        "pack",
        "--deal",
        "1",
        "--out",
        str(out_file),
        "--originals",
        "2",
        "--copies",
        "1",
    )
    assert code == 0, text
    reader = PdfReader(out_file)
    cover = reader.pages[0].extract_text()
    assert "Document Pack" in cover and "HY-CI-2026-0112" in cover
    texts = [page.extract_text() for page in reader.pages]
    total = len(reader.pages)
    assert all(f"of {total}" in t for t in texts[1:])
    assert sum("COPY" in t for t in texts) > 0 and sum("ORIGINAL" in t for t in texts) > 0


def test_pack_of_an_unknown_deal_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--data", str(tmp_path), "demo", "--seed")[0] == 0
    code, _ = run("--data", str(tmp_path), "pack", "--deal", "42", "--out", str(tmp_path / "p.pdf"))
    assert code == 1
    assert "no longer exists" in capsys.readouterr().err
    assert not (tmp_path / "p.pdf").exists()


def test_info_lists_the_values_an_upgrade_kept_as_typed(tmp_path: Path) -> None:
    import sqlite3

    from exporter_desk.store import MIGRATIONS, database_path

    before = next(m.number for m in MIGRATIONS if m.name.startswith("store typed codes")) - 1

    assert run("--data", str(tmp_path), "demo", "--seed")[0] == 0
    conn = sqlite3.connect(database_path(tmp_path), isolation_level=None)
    # as an older release left it: one HS code stored raw, one raw and unparseable
    conn.execute("DELETE FROM _migrations WHERE number > ?", (before,))
    conn.execute("DROP TABLE _migration_notes")
    conn.execute(f"PRAGMA user_version = {before}")
    conn.execute("UPDATE products SET hs_code = '8467.2' WHERE id = 1")
    conn.execute("UPDATE products SET hs_code = '8467 29' WHERE id = 2")
    conn.close()
    code, text = run("--data", str(tmp_path), "info")
    assert code == 0, text
    assert "Values an upgrade could not convert, kept as typed (1):" in text
    assert "products #1 hs_code: '8467.2' is not an HS code" in text
    conn = sqlite3.connect(database_path(tmp_path))
    assert conn.execute("SELECT hs_code FROM products WHERE id = 2").fetchone() == ("846729",)
    conn.close()


def test_pack_of_an_invoice_takes_the_documents_included(tmp_path: Path) -> None:
    from pypdf import PdfReader

    assert run("--data", str(tmp_path), "demo", "--seed")[0] == 0
    out_file = tmp_path / "invoice-pack.pdf"
    code, text = run(
        "--data",
        str(tmp_path),
        "pack",
        "--invoice",
        "1",
        "--include",
        "commercial-invoice",
        "packing-list",
        "--out",
        str(out_file),
    )
    assert code == 0, text
    assert "[x] commercial-invoice HY-CI-2026-0112: not issued" in text
    assert "[ ] certificate-of-origin" in text
    kinds = [n for n in PdfReader(out_file).attachments if n.startswith("original-")]
    assert [n.split("-HY-")[0] for n in kinds] == [
        "original-01-commercial-invoice",
        "original-02-packing-list",
    ]


def test_pack_options_that_cannot_work_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "p.pdf")
    assert run("--data", str(tmp_path), "pack", "--invoice", "1", "--bank", "--out", out)[0] == 2
    assert "--bank needs --deal" in capsys.readouterr().err
    code, _ = run("--data", str(tmp_path), "pack", "--deal", "1", "--include", "visa", "--out", out)
    assert code == 2
    assert "unknown --include visa" in capsys.readouterr().err


def test_pack_bank_issues_a_pack_that_verify_calls_authentic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPORTER_DESK_PASSPHRASE", "correct horse battery")
    assert run("--data", str(tmp_path), "demo", "--seed")[0] == 0
    bank = tmp_path / "bank.pdf"
    code, text = run("--data", str(tmp_path), "pack", "--deal", "1", "--bank", "--out", str(bank))
    assert code == 0, text
    assert "Bank pack BP-DEAL-2026-012 issued (registered)" in text
    code, text = run("--data", str(tmp_path), "verify", str(bank))
    assert code == 0, text
    assert "AUTHENTIC (issued pack; 4 originals)" in text
    assert text.count("original ") == 4
