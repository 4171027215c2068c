"""The `exporter-desk-notary` command line: operator mistakes get a message, not a traceback."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from exporter_desk.notary import cli
from exporter_desk.notary.log import LogService
from exporter_desk.notary.provision import create_invitation
from tests.notary.helpers import new_key_and_csr, notary


def test_every_command_is_documented_in_the_module_docstring() -> None:
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, subparser in commands.choices.items():
        assert f"    {name} " in (cli.__doc__ or ""), name
        nested = [a for a in subparser._actions if isinstance(a, argparse._SubParsersAction)]
        for group in nested:
            for sub in group.choices:
                assert f"    {name} {sub} " in (cli.__doc__ or ""), f"{name} {sub}"


def test_init_writes_a_descriptor_with_the_policy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["witness", "init", "--data", str(tmp_path / "w"), "--name", "w.test"]) == 0
    witness_key = capsys.readouterr().out.strip()
    code = cli.main(
        [
            "init", "--data", str(tmp_path / "log"), "--origin", "log.test/cli",
            "--api-url", "https://log.example", "--witness", f"{witness_key}=https://w.example",
        ]
    )  # fmt: skip
    assert code == 0
    descriptor = json.loads((tmp_path / "log" / "network.json").read_text())
    assert descriptor["format"] == "exporter-desk-network/v1"
    assert descriptor["policy"].splitlines() == [
        descriptor["policy"].splitlines()[0],
        f"witness w.test {witness_key} https://w.example",
        "quorum w.test",
    ]
    assert descriptor["policy"].startswith("log log.test/cli+")


def test_operator_mistakes_exit_1_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = str(tmp_path / "log")
    assert (
        cli.main(["init", "--data", log, "--origin", "log.test/x", "--api-url", "https://x"]) == 0
    )
    capsys.readouterr()
    cases = [
        (["init", "--data", log, "--origin", "log.test/x", "--api-url", "https://x"], "already holds a log"),
        (["init", "--data", str(tmp_path / "n"), "--origin", "has space", "--api-url", "https://x"], "origin"),
        (["init", "--data", str(tmp_path / "m"), "--origin", "o", "--api-url", "https://x", "--witness", "garbage"], "witness key"),
        (["serve", "--data", str(tmp_path / "nothing")], "Is this the right data directory"),
        (["revoke", "--data", log, "--fingerprint", "xyz"], "64 hex digits"),
        (["enrol", "--data", log, "--name", "", "--id", "R-1"], "company name"),
        (["witness", "serve", "--data", str(tmp_path / "w")], "No --log"),
        (["serve", "--data", log, "--trusted-proxy", "proxy.example.com"], "not an IP address"),
        (["serve", "--data", log, "--request-timeout", "0"], "Time-outs must be positive"),
    ]  # fmt: skip
    for argv, message in cases:
        assert cli.main(argv) == 1, argv
        error = capsys.readouterr().err
        assert error.startswith("error: ") and message in error, (argv, error)
        assert "Traceback" not in error


def test_the_connection_cap_stays_below_the_descriptor_limit() -> None:
    resource = pytest.importorskip("resource")
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    args = cli.build_parser().parse_args(["serve", "--data", "x", "--max-connections", "9999999"])
    limits = cli._limits(args, json_errors=True)
    assert limits.max_connections <= soft - 64
    modest = cli.build_parser().parse_args(
        ["witness", "serve", "--data", "x", "--max-connections", "100"]
    )
    assert cli._limits(modest, json_errors=False).max_connections == min(100, soft - 64)


def test_revoke_without_a_running_server_sequences_it_itself(tmp_path: Path) -> None:
    log = tmp_path / "log"
    assert (
        notary(
            "init", "--data", str(log), "--origin", "log.test/r", "--api-url", "https://x"
        ).returncode
        == 0
    )
    service = LogService(log)
    service.start()
    try:
        code = create_invitation(log, name="Gone Ltd", registration_id="G-1")
        fingerprint = service.enrol(code, new_key_and_csr()[1]).fingerprint
    finally:
        service.close()
    revoked = notary("revoke", "--data", str(log), "--fingerprint", fingerprint)
    assert revoked.returncode == 0, revoked.stderr
    assert f"revoked {fingerprint}" in revoked.stdout
    service = LogService(log)
    try:
        assert service.reads.member(fingerprint)["status"] == "revoked"
    finally:
        service.close()
