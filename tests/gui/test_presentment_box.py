"""Presentments in the window, on a real trust network (log and witness processes on 127.0.0.1):
a bank verifying an invoice another bank financed is told so on the verdict card and records its
own presentment in one click; the exporter's document register shows its presented invoice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from exporter_desk.domain import DocumentKind
from exporter_desk.gui.documents_page import DocumentsPage
from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.presentment_box import PresentmentBox, status_text
from exporter_desk.gui.verify_page import VerifyPage
from exporter_desk.notary.provision import create_invitation
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.network import join_network, open_network
from exporter_desk.services.presenting import (
    EarlierPresentment,
    PresentmentStatus,
    present_file,
)
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import Store, database_path, open_store
from tests.gui.conftest import Desk, company_with_key, wait_for
from tests.notary.test_e2e import Network, make_network

pytestmark = pytest.mark.slow

DAY = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    network = make_network(tmp_path_factory.mktemp("gui-presentments"), "--enrol-rate", "50")
    network.start()
    try:
        yield network
    finally:
        network.stop()


def _member(
    remote: Network, folder: Path, name: str, service: str
) -> tuple[Store, KeyringKeystore]:
    store = open_store(database_path(folder))
    seed_demo(store)
    keystore = KeyringKeystore(service=service)
    code = create_invitation(remote.log_dir, name=name, registration_id=name.upper()[:12])
    join_network(folder, store, keystore, remote.descriptor, code)
    return store, keystore


def _issue_invoice(folder: Path, store: Store, keystore: KeyringKeystore) -> Path:
    with open_network(folder, store, keystore) as connection:
        issued = issue_document(
            store, keystore, folder, connection, DocumentKind.COMMERCIAL_INVOICE, 1
        )
    path = Path(issued.path)
    return path if path.is_absolute() else folder / path


def _join(desk: Desk, remote: Network, data_dir: Path, name: str) -> None:
    keystore = KeyringKeystore()
    desk.db(company_with_key(keystore))
    code = create_invitation(remote.log_dir, name=name, registration_id=name.upper()[:12])
    desk.db(lambda store: join_network(data_dir, store, keystore, remote.descriptor, code))


def test_the_box_names_a_consenting_bank_and_counts_the_rest() -> None:
    status = PresentmentStatus(
        (
            EarlierPresentment(DAY, "Bank One", mine=False),
            EarlierPresentment(DAY + dt.timedelta(days=1), None, mine=False),
        )
    )
    assert status_text(status) == (
        "Already presented to Bank One on 2026-03-04. Presented 2 times in all."
    )
    mine = PresentmentStatus((EarlierPresentment(DAY, "Us", mine=True, amount=Decimal(1)),))
    assert status_text(mine) == "Your bank recorded its presentment on 2026-03-04."
    assert status_text(PresentmentStatus(())) == "Not presented to another bank before."


def test_a_bank_sees_the_earlier_presentment_and_records_its_own_in_one_click(
    desk: Desk, qtbot: QtBot, remote: Network, data_dir: Path, tmp_path: Path
) -> None:
    exporter = tmp_path / "exporter"
    store, keystore = _member(remote, exporter, "Huayang Export", "exporter-desk-gui-exporter")
    invoice = _issue_invoice(exporter, store, keystore)
    store.close()
    bank_one = tmp_path / "bank-one"
    store, keystore = _member(remote, bank_one, "Bank One", "exporter-desk-gui-bank-one")
    first = present_file(bank_one, store, keystore, invoice, consent=True)
    store.close()
    _join(desk, remote, data_dir, "Bank Two")

    page = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    page.verify_files([invoice])
    card = page.cards[0]
    wait_for(qtbot, lambda: card.presentment is not None and card.presentment.isVisible())
    box = card.presentment
    assert isinstance(box, PresentmentBox)
    day = first.record.date.date().isoformat()
    assert box.state.text() == f"Already presented to Bank One on {day}."
    box.amount.setText("50,000.00")
    box.currency.setText("eur")
    box.record_button.click()
    wait_for(qtbot, lambda: "recorded on" in box.result.text(), timeout=60_000)
    assert box.result.text().startswith(f"Presentment recorded on {day}")
    assert not box.record_button.isEnabled()
    box.grab().save(str(tmp_path / "presentment-box.png"))


def test_the_exporter_sees_which_of_its_documents_were_presented(
    desk: Desk, qtbot: QtBot, remote: Network, data_dir: Path, tmp_path: Path
) -> None:
    _join(desk, remote, data_dir, "Huayang Own")
    keystore = KeyringKeystore()
    invoice = desk.db(lambda store: _issue_invoice(data_dir, store, keystore))
    assert isinstance(invoice, Path)
    bank = tmp_path / "bank"
    store, bank_keys = _member(remote, bank, "Consenting Bank", "exporter-desk-gui-bank")
    done = present_file(bank, store, bank_keys, invoice, consent=True)
    store.close()

    documents = desk.window.show_screen(Screen.DOCUMENTS)
    assert isinstance(documents, DocumentsPage)
    documents.presented.refresh()
    wait_for(qtbot, lambda: documents.presented.found)
    wait_for(qtbot, lambda: documents.list.model.rowCount() == 1)
    documents.list.table.setCurrentIndex(documents.list.model.index(0, 0))
    day = done.record.date.date().isoformat()
    wait_for(qtbot, lambda: f"Presented to Consenting Bank on {day}." in documents.info.text())
    assert documents.notice.text() == "Banks recorded presentments of 1 of your documents."
