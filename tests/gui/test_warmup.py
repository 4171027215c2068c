"""Warm verification: the window loads the verifier in the background once it is shown, so the
first file dropped on Verify waits for no import."""

from __future__ import annotations

import ast
import datetime as dt
import gc
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from exporter_desk.domain import DocumentKind
from exporter_desk.gui import warmup
from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.verify_page import VerifyPage
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.network import open_local_network
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import database_path, open_store
from exporter_desk.verify import Result
from tests.gui.conftest import Desk
from tests.gui.test_verify import drop_files

# In a fresh interpreter: warm up as the app does, then verify one file and list what that
# verification still had to import.
_PROBE = """
import sys
from pathlib import Path
from exporter_desk.gui import backend, warmup
loaded = warmup.import_verifier()
before = set(sys.modules)
verdict = backend.load_verifier(Path(sys.argv[1]))(Path(sys.argv[2]))
print(verdict.result.name, len(loaded))
print(sorted(set(sys.modules) - before))
"""


@pytest.fixture(autouse=True)
def _unfreeze() -> Iterator[None]:
    """The warm-up freezes what lives (``gc.freeze``); give the other tests a collector that
    sees everything again."""
    yield
    gc.unfreeze()


def _issued(folder: Path) -> Path:
    """An invoice issued, registered and signed on ``folder``'s local network."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)
    with open_store(database_path(folder)) as store:
        seed_demo(store)
        keystore = KeyringKeystore()
        with open_local_network(folder, store, keystore) as network:
            doc = issue_document(
                store, keystore, folder, network, DocumentKind.COMMERCIAL_INVOICE, 1, now=now
            )
    return Path(doc.path)


def test_after_the_warm_up_verifying_imports_nothing_of_ours_or_pyhanko(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    pdf = _issued(folder)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(folder), str(pdf)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    verdict_line, new_line = result.stdout.strip().splitlines()[-2:]
    verdict, loaded = verdict_line.split()
    assert verdict == "AUTHENTIC"  # the whole plan ran, not an early exit
    assert int(loaded) > 100  # the warm-up did load the verifier in that process
    late = [
        name
        for name in ast.literal_eval(new_line)
        if name.split(".")[0] in ("exporter_desk", "pyhanko", "pyhanko_certvalidator", "requests")
    ]
    assert late == [], f"the first verification still imports {late}: add to VERIFY_MODULES"


def test_the_window_warms_up_on_a_worker_and_then_verifies_a_drop(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    warm_up = warmup.warm_up_verifier(desk.window, delay_ms=0)
    with qtbot.waitSignal(warm_up.loaded, timeout=60_000):
        pass
    assert warm_up.is_done and warm_up.parent() is desk.window
    assert gc.get_freeze_count() > 0  # the window and modules are out of the collector's way
    page = desk.window.page(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    # the checker's worker process was started too, before any file was dropped
    qtbot.waitUntil(lambda: bool(page._verifier_cache), timeout=60_000)
    desk.window.show_screen(Screen.VERIFY)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n%%EOF\n")
    drop_files(page.drop_zone, [broken])
    card = page.cards[0]
    qtbot.waitUntil(lambda: card.verdict is not None, timeout=30_000)
    assert card.result is Result.UNREADABLE


def test_a_warm_up_that_fails_is_logged_and_shows_no_dialog(
    desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A broken install: a module the verifier needs is missing.
    monkeypatch.setattr(warmup, "VERIFY_MODULES", ("exporter_desk.no_such_module",))
    shown: list[BaseException] = []
    monkeypatch.setattr(desk.presenter, "show", shown.append)
    with caplog.at_level(logging.WARNING, logger="exporter_desk.gui.warmup"):
        warm_up = warmup.warm_up_verifier(desk.window, delay_ms=0)
        qtbot.waitUntil(lambda: warm_up.is_done, timeout=30_000)
    assert "loading the verifier in the background failed" in caplog.text
    assert "no_such_module" in caplog.text
    assert shown == []
