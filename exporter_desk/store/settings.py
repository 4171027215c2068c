"""Company profile settings as text key/value pairs. Never secrets: those live in the keyring."""

from __future__ import annotations

import re

from exporter_desk.store._convert import check_sizes
from exporter_desk.store._session import Session
from exporter_desk.store.errors import SecretSettingError

KEY_LIMIT = 100
VALUE_LIMIT = 10_000
_SECRET_KEY = re.compile(
    r"pass(word|wd|phrase)|secret|token|private|credential|api[_.-]?key|(^|[_.-])pin($|[_.-])",
    re.IGNORECASE,
)
_SECRET_VALUE = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")


class SettingsRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._s.one("SELECT value FROM settings WHERE key = ?", (key,))
        return default if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        """Store one setting (replacing any earlier value).

        Raises:
            SecretSettingError: for a key or value that looks like a secret.
            TooLargeError: for a key over 100 or a value over 10,000 characters.
            ValueError: for an empty key (a caller bug).
        """
        if not key.strip():
            raise ValueError("a setting needs a key")
        if _SECRET_KEY.search(key) or _SECRET_VALUE.search(value):
            raise SecretSettingError(key)
        check_sizes(
            "setting", {"key": key, "value": value}, {"key": KEY_LIMIT, "value": VALUE_LIMIT}
        )
        with self._s.transaction():
            self._s.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                "SET value = excluded.value, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                (key, value),
            )

    def delete(self, key: str) -> None:
        with self._s.transaction():
            self._s.execute("DELETE FROM settings WHERE key = ?", (key,))

    def all(self) -> dict[str, str]:
        return {
            row["key"]: row["value"]
            for row in self._s.rows("SELECT key, value FROM settings ORDER BY key")
        }


__all__ = ["SettingsRepository"]
