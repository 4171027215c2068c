"""The witness follows c2sp.org/tlog-witness to the status code, and never cosigns a fork."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter_desk.notary.witness import (
    SIZE_CONTENT_TYPE,
    Witness,
    WitnessReply,
    format_add_checkpoint,
)
from exporter_desk.trustnet import (
    Checkpoint,
    Signer,
    generate_key,
    generate_witness_key,
    merkle,
    parse_signer_key,
    parse_verifier_key,
    sign_checkpoint,
    verify_cosignature,
)

ORIGIN = "log.example/test"
LEAVES = [f"entry {i}".encode() for i in range(64)]


class Log:
    """A log that can tell the truth or lie: signs any tree it is handed."""

    def __init__(self, origin: str = ORIGIN) -> None:
        signer_key, verifier_key = generate_key(origin)
        self.signer: Signer = parse_signer_key(signer_key)
        self.verifier_key = verifier_key

    def note(self, leaves: list[bytes]) -> str:
        root = merkle.root_hash(leaves)
        return sign_checkpoint(Checkpoint(self.signer.name, len(leaves), root), self.signer)

    def request(self, leaves: list[bytes], old: int) -> bytes:
        """add-checkpoint body for the tree of ``leaves``, with its proof from ``old`` leaves."""
        proof = [] if old in (0, len(leaves)) else merkle.consistency_proof(leaves, old)
        return format_add_checkpoint(old, proof, self.note(leaves))


@pytest.fixture
def log() -> Log:
    return Log()


@pytest.fixture
def witness_key() -> tuple[Signer, str]:
    signer_key, verifier_key = generate_witness_key("witness.example/w1")
    return parse_signer_key(signer_key), verifier_key


@pytest.fixture
def witness(tmp_path: Path, log: Log, witness_key: tuple[Signer, str]) -> Witness:
    return Witness(
        tmp_path / "witness.sqlite3",
        witness_key[0],
        [parse_verifier_key(log.verifier_key)],
        clock=lambda: 1_700_000_000.0,
    )


def cosigned(reply: WitnessReply, note: str, verifier_key: str) -> int:
    assert reply.status == 200, reply.body
    line = reply.body.decode()
    assert line.startswith("\u2014 witness.example/w1 ") and line.endswith("\n")
    return verify_cosignature(note, line.rstrip("\n"), verifier_key)


def test_cosigns_the_first_checkpoint_from_old_size_zero(
    witness: Witness, log: Log, witness_key: tuple[Signer, str]
) -> None:
    reply = witness.add_checkpoint(log.request(LEAVES[:5], 0))
    assert cosigned(reply, log.note(LEAVES[:5]), witness_key[1]) == 1_700_000_000
    assert witness.latest(ORIGIN) == (5, merkle.root_hash(LEAVES[:5]))


def test_cosigns_a_consistent_extension_and_the_same_checkpoint_again(
    witness: Witness, log: Log, witness_key: tuple[Signer, str]
) -> None:
    assert witness.add_checkpoint(log.request(LEAVES[:5], 0)).status == 200
    reply = witness.add_checkpoint(log.request(LEAVES[:13], 5))
    cosigned(reply, log.note(LEAVES[:13]), witness_key[1])
    again = witness.add_checkpoint(log.request(LEAVES[:13], 13))
    cosigned(again, log.note(LEAVES[:13]), witness_key[1])
    assert witness.latest(ORIGIN) == (13, merkle.root_hash(LEAVES[:13]))


def test_stale_old_size_gets_409_with_the_known_size(witness: Witness, log: Log) -> None:
    witness.add_checkpoint(log.request(LEAVES[:8], 0))
    reply = witness.add_checkpoint(log.request(LEAVES[:10], 3))
    assert reply.status == 409
    assert reply.content_type == SIZE_CONTENT_TYPE
    assert reply.body == b"8\n"
    assert reply.known_size == 8


def test_refuses_fork_of_the_same_size_with_another_root(witness: Witness, log: Log) -> None:
    witness.add_checkpoint(log.request(LEAVES[:8], 0))
    forked = [*LEAVES[:7], b"a different last entry"]
    reply = witness.add_checkpoint(log.request(forked, 8))
    assert reply.status == 409
    assert reply.body == b"8\n"
    assert witness.latest(ORIGIN) == (8, merkle.root_hash(LEAVES[:8]))


def test_refuses_fork_that_grows_from_a_rewritten_prefix(witness: Witness, log: Log) -> None:
    witness.add_checkpoint(log.request(LEAVES[:8], 0))
    forked = [b"rewritten history", *LEAVES[1:12]]
    # The fork's own proof from 8 is valid for the fork, but not from the root we cosigned.
    reply = witness.add_checkpoint(log.request(forked, 8))
    assert reply.status == 422
    assert witness.latest(ORIGIN) == (8, merkle.root_hash(LEAVES[:8]))


def test_refuses_a_smaller_tree(witness: Witness, log: Log) -> None:
    witness.add_checkpoint(log.request(LEAVES[:8], 0))
    honest_about_old = witness.add_checkpoint(log.request(LEAVES[:5], 5))
    assert honest_about_old.status == 409 and honest_about_old.body == b"8\n"
    claims_old_eight = witness.add_checkpoint(format_add_checkpoint(8, [], log.note(LEAVES[:5])))
    assert claims_old_eight.status == 400  # old size above the checkpoint's size
    assert witness.latest(ORIGIN) == (8, merkle.root_hash(LEAVES[:8]))


def test_tampered_consistency_proof_gets_422(witness: Witness, log: Log) -> None:
    witness.add_checkpoint(log.request(LEAVES[:6], 0))
    proof = merkle.consistency_proof(LEAVES[:20], 6)
    proof[0] = bytes(32)
    reply = witness.add_checkpoint(format_add_checkpoint(6, proof, log.note(LEAVES[:20])))
    assert reply.status == 422


def test_truncated_consistency_proof_gets_422(witness: Witness, log: Log) -> None:
    witness.add_checkpoint(log.request(LEAVES[:6], 0))
    proof = merkle.consistency_proof(LEAVES[:20], 6)[:-1]
    reply = witness.add_checkpoint(format_add_checkpoint(6, proof, log.note(LEAVES[:20])))
    assert reply.status == 422


def test_unknown_origin_gets_404(witness: Witness) -> None:
    stranger = Log("another.example/log")
    assert witness.add_checkpoint(stranger.request(LEAVES[:3], 0)).status == 404


def test_checkpoint_signed_by_an_impostor_key_gets_403(witness: Witness) -> None:
    impostor = Log(ORIGIN)  # same name, other key: its signature is from an unknown key
    assert witness.add_checkpoint(impostor.request(LEAVES[:3], 0)).status == 403
    assert witness.latest(ORIGIN) is None


def test_checkpoint_with_a_broken_log_signature_gets_403(witness: Witness, log: Log) -> None:
    body = log.request(LEAVES[:3], 0).decode()
    head, _, signature = body.rpartition(" ")
    broken = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    assert witness.add_checkpoint(f"{head} {broken}".encode()).status == 403


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"old 0\n",  # no blank line, no checkpoint
        b"old 00\n\n" + b"x",
        b"old -1\n\nx",
        b"new 0\n\nx",
        b"old 0\nnot-base64\n\nx",
        b"old 0\n" + b"AAAA\n" + b"\nx",  # a hash that is not 32 bytes
        b"old 0\n\n\xff\xfe",
        b"old 0\n" + b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" * 64 + b"\nx",
        "old 0\n\nlog.example/test\n1\nnot a hash\n\n\u2014 x AAAA\n".encode(),
    ],
    ids=[
        "empty",
        "no-checkpoint",
        "leading-zero",
        "negative",
        "wrong-keyword",
        "garbage-proof-line",
        "short-hash",
        "not-utf8",
        "64-proof-lines",
        "malformed-checkpoint",
    ],
)
def test_malformed_requests_get_400(witness: Witness, body: bytes) -> None:
    assert witness.add_checkpoint(body).status == 400


def test_proof_with_old_size_zero_gets_400(witness: Witness, log: Log) -> None:
    body = format_add_checkpoint(0, [bytes(32)], log.note(LEAVES[:3]))
    assert witness.add_checkpoint(body).status == 400


def test_state_survives_a_restart_and_refusals_change_nothing(
    tmp_path: Path, log: Log, witness_key: tuple[Signer, str]
) -> None:
    path = tmp_path / "witness.sqlite3"
    first = Witness(path, witness_key[0], [parse_verifier_key(log.verifier_key)])
    first.add_checkpoint(log.request(LEAVES[:9], 0))
    first.add_checkpoint(log.request([*LEAVES[:8], b"fork"], 9))
    first.close()
    second = Witness(path, witness_key[0], [parse_verifier_key(log.verifier_key)])
    assert second.latest(ORIGIN) == (9, merkle.root_hash(LEAVES[:9]))
    assert second.add_checkpoint(log.request(LEAVES[:4], 0)).status == 409
    second.close()


def test_compare_and_swap_is_atomic_across_two_witness_processes(
    tmp_path: Path, log: Log, witness_key: tuple[Signer, str]
) -> None:
    """Two connections (as two processes would have) race from the same old size: one wins."""
    path = tmp_path / "witness.sqlite3"
    verifiers = [parse_verifier_key(log.verifier_key)]
    witnesses = [Witness(path, witness_key[0], verifiers) for _ in range(2)]
    witnesses[0].add_checkpoint(log.request(LEAVES[:4], 0))
    branches = [[*LEAVES[:4], *LEAVES[4:10]], [*LEAVES[:4], b"branch", *LEAVES[5:12]]]
    bodies = [log.request(branch, 4) for branch in branches]
    replies: list[WitnessReply] = []
    barrier = threading.Barrier(2)

    def race(witness: Witness, body: bytes) -> None:
        barrier.wait()
        replies.append(witness.add_checkpoint(body))

    threads = [
        threading.Thread(target=race, args=pair) for pair in zip(witnesses, bodies, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(reply.status for reply in replies) == [200, 409]
    size, root = witnesses[0].latest(ORIGIN) or (0, b"")
    assert root == merkle.root_hash(branches[0] if size == 10 else branches[1])
    for witness in witnesses:
        witness.close()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(st.integers(1, 60), st.booleans(), st.integers(0, 59)), min_size=1, max_size=12
    )
)
def test_never_cosigns_two_inconsistent_checkpoints(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[int, bool, int]]
) -> None:
    """Whatever mix of honest growth and forks a log sends, all cosigned trees are consistent."""
    log = Log()
    signer_key, _ = generate_witness_key("witness.example/w1")
    witness = Witness(
        tmp_path_factory.mktemp("w") / "witness.sqlite3",
        parse_signer_key(signer_key),
        [parse_verifier_key(log.verifier_key)],
    )
    accepted: list[list[bytes]] = []
    known = 0
    for size, fork, position in steps:
        leaves = list(LEAVES[:size])
        if fork:
            leaves[position % size] = b"forged"
        old = known if known <= size else size
        reply = witness.add_checkpoint(log.request(leaves, old))
        if reply.status == 200:
            accepted.append(leaves)
            known = size
    for earlier, later in itertools.pairwise(accepted):
        assert later[: len(earlier)] == earlier
    witness.close()
