"""Writing files so that a crash leaves either the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import re
from pathlib import Path

from exporter_desk import _atomic
from exporter_desk.errors import ExporterError

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_NOT_WRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}


class FileWriteError(ExporterError):
    """A file could not be written; whatever was at its path before is unchanged."""


class DiskFullError(FileWriteError):
    """The disk (or the user's quota) has no room for the file."""

    def __init__(self, path: Path, size: int, cause: str) -> None:
        self.path = path
        self.size = size
        super().__init__(
            f"{path}: no space left for {size} bytes ({cause})",
            user_message=f"There is not enough free space on the disk to write '{path}' "
            f"({_size(size)}). Nothing was written. Free some space on that disk, or choose "
            "another place for the file, and try again.",
        )


class NotWritableError(FileWriteError):
    """The folder is read-only or the user may not write there."""

    def __init__(self, path: Path, cause: str) -> None:
        self.path = path
        super().__init__(
            f"{path}: cannot write ({cause})",
            user_message=f"Exporter Desk may not write '{path}' ({cause}): the folder is "
            "read-only or belongs to someone else. Nothing was written; choose another place "
            "for the file.",
        )


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, size // 1000)} kB"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``: temp file in the same folder, fsync, rename, fsync folder.

    Raises:
        DiskFullError: no room on the disk (the temp file is removed; ``path`` is unchanged).
        NotWritableError: a read-only folder or no permission.
        OSError: any other failure of the file system (``path`` is unchanged).
    """
    try:
        _atomic.write_atomically(path, data)
    except OSError as exc:
        cause = exc.strerror or str(exc)
        if exc.errno in _FULL:
            raise DiskFullError(path, len(data), cause) from exc
        if exc.errno in _NOT_WRITABLE:
            raise NotWritableError(path, cause) from exc
        raise


def safe_file_name(text: str) -> str:
    """A file name that is valid on Windows, macOS and Linux (document numbers may hold '/')."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', "-", text).strip(" .-")
    return cleaned[:100] or "document"
