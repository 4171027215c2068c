"""The network's trust root through TUF, end to end with real processes on 127.0.0.1.

The operator publishes network.json through a TUF repository served by the log; a verifier pins
the network from the trust-root file (after checking the fingerprint), then the operator replaces
its witness and rotates its root key. A verifier that refreshed accepts the new receipts; one that
did not is told that its trust root is out of date, never that the receipt is forged.
"""

from __future__ import annotations

import io
import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from exporter_desk import cli
from exporter_desk.notary.trust_root import (
    TrustRootFiles,
    init_trust_root,
    published_file,
    rotate_key,
)
from exporter_desk.services.trust import compute_network_fingerprint, load_trust
from exporter_desk.services.trust_roots import (
    TrustRootError,
    network_sources,
    read_trust_root_file,
    refresh_networks,
)
from exporter_desk.trustnet import (
    OutdatedTrustRootError,
    parse_descriptor,
    parse_proof,
    verify_receipt,
)
from tests.notary.helpers import Node, entry_bytes, free_port, notary, wait_until
from tests.notary.test_e2e import ORIGIN, Network, make_network

pytestmark = pytest.mark.slow


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(args), out=out)
    return code, out.getvalue()


def add_witness(network: Network, name: str) -> tuple[str, Node, str]:
    """A second witness process for ``network``'s log: its key, its node, its URL."""
    folder = network.root / name
    created = notary("witness", "init", "--data", str(folder), "--name", name)
    assert created.returncode == 0, created.stderr
    port = free_port()
    log_key = network.descriptor.log_verifiers()[0].verifier_key()
    node = Node(
        ["witness", "serve", "--data", str(folder), "--port", str(port),
         "--log", f"{ORIGIN}={log_key}"],
        network.root / f"{name}.out",
    )  # fmt: skip
    return created.stdout.strip(), node, f"http://127.0.0.1:{port}"


def register(network: Network, number: str) -> bytes:
    member = network.enrol(f"Trust Root {number} Ltd")
    response = network.submit(member, entry_bytes(member, number, number.encode()))
    assert response.status_code == 200, response.text
    return response.content


def pin(data_dir: Path, trust_root: Path) -> None:
    code, shown = run_cli("network", "add", str(trust_root), "--data", str(data_dir))
    assert code == 1, "without the fingerprint nothing is trusted"
    assert load_trust(data_dir).networks == ()
    fingerprint = shown.split("--fingerprint '")[1].split("'")[0]
    code, shown = run_cli(
        "network", "add", str(trust_root), "--fingerprint", fingerprint, "--data", str(data_dir)
    )
    assert code == 0, shown


@pytest.fixture
def network(tmp_path: Path) -> Iterator[Network]:
    net = make_network(tmp_path / "net")
    net.start()
    try:
        yield net
    finally:
        net.stop()


def test_a_verifier_that_refreshed_follows_a_witness_rotation_and_one_that_did_not_is_told_so(
    network: Network, tmp_path: Path
) -> None:
    created = notary("tuf", "init", "--data", str(network.log_dir), "--url", f"{network.url}/tuf/")
    assert created.returncode == 0, created.stderr
    trust_root = TrustRootFiles(network.log_dir).bootstrap
    refreshed, stale = tmp_path / "refreshed", tmp_path / "stale"
    online = tmp_path / "verifies-online"
    pin(refreshed, trust_root)
    pin(stale, trust_root)
    pin(online, trust_root)
    (pinned,) = network_sources(refreshed)
    assert pinned.source == "trust-root"
    assert pinned.detail == f"{network.url}/tuf/"
    assert pinned.since is not None
    old_receipt = parse_proof(register(network, "INV-BEFORE"))

    # The operator replaces its witness, restarts the log, rotates the root key, publishes.
    key, second_witness, second_url = add_witness(network, "witness2.test")
    second_witness.start()
    try:
        changed = notary(
            "witnesses", "--data", str(network.log_dir), "--witness", f"{key}={second_url}"
        )
        assert changed.returncode == 0, changed.stderr
        network.log.stop()
        network.log.start()
        wait_until(
            lambda: requests.get(f"{network.url}/v1/checkpoint", timeout=2).status_code == 200,
            "the restarted log",
        )
        for command in (("rotate", "--role", "root"), ("publish",)):
            done = notary("tuf", *command, "--data", str(network.log_dir))
            assert done.returncode == 0, done.stderr
        new_receipt = parse_proof(register(network, "INV-AFTER"))
    finally:
        second_witness.stop()

    # `verify --online` refreshes the networks pinned from a trust root before it verifies
    not_a_pdf = tmp_path / "note.pdf"
    not_a_pdf.write_bytes(b"not a PDF")
    run_cli("verify", "--online", str(not_a_pdf), "--data", str(online))
    (learnt,) = load_trust(online).networks
    assert {w.name for w in learnt.policy.witnesses} == {"witness2.test"}

    code, shown = run_cli("network", "refresh", "--data", str(refreshed))
    assert code == 0, shown
    assert "refreshed, updated" in shown
    now = int(time.time())
    (current,) = load_trust(refreshed).networks
    assert {w.name for w in current.policy.witnesses} == {"witness2.test"}
    assert verify_receipt(new_receipt, current, now=now).cosigners.keys() == {"witness2.test"}

    (outdated,) = load_trust(stale).networks
    with pytest.raises(OutdatedTrustRootError) as raised:
        verify_receipt(new_receipt, outdated, now=now)
    assert "witness2.test" in raised.value.user_message
    assert "out of date" in raised.value.user_message
    # the old receipt still verifies with the old descriptor: nothing it pinned was taken away
    assert verify_receipt(old_receipt, outdated, now=now).cosigners.keys() == {"witness.test"}


def test_a_repository_signed_by_other_keys_is_refused_and_the_pin_is_kept(
    network: Network, tmp_path: Path
) -> None:
    init_trust_root(network.log_dir, repository_url=f"{network.url}/tuf/")
    verifier = tmp_path / "verifier"
    pin(verifier, TrustRootFiles(network.log_dir).bootstrap)
    before = load_trust(verifier).networks

    # An attacker who controls the server replaces the whole repository with one of its own.
    files = TrustRootFiles(network.log_dir)
    shutil.rmtree(files.folder)
    init_trust_root(network.log_dir, repository_url=f"{network.url}/tuf/")
    rotate_key(network.log_dir, "targets")  # versions move ahead of the verifier's

    (outcome,) = refresh_networks(verifier)
    assert outcome.error is not None
    assert "not signed by the keys you trust" in outcome.error
    assert load_trust(verifier).networks == before


def test_an_unreachable_repository_trusts_nothing_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "log"
    assert notary("init", "--data", str(log), "--origin", "log.test/x", "--api-url",
                  "http://127.0.0.1:9/").returncode == 0  # fmt: skip
    port = free_port()
    trust_root = init_trust_root(log, repository_url=f"http://127.0.0.1:{port}/tuf/")
    code, _ = run_cli("network", "add", str(trust_root), "--data", str(tmp_path / "v"))
    assert code == 1
    assert "cannot be reached" in capsys.readouterr().err
    assert load_trust(tmp_path / "v").networks == ()


def test_the_log_serves_only_the_repository_files(network: Network) -> None:
    init_trust_root(network.log_dir, repository_url=f"{network.url}/tuf/")
    root = requests.get(f"{network.url}/tuf/metadata/1.root.json", timeout=5)
    assert root.status_code == 200
    assert json.loads(root.content)["signed"]["_type"] == "root"
    timestamp = requests.get(f"{network.url}/tuf/metadata/timestamp.json", timeout=5)
    assert timestamp.headers["Cache-Control"] == "no-cache"
    for path in ("log.key", "../log.key", "metadata/../../log.key", "tuf/keys/root.pem"):
        assert requests.get(f"{network.url}/tuf/{path}", timeout=5).status_code == 404
    assert published_file(network.log_dir, "keys/root.pem") is None


def test_a_descriptor_is_not_a_trust_root_file_and_says_what_to_ask_for(tmp_path: Path) -> None:
    log = tmp_path / "log"
    assert notary("init", "--data", str(log), "--origin", "log.test/y", "--api-url",
                  "http://127.0.0.1:9/").returncode == 0  # fmt: skip
    with pytest.raises(TrustRootError) as raised:
        read_trust_root_file(log / "network.json")
    assert "trust-root.json" in raised.value.user_message
    # the same file is accepted by `network add` as a plain descriptor
    descriptor = parse_descriptor((log / "network.json").read_bytes())
    code, shown = run_cli(
        "network", "add", str(log / "network.json"),
        "--fingerprint", compute_network_fingerprint(descriptor), "--data", str(tmp_path / "v"),
    )  # fmt: skip
    assert code == 0, shown
    code, listed = run_cli("network", "list", "--data", str(tmp_path / "v"))
    assert "source:      file network.json" in listed
