"""End to end: real `exporter-desk-notary serve` and `witness serve` processes on 127.0.0.1.

init, enrol, redeem, register, verify offline with only the descriptor; refusals as JSON with
nothing written; revocation from the CLI; the witness refusing forks; and kill -9 of the log in
the middle of a stream of submissions.
"""

from __future__ import annotations

import base64
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from exporter_desk.notary.provision import create_invitation
from exporter_desk.notary.witness import SIZE_CONTENT_TYPE, format_add_checkpoint
from exporter_desk.trustnet import (
    Checkpoint,
    NetworkDescriptor,
    generate_key,
    leaf_hash,
    merkle,
    open_checkpoint,
    parse_descriptor,
    parse_proof,
    parse_signer_key,
    sign_checkpoint,
    verify_receipt,
)
from tests.notary.helpers import (
    Member,
    Node,
    entry_bytes,
    free_port,
    new_key_and_csr,
    notary,
    wait_until,
)

pytestmark = pytest.mark.slow

ORIGIN = "log.test/e2e"


@dataclass
class Network:
    """A witness process and a log process, and what a client of them needs."""

    root: Path
    log_dir: Path
    witness_dir: Path
    url: str
    witness_url: str
    log: Node
    witness: Node

    @property
    def descriptor(self) -> NetworkDescriptor:
        return parse_descriptor((self.log_dir / "network.json").read_bytes())

    def start(self) -> None:
        self.witness.start()
        self.log.start()
        wait_until(
            lambda: requests.get(f"{self.url}/v1/checkpoint", timeout=2).status_code == 200,
            "the log's first witnessed checkpoint",
        )

    def stop(self) -> None:
        self.log.stop()
        self.witness.stop()

    def redeem(self, code: str) -> Member:
        key, csr = new_key_and_csr()
        response = requests.post(
            f"{self.url}/v1/members", json={"invitation": code, "csr_pem": csr}, timeout=15
        )
        assert response.status_code == 200, response.text
        body = response.json()
        return Member(key, body["fingerprint"], body["api_token"], body["certificate_pem"])

    def enrol(self, name: str) -> Member:
        code = create_invitation(self.log_dir, name=name, registration_id=name.upper())
        return self.redeem(code)

    def submit(self, member: Member | None, data: bytes) -> requests.Response:
        headers = {"Authorization": f"Bearer {member.token}"} if member else {}
        return requests.post(f"{self.url}/v1/entries", data=data, headers=headers, timeout=15)

    def counts(self) -> tuple[int, ...]:
        conn = sqlite3.connect(f"file:{self.log_dir / 'log.sqlite3'}?mode=ro", uri=True)
        try:
            return tuple(
                conn.execute(query).fetchone()[0]
                for query in (
                    "SELECT count(*) FROM entries",
                    "SELECT count(*) FROM members",
                    "SELECT count(*) FROM invitations WHERE redeemed_by IS NOT NULL",
                    "SELECT count(*) FROM tree_nodes",
                )
            )
        finally:
            conn.close()


def make_network(root: Path, *extra_log_args: str) -> Network:
    log_port, witness_port = free_port(), free_port()
    url, witness_url = f"http://127.0.0.1:{log_port}", f"http://127.0.0.1:{witness_port}"
    witness_dir, log_dir = root / "witness", root / "log"
    created = notary("witness", "init", "--data", str(witness_dir), "--name", "witness.test")
    assert created.returncode == 0, created.stderr
    witness_key = created.stdout.strip()
    initialised = notary(
        "init", "--data", str(log_dir), "--origin", ORIGIN, "--api-url", url,
        "--witness", f"{witness_key}={witness_url}", "--quorum", "1",
    )  # fmt: skip
    assert initialised.returncode == 0, initialised.stderr
    assert "private keys" in initialised.stdout
    log_key = parse_descriptor((log_dir / "network.json").read_bytes()).log_verifiers()[0]
    witness = Node(
        ["witness", "serve", "--data", str(witness_dir), "--port", str(witness_port),
         "--log", f"{ORIGIN}={log_key.verifier_key()}"],
        root / "witness.out",
    )  # fmt: skip
    log = Node(
        ["serve", "--data", str(log_dir), "--port", str(log_port), *extra_log_args],
        root / "log.out",
    )
    return Network(root, log_dir, witness_dir, url, witness_url, log, witness)


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    net = make_network(
        tmp_path_factory.mktemp("e2e"), "--rate", "20", "--burst", "20", "--enrol-rate", "50"
    )
    net.start()
    try:
        yield net
    finally:
        net.stop()


def test_register_and_verify_offline_with_only_the_descriptor(network: Network) -> None:
    enrolled = notary(
        "enrol", "--data", str(network.log_dir), "--name", "ACME Ltd", "--id", "HRB 1"
    )
    assert enrolled.returncode == 0, enrolled.stderr
    acme = network.redeem(enrolled.stdout.strip())
    assert (
        requests.get(f"{network.url}/v1/members/{acme.fingerprint}", timeout=5).json()["status"]
        == "active"
    )

    data = entry_bytes(acme, "INV-2024/0001", b"%PDF invoice 1")
    response = network.submit(acme, data)
    assert response.status_code == 200, response.text
    assert response.headers["Entry-Status"] == "registered"
    receipt = parse_proof(response.content)
    check = verify_receipt(receipt, network.descriptor, now=int(time.time()))
    assert check.entry.format() == data
    assert check.cosigners.keys() == {"witness.test"}

    stored = requests.get(f"{network.url}/v1/entries/{receipt.index}", timeout=5)
    assert stored.content == data
    proof = requests.get(
        f"{network.url}/v1/proofs/inclusion",
        params={"index": receipt.index, "size": check.checkpoint.size},
        timeout=5,
    ).json()["proof"]
    assert tuple(base64.b64decode(h) for h in proof) == receipt.proof


def test_resubmission_is_idempotent_and_a_rival_original_is_refused(network: Network) -> None:
    acme = network.enrol("Idempotent Ltd")
    data = entry_bytes(acme, "INV-5", b"original")
    first = network.submit(acme, data)
    again = network.submit(acme, data)
    assert again.status_code == 200
    assert again.headers["Entry-Status"] == "duplicate"
    assert again.headers["Entry-Index"] == first.headers["Entry-Index"]

    before = network.counts()
    rival = network.submit(acme, entry_bytes(acme, "INV-5", b"a second original"))
    assert rival.status_code == 409
    assert rival.json()["error"] == "number_taken"
    assert network.counts() == before

    replacement = entry_bytes(acme, "INV-5", b"corrected", supersedes=leaf_hash(data).hex())
    accepted = network.submit(acme, replacement)
    assert accepted.status_code == 200, accepted.text
    lookup = requests.get(
        f"{network.url}/v1/lookup",
        params={"issuer": acme.fingerprint, "kind": "commercial-invoice", "number": "INV-5"},
        timeout=5,
    ).json()
    assert [e["status"] for e in lookup["entries"]] == ["superseded", "current"]
    assert lookup["current"] == int(accepted.headers["Entry-Index"])


def test_bad_input_gets_a_json_4xx_and_writes_nothing(network: Network) -> None:
    acme = network.enrol("Careful Ltd")
    network.submit(acme, entry_bytes(acme, "OK-1", b"fine"))
    mallory_key, csr = new_key_and_csr()
    used_code = create_invitation(network.log_dir, name="Used Ltd", registration_id="U-1")
    network.redeem(used_code)
    good = entry_bytes(acme, "BAD-1", b"never registered")
    auth = {"Authorization": f"Bearer {acme.token}"}
    cases: list[tuple[str, str, dict[str, Any], int, str]] = [
        ("POST", "/v1/entries", {"data": good}, 401, "unauthorized"),
        ("POST", "/v1/entries", {"data": good, "headers": {"Authorization": "Bearer edt_x"}}, 401, "unauthorized"),
        ("POST", "/v1/entries", {"data": b"x" * 70_000, "headers": auth}, 413, "too_large"),
        ("POST", "/v1/entries", {"data": b"exporter-desk-entry/v1\nkind", "headers": auth}, 400, "malformed_entry"),
        ("POST", "/v1/entries", {"data": entry_bytes(acme, "B-2", key=mallory_key), "headers": auth}, 403, "bad_signature"),
        ("POST", "/v1/entries", {"data": entry_bytes(acme, "B-3", issuer="ab" * 32), "headers": auth}, 403, "wrong_issuer"),
        ("POST", "/v1/entries", {"data": entry_bytes(acme, "B-4", kind="revocation"), "headers": auth}, 403, "reserved_kind"),
        ("PUT", "/v1/entries", {}, 405, "method_not_allowed"),
        ("GET", "/v1/entries", {}, 400, "bad_request"),  # the range read needs start and count
        ("GET", "/v1/entries?start=0&count=1001", {}, 400, "bad_request"),
        ("GET", "/v1/entries?start=99999999&count=1", {}, 400, "bad_request"),
        ("DELETE", "/v1/checkpoint", {}, 405, "method_not_allowed"),
        ("GET", "/v1/nothing/here", {}, 404, "not_found"),
        ("GET", "/v1/entries/abc", {}, 400, "bad_request"),
        ("GET", "/v1/entries/007", {}, 400, "bad_request"),
        ("GET", "/v1/entries/99999999", {}, 404, "not_found"),
        ("GET", "/v1/proofs/inclusion?index=5&size=2", {}, 400, "bad_request"),
        ("GET", "/v1/proofs/inclusion?index=0", {}, 400, "bad_request"),
        ("GET", "/v1/proofs/consistency?old=0&new=1", {}, 400, "bad_request"),
        ("GET", "/v1/proofs/consistency?old=1&new=99999999", {}, 400, "bad_request"),
        ("GET", "/v1/lookup?issuer=zz&kind=x&number=1", {}, 400, "bad_request"),
        ("GET", "/v1/members/not-hex", {}, 400, "bad_request"),
        ("GET", f"/v1/members/{'cd' * 32}", {}, 404, "not_found"),
        ("POST", "/v1/members", {"data": b"{not json"}, 400, "bad_request"),
        ("POST", "/v1/members", {"json": []}, 400, "bad_request"),
        ("POST", "/v1/members", {"json": {"invitation": 5, "csr_pem": csr}}, 400, "bad_request"),
        ("POST", "/v1/members", {"json": {"invitation": "NOPE-NOPE", "csr_pem": csr}}, 403, "invitation_invalid"),
        ("POST", "/v1/members", {"json": {"invitation": used_code, "csr_pem": csr}}, 403, "invitation_invalid"),
        ("POST", "/v1/members", {"data": b"{" * 70_000}, 413, "too_large"),
        ("POST", "/v1/entries", {"data": entry_bytes(acme, "B-5", when=datetime(1971, 1, 1, tzinfo=UTC)), "headers": auth}, 400, "time_too_old"),
        ("GET", "/v1/checkpoint", {"headers": {"X-Padding": "a" * 1_000_000}}, 431, "headers_too_large"),
        ("GET", "/v1/lookup?number=" + "n" * 50_000, {}, 414, "url_too_large"),
    ]  # fmt: skip
    before = network.counts()
    for method, path, options, status, code in cases:
        response = requests.request(method, network.url + path, timeout=10, **options)
        assert (response.status_code, response.headers["content-type"]) == (
            status,
            "application/json",
        ), (method, path, response.text)
        body = response.json()
        assert body["error"] == code, (method, path, body)
        assert isinstance(body["message"], str) and body["message"], (method, path)
    assert network.counts() == before


def test_a_member_over_its_rate_gets_429_with_retry_after(network: Network) -> None:
    hasty = network.enrol("Hasty Ltd")
    statuses: list[int] = []
    for n in range(30):
        response = network.submit(hasty, b"garbage %d" % n)  # cheap, still counted
        statuses.append(response.status_code)
        if response.status_code == 429:
            assert int(response.headers["Retry-After"]) >= 1
            assert response.json()["error"] == "rate_limited"
            break
    assert 429 in statuses


def test_revocation_from_the_cli_blocks_the_member(network: Network) -> None:
    shady = network.enrol("Shady Ltd")
    assert network.submit(shady, entry_bytes(shady, "S-1", b"before")).status_code == 200
    revoked = notary("revoke", "--data", str(network.log_dir), "--fingerprint", shady.fingerprint)
    assert revoked.returncode == 0, revoked.stderr
    member = requests.get(f"{network.url}/v1/members/{shady.fingerprint}", timeout=5).json()
    assert member["status"] == "revoked"
    refused = network.submit(shady, entry_bytes(shady, "S-2", b"after"))
    assert (refused.status_code, refused.json()["error"]) == (403, "member_revoked")


def test_the_witness_process_refuses_huge_heads_and_bodies_and_keeps_serving(
    network: Network,
) -> None:
    url = f"{network.witness_url}/add-checkpoint"
    huge_head = requests.post(
        url, data=b"old 0\n\n", headers={"X-Pad": "a" * 1_000_000}, timeout=10
    )
    assert (huge_head.status_code, huge_head.text) == (431, "the request headers are too large\n")
    assert requests.post(url, data=b"x" * 70_000, timeout=10).status_code == 413
    assert requests.post(url, data=b"old 0\n\n", timeout=10).status_code == 400


def test_the_witness_refuses_a_forked_log(network: Network) -> None:
    """Checkpoints signed with the log's own key, but not consistent with what was witnessed."""
    signer = parse_signer_key((network.log_dir / "log.key").read_text().strip())
    note = requests.get(f"{network.url}/v1/checkpoint", timeout=5).text
    size = open_checkpoint(note, network.descriptor.log_verifiers()).checkpoint.size
    same_again = requests.post(
        f"{network.witness_url}/add-checkpoint",
        data=format_add_checkpoint(size, [], note),
        timeout=5,
    )
    assert same_again.status_code == 200  # the witness's state is the log's latest checkpoint

    def post(old: int, proof: list[bytes], forged_size: int, root: bytes) -> requests.Response:
        forged = sign_checkpoint(Checkpoint(ORIGIN, forged_size, root), signer)
        return requests.post(
            f"{network.witness_url}/add-checkpoint",
            data=format_add_checkpoint(old, proof, forged),
            timeout=5,
        )

    same_size = post(size, [], size, bytes(32))
    assert same_size.status_code == 409
    assert same_size.headers["content-type"] == SIZE_CONTENT_TYPE
    assert same_size.text == f"{size}\n"
    bigger_bad_proof = post(size, [bytes(32)] * 3, size + 5, bytes(32))
    assert bigger_bad_proof.status_code == 422
    smaller = post(size - 1, [], size - 1, bytes(32))
    assert (smaller.status_code, smaller.text) == (409, f"{size}\n")
    assert post(size, [], size - 1, bytes(32)).status_code == 400

    stranger = parse_signer_key(generate_key("stranger.test/log")[0])
    unknown = sign_checkpoint(Checkpoint("stranger.test/log", 1, bytes(32)), stranger)
    reply = requests.post(
        f"{network.witness_url}/add-checkpoint",
        data=format_add_checkpoint(0, [], unknown),
        timeout=5,
    )
    assert reply.status_code == 404
    impostor = parse_signer_key(generate_key(ORIGIN)[0])
    forged = sign_checkpoint(Checkpoint(ORIGIN, size, bytes(32)), impostor)
    reply = requests.post(
        f"{network.witness_url}/add-checkpoint",
        data=format_add_checkpoint(size, [], forged),
        timeout=5,
    )
    assert reply.status_code == 403
    assert (
        requests.post(
            f"{network.witness_url}/add-checkpoint", data=b"old x\n", timeout=5
        ).status_code
        == 400
    )
    assert requests.get(f"{network.witness_url}/add-checkpoint", timeout=5).status_code == 405

    # The real log goes on being witnessed.
    member = network.enrol("After Fork Ltd")
    assert network.submit(member, entry_bytes(member, "F-1", b"after")).status_code == 200


def test_kill_9_mid_stream_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    net = make_network(tmp_path)
    net.start()
    try:
        member = net.enrol("Steady Ltd")
        attempted: list[bytes] = []
        acknowledged: dict[bytes, int] = {}
        last_receipt: list[bytes] = []
        stop = threading.Event()

        def client() -> None:
            session = requests.Session()
            headers = {"Authorization": f"Bearer {member.token}"}
            for n in range(10_000):
                if stop.is_set():
                    return
                data = entry_bytes(member, f"K-{n}", b"document %d" % n)
                attempted.append(data)
                try:
                    response = session.post(
                        f"{net.url}/v1/entries", data=data, headers=headers, timeout=5
                    )
                except requests.RequestException:
                    return  # the log died under us
                if response.status_code != 200:
                    return
                acknowledged[data] = int(response.headers["Entry-Index"])
                last_receipt[:] = [response.content]

        thread = threading.Thread(target=client)
        thread.start()
        wait_until(lambda: len(acknowledged) >= 40, "40 acknowledged entries")
        net.log.kill()
        thread.join(10)
        stop.set()
        old = parse_proof(last_receipt[0])
        old_checkpoint = verify_receipt(old, net.descriptor).checkpoint

        net.log.start()
        wait_until(
            lambda: requests.get(f"{net.url}/v1/checkpoint", timeout=2).status_code == 200,
            "the restarted log",
        )
        indices: dict[bytes, int] = {}
        for data in attempted:
            response = net.submit(member, data)
            assert response.status_code == 200, response.text
            indices[data] = int(response.headers["Entry-Index"])
            verify_receipt(parse_proof(response.content), net.descriptor)
        for data, index in acknowledged.items():
            assert indices[data] == index  # nothing acknowledged was lost or moved
        assert len(set(indices.values())) == len(attempted)  # nothing was logged twice
        assert net.counts()[0] == 2 + len(attempted)  # registrar, member, and these entries

        new_note = requests.get(f"{net.url}/v1/checkpoint", timeout=5).text
        new_checkpoint = open_checkpoint(new_note, net.descriptor.log_verifiers()).checkpoint
        proof = requests.get(
            f"{net.url}/v1/proofs/consistency",
            params={"old": old_checkpoint.size, "new": new_checkpoint.size},
            timeout=5,
        ).json()["proof"]
        merkle.verify_consistency(
            old_checkpoint.size,
            new_checkpoint.size,
            [base64.b64decode(h) for h in proof],
            old_checkpoint.root_hash,
            new_checkpoint.root_hash,
        )
    finally:
        net.stop()
