"""Migration steps that rewrite stored values into the forms the code now writes.

* Typed codes (HS codes, ports, countries, currencies, registration ids, bank codes, container,
  seal and transport references) stored as a person typed them (``8467.29``, `` cnsha ``) before
  the domain kept only canonical values are parsed and rewritten canonical (``846729``,
  ``CNSHA``). A value that does not parse is left exactly as it was and recorded in
  ``_migration_notes``, so that nothing is lost and the user can be told what to fix.
* Paths in the document register are made relative to the data folder, so that a copied or
  restored folder finds its own PDFs.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import NamedTuple

import sqlite_utils

from exporter_desk.domain import (
    DomainError,
    parse_account_number,
    parse_bic,
    parse_container_number,
    parse_container_type,
    parse_country,
    parse_currency,
    parse_flight,
    parse_hs_code,
    parse_locode,
    parse_registration_id,
    parse_seal_number,
    parse_transport_document_no,
    parse_voyage,
)

_log = logging.getLogger(__name__)

_NOTES_TABLE = """
CREATE TABLE IF NOT EXISTS _migration_notes (
    migration INTEGER NOT NULL,
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,
    column_name TEXT NOT NULL,
    value TEXT NOT NULL,
    problem TEXT NOT NULL
) STRICT
"""

Parse = Callable[[str], str]

# (table, column, parser): every column that holds a code a person types.
TYPED_COLUMNS: tuple[tuple[str, str, Parse], ...] = (
    ("parties", "country", parse_country),
    ("parties", "bank_account_number", parse_account_number),
    ("parties", "bank_swift", parse_bic),
    ("products", "hs_code", parse_hs_code),
    ("products", "currency", parse_currency),
    ("products", "origin_country", parse_country),
    ("contracts", "currency", parse_currency),
    ("contracts", "port_of_loading", parse_locode),
    ("contracts", "port_of_discharge", parse_locode),
    ("contract_lines", "hs_code", parse_hs_code),
    ("invoices", "currency", parse_currency),
    ("invoices", "port_of_loading", parse_locode),
    ("invoices", "port_of_discharge", parse_locode),
    ("invoices", "origin_country", parse_country),
    ("invoice_lines", "hs_code", parse_hs_code),
    ("shipments", "port_of_loading", parse_locode),
    ("shipments", "port_of_discharge", parse_locode),
    ("shipments", "voyage", parse_voyage),
    ("shipments", "flight", parse_flight),
    ("shipments", "transport_document_no", parse_transport_document_no),
    ("containers", "number", parse_container_number),
    ("containers", "seal", parse_seal_number),
    ("containers", "size_type", parse_container_type),
)


class MigrationNote(NamedTuple):
    """A stored value a migration could not rewrite, left untouched."""

    migration: int
    table_name: str
    row_key: str
    column_name: str
    value: str
    problem: str


def _key_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    columns = conn.execute(f"PRAGMA table_info({table})").fetchall()
    keys = sorted((int(c[5]), str(c[1])) for c in columns if int(c[5]) > 0)
    return [name for _, name in keys] or ["rowid"]


def _note(conn: sqlite3.Connection, note: MigrationNote) -> None:
    conn.execute(
        "INSERT INTO _migration_notes (migration, table_name, row_key, column_name, value, "
        "problem) VALUES (?, ?, ?, ?, ?, ?)",
        note,
    )
    _log.warning(
        "migration %d left %s.%s of row %s as it was (%r): %s",
        note.migration,
        note.table_name,
        note.column_name,
        note.row_key,
        note.value,
        note.problem,
    )


def _rewrite_column(
    conn: sqlite3.Connection, number: int, table: str, column: str, parse: Parse
) -> None:
    keys = _key_columns(conn, table)
    select = ", ".join(keys)
    where = " AND ".join(f"{key} = ?" for key in keys)
    rows = conn.execute(
        f"SELECT {select}, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''"
    ).fetchall()
    for row in rows:
        key, value = tuple(row[:-1]), str(row[-1])
        try:
            canonical = parse(value)
        except DomainError as exc:
            label = "/".join(str(k) for k in key)
            _note(conn, MigrationNote(number, table, label, column, value, exc.user_message))
            continue
        if canonical != value:
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE {where}", (canonical, *key))


def _rewrite_registration_ids(conn: sqlite3.Connection, number: int) -> None:
    rows = conn.execute(
        "SELECT id, country, registration_id FROM parties WHERE registration_id <> ''"
    ).fetchall()
    for id_, country, value in rows:
        try:
            canonical = parse_registration_id(parse_country(country), value)
        except DomainError as exc:
            note = MigrationNote(
                number, "parties", str(id_), "registration_id", value, exc.user_message
            )
            _note(conn, note)
            continue
        if canonical != value:
            conn.execute("UPDATE parties SET registration_id = ? WHERE id = ?", (canonical, id_))


def canonical_codes_step(number: int) -> Callable[[sqlite_utils.Database], None]:
    """Migration ``number``: rewrite every typed code canonical; report what does not parse."""

    def step(db: sqlite_utils.Database) -> None:
        conn = db.conn
        conn.execute(_NOTES_TABLE)
        for table, column, parse in TYPED_COLUMNS:
            _rewrite_column(conn, number, table, column, parse)
        # after the countries, which it depends on
        _rewrite_registration_ids(conn, number)

    return step


def _data_folder(conn: sqlite3.Connection) -> Path | None:
    row = conn.execute("PRAGMA database_list").fetchone()
    file = row[2] if row else ""
    return Path(file).resolve().parent if file else None


def relative_path(path: str, folder: Path) -> str:
    """``path`` relative to ``folder`` when it lies inside it (POSIX separators), else as is."""
    if not path or not PurePath(path).is_absolute():
        return path
    try:
        return Path(path).resolve().relative_to(folder).as_posix()
    except ValueError:
        return path


def resolve_path(stored: str, folder: Path) -> str:
    """A stored register path as an absolute path in the current data folder."""
    if not stored or PurePath(stored).is_absolute():
        return stored
    return str(folder / stored)


def _moved_copy(path: str, digest: str, folder: Path) -> str | None:
    """The relative path of this folder's copy of an issued PDF recorded at another folder's
    ``documents/...``, when a file there has the recorded SHA-256 (the folder was copied)."""
    parts = PurePath(path).parts
    if "documents" not in parts or not digest:
        return None
    tail = parts[len(parts) - 1 - parts[::-1].index("documents") :]
    candidate = folder.joinpath(*tail)
    try:
        if candidate.is_file() and hashlib.sha256(candidate.read_bytes()).hexdigest() == digest:
            return PurePath(*tail).as_posix()
    except OSError:
        return None
    return None


def relative_document_paths_step(number: int) -> Callable[[sqlite_utils.Database], None]:
    """Migration ``number``: register paths inside the data folder become relative to it.

    A path outside the folder stays absolute, except one under another folder's ``documents/``
    when this folder holds the same file (same SHA-256 as registered): the folder was copied or
    restored, and the row is pointed at this folder's copy. Absolute paths kept are reported.
    """

    def step(db: sqlite_utils.Database) -> None:
        conn = db.conn
        conn.execute(_NOTES_TABLE)
        folder = _data_folder(conn)
        if folder is None:
            return
        rows = conn.execute(
            "SELECT id, path, digest_final FROM documents WHERE path <> ''"
        ).fetchall()
        for id_, path, digest in rows:
            relative = relative_path(path, folder)
            if relative == path and PurePath(path).is_absolute():
                moved = _moved_copy(path, digest, folder)
                if moved is not None:
                    relative = moved
                else:
                    problem = "The file is outside the data folder; its path stays absolute."
                    _note(conn, MigrationNote(number, "documents", str(id_), "path", path, problem))
            if relative != path:
                conn.execute("UPDATE documents SET path = ? WHERE id = ?", (relative, id_))

    return step


def migration_notes(conn: sqlite3.Connection) -> list[MigrationNote]:
    """Every value a migration left untouched because it could not rewrite it, oldest first."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migration_notes'"
    ).fetchone()
    if exists is None:
        return []
    rows = conn.execute(
        "SELECT migration, table_name, row_key, column_name, value, problem "
        "FROM _migration_notes ORDER BY rowid"
    ).fetchall()
    return [MigrationNote(*tuple(row)) for row in rows]


__all__ = [
    "TYPED_COLUMNS",
    "MigrationNote",
    "canonical_codes_step",
    "migration_notes",
    "relative_document_paths_step",
    "relative_path",
    "resolve_path",
]
