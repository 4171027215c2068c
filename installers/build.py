"""Build Exporter Desk's installer for the platform this runs on, in one command:

    python installers/build.py            # Windows: py installers\\build.py

- every platform: the PyInstaller bundle (``exporter_desk.spec``, one folder);
- Linux: ``exporter-desk-VERSION-linux-ARCH.tar.gz`` (the bundle, a .desktop file, the icons and
  ``install.sh``); this is what CI builds on every change (tests/installers);
- Windows: ``ExporterDesk-VERSION-setup.exe`` with Inno Setup 6 (``windows/exporter-desk.iss``);
- macOS: ``Exporter Desk.app`` and ``ExporterDesk-VERSION.dmg`` (hdiutil).

It needs Python 3.11 and, on Windows, Inno Setup 6 (``ISCC.exe`` on PATH, in its default folder
or named by $ISCC). Run outside the project's environment, it installs uv if missing and runs
itself again under ``uv run`` (which installs PyInstaller and the app's dependencies).

Signing happens only when its environment variables are set, and is skipped (with a note)
otherwise:

- Windows (signtool): EXPORTER_DESK_WINDOWS_CERT (a .pfx file), EXPORTER_DESK_WINDOWS_CERT_PASSWORD,
  optionally EXPORTER_DESK_TIMESTAMP_URL and SIGNTOOL (signtool.exe's path);
- macOS (codesign, notarytool): EXPORTER_DESK_MACOS_IDENTITY ("Developer ID Application: ...");
  to notarise also EXPORTER_DESK_NOTARY_PROFILE (a ``notarytool store-credentials`` profile) or
  EXPORTER_DESK_APPLE_ID, EXPORTER_DESK_APPLE_TEAM_ID and EXPORTER_DESK_APPLE_PASSWORD (an
  app-specific password).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

INSTALLERS = Path(__file__).resolve().parent
sys.path.insert(0, str(INSTALLERS))
import app_meta  # noqa: E402

ROOT = app_meta.ROOT
SPEC = INSTALLERS / "exporter_desk.spec"
DEFAULT_TIMESTAMP_URL = "http://timestamp.digicert.com"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


@dataclass
class Built:
    """What a build made, and how long it took."""

    bundle: Path
    artefacts: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


# -- the bundle ---------------------------------------------------------------------------------


def build_bundle(out: Path, *, quiet: bool = False) -> Path:
    """Run PyInstaller on the spec into ``out/dist``; return the bundle (folder or ``.app``)."""
    dist, work = out / "dist", out / "work"
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--clean",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if quiet:
        command += ["--log-level", "WARN"]
    run(command)
    if sys.platform == "darwin":
        return dist / f"{app_meta.APP_NAME}.app"
    return dist / app_meta.CLI_NAME


def folder_size(path: Path) -> int:
    """Bytes of the files under ``path`` (symbolic links count as nothing)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# -- Linux --------------------------------------------------------------------------------------


def package_linux(bundle: Path, out: Path) -> Path:
    """``exporter-desk-VERSION-linux-ARCH.tar.gz``: one top folder holding the bundle
    (``exporter-desk/``), ``exporter-desk.desktop``, ``icons/hicolor/...`` and ``install.sh``."""
    top = f"{app_meta.CLI_NAME}-{app_meta.version()}-{app_meta.platform_tag()}"
    archive = out / f"{top}.tar.gz"
    icons = app_meta.ICONS / "png"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{top}/{app_meta.CLI_NAME}")
        tar.add(
            INSTALLERS / "linux" / "exporter-desk.desktop", arcname=f"{top}/exporter-desk.desktop"
        )
        tar.add(INSTALLERS / "linux" / "install.sh", arcname=f"{top}/install.sh")
        for size in HICOLOR_SIZES:
            tar.add(
                icons / f"exporter-desk-{size}.png",
                arcname=f"{top}/icons/hicolor/{size}x{size}/apps/exporter-desk.png",
            )
        tar.add(
            ROOT / "resources" / "icons" / "app.svg",
            arcname=f"{top}/icons/hicolor/scalable/apps/exporter-desk.svg",
        )
    return archive


# -- Windows ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowsSigning:
    signtool: str
    certificate: str
    password: str
    timestamp_url: str

    def sign_command(self, files: Sequence[str]) -> list[str]:
        return [
            self.signtool,
            "sign",
            "/f",
            self.certificate,
            "/p",
            self.password,
            "/fd",
            "sha256",
            "/tr",
            self.timestamp_url,
            "/td",
            "sha256",
            *files,
        ]

    def inno_signtool(self) -> str:
        """The /S option of ISCC: Inno Setup signs the setup and the uninstaller with it."""
        quoted = [f"$q{part}$q" if " " in part else part for part in self.sign_command(["$f"])]
        quoted[-1] = "$f"
        return "/Ssigntool=" + " ".join(quoted)


def windows_signing(env: Mapping[str, str]) -> WindowsSigning | None:
    """The code-signing set-up from the environment; None (skip signing) without a certificate."""
    certificate = env.get("EXPORTER_DESK_WINDOWS_CERT", "").strip()
    if not certificate:
        return None
    return WindowsSigning(
        signtool=env.get("SIGNTOOL", "").strip() or "signtool",
        certificate=certificate,
        password=env.get("EXPORTER_DESK_WINDOWS_CERT_PASSWORD", ""),
        timestamp_url=env.get("EXPORTER_DESK_TIMESTAMP_URL", "").strip() or DEFAULT_TIMESTAMP_URL,
    )


def find_iscc(env: Mapping[str, str]) -> str | None:
    named = env.get("ISCC", "").strip()
    if named:
        return named
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (env.get("ProgramFiles(x86)", ""), env.get("ProgramFiles", "")):
        candidate = Path(base) / "Inno Setup 6" / "ISCC.exe"
        if base and candidate.is_file():
            return str(candidate)
    return None


def iscc_command(iscc: str, bundle: Path, out: Path, signing: WindowsSigning | None) -> list[str]:
    command = [
        iscc,
        f"/DAppVersion={app_meta.version()}",
        f"/DAppId={app_meta.WINDOWS_APP_ID}",
        f"/DBundleDir={bundle}",
        f"/DIconFile={app_meta.ICONS / 'exporter-desk.ico'}",
        f"/O{out}",
    ]
    if signing is not None:
        command += ["/DSign", signing.inno_signtool()]
    return [*command, str(INSTALLERS / "windows" / "exporter-desk.iss")]


def package_windows(bundle: Path, out: Path, built: Built, env: Mapping[str, str]) -> None:
    signing = windows_signing(env)
    exes = [str(bundle / f"{app_meta.GUI_NAME}.exe"), str(bundle / f"{app_meta.CLI_NAME}.exe")]
    if signing is None:
        built.notes.append("not signed: EXPORTER_DESK_WINDOWS_CERT is not set (SmartScreen warns)")
    else:
        run(signing.sign_command(exes))
    iscc = find_iscc(env)
    if iscc is None:
        raise SystemExit(
            "Inno Setup 6 not found: install it (https://jrsoftware.org/isinfo.php) or set ISCC "
            "to ISCC.exe's path. The bundle is ready in " + str(bundle)
        )
    run(iscc_command(iscc, bundle, out, signing))
    built.artefacts.append(out / f"{app_meta.GUI_NAME}-{app_meta.version()}-setup.exe")


# -- macOS --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MacSigning:
    identity: str
    notarise: tuple[str, ...]  # the credentials part of `notarytool submit`, empty: no notarising

    def codesign_app(self, app: Path) -> list[str]:
        return [
            "codesign",
            "--force",
            "--deep",
            "--options",
            "runtime",
            "--timestamp",
            "--entitlements",
            str(INSTALLERS / "macos" / "entitlements.plist"),
            "--sign",
            self.identity,
            str(app),
        ]

    def codesign_dmg(self, dmg: Path) -> list[str]:
        return ["codesign", "--force", "--timestamp", "--sign", self.identity, str(dmg)]

    def notarise_commands(self, dmg: Path) -> list[list[str]]:
        if not self.notarise:
            return []
        return [
            ["xcrun", "notarytool", "submit", str(dmg), "--wait", *self.notarise],
            ["xcrun", "stapler", "staple", str(dmg)],
        ]


def macos_signing(env: Mapping[str, str]) -> MacSigning | None:
    """The signing set-up from the environment; None (skip) without a Developer ID identity."""
    identity = env.get("EXPORTER_DESK_MACOS_IDENTITY", "").strip()
    if not identity:
        return None
    profile = env.get("EXPORTER_DESK_NOTARY_PROFILE", "").strip()
    apple_id = env.get("EXPORTER_DESK_APPLE_ID", "").strip()
    notarise: tuple[str, ...] = ()
    if profile:
        notarise = ("--keychain-profile", profile)
    elif apple_id:
        notarise = (
            "--apple-id",
            apple_id,
            "--team-id",
            env.get("EXPORTER_DESK_APPLE_TEAM_ID", ""),
            "--password",
            env.get("EXPORTER_DESK_APPLE_PASSWORD", ""),
        )
    return MacSigning(identity, notarise)


def dmg_command(staging: Path, dmg: Path) -> list[str]:
    return [
        "hdiutil",
        "create",
        "-volname",
        app_meta.APP_NAME,
        "-srcfolder",
        str(staging),
        "-ov",
        "-format",
        "UDZO",
        str(dmg),
    ]


def package_macos(app: Path, out: Path, built: Built, env: Mapping[str, str]) -> None:
    signing = macos_signing(env)
    if signing is None:
        built.notes.append(
            "not signed: EXPORTER_DESK_MACOS_IDENTITY is not set (Gatekeeper refuses to open it "
            "with a double-click)"
        )
    else:
        run(signing.codesign_app(app))
    staging = out / "dmg"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shutil.copytree(app, staging / app.name, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    dmg = out / f"{app_meta.GUI_NAME}-{app_meta.version()}.dmg"
    run(dmg_command(staging, dmg))
    if signing is not None:
        run(signing.codesign_dmg(dmg))
        steps = signing.notarise_commands(dmg)
        if not steps:
            built.notes.append("not notarised: set EXPORTER_DESK_NOTARY_PROFILE or the Apple ID")
        for step in steps:
            run(step)
    built.artefacts.append(dmg)


# -- running it ---------------------------------------------------------------------------------


def run(command: Sequence[str]) -> None:
    shown = [
        ("***" if i > 0 and command[i - 1] in ("/p", "--password") else p)
        for i, p in enumerate(command)
    ]
    print("+", " ".join(shown), flush=True)
    subprocess.run(list(command), check=True)


def build(out: Path, *, package: bool = True, quiet: bool = False) -> Built:
    """Build the bundle into ``out`` and, with ``package``, this platform's installer."""
    start = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    built = Built(bundle=build_bundle(out, quiet=quiet))
    if package:
        if sys.platform == "win32":
            package_windows(built.bundle, out, built, os.environ)
        elif sys.platform == "darwin":
            package_macos(built.bundle, out, built, os.environ)
        else:
            built.artefacts.append(package_linux(built.bundle, out))
    built.seconds = time.perf_counter() - start
    return built


def _in_project_environment() -> bool:
    return importlib.util.find_spec("PyInstaller") is not None and (
        importlib.util.find_spec("exporter_desk") is not None
    )


def _rerun_under_uv(argv: Sequence[str]) -> int:
    found = shutil.which("uv")
    uv = [found] if found else [sys.executable, "-m", "uv"]
    if found is None and importlib.util.find_spec("uv") is None:
        print("+ installing uv", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "--user", "uv"], check=True)
    return subprocess.run(
        [*uv, "run", "--locked", "--project", str(ROOT), "python", __file__, *argv],
        cwd=ROOT,
        check=False,
    ).returncode


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "build" / "installers", help="output folder"
    )
    parser.add_argument("--bundle-only", action="store_true", help="stop after PyInstaller")
    parser.add_argument("--quiet", action="store_true", help="PyInstaller's warnings only")
    args = parser.parse_args(argv)
    if not _in_project_environment():
        return _rerun_under_uv(argv)
    built = build(args.out.resolve(), package=not args.bundle_only, quiet=args.quiet)
    print(f"bundle: {built.bundle} ({folder_size(built.bundle) / 1e6:.0f} MB)")
    for artefact in built.artefacts:
        print(f"installer: {artefact} ({artefact.stat().st_size / 1e6:.0f} MB)")
    for note in built.notes:
        print(f"note: {note}")
    print(f"built in {built.seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
