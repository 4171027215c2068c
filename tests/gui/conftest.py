"""A seeded data folder and a real main window on it (offscreen), for every GUI test."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from exporter_desk.domain import PartyId
from exporter_desk.gui import i18n
from exporter_desk.gui.app import application, create_main_window
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.main_window import MainWindow
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.identity import create_self_signed_identity, set_company_party
from exporter_desk.signing import Keystore
from exporter_desk.store import Store, database_path, open_store

D = TypeVar("D", bound=QDialog)


@pytest.fixture(scope="session", autouse=True)
def _events() -> QEventLoop:
    """An event loop to process pending events with. Not ``QCoreApplication.processEvents()``:
    in PySide6 6.12 that static call drops a reference to ``None`` each time, and a waiting
    loop calling it a few thousand times crashes the interpreter (none_dealloc)."""
    global _loop
    if _loop is None:
        _loop = QEventLoop()
    return _loop


_loop: QEventLoop | None = None


@pytest.fixture(scope="session", autouse=True)
def qt_settings_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """QSettings (window geometry, column widths) go to a temporary folder, never $HOME."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture
def app(qapp: QApplication) -> QApplication:
    return application()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with open_store(database_path(folder)) as store:
        seed_demo(store)
    return folder


@pytest.fixture
def seed(data_dir: Path) -> Callable[[Callable[[Store], object]], object]:
    """Run something on the data folder's store before the window opens."""

    def run(fn: Callable[[Store], object]) -> object:
        with open_store(database_path(data_dir)) as store:
            return fn(store)

    return run


class Desk:
    """The window under test, with its database thread and error presenter."""

    def __init__(self, window: MainWindow, tasks: TaskManager, presenter: ErrorPresenter) -> None:
        self.window = window
        self.tasks = tasks
        self.presenter = presenter

    def db(self, fn: Callable[[Store], object]) -> object:
        return self.tasks.run_db_blocking(fn)


@pytest.fixture
def desk(app: QApplication, qtbot: QtBot, data_dir: Path) -> Iterator[Desk]:
    i18n.set_language(i18n.Language.ENGLISH)
    window, tasks, presenter = create_main_window(data_dir)
    # Not qtbot.addWidget: pytest-qt would close the window before this fixture's teardown
    # discards the editors' unsaved test edits, and the window would ask about them.
    window.show()
    yield Desk(window, tasks, presenter)
    for editor in list(window.editors.values()):
        editor._clean = editor.snapshot()  # discard: no question at teardown
        editor.close()
    window.close()
    tasks.shutdown()
    i18n.set_language(i18n.Language.ENGLISH)


def settle(seconds: float = 0.05) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        _events().processEvents()
        time.sleep(0.005)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """No usable OS keyring (a Linux box without a desktop session): keys need a key file."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _no_passphrase_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The GUI would take $EXPORTER_DESK_PASSPHRASE instead of asking; tests ask."""
    monkeypatch.delenv("EXPORTER_DESK_PASSPHRASE", raising=False)


def company_with_key(keystore: Keystore) -> Callable[[Store], object]:
    """The demo exporter as our company, with a self-signed signing key in ``keystore``."""

    def setup(store: Store) -> object:
        set_company_party(store, PartyId(1))
        return create_self_signed_identity(store, keystore)

    return setup


def when_shown(dialog_type: type[D], action: Callable[[D], None], timeout: float = 20.0) -> None:
    """Run ``action`` on the dialog of ``dialog_type`` as soon as it shows, from the event loop:
    the code under test may ``exec()`` it modally. A failing action rejects the dialog, so the
    test fails instead of waiting for ever."""
    deadline = time.monotonic() + timeout

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, dialog_type) and widget.isVisible():
                try:
                    action(widget)
                except BaseException:
                    widget.reject()
                    raise
                return
        if time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def wait_for(qtbot: QtBot, condition: Callable[[], object], timeout: int = 30_000) -> None:
    qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)
