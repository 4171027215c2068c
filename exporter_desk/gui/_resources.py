"""Where the GUI finds its shipped files (icons, translations), and the icons themselves."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon


def resources_dir() -> Path:
    """The ``resources`` folder: $EXPORTER_DESK_RESOURCES, an installed wheel, or the checkout.

    The same order as the document fonts use (``documents/_fonts.py``).
    """
    override = os.environ.get("EXPORTER_DESK_RESOURCES")
    if override:
        return Path(override)
    here = Path(__file__).resolve()
    installed = here.parents[1] / "resources"
    return installed if (installed / "icons").is_dir() else here.parents[2] / "resources"


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / f"{name}.svg"


@cache
def icon(name: str) -> QIcon:
    """An SVG icon by name (``resources/icons/<name>.svg``): sharp at any scale factor."""
    path = icon_path(name)
    return QIcon(str(path)) if path.is_file() else QIcon()


def translations_dir() -> Path:
    return resources_dir() / "translations"


__all__ = ["icon", "icon_path", "resources_dir", "translations_dir"]
