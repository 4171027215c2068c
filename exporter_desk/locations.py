"""Where the files Exporter Desk ships (fonts, icons, translations) are found, from a source
checkout, an installed wheel or a frozen bundle. Qt-free, so the documents can use it too.

The app never writes here: what it writes goes to the user's data folder (``store.data_dir``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["RESOURCES_ENV", "is_frozen", "resources_dir"]

RESOURCES_ENV = "EXPORTER_DESK_RESOURCES"


def is_frozen() -> bool:
    """True inside a PyInstaller bundle (the installed app), False when run from Python."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resources_dir() -> Path:
    """The ``resources`` folder; the first of these that applies:

    1. ``$EXPORTER_DESK_RESOURCES`` (unusual installs, tests);
    2. a frozen bundle: ``resources`` in the bundle's data folder (``sys._MEIPASS``), where
       ``installers/exporter_desk.spec`` puts it;
    3. an installed wheel: ``exporter_desk/resources`` beside this module (pyproject.toml's
       ``force-include``);
    4. a source checkout: ``resources`` at the top of the repository.
    """
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS")) / "resources"  # noqa: B009 (absent from typeshed)
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    return installed if installed.is_dir() else package.parent / "resources"
