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
from exporter_desk.cli import build_parser, main

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
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    missing = [
        name for name in commands if not re.search(rf"exporter-desk [^\n]*\b{name}\b", readme)
    ]
    assert not missing, f"README does not show: {missing}"


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "uv run exporter-desk" in first_block
    assert "uv run pytest" in first_block
