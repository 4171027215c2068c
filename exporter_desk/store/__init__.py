"""The company database: SQLite through sqlite-utils, one repository per aggregate.

Open it with ``open_store(database_path(data_dir(args.data)))``; use a ``Store`` from one
thread only. Every repository write is one transaction; ``store.transaction()`` groups several.
"""

from exporter_desk.store._canonical import MigrationNote
from exporter_desk.store.backup import backup, backup_if_due, backups, restore
from exporter_desk.store.database import (
    DATA_ENV,
    DB_FILENAME,
    Store,
    data_dir,
    database_path,
    open_store,
)
from exporter_desk.store.errors import (
    BackupError,
    ConstraintError,
    DamagedDatabaseError,
    DatabaseBusyError,
    DuplicateError,
    EmptyDatabaseError,
    InUseError,
    MigrationError,
    MissingReferenceError,
    NewerSchemaError,
    NotADatabaseError,
    NotFoundError,
    ReadOnlyDataError,
    SecretSettingError,
    StorageFailedError,
    StoreError,
    TooLargeError,
)
from exporter_desk.store.export import export_json
from exporter_desk.store.migrations import LATEST_VERSION, MIGRATIONS, Migration, migrate
from exporter_desk.store.outbox import OutboxItem, OutboxState, retry_delay

__all__ = [
    "DATA_ENV",
    "DB_FILENAME",
    "LATEST_VERSION",
    "MIGRATIONS",
    "BackupError",
    "ConstraintError",
    "DamagedDatabaseError",
    "DatabaseBusyError",
    "DuplicateError",
    "EmptyDatabaseError",
    "InUseError",
    "Migration",
    "MigrationError",
    "MigrationNote",
    "MissingReferenceError",
    "NewerSchemaError",
    "NotADatabaseError",
    "NotFoundError",
    "OutboxItem",
    "OutboxState",
    "ReadOnlyDataError",
    "SecretSettingError",
    "StorageFailedError",
    "Store",
    "StoreError",
    "TooLargeError",
    "backup",
    "backup_if_due",
    "backups",
    "data_dir",
    "database_path",
    "export_json",
    "migrate",
    "open_store",
    "restore",
    "retry_delay",
]
