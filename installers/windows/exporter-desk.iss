; Inno Setup 6 script of Exporter Desk: a per-user install (no administrator rights).
; Built by installers/build.py, which passes the values below from the package:
;   ISCC /DAppVersion=0.1.0 /DAppId={{...} /DBundleDir=...\exporter-desk /DIconFile=...\exporter-desk.ico
;        [/DSign /Ssigntool=...] exporter-desk.iss
; What it installs: the PyInstaller bundle into %LOCALAPPDATA%\Programs\Exporter Desk, a
; Start-menu entry, "Verify with Exporter Desk" on PDF files and Exporter Desk in their
; "Open with" list. Uninstalling removes exactly that: the user's data folder
; (%LOCALAPPDATA%\ExporterDesk, the database, keys file, issued PDFs, logs) is never touched.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z (installers/build.py does)
#endif
#ifndef AppId
  #error Pass the AppId: ISCC /DAppId={{GUID} (installers/build.py does)
#endif
#ifndef BundleDir
  #error Pass the bundle: ISCC /DBundleDir=PATH (installers/build.py does)
#endif

#define AppName "Exporter Desk"
#define AppExe "ExporterDesk.exe"
#define CliExe "exporter-desk.exe"
#define ProgId "ExporterDesk.PDF"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Exporter Desk
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; Per user: no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
OutputBaseFilename=ExporterDesk-{#AppVersion}-setup
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; The file association changes Explorer's menus: tell the shell.
ChangesAssociations=yes
CloseApplications=yes
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A new version replaces the old bundle's libraries instead of mixing with them.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Trade documents: issue and verify"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; "Verify with Exporter Desk" on every PDF's context menu (HKA is HKCU for a per-user install).
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.pdf\shell\ExporterDesk.Verify"; ValueType: string; ValueName: ""; ValueData: "Verify with {#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.pdf\shell\ExporterDesk.Verify"; ValueType: string; ValueName: "Icon"; ValueData: """{app}\{#AppExe}"",0"
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.pdf\shell\ExporterDesk.Verify\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; Exporter Desk in the PDF's "Open with" list, without taking over the default PDF viewer.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "PDF document (verify with {#AppName})"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the user's data lives outside {app} and stays.
