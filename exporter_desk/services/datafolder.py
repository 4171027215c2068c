"""Opening a company's data folder, for the GUI and the CLI alike: the checks before the
database is touched, read-only where the folder or the command allows no writes, and the
daily backup (DESIGN.md section 7).

- ``open_for_reading``: for commands that only read (info, export, pack). The database is
  opened read-only, so nothing, not even a damaged file, can be changed by them.
- ``open_for_writing``: for commands that save (demo --seed). Refuses a read-only folder with
  ``ReadOnlyDataError`` and takes the daily backup first.
- ``open_data_folder``: for the desktop app. Writable: as ``open_for_writing``. Read-only: the
  store is opened read-only and ``store.read_only`` tells the window to say so. The app passes
  ``backup=False`` and takes the daily backup with ``backup_data_folder`` on a worker.
- ``restore_backup``: put the latest (or a chosen) backup back, keeping the replaced file.

All three refuse a 0-byte database beside a company's keys, documents or backups
(``EmptyDatabaseError``) instead of starting a new company over them.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
from dataclasses import dataclass
from pathlib import Path

from exporter_desk.errors import ExporterError
from exporter_desk.store import (
    BackupError,
    ReadOnlyDataError,
    StorageFailedError,
    Store,
    backup_if_due,
    database_path,
    open_store,
    restore,
)
from exporter_desk.store._damage import damaged_database
from exporter_desk.store.backup import backup_time, backups, default_backup_dir, latest_backup
from exporter_desk.store.database import is_writable, stored_version
from exporter_desk.store.errors import EmptyDatabaseError
from exporter_desk.store.migrations import LATEST_VERSION

__all__ = [
    "NoBackupError",
    "Restored",
    "backup_data_folder",
    "check_database",
    "daily_backup",
    "is_folder_writable",
    "open_data_folder",
    "open_for_reading",
    "open_for_writing",
    "refuse_emptied_database",
    "restore_backup",
]

log = logging.getLogger(__name__)

# What a folder holds once a company has used it; beside one of these, an empty database file
# is a company's data lost (a failed copy or sync), not a new company.
COMPANY_FILES = ("keys.enc", "documents", "backups")
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def is_folder_writable(folder: Path) -> bool:
    """Whether the database in ``folder`` (or the folder, for a new one) can be written."""
    db = database_path(folder)
    return is_writable(db if db.exists() else folder)


def refuse_emptied_database(folder: Path) -> None:
    """Raises: EmptyDatabaseError for a 0-byte database beside a company's other files."""
    db = database_path(folder)
    try:
        if not db.is_file() or db.stat().st_size != 0:
            return
    except OSError:
        return  # opening it will say what is wrong
    found = [name for name in COMPANY_FILES if _holds(folder / name)]
    if not found:
        return  # a new company: the file was created and never written
    latest = latest_backup(default_backup_dir(db))
    raise EmptyDatabaseError(
        db,
        found,
        latest_backup=latest,
        backup_time=backup_time(latest) if latest is not None else None,
    )


def open_for_reading(folder: Path) -> Store:
    """The folder's database, opened read-only: the file cannot change, whatever happens.

    A folder without a database gets a new, empty one when it is writable (as before); a
    database of an older version is upgraded first when it is writable (with its backup).

    Raises:
        ReadOnlyDataError: the folder is read-only and has no (current) database to read.
        EmptyDatabaseError, DamagedDatabaseError, NotADatabaseError, NewerSchemaError.
    """
    refuse_emptied_database(folder)
    db = database_path(folder)
    writable = is_folder_writable(folder)
    if not db.exists() or db.stat().st_size == 0:
        if not writable:
            raise ReadOnlyDataError(folder, "create a database in it", has_data=False)
        open_for_writing(folder).close()
    elif writable and _needs_upgrade(db):
        open_store(db).close()
    return open_store(db, read_only=True, immutable=not writable)


def open_for_writing(folder: Path, *, now: dt.datetime | None = None, backup: bool = True) -> Store:
    """The folder's database, opened for changes, after today's backup (if not taken yet and
    ``backup``: the app takes it in the background instead, see ``backup_data_folder``).

    Raises:
        ReadOnlyDataError: the folder or the database file cannot be written.
        EmptyDatabaseError, DamagedDatabaseError, NotADatabaseError, NewerSchemaError,
        MigrationError, StorageFailedError.
    """
    refuse_emptied_database(folder)
    if not is_folder_writable(folder):
        raise ReadOnlyDataError(
            folder, "save anything in it", has_data=database_path(folder).exists()
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if exc.errno in _READ_ONLY_ERRNOS:
            raise ReadOnlyDataError(folder, "save anything in it", has_data=False) from exc
        raise StorageFailedError(f"cannot create folder {folder}: {exc.strerror}") from exc
    db = database_path(folder)
    is_new = not db.exists() or db.stat().st_size == 0
    store = open_store(db)
    if backup and not is_new:
        try:
            daily_backup(store, now or dt.datetime.now().astimezone())
        except BaseException:
            store.close()
            raise
    return store


def open_data_folder(folder: Path, *, now: dt.datetime | None = None, backup: bool = True) -> Store:
    """For the desktop app: for writing (with the daily backup if ``backup``), or read-only
    when the folder is (then ``store.read_only`` is True and the window says so)."""
    if is_folder_writable(folder):
        return open_for_writing(folder, now=now, backup=backup)
    return open_for_reading(folder)


def backup_data_folder(folder: Path, now: dt.datetime) -> Path | None:
    """Today's backup of the folder's database through a connection of its own, so that a
    background thread can take it while the app works (WAL: the copy does not block writers).

    Returns:
        The new backup, or None (taken already today, a read-only folder, no database yet,
        or it could not be written: logged).

    Raises:
        DamagedDatabaseError: the copy showed the database damaged (older backups are kept).
    """
    db = database_path(folder)
    if not db.is_file() or db.stat().st_size == 0 or not is_folder_writable(folder):
        return None
    with open_store(db, read_only=True) as store:
        return daily_backup(store, now)


def daily_backup(store: Store, now: dt.datetime) -> Path | None:
    """Today's backup, unless there is one already; the store keeps the last ten.

    A backup that cannot be written (a full disk) is logged and does not stop the user's
    work; a database that reads as damaged does (``DamagedDatabaseError``): the good older
    backups are kept, and the damaged file is not written.

    Returns:
        The new backup, or None (one exists for today, or it failed and was logged).
    """
    if not is_writable(default_backup_dir(store.path)):
        return None  # a read-only folder: nothing can be written, and nothing is lost
    try:
        return backup_if_due(store, now)
    except BackupError as exc:
        log.warning("The daily backup failed: %s", exc)
        return None


class NoBackupError(ExporterError):
    """A restore was asked for, and the folder has no backup."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(
            f"{folder}: no backups",
            user_message=f"There is no backup in '{default_backup_dir(database_path(folder))}'. "
            "Give the backup file to restore: exporter-desk restore --data FOLDER BACKUP.",
        )


@dataclass(frozen=True, slots=True)
class Restored:
    backup: Path
    database: Path
    set_aside: Path | None  # the database that was there before, kept under another name


def restore_backup(folder: Path, backup: Path | None = None) -> Restored:
    """Put ``backup`` (default: the latest in the folder) in place of the folder's database.

    The backup is checked first; the database it replaces is kept beside it
    (``<name>.before-restore-<time>``). No Exporter Desk may have the folder open meanwhile.

    Raises:
        NoBackupError: no backup given and none in the folder.
        ReadOnlyDataError: the folder cannot be written.
        BackupError / NewerSchemaError: the backup is not fit to restore (nothing changed).
    """
    db = database_path(folder)
    if not is_folder_writable(folder):
        raise ReadOnlyDataError(folder, "restore a backup into it")
    chosen = backup or latest_backup(default_backup_dir(db))
    if chosen is None:
        raise NoBackupError(folder)
    set_aside = restore(chosen, db)
    log.info("Restored %s into %s (previous file: %s)", chosen, db, set_aside)
    return Restored(chosen, db, set_aside)


def check_database(store: Store) -> None:
    """Read every page of the database once (``PRAGMA quick_check``).

    Raises:
        DamagedDatabaseError: SQLite found damage (named with its page and the latest backup).
    """
    problems = store.quick_check()
    if problems != ["ok"]:
        raise damaged_database(store.path, "; ".join(problems[:3]))


def _holds(path: Path) -> bool:
    if path.name == "backups":
        return bool(backups(path))
    return path.exists()


def _needs_upgrade(db: Path) -> bool:
    return stored_version(db) < LATEST_VERSION
