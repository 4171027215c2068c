"""C2SP signed notes: Go's published vectors, Go interop, key strings, and hostile notes."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter_desk.trustnet import NoteError, TrustnetError
from exporter_desk.trustnet.note import (
    MAX_SIGNATURES,
    SIGNATURE_TYPE_COSIGNATURE_V1,
    SIGNATURE_TYPE_ED25519,
    NoteSignature,
    Signer,
    Verifier,
    add_signature_lines,
    add_signatures,
    generate_key,
    is_valid_key_name,
    key_id,
    open_note,
    parse_note,
    parse_signer_key,
    parse_verifier_key,
    sign_note,
)

# golang.org/x/mod/sumdb/note note_test.go
PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
PETER_SIG = (
    "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZ"
    "b6KE6RyyBwJnAM=\n"
)
ENOCH_SIG = (
    "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33W"
    "Wd1RvMc+QQ=\n"
)
# transparency-dev/formats note/note_cosigv1_test.go: a real witness key of type 0x04.
REMORA_VKEY = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"

GO = json.loads((Path(__file__).parent / "vectors" / "go_interop.json").read_text())


# --- keys -----------------------------------------------------------------------------------------


def test_parses_go_keys_and_derives_the_same_verifier() -> None:
    signer = parse_signer_key(PETER_SKEY)
    verifier = parse_verifier_key(PETER_VKEY)
    assert signer.verifier() == verifier
    assert verifier.key_id == 0xC74F20A3
    assert signer.signer_key() == PETER_SKEY
    assert verifier.verifier_key() == PETER_VKEY
    assert parse_verifier_key(ENOCH_VKEY).key_id == 0xAF0CFE78


def test_parses_a_published_witness_cosignature_key() -> None:
    verifier = parse_verifier_key(REMORA_VKEY)
    assert verifier.key_type == SIGNATURE_TYPE_COSIGNATURE_V1
    assert verifier.verifier_key() == REMORA_VKEY


def test_rejects_key_with_wrong_hash() -> None:
    with pytest.raises(NoteError, match="claims key ID c74f20a4") as caught:
        parse_verifier_key(PETER_VKEY.replace("c74f20a3", "c74f20a4"))
    assert "check digits do not match" in caught.value.user_message
    with pytest.raises(NoteError, match="claims key ID"):
        parse_signer_key(PETER_SKEY.replace("c74f20a3", "c74f20a4"))


def test_rejects_key_renamed_without_its_hash() -> None:
    with pytest.raises(NoteError, match="claims key ID"):
        parse_verifier_key(PETER_VKEY.replace("PeterNeumann", "PeterNeuman"))


@pytest.mark.parametrize(
    "vkey",
    [
        # note_test.go: wrong length key, and unknown algorithm, each with an adjusted key hash.
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==",
        "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        # transparency-dev/formats note_cosigv1_test.go
        "bananas.sigstore.dev+12344556",
        "rekor.sigstore.dev+12345678+THIS_IS_NOT_BASE64!",
        "rekor.sigstore.dev+12345678+AwEB",
        "rekor.sigstore.dev+NOT_A_NUMBER+AwEB",
    ],
)
def test_rejects_malformed_verifier_keys(vkey: str) -> None:
    with pytest.raises(NoteError):
        parse_verifier_key(vkey)


def test_rejects_every_truncation_and_byte_change_of_a_verifier_key() -> None:
    # note_test.go TestNewVerifier: every proper substring and every single-byte change fails.
    raw = PETER_VKEY.encode()
    for i in range(len(raw) + 1):
        for j in range(i + 1, len(raw) + 1):
            if (i, j) != (0, len(raw)):
                with pytest.raises(NoteError):
                    parse_verifier_key(raw[i:j].decode())
    for i in range(len(raw)):
        changed = bytearray(raw)
        changed[i] += 1
        with pytest.raises(NoteError):
            parse_verifier_key(changed.decode())


def test_rejects_every_truncation_and_byte_change_of_a_signer_key() -> None:
    raw = PETER_SKEY.encode()
    for i in range(len(raw) + 1):
        for j in range(i + 1, len(raw) + 1):
            if (i, j) != (0, len(raw)):
                with pytest.raises(NoteError):
                    parse_signer_key(raw[i:j].decode())
    for i in range(len(raw)):
        changed = bytearray(raw)
        changed[i] += 1
        with pytest.raises(NoteError):
            parse_signer_key(changed.decode())


def test_generated_keys_round_trip() -> None:
    skey, vkey = generate_key("EnochRoot")
    signer, verifier = parse_signer_key(skey), parse_verifier_key(vkey)
    assert signer.verifier() == verifier
    assert signer.signer_key() == skey
    assert signer.seed.hex() not in repr(signer) and str(signer.seed) not in repr(signer)
    signature = signer.sign(b"hi\n")
    assert verifier.verify(b"hi\n", signature)
    assert not verifier.verify(b"hj\n", signature)
    assert not verifier.verify(b"hi\n", bytes([signature[0] ^ 1]) + signature[1:])


def test_key_id_is_sha256_of_name_newline_type_and_key() -> None:
    verifier = parse_verifier_key(PETER_VKEY)
    digest = hashlib.sha256(b"PeterNeumann\n\x01" + verifier.public_key).digest()
    assert key_id("PeterNeumann", SIGNATURE_TYPE_ED25519, verifier.public_key) == int.from_bytes(
        digest[:4], "big"
    )


@pytest.mark.parametrize(
    "name",
    ["", "a+b", "a b", "a\tb", "a\nb", "a\u00a0b", "a\u2028b", "a\u3000b", "a\x85b", "\ud800"],
)
def test_rejects_invalid_key_names(name: str) -> None:
    assert not is_valid_key_name(name)
    with pytest.raises(NoteError):
        generate_key(name)


@pytest.mark.parametrize("name", ["example.com/log42", "PeterNeumann", "中文/日志", "oid/1.3.6.1"])
def test_accepts_valid_key_names(name: str) -> None:
    assert is_valid_key_name(name)


# --- signing: byte-identical to Go ----------------------------------------------------------------


def test_signature_is_byte_identical_to_go() -> None:
    assert sign_note(TEXT, [PETER_SKEY]) == TEXT + "\n" + PETER_SIG


def test_log_note_is_byte_identical_to_go_interop_vector() -> None:
    assert sign_note(GO["checkpoint_body"], [GO["log_signer_key"]]) == GO["log_note"]


def test_new_signature_replaces_old_one_by_the_same_key() -> None:
    stale = (
        TEXT
        + "\n— PeterNeumann "
        + base64.b64encode(bytes.fromhex("c74f20a3") + b"BAD").decode()
        + "\n"
    )
    assert add_signatures(stale, [PETER_SKEY]) == TEXT + "\n" + PETER_SIG


def test_existing_signatures_are_kept_and_new_ones_come_last() -> None:
    skey, vkey = generate_key("EnochRoot")
    signed = add_signatures(TEXT + "\n" + PETER_SIG, [skey])
    assert signed.startswith(TEXT + "\n" + PETER_SIG + "— EnochRoot ")
    assert open_note(signed, [PETER_VKEY, vkey]).verified_names == {"PeterNeumann", "EnochRoot"}


@pytest.mark.parametrize("text", ["abc", "", "a\rb\n", "tab\there\n", "nul\x00\n"])
def test_refuses_to_sign_malformed_text(text: str) -> None:
    with pytest.raises(NoteError):
        sign_note(text, [PETER_SKEY])


def test_refuses_to_sign_without_a_signer() -> None:
    with pytest.raises(NoteError, match="no signer"):
        sign_note(TEXT, [])


def test_cosigning_key_needs_a_timestamp() -> None:
    skey, _ = generate_key("witness.example/w1", SIGNATURE_TYPE_COSIGNATURE_V1)
    with pytest.raises(NoteError, match="needs a timestamp"):
        sign_note(TEXT, [skey])
    with pytest.raises(NoteError, match="outside"):
        sign_note(TEXT, [skey], now=-1)


# --- opening: note_test.go TestOpen, then stricter cases -------------------------------------------


def test_opens_with_one_known_key_and_keeps_the_unknown_signature() -> None:
    opened = open_note(TEXT + "\n" + PETER_SIG + ENOCH_SIG, [PETER_VKEY])
    assert opened.text == TEXT
    assert [item.signature.line for item in opened.verified] == [PETER_SIG]
    assert [sig.line for sig in opened.unverified] == [ENOCH_SIG]
    assert opened.verified[0].timestamp is None


def test_opens_with_both_keys() -> None:
    opened = open_note(TEXT + "\n" + PETER_SIG + ENOCH_SIG, [PETER_VKEY, ENOCH_VKEY])
    assert [item.signature.line for item in opened.verified] == [PETER_SIG, ENOCH_SIG]
    assert opened.unverified == ()


def test_rejects_note_no_known_key_signed() -> None:
    with pytest.raises(NoteError, match="no verifiable signatures") as caught:
        open_note(TEXT + "\n" + PETER_SIG + ENOCH_SIG, [])
    assert "key you do not trust" in caught.value.user_message


def test_rejects_two_different_trusted_keys_with_the_same_name_and_id() -> None:
    def collider(label: bytes) -> Signer:
        return Signer("collide.example", SIGNATURE_TYPE_ED25519, hashlib.sha256(label).digest())

    first, second = collider(b"collision 7238"), collider(b"collision 27828")
    assert first.key_id == second.key_id and first.public_key != second.public_key
    note = sign_note(TEXT, [first])
    with pytest.raises(NoteError, match="ambiguous key"):
        open_note(note, [first.verifier(), second.verifier()])
    # A trusted key listed twice is not ambiguous, nor is an ambiguity the note does not touch.
    assert open_note(note, [first.verifier(), first.verifier()]).verified_names == {
        "collide.example"
    }
    open_note(TEXT + "\n" + PETER_SIG, [PETER_VKEY, first.verifier(), second.verifier()])


def test_rejects_more_than_100_signatures() -> None:
    for keys in ([PETER_VKEY], []):
        with pytest.raises(NoteError, match="at most 100"):
            open_note(TEXT + "\n" + PETER_SIG * (MAX_SIGNATURES + 1), keys)
    assert open_note(TEXT + "\n" + PETER_SIG * MAX_SIGNATURES, [PETER_VKEY]).verified_names == {
        "PeterNeumann"
    }


def test_rejects_invalid_signature_by_known_key() -> None:
    tampered = PETER_SIG[:60] + "ABCD" + PETER_SIG[60:]
    with pytest.raises(
        NoteError, match="invalid signature for key PeterNeumann\\+c74f20a3"
    ) as caught:
        open_note(TEXT + "\n" + tampered, [PETER_VKEY])
    assert "altered after it was signed" in caught.value.user_message


def test_rejects_altered_text() -> None:
    with pytest.raises(NoteError, match="invalid signature"):
        open_note(TEXT.replace("answer", "Answer") + "\n" + PETER_SIG, [PETER_VKEY])


def test_drops_repeated_signatures_and_keeps_distinct_unknown_ones() -> None:
    enoch_abcd = ENOCH_SIG[:60] + "ABCD" + ENOCH_SIG[60:]
    note = TEXT + "\n" + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG + enoch_abcd
    opened = open_note(note, [PETER_VKEY])
    assert [item.signature.line for item in opened.verified] == [PETER_SIG]
    assert [sig.line for sig in opened.unverified] == [ENOCH_SIG, enoch_abcd]


def test_rejects_note_when_a_repeated_signature_by_a_known_key_fails() -> None:
    # Go skips repeats unverified; the spec says a known key's signature MUST be verified.
    tampered = PETER_SIG[:60] + "ABCD" + PETER_SIG[60:]
    with pytest.raises(NoteError, match="invalid signature"):
        open_note(TEXT + "\n" + PETER_SIG + tampered, [PETER_VKEY])


def test_ignores_unknown_key_that_shares_a_name_or_an_id_with_a_trusted_one() -> None:
    impostor_skey, _ = generate_key("PeterNeumann")
    note = sign_note(TEXT, [impostor_skey])  # same name, other key ID
    with pytest.raises(NoteError, match="no verifiable signatures"):
        open_note(note, [PETER_VKEY])
    same_id = PETER_SIG.replace("PeterNeumann", "CarmenSandiego")  # same key ID, other name
    opened = open_note(TEXT + "\n" + PETER_SIG + same_id, [PETER_VKEY])
    assert [sig.name for sig in opened.unverified] == ["CarmenSandiego"]


@pytest.mark.parametrize(
    "message",
    [
        TEXT,
        TEXT + "\n",
        TEXT + "\n" + PETER_SIG[:-1],
        "\x01" + TEXT + "\n" + PETER_SIG,
        TEXT
        + "\n"
        + "— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKv"
        "qfqdngotpRZb6KE6RyyBwJnAM=",
        TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
        TEXT + "\n" + PETER_SIG.replace("—", "-"),
        TEXT + "\n" + "— PeterNeumann \n",
        TEXT + "\n" + "— PeterNeumann AAAA\n",  # shorter than key ID + 1 byte
        TEXT + "\r\n" + PETER_SIG,
    ],
    ids=[
        "no-signatures",
        "blank-line-only",
        "last-line-without-newline",
        "control-character",
        "name-with-space",
        "trailing-garbage",
        "hyphen-instead-of-em-dash",
        "empty-signature",
        "signature-too-short",
        "carriage-return",
    ],
)
def test_rejects_malformed_notes(message: str) -> None:
    with pytest.raises(NoteError):
        open_note(message, [PETER_VKEY])


def test_rejects_invalid_utf8() -> None:
    with pytest.raises(NoteError, match="UTF-8"):
        open_note(b"\xff" + (TEXT + "\n" + PETER_SIG).encode(), [PETER_VKEY])


def test_rejects_non_canonical_base64_signature() -> None:
    # The last base64 character carries 2 unused bits; setting them gives the same bytes.
    line = PETER_SIG.rstrip("\n")
    assert line.endswith("AM=")
    malleable = line[:-2] + "N=\n"
    assert base64.b64decode(malleable.split()[-1]) == base64.b64decode(line.split()[-1])
    with pytest.raises(NoteError, match="canonical base64"):
        open_note(TEXT + "\n" + malleable, [PETER_VKEY])


def test_rejects_oversized_note() -> None:
    with pytest.raises(NoteError, match="more than"):
        open_note(("x" * (1 << 20)) + "\n\n" + PETER_SIG, [PETER_VKEY])


def test_text_may_contain_blank_lines() -> None:
    # c2sp.org/signed-note example text: the separator is the last blank line.
    text = "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n"
    skey, vkey = generate_key("quasimodo.example/salvatore")
    note = sign_note(text, [skey])
    assert open_note(note, [vkey]).text == text
    assert parse_note(note).format() == note


def test_opens_go_cosigned_note_with_both_signature_types() -> None:
    keys = [GO["log_verifier_key"], *(w["verifier_key"] for w in GO["witnesses"])]
    opened = open_note(GO["cosigned_note"], keys)
    assert [item.timestamp for item in opened.verified] == [
        None,
        *(w["timestamp"] for w in GO["witnesses"]),
    ]


def test_rejects_cosignature_with_altered_timestamp() -> None:
    witness = GO["witnesses"][0]
    parsed = parse_note(GO["cosigned_note"])
    cosignature = parsed.signatures[1]
    later = (witness["timestamp"] + 1).to_bytes(8, "big") + cosignature.signature[8:]
    forged = NoteSignature(cosignature.name, cosignature.key_id, later)
    note = add_signature_lines(GO["log_note"], [forged.line])
    with pytest.raises(NoteError, match="invalid signature"):
        open_note(note, [witness["verifier_key"]])


def test_cosignature_key_does_not_verify_plain_signature_of_same_key() -> None:
    # Same Ed25519 key, two types: the type byte separates the key IDs and the signed messages.
    seed = hashlib.sha256(b"one key, two types").digest()
    plain = Signer("dual.example", SIGNATURE_TYPE_ED25519, seed)
    cosigning = Signer("dual.example", SIGNATURE_TYPE_COSIGNATURE_V1, seed)
    assert plain.key_id != cosigning.key_id
    assert not cosigning.verifier().verify(b"x\n", plain.sign(b"x\n"))
    assert not plain.verifier().verify(b"x\n", cosigning.sign(b"x\n", timestamp=1)[8:])


def test_verifier_rejects_keys_that_are_not_32_bytes() -> None:
    with pytest.raises(NoteError):
        Verifier("x.example", SIGNATURE_TYPE_ED25519, b"\x00" * 31)
    with pytest.raises(NoteError):
        Verifier("x.example", 0x02, b"\x00" * 32)


def test_add_signature_lines_rejects_malformed_lines() -> None:
    with pytest.raises(NoteError):
        add_signature_lines(TEXT + "\n" + PETER_SIG, ["— PeterNeumann not-base64\n"])
    with pytest.raises(NoteError):
        add_signature_lines(TEXT + "\n" + PETER_SIG, [PETER_SIG + PETER_SIG])


# --- fuzz: nothing but our own errors escapes ------------------------------------------------------

_FUZZ = settings(max_examples=300, deadline=None)
_note_alphabet = st.sampled_from(list("ab \n—+/=AZ09\t\x00é")) | st.characters()


@_FUZZ
@given(st.one_of(st.binary(max_size=300), st.text(_note_alphabet, max_size=300)))
def test_fuzz_open_note_raises_only_note_errors(message: str | bytes) -> None:
    with contextlib.suppress(TrustnetError):
        open_note(message, [PETER_VKEY, ENOCH_VKEY])


@_FUZZ
@given(st.data())
def test_fuzz_mutated_go_note_is_rejected_or_keeps_its_text(data: st.DataObject) -> None:
    note = TEXT + "\n" + PETER_SIG + ENOCH_SIG
    position = data.draw(st.integers(0, len(note)))
    action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
    char = data.draw(_note_alphabet)
    if action == "insert":
        mutated = note[:position] + char + note[position:]
    elif action == "delete":
        mutated = note[:position] + note[position + 1 :]
    else:
        mutated = note[:position] + char + note[position + 1 :]
    try:
        opened = open_note(mutated, [PETER_VKEY, ENOCH_VKEY])
    except TrustnetError:
        return
    assert opened.text == TEXT  # whatever survives is still exactly what was signed


@_FUZZ
@given(
    st.text(
        st.sampled_from(list("PRIVATE+KEY+abc0123456789ABCDEF/=\u00a0 ")) | st.characters(),
        max_size=90,
    )
)
def test_fuzz_key_parsers_raise_only_note_errors(text: str) -> None:
    for parse in (parse_verifier_key, parse_signer_key):
        with contextlib.suppress(TrustnetError):
            parse(text)
