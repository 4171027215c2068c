"""Starting the desktop app: the QApplication, logging and error hooks, language, the database
thread and the main window. ``run(data_dir, files_to_verify)`` is what ``exporter-desk`` calls
when no subcommand is given."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Slot
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from exporter_desk.gui import i18n
from exporter_desk.gui._resources import icon, resources_dir
from exporter_desk.gui.errors import ErrorPresenter, install_excepthook, setup_logging
from exporter_desk.gui.main_window import MainWindow
from exporter_desk.gui.startup import (
    FileOpenReceiver,
    is_quit_after_shown,
    quit_once_shown,
    wants_file_open_events,
)
from exporter_desk.gui.tasks import (
    Progress,
    TaskManager,
    Worker,
    collect_garbage_on_gui_thread,
    start_worker,
)
from exporter_desk.gui.warmup import warm_up_verifier

if TYPE_CHECKING:
    from exporter_desk.store import DamagedDatabaseError, Store

ORGANIZATION = "ExporterDesk"
APPLICATION = "Exporter Desk"

STYLE = """
QWidget#sidebar, QListWidget#sidebar {
    background: #1f2933; color: #e4e7eb; border: none; font-size: 14px; outline: 0;
}
QListWidget#sidebar::item { padding: 6px 10px; border-radius: 6px; margin: 2px 6px; }
QListWidget#sidebar::item:selected { background: #3e4c59; color: white; }
QListWidget#sidebar::item:hover:!selected { background: #323f4b; }
QLabel#pageTitle { font-size: 20px; font-weight: 600; padding: 4px 2px; }
QLabel#countLabel, QLabel#hint, QLabel#factLabel { color: #616e7c; }
QLabel#totals { font-size: 13px; padding: 4px 2px; }
QLabel#verdictFile { font-size: 14px; font-weight: 600; }
QFrame#verdictCard { background: white; border: 1px solid #cbd2d9; border-radius: 8px; }
QTableView { gridline-color: #e4e7eb; selection-background-color: #cfe3ff;
             selection-color: #1f2933; }
QHeaderView::section { background: #f5f7fa; padding: 4px; border: none;
                       border-bottom: 1px solid #cbd2d9; font-weight: 600; }
"""


BUNDLED_CJK_FONT = "WenQuanYiMicroHei.ttf"


def has_chinese_font() -> bool:
    """Whether a font on the system can show Simplified Chinese."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def install_chinese_font(*, force: bool = False) -> str | None:
    """Where the system has no Chinese font, load the bundled one and let the interface's font
    fall back to it, so Chinese shows as text and not as empty boxes. Returns the family
    installed (None when the system's fonts are enough or the file is missing)."""
    if has_chinese_font() and not force:
        return None
    path = resources_dir() / "fonts" / BUNDLED_CJK_FONT
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    family = families[0]
    base = QApplication.font().family()
    QFont.insertSubstitutions(base, [*QFont.substitutes(base), family])
    return family


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, created with our names (QSettings uses them) and style."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    collect_garbage_on_gui_thread()
    app.setWindowIcon(icon("app"))
    install_chinese_font()
    app.setStyleSheet(STYLE)
    return app


def store_opener(data_dir: Path) -> Store:
    """Runs on the database thread: opens the data folder (read-only when it is). A damaged,
    emptied or foreign database raises, and the window says so. The daily backup follows in
    the background (``StartupNotice``), so that it never delays the first list."""
    from exporter_desk.services.datafolder import open_data_folder

    return open_data_folder(data_dir, backup=False)


class StartupNotice(QObject):
    """After the database opened: says once that the data folder is read-only (the data can
    be read, printed and exported, not changed), or starts the daily backup on a worker.
    A backup that finds the file damaged is shown, and the store refuses writes from then on.
    Errors opening the database are shown by the window itself."""

    def __init__(
        self, presenter: ErrorPresenter, tasks: TaskManager, data_dir: Path, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._presenter = presenter
        self._tasks = tasks
        self._data_dir = data_dir
        self.backup_worker: Worker | None = None

    @Slot(object)
    def on_opened(self, read_only: object) -> None:
        if read_only is True:
            from exporter_desk.store import ReadOnlyDataError

            self._presenter.show(
                ReadOnlyDataError(self._data_dir, "change it", opened_read_only=True)
            )
            return
        worker = Worker(partial(_take_daily_backup, self._data_dir))
        worker.signals.failed.connect(self.on_backup_failed)
        self.backup_worker = start_worker(worker)

    @Slot(object)
    def on_failed(self, _error: BaseException) -> None:
        """The window already shows why the database could not be opened (store_failed)."""

    @Slot(object)
    def on_backup_failed(self, error: BaseException) -> None:
        from exporter_desk.store import DamagedDatabaseError

        if isinstance(error, DamagedDatabaseError):
            # Queued before anything the user does next: no write reaches the damaged file.
            self._tasks.run_db(partial(_mark_damaged, error), None, self.on_failed)
        self._presenter.show(error)


def _take_daily_backup(data_dir: Path, _progress: Progress) -> Path | None:
    from exporter_desk.services.datafolder import backup_data_folder

    return backup_data_folder(data_dir, dt.datetime.now().astimezone())


def _mark_damaged(error: DamagedDatabaseError, store: Store) -> None:
    store.mark_damaged(error)


def _is_read_only(store: Store) -> bool:
    return store.read_only


def create_main_window(data_dir: Path) -> tuple[MainWindow, TaskManager, ErrorPresenter]:
    """The window with its database thread and error presenter (the app and tests use this)."""
    presenter = ErrorPresenter()
    tasks = TaskManager(lambda: store_opener(data_dir), on_error=presenter.show)
    window = MainWindow(tasks, presenter, data_dir)
    presenter.set_window(window)
    notice = StartupNotice(presenter, tasks, data_dir, window)
    tasks.run_db(_is_read_only, notice.on_opened, notice.on_failed)
    return window, tasks, presenter


def start_logging(data_dir: Path) -> None:
    """Log to ``<data>/logs``; a read-only data folder logs to the platform's cache folder
    instead, and without any writable place the app still starts (logging to stderr)."""
    try:
        setup_logging(data_dir)
    except OSError:
        with contextlib.suppress(OSError):
            setup_logging(Path(platformdirs.user_cache_dir("ExporterDesk", "ExporterDesk")))


def run(data_dir: Path, files_to_verify: list[Path]) -> int:
    """Run the desktop app on ``data_dir``; verify ``files_to_verify`` at once. Returns the exit
    code."""
    app = application()
    opened = FileOpenReceiver(app) if wants_file_open_events() else None  # macOS "open with"
    start_logging(data_dir)
    i18n.set_language(i18n.saved_language())
    window, tasks, presenter = create_main_window(data_dir)
    install_excepthook(presenter)
    window.show()
    warm_up_verifier(window)  # the first file dropped on Verify is checked without waiting
    if files_to_verify or (opened is not None and opened.pending):
        window.verify_files(list(files_to_verify))
    else:
        window.offer_wizard_if_new()
    if opened is not None:
        opened.set_handler(window.verify_files)
    if is_quit_after_shown():
        quit_once_shown(window)
    try:
        return app.exec()
    finally:
        # Workers still running (a verification, a render) must end before the QApplication
        # goes, or they report to destroyed objects and the process aborts on exit.
        QThreadPool.globalInstance().clear()
        QThreadPool.globalInstance().waitForDone(30_000)
        tasks.shutdown()


__all__ = [
    "StartupNotice",
    "application",
    "create_main_window",
    "has_chinese_font",
    "install_chinese_font",
    "run",
    "start_logging",
    "store_opener",
]
