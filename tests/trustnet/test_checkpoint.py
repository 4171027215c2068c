"""Checkpoints and witness cosignatures: the C2SP examples, Go interop, and misuse."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter_desk.trustnet import CheckpointError, NoteError, TrustnetError
from exporter_desk.trustnet.checkpoint import (
    Checkpoint,
    add_cosignatures,
    checkpoint_body,
    cosign_checkpoint,
    generate_witness_key,
    open_checkpoint,
    sign_checkpoint,
    verify_cosignature,
)
from exporter_desk.trustnet.note import (
    NoteSignature,
    cosignature_message,
    generate_key,
    parse_note,
    parse_signature_line,
    parse_signer_key,
    sign_note,
)

GO = json.loads((Path(__file__).parent / "vectors" / "go_interop.json").read_text())
GO_WITNESS_KEYS = [w["verifier_key"] for w in GO["witnesses"]]

# c2sp.org/tlog-checkpoint and c2sp.org/tlog-cosignature examples.
SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
SPEC_COSIGNATURE = (
    "— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyi"
    "n1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n"
)
ROOT = bytes(range(32))
ROOT64 = base64.b64encode(ROOT).decode()


# --- the body -------------------------------------------------------------------------------------


def test_parses_and_formats_the_spec_example() -> None:
    checkpoint = Checkpoint.parse(SPEC_BODY)
    assert checkpoint.origin == "example.com/behind-the-sofa"
    assert checkpoint.size == 20852163
    assert checkpoint.root_hash == base64.b64decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")
    assert checkpoint.extensions == ()
    assert checkpoint.format() == SPEC_BODY
    assert Checkpoint.parse(SPEC_BODY.encode()) == checkpoint


def test_extension_lines_are_parsed_but_never_emitted() -> None:
    checkpoint = Checkpoint.parse(f"Log\n9944\n{ROOT64}\nlots\nof\nlines\n")
    assert checkpoint.extensions == ("lots", "of", "lines")
    assert checkpoint.format() == f"Log\n9944\n{ROOT64}\n"


def test_empty_tree_has_size_zero() -> None:
    assert Checkpoint.parse(f"Log\n0\n{ROOT64}\n").size == 0


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # transparency-dev/formats log/checkpoint_test.go (with 32-byte roots where they matter)
        ("Head\n9944\n", "insufficient lines"),
        (f"\n9944\n{ROOT64}\n", "empty origin"),
        (f"Log\n123\n{ROOT64}", "missing newline on root hash"),
        (f"Log\nbananas\n{ROOT64}\n", "size not a number"),
        (f"Log\n-34\n{ROOT64}\n", "negative size"),
        (f"Log\n3438945738945739845734895735\n{ROOT64}\n", "size too large"),
        ("Log\n123\nThisIsn'tBase64\n", "root not base64"),
        ("Log\n123\nYmFuYW5hcw==\n", "root not 32 bytes"),
        (f"Log\n9944\n{ROOT64}\n\n\n\n", "empty extension lines"),
        # ours: one spelling per value
        (f"Log\n0123\n{ROOT64}\n", "leading zero"),
        (f"Log\n+5\n{ROOT64}\n", "plus sign"),
        (f"Log\n 5\n{ROOT64}\n", "space before size"),
        (f"Log\n1_000\n{ROOT64}\n", "underscore in size"),
        (f"Log\n\uff15\n{ROOT64}\n", "fullwidth digit"),
        (f"Log\n18446744073709551616\n{ROOT64}\n", "size 2^64"),
        (f"Log\n5\n{ROOT64[:-2]}9=\n", "non-canonical base64"),
        (f"Log\n5\n{ROOT64.rstrip('=')}\n", "unpadded base64"),
        (f"Log\r\n5\n{ROOT64}\n", "carriage return"),
        (f"Log\n5\r\n{ROOT64}\n", "carriage return after size"),
    ],
)
def test_rejects_malformed_checkpoint(text: str, why: str) -> None:
    with pytest.raises(CheckpointError):
        Checkpoint.parse(text)


def test_rejects_invalid_checkpoint_fields() -> None:
    with pytest.raises(CheckpointError):
        Checkpoint("Log", 1, ROOT[:31])
    with pytest.raises(CheckpointError):
        Checkpoint("Log\nInjected", 1, ROOT)
    with pytest.raises(CheckpointError):
        Checkpoint("Log", 2**64, ROOT)
    with pytest.raises(CheckpointError):
        Checkpoint("Log", 1, ROOT, ("",))


# --- cosignature/v1 -------------------------------------------------------------------------------


def test_cosigned_message_matches_the_spec_example() -> None:
    assert cosignature_message(SPEC_BODY.encode(), 1679315147) == (
        b"cosignature/v1\ntime 1679315147\n" + SPEC_BODY.encode()
    )


def test_spec_example_cosignature_carries_key_id_and_timestamp() -> None:
    signature = parse_signature_line(SPEC_COSIGNATURE)
    assert signature.key_id == 0x8D66CF3F
    assert signature.timestamp == 1679315147
    assert len(signature.signature) == 8 + 64
    assert signature.line == SPEC_COSIGNATURE


def test_timestamp_of_published_cosignature() -> None:
    # transparency-dev/formats note_cosigv1_test.go TestCoSigV1Timestamp
    works = base64.b64decode(
        "ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJ"
        "XORmnFBOBA=="
    )
    assert NoteSignature("w", int.from_bytes(works[:4], "big"), works[4:]).timestamp == 1727964367
    plain = base64.b64decode(
        "eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY="
    )
    assert NoteSignature("w", 0, plain[4:]).timestamp is None  # an Ed25519 note signature


def test_cosignatures_are_byte_identical_to_go() -> None:
    note = GO["log_note"]
    for witness in GO["witnesses"]:
        line = cosign_checkpoint(note, witness["signer_key"], witness["timestamp"])
        assert line in GO["cosigned_note"]
        note = add_cosignatures(note, [line])
    assert note == GO["cosigned_note"]


def test_opens_go_checkpoint_with_log_and_witness_keys() -> None:
    verified = open_checkpoint(GO["cosigned_note"], GO["log_verifier_key"], GO_WITNESS_KEYS)
    assert verified.log_ok
    assert verified.checkpoint == Checkpoint.parse(GO["checkpoint_body"])
    assert dict(verified.cosigners) == {
        w["verifier_key"].split("+")[0]: w["timestamp"] for w in GO["witnesses"]
    }
    assert [c.timestamp for c in verified.cosignatures] == [1700000000, 1700000061]


def test_verify_cosignature_returns_its_time() -> None:
    signatures = parse_note(GO["cosigned_note"]).signatures
    for witness, signature in zip(GO["witnesses"], signatures[1:], strict=True):
        assert (
            verify_cosignature(GO["log_note"], signature, witness["verifier_key"])
            == witness["timestamp"]
        )
        assert (
            verify_cosignature(GO["checkpoint_body"], signature.line, witness["verifier_key"])
            == (witness["timestamp"])
        )


def test_rejects_cosignature_by_another_witness() -> None:
    signatures = parse_note(GO["cosigned_note"]).signatures
    with pytest.raises(NoteError, match="is not by witness key"):
        verify_cosignature(GO["log_note"], signatures[1], GO_WITNESS_KEYS[1])


def test_rejects_cosignature_replayed_onto_another_checkpoint() -> None:
    log_skey = GO["log_signer_key"]
    other = Checkpoint("log.example.org/exporter-desk", 9, ROOT)
    other_note = sign_checkpoint(other, log_skey)
    replayed = add_cosignatures(other_note, [parse_note(GO["cosigned_note"]).signatures[1].line])
    with pytest.raises(NoteError, match="invalid signature"):
        open_checkpoint(replayed, GO["log_verifier_key"], GO_WITNESS_KEYS)


def test_rejects_cosignature_with_timestamp_beyond_two_to_the_63() -> None:
    skey, vkey = generate_witness_key("witness.example/w9")
    signer = parse_signer_key(skey)
    body = GO["checkpoint_body"].encode()
    signature = (2**63).to_bytes(8, "big") + signer.sign(body, timestamp=0)[8:]
    line = NoteSignature(signer.name, signer.key_id, signature).line
    with pytest.raises(NoteError):
        verify_cosignature(GO["log_note"], line, vkey)
    with pytest.raises(NoteError):
        cosign_checkpoint(GO["log_note"], skey, 2**63)


def test_cosignature_covers_extension_lines() -> None:
    # transparency-dev/formats TestSigCoversExtensionLines
    skey, vkey = generate_witness_key("witness.example/w1")
    log_skey, log_vkey = generate_key("test")
    body = f"test\n123\n{ROOT64}\nExtendo\n"
    note = sign_note(body, [log_skey])
    note = add_cosignatures(note, [cosign_checkpoint(note, skey, 1700000000)])
    assert open_checkpoint(note, log_vkey, [vkey]).cosigners == {"witness.example/w1": 1700000000}
    with pytest.raises(NoteError, match="invalid signature"):
        open_checkpoint(note.replace("Extendo", "Extendi"), log_vkey, [vkey])


# --- the log's signature, and keys in the wrong role -----------------------------------------------


def test_log_signs_only_checkpoints_of_its_own_origin() -> None:
    with pytest.raises(CheckpointError, match="checkpoint origin"):
        sign_checkpoint(Checkpoint("another.example/log", 1, ROOT), GO["log_signer_key"])


def test_refuses_keys_of_the_wrong_type_for_their_role() -> None:
    witness_skey, witness_vkey = generate_witness_key("log.example.org/exporter-desk")
    with pytest.raises(CheckpointError, match="not an Ed25519"):
        sign_checkpoint(Checkpoint.parse(GO["checkpoint_body"]), witness_skey)
    with pytest.raises(CheckpointError, match="not a cosignature"):
        cosign_checkpoint(GO["log_note"], GO["log_signer_key"], 1)
    with pytest.raises(CheckpointError, match="expected 0x01"):
        open_checkpoint(GO["log_note"], witness_vkey)
    with pytest.raises(CheckpointError, match="expected 0x04"):
        open_checkpoint(GO["log_note"], GO["log_verifier_key"], [GO["log_verifier_key"]])


def test_refuses_to_cosign_what_is_not_a_checkpoint() -> None:
    skey, _ = generate_witness_key("witness.example/w1")
    with pytest.raises(CheckpointError):
        cosign_checkpoint("not\na checkpoint\n", skey, 1)
    with pytest.raises(CheckpointError):
        checkpoint_body("two\nlines\n")


def test_reports_missing_log_signature_when_only_witnesses_signed() -> None:
    log_only = parse_note(GO["cosigned_note"])
    witnesses_only = log_only.text + "\n" + "".join(sig.line for sig in log_only.signatures[1:])
    verified = open_checkpoint(witnesses_only, GO["log_verifier_key"], GO_WITNESS_KEYS)
    assert not verified.log_ok
    assert len(verified.cosignatures) == 2


def test_rejects_checkpoint_signed_by_an_impostor_log_of_the_same_name() -> None:
    impostor_skey, _ = generate_key("log.example.org/exporter-desk")
    forged = sign_checkpoint(Checkpoint("log.example.org/exporter-desk", 8, ROOT), impostor_skey)
    with pytest.raises(NoteError, match="no verifiable signatures"):
        open_checkpoint(forged, GO["log_verifier_key"], GO_WITNESS_KEYS)


def test_rejects_checkpoint_of_an_origin_that_is_not_the_pinned_log() -> None:
    other_skey, other_vkey = generate_key("other.example/log")
    note = sign_checkpoint(Checkpoint("other.example/log", 3, ROOT), other_skey)
    with pytest.raises(CheckpointError, match="not the name of a pinned log key") as caught:
        open_checkpoint(note, GO["log_verifier_key"], [])
    assert "different transparency log" in caught.value.user_message
    # A pinned log key that signed a checkpoint of a foreign origin is refused too.
    foreign = sign_note(Checkpoint("other.example/log", 3, ROOT).format(), [GO["log_signer_key"]])
    with pytest.raises(CheckpointError, match="signed a checkpoint of origin"):
        open_checkpoint(foreign, [GO["log_verifier_key"], other_vkey])


def test_rejects_altered_tree_size() -> None:
    altered = GO["cosigned_note"].replace("\n8\n", "\n9\n", 1)
    with pytest.raises(NoteError, match="invalid signature"):
        open_checkpoint(altered, GO["log_verifier_key"], GO_WITNESS_KEYS)


# --- fuzz -----------------------------------------------------------------------------------------

_FUZZ = settings(max_examples=300, deadline=None)
_alphabet = st.sampled_from(list("Log\n0123456789+/=AZaz \r—")) | st.characters()


@_FUZZ
@given(st.one_of(st.text(_alphabet, max_size=200), st.binary(max_size=200)))
def test_fuzz_checkpoint_parser_raises_only_checkpoint_errors(text: str | bytes) -> None:
    try:
        checkpoint = Checkpoint.parse(text)
    except CheckpointError:
        return
    assert Checkpoint.parse(checkpoint.format()) == Checkpoint(
        checkpoint.origin, checkpoint.size, checkpoint.root_hash
    )


@_FUZZ
@given(st.data())
def test_fuzz_mutated_checkpoint_note_raises_only_trustnet_errors(data: st.DataObject) -> None:
    note = GO["cosigned_note"]
    position = data.draw(st.integers(0, len(note) - 1))
    mutated = note[:position] + data.draw(_alphabet) + note[position + 1 :]
    try:
        verified = open_checkpoint(mutated, GO["log_verifier_key"], GO_WITNESS_KEYS)
    except TrustnetError:
        return
    assert verified.checkpoint == Checkpoint.parse(GO["checkpoint_body"])
