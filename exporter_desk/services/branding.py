"""The company's logo (document header) and seal image (visible signature), kept as checked
files in ``data_dir/branding``: images are not secrets, so they live beside the documents."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Final, Literal

from PIL import Image, UnidentifiedImageError
from reportlab.lib.utils import ImageReader

from exporter_desk.errors import ExporterError
from exporter_desk.services._files import write_atomically

__all__ = [
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_SIDE",
    "InvalidImageError",
    "Which",
    "image_path",
    "load_image",
    "remove_image",
    "save_image",
]

Which = Literal["logo", "seal"]
MAX_IMAGE_BYTES: Final = 2 * 1024 * 1024
MAX_IMAGE_SIDE: Final = 4000
_PNG_MAGIC: Final = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC: Final = b"\xff\xd8\xff"
_ACCEPTED: Final = {
    "logo": "a PNG or JPEG image of at most 2 MB and 4000 x 4000 pixels",
    "seal": "a PNG image (transparent background recommended) of at most 2 MB and "
    "4000 x 4000 pixels",
}
_NAMES: Final = {"logo": "logo", "seal": "company seal"}


class InvalidImageError(ExporterError):
    """An image the user chose for the logo or the seal cannot be used."""


def image_path(data_dir: Path, which: Which) -> Path:
    return data_dir / "branding" / f"{which}.png"


def _invalid(which: Which, technical: str, problem: str) -> InvalidImageError:
    return InvalidImageError(
        f"{which}: {technical}",
        user_message=f"This file cannot be used as the {_NAMES[which]}: {problem}. "
        f"Choose {_ACCEPTED[which]}.",
    )


def _check(which: Which, data: bytes) -> None:
    """Cheap checks first (size, magic bytes), then decoding.

    Raises:
        InvalidImageError: saying what is wrong and what is accepted.
    """
    if len(data) > MAX_IMAGE_BYTES:
        raise _invalid(
            which, f"{len(data)} bytes", f"it is {len(data) / 1024 / 1024:.1f} MB, too large"
        )
    is_png = data.startswith(_PNG_MAGIC)
    if which == "seal" and not is_png:
        raise _invalid(which, "not PNG", "it is not a PNG image")
    if not is_png and not data.startswith(_JPEG_MAGIC):
        raise _invalid(which, "neither PNG nor JPEG", "it is not a PNG or JPEG image")
    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
            if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE:
                raise _invalid(
                    which, f"{width}x{height} px", f"it is {width} x {height} pixels, too large"
                )
            img.load()  # decode every pixel: a truncated file fails only here (or when printing)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _invalid(which, f"unreadable: {exc}", "the image is damaged") from exc
    try:
        ImageReader(io.BytesIO(data)).getSize()  # what the document renderer will do with it
    except (OSError, ValueError, SyntaxError) as exc:
        raise _invalid(which, f"reportlab: {exc}", "the image is damaged") from exc
    if which == "seal":
        # The signer's own check (PNG of sane size), so that issuing cannot refuse it later.
        # Imported here: the signing appearance module loads pyHanko.
        from exporter_desk.signing import check_seal_png
        from exporter_desk.signing.errors import SealAppearanceError

        try:
            check_seal_png(data)
        except SealAppearanceError as exc:
            raise _invalid(which, str(exc), "the image is damaged") from exc


def save_image(data_dir: Path, which: Which, data: bytes) -> None:
    """Check ``data`` and store it as the company's logo or seal, replacing the earlier one.

    Raises:
        InvalidImageError: not a PNG/JPEG (the seal: not a PNG), over 2 MB or 4000 x 4000
            pixels, or not decodable.
    """
    _check(which, data)
    write_atomically(image_path(data_dir, which), data)


def load_image(data_dir: Path, which: Which) -> bytes | None:
    """The stored image, or None when the user has not chosen one."""
    try:
        return image_path(data_dir, which).read_bytes()
    except FileNotFoundError:
        return None


def remove_image(data_dir: Path, which: Which) -> None:
    image_path(data_dir, which).unlink(missing_ok=True)
