"""The one way Exporter Desk replaces a file: all of the new bytes or none of them, durably.

Every layer may import this module (it imports nothing of ours), so the desktop services, the
keystore, the store's backups and the notary all write files the same way: a temporary file in
the same folder, ``fsync``, rename over the target, ``fsync`` the folder so that the rename
itself survives a power cut. A reader sees the old file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

__all__ = ["fsync_file", "fsync_folder", "replace_durably", "write_atomically"]


def write_atomically(
    path: Path, data: bytes, *, mode: int | None = None, exclusive: bool = False
) -> None:
    """Write ``data`` to ``path``: temp file, fsync, rename (or link), fsync the folder.

    Args:
        path: the file to write; its folder is created if missing.
        data: the whole new content.
        mode: permission bits for the new file; None keeps the private 0600 of a temp file.
        exclusive: refuse to replace an existing ``path`` (raises :class:`FileExistsError`).

    Raises:
        FileExistsError: ``exclusive`` and ``path`` exists (nothing is written).
        OSError: any failure of the file system; ``path`` is unchanged and no temp file is left.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None and sys.platform != "win32":
            os.chmod(temp, mode)  # before the file has its name: never visible with other bits
        if exclusive:
            os.link(temp, path)  # fails if the name is taken, unlike a rename
        else:
            os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    fsync_folder(path.parent)


def replace_durably(partial: Path, target: Path) -> None:
    """Put a finished file written elsewhere (a zip, a workbook) in place: fsync, rename, fsync.

    For writers that stream into ``partial`` themselves; ``partial`` must be in a folder on the
    same file system as ``target`` (normally the same folder).
    """
    fsync_file(partial)
    os.replace(partial, target)
    fsync_folder(target.parent)


def fsync_file(path: Path) -> None:
    """Flush a file written by someone else (SQLite's backup, a zip writer) to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_folder(path: Path) -> None:
    """Make a rename in ``path`` durable (POSIX); Windows cannot open a folder and needs no step."""
    if os.name == "nt":
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
