"""Showing errors to people: by type, as Electrum's ``main_window.on_error`` does.

A cancel shows nothing; our errors (``ExporterError``) show their ``user_message`` with the
technical text under "Show Details"; anything else is logged with its traceback to
``<data>/logs/exporter-desk.log`` and shown once as a polite, generic message.
"""

from __future__ import annotations

import logging
import sys
import traceback
import weakref
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from exporter_desk.errors import ExporterError
from exporter_desk.gui.messages import translate_message
from exporter_desk.gui.tasks import OperationCancelled

translate = QCoreApplication.translate
log = logging.getLogger("exporter_desk.gui")

LOG_NAME = "exporter-desk.log"


def log_path(data_dir: Path) -> Path:
    return data_dir / "logs" / LOG_NAME


def setup_logging(data_dir: Path) -> Path:
    """Log warnings and errors of the whole app to ``<data>/logs/exporter-desk.log``."""
    path = log_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger("exporter_desk")
    if not any(
        isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path.resolve()
        for h in root.handlers
    ):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
        )
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def is_cancel(error: BaseException) -> bool:
    return isinstance(error, OperationCancelled | KeyboardInterrupt)


class ErrorPresenter(QObject):
    """Turns an exception into the right message box (or none)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown_unexpected: set[str] = set()
        self.last_message = ""  # what was last shown, for tests and the status bar
        # The window boxes belong to while none is active (at start): a box without a parent
        # would be collected, unseen, as soon as show() returns. Weak: no cycle with it.
        self._window: weakref.ReferenceType[QWidget] | None = None

    def set_window(self, window: QWidget) -> None:
        self._window = weakref.ref(window)

    def parent_widget(self) -> QWidget | None:
        window = self._window() if self._window is not None else None
        return QApplication.activeWindow() or window

    @Slot(object)
    def show(self, error: BaseException) -> None:
        """Present ``error`` to the user according to its type."""
        if is_cancel(error):
            return
        if isinstance(error, ExporterError):
            self._show_ours(error)
        else:
            self._show_unexpected(error)

    def _show_ours(self, error: ExporterError) -> None:
        log.info("user-facing error: %s", error)
        self.last_message = translate_message(error.user_message)
        parent = self.parent_widget()
        if parent is not None and any(
            shown.isVisible() and shown.text() == self.last_message
            for shown in parent.findChildren(QMessageBox)
        ):
            return  # several jobs meeting one problem (a damaged file): one box says it
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("ErrorPresenter", "Exporter Desk"))
        box.setText(self.last_message)
        box.setDetailedText(f"{type(error).__name__}: {error}")
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setModal(True)
        box.open()

    def _show_unexpected(self, error: BaseException) -> None:
        trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        log.error("unexpected error\n%s", trace)
        # The same fault repeating (a timer, a paint loop) is shown once, not a storm of boxes.
        key = f"{type(error).__name__}:{error}"
        if key in self._shown_unexpected:
            return
        self._shown_unexpected.add(key)
        message = translate(
            "ErrorPresenter",
            "Something went wrong that Exporter Desk did not expect. Your saved data is safe. "
            "The details were written to the log file in the data folder; please send it to "
            "support if this happens again.",
        )
        self.last_message = message
        box = QMessageBox(self.parent_widget())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(translate("ErrorPresenter", "Exporter Desk"))
        box.setText(message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setModal(True)
        box.open()


def install_excepthook(presenter: ErrorPresenter) -> None:
    """Route uncaught exceptions on the GUI thread to the log and the presenter, never a
    traceback on the console as the only trace; Ctrl+C still ends the app."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        error.__traceback__ = trace
        presenter.show(error)

    sys.excepthook = hook


__all__ = [
    "ErrorPresenter",
    "install_excepthook",
    "is_cancel",
    "log_path",
    "setup_logging",
]
