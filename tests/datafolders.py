"""Real file-system conditions for data-folder tests: a read-only mount, a full disk, a
damaged database page. Mounting needs root (CI and this machine run tests as root, where
file permission bits would not stop a write); elsewhere the tests skip and say why."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from exporter_desk.services.demo import seed_demo
from exporter_desk.store import database_path, open_store


def seeded_folder(folder: Path) -> Path:
    """``folder`` with the demo company in its database (closed, WAL folded in)."""
    with open_store(database_path(folder)) as store:
        seed_demo(store)
    return folder


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {result.stderr.strip()}")


def _unmount(where: Path) -> None:
    if subprocess.run(["umount", str(where)], capture_output=True, check=False).returncode:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


@contextmanager
def tmpfs(where: Path, size: str = "8m") -> Iterator[Path]:
    """A fresh tmpfs of ``size`` mounted at ``where`` for the block, unmounted after."""
    where.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where))
    try:
        yield where
    finally:
        _unmount(where)


@contextmanager
def read_only_copy(source: Path, where: Path) -> Iterator[Path]:
    """A copy of the folder ``source`` on a tmpfs mounted read-only at ``where``: even root
    cannot write there (EROFS)."""
    with tmpfs(where, "32m"):
        shutil.copytree(source, where, dirs_exist_ok=True)
        _mount("-o", "remount,ro", str(where))
        probe = where / ".probe"
        with pytest.raises(OSError):
            probe.write_bytes(b"x")
        yield where


def fill(where: Path, free: int) -> None:
    """Write a filler file on the file system of ``where`` until about ``free`` bytes remain."""
    with (where / "filler").open("wb") as handle:
        chunk = b"\0" * 4096
        try:
            while shutil.disk_usage(where).free > free:
                handle.write(chunk)
                handle.flush()
        except OSError:
            pass


@contextmanager
def full_disk(where: Path, free: int = 16 * 1024) -> Iterator[Path]:
    """A 1 MB tmpfs at ``where``, filled until about ``free`` bytes are left."""
    with tmpfs(where, "1m"):
        fill(where, free)
        yield where


def damage_table(db: Path, table: str) -> int:
    """Write garbage over the root b-tree page of ``table``; returns that page's number."""
    conn = sqlite3.connect(db)
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        (page,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        kind = conn.execute(
            "SELECT pagetype FROM dbstat WHERE name = ? AND pageno = ?", (table, page)
        ).fetchone()
    finally:
        conn.close()
    assert kind is not None and kind[0] in {"leaf", "internal"}, kind
    with db.open("r+b") as handle:
        handle.seek((int(page) - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    return int(page)
