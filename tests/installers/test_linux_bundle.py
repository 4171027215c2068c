"""The Linux bundle, built for real by installers/build.py from the PyInstaller spec, unpacked
from its tarball like a user would, and run: the command line, issuing and verifying, the GUI
starting offscreen with a PDF from the command line, installing and uninstalling.

This is how CI proves the spec on every change. The build takes one to three minutes on two
cores; it runs once per session (module-scoped fixture). Where PyInstaller is missing the test is
skipped, except in CI (CI=true), where that fails. To try the tests on a tarball built before,
set EXPORTER_DESK_TEST_TARBALL to it (ignored in CI, which always builds).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from exporter_desk import __version__
from exporter_desk.gui.startup import QUIT_AFTER_SHOWN_ENV, SHOWN_LINE
from tests.installers.conftest import INSTALLERS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
]

PASSPHRASE = "correct horse battery staple"


@dataclass(frozen=True)
class Unpacked:
    home: Path  # the unpacked tarball's top folder
    program: Path
    build_seconds: float
    archive: Path

    @property
    def bundle(self) -> Path:
        return self.program.parent


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if not p.is_symlink()
    }


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Unpacked:
    if importlib.util.find_spec("PyInstaller") is None:
        message = "PyInstaller is not installed (uv sync installs the dev group)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: CI must build the bundle")
        pytest.skip(message)
    target = tmp_path_factory.mktemp("unpacked")
    reuse = os.environ.get("EXPORTER_DESK_TEST_TARBALL", "")
    if reuse and os.environ.get("CI") != "true":
        return _unpack(Path(reuse), target, 0.0)
    out = tmp_path_factory.mktemp("build")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(INSTALLERS / "build.py"), "--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    seconds = time.perf_counter() - start
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (archive,) = out.glob("exporter-desk-*-linux-*.tar.gz")
    return _unpack(archive, target, seconds)


def _unpack(archive: Path, target: Path, seconds: float) -> Unpacked:
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="tar")
    (home,) = target.iterdir()
    return Unpacked(home, home / "exporter-desk" / "exporter-desk", seconds, archive)


@pytest.fixture
def user(tmp_path: Path) -> dict[str, str]:
    """The environment of a user with an empty home, no OS keyring and no screen."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "EXPORTER_DESK_", "XDG_", "QT_"))
    }
    env.update(
        HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        # No Secret Service here or on a developer's desktop: keys go to the passphrase file.
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        EXPORTER_DESK_PASSPHRASE=PASSPHRASE,
    )
    return env


def run(
    program: Path, *args: str, env: Mapping[str, str], cwd: Path, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args],
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_bundle_reports_the_packages_version(
    unpacked: Unpacked, user: dict[str, str], tmp_path: Path
) -> None:
    done = run(unpacked.program, "--version", env=user, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"exporter-desk {__version__}"
    print(
        f"build took {unpacked.build_seconds:.0f} s; tarball {unpacked.archive.stat().st_size / 1e6:.0f} MB"
    )


def test_frozen_app_issues_and_verifies_and_catches_a_flipped_byte(
    unpacked: Unpacked, user: dict[str, str], tmp_path: Path
) -> None:
    before = _snapshot(unpacked.home)
    out = tmp_path / "demo"
    done = run(unpacked.program, "demo", "--out", str(out), env=user, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    invoice = next(out.glob("commercial-invoice-*.pdf"))
    network = str(out / "network.json")

    done = run(
        unpacked.program, "verify", str(invoice), "--network", network, env=user, cwd=tmp_path
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == f"{invoice}: AUTHENTIC"

    data = bytearray(invoice.read_bytes())
    data[len(data) // 3] ^= 0x01
    flipped = tmp_path / "flipped.pdf"
    flipped.write_bytes(bytes(data))
    done = run(
        unpacked.program, "verify", str(flipped), "--network", network, env=user, cwd=tmp_path
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == f"{flipped}: TAMPERED"
    # The documents were drawn in the shipped font (found in the bundle, not the system).
    assert b"+WenQuanYiMicroHei" in invoice.read_bytes()
    assert _snapshot(unpacked.home) == before, "the frozen app wrote beside itself"


def test_frozen_gui_starts_shows_the_pdf_from_its_command_line_in_verify_and_quits(
    unpacked: Unpacked, user: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "demo"
    assert run(unpacked.program, "demo", "--out", str(out), env=user, cwd=tmp_path).returncode == 0
    invoice = next(out.glob("commercial-invoice-*.pdf"))
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    settings = Path(user["HOME"]) / ".config" / "ExporterDesk" / "Exporter Desk.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[ui]\nlanguage=zh_CN\n", encoding="utf-8")
    before = _snapshot(unpacked.home)
    done = run(
        unpacked.program,
        "--data",
        str(out / "data"),
        str(invoice),
        env={**user, QUIT_AFTER_SHOWN_ENV: "1"},
        cwd=cwd,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert SHOWN_LINE in lines
    # Verify holds the file, and the Chinese catalogue (resources/translations) was loaded.
    assert f"exporter-desk: screen verify; files {invoice.name}; language zh_CN" in lines
    assert "Traceback" not in done.stderr, done.stderr
    assert _snapshot(unpacked.home) == before, "the frozen app wrote beside itself"
    assert list(cwd.iterdir()) == [], "the frozen app wrote into the working folder"
    # What it wrote went to the data folder: its log is there.
    assert (out / "data" / "logs").is_dir()


def test_frozen_gui_on_a_new_users_machine_writes_only_to_the_users_data_folder(
    unpacked: Unpacked, user: dict[str, str], tmp_path: Path
) -> None:
    done = run(unpacked.program, env={**user, QUIT_AFTER_SHOWN_ENV: "1"}, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert SHOWN_LINE in done.stdout.splitlines()
    home = Path(user["HOME"])
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    # the database and log in the data folder, the window's settings in the config folder
    assert ".local/share/ExporterDesk/exporter-desk.sqlite3" in written
    assert all(
        path.startswith((".local/share/ExporterDesk/", ".config/ExporterDesk/", ".cache/"))
        for path in written
    ), written
    assert list(tmp_path.iterdir()) == [home], "the frozen app wrote into the working folder"


def test_bundle_carries_what_the_app_uses_and_nothing_else(unpacked: Unpacked) -> None:
    internal = unpacked.bundle / "_internal"
    qt = internal / "PySide6"
    modules = {p.name.split(".")[0] for p in qt.glob("Qt*.so")}
    assert modules == {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport"}
    plugins = qt / "Qt" / "plugins"
    assert {p.name for p in (plugins / "platforms").iterdir()} == {
        "libqxcb.so",
        "libqwayland.so",
        "libqoffscreen.so",
    }
    assert (plugins / "iconengines" / "libqsvgicon.so").is_file()
    assert (plugins / "imageformats" / "libqsvg.so").is_file()
    assert not (plugins / "sqldrivers").exists() and not (plugins / "qmltooling").exists()
    assert [p.name for p in (qt / "Qt" / "translations").iterdir()] == ["qtbase_zh_CN.qm"]
    resources = internal / "resources"
    assert (resources / "fonts" / "WenQuanYiMicroHei.ttf").is_file()
    assert (resources / "translations" / "exporter_desk_zh_CN.qm").is_file()
    assert (resources / "icons" / "app.svg").is_file()
    assert not list(resources.rglob("*.py")) and not list(resources.rglob("*.ts"))
    assert (internal / "reportlab" / "fonts" / "Vera.ttf").is_file()
    assert not (internal / "pycountry" / "locales").exists()

    from PyInstaller.archive.readers import CArchiveReader

    frozen = CArchiveReader(str(unpacked.program)).open_embedded_archive("PYZ.pyz")
    tops = {name.split(".")[0] for name in frozen.toc}
    assert {"exporter_desk", "reportlab", "pyhanko", "PySide6"} <= tops
    assert not tops & {
        "tests",
        "benchmarks",
        "pytest",
        "_pytest",
        "hypothesis",
        "PyInstaller",
        "setuptools",
        "tkinter",
        "mypy",
    }


def test_tarball_installs_for_the_user_and_uninstalls_keeping_their_data(
    unpacked: Unpacked, user: dict[str, str], tmp_path: Path
) -> None:
    home = Path(user["HOME"])
    env = {**user, "XDG_DATA_HOME": str(home / ".local" / "share")}
    done = subprocess.run(
        ["sh", str(unpacked.home / "install.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    share = home / ".local" / "share"
    desktop = (share / "applications" / "exporter-desk.desktop").read_text(encoding="utf-8")
    installed = home / ".local" / "opt" / "exporter-desk" / "exporter-desk"
    assert f"Exec={installed} %F" in desktop.splitlines()
    assert "MimeType=application/pdf;" in desktop.splitlines()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "exporter-desk.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "exporter-desk.svg").is_file()
    launcher = home / ".local" / "bin" / "exporter-desk"
    assert (
        run(launcher, "--version", env=env, cwd=tmp_path).stdout.strip()
        == f"exporter-desk {__version__}"
    )

    data = share / "ExporterDesk" / "ExporterDesk"
    data.mkdir(parents=True)
    (data / "exporter-desk.sqlite3").write_bytes(b"the user's data")
    done = subprocess.run(
        ["sh", str(unpacked.home / "install.sh"), "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not installed.exists() and not launcher.exists()
    assert not (share / "applications" / "exporter-desk.desktop").exists()
    assert not list((share / "icons").rglob("exporter-desk.*"))
    assert (data / "exporter-desk.sqlite3").read_bytes() == b"the user's data"
