"""installers/build.py: signing runs only when its certificate is configured, and the commands
it would run on Windows and macOS carry what the platforms need (they cannot run here; the Linux
build runs for real in test_linux_bundle.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.installers.conftest import ROOT, load

build = load("installers/build.py")
app_meta = load("installers/app_meta.py")


def test_version_comes_from_the_package() -> None:
    from exporter_desk import __version__

    assert app_meta.version() == __version__ != "0.0.0"
    assert app_meta.numeric_version("1.2.3") == (1, 2, 3, 0)
    assert app_meta.numeric_version("0.1.0rc2") == (0, 1, 2, 0)


def test_windows_signing_is_skipped_without_a_certificate() -> None:
    assert build.windows_signing({}) is None
    assert build.windows_signing({"EXPORTER_DESK_WINDOWS_CERT": "  "}) is None


def test_windows_signing_signs_with_sha256_and_a_timestamp() -> None:
    signing = build.windows_signing(
        {
            "EXPORTER_DESK_WINDOWS_CERT": r"C:\keys\desk.pfx",
            "EXPORTER_DESK_WINDOWS_CERT_PASSWORD": "secret",
        }
    )
    command = signing.sign_command(["a.exe", "b.exe"])
    assert command[:3] == ["signtool", "sign", "/f"]
    assert command[command.index("/fd") + 1] == "sha256"
    assert command[command.index("/tr") + 1] == build.DEFAULT_TIMESTAMP_URL
    assert command[-2:] == ["a.exe", "b.exe"]
    # Inno Setup signs the setup and its uninstaller with the same tool: $f is the file.
    assert signing.inno_signtool().startswith("/Ssigntool=signtool sign /f ")
    assert signing.inno_signtool().endswith(" $f")


def test_the_signing_password_never_reaches_the_log(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(FileNotFoundError):
        build.run(["no-such-signtool-here", "sign", "/p", "hunter2", "x.exe"])
    printed = capsys.readouterr().out
    assert "hunter2" not in printed and "/p ***" in printed


def test_iscc_gets_version_app_id_bundle_and_signing_from_the_build(tmp_path: Path) -> None:
    plain = build.iscc_command("ISCC.exe", tmp_path / "bundle", tmp_path, None)
    assert f"/DAppVersion={app_meta.version()}" in plain
    assert f"/DAppId={app_meta.WINDOWS_APP_ID}" in plain
    assert f"/DBundleDir={tmp_path / 'bundle'}" in plain
    assert "/DSign" not in plain
    assert plain[-1].endswith("exporter-desk.iss") and Path(plain[-1]).is_file()
    signing = build.windows_signing({"EXPORTER_DESK_WINDOWS_CERT": "desk.pfx"})
    signed = build.iscc_command("ISCC.exe", tmp_path / "bundle", tmp_path, signing)
    assert "/DSign" in signed
    assert any(part.startswith("/Ssigntool=") for part in signed)


def test_iscc_is_found_from_the_environment_or_not_at_all(tmp_path: Path) -> None:
    assert build.find_iscc({"ISCC": r"D:\Inno\ISCC.exe"}) == r"D:\Inno\ISCC.exe"
    fake = tmp_path / "Inno Setup 6" / "ISCC.exe"
    fake.parent.mkdir()
    fake.write_bytes(b"")
    assert build.find_iscc({"ProgramFiles(x86)": str(tmp_path), "PATH": ""}) == str(fake)


def test_macos_signing_is_skipped_without_an_identity() -> None:
    assert build.macos_signing({"EXPORTER_DESK_NOTARY_PROFILE": "desk"}) is None


def test_macos_signing_uses_the_hardened_runtime_and_notarises_when_credentials_are_set() -> None:
    app, dmg = Path("Exporter Desk.app"), Path("ExporterDesk.dmg")
    identity = "Developer ID Application: Desk Ltd (TEAM123456)"
    signing = build.macos_signing(
        {"EXPORTER_DESK_MACOS_IDENTITY": identity, "EXPORTER_DESK_NOTARY_PROFILE": "desk"}
    )
    command = signing.codesign_app(app)
    assert command[0] == "codesign"
    assert command[command.index("--options") + 1] == "runtime"  # notarisation requires it
    assert "--timestamp" in command
    assert command[command.index("--sign") + 1] == identity
    assert Path(command[command.index("--entitlements") + 1]).is_file()
    steps = signing.notarise_commands(dmg)
    assert steps[0][:3] == ["xcrun", "notarytool", "submit"]
    assert steps[0][-2:] == ["--keychain-profile", "desk"]
    assert steps[1] == ["xcrun", "stapler", "staple", str(dmg)]


def test_macos_without_notary_credentials_signs_but_does_not_notarise() -> None:
    signing = build.macos_signing({"EXPORTER_DESK_MACOS_IDENTITY": "Developer ID Application: X"})
    assert signing.notarise_commands(Path("x.dmg")) == []
    with_apple_id = build.macos_signing(
        {
            "EXPORTER_DESK_MACOS_IDENTITY": "Developer ID Application: X",
            "EXPORTER_DESK_APPLE_ID": "dev@example.com",
            "EXPORTER_DESK_APPLE_TEAM_ID": "TEAM123456",
            "EXPORTER_DESK_APPLE_PASSWORD": "abcd-efgh",
        }
    )
    submit = with_apple_id.notarise_commands(Path("x.dmg"))[0]
    assert submit[submit.index("--team-id") + 1] == "TEAM123456"


def test_the_dmg_holds_the_app_under_the_apps_name(tmp_path: Path) -> None:
    command = build.dmg_command(tmp_path, tmp_path / "x.dmg")
    assert command[:2] == ["hdiutil", "create"]
    assert command[command.index("-volname") + 1] == "Exporter Desk"
    assert command[command.index("-format") + 1] == "UDZO"  # compressed, read-only


def test_spec_ships_resources_the_app_reads_and_not_the_sources_of_them() -> None:
    spec = (ROOT / "installers" / "exporter_desk.spec").read_text(encoding="utf-8")
    assert "app_meta.ICONS" in spec  # the platforms' icons come from resources/app_icons
    assert 'collect_data_files("reportlab"' in spec
