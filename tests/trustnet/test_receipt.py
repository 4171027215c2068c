"""Receipts in ``c2sp.org/tlog-proof@v1``: Go's layout, exact round trips, and damaged receipts."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter_desk.trustnet import ReceiptError
from exporter_desk.trustnet.receipt import PROOF_HEADER, Receipt, format_proof, parse_proof

GO = json.loads((Path(__file__).parent / "vectors" / "go_interop.json").read_text())
CHECKPOINT = GO["cosigned_note"]
H1 = hashlib.sha256(b"hash1").digest()
H2 = hashlib.sha256(b"hash2").digest()
B1, B2 = base64.b64encode(H1).decode(), base64.b64encode(H2).decode()


def test_go_receipt_parses_and_formats_back_byte_for_byte() -> None:
    receipt = parse_proof(GO["receipt"])
    assert receipt.extra == base64.b64decode(GO["leaves"][GO["entry_index"]])
    assert receipt.index == GO["entry_index"]
    assert len(receipt.proof) == 3
    assert receipt.checkpoint == CHECKPOINT
    assert format_proof(receipt) == GO["receipt"]
    assert parse_proof(GO["receipt"].encode()) == receipt


def test_layout_matches_transparency_dev_marshal() -> None:
    # transparency-dev/formats proof/tlog_proof_test.go TestMarshal, with a real checkpoint.
    assert format_proof(Receipt(None, 5, (H1, H2), CHECKPOINT)) == (
        f"c2sp.org/tlog-proof@v1\nindex 5\n{B1}\n{B2}\n\n{CHECKPOINT}"
    )
    extra = base64.b64encode(b"extra information").decode()
    assert format_proof(Receipt(b"extra information", 10, (H1,), CHECKPOINT)) == (
        f"c2sp.org/tlog-proof@v1\nextra {extra}\nindex 10\n{B1}\n\n{CHECKPOINT}"
    )
    assert format_proof(Receipt(None, 0, (), CHECKPOINT)) == (
        f"c2sp.org/tlog-proof@v1\nindex 0\n\n{CHECKPOINT}"
    )


@pytest.mark.parametrize(
    "receipt",
    [
        Receipt(None, 123, (H1, H2), CHECKPOINT),
        Receipt(b"some extra data", 456, (H1,), CHECKPOINT),
        Receipt(b"", 789, (), CHECKPOINT),
        Receipt(b"\x00\xff" * 300, 2**64 - 2, tuple([H1] * 64), CHECKPOINT),
    ],
    ids=["no-extra", "extra", "empty-extra", "largest"],
)
def test_round_trips(receipt: Receipt) -> None:
    text = format_proof(receipt)
    assert parse_proof(text) == receipt
    assert format_proof(parse_proof(text)) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # transparency-dev/formats TestUnmarshalErrors, each with a real checkpoint
        (f"wrong-header\nindex 0\n\n{CHECKPOINT}", "does not start with"),
        (f"{PROOF_HEADER}\nextra !!notbase64!!\nindex 0\n\n{CHECKPOINT}", "extra data"),
        (f"{PROOF_HEADER}\n\n\n{CHECKPOINT}", "no index line"),
        (f"{PROOF_HEADER}\nindex notanumber\n\n{CHECKPOINT}", "index"),
        (f"{PROOF_HEADER}\nindex -5\n\n{CHECKPOINT}", "index"),
        (f"{PROOF_HEADER}\nindex 0\n!!notbase64!!\n\n{CHECKPOINT}", "proof line 1"),
        (
            f"{PROOF_HEADER}\nindex 0\n{base64.b64encode(bytes(64)).decode()}\n\n{CHECKPOINT}",
            "proof line 1",
        ),
        # ours
        (f"{PROOF_HEADER}\nindex 05\n\n{CHECKPOINT}", "canonical decimal"),
        (f"{PROOF_HEADER}\nindex +5\n\n{CHECKPOINT}", "canonical decimal"),
        (f"{PROOF_HEADER}\nindex 18446744073709551615\n\n{CHECKPOINT}", "canonical decimal"),
        (f"{PROOF_HEADER}\nextra\nindex 0\n\n{CHECKPOINT}", "no index line"),
        (f"{PROOF_HEADER}\nextra AA==\nextra AA==\nindex 0\n\n{CHECKPOINT}", "no index line"),
        (f"{PROOF_HEADER}\nextra AB==\nindex 0\n\n{CHECKPOINT}", "extra data"),
        (f"{PROOF_HEADER}\nindex 0\n{B1.rstrip('=')}\n\n{CHECKPOINT}", "proof line 1"),
        (f"{PROOF_HEADER}\r\nindex 0\n\n{CHECKPOINT}", "does not start with"),
        (f"{PROOF_HEADER}\nindex 0\n{B1}\n", "ends before its checkpoint"),
        (f"{PROOF_HEADER}\nindex 0\n{B1}", "ends before its checkpoint"),
        (f"{PROOF_HEADER}\nindex 0\n{B1}\n{CHECKPOINT}", "proof line 2"),
        (f"{PROOF_HEADER}\nindex 0\n\n{GO['checkpoint_body']}", "checkpoint is malformed"),
        (f"{PROOF_HEADER}\nindex 0\n\n{CHECKPOINT}trailing garbage\n", "checkpoint is malformed"),
        (f"{PROOF_HEADER}\nindex 0\n\n{CHECKPOINT}\n", "checkpoint is malformed"),
        (
            f"{PROOF_HEADER}\nindex 0\n\nnot\na checkpoint\n\n{CHECKPOINT.split(chr(10) * 2)[1]}",
            "checkpoint is malformed",
        ),
        (f"{PROOF_HEADER}\nindex 0\n" + f"{B1}\n" * 65 + f"\n{CHECKPOINT}", "more than 64"),
    ],
)
def test_rejects_damaged_receipt(text: str, message: str) -> None:
    with pytest.raises(ReceiptError, match=message) as caught:
        parse_proof(text)
    assert "receipt is damaged" in caught.value.user_message


def test_rejects_invalid_utf8_and_oversized_receipts() -> None:
    with pytest.raises(ReceiptError, match="UTF-8"):
        parse_proof(GO["receipt"].encode().replace(b"index", b"ind\xffx"))
    with pytest.raises(ReceiptError, match="too large"):
        parse_proof(b"x" * (2 << 20))


@pytest.mark.parametrize(
    "fields",
    [
        {"index": -1},
        {"index": 2**64 - 1},
        {"index": True},
        {"proof": (H1[:31],)},
        {"proof": [H1]},
        {"proof": tuple([H1] * 65)},
        {"extra": "text"},
        {"checkpoint": b"bytes"},
    ],
    ids=str,
)
def test_rejects_invalid_receipt_fields(fields: dict[str, object]) -> None:
    values: dict[str, object] = {"extra": None, "index": 0, "proof": (), "checkpoint": CHECKPOINT}
    values.update(fields)
    with pytest.raises(ReceiptError):
        Receipt(**values)  # type: ignore[arg-type]


# --- fuzz -----------------------------------------------------------------------------------------

_FUZZ = settings(max_examples=300, deadline=None)
_alphabet = (
    st.sampled_from(list("c2sp.org/tlog-proof@v1\nextra index 0123456789+/=AZ\r—"))
    | st.characters()
)


@_FUZZ
@given(st.one_of(st.text(_alphabet, max_size=300), st.binary(max_size=300)))
def test_fuzz_receipt_parser_raises_only_receipt_errors(text: str | bytes) -> None:
    with contextlib.suppress(ReceiptError):
        parse_proof(text)


@_FUZZ
@given(st.data())
def test_fuzz_mutated_go_receipt_is_rejected_or_round_trips(data: st.DataObject) -> None:
    text = GO["receipt"]
    position = data.draw(st.integers(0, len(text) - 1))
    mutated = text[:position] + data.draw(_alphabet) + text[position + 1 :]
    try:
        receipt = parse_proof(mutated)
    except ReceiptError:
        return
    assert format_proof(receipt) == mutated
