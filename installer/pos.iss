; Windows installer of the cashier (Inno Setup 6): `iscc installer\pos.iss` after
; `pyinstaller installer\pos.spec` has made dist\pos\ on Windows.
;
; - AppId is fixed forever: a newer installer finds the installed one by it and replaces it in
;   place (same folder, same shortcuts), so an upgrade is "run the new setup".
; - Per-user by default (no administrator needed): installed under the user's programs folder;
;   the installer offers "for all users" when run as an administrator.
; - The store's data (database, backups, config.toml, logs) is not in the program folder: the
;   program keeps it in %LOCALAPPDATA%\StoreCounter (platformdirs' user data dir, see
;   app/config.py). The installer never writes there and the uninstaller never deletes it, so
;   uninstalling or reinstalling keeps every sale and member.

#define AppName "收银台 Store Counter"
#define AppVersion "0.1.0"
#define AppExe "pos.exe"

[Setup]
; Never change this GUID: it is how an upgrade finds the installed program.
AppId={{6F1D3C2A-8B4E-4F7A-9C51-2E7B0D9A4C13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Store Counter
DefaultDirName={autopf}\StoreCounter
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=StoreCounter-Setup-{#AppVersion}
SetupIconFile=pos.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; The counter running while files are replaced would keep old DLLs: ask to close it.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
; ChineseSimplified.isl ships with Inno Setup 6.3 and later (Languages\ folder).
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.DesktopIconTask=创建桌面快捷方式
english.DesktopIconTask=Create a desktop shortcut
chinesesimplified.LaunchAfter=立即打开收银台
english.LaunchAfter=Open Store Counter now

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIconTask}"; Flags: checkedonce

[Files]
; The whole one-folder bundle. Files of an older version that the new one no longer has are
; removed first ([InstallDelete]), so an upgrade never mixes two versions' libraries.
Source: "..\dist\pos\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchAfter}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry names the data directory on purpose: uninstalling removes only what
; [Files] put into {app}.
