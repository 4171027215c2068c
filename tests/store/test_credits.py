"""Letters of credit in the store, and the migration that added them (found by name)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from exporter_desk.domain import Deal, DealId
from exporter_desk.domain.credit import Amendment
from exporter_desk.domain.errors import ValidationError
from exporter_desk.domain.samples import sample_book, sample_credit_mt700
from exporter_desk.domain.swift import parse_mt700
from exporter_desk.store import MIGRATIONS, Store, migrate
from exporter_desk.store._schema_credits import CREDITS_MIGRATION_NAME
from exporter_desk.store.errors import DuplicateError, MissingReferenceError

CREDIT = parse_mt700(sample_credit_mt700(sample_book(dt.date(2026, 11, 2)))).credit


def _number() -> int:
    (migration,) = [m for m in MIGRATIONS if m.name == CREDITS_MIGRATION_NAME]
    return migration.number


def test_the_migration_adds_credits_and_keeps_the_shipments_it_found(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "old.sqlite3")
    migrate(conn, target=_number() - 1)
    conn.execute(
        "INSERT INTO shipments (reference, mode, port_of_loading, port_of_discharge, "
        "transport_document_no) VALUES ('SHP-1', 'sea', 'CNSHA', 'DEHAM', 'COSU6123456780')"
    )
    assert migrate(conn, target=_number()) == [_number()]
    row = conn.execute("SELECT reference, on_board_date FROM shipments").fetchone()
    assert row == ("SHP-1", None)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"credits", "received_documents"} <= tables
    conn.close()


def test_a_credit_round_trips_with_its_documents_and_amendments(store: Store) -> None:
    deal = store.deals.save(Deal(reference="DEAL-1"))
    amended = replace(CREDIT, deal_id=deal.id).amended(
        Amendment(1, dt.date(2026, 11, 20), (("amount_increase", Decimal("100.00")),), "more")
    )
    saved = store.credits.save(amended)
    assert saved.id is not None
    loaded = store.credits.get(saved.id)
    assert loaded == saved
    assert loaded.amendments == amended.amendments and loaded.documents == CREDIT.documents
    assert store.credits.for_deal(DealId(deal.id or 0)) == [saved]
    assert store.credits.by_number(CREDIT.number) == saved
    assert store.credits.by_number("NOPE") is None


def test_two_credits_cannot_share_a_number(store: Store) -> None:
    store.credits.save(CREDIT)
    with pytest.raises(DuplicateError):
        store.credits.save(CREDIT)


def test_a_credit_for_a_missing_deal_or_with_problems_is_refused(store: Store) -> None:
    with pytest.raises(MissingReferenceError):
        store.credits.save(replace(CREDIT, deal_id=DealId(404)))
    with pytest.raises(ValidationError) as caught:
        store.credits.save(replace(CREDIT, amount=Decimal(0)))
    assert "more than zero" in caught.value.user_message
    assert store.credits.count() == 0
