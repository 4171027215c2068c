"""The macOS app's Info.plist: its identity, its version, PDFs as documents it opens, sharp on
Retina screens, and macOS 14 at least (the QtPdf wheel's minimum)."""

from __future__ import annotations

import plistlib

from tests.installers.conftest import ROOT, load

app_meta = load("installers/app_meta.py")


def test_info_plist_is_valid_and_carries_the_package_version() -> None:
    plist = plistlib.loads(plistlib.dumps(app_meta.info_plist("1.2.3")))
    assert plist["CFBundleIdentifier"] == "com.exporterdesk.ExporterDesk"
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == "1.2.3"
    assert plist["CFBundleName"] == "Exporter Desk"


def test_info_plist_opens_pdfs_without_claiming_to_be_the_default_viewer() -> None:
    (pdf,) = app_meta.info_plist("1.0.0")["CFBundleDocumentTypes"]
    assert pdf["LSItemContentTypes"] == ["com.adobe.pdf"]
    assert pdf["CFBundleTypeRole"] == "Viewer"
    assert pdf["LSHandlerRank"] == "Alternate"


def test_info_plist_asks_for_retina_and_macos_14() -> None:
    plist = app_meta.info_plist("1.0.0")
    assert plist["NSHighResolutionCapable"] is True
    assert plist["LSMinimumSystemVersion"] == "14.0"


def test_entitlements_are_a_valid_plist_asking_only_for_what_python_needs() -> None:
    with (ROOT / "installers" / "macos" / "entitlements.plist").open("rb") as file:
        entitlements = plistlib.load(file)
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}
