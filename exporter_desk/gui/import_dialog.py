"""The Import dialog: pick a file, see its first rows, map columns to fields, check every row
(dry run), then import in one transaction. Reading, checking and writing run on the database
thread with progress and cancel; nothing is written before the user presses Import."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from exporter_desk.gui.errors import is_cancel
from exporter_desk.gui.messages import translate_message
from exporter_desk.gui.tasks import OperationCancelled, TaskManager
from exporter_desk.services.importing import (
    FIELDS,
    ImportPlan,
    ImportResult,
    ImportTable,
    column_label,
    commit_import,
    plan_import,
    remember_mapping,
    suggest_mapping,
)
from exporter_desk.services.spreadsheets import Cell, open_spreadsheet
from exporter_desk.store import Store

translate = QCoreApplication.translate

PREVIEW_ROWS = 20
POLL_MS = 100


def field_label(name: str) -> str:
    """A field's name as the mapping list shows it (the services' labels, translated)."""
    return {
        "sku": translate("ImportFields", "SKU"),
        "description_en": translate("ImportFields", "Description (English)"),
        "description_zh": translate("ImportFields", "Description (Chinese)"),
        "hs_code": translate("ImportFields", "HS code"),
        "quantity": translate("ImportFields", "Quantity"),
        "unit": translate("ImportFields", "Unit"),
        "unit_price": translate("ImportFields", "Unit price"),
        "currency": translate("ImportFields", "Currency"),
        "net_weight_kg": translate("ImportFields", "Net weight (kg)"),
        "gross_weight_kg": translate("ImportFields", "Gross weight (kg)"),
        "origin_country": translate("ImportFields", "Country of origin"),
        "package_type": translate("ImportFields", "Package type"),
        "units_per_package": translate("ImportFields", "Units per package"),
        "package_length_cm": translate("ImportFields", "Package length (cm)"),
        "package_width_cm": translate("ImportFields", "Package width (cm)"),
        "package_height_cm": translate("ImportFields", "Package height (cm)"),
        "name_en": translate("ImportFields", "Name (English)"),
        "name_zh": translate("ImportFields", "Name (Chinese)"),
        "address_en": translate("ImportFields", "Address (English)"),
        "address_zh": translate("ImportFields", "Address (Chinese)"),
        "country": translate("ImportFields", "Country"),
        "registration_id": translate("ImportFields", "Registration id"),
        "roles": translate("ImportFields", "Roles"),
        "contact": translate("ImportFields", "Contact"),
        "email": translate("ImportFields", "E-mail"),
        "phone": translate("ImportFields", "Phone"),
        "bank_name": translate("ImportFields", "Bank"),
        "bank_account_number": translate("ImportFields", "Account number"),
        "bank_swift": translate("ImportFields", "SWIFT / BIC"),
        "bank_address": translate("ImportFields", "Bank address"),
        "bank_account_name": translate("ImportFields", "Account name"),
    }.get(name, name)


class _Job:
    """Progress and cancel shared by the dialog (GUI thread) and a job on the database thread:
    plain Python, so the job holds no Qt object."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def __call__(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise OperationCancelled()
        self.done, self.total = done, total


@dataclass(frozen=True, slots=True)
class _Preview:
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]
    mapping: dict[int, str]
    description: str


def _read_preview(store: Store, path: Path, table: ImportTable) -> _Preview:
    with open_spreadsheet(path) as sheet:
        rows = []
        for row in sheet.rows():
            rows.append((row.number, row.cells))
            if len(rows) >= PREVIEW_ROWS:
                break
        kind = f"CSV, {sheet.encoding}, '{sheet.delimiter}'" if sheet.kind == "csv" else "Excel"
        return _Preview(
            sheet.header, tuple(rows), suggest_mapping(store, table, sheet.header), kind
        )


def _dry_run(
    store: Store,
    path: Path,
    table: ImportTable,
    mapping: dict[int, str],
    job: _Job,
    target_id: int | None,
) -> ImportPlan:
    with open_spreadsheet(path) as sheet:
        return plan_import(store, sheet, table, mapping, progress=job, target_id=target_id)


def _commit(
    store: Store,
    plan: ImportPlan,
    header: tuple[str, ...],
    mapping: dict[int, str],
    job: _Job,
) -> ImportResult:
    result = commit_import(store, plan, progress=job)
    remember_mapping(store, plan.table, header, mapping)
    return result


class ImportDialog(QDialog):
    """Import parties or products from .xlsx or .csv into the company database."""

    def __init__(
        self,
        tasks: TaskManager,
        table: ImportTable,
        parent: QWidget | None = None,
        path: Path | None = None,
        target_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.table = table
        self.target_id = target_id  # the invoice or contract that lines go into
        self.path: Path | None = None
        self.header: tuple[str, ...] = ()
        self.plan: ImportPlan | None = None
        self.outcome: ImportResult | None = None
        self._job: _Job | None = None
        self.resize(900, 620)

        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self._on_choose)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping = QTableWidget(0, 2)
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.problems = QTableWidget(0, 3)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.check_button = QPushButton()
        self.import_button = QPushButton()
        self.cancel_button = QPushButton()
        self.check_button.clicked.connect(self._on_check)
        self.import_button.clicked.connect(self._on_import)
        self.cancel_button.clicked.connect(self._on_cancel)

        top = QHBoxLayout()
        top.addWidget(self.file, 1)
        top.addWidget(self.choose_button)
        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(self.preview)
        middle.addWidget(self.mapping)
        middle.setStretchFactor(0, 3)
        middle.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(middle, 3)
        layout.addWidget(self.problems, 2)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._show_progress)
        self.retranslate()
        self._update_buttons()
        if path is not None:
            self.load(path)

    # -- steps -----------------------------------------------------------------------------

    @Slot()
    def _on_choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a spreadsheet"),
            "",
            self.tr("Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"),
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Show the first rows of ``path`` and the suggested mapping."""
        self.path, self.plan, self.outcome = path, None, None
        self.file.setText(str(path))
        self._set_status(self.tr("Reading {name}...").format(name=path.name))
        table = self.table
        self._tasks.run_db(
            lambda store: _read_preview(store, path, table), self._on_preview, self._on_failed
        )

    @Slot(object)
    def _on_preview(self, preview: _Preview) -> None:
        self.header = preview.header
        titles = [column_label(preview.header, i) for i in range(len(preview.header))]
        self.preview.clear()
        self.preview.setColumnCount(len(titles))
        self.preview.setRowCount(len(preview.rows))
        self.preview.setHorizontalHeaderLabels(titles)
        self.preview.setVerticalHeaderLabels([str(n) for n, _cells in preview.rows])
        for r, (_number, cells) in enumerate(preview.rows):
            for c, cell in enumerate(cells):
                self.preview.setItem(r, c, QTableWidgetItem("" if cell is None else str(cell)))
        self.mapping.setRowCount(len(titles))
        for index, title in enumerate(titles):
            self.mapping.setItem(index, 0, QTableWidgetItem(title))
            combo = QComboBox()
            combo.addItem(self.tr("(not imported)"), "")
            for spec in FIELDS[self.table]:
                label = field_label(spec.name)
                combo.addItem(f"{label} *" if spec.required else label, spec.name)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(index, ""))))
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            self.mapping.setCellWidget(index, 1, combo)
        self._set_status(
            self.tr("{kind}: {columns} columns. Check the mapping, then press Check.").format(
                kind=preview.description, columns=len(titles)
            )
        )
        self._update_buttons()

    def current_mapping(self) -> dict[int, str]:
        mapping: dict[int, str] = {}
        for index in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(index, 1)
            if isinstance(combo, QComboBox) and combo.currentData():
                mapping[index] = str(combo.currentData())
        return mapping

    def set_field(self, column: int, field: str) -> None:
        """Map one column (0-based) to a field, as choosing it in the list does."""
        combo = self.mapping.cellWidget(column, 1)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(max(0, combo.findData(field)))

    @Slot(int)
    def _on_mapping_changed(self, _index: int) -> None:
        self.plan = None
        self._update_buttons()

    @Slot()
    def _on_check(self) -> None:
        if self.path is None:
            return
        path, table, mapping, job = self.path, self.table, self.current_mapping(), _Job()
        target = self.target_id
        self._start(job, self.tr("Checking every row..."))
        self._tasks.run_db(
            lambda store: _dry_run(store, path, table, mapping, job, target),
            self._on_checked,
            self._on_failed,
        )

    @Slot(object)
    def _on_checked(self, plan: ImportPlan) -> None:
        self._stop()
        self.plan = plan
        self.problems.setRowCount(len(plan.problems))
        for r, problem in enumerate(plan.problems):
            self.problems.setItem(r, 0, QTableWidgetItem(str(problem.row)))
            self.problems.setItem(r, 1, QTableWidgetItem(problem.column or problem.field))
            self.problems.setItem(r, 2, QTableWidgetItem(problem.message))
        counts = self.tr("{rows} rows: {add} to add, {update} to update, {same} unchanged.").format(
            rows=f"{plan.rows_read:,}",
            add=f"{plan.count('add'):,}",
            update=f"{plan.count('update'):,}",
            same=f"{plan.count('unchanged'):,}",
        )
        if plan.problems:
            self._set_status(
                counts
                + " "
                + self.tr("{count} problems to fix first; nothing will be written.").format(
                    count=f"{len(plan.problems):,}"
                )
            )
        else:
            self._set_status(counts + " " + self.tr("Every row is valid: press Import."))
        self._update_buttons()

    @Slot()
    def _on_import(self) -> None:
        plan = self.plan
        if plan is None or not plan.is_valid:
            return
        header, mapping, job = self.header, self.current_mapping(), _Job()
        self._start(job, self.tr("Importing..."))
        self._tasks.run_db(
            lambda store: _commit(store, plan, header, mapping, job),
            self._on_imported,
            self._on_failed,
        )

    @Slot(object)
    def _on_imported(self, result: ImportResult) -> None:
        self._stop()
        self.outcome = result
        self.plan = None
        changed = {
            ImportTable.INVOICE_LINES: "invoices",
            ImportTable.CONTRACT_LINES: "contracts",
        }.get(result.table, result.table.value)
        self._tasks.notify_changed(changed)
        self._set_status(
            self.tr("Imported: {added} added, {updated} updated, {skipped} skipped.").format(
                added=f"{result.added:,}",
                updated=f"{result.updated:,}",
                skipped=f"{result.skipped:,}",
            )
        )
        self._update_buttons()

    @Slot()
    def _on_cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._set_status(self.tr("Cancelling..."))
            return
        self.reject()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self._stop()
        if is_cancel(error):
            self._set_status(self.tr("Cancelled; nothing was written."))
        else:
            message = getattr(error, "user_message", None)
            if message is None:
                self._tasks.report_error(error)
                message = self.tr("The import failed; nothing was written.")
            self._set_status(translate_message(str(message)))
        self._update_buttons()

    # -- progress --------------------------------------------------------------------------

    def _start(self, job: _Job, text: str) -> None:
        self._job = job
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self._set_status(text)
        self._timer.start()
        self._update_buttons()

    def _stop(self) -> None:
        self._job = None
        self._timer.stop()
        self.progress.setVisible(False)

    @Slot()
    def _show_progress(self) -> None:
        job = self._job
        if job is not None and job.total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(job.done, job.total) / job.total))

    @property
    def is_busy(self) -> bool:
        return self._job is not None

    def _set_status(self, text: str) -> None:
        self.status.setText(text)

    def _update_buttons(self) -> None:
        busy = self._job is not None
        self.choose_button.setEnabled(not busy)
        self.mapping.setEnabled(not busy)
        self.check_button.setEnabled(not busy and self.path is not None and bool(self.header))
        self.import_button.setEnabled(not busy and self.plan is not None and self.plan.is_valid)
        self.cancel_button.setText(self.tr("Cancel") if busy else self.tr("Close"))

    def retranslate(self) -> None:
        titles = {
            ImportTable.PRODUCTS: self.tr("Import products"),
            ImportTable.PARTIES: self.tr("Import parties"),
            ImportTable.INVOICE_LINES: self.tr("Import lines into the invoice"),
            ImportTable.CONTRACT_LINES: self.tr("Import lines into the contract"),
        }
        self.setWindowTitle(titles[self.table])
        self.file.setPlaceholderText(self.tr("An .xlsx or .csv file"))
        self.choose_button.setText(self.tr("Choose file..."))
        self.mapping.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Field")])
        self.problems.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Problem")]
        )
        self.check_button.setText(self.tr("Check"))
        self.import_button.setText(self.tr("Import"))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._job is not None:
            self._job.cancel()
        super().closeEvent(event)

    def reject(self) -> None:
        if self._job is not None:
            self._job.cancel()
        super().reject()


class WizardImport(QObject):
    """The set-up assistant's "Import products from Excel..." button (QWizard custom button 1)."""

    def __init__(self, wizard: QWizard, tasks: TaskManager) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._tasks = tasks
        self.dialog: ImportDialog | None = None
        wizard.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        wizard.setButtonText(
            QWizard.WizardButton.CustomButton1,
            translate("ImportDialog", "Import products from Excel..."),
        )
        wizard.customButtonClicked.connect(self._on_clicked)

    @Slot(int)
    def _on_clicked(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.dialog = ImportDialog(self._tasks, ImportTable.PRODUCTS, self._wizard)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.show()


def add_import_products_button(wizard: QWizard, tasks: TaskManager) -> WizardImport:
    """Let a new user bring the product catalogue in from the set-up assistant."""
    return WizardImport(wizard, tasks)


__all__ = ["ImportDialog", "WizardImport", "add_import_products_button"]
