"""One function finds the shipped resources, from a checkout, a wheel and a frozen bundle, and
the fonts of the documents and the icons of the GUI both follow it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from exporter_desk.documents._fonts import FONT_FILE_NAME, fonts_dir
from exporter_desk.gui._resources import icon_path, translations_dir
from exporter_desk.locations import RESOURCES_ENV, is_frozen, resources_dir

CHECKOUT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RESOURCES_ENV, raising=False)


def test_from_source_the_resources_are_the_checkouts() -> None:
    assert not is_frozen()
    assert resources_dir() == CHECKOUT / "resources"
    assert (fonts_dir() / FONT_FILE_NAME).is_file()
    assert icon_path("app").is_file()
    assert (translations_dir() / "exporter_desk_zh_CN.qm").is_file()


def test_frozen_the_resources_are_in_the_bundle_not_beside_the_source(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert is_frozen()
    assert resources_dir() == tmp_path / "resources"
    assert fonts_dir() == tmp_path / "resources" / "fonts"
    assert icon_path("verify") == tmp_path / "resources" / "icons" / "verify.svg"


def test_the_environment_overrides_every_other_place(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    monkeypatch.setenv(RESOURCES_ENV, str(tmp_path / "mine"))
    assert resources_dir() == fonts_dir().parent == translations_dir().parent == tmp_path / "mine"
