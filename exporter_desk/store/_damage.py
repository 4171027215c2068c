"""Naming the damage in a database file SQLite calls malformed: which page, which table, and
the latest backup to offer. Reads only; the damaged file is never written."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from exporter_desk.store.backup import backup_time, default_backup_dir, latest_backup
from exporter_desk.store.errors import DamagedDatabaseError

_BTREE_PAGE_TYPES = {2, 5, 10, 13}  # interior / leaf, index / table (SQLite file format 1.6)
_PAGE = re.compile(r"\bpage (\d+)", re.IGNORECASE)
_CHECK_LIMIT = 20


def is_damage(exc: sqlite3.Error) -> bool:
    """True for SQLite's "the file is damaged" errors (SQLITE_CORRUPT*, SQLITE_NOTADB)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    return (
        name.startswith("SQLITE_CORRUPT")
        or name == "SQLITE_NOTADB"
        or "malformed" in text
        or "file is not a database" in text
    )


def damaged_database(path: Path, cause: str) -> DamagedDatabaseError:
    """The error for a damaged ``path``, with the damaged page and the latest backup named."""
    latest = latest_backup(default_backup_dir(path))
    return DamagedDatabaseError(
        path,
        locate_damage(path),
        cause,
        latest_backup=latest,
        backup_time=backup_time(latest) if latest is not None else None,
    )


def locate_damage(path: Path) -> str | None:
    """ "page 7 (table parties)", or as much of it as can be found, or None.

    ``PRAGMA integrity_check`` names the page when it can run; when the damage stops it (a
    table's root page), the root page of every table is checked for a b-tree page header.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        roots = _root_pages(conn)
        try:
            problems = [
                str(row[0]) for row in conn.execute(f"PRAGMA integrity_check({_CHECK_LIMIT})")
            ]
        except sqlite3.Error:
            problems = []
    finally:
        conn.close()
    for problem in problems:
        found = _PAGE.search(problem)
        if found:
            return _describe(int(found.group(1)), roots)
    bad = _bad_root(path, roots)
    return _describe(bad, roots) if bad is not None else None


def _root_pages(conn: sqlite3.Connection) -> dict[int, str]:
    try:
        rows = conn.execute(
            "SELECT rootpage, name FROM sqlite_master WHERE rootpage > 0"
        ).fetchall()
    except sqlite3.Error:
        return {}
    return {int(page): str(name) for page, name in rows}


def _bad_root(path: Path, roots: dict[int, str]) -> int | None:
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
            size = int.from_bytes(header[16:18], "big")
            page_size = 65536 if size == 1 else size
            if page_size < 512:
                return 1
            for page in sorted({1, *roots}):  # page 1 holds the schema (sqlite_master)
                handle.seek((page - 1) * page_size + (100 if page == 1 else 0))
                kind = handle.read(1)
                if not kind or kind[0] not in _BTREE_PAGE_TYPES:
                    return page
    except OSError:
        return None
    return None


def _describe(page: int, roots: dict[int, str]) -> str:
    if page == 1:
        return "page 1, the list of tables"
    table = roots.get(page)
    return f"page {page}, table {table}" if table else f"page {page}"


__all__ = ["damaged_database", "is_damage", "locate_damage"]
