"""The Linux desktop integration: a .desktop file that the freedesktop validator accepts and
that offers the app for PDFs, and an install script that is valid sh."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.installers.conftest import INSTALLERS, ROOT

DESKTOP = INSTALLERS / "linux" / "exporter-desk.desktop"


def _entries() -> dict[str, str]:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def test_desktop_file_passes_the_freedesktop_validator() -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        if os.environ.get("CI") == "true":
            pytest.fail("desktop-file-validate is missing (.ci/run installs desktop-file-utils)")
        pytest.skip("desktop-file-validate is not installed (apt: desktop-file-utils)")
    done = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_desktop_file_offers_the_app_for_pdfs_and_passes_the_files_on() -> None:
    entries = _entries()
    assert entries["Exec"] == "exporter-desk %F"  # the paths become argv: Verify opens them
    assert "application/pdf" in entries["MimeType"].split(";")
    assert entries["Terminal"] == "false"
    assert (ROOT / "resources" / "app_icons" / "png" / f"{entries['Icon']}-256.png").is_file()


def test_install_script_is_valid_sh() -> None:
    script = INSTALLERS / "linux" / "install.sh"
    assert os.access(script, os.X_OK)
    done = subprocess.run(["sh", "-n", str(script)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
