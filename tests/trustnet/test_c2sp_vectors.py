"""Our witness protocol messages, byte for byte against the C2SP tlog-witness examples.

The examples are copied verbatim from the C2SP specifications (CC BY 4.0, the C2SP authors):

* c2sp.org/tlog-witness: https://github.com/C2SP/C2SP/blob/055270b5928827a49ee84620903e141c2e97d79f/tlog-witness.md
  ("Example request body", "Example response body", the 409 ``text/x.tlog.size`` reply)
* c2sp.org/tlog-checkpoint: https://github.com/C2SP/C2SP/blob/2793893976c835db049c194d8f2c4f946dcb70ba/tlog-checkpoint.md

The keys behind the examples are not published, so their signatures are checked for form (and
ignored as unknown keys, as the spec requires); the status codes are checked on our witness
server, over HTTP, with keys of our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from exporter_desk.notary.cosign import ConfiguredWitness, InProcessWitnessEndpoint, _verified_line
from exporter_desk.notary.web import witness_app
from exporter_desk.notary.witness import (
    SIZE_CONTENT_TYPE,
    Witness,
    WitnessReply,
    format_add_checkpoint,
    parse_add_checkpoint,
)
from exporter_desk.trustnet import (
    Checkpoint,
    generate_key,
    generate_witness_key,
    merkle,
    parse_note,
    parse_signer_key,
    parse_verifier_key,
    sign_checkpoint,
    verify_cosignature,
)
from exporter_desk.trustnet.encoding import decode_hash
from exporter_desk.trustnet.note import parse_signature_line
from tests.notary.helpers import ServerThread

# --- c2sp.org/tlog-witness, "Example request body" ------------------------------------------------
SPEC_REQUEST = (
    "old 20852014\n"
    "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
    "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
    "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n"
    "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n"
    "\n"
    "example.com/behind-the-sofa\n"
    "20852163\n"
    "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    "\n"
    "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
    "— example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=\n"
).encode()
SPEC_PROOF = (
    "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=",
    "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=",
    "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=",
    "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=",
)
SPEC_NOTE = SPEC_REQUEST.decode("utf-8").split("\n\n", 1)[1]

# --- c2sp.org/tlog-witness, "Example response body" -----------------------------------------------
SPEC_RESPONSE = (
    "— witness.example/w1 CMp+6LWBU0anHGH5aNDTJkH/gj79sG+T6+iP2ThYN5krrDJbR1HDnucjL39QsZTSvVjyQLrdk3DXDqI5G2HgLatVs0pWh6Up69HVOw==\n"
    "— witness.example/w1 I7rEps0pvK2UqkS2gSpVUDhrhVtQV9lgF6pRrWAvjJHjyWpW7VcE3SiOlVlbQNt64vWhO+DlkL0+UfzuOBMh9ChdMkP1vi/lCAsmlw==\n"
    "— witness.example/w2 AWui8Sk55XjYLOijihBjhqEH6nS1ndDymE0a+6idX7pLcnoB+dhnz0854aLZgrrKbYKA7nC3HNJhm/kWl7oJlqU3rXXvpysAdyP3wQ==\n"
).encode()


def test_our_request_body_is_the_spec_example_byte_for_byte() -> None:
    proof = [decode_hash(line) for line in SPEC_PROOF]
    assert all(digest is not None for digest in proof)
    assert format_add_checkpoint(20852014, proof, SPEC_NOTE) == SPEC_REQUEST  # type: ignore[arg-type]


def test_we_parse_the_spec_example_request() -> None:
    request = parse_add_checkpoint(SPEC_REQUEST)
    assert request.old_size == 20852014
    assert [len(digest) for digest in request.proof] == [merkle.HASH_SIZE] * 4
    assert request.note == SPEC_NOTE
    # The checkpoint inside is the tlog-checkpoint example, with its two log signatures.
    note = parse_note(request.note)
    checkpoint = Checkpoint.parse(note.text)
    assert (checkpoint.origin, checkpoint.size) == ("example.com/behind-the-sofa", 20852163)
    assert len(note.signatures) == 2


def test_old_size_zero_is_spelled_0_and_carries_no_proof() -> None:
    body = format_add_checkpoint(0, [], SPEC_NOTE)
    assert body.startswith(b"old 0\n\nexample.com/behind-the-sofa\n")


def test_spec_response_lines_are_cosignature_lines_we_can_read() -> None:
    lines = SPEC_RESPONSE.decode("utf-8").splitlines(keepends=True)
    assert all(line.startswith("\u2014 ") and line.endswith("\n") for line in lines)
    for line in lines:
        signature = parse_signature_line(line.rstrip("\n"))
        # cosignature/v1: after the key ID (4), timestamp (8) || Ed25519 signature (64)
        assert len(signature.signature) == 8 + 64
    names = [parse_signature_line(line.rstrip("\n")).name for line in lines]
    assert names == ["witness.example/w1", "witness.example/w1", "witness.example/w2"]


def test_log_ignores_the_cosignatures_of_keys_it_does_not_know() -> None:
    # The spec's response comes from keys we do not trust: no cosignature, and no error.
    _, verifier_key = generate_witness_key("witness.example/w1")
    witness = ConfiguredWitness(
        "w1",
        parse_verifier_key(verifier_key),
        InProcessWitnessEndpoint(None),  # type: ignore[arg-type]
    )
    assert _verified_line(SPEC_RESPONSE, SPEC_NOTE, witness) is None


# --- the status codes, over HTTP, on our witness server -------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> tuple[str, object, object]:
    log_skey, log_vkey = generate_key("log.example/c2sp")
    witness_skey, witness_vkey = generate_witness_key("witness.example/ours")
    witness = Witness(
        tmp_path / "witness.sqlite3",
        parse_signer_key(witness_skey),
        [parse_verifier_key(log_vkey)],
        clock=lambda: 1_700_000_000.0,
    )
    return log_skey, witness, witness_vkey  # type: ignore[return-value]


def _note(log_skey: str, leaves: list[bytes]) -> str:
    return sign_checkpoint(
        Checkpoint("log.example/c2sp", len(leaves), merkle.root_hash(leaves)), log_skey
    )


def test_witness_replies_over_http_as_the_spec_prescribes(
    served: tuple[str, Witness, str],
) -> None:
    log_skey, witness, witness_vkey = served
    leaves = [b"leaf %d" % i for i in range(20)]
    with ServerThread(witness_app(witness)) as server:
        url = f"{server.url}/add-checkpoint"

        def post(body: bytes) -> requests.Response:
            return requests.post(url, data=body, timeout=10)

        first = _note(log_skey, leaves[:10])
        ok = post(format_add_checkpoint(0, [], first))
        assert ok.status_code == 200
        # One or more note signature lines, each "— " ... "\n": a cosignature of our witness.
        assert ok.text.startswith("\u2014 witness.example/ours ") and ok.text.endswith("\n")
        verify_cosignature(first, ok.text.rstrip("\n"), witness_vkey)
        # The client may concatenate the response to the checkpoint and open the note.
        parse_note(first + ok.text)

        # 409: the old size is not the size the witness cosigned: body "<size>\n", exactly
        # text/x.tlog.size.
        second = _note(log_skey, leaves)
        stale = post(format_add_checkpoint(0, [], second))
        assert stale.status_code == 409
        assert stale.headers["Content-Type"] == SIZE_CONTENT_TYPE
        assert stale.content == b"10\n"

        # 409: same size as the cosigned checkpoint, another root (a fork).
        fork = _note(log_skey, [*leaves[:9], b"forked"])
        assert post(format_add_checkpoint(10, [], fork)).status_code == 409

        # 422: the consistency proof does not verify.
        proof = merkle.consistency_proof(leaves, 10)
        bad = [proof[0][::-1], *proof[1:]]
        assert post(format_add_checkpoint(10, bad, second)).status_code == 422

        # 400: the old size is larger than the checkpoint's size.
        assert post(format_add_checkpoint(30, [], second)).status_code == 400

        # 404 unknown origin, 403 no trusted signature.
        other_skey, _ = generate_key("log.example/other")
        unknown = sign_checkpoint(
            Checkpoint("log.example/other", 1, merkle.root_hash([b"x"])), other_skey
        )
        assert post(format_add_checkpoint(0, [], unknown)).status_code == 404
        impostor_skey, _ = generate_key("log.example/c2sp")
        forged = sign_checkpoint(
            Checkpoint("log.example/c2sp", 20, merkle.root_hash(leaves)), impostor_skey
        )
        assert post(format_add_checkpoint(10, proof, forged)).status_code == 403

        # And the right request is cosigned.
        assert post(format_add_checkpoint(10, proof, second)).status_code == 200
    assert isinstance(WitnessReply(409, SIZE_CONTENT_TYPE, b"20\n").known_size, int)
