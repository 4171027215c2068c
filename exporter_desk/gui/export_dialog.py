"""Export a list screen, as filtered and sorted, to .xlsx or .csv; and the list's Import and
Export buttons (``add_data_actions``). The export runs on the database thread with a progress
dialog whose Cancel stops it (the partial file is removed)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QProgressDialog, QToolButton, QWidget

from exporter_desk.errors import ExporterError
from exporter_desk.gui._resources import icon
from exporter_desk.gui.errors import is_cancel
from exporter_desk.gui.import_dialog import POLL_MS, ImportDialog, _Job
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.services.exporting import ExportTable, export_table
from exporter_desk.services.importing import ImportTable

if TYPE_CHECKING:
    from exporter_desk.gui.list_page import ListPage

translate = QCoreApplication.translate


def list_order(page: ListPage[Any]) -> tuple[str, bool]:
    """The store order the list shows: its sorted column, else the list's default."""
    header = page.table.horizontalHeader()
    section = header.sortIndicatorSection()
    for column in page.source.columns.__members__.values():
        if int(column) == section:
            key = page.source.order_key(column)
            if key is not None:
                return key, header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    return page.source.default_order()


class ExportRun(QObject):
    """One export on the database thread, with a progress dialog; ``finished_path`` or
    ``error`` says how it ended."""

    def __init__(
        self,
        tasks: TaskManager,
        table: ExportTable,
        path: Path,
        order: tuple[str, bool],
        query: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.path = path
        self.rows: int | None = None
        self.error: BaseException | None = None
        self._job = _Job()
        self.dialog = QProgressDialog(parent)
        self.dialog.setWindowTitle(translate("ExportDialog", "Export"))
        self.dialog.setLabelText(
            translate("ExportDialog", "Writing {name}...").format(name=path.name)
        )
        self.dialog.setCancelButtonText(translate("ExportDialog", "Cancel"))
        self.dialog.setRange(0, 0)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self._job.cancel)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._show_progress)
        self._timer.start()
        job, (order_by, descending) = self._job, order
        tasks.run_db(
            lambda store: export_table(
                store,
                table,
                path,
                order_by=order_by,
                descending=descending,
                query=query,
                progress=job,
            ),
            self._on_done,
            self._on_failed,
        )

    @property
    def is_running(self) -> bool:
        return self.rows is None and self.error is None

    @Slot()
    def _show_progress(self) -> None:
        if self._job.total:
            self.dialog.setRange(0, self._job.total)
            self.dialog.setValue(min(self._job.done, self._job.total))

    def _end(self) -> None:
        self._timer.stop()
        self.dialog.reset()
        self.dialog.hide()

    @Slot(object)
    def _on_done(self, rows: int) -> None:
        self.rows = rows
        self._end()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self.error = error
        self._end()
        if not is_cancel(error):
            self._tasks.report_error(error)


class DataActions(QObject):
    """A list's Import (parties, products) and Export buttons."""

    def __init__(self, page: ListPage[Any], tasks: TaskManager) -> None:
        super().__init__(page)
        self._page = page
        self._tasks = tasks
        self.last_run: ExportRun | None = None
        # One narrow button with a menu: a list's toolbar must fit a 1024-pixel window.
        self.menu = QMenu(page)
        self.export_action = QAction(icon("save"), "", page)
        self.export_action.triggered.connect(self._on_export)
        self.menu.addAction(self.export_action)
        self.import_action: QAction | None = None
        self.import_table = _IMPORTS.get(page.source.table)
        if self.import_table is not None:
            self.import_action = QAction(icon("folder"), "", page)
            self.import_action.triggered.connect(self._on_import)
            self.menu.addAction(self.import_action)
        self.menu_action = QAction(icon("folder"), "", page)
        self.menu_action.setMenu(self.menu)
        self.button = page.add_tool(self.menu_action)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.retranslate()

    def retranslate(self) -> None:
        self.menu_action.setText(translate("ExportDialog", "Import and export"))
        self.menu_action.setToolTip(
            translate("ExportDialog", "Import from or export to Excel and CSV files")
        )
        self.export_action.setText(translate("ExportDialog", "Export..."))
        self.export_action.setToolTip(
            translate("ExportDialog", "Save this list, as filtered and sorted, to Excel or CSV")
        )
        if self.import_action is not None and self.import_table is not None:
            if self.import_table.is_lines:
                self.import_action.setText(translate("ExportDialog", "Import lines..."))
                self.import_action.setToolTip(
                    translate(
                        "ExportDialog", "Add or update the selected record's lines from a file"
                    )
                )
            else:
                self.import_action.setText(translate("ExportDialog", "Import..."))
                self.import_action.setToolTip(
                    translate("ExportDialog", "Add or update records from an Excel or CSV file")
                )

    @Slot()
    def _on_export(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(
            self._page,
            translate("ExportDialog", "Export to"),
            f"{self._page.source.table}.xlsx",
            translate("ExportDialog", "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"),
        )
        if name:
            path = Path(name)
            if path.suffix.lower() not in (".xlsx", ".csv"):
                path = path.with_name(path.name + (".csv" if "csv" in chosen else ".xlsx"))
            self.export_to(path)

    def export_to(self, path: Path) -> ExportRun:
        self.last_run = ExportRun(
            self._tasks,
            ExportTable(self._page.source.table),
            path,
            list_order(self._page),
            self._page.model.query,
            self._page,
        )
        return self.last_run

    def open_import(self, path: Path | None = None) -> ImportDialog | None:
        """The Import dialog; for lines, into the selected record (None when none is)."""
        assert self.import_table is not None
        target = None
        if self.import_table.is_lines:
            target = self._page.current_id()
            if target is None:
                self._tasks.report_error(_NothingSelected())
                return None
        dialog = ImportDialog(self._tasks, self.import_table, self._page, path, target)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot()
    def _on_import(self) -> None:
        self.open_import()


_IMPORTS = {
    "parties": ImportTable.PARTIES,
    "products": ImportTable.PRODUCTS,
    "invoices": ImportTable.INVOICE_LINES,
    "contracts": ImportTable.CONTRACT_LINES,
}


class _NothingSelected(ExporterError):
    def __init__(self) -> None:
        super().__init__(
            "no record selected for importing lines",
            user_message=translate(
                "ExportDialog", "Select the invoice or contract the lines go into first."
            ),
        )


def add_data_actions(page: ListPage[Any], tasks: TaskManager) -> DataActions:
    return DataActions(page, tasks)


__all__ = ["DataActions", "ExportRun", "add_data_actions", "list_order"]
