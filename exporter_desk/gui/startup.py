"""What the app does as it starts, besides showing its window: PDFs the system asks it to open,
and a diagnostic switch that quits once the window is shown.

- Files. On Windows and Linux, "Open with Exporter Desk" starts the program with the PDF's path
  on its command line (``cli.main`` hands those to Verify). macOS sends no arguments: Finder
  delivers the file as an Apple event that Qt turns into a ``QFileOpenEvent`` on the
  application, at launch and while the app runs. ``FileOpenReceiver`` catches those and hands
  the PDFs to Verify too, holding any that arrive before the window exists.
- ``EXPORTER_DESK_QUIT_AFTER_SHOWN=1``: once the main window is shown and the event loop runs,
  print ``exporter-desk: window shown`` on standard output, then a line that says which screen
  is showing, which files Verify holds and the interface language (``exporter-desk: screen
  verify; files a.pdf; language en``), and quit with exit code 0. The
  installers' smoke test and ``benchmarks/installer_bench.py`` use it to check that a frozen
  build starts and to time its cold start; it changes nothing else.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from exporter_desk.gui import i18n
from exporter_desk.gui.main_window import MainWindow

__all__ = [
    "QUIT_AFTER_SHOWN_ENV",
    "SHOWN_LINE",
    "FileOpenReceiver",
    "describe_window",
    "is_quit_after_shown",
    "quit_once_shown",
    "wants_file_open_events",
]

QUIT_AFTER_SHOWN_ENV = "EXPORTER_DESK_QUIT_AFTER_SHOWN"
SHOWN_LINE = "exporter-desk: window shown"


class FileOpenReceiver(QObject):
    """Turns the ``QFileOpenEvent`` of PDFs into calls of ``handler(files)``.

    Until ``set_handler`` is called the files wait; then they are handed over at once. Files
    that are not PDFs are left to Qt (the app does nothing with them).
    """

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self._pending: list[Path] = []
        self._handler: Callable[[list[Path]], None] | None = None
        app.installEventFilter(self)

    @property
    def pending(self) -> list[Path]:
        return list(self._pending)

    def set_handler(self, handler: Callable[[list[Path]], None]) -> None:
        self._handler = handler
        if self._pending:
            files, self._pending = self._pending, []
            handler(files)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.FileOpen
            and watched is self._app
            and isinstance(event, QFileOpenEvent)
        ):
            path = Path(event.file())
            if path.suffix.lower() == ".pdf":
                if self._handler is None:
                    self._pending.append(path)
                else:
                    self._handler([path])
                return True
        return False


def is_quit_after_shown() -> bool:
    return os.environ.get(QUIT_AFTER_SHOWN_ENV, "").strip() not in ("", "0")


def describe_window(window: MainWindow) -> str:
    """``screen verify; files a.pdf, b.pdf; language zh_CN``: what the window shows, for the
    diagnostics (the language is the one whose catalogue was loaded)."""
    from exporter_desk.gui.verify_page import VerdictCard  # not at start: it loads the verifier

    files = sorted(card.path.name for card in window.findChildren(VerdictCard))
    return (
        f"screen {window.current_screen().value}; files {', '.join(files) or '(none)'}; "
        f"language {i18n.current_language().value}"
    )


class _QuitWhenShown(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    @Slot()
    def check(self) -> None:
        if self._window.isVisible():
            print(SHOWN_LINE, flush=True)
            print(f"exporter-desk: {describe_window(self._window)}", flush=True)
            QApplication.quit()
        else:  # not yet: look again on the next turn of the event loop
            QTimer.singleShot(10, self.check)


def quit_once_shown(window: MainWindow) -> None:
    """Quit the app (exit code 0) once ``window`` is visible and the event loop turns."""
    QTimer.singleShot(0, _QuitWhenShown(window).check)


def wants_file_open_events() -> bool:
    """Only macOS delivers "open with" as events; elsewhere the filter would only cost time
    (an application-wide event filter sees every event of every widget)."""
    return sys.platform == "darwin"
