"""The app's icon files for Windows, macOS and Linux are drawn from resources/icons/app.svg and
kept up to date with it (resources/app_icons/generate.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.installers.conftest import ROOT, load

generate = load("resources/app_icons/generate.py")
ICONS = ROOT / "resources" / "app_icons"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("icons")
    generate.generate(out)
    return out


def _largest_difference(a: Image.Image, b: Image.Image) -> int:
    extrema = ImageChops.difference(a.convert("RGBA"), b.convert("RGBA")).getextrema()
    return max(high for _low, high in extrema)


@pytest.mark.parametrize("size", generate.PNG_SIZES)
def test_committed_png_matches_a_fresh_render_of_the_svg(fresh: Path, size: int) -> None:
    name = f"png/exporter-desk-{size}.png"
    committed, rendered = Image.open(ICONS / name), Image.open(fresh / name)
    assert committed.size == rendered.size == (size, size)
    # A little slack for another Qt's antialiasing; a changed app.svg differs by far more.
    assert _largest_difference(committed, rendered) <= 24, (
        f"{name} is stale: run uv run python resources/app_icons/generate.py"
    )


def test_windows_icon_holds_every_size_explorer_and_the_taskbar_ask_for() -> None:
    ico = Image.open(ICONS / "exporter-desk.ico")
    assert sorted(ico.info["sizes"]) == [(s, s) for s in sorted(generate.ICO_SIZES)]
    ico.size = (16, 16)  # type: ignore[misc]
    ico.load()
    committed_16 = Image.open(ICONS / "png/exporter-desk-16.png")
    assert _largest_difference(ico, committed_16) <= 24


def test_macos_icon_holds_retina_sizes_up_to_1024() -> None:
    icns = Image.open(ICONS / "exporter-desk.icns")
    sizes = {(w * scale, h * scale) for w, h, scale in icns.info["sizes"]}
    assert {(s, s) for s in (32, 64, 128, 256, 512, 1024)} <= sizes
    icns.size = (512, 512)  # type: ignore[misc]
    icns.load(scale=2)
    assert icns.size == (1024, 1024)


def test_small_sizes_are_drawn_at_their_size_not_shrunk_from_a_big_bitmap() -> None:
    drawn = Image.open(io.BytesIO(generate.render_png(16)))
    shrunk = (
        Image.open(io.BytesIO(generate.render_png(1024)))
        .convert("RGBA")
        .resize((16, 16), Image.Resampling.NEAREST)
    )
    assert drawn.size == (16, 16)
    assert _largest_difference(drawn, shrunk) > 24  # proof that the comparison above has teeth


def test_a_broken_source_image_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "app.svg"
    broken.write_text("<svg", encoding="utf-8")
    with pytest.raises(ValueError, match="not a usable SVG"):
        generate.render_png(32, broken)
