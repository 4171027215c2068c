"""The store's errors: each says what happened to the user's data and what to do about it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter_desk.errors import ExporterError


class StoreError(ExporterError):
    """Something about the local database that a person must know about."""


class NotADatabaseError(StoreError):
    """The file is not an Exporter Desk database; it was left untouched."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(
            f"{path}: not an Exporter Desk database ({reason})",
            user_message=f"'{path}' is not an Exporter Desk database ({reason}). "
            "The file was not changed. Choose another data folder, or restore a backup.",
        )


def _restore_advice(folder: Path, latest: Path | None, taken: dt.datetime | None) -> str:
    """What to do about a database that cannot be used: the latest backup, and how to put it
    back; or, without one, how not to make things worse."""
    if latest is None:
        return (
            f"There is no backup in '{folder / 'backups'}'. Keep a copy of the whole folder "
            "and do not start a new company in it; ask for help to recover the data."
        )
    when = f"{taken:%Y-%m-%d %H:%M}" if taken is not None else latest.name
    return (
        f"Your latest backup is from {when} ('{latest.name}'): restore it with "
        f'exporter-desk restore --data "{folder}" (the current file is kept beside it). '
        "Work done since that backup has to be entered again."
    )


class DamagedDatabaseError(StoreError):
    """SQLite found the database file damaged (a bad page); it is not written to."""

    def __init__(
        self,
        path: Path,
        where: str | None,
        cause: str,
        *,
        latest_backup: Path | None = None,
        backup_time: dt.datetime | None = None,
    ) -> None:
        self.path = path
        self.where = where
        self.latest_backup = latest_backup
        detail = f" ({where})" if where else ""
        super().__init__(
            f"{path}: damaged database{detail}: {cause}",
            user_message=f"The database file '{path}' is damaged{detail}. Exporter Desk did not "
            "change it and will not write to it. "
            + _restore_advice(path.parent, latest_backup, backup_time),
        )


class EmptyDatabaseError(StoreError):
    """A 0-byte database beside a company's keys or documents: refused, never made anew."""

    def __init__(
        self,
        path: Path,
        companions: list[str],
        *,
        latest_backup: Path | None = None,
        backup_time: dt.datetime | None = None,
    ) -> None:
        self.path = path
        self.companions = companions
        found = ", ".join(companions)
        super().__init__(
            f"{path}: empty database file beside {found}",
            user_message=f"The database file '{path}' is empty (0 bytes), but its folder holds "
            f"a company's files ({found}). Exporter Desk will not start a new company over "
            "them; a failed copy or sync may have emptied the file, and nothing was changed. "
            + _restore_advice(path.parent, latest_backup, backup_time),
        )


class ReadOnlyDataError(StoreError):
    """The data folder (or the database file) cannot be written: a read-only disk, share or
    permission. The data itself is fine; never a reason to restore anything."""

    def __init__(
        self, folder: Path, action: str, *, opened_read_only: bool = False, has_data: bool = True
    ) -> None:
        self.folder = folder
        self.action = action
        self.opened_read_only = opened_read_only
        if not has_data:
            message = (
                f"The folder '{folder}' is on a read-only disk or share, or you may not write "
                f"to it, so Exporter Desk cannot {action}. Nothing was written. Choose a folder "
                "you can write to."
            )
        else:
            if opened_read_only:
                what = (
                    f"The data folder '{folder}' is read-only, so Exporter Desk opened it "
                    f"read-only: you can look at, print and export your data, but not {action}. "
                )
            else:
                what = (
                    f"The data folder '{folder}' is read-only, so Exporter Desk cannot {action}. "
                    "Nothing was changed. "
                )
            message = what + (
                "Your data is intact. To change it, make the folder writable (check that the "
                "disk or network share is not read-only and that you may write to the folder), "
                "or copy the folder to a writable place and use that one."
            )
        super().__init__(f"{folder}: read-only, cannot {action}", user_message=message)


class NewerSchemaError(StoreError):
    """The database was written by a newer Exporter Desk; it is never overwritten."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"{path}: schema version {found} is newer than this app's {supported}",
            user_message=f"This database was last used by a newer version of Exporter Desk "
            f"(data version {found}; this version knows up to {supported}). "
            "Install the latest Exporter Desk to open it; the file was not changed.",
        )


class MigrationError(StoreError):
    """A schema migration failed and was rolled back."""

    def __init__(self, number: int, name: str, cause: str, backup: Path | None) -> None:
        self.number = number
        self.backup = backup
        where = f" A copy made before the upgrade is in '{backup}'." if backup else ""
        super().__init__(
            f"migration {number} ({name}) failed: {cause}",
            user_message=f"Exporter Desk could not upgrade the database (step {number}, {name}); "
            f"nothing was changed.{where} Please report this problem.",
        )


class NotFoundError(StoreError):
    """No row with that id: it was deleted, or never existed."""

    def __init__(self, subject: str, id_: int) -> None:
        self.subject = subject
        self.id = id_
        super().__init__(
            f"{subject} {id_} not found",
            user_message=f"The {subject} (#{id_}) no longer exists; it may have been deleted. "
            "Refresh the list and try again.",
        )


class DuplicateError(StoreError):
    """Another row already has this number or reference."""

    def __init__(self, subject: str, what: str, value: str) -> None:
        self.subject = subject
        self.value = value
        super().__init__(
            f"duplicate {subject} {what} {value!r}",
            user_message=f"Another {subject} already has the {what} '{value}'. "
            f"Each {subject} needs its own {what}; choose another.",
        )


class MissingReferenceError(StoreError):
    """An object points at a party, contract, product... that does not exist."""

    def __init__(self, subject: str, field: str, target: str, id_: int) -> None:
        self.field = field
        self.id = id_
        super().__init__(
            f"{subject}.{field} refers to missing {target} {id_}",
            user_message=f"The {subject} refers to a {target} (#{id_}) that does not exist "
            f"({field.replace('_', ' ')}); pick one from the list.",
        )


class InUseError(StoreError):
    """Deleting this row would leave others pointing at nothing."""

    def __init__(self, subject: str, id_: int, users: dict[str, int]) -> None:
        self.users = users
        listed = ", ".join(f"{count} {what}" for what, count in users.items())
        super().__init__(
            f"{subject} {id_} is used by {listed}",
            user_message=f"This {subject} cannot be deleted: it is used by {listed}. "
            "Remove those first, or keep it.",
        )


class TooLargeError(StoreError):
    """A value larger than any real document needs; refused before it reaches the file."""

    def __init__(self, subject: str, field: str, size: int, limit: int) -> None:
        self.field = field
        self.size = size
        self.limit = limit
        super().__init__(
            f"{subject}.{field}: {size} characters, limit {limit}",
            user_message=f"The {field.replace('_', ' ')} of the {subject} is {size:,} characters "
            f"long; at most {limit:,} fit. Shorten it (was something pasted by mistake?).",
        )


class SecretSettingError(StoreError):
    """Secrets belong in the OS keyring, never in the database."""

    def __init__(self, key: str) -> None:
        super().__init__(
            f"refusing to store secret-looking setting {key!r}",
            user_message=f"The setting '{key}' looks like a secret (password, key or token). "
            "Secrets are kept in the system keyring, not in the company database.",
        )


class ConstraintError(StoreError):
    """A rule of the database refused the data (a safety net behind validation)."""

    def __init__(self, cause: str) -> None:
        super().__init__(
            f"constraint failed: {cause}",
            user_message="The data breaks a rule of the database and was not saved "
            f"({cause}). Please report this problem.",
        )


class DatabaseBusyError(StoreError):
    """Another program holds the database for too long."""

    def __init__(self, cause: str) -> None:
        super().__init__(
            f"database busy: {cause}",
            user_message="The database is in use by another program (is Exporter Desk open "
            "twice?). Close the other window and try again; nothing was saved.",
        )


class StorageFailedError(StoreError):
    """SQLite could not write: disk full, I/O error."""

    def __init__(self, cause: str) -> None:
        super().__init__(
            f"database write failed: {cause}",
            user_message=f"Exporter Desk could not write to its database ({cause}). "
            "Check free disk space and folder permissions; nothing was saved.",
        )


class BackupError(StoreError):
    """A backup could not be made, or a backup file is not fit to restore."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(
            f"backup {path}: {reason}",
            user_message=f"The backup '{path.name}' cannot be used: {reason}. "
            "Choose another backup; your current data was not changed.",
        )


__all__ = [
    "BackupError",
    "ConstraintError",
    "DamagedDatabaseError",
    "DatabaseBusyError",
    "DuplicateError",
    "EmptyDatabaseError",
    "InUseError",
    "MigrationError",
    "MissingReferenceError",
    "NewerSchemaError",
    "NotADatabaseError",
    "NotFoundError",
    "ReadOnlyDataError",
    "SecretSettingError",
    "StorageFailedError",
    "StoreError",
    "TooLargeError",
]
