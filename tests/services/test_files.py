"""Saving a file: a folder that refuses writes gets an error that says so, and nothing changes."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from exporter_desk.services._files import NotWritableError, write_atomically


@pytest.fixture
def locked_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write into: read-only for a user, immutable for root."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "invoice.pdf").write_bytes(b"the old invoice")
    if os.name == "posix" and os.geteuid() == 0:  # root ignores permission bits
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", folder], check=False).returncode:
            pytest.skip("root and no immutable attribute here: no folder refuses root")
        yield folder
        subprocess.run([chattr, "-i", folder], check=True)
    else:
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)


def test_a_folder_that_refuses_writes_says_so_and_keeps_the_old_file(locked_folder: Path) -> None:
    target = locked_folder / "invoice.pdf"
    with pytest.raises(NotWritableError) as caught:
        write_atomically(target, b"the new invoice")
    assert caught.value.path == target
    assert "read-only or belongs to someone else" in caught.value.user_message
    assert "Nothing was written" in caught.value.user_message
    assert target.read_bytes() == b"the old invoice"
    assert sorted(p.name for p in locked_folder.iterdir()) == ["invoice.pdf"]
