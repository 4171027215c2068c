"""SQLite errors reach people as our errors, with messages that say what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from exporter_desk.store import ConstraintError, ReadOnlyDataError, StorageFailedError, Store
from exporter_desk.store._session import Session, translate
from tests.store.conftest import World, dump


def test_a_rule_of_the_schema_stops_data_that_slipped_past_validation(
    store: Store, world: World
) -> None:
    before = dump(store)
    with pytest.raises(ConstraintError) as caught, store.transaction():
        store._session.execute(
            "UPDATE invoice_lines SET quantity = '1e3' WHERE invoice_id = ?", (world.invoice.id,)
        )
    assert "breaks a rule of the database" in caught.value.user_message
    assert "CHECK constraint failed" in str(caught.value)
    assert dump(store) == before


def test_no_real_ever_lands_in_a_money_or_decimal_column(store: Store, world: World) -> None:
    with pytest.raises(ConstraintError), store.transaction():  # STRICT: 12.5 is not an integer
        store._session.execute(
            "UPDATE invoices SET total_minor = 12.5 WHERE id = ?", (world.invoice.id,)
        )
    with store.transaction():  # a float bound by mistake is kept as text, never as REAL
        store._session.execute(
            "UPDATE invoice_lines SET unit_price = 12.85 WHERE invoice_id = ?", (world.invoice.id,)
        )
    kinds = store._session.rows("SELECT DISTINCT typeof(unit_price) FROM invoice_lines")
    assert [row[0] for row in kinds] == ["text"]


def test_writing_to_a_read_only_database_says_read_only_and_never_suggests_a_restore(
    store: Store, world: World, db_path: Path
) -> None:
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    session = Session(conn, db_path)
    try:
        with pytest.raises(ReadOnlyDataError) as caught, session.transaction():
            session.execute("DELETE FROM settings")
        assert "is read-only" in caught.value.user_message
        assert "restore" not in caught.value.user_message
        assert "Your data is intact" in caught.value.user_message
    finally:
        conn.close()


def test_a_full_disk_is_a_storage_failure_that_saved_nothing() -> None:
    error = translate(sqlite3.OperationalError("database or disk is full"))
    assert isinstance(error, StorageFailedError)
    assert "Check free disk space" in error.user_message
    assert "nothing was saved" in error.user_message
