"""Backups with the SQLite backup API: on demand, daily, before migrations; and restore.

A backup is a consistent snapshot (the backup API copies pages under a read lock, WAL content
included), written to a temporary name, checked, synced and renamed, so a crash never leaves a
half-written file under a backup's name. File names carry a label and a timestamp that sort in
time order: ``exporter-desk-daily-20250114-093000-000000.sqlite3``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from exporter_desk._atomic import replace_durably
from exporter_desk.store.errors import BackupError, DamagedDatabaseError, NewerSchemaError

if TYPE_CHECKING:
    from exporter_desk.store.database import Store

PREFIX = "exporter-desk-"
SUFFIX = ".sqlite3"
KEEP = 10
_MAGIC = b"SQLite format 3\x00"
_STAMP = re.compile(r"-(\d{8}-\d{6}-\d{6})(?:_\d+)?" + re.escape(SUFFIX) + "$")


def default_backup_dir(db_path: Path) -> Path:
    """``backups/`` next to the database, inside the company's data folder."""
    return db_path.parent / "backups"


def backup(
    store: Store, dest_dir: Path, keep: int = KEEP, *, now: dt.datetime | None = None
) -> Path:
    """Copy the open store to ``dest_dir`` and keep the ``keep`` newest manual backups.

    Raises:
        BackupError: when the copy fails its check (the partial file is removed).
        ValueError: inside an open transaction (a caller bug: the copy must be committed data).
    """
    return backup_connection(store._session.conn, dest_dir, label="manual", keep=keep, now=now)


def backup_if_due(
    store: Store, now: dt.datetime, dest_dir: Path | None = None, keep: int = KEEP
) -> Path | None:
    """The daily backup: made once per calendar day of ``now``; the ``keep`` newest are kept.

    Its check reads every page: a damaged database raises ``DamagedDatabaseError``, keeps its
    older backups, and the store refuses to write from then on.

    Returns:
        The new backup, or None when today's already exists.

    Raises:
        DamagedDatabaseError: the copy showed the database damaged.
        BackupError: the copy could not be written (a full disk).
    """
    directory = dest_dir or default_backup_dir(store.path)
    if any(directory.glob(f"{PREFIX}daily-{now:%Y%m%d}-*{SUFFIX}")):
        return None
    try:
        return backup_connection(store._session.conn, directory, label="daily", keep=keep, now=now)
    except DamagedDatabaseError as exc:
        store.mark_damaged(exc)
        raise


def backups(dest_dir: Path, label: str | None = None) -> list[Path]:
    """Backups in ``dest_dir`` (of one label, or all), oldest first."""
    pattern = f"{PREFIX}{label}-*{SUFFIX}" if label else f"{PREFIX}*{SUFFIX}"
    return sorted(dest_dir.glob(pattern), key=lambda p: p.name)


def backup_time(path: Path) -> dt.datetime | None:
    """When the backup ``path`` was taken, read from its name (local time), or None."""
    found = _STAMP.search(path.name)
    if found is None:
        return None
    return dt.datetime.strptime(found.group(1), "%Y%m%d-%H%M%S-%f")


def latest_backup(dest_dir: Path) -> Path | None:
    """The newest backup in ``dest_dir`` of any label (daily, manual, before an upgrade)."""
    try:
        found = [(backup_time(p), p) for p in backups(dest_dir)]
    except OSError:
        return None
    dated = [(when, p) for when, p in found if when is not None]
    return max(dated)[1] if dated else None


def backup_connection(
    conn: sqlite3.Connection,
    dest_dir: Path,
    *,
    label: str,
    keep: int = KEEP,
    now: dt.datetime | None = None,
) -> Path:
    """Copy the database behind ``conn`` to ``dest_dir``; prune to ``keep`` of this label.

    Raises:
        DamagedDatabaseError: when the copy fails its check because the database is damaged
            (no backup is kept, none is pruned: the good older ones stay).
        BackupError: when the copy cannot be written.
        ValueError: when ``conn`` is inside a transaction.
    """
    if conn.in_transaction:
        raise ValueError("back up between transactions, not inside one")
    moment = now or dt.datetime.now().astimezone()
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(dest_dir, f"the folder cannot be created ({exc.strerror})") from exc
    stamp = f"{moment:%Y%m%d-%H%M%S-%f}"
    dest = dest_dir / f"{PREFIX}{label}-{stamp}{SUFFIX}"
    counter = 1
    while dest.exists():
        counter += 1
        dest = dest_dir / f"{PREFIX}{label}-{stamp}_{counter}{SUFFIX}"
    try:
        _copy(conn, dest, journal_mode="DELETE")
    except _CopyDamaged as exc:
        from exporter_desk.store._damage import damaged_database

        source = Path(conn.execute("PRAGMA database_list").fetchone()[2])
        raise damaged_database(source, exc.reason) from exc
    _prune(dest_dir, label, keep)
    return dest


class _CopyDamaged(Exception):
    """The copy of a database read as damaged: the source is damaged. A signal between
    ``_copy`` and its callers, never shown: each says it in its own words."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def restore(backup_file: Path, target_path: Path) -> Path | None:
    """Replace the database at ``target_path`` with a verified copy of ``backup_file``.

    The store at ``target_path`` must be closed. The backup is checked first (SQLite header,
    ``PRAGMA integrity_check``, schema not newer than this app); only then is the current
    database set aside next to it as ``<name>.before-restore-<time>`` and the copy put in
    its place by an atomic rename.

    Returns:
        The path of the set-aside database, or None when there was none.

    Raises:
        BackupError: when the backup is unreadable, damaged, or not an Exporter Desk database.
        NewerSchemaError: when the backup was made by a newer Exporter Desk.
    """
    from exporter_desk.store.migrations import LATEST_VERSION

    _verify_backup(backup_file, LATEST_VERSION)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"{backup_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        fresh = target_path.with_name(target_path.name + ".restoring")
        _copy(source, fresh, journal_mode="DELETE")
    except _CopyDamaged as exc:  # it passed its check a moment ago: damaged since
        raise BackupError(backup_file, f"it is damaged ({exc.reason})") from exc
    finally:
        source.close()
    set_aside = None
    if target_path.exists():
        _checkpoint(target_path)
        set_aside = target_path.with_name(
            f"{target_path.name}.before-restore-{dt.datetime.now():%Y%m%d-%H%M%S-%f}"
        )
        os.replace(target_path, set_aside)
    for leftover in ("-wal", "-shm"):
        # A stale WAL would be replayed onto the restored file and corrupt it.
        Path(f"{target_path}{leftover}").unlink(missing_ok=True)
    replace_durably(fresh, target_path)
    return set_aside


def _verify_backup(path: Path, latest: int) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_MAGIC))
    except OSError as exc:
        raise BackupError(path, f"it cannot be read ({exc.strerror})") from exc
    if header != _MAGIC:
        raise BackupError(path, "it is not an SQLite database")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(path, f"SQLite cannot read it ({exc})") from exc
    finally:
        conn.close()
    if result != ["ok"]:
        raise BackupError(path, f"it is damaged ({'; '.join(result[:3])})")
    if version < 1 or "_migrations" not in tables:
        raise BackupError(path, "it is not an Exporter Desk database")
    if version > latest:
        raise NewerSchemaError(path, version, latest)


def _copy(source: sqlite3.Connection, dest: Path, *, journal_mode: str) -> None:
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        target = sqlite3.connect(partial)
    except sqlite3.Error as exc:
        raise BackupError(dest, f"the copy cannot be created ({exc})") from exc
    try:
        source.backup(target)
        # The copy inherits WAL mode from the source's header; a backup is one closed file.
        target.execute(f"PRAGMA journal_mode = {journal_mode}")
        check = target.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as exc:
        target.close()
        partial.unlink(missing_ok=True)
        from exporter_desk.store._damage import is_damage

        if is_damage(exc):
            raise _CopyDamaged(dest, str(exc)) from exc
        raise BackupError(dest, f"the copy failed ({exc})") from exc
    except OSError as exc:
        target.close()
        partial.unlink(missing_ok=True)
        raise BackupError(dest, f"the copy failed ({exc.strerror})") from exc
    target.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise _CopyDamaged(dest, f"the copy failed its check ({check})")
    try:
        replace_durably(partial, dest)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(dest, f"the copy cannot be saved ({exc.strerror})") from exc


def _checkpoint(path: Path) -> None:
    """Fold a WAL into the main file so that setting the file aside keeps all of it."""
    with contextlib.suppress(sqlite3.Error):
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()


def _prune(dest_dir: Path, label: str, keep: int) -> None:
    found = backups(dest_dir, label)
    for old in found[: max(0, len(found) - keep)]:
        old.unlink(missing_ok=True)


__all__ = [
    "KEEP",
    "backup",
    "backup_connection",
    "backup_if_due",
    "backup_time",
    "backups",
    "default_backup_dir",
    "latest_backup",
    "restore",
]
