"""The Inno Setup script (installers/windows/exporter-desk.iss). Inno Setup does not run here,
so these read the script for the promises the issue makes: per user without administrator
rights, a Start-menu entry, "Verify with Exporter Desk" on PDFs, an uninstaller that leaves the
user's data, and a version that only the build passes in."""

from __future__ import annotations

import re

import pytest

from tests.installers.conftest import ROOT

ISS = (ROOT / "installers" / "windows" / "exporter-desk.iss").read_text(encoding="utf-8")


def _section(name: str) -> str:
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", ISS, re.M | re.S)
    assert match, f"no [{name}] section"
    return "\n".join(line for line in match.group(1).splitlines() if not line.startswith(";"))


def _setup(key: str) -> str:
    match = re.search(rf"^{key}=(.*)$", _section("Setup"), re.M)
    assert match, f"no {key}= in [Setup]"
    return match.group(1).strip()


def test_installs_per_user_without_administrator_rights() -> None:
    assert _setup("PrivilegesRequired") == "lowest"
    assert _setup("DefaultDirName").startswith("{autopf}")  # %LOCALAPPDATA%\Programs then
    assert "HKLM" not in _section("Registry")


def test_the_version_and_app_id_come_from_the_build_not_the_script() -> None:
    assert _setup("AppVersion") == "{#AppVersion}"
    assert _setup("AppId") == "{#AppId}"
    assert "#error Pass the version" in ISS
    assert not re.search(r"#define AppVersion", ISS)


def test_start_menu_entry_starts_the_windowed_app() -> None:
    icons = _section("Icons")
    assert re.search(
        r'Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExe\}"', icons
    )
    assert '#define AppExe "ExporterDesk.exe"' in ISS


def test_pdfs_get_verify_with_exporter_desk_which_passes_the_file() -> None:
    registry = _section("Registry")
    verb = r"Software\Classes\SystemFileAssociations\.pdf\shell\ExporterDesk.Verify"
    assert (
        f'Subkey: "{verb}"; ValueType: string; ValueName: ""; ValueData: "Verify with {{#AppName}}"'
        in registry
    )
    assert f'Subkey: "{verb}\\command"' in registry
    assert '"""{app}\\{#AppExe}"" ""%1"""' in registry  # the path, quoted, as argv[1]
    assert "OpenWithProgids" in registry
    assert _setup("ChangesAssociations") == "yes"


@pytest.mark.parametrize("section", ["UninstallDelete", "UninstallRun"])
def test_uninstalling_leaves_the_users_data_alone(section: str) -> None:
    assert not re.search(rf"^\[{section}\]", ISS, re.M)
    # The data folder (%LOCALAPPDATA%\ExporterDesk) is named nowhere; setup deletes only
    # inside its own folder.
    assert "{localappdata}" not in ISS.lower() and "{userappdata}" not in ISS.lower()
    for line in _section("InstallDelete").splitlines():
        if line.strip():
            assert 'Name: "{app}\\' in line


def test_uninstalling_removes_the_menus_it_added() -> None:
    registry = _section("Registry")
    assert re.search(
        r'ExporterDesk\.Verify"; ValueType: string; ValueName: "";.*uninsdeletekey', registry
    )
    assert re.search(r'\{#ProgId\}"; ValueType: string; ValueName: "";.*uninsdeletekey', registry)
    assert re.search(r"OpenWithProgids.*Flags: uninsdeletevalue", registry)


def test_signing_is_wired_but_optional() -> None:
    assert re.search(r"#ifdef Sign\nSignTool=signtool\nSignedUninstaller=yes\n#endif", ISS)
