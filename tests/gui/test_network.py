"""A real trust network (log and witness processes on 127.0.0.1): join it by invitation from
Settings and from the setup assistant, issue and issue again (the new document supersedes the
old), and verify online: the old one's card says it was superseded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from exporter_desk.domain import (
    Charge,
    ChargeKind,
    DocumentKind,
    DocumentStatus,
    Invoice,
    InvoiceId,
    IssuedDocument,
)
from exporter_desk.gui.document_dialogs import IssueChecklistDialog, SupersedeDialog
from exporter_desk.gui.documents_page import DocumentsPage, IssueDialog
from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.networks import JoinNetworkDialog
from exporter_desk.gui.settings_page import SettingsPage
from exporter_desk.gui.verify_page import VerifyPage
from exporter_desk.gui.wizard import SetupWizard
from exporter_desk.notary.provision import create_invitation
from exporter_desk.services.network import NETWORK_SETTING, join_network
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import Store
from exporter_desk.verify import Result
from tests.gui.conftest import Desk, company_with_key, wait_for, when_shown
from tests.notary.test_e2e import Network, make_network

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    network = make_network(tmp_path_factory.mktemp("gui-remote"))
    network.start()
    try:
        yield network
    finally:
        network.stop()


def _descriptor_file(monkeypatch: MonkeyPatch, remote: Network) -> Path:
    path = remote.log_dir / "network.json"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(path), ""))
    )
    return path


def _fill_join(qtbot: QtBot, code: str, origin: str) -> object:
    def fill(dialog: JoinNetworkDialog) -> None:
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert not ok.isEnabled()
        qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
        assert origin in dialog.details.text()
        assert "log " in dialog.details.text() and "witness " in dialog.details.text()
        assert "fingerprints" in dialog.check_hint.text()
        qtbot.keyClicks(dialog.invitation, code)
        assert ok.isEnabled()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    return fill


def test_join_a_network_from_settings(
    desk: Desk, qtbot: QtBot, monkeypatch: MonkeyPatch, remote: Network
) -> None:
    desk.db(company_with_key(KeyringKeystore()))
    _descriptor_file(monkeypatch, remote)
    origin = remote.descriptor.origin
    page = desk.window.show_screen(Screen.SETTINGS)
    assert isinstance(page, SettingsPage)
    wait_for(qtbot, lambda: page.registers_with.count() >= 1)

    when_shown(JoinNetworkDialog, _fill_join(qtbot, "not-an-invitation", origin))  # type: ignore[arg-type]
    qtbot.mouseClick(page.join_network, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: not page.joiner.is_running and desk.presenter.last_message)
    assert "refused" in desk.presenter.last_message
    assert desk.db(lambda store: store.settings.get(NETWORK_SETTING)) in (None, "local")

    code = create_invitation(remote.log_dir, name="Shanghai Huayang", registration_id="HY-GUI-1")
    when_shown(JoinNetworkDialog, _fill_join(qtbot, code, origin))  # type: ignore[arg-type]
    qtbot.mouseClick(page.join_network, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: origin in page.joiner.last_message)
    assert "member of" in page.joiner.last_message
    assert desk.db(lambda store: store.settings.get(NETWORK_SETTING)) == origin
    wait_for(qtbot, lambda: page.registers_with.currentData() == origin)
    assert origin in page.networks.text()

    page.registers_with.setCurrentIndex(page.registers_with.findData("local"))
    wait_for(qtbot, lambda: desk.db(lambda store: store.settings.get(NETWORK_SETTING)) == "local")


def test_join_a_network_from_the_setup_assistant(
    desk: Desk, qtbot: QtBot, monkeypatch: MonkeyPatch, remote: Network
) -> None:
    desk.db(company_with_key(KeyringKeystore()))
    _descriptor_file(monkeypatch, remote)
    origin = remote.descriptor.origin
    desk.window.show_wizard()
    wizard = desk.window.wizard
    assert isinstance(wizard, SetupWizard)
    page = wizard.network_page
    code = create_invitation(remote.log_dir, name="Shanghai Huayang", registration_id="HY-GUI-2")
    when_shown(JoinNetworkDialog, _fill_join(qtbot, code, origin))  # type: ignore[arg-type]
    qtbot.mouseClick(page.join_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: page.joined == origin)
    assert page.join.isChecked() and origin in page.details.text()
    assert page.validatePage()
    assert desk.db(lambda store: store.settings.get(NETWORK_SETTING)) == origin
    wizard.reject()


def _discount(store: Store) -> object:
    invoice = store.invoices.get(InvoiceId(1))
    assert isinstance(invoice, Invoice)
    return store.invoices.save(
        replace(invoice, charges=(*invoice.charges, Charge(ChargeKind.DISCOUNT, Decimal("50"))))
    )


def _path(data_dir: Path, doc: IssuedDocument) -> Path:
    path = Path(doc.path)
    return path if path.is_absolute() else data_dir / path


def test_issue_again_supersedes_and_the_online_check_says_so(
    desk: Desk, qtbot: QtBot, monkeypatch: MonkeyPatch, remote: Network, data_dir: Path
) -> None:
    keystore = KeyringKeystore()
    desk.db(company_with_key(keystore))
    code = create_invitation(remote.log_dir, name="Shanghai Huayang", registration_id="HY-GUI-3")
    desk.db(lambda store: join_network(data_dir, store, keystore, remote.descriptor, code))

    documents = desk.window.show_screen(Screen.DOCUMENTS)
    assert isinstance(documents, DocumentsPage)

    def choose_invoice(dialog: IssueDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData(DocumentKind.COMMERCIAL_INVOICE.value))
        picker = dialog.picker()
        qtbot.waitUntil(lambda: picker.choose(1))
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(IssueDialog, "exec", choose_invoice)
    when_shown(IssueChecklistDialog, lambda dialog: dialog.issue_button.click())
    documents.issue()
    wait_for(qtbot, lambda: documents.last_issued is not None, timeout=60_000)
    first = documents.last_issued
    assert first is not None and first.status is DocumentStatus.REGISTERED

    wait_for(qtbot, lambda: documents.list.model.rowCount() == 1)
    documents.list.table.setCurrentIndex(documents.list.model.index(0, 0))
    wait_for(qtbot, lambda: documents.current is not None and documents.reissue_button.isEnabled())
    desk.db(_discount)
    when_shown(IssueChecklistDialog, lambda dialog: dialog.issue_button.click())
    when_shown(SupersedeDialog, lambda box: box.supersede_button.click())
    documents.issue_again()
    wait_for(qtbot, lambda: "supersedes" in documents.notice.text(), timeout=60_000)
    second = documents.last_issued
    assert second is not None and second.id != first.id
    assert second.supersedes_id == first.id
    assert first.id is not None
    old = desk.db(lambda store: store.documents.get(first.id))
    assert isinstance(old, IssuedDocument) and old.status is DocumentStatus.SUPERSEDED

    settings = desk.window.show_screen(Screen.SETTINGS)
    assert isinstance(settings, SettingsPage)
    wait_for(qtbot, lambda: settings.registers_with.currentData() == remote.descriptor.origin)
    settings.online.setChecked(True)
    wait_for(qtbot, lambda: desk.db(lambda store: store.settings.get("network.online_checks")))

    verify = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(verify, VerifyPage)
    verify.verify_files([_path(data_dir, first), _path(data_dir, second)])
    wait_for(qtbot, lambda: all(card.verdict for card in verify.cards), timeout=60_000)
    replaced, current = verify.cards
    assert replaced.result is Result.NOT_REGISTERED, replaced.headline.text()
    status = replaced.findChild(type(replaced.headline), "verdictStatus")
    assert status is not None and "replaced this document" in status.text()
    assert "Superseded" in [label.text() for label in replaced.findChildren(type(status))]
    assert current.result is Result.AUTHENTIC, current.headline.text()
    online = current.findChild(type(current.headline), "verdictStatus")
    assert online is not None and online.text().startswith("Checked online")
