"""The company profile in full: the setup assistant takes the Chinese address, the bank account,
the logo and the seal image; Settings changes the images; issuing shows the seal on request."""

from __future__ import annotations

import json
import time
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWizard
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from exporter_desk.domain import BankAccount, DocumentKind, DocumentStatus
from exporter_desk.gui.document_dialogs import IssueChecklistDialog
from exporter_desk.gui.documents_page import DocumentsPage, IssueDialog
from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.settings_page import SettingsPage
from exporter_desk.gui.wizard import ImagePicker, SetupWizard
from exporter_desk.services.branding import image_path, load_image
from exporter_desk.services.identity import company_party
from exporter_desk.services.keystores import open_keystore
from exporter_desk.services.trust import load_trust
from exporter_desk.store import Store
from exporter_desk.verify import Result, verify_pdf
from tests.gui.conftest import Desk, company_with_key, when_shown

BANK = BankAccount(
    bank_name="Bank of China, Shanghai Branch",
    account_number="4500 1234 5678 9012",
    swift="BKCHCNBJ300",
    bank_address="200 Yincheng Road, Pudong, Shanghai",
    account_name="Shanghai Huayang Trading Co., Ltd.",
)


def write_image(path: Path, width: int, height: int, fmt: str = "PNG") -> Path:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(200, 20, 20, 220))
    assert image.save(str(path), fmt)
    return path


def pick(picker: ImagePicker, monkeypatch: MonkeyPatch, path: Path) -> None:
    """Click the picker's button, choose ``path`` in the (replaced) file dialog, and wait for
    the image to be stored or refused (on a worker)."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    picker.choose.click()
    deadline = time.monotonic() + 30
    while picker.is_busy and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    assert not picker.is_busy, "the image was neither stored nor refused within 30 s"


def open_wizard(desk: Desk) -> SetupWizard:
    desk.window.show_wizard()
    wizard = desk.window.wizard
    assert isinstance(wizard, SetupWizard)
    return wizard


def test_the_assistant_saves_the_whole_company_profile(
    desk: Desk, qtbot: QtBot, monkeypatch: MonkeyPatch, tmp_path: Path, data_dir: Path
) -> None:
    wizard = open_wizard(desk)
    page = wizard.company_page
    page.name_en.set_value("Ningbo Lantern Export Co., Ltd.")
    page.name_zh.set_value("宁波灯笼出口有限公司")
    page.address_en.set_value("88 Harbour Road, Beilun, Ningbo")
    page.address_zh.set_value("宁波市北仑区港口路88号")
    page.registration_id.set_value("91330206MA2AXXXX4F")
    page.bank_name.set_value(BANK.bank_name)
    page.bank_address.set_value(BANK.bank_address)
    page.account_name.set_value(BANK.account_name)
    page.account_number.set_value(BANK.account_number)
    page.swift.set_value(BANK.swift.lower())
    pick(page.logo, monkeypatch, write_image(tmp_path / "logo.jpg", 90, 30, "JPG"))
    pick(page.seal, monkeypatch, write_image(tmp_path / "seal.png", 60, 60))
    assert page.logo.has_image() and page.seal.has_image()
    assert not page.logo.error.text() and not page.seal.error.text()

    wizard.next()  # the company is saved on the database thread, then the page moves on
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.key_page, timeout=10_000)
    wizard.key_page.later.setChecked(True)
    wizard.next()
    wizard.network_page.later.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()

    def stored(store: Store) -> object:
        return company_party(store)

    party = desk.db(stored)
    assert party.address_zh == "宁波市北仑区港口路88号"  # type: ignore[attr-defined]
    assert party.registration_id == "91330206MA2AXXXX4F"  # type: ignore[attr-defined]
    assert party.bank == BANK  # type: ignore[attr-defined]
    assert (tmp_path / "logo.jpg").read_bytes() == image_path(data_dir, "logo").read_bytes()
    assert (tmp_path / "seal.png").read_bytes() == image_path(data_dir, "seal").read_bytes()


def test_the_assistant_shows_bank_problems_under_their_fields(desk: Desk) -> None:
    wizard = open_wizard(desk)
    page = wizard.company_page
    page.name_en.set_value("Ningbo Lantern Export Co., Ltd.")
    page.address_en.set_value("88 Harbour Road, Beilun, Ningbo")
    page.swift.set_value("NOTABIC")
    assert not page.validatePage()
    swift_error = page.bank_form.box("bank.swift")
    bank_error = page.bank_form.box("bank.bank_name")
    assert swift_error is not None and "is not a SWIFT/BIC code" in swift_error.error.text()
    assert bank_error is not None and bank_error.error.text()  # a bank account needs its bank
    wizard.reject()


def test_an_unusable_image_is_refused_with_what_is_accepted(
    desk: Desk, monkeypatch: MonkeyPatch, tmp_path: Path, data_dir: Path
) -> None:
    wizard = open_wizard(desk)
    page = wizard.company_page
    text = tmp_path / "notes.png"
    text.write_text("not an image", encoding="utf-8")
    pick(page.logo, monkeypatch, text)
    assert "cannot be used as the logo: it is not a PNG or JPEG image" in page.logo.error.text()
    pick(page.seal, monkeypatch, write_image(tmp_path / "seal.jpg", 60, 60, "JPG"))
    assert "cannot be used as the company seal: it is not a PNG image" in page.seal.error.text()
    assert not page.logo.has_image() and not page.seal.has_image()
    assert load_image(data_dir, "logo") is None and load_image(data_dir, "seal") is None
    wizard.reject()


def test_settings_changes_and_removes_the_images(
    desk: Desk, monkeypatch: MonkeyPatch, tmp_path: Path, data_dir: Path
) -> None:
    page = desk.window.show_screen(Screen.SETTINGS)
    assert isinstance(page, SettingsPage)
    assert not page.seal.has_image() and not page.seal.remove.isEnabled()
    seal = write_image(tmp_path / "seal.png", 80, 80)
    pick(page.seal, monkeypatch, seal)
    assert page.seal.has_image() and load_image(data_dir, "seal") == seal.read_bytes()
    page.seal.remove.click()
    assert not page.seal.has_image() and load_image(data_dir, "seal") is None


def test_issuing_with_the_visible_seal_puts_it_in_the_signature_box(
    desk: Desk, qtbot: QtBot, monkeypatch: MonkeyPatch, tmp_path: Path, data_dir: Path
) -> None:
    desk.db(company_with_key(open_keystore(data_dir)))
    settings = desk.window.show_screen(Screen.SETTINGS)
    assert isinstance(settings, SettingsPage)
    pick(settings.seal, monkeypatch, write_image(tmp_path / "seal.png", 80, 80))
    page = desk.window.show_screen(Screen.DOCUMENTS)
    assert isinstance(page, DocumentsPage)

    def choose_invoice(dialog: IssueDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData(DocumentKind.COMMERCIAL_INVOICE.value))
        picker = dialog.picker()
        qtbot.waitUntil(lambda: picker.choose(1))
        dialog.visible_seal.setChecked(True)
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(IssueDialog, "exec", choose_invoice)
    when_shown(IssueChecklistDialog, lambda dialog: dialog.issue_button.click())
    page.issue()
    qtbot.waitUntil(lambda: page.last_issued is not None, timeout=60_000)
    issued = page.last_issued
    assert issued is not None and issued.status is DocumentStatus.REGISTERED
    path = Path(issued.path) if Path(issued.path).is_absolute() else data_dir / issued.path
    reader = PdfReader(path)
    assert json.loads(reader.attachments["document.json"][0])["signature_box"] is not None
    widgets = [
        annot.get_object()
        for annot in reader.pages[0].get("/Annots", [])
        if annot.get_object().get("/FT") == "/Sig"
    ]
    x1, y1, x2, y2 = (float(v) for v in widgets[0]["/Rect"])
    assert x2 > x1 and y2 > y1
    verdict = verify_pdf(path, load_trust(data_dir))
    assert verdict.result is Result.AUTHENTIC, [c.reason_en for c in verdict.checks]


def test_the_issue_dialog_offers_the_visible_seal_unchecked(desk: Desk) -> None:
    dialog = IssueDialog(desk.tasks)
    assert dialog.visible_seal.text() == "Visible company seal"
    assert not dialog.visible_seal.isChecked()
    assert dialog.visible_seal.checkState() is Qt.CheckState.Unchecked
    dialog.close()
