"""Choosing a log's storage from its configuration (``database.url`` in the data directory)."""

from __future__ import annotations

from pathlib import Path

from exporter_desk.notary._files import LogFiles, read_text, write_secret
from exporter_desk.notary.errors import SetupError
from exporter_desk.notary.storage._base import LogStorage

__all__ = ["is_postgres_url", "open_log_storage", "read_database_url", "write_database_url"]

_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(url: str) -> bool:
    return url.strip().lower().startswith(_SCHEMES)


def _config_path(files: LogFiles) -> Path:
    return files.root / "database.url"


def read_database_url(files: LogFiles) -> str | None:
    """The configured PostgreSQL URL, or None for the default SQLite file."""
    path = _config_path(files)
    if not path.exists():
        return None
    url = read_text(path, "database configuration").strip()
    if not is_postgres_url(url):
        raise SetupError(
            f"{path}: not a postgresql:// URL",
            user_message=f"{path} must hold one postgresql://user@host:port/database URL.",
        )
    return url


def write_database_url(files: LogFiles, url: str) -> None:
    """Configure the log to use the PostgreSQL database at ``url`` (file mode 0600: it may hold
    a password).

    Raises:
        SetupError: ``url`` is not a ``postgresql://`` URL, or the file exists.
    """
    if not is_postgres_url(url):
        raise SetupError(
            f"--database {url!r} is not a postgresql:// URL",
            user_message="The database must be a postgresql://user@host:port/database URL "
            "(leave it out for the SQLite file in the data directory).",
        )
    write_secret(_config_path(files), (url.strip() + "\n").encode())


def open_log_storage(files: LogFiles) -> LogStorage:
    """The storage a log's configuration names (nothing is connected yet).

    Raises:
        SetupError: the configuration is unreadable.
    """
    url = read_database_url(files)
    if url is None:
        from exporter_desk.notary.storage._sqlite import SqliteStorage

        return SqliteStorage(files.database)
    from exporter_desk.notary.storage._postgres import PostgresStorage  # psycopg only if used

    return PostgresStorage(url)
