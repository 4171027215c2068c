"""The set-up assistant runs its use cases off the GUI thread: the window keeps answering while
the company is saved, the key is generated and the company enrols with the local network."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

import exporter_desk.gui
from exporter_desk.gui.wizard import SetupWizard
from exporter_desk.services.identity import company_party, has_signing_identity
from exporter_desk.services.network import NETWORK_SETTING
from exporter_desk.services.preferences import LOCAL_NETWORK, SETUP_DISMISSED
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import Store
from tests.gui.conftest import Desk


class Ticks:
    """Counts the turns of the event loop: a zero-interval timer fires once per turn."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        self.count += 1


def _open(desk: Desk) -> SetupWizard:
    desk.window.show_wizard()
    wizard = desk.window.wizard
    assert isinstance(wizard, SetupWizard)
    return wizard


def test_the_event_loop_keeps_turning_while_the_assistant_works(desk: Desk, qtbot: QtBot) -> None:
    wizard = _open(desk)
    ticks = Ticks()
    at_page: dict[int, int] = {}
    wizard.currentIdChanged.connect(lambda page_id: at_page.setdefault(page_id, ticks.count))
    closed: list[int] = []
    wizard.finished.connect(lambda _result: closed.append(ticks.count))

    company = wizard.company_page
    company.name_en.set_value("Ningbo Lantern Export Co., Ltd.")
    company.address_en.set_value("88 Harbour Road, Beilun, Ningbo")
    company.registration_id.set_value("91330206MA2AXXXX4F")
    steps = [
        (wizard.company_page, wizard.key_page),  # save the company
        (wizard.key_page, wizard.network_page),  # generate the key
    ]
    for page, following in steps:
        before = ticks.count
        wizard.next()
        # Next returned at once: the page works on a worker and has not moved on yet.
        assert wizard.currentPage() is page and page.is_busy
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        qtbot.waitUntil(
            lambda following=following: wizard.currentPage() is following, timeout=30_000
        )
        assert at_page[wizard.currentId()] > before, "the event loop stood still"

    assert wizard.network_page.local.isChecked()
    before = ticks.count
    wizard.button(QWizard.WizardButton.FinishButton).click()  # enrol with the local network
    assert wizard.isVisible() and wizard.network_page.is_busy
    qtbot.waitUntil(lambda: bool(closed), timeout=60_000)
    assert closed[0] > before, "the event loop stood still during enrolment"
    ticks.timer.stop()

    def stored(store: Store) -> tuple[str, bool, str | None, str | None]:
        return (
            company_party(store).name_en,
            has_signing_identity(store, KeyringKeystore()),
            store.settings.get(NETWORK_SETTING),
            store.settings.get(SETUP_DISMISSED),
        )

    qtbot.waitUntil(lambda: desk.db(stored)[3] == "1")
    assert desk.db(stored) == ("Ningbo Lantern Export Co., Ltd.", True, LOCAL_NETWORK, "1")
    assert "Enrolled with" in wizard.network_page.details.text()


def test_a_step_that_fails_says_why_and_stays_on_its_page(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    wizard = _open(desk)
    wizard.next()  # a blank company: nothing to save, the page moves on at once
    assert wizard.currentPage() is wizard.key_page
    not_a_certificate = tmp_path / "company.p12"
    not_a_certificate.write_bytes(b"these are not the bytes of a PKCS#12 file")
    wizard.key_page.import_.setChecked(True)
    wizard.key_page.file.setText(str(not_a_certificate))
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.key_page.is_busy, timeout=30_000)
    assert wizard.currentPage() is wizard.key_page
    assert "not a PKCS#12 certificate file" in wizard.key_page.error.text()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.reject()


def test_skipping_while_a_step_works_leaves_the_assistant_closed(desk: Desk, qtbot: QtBot) -> None:
    desk.db(lambda store: store.settings.delete(SETUP_DISMISSED))
    wizard = _open(desk)
    company = wizard.company_page
    company.name_en.set_value("Ningbo Lantern Export Co., Ltd.")
    company.address_en.set_value("88 Harbour Road, Beilun, Ningbo")
    wizard.next()
    wizard.reject()  # "Skip setup" before the company is saved
    qtbot.waitUntil(lambda: not company.is_busy, timeout=30_000)
    assert not wizard.isVisible()
    assert company.saved_id is not None  # what was started is finished, not half done
    assert desk.db(lambda store: store.settings.get(SETUP_DISMISSED)) == "1"


def test_the_gui_never_waits_for_the_database_thread() -> None:
    gui = Path(exporter_desk.gui.__file__).parent
    blocking = sorted(
        str(path.relative_to(gui))
        for path in gui.rglob("*.py")
        if path.name != "tasks.py"
        and re.search(r"\.run_db_blocking\(", path.read_text(encoding="utf-8"))
    )
    assert blocking == [], "these block the GUI thread on the database: use TaskManager.run_db"
