"""``exporter-desk-entry/v1``: the canonical text, its signature, and every other spelling refused."""

from __future__ import annotations

import base64
import contextlib
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter_desk.trustnet import EntryError
from exporter_desk.trustnet.entry import KINDS, Entry, certificate_fingerprint, document_digest
from exporter_desk.trustnet.merkle import leaf_hash

GO = json.loads((Path(__file__).parent / "vectors" / "go_interop.json").read_text())
VECTOR_ENTRY = base64.b64decode(GO["leaves"][GO["entry_index"]])
VECTOR_KEY = ec.derive_private_key(0x5EC2E7, ec.SECP256R1())  # made the vector entry
ISSUER = certificate_fingerprint(b"test certificate")
DIGEST = document_digest(b"%PDF-1.7 revision one")
WHEN = datetime(2024, 5, 17, 9, 30, 0, tzinfo=UTC)


def _entry(**changes: object) -> Entry:
    fields: dict[str, object] = {
        "kind": "commercial-invoice",
        "number": "INV-2024/0042",
        "issuer": ISSUER,
        "digest": DIGEST,
        "length": 21,
        "time": WHEN,
    }
    fields.update(changes)
    return Entry.build(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def signed() -> bytes:
    return _entry().sign(VECTOR_KEY).format()


def _replace_line(data: bytes, old: str, new: str) -> bytes:
    assert old.encode() in data
    return data.replace(old.encode(), new.encode(), 1)


# --- the format -----------------------------------------------------------------------------------


def test_vector_entry_parses_verifies_and_round_trips() -> None:
    entry = Entry.parse(VECTOR_ENTRY)
    assert entry.format() == VECTOR_ENTRY
    assert (entry.kind, entry.number, entry.length, entry.time) == (
        "commercial-invoice",
        "INV-2024/0042",
        21,
        WHEN,
    )
    assert (entry.issuer, entry.digest, entry.supersedes) == (ISSUER, DIGEST, None)
    entry.verify_signature(VECTOR_KEY.public_key())
    assert entry.leaf_hash() == leaf_hash(VECTOR_ENTRY)


def test_signed_bytes_are_the_documented_canonical_text() -> None:
    entry = _entry(supersedes="ab" * 32)
    assert (
        entry.signed_bytes()
        == (
            "exporter-desk-entry/v1\n"
            "kind commercial-invoice\n"
            "number INV-2024/0042\n"
            f"issuer {ISSUER}\n"
            f"digest {DIGEST}\n"
            "length 21\n"
            "time 2024-05-17T09:30:00Z\n"
            f"supersedes {'ab' * 32}\n"
        ).encode()
    )
    signed = entry.sign(VECTOR_KEY)
    assert signed.format().startswith(entry.signed_bytes() + b"signature ")
    assert Entry.parse(signed.format()) == signed


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_round_trips(kind: str) -> None:
    entry = _entry(kind=kind).sign(VECTOR_KEY)
    assert Entry.parse(entry.format()) == entry


def test_supersedes_names_the_old_entry_by_leaf_hash() -> None:
    old = Entry.parse(VECTOR_ENTRY)
    new = _entry(digest=document_digest(b"corrected"), supersedes=old.leaf_hash().hex()).sign(
        VECTOR_KEY
    )
    assert Entry.parse(new.format()).supersedes == leaf_hash(VECTOR_ENTRY).hex()


def test_build_normalises_hex_case_time_zone_and_fractions() -> None:
    local = datetime(2024, 5, 17, 17, 30, 0, 999_999, tzinfo=timezone(timedelta(hours=8)))
    entry = _entry(issuer=ISSUER.upper(), time=local)
    assert entry.issuer == ISSUER
    assert entry.time == WHEN and entry.time.tzinfo is UTC


def test_refuses_time_without_time_zone() -> None:
    with pytest.raises(EntryError, match="timezone-aware"):
        _entry(time=datetime(2024, 5, 17, 9, 30))


# --- signature ------------------------------------------------------------------------------------


def test_rejects_entry_signed_by_another_key(signed: bytes) -> None:
    other = ec.generate_private_key(ec.SECP256R1())
    with pytest.raises(EntryError, match="does not verify") as caught:
        Entry.parse(signed).verify_signature(other.public_key())
    assert "not signed by this document's issuer" in caught.value.user_message


def test_rejects_altered_digest_under_original_signature(signed: bytes) -> None:
    altered = _replace_line(signed, f"digest {DIGEST}", f"digest {document_digest(b'forged')}")
    with pytest.raises(EntryError, match="does not verify"):
        Entry.parse(altered).verify_signature(VECTOR_KEY.public_key())


def test_rejects_keys_that_are_not_p256() -> None:
    with pytest.raises(EntryError, match="P-256"):
        _entry().sign(ec.generate_private_key(ec.SECP384R1()))
    with pytest.raises(EntryError, match="P-256"):
        _entry().sign(ed25519.Ed25519PrivateKey.generate())  # type: ignore[arg-type]
    with pytest.raises(EntryError, match="P-256"):
        Entry.parse(VECTOR_ENTRY).verify_signature(
            ec.generate_private_key(ec.SECP384R1()).public_key()
        )


def test_unsigned_entry_cannot_be_formatted_or_verified() -> None:
    with pytest.raises(EntryError, match="unsigned"):
        _entry().format()
    with pytest.raises(EntryError, match="not signed"):
        _entry().verify_signature(VECTOR_KEY.public_key())


def test_rejects_signature_that_is_not_canonical_der(signed: bytes) -> None:
    entry = Entry.parse(signed)
    assert entry.signature is not None
    r, s = decode_dss_signature(entry.signature)
    raw = r.to_bytes(32, "big") + s.to_bytes(32, "big")  # IEEE P1363, not DER
    line = f"signature {base64.b64encode(entry.signature).decode()}"
    with pytest.raises(EntryError, match="DER"):
        Entry.parse(_replace_line(signed, line, f"signature {base64.b64encode(raw).decode()}"))
    # BER: a long-form length where DER needs the short form.
    der = entry.signature
    ber = b"\x30\x81" + der[1:]
    with pytest.raises(EntryError, match="DER"):
        Entry.parse(_replace_line(signed, line, f"signature {base64.b64encode(ber).decode()}"))


# --- every other spelling is refused --------------------------------------------------------------


def test_rejects_unknown_version(signed: bytes) -> None:
    with pytest.raises(EntryError, match="unknown entry version") as caught:
        Entry.parse(_replace_line(signed, "exporter-desk-entry/v1", "exporter-desk-entry/v2"))
    assert "Update Exporter Desk" in caught.value.user_message


def test_rejects_missing_field(signed: bytes) -> None:
    with pytest.raises(EntryError, match="expected 'supersedes'"):
        Entry.parse(_replace_line(signed, "supersedes -\n", ""))


def test_rejects_duplicate_field(signed: bytes) -> None:
    with pytest.raises(EntryError):
        Entry.parse(_replace_line(signed, "length 21\n", "length 21\nlength 21\n"))


def test_rejects_fields_out_of_order(signed: bytes) -> None:
    swapped = _replace_line(
        signed, f"issuer {ISSUER}\ndigest {DIGEST}", f"digest {DIGEST}\nissuer {ISSUER}"
    )
    with pytest.raises(EntryError, match="expected 'issuer'"):
        Entry.parse(swapped)


def test_rejects_unknown_field(signed: bytes) -> None:
    with pytest.raises(EntryError):
        Entry.parse(_replace_line(signed, "length 21\n", "length 21\ncolour red\n"))


@pytest.mark.parametrize("tail", [b"\n", b"extra\n", b"signature AAAA\n", b"x"])
def test_rejects_trailing_data(signed: bytes, tail: bytes) -> None:
    with pytest.raises(EntryError):
        Entry.parse(signed + tail)


def test_rejects_missing_final_newline(signed: bytes) -> None:
    with pytest.raises(EntryError, match="newline"):
        Entry.parse(signed[:-1])


def test_rejects_carriage_return(signed: bytes) -> None:
    with pytest.raises(EntryError, match="carriage return"):
        Entry.parse(signed.replace(b"\n", b"\r\n"))


@pytest.mark.parametrize(
    "length", ["021", "+21", "2_1", "21.0", "0x15", "", "0", "9223372036854775808", "\uff12\uff11"]
)
def test_rejects_non_canonical_or_invalid_length(signed: bytes, length: str) -> None:
    with pytest.raises(EntryError):
        Entry.parse(_replace_line(signed, "length 21", f"length {length}"))


@pytest.mark.parametrize("field", ["issuer", "digest"])
def test_rejects_uppercase_or_short_hex(signed: bytes, field: str) -> None:
    value = ISSUER if field == "issuer" else DIGEST
    for bad in (value.upper(), value[:-1], value + "0", "g" + value[1:]):
        with pytest.raises(EntryError):
            Entry.parse(_replace_line(signed, f"{field} {value}", f"{field} {bad}"))


def test_rejects_non_canonical_base64_signature(signed: bytes) -> None:
    entry = Entry.parse(signed)
    assert entry.signature is not None
    encoded = base64.b64encode(entry.signature).decode()
    for bad in (encoded.rstrip("="), encoded + "=", encoded.replace("+", "-").replace("/", "_")):
        if bad != encoded:
            with pytest.raises(EntryError):
                Entry.parse(_replace_line(signed, encoded, bad))


@pytest.mark.parametrize(
    "time",
    [
        "2024-05-17T09:30:00+00:00",
        "2024-05-17T17:30:00+08:00",
        "2024-05-17t09:30:00z",
        "2024-05-17T09:30:00.5Z",
        "2024-05-17 09:30:00Z",
        "2024-02-30T09:30:00Z",
        "2024-05-17T24:00:00Z",
        "0000-01-01T00:00:00Z",
    ],
)
def test_rejects_time_that_is_not_rfc3339_utc(signed: bytes, time: str) -> None:
    with pytest.raises(EntryError):
        Entry.parse(_replace_line(signed, "time 2024-05-17T09:30:00Z", f"time {time}"))


@pytest.mark.parametrize(
    "number",
    [
        "INV-2024/\u0410042",  # Cyrillic A: a look-alike second "original"
        "INV 42",
        "INV\t42",
        "",
        "X" * 65,
        "INV-\u00a042",
    ],
)
def test_rejects_lookalike_spaced_or_overlong_document_number(number: str) -> None:
    with pytest.raises(EntryError) as caught:
        _entry(number=number)
    assert "without spaces" in caught.value.user_message


def test_rejects_two_spaces_between_key_and_value(signed: bytes) -> None:
    with pytest.raises(EntryError):
        Entry.parse(_replace_line(signed, "kind commercial-invoice", "kind  commercial-invoice"))


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": "invoice"},
        {"kind": "Commercial-Invoice"},
        {"length": 0},
        {"length": -1},
        {"length": True},
        {"supersedes": "-"},
        {"supersedes": "ab" * 31},
    ],
    ids=str,
)
def test_rejects_invalid_field_values(changes: dict[str, object]) -> None:
    with pytest.raises(EntryError):
        _entry(**changes)


def test_rejects_invalid_utf8_and_oversized_input(signed: bytes) -> None:
    with pytest.raises(EntryError, match="UTF-8"):
        Entry.parse(signed.replace(b"INV-2024/0042", b"INV-2024/004\xff", 1))
    with pytest.raises(EntryError, match="more than"):
        Entry.parse(signed + b"x" * 1024)


# --- fuzz -----------------------------------------------------------------------------------------

_FUZZ = settings(max_examples=300, deadline=None)


@_FUZZ
@given(st.binary(max_size=600))
def test_fuzz_entry_parser_raises_only_entry_errors(data: bytes) -> None:
    with contextlib.suppress(EntryError):
        Entry.parse(data)


@_FUZZ
@given(st.data())
def test_fuzz_mutated_entry_is_rejected_or_canonical(data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(VECTOR_ENTRY) - 1))
    byte = data.draw(st.integers(0, 255))
    mutated = VECTOR_ENTRY[:position] + bytes([byte]) + VECTOR_ENTRY[position + 1 :]
    try:
        entry = Entry.parse(mutated)
    except EntryError:
        return
    assert entry.format() == mutated  # anything accepted has exactly one spelling
    if mutated != VECTOR_ENTRY:  # and no other spelling carries a valid signature
        with pytest.raises(EntryError):
            entry.verify_signature(VECTOR_KEY.public_key())
