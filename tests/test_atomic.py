"""Every layer writes a file the same way: all of the new bytes or none, and no litter."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from exporter_desk._atomic import replace_durably, write_atomically


def test_a_file_is_created_with_its_folder_and_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "file.bin"
    write_atomically(target, b"first version, rather long")
    write_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.bin"]


def test_a_failed_rename_leaves_the_target_alone_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "inside").write_bytes(b"kept")
    with pytest.raises(OSError):
        write_atomically(target, b"would replace a folder")
    assert (target / "inside").read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_exclusive_refuses_an_existing_file_and_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "log.key"
    write_atomically(target, b"original", exclusive=True)
    with pytest.raises(FileExistsError):
        write_atomically(target, b"impostor", exclusive=True)
    assert target.read_bytes() == b"original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.key"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_mode_is_the_one_asked_for_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_atomically(tmp_path / "public.pem", b"x", mode=0o644)
        write_atomically(tmp_path / "default", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "public.pem").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "default").stat().st_mode) == 0o600


def test_a_streamed_file_is_put_in_place_and_its_partial_name_is_gone(tmp_path: Path) -> None:
    partial = tmp_path / "report.xlsx.partial"
    partial.write_bytes(b"workbook")
    (tmp_path / "report.xlsx").write_bytes(b"old workbook")
    replace_durably(partial, tmp_path / "report.xlsx")
    assert (tmp_path / "report.xlsx").read_bytes() == b"workbook"
    assert not partial.exists()
