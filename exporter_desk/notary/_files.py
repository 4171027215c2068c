"""The files of a node's data directory: names, secret files (mode 0600), and the writer lock.

A server has no desktop keyring, so its private keys are files that only the operator's account
can read; keeping the directory safe (and backed up) is the operator's job.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from exporter_desk._atomic import write_atomically
from exporter_desk.notary.errors import SetupError

__all__ = [
    "FILE_VAULT",
    "FileVault",
    "LogFiles",
    "SecretVault",
    "WitnessFiles",
    "WriterLock",
    "read_text",
    "write_public",
    "write_secret",
]


@dataclass(frozen=True, slots=True)
class LogFiles:
    """Where a log keeps its keys, descriptor and database."""

    root: Path

    @property
    def descriptor(self) -> Path:
        return self.root / "network.json"

    @property
    def log_key(self) -> Path:
        return self.root / "log.key"

    @property
    def ca_key(self) -> Path:
        return self.root / "member-ca.key.pem"

    @property
    def ca_certificate(self) -> Path:
        return self.root / "member-ca.pem"

    @property
    def registrar_key(self) -> Path:
        return self.root / "registrar.key.pem"

    @property
    def registrar_certificate(self) -> Path:
        return self.root / "registrar.pem"

    @property
    def database(self) -> Path:
        return self.root / "log.sqlite3"

    @property
    def lock(self) -> Path:
        return self.root / "log.lock"


@dataclass(frozen=True, slots=True)
class WitnessFiles:
    """Where a witness keeps its key and its record of the logs it watches."""

    root: Path

    @property
    def key(self) -> Path:
        return self.root / "witness.key"

    @property
    def verifier_key(self) -> Path:
        return self.root / "witness.vkey"

    @property
    def database(self) -> Path:
        return self.root / "witness.sqlite3"


def write_secret(path: Path, data: bytes) -> None:
    """Create ``path`` readable by its owner only (0600), refusing to overwrite anything.

    Raises:
        SetupError: if the file exists or cannot be written.
    """
    _write_new(path, data, 0o600)


class SecretVault(Protocol):
    """Where a node's private keys live, named by the file they would have on a server.

    A server keeps them as 0600 files (:data:`FILE_VAULT`); the desktop app's in-process local
    network passes a vault over the OS keyring, so no private key lands in a plain file there.
    """

    def exists(self, path: Path) -> bool: ...

    def write(self, path: Path, data: bytes) -> None: ...

    def read(self, path: Path, what: str) -> str: ...


class FileVault:
    """Private keys as files readable by their owner only."""

    def exists(self, path: Path) -> bool:
        return path.exists()

    def write(self, path: Path, data: bytes) -> None:
        write_secret(path, data)

    def read(self, path: Path, what: str) -> str:
        return read_text(path, what)


FILE_VAULT: SecretVault = FileVault()


def write_public(path: Path, data: bytes) -> None:
    """Create ``path`` (0644), refusing to overwrite anything.

    Raises:
        SetupError: if the file exists or cannot be written.
    """
    _write_new(path, data, 0o644)


def _write_new(path: Path, data: bytes, mode: int) -> None:
    try:
        # The mode is set before the file has its name: the umask neither widens nor narrows it.
        write_atomically(path, data, mode=mode, exclusive=True)
    except FileExistsError as exc:
        raise SetupError(
            f"{path} already exists",
            user_message=f"{path} already exists; refusing to overwrite it.",
        ) from exc
    except OSError as exc:
        raise SetupError(f"cannot create {path}: {exc}") from exc


def read_text(path: Path, what: str) -> str:
    """Read a UTF-8 file of the data directory.

    Raises:
        SetupError: if it is missing or unreadable.
    """
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SetupError(
            f"{what} not found at {path}",
            user_message=(
                f"The {what} is missing ({path}). Is this the right data directory, and was "
                "'init' run in it?"
            ),
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SetupError(f"cannot read {what} at {path}: {exc}") from exc


class WriterLock:
    """An exclusive, process-wide lock on a data directory: one sequencer per log.

    The operating system releases it when the process dies (even on kill -9), so a crash never
    leaves a stale lock behind.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._handle: IO[bytes] | None = None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; return whether this object now holds it."""
        if self._handle is not None:
            return True
        handle = open(self._path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        try:
            _lock(handle)
        except OSError:
            handle.close()
            return False
        self._handle = handle
        return True

    def acquire(self) -> None:
        """Take the lock.

        Raises:
            SetupError: if another process holds it.
        """
        if not self.try_acquire():
            raise SetupError(
                f"{self._path} is locked by another process",
                user_message=(
                    "Another notary process is already running on this data directory. Stop it "
                    "first, or use its HTTP API."
                ),
            )

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            with contextlib.suppress(OSError):
                _unlock(handle)
            handle.close()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
