"""The schema of letters of credit and received documents, and the transport-document index.

Added by the migration named :data:`CREDITS_MIGRATION_NAME` (the lead renumbers migrations
when merging branches, so tests find it by name). "Which other deals use this B/L number?" is
answered through two indexes: ``shipments_by_transport_document_no`` (our shipments, linked to
a deal through the invoices of its sales contract) and ``received_by_transport_no`` (transport
documents received and attached to a deal), never by scanning deals.
"""

from __future__ import annotations

import sqlite_utils

CREDITS_MIGRATION_NAME = "letters of credit, received documents, transport-document index"

_DATE = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
_NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"

_ON_BOARD = f"""
ALTER TABLE shipments ADD COLUMN on_board_date TEXT CHECK (on_board_date IS NULL OR on_board_date {_DATE});
"""

_TABLES = f"""
CREATE INDEX IF NOT EXISTS shipments_by_transport_document_no ON shipments (transport_document_no)
    WHERE transport_document_no <> '';

CREATE TABLE IF NOT EXISTS credits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    deal_id INTEGER REFERENCES deals (id) ON DELETE RESTRICT,
    number TEXT NOT NULL UNIQUE CHECK (length(trim(number)) BETWEEN 1 AND 16),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    amount TEXT NOT NULL,
    expiry_date TEXT CHECK (expiry_date IS NULL OR expiry_date {_DATE}),
    data TEXT NOT NULL CHECK (json_valid(data)),
    created_at TEXT NOT NULL DEFAULT {_NOW},
    updated_at TEXT NOT NULL DEFAULT {_NOW}
) STRICT;
CREATE INDEX IF NOT EXISTS credits_by_deal ON credits (deal_id);

CREATE TABLE IF NOT EXISTS received_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    deal_id INTEGER NOT NULL REFERENCES deals (id) ON DELETE RESTRICT,
    kind TEXT NOT NULL CHECK (kind IN ('supplier_invoice', 'bill_of_lading', 'air_waybill',
        'cmr', 'rail_note', 'insurance_certificate', 'inspection_certificate', 'other')),
    file_name TEXT NOT NULL CHECK (length(trim(file_name)) >= 1),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    size INTEGER NOT NULL CHECK (size >= 0),
    stored_path TEXT NOT NULL DEFAULT '',
    number TEXT NOT NULL DEFAULT '',
    is_transport INTEGER NOT NULL CHECK (is_transport IN (0, 1)),
    data TEXT NOT NULL CHECK (json_valid(data)),
    verdict TEXT NOT NULL DEFAULT '',
    verdict_detail TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT {_NOW},
    updated_at TEXT NOT NULL DEFAULT {_NOW}
) STRICT;
CREATE INDEX IF NOT EXISTS received_by_deal ON received_documents (deal_id);
CREATE INDEX IF NOT EXISTS received_by_sha256 ON received_documents (sha256);
CREATE INDEX IF NOT EXISTS received_by_transport_no ON received_documents (number)
    WHERE is_transport = 1 AND number <> '';
"""


def credits_step(db: sqlite_utils.Database) -> None:
    """Add the column, tables and indexes that are not there yet: a database whose version
    number was rewound (a restored copy, a downgrade test) may already hold some of them."""
    if "on_board_date" not in db.table("shipments").columns_dict:
        db.executescript(_ON_BOARD)
    db.executescript(_TABLES)


__all__ = ["CREDITS_MIGRATION_NAME", "credits_step"]
