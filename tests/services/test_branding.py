"""The company logo and seal: checked before they are stored, and used when issuing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from exporter_desk.domain import DocumentKind
from exporter_desk.services.branding import (
    InvalidImageError,
    image_path,
    load_image,
    remove_image,
    save_image,
)
from exporter_desk.services.issuing import IssueOptions, issue_document
from exporter_desk.services.trust import load_trust
from exporter_desk.verify import Result, verify_pdf

from .conftest import Desk


def _now() -> dt.datetime:
    """Issue time: read when the test runs, not at collection, which may be minutes earlier
    than the member certificate the fixture enrols (its validity starts at enrolment)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)


def image_bytes(width: int, height: int, fmt: str = "PNG") -> bytes:
    mode = "RGBA" if fmt == "PNG" else "RGB"
    out = io.BytesIO()
    Image.new(mode, (width, height), (180, 20, 20, 200)[: len(mode)]).save(out, fmt)
    return out.getvalue()


def test_a_saved_logo_and_seal_load_back_and_can_be_removed(tmp_path: Path) -> None:
    logo, seal = image_bytes(64, 32, "JPEG"), image_bytes(40, 40)
    save_image(tmp_path, "logo", logo)
    save_image(tmp_path, "seal", seal)
    assert load_image(tmp_path, "logo") == logo
    assert load_image(tmp_path, "seal") == seal
    assert image_path(tmp_path, "seal") == tmp_path / "branding" / "seal.png"
    remove_image(tmp_path, "seal")
    assert load_image(tmp_path, "seal") is None
    remove_image(tmp_path, "seal")  # removing nothing is fine


@pytest.mark.parametrize(
    ("which", "data", "says"),
    [
        ("logo", b"GIF89a" + bytes(100), "it is not a PNG or JPEG image"),
        ("logo", b"%PDF-1.7\n", "it is not a PNG or JPEG image"),
        (
            "seal",
            image_bytes(20, 20, "JPEG"),
            "cannot be used as the company seal: it is not a PNG image",
        ),
        ("logo", image_bytes(4001, 10), "4001 x 10 pixels, too large"),
        ("logo", b"\x89PNG\r\n\x1a\n" + bytes(2 * 1024 * 1024), "MB, too large"),
        ("logo", image_bytes(50, 50)[:60], "the image is damaged"),
        ("seal", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "the image is damaged"),
    ],
    ids=["gif", "pdf", "jpeg-seal", "too-wide", "too-heavy", "truncated-png", "png-magic-only"],
)
def test_rejects_an_unusable_image_and_says_what_is_accepted(
    tmp_path: Path, which: Any, data: bytes, says: str
) -> None:
    with pytest.raises(InvalidImageError) as caught:
        save_image(tmp_path, which, data)
    assert says in caught.value.user_message
    assert "Choose a PNG" in caught.value.user_message
    assert not (tmp_path / "branding").exists()


def test_a_rejected_image_keeps_the_earlier_one(tmp_path: Path) -> None:
    seal = image_bytes(40, 40)
    save_image(tmp_path, "seal", seal)
    with pytest.raises(InvalidImageError):
        save_image(tmp_path, "seal", b"not an image")
    assert load_image(tmp_path, "seal") == seal


def _images(resources: Any, seen: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(width, height) of every image XObject reachable from ``resources``, forms included."""
    for ref in (resources or {}).get("/XObject", {}).values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Image":
            seen.append((int(xobject["/Width"]), int(xobject["/Height"])))
        elif xobject.get("/Subtype") == "/Form":
            _images(xobject.get("/Resources"), seen)
    return seen


def test_issuing_uses_the_stored_logo_and_seal(desk: Desk) -> None:
    from pypdf import PdfReader

    save_image(desk.data_dir, "logo", image_bytes(64, 32))
    save_image(desk.data_dir, "seal", image_bytes(120, 120))
    doc = issue_document(
        desk.store,
        desk.keystore,
        desk.data_dir,
        desk.network,
        DocumentKind.COMMERCIAL_INVOICE,
        1,
        now=_now(),
        options=IssueOptions(visible_seal=True),
    )
    page = PdfReader(doc.path).pages[0]
    assert (64, 32) in _images(page.get("/Resources"), [])
    widgets = [
        annot.get_object()
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/FT") == "/Sig"
    ]
    x1, y1, x2, y2 = (float(v) for v in widgets[0]["/Rect"])
    assert x2 > x1 and y2 > y1
    appearance = widgets[0]["/AP"]["/N"].get_object()
    assert (120, 120) in _images(appearance.get("/Resources"), [])
    verdict = verify_pdf(Path(doc.path), load_trust(desk.data_dir))
    assert verdict.result is Result.AUTHENTIC, [c.reason_en for c in verdict.checks]
