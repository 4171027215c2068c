"""The register of issued documents: what each PDF is, its digests, where it stands.

Paths of files inside the data folder are stored relative to it and read back absolute in the
folder the database is in now, so that a copied or restored folder finds its own PDFs; a path
outside the folder is stored as it is.

The register is history: rows are updated as a document moves from draft to registered, but
never deleted. ``IssuedDocument`` has no ``problems()`` in the domain yet, so the checks that
keep bad rows out live here (``document_problems``).
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from exporter_desk.domain import (
    DocumentId,
    DocumentKind,
    DocumentStatus,
    IssuedDocument,
    Problem,
    ValidationError,
)
from exporter_desk.store._canonical import relative_path, resolve_path
from exporter_desk.store._convert import check_sizes, instant_text, text_instant
from exporter_desk.store._repository import Repository
from exporter_desk.store.errors import NotFoundError

SOURCES = {
    "contracts": "contract",
    "invoices": "invoice",
    "packing_lists": "packing list",
    "shipments": "shipment",
    "deals": "deal",
}
RECEIPT_LIMIT = 256 * 1024  # a tlog-proof is a few kilobytes
PATH_LIMIT = 4_096
_HEX64 = re.compile(r"[0-9a-f]{64}")


def document_problems(doc: IssuedDocument) -> list[Problem]:
    """Everything wrong with a register entry, each tied to its field."""
    problems: list[Problem] = []

    def add(field: str, message: str) -> None:
        problems.append(Problem(field, message))

    if not doc.number.strip():
        add("number", "The document number is required.")
    elif len(doc.number) > 64:
        add("number", "The document number has more than 64 characters.")
    if not isinstance(doc.kind, DocumentKind):
        add("kind", f"'{doc.kind}' is not a document kind.")
    if not isinstance(doc.status, DocumentStatus):
        add("status", f"'{doc.status}' is not a document status.")
    if doc.source_table not in SOURCES:
        add("source_table", f"A document is issued from one of {', '.join(SOURCES)}.")
    if doc.source_id < 1:
        add("source_id", "The document must name the record it was issued from.")
    for name in ("digest_r1", "digest_final", "data_digest"):
        value = getattr(doc, name)
        if value and not _HEX64.fullmatch(value):
            add(name, "A digest is 64 lowercase hexadecimal characters (SHA-256).")
    if any(ord(ch) < 32 for ch in doc.path):
        add("path", "The file path contains control characters.")
    if doc.log_index is not None and doc.log_index < 0:
        add("log_index", "A log index is zero or more.")
    if doc.status is DocumentStatus.REGISTERED and (not doc.receipt or doc.log_index is None):
        add("receipt", "A registered document needs its receipt and log index.")
    if doc.created_at.tzinfo is None or doc.created_at.utcoffset() is None:
        add("created_at", "The creation time must carry a time zone.")
    if doc.supersedes_id is not None and doc.supersedes_id == doc.id:
        add("supersedes_id", "A document cannot supersede itself.")
    return problems


class DocumentRepository(Repository[IssuedDocument, DocumentId]):
    subject = "document"
    table = "documents"
    fts_columns = ("number", "kind")
    order_columns: ClassVar[dict[str, str]] = {
        "id": "id",
        "number": "number",
        "kind": "kind, number",
        "status": "status, created_at",
        "created_at": "created_at",
    }

    def save(self, doc: IssuedDocument) -> IssuedDocument:
        """Insert or update a register entry.

        Raises:
            ValidationError: when the entry has problems (``document_problems``).
            MissingReferenceError: when its source record or superseded document is missing.
            TooLargeError, NotFoundError.
        """
        problems = document_problems(doc)
        if problems:
            raise ValidationError("document", problems)
        row = _row(doc)
        folder = self._folder()
        if folder is not None:
            row["path"] = relative_path(doc.path, folder)
        check_sizes(self.subject, row, {"receipt": RECEIPT_LIMIT, "path": PATH_LIMIT})
        with self._s.transaction():
            self._require("source_id", doc.source_table, SOURCES[doc.source_table], doc.source_id)
            self._require("supersedes_id", "documents", "document", doc.supersedes_id)
            if doc.id is None:
                id_ = self._insert(self.table, row)
            else:
                id_ = doc.id
                assignments = ", ".join(f"{name} = ?" for name in row)
                cursor = self._s.execute(
                    f"UPDATE documents SET {assignments} WHERE id = ?", (*row.values(), id_)
                )
                if cursor.rowcount == 0:
                    raise NotFoundError(self.subject, id_)
        return replace(doc, id=DocumentId(id_), path=self._resolve(row["path"]))

    def for_source(self, source_table: str, source_id: int) -> builtins.list[IssuedDocument]:
        """Every document issued from one record, oldest first."""
        rows = self._s.rows(
            "SELECT id FROM documents WHERE source_table = ? AND source_id = ? ORDER BY id",
            (source_table, source_id),
        )
        return self._load([row[0] for row in rows])

    def by_number(self, kind: DocumentKind, number: str) -> builtins.list[IssuedDocument]:
        """Every register entry with this kind and number (more than one means a supersede)."""
        rows = self._s.rows(
            "SELECT id FROM documents WHERE kind = ? AND number = ? ORDER BY id",
            (kind.value, number),
        )
        return self._load([row[0] for row in rows])

    def _folder(self) -> Path | None:
        """The data folder (the database's own folder) that register paths are relative to."""
        path = self._s.path
        if not path.is_absolute() and str(path) in ("", ":memory:"):
            return None
        return path.resolve().parent

    def _resolve(self, stored: str) -> str:
        folder = self._folder()
        return stored if folder is None else resolve_path(stored, folder)

    def _load(self, ids: Sequence[int]) -> builtins.list[IssuedDocument]:
        rows = self._rows_by_id(ids)
        docs = []
        for id_ in ids:
            row = rows.get(id_)
            if row is None:
                continue
            supersedes = row["supersedes_id"]
            docs.append(
                IssuedDocument(
                    kind=DocumentKind(row["kind"]),
                    number=row["number"],
                    source_table=row["source_table"],
                    source_id=row["source_id"],
                    status=DocumentStatus(row["status"]),
                    created_at=text_instant(row["created_at"]),
                    path=self._resolve(row["path"]),
                    digest_r1=row["digest_r1"],
                    digest_final=row["digest_final"],
                    receipt=row["receipt"],
                    log_index=row["log_index"],
                    supersedes_id=None if supersedes is None else DocumentId(supersedes),
                    data_digest=row["data_digest"],
                    id=DocumentId(id_),
                )
            )
        return docs


def _row(doc: IssuedDocument) -> dict[str, Any]:
    return {
        "kind": doc.kind.value,
        "number": doc.number,
        "source_table": doc.source_table,
        "source_id": doc.source_id,
        "status": doc.status.value,
        "path": doc.path,
        "digest_r1": doc.digest_r1,
        "digest_final": doc.digest_final,
        "receipt": doc.receipt,
        "log_index": doc.log_index,
        "supersedes_id": doc.supersedes_id,
        "data_digest": doc.data_digest,
        "created_at": instant_text(doc.created_at),
    }


__all__ = ["RECEIPT_LIMIT", "SOURCES", "DocumentRepository", "document_problems"]
