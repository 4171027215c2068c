"""Where the files Exporter Desk ships (fonts, icons, translations) are found, from a source
checkout, an installed wheel or a frozen bundle, and where the user's data folder is. Qt-free
and cheap to import (the verify command needs the data folder, not the database code).

The app never writes to the resources: what it writes goes to the user's data folder
(:func:`data_dir`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = [
    "DATABASE_FILE_NAME",
    "DATA_ENV",
    "RESOURCES_ENV",
    "data_dir",
    "is_frozen",
    "resources_dir",
]

DATABASE_FILE_NAME = "exporter-desk.sqlite3"
"""The company database in a data folder (``store.database_path``)."""

RESOURCES_ENV = "EXPORTER_DESK_RESOURCES"
DATA_ENV = "EXPORTER_DESK_DATA"


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


def data_dir(explicit: str | None = None) -> Path:
    """The company's data folder: ``--data DIR``, else $EXPORTER_DESK_DATA, else the platform's
    user data folder (``platformdirs.user_data_dir("ExporterDesk", "ExporterDesk")``)."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DATA_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # only here: most runs name the folder

    return Path(platformdirs.user_data_dir("ExporterDesk", "ExporterDesk"))
