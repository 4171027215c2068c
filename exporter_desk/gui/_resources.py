"""Where the GUI finds its shipped files (icons, translations), and the icons themselves."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from exporter_desk.locations import resources_dir


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
