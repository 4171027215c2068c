"""Letters of credit for a person: reading an MT700 file, the CLI, amending a stored credit."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from exporter_desk.cli import main
from exporter_desk.domain import DealId
from exporter_desk.domain.samples import sample_book, sample_credit_mt700
from exporter_desk.domain.swift import SwiftFormatError
from exporter_desk.services.crediting import (
    CreditFileError,
    amend_credit,
    describe_reading,
    read_mt700_file,
)
from exporter_desk.services.demo import seed_demo
from exporter_desk.store import database_path, open_store


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "lc.txt"
    path.write_text(sample_credit_mt700(sample_book(dt.date(2026, 11, 2))), encoding="utf-8")
    return path


def test_credit_parse_prints_what_it_read_and_exits_0_when_complete(sample_file: Path) -> None:
    code, out = _cli("credit", "parse", str(sample_file))
    assert code == 0
    assert "DEUTLC26889120" in out and "documents required:" in out
    assert "not placed" not in out


def test_credit_parse_json_lists_the_unplaced_lines_and_exits_1(
    sample_file: Path, tmp_path: Path
) -> None:
    text = sample_file.read_text(encoding="utf-8").replace(":49:WITHOUT", ":49:WITHOUT\n:78:REMIT")
    odd = tmp_path / "odd.txt"
    odd.write_text(text, encoding="utf-8")
    code, out = _cli("credit", "parse", str(odd), "--json")
    data = json.loads(out)
    assert code == 1
    assert data["credit"]["amount"] == "67837.40" and data["credit"]["currency"] == "USD"
    assert [(u["tag"], u["text"]) for u in data["unplaced"]] == [("78", "REMIT")]
    code, out = _cli("credit", "parse", str(odd))
    assert "line" in out and ":78: REMIT" in out


def test_a_binary_or_missing_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "lc.pdf"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CreditFileError) as caught:
        read_mt700_file(binary)
    assert "save the MT700 as plain text" in caught.value.user_message
    code, _ = _cli("credit", "parse", str(tmp_path / "missing.txt"))
    assert code == 1 and "missing.txt cannot be read" in capsys.readouterr().err


def test_a_file_without_swift_fields_is_refused(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Sirs, we open our credit today.", encoding="utf-8")
    with pytest.raises(SwiftFormatError):
        read_mt700_file(letter)


def test_the_description_says_what_is_still_missing(tmp_path: Path) -> None:
    partial = tmp_path / "partial.txt"
    partial.write_text(":20:LC9\n:31D:261231LONDON\n", encoding="utf-8")
    text = describe_reading(read_mt700_file(partial))
    assert "Mandatory fields missing: 32B, 46A, 50, 59" in text
    assert "Still to fill in: amount" in text


def test_an_mt707_amends_a_stored_credit_and_its_history_is_kept(tmp_path: Path) -> None:
    store = open_store(database_path(tmp_path))
    seed_demo(store)
    (credit,) = store.credits.for_deal(DealId(1))
    assert credit.id is not None and credit.expiry_date is not None
    later = credit.expiry_date + dt.timedelta(days=30)
    amended, reading = amend_credit(
        store, credit.id, f":20:{credit.number}\n:26E:1\n:31E:{later:%y%m%d}\n:32B:USD100,00\n"
    )
    assert reading.unplaced == ()
    stored = store.credits.get(credit.id)
    assert stored == amended
    assert (stored.expiry_date, stored.amount) == (later, credit.amount + Decimal(100))
    assert [a.sequence for a in stored.amendments] == [1]
    assert (
        replace(stored, amendments=(), expiry_date=credit.expiry_date, amount=credit.amount)
        == credit
    )
    store.close()
