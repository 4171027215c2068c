"""What every installer says about the app: its names, identifiers, version and file types.

One place, read by the PyInstaller spec, the Windows and macOS build scripts and the tests, so
that the Start-menu entry, the Info.plist and the bundle never disagree. Standard library only.
"""

from __future__ import annotations

import platform
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "Exporter Desk"
# The executable of the command line and of the Linux and macOS bundles; on Windows the app
# itself is GUI_EXE (no console window), the command line the console program CLI_EXE.
CLI_NAME = "exporter-desk"
GUI_NAME = "ExporterDesk"
BUNDLE_ID = "com.exporterdesk.ExporterDesk"
PUBLISHER = "Exporter Desk"
# Inno Setup's AppId: never change it, or Windows treats the next version as another program.
WINDOWS_APP_ID = "{{6F0B7C52-9B1E-4C2A-8E4D-3A7E2B9D5C11}"
MACOS_MINIMUM = "14.0"  # the QtPdf wheel (PySide6_Pdf 6.12) is built for macOS 14 and later
ICONS = ROOT / "resources" / "app_icons"


def version() -> str:
    """The package's version, from pyproject.toml (what ``exporter-desk --version`` prints)."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        data: dict[str, Any] = tomllib.load(file)
    return str(data["project"]["version"])


def numeric_version(text: str) -> tuple[int, int, int, int]:
    """``0.1.0`` -> (0, 1, 0, 0): the four numbers Windows version resources hold."""
    numbers = [int("".join(ch for ch in part if ch.isdigit()) or 0) for part in text.split(".")]
    return (*numbers, 0, 0, 0, 0)[:4]  # type: ignore[return-value]


def platform_tag() -> str:
    """``linux-x86_64``, ``windows-amd64``, ``macos-arm64``: the suffix of the artefacts."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def info_plist(app_version: str) -> dict[str, Any]:
    """The macOS bundle's Info.plist entries beyond those PyInstaller writes itself."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": app_version,
        "CFBundleVersion": app_version,
        "CFBundlePackageType": "APPL",
        "LSMinimumSystemVersion": MACOS_MINIMUM,
        "LSApplicationCategoryType": "public.app-category.business",
        "NSHighResolutionCapable": True,
        "NSPrincipalClass": "NSApplication",
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": f"Copyright the {PUBLISHER} authors. Apache-2.0.",
        # "Open with" for PDFs: Finder sends the file as an open-document Apple event, which
        # Qt turns into a QFileOpenEvent (gui/file_open.py shows it in Verify).
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "PDF document",
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Alternate",
                "LSItemContentTypes": ["com.adobe.pdf"],
                "CFBundleTypeExtensions": ["pdf"],
            }
        ],
    }
