"""Reading a network descriptor file: a missing or oversized file gets a plain message."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporter_desk.services.trust import DescriptorFileError, read_descriptor_file


def test_a_missing_descriptor_file_says_it_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(DescriptorFileError) as caught:
        read_descriptor_file(tmp_path / "network.json")
    assert caught.value.user_message == (
        "The network file network.json cannot be read: No such file or directory."
    )


def test_a_huge_file_is_not_taken_for_a_descriptor(tmp_path: Path) -> None:
    path = tmp_path / "movie.json"
    path.write_bytes(b" " * (1024 * 1024))
    with pytest.raises(DescriptorFileError) as caught:
        read_descriptor_file(path)
    assert caught.value.user_message == "movie.json is too large to be a network descriptor."
