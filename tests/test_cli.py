"""The command line: the README's commands work as written, errors are sentences, not tracebacks."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from exporter_desk import __version__
from exporter_desk.cli import build_parser, command_names, main
from exporter_desk.services.datafolder import open_for_writing
from exporter_desk.store import backups, database_path, open_store
from exporter_desk.store.backup import default_backup_dir
from tests.datafolders import damage_table, full_disk, read_only_copy, seeded_folder

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
    assert {v["headline_code"] for v in verdicts} == {"verdict.authentic"}
    assert [c["code"] for c in verdicts[0]["checks"]][:2] == ["parse.passed", "signature.passed"]
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


def _signed_away(pdf: bytes) -> bytes:
    """The file as it stood before its signature revision (revisions 1 and 2)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf))
    end = pdf.index(b"%%EOF", reader.xrefs.get_xref_container_info(1).end_location) + 5
    return pdf[: end + 1]


def test_verify_text_does_not_vouch_for_the_name_of_a_forged_re_signature(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from exporter_desk.signing import CertificateAuthority, CompanyIdentity, sign_pdf

    monkeypatch.setenv("EXPORTER_DESK_PASSPHRASE", "correct horse battery")
    out_dir = tmp_path / "demo"
    assert run("demo", "--out", str(out_dir))[0] == 0
    invoice = next(out_dir.glob("commercial-invoice-*.pdf"))
    network = str(out_dir / "network.json")
    genuine = json.loads(run("verify", str(invoice), "--network", network, "--json")[1])[0]
    claimed = genuine["issuer"]
    # A key of the forger's own, in a certificate that copies the genuine company's name.
    now = datetime.now(UTC)
    forger = CertificateAuthority.create("Forger CA", now=now).issue_credentials(
        CompanyIdentity(claimed["company_name"], "CN", claimed["registration_id"]),
        now=now,
    )
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(sign_pdf(_signed_away(invoice.read_bytes()), forger, now=now))
    code, text = run("verify", str(forged), "--network", network)
    assert code == 1
    issuer_line = next(line for line in text.splitlines() if "issuer:" in line)
    assert issuer_line.startswith("  issuer: unverified: the certificate claims to be")
    assert "nothing you trust vouches for that name" in issuer_line
    genuine_text = run("verify", str(invoice), "--network", network)[1]
    assert "vouched for by trust network" in genuine_text


def test_verify_json_into_a_reader_that_stops_early_exits_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPORTER_DESK_PASSPHRASE", "correct horse battery")
    out_dir = tmp_path / "demo"
    assert run("demo", "--out", str(out_dir))[0] == 0
    pdfs = [str(path) for path in sorted(out_dir.glob("*.pdf"))]
    command = [sys.executable, "-m", "exporter_desk.cli", "verify", *pdfs, "--json"]
    command += ["--network", str(out_dir / "network.json")]
    # What `exporter-desk verify --json | head` does once head has read its lines: the pipe's
    # reader is gone before the verdicts are written.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors


# -- the data folder in trouble: damaged, read-only, full, emptied (issue 12) -----------------


def cli(*argv: str) -> subprocess.CompletedProcess[str]:
    """The real command, in its own process: what a person at a terminal sees."""
    return subprocess.run(
        [sys.executable, "-m", "exporter_desk.cli", *argv],
        env={**os.environ, "EXPORTER_DESK_DATA": ""},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _commands(pack_out: Path) -> dict[str, list[str]]:
    return {
        "export": ["export", "--json"],
        "pack": ["pack", "--deal", "1", "--out", str(pack_out)],
        "info": ["info"],
        "demo": ["demo", "--seed"],
    }


@pytest.mark.parametrize("command", ["export", "pack", "info", "demo"])
def test_a_damaged_page_is_named_with_the_latest_backup_and_the_file_is_left_alone(
    tmp_path: Path, command: str
) -> None:
    folder = seeded_folder(tmp_path / "data")
    open_for_writing(folder, now=dt.datetime(2026, 12, 1, 14, 2)).close()  # the daily backup
    db = database_path(folder)
    page = damage_table(db, "parties")
    before = db.read_bytes()
    pack_out = tmp_path / "pack.pdf"
    result = cli("--data", str(folder), *_commands(pack_out)[command])
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert f"is damaged (page {page}, table parties)" in result.stderr
    assert "Your latest backup is from 2026-12-01 14:02" in result.stderr
    assert f'exporter-desk restore --data "{folder}"' in result.stderr
    assert "disk space" not in result.stderr
    assert db.read_bytes() == before
    assert not pack_out.exists()
    assert len(backups(default_backup_dir(db))) == 1  # no damaged copy among the backups


def test_restore_brings_back_the_latest_backup_after_damage(tmp_path: Path) -> None:
    folder = seeded_folder(tmp_path / "data")
    open_for_writing(folder, now=dt.datetime(2026, 12, 1, 14, 2)).close()
    damage_table(database_path(folder), "invoices")
    result = cli("--data", str(folder), "restore")
    assert result.returncode == 0, result.stderr
    assert "Restored exporter-desk-daily-20261201-140200-" in result.stdout
    assert "kept as" in result.stdout
    code, text = run("--data", str(folder), "info")
    assert code == 0 and "invoices: 2" in text


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("info", "(read-only: it can be read and exported, not changed)\n  parties: 4"),
        ("export", "Hanse Werkzeughandel GmbH"),
        ("pack", "Pack written"),
    ],
)
def test_a_read_only_data_folder_is_read_and_never_called_damaged(
    tmp_path: Path, command: str, expected: str
) -> None:
    folder = seeded_folder(tmp_path / "data")
    before = database_path(folder).read_bytes()
    pack_out = tmp_path / "pack.pdf"
    with read_only_copy(folder, tmp_path / "ro") as mounted:
        result = cli("--data", str(mounted), *_commands(pack_out)[command])
        assert database_path(mounted).read_bytes() == before
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
    assert "Traceback" not in result.stderr
    assert "not an Exporter Desk database" not in result.stderr
    assert "restore" not in result.stderr


def test_saving_into_a_read_only_data_folder_says_read_only_and_offers_no_restore(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    with open_store(database_path(folder)):
        pass  # an empty company database
    before = database_path(folder).read_bytes()
    with read_only_copy(folder, tmp_path / "ro") as mounted:
        result = cli("--data", str(mounted), "demo", "--seed")
        restore = cli("--data", str(mounted), "restore")
        assert database_path(mounted).read_bytes() == before
    assert result.returncode == 1 and restore.returncode == 1
    for err in (result.stderr, restore.stderr):
        assert "Traceback" not in err
        assert f"The data folder '{tmp_path / 'ro'}' is read-only" in err
        assert "Your data is intact" in err
        assert "damaged" not in err and "not an Exporter Desk database" not in err
    assert "backup" not in result.stderr


def test_demo_out_into_a_read_only_folder_says_so_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with read_only_copy(tmp_path / "empty", tmp_path / "ro") as mounted:
        result = cli("demo", "--out", str(mounted / "demo"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "read-only disk" in result.stderr
    assert "Choose a folder you can write to" in result.stderr


def test_pack_onto_a_full_disk_says_so_and_writes_nothing(tmp_path: Path) -> None:
    folder = seeded_folder(tmp_path / "data")
    db = database_path(folder)
    before = db.read_bytes()
    with full_disk(tmp_path / "full") as disk:
        listing = sorted(p.name for p in disk.iterdir())
        result = cli("--data", str(folder), "pack", "--deal", "1", "--out", str(disk / "p.pdf"))
        assert sorted(p.name for p in disk.iterdir()) == listing  # no half-written pack
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"There is not enough free space on the disk to write '{disk / 'p.pdf'}'" in (
        result.stderr
    )
    assert "Nothing was written" in result.stderr
    assert db.read_bytes() == before


def test_a_saving_command_takes_the_daily_backup_and_reading_commands_take_none(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    assert run("--data", str(folder), "info")[0] == 0  # creates the empty database
    daily = default_backup_dir(database_path(folder))
    assert run("--data", str(folder), "export", "--json")[0] == 0
    assert not backups(daily)
    result = cli("--data", str(folder), "demo", "--seed")
    assert result.returncode == 0, result.stderr
    taken = backups(daily, "daily")
    assert len(taken) == 1
    assert taken[0].name.startswith(f"exporter-desk-daily-{dt.datetime.now():%Y%m%d}-")
    assert cli("--data", str(folder), "demo", "--seed").returncode == 1  # has data now
    assert backups(daily, "daily") == taken  # one a day


@pytest.mark.parametrize("command", ["info", "export", "pack", "demo"])
def test_an_emptied_database_beside_keys_and_documents_is_refused(
    tmp_path: Path, command: str
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "keys.enc").write_bytes(b"encrypted signing keys")
    (folder / "documents").mkdir()
    (folder / "documents" / "HY-CI-2026-0112.pdf").write_bytes(b"%PDF-1.7")
    db = database_path(folder)
    db.write_bytes(b"")
    result = cli("--data", str(folder), *_commands(tmp_path / "pack.pdf")[command])
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert f"The database file '{db}' is empty (0 bytes)" in result.stderr
    assert "keys.enc, documents" in result.stderr
    assert "will not start a new company" in result.stderr
    assert db.stat().st_size == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "documents",
        "exporter-desk.sqlite3",
        "keys.enc",
    ]


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


def test_monitor_without_a_certificate_says_there_is_nothing_to_watch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _text = run("--data", str(tmp_path), "monitor", "--once")
    assert code == 1
    assert "nothing to watch" in capsys.readouterr().err


@pytest.mark.slow
def test_monitor_once_follows_a_real_network_and_reports_an_impostor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.services.test_monitoring import joined_desk, other_member, register
    from tests.services.trust_servers import TrustServers

    servers = TrustServers(tmp_path / "net").start()
    try:
        desk = joined_desk(tmp_path / "desk", servers)
        desk.store.close()
        code, text = run("--data", str(desk.data_dir), "monitor", "--once")
        assert code == 0, text + capsys.readouterr().err
        assert "0 new alerts" in text
        # An impostor enrolled under the company's registration id registers an invoice.
        from tests.services.test_monitoring import REGISTRATION_ID

        register(servers, other_member(servers, "Fake Huayang", REGISTRATION_ID), "FAKE-1")
        code, text = run("--data", str(desk.data_dir), "monitor", "--once")
        assert code == 1
        assert "ALERT foreign-enrolment" in text and "ALERT foreign-entry" in text
        assert "revoke" in text
        assert run("--data", str(desk.data_dir), "monitor", "--acknowledge")[0] == 0
        assert run("--data", str(desk.data_dir), "monitor", "--once")[0] == 0
    finally:
        servers.stop()
