"""The letter of credit of a deal: typed by hand, or read from the SWIFT MT700 text the bank
sent (pasted), with the lines the reader could not place listed; amendments (MT707) pasted
later update it and are kept as its history.

Reading runs on the thread pool, saving and amending on the database thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.domain import DealId, Problem
from exporter_desk.domain.credit import (
    LetterOfCredit,
    Permission,
    RequiredDocument,
    RequiredKind,
)
from exporter_desk.domain.swift import Mt700Reading, parse_mt700
from exporter_desk.gui.editors._parse import money_text, number, text_of
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.forms import Form
from exporter_desk.gui.tasks import Progress, TaskManager, Worker, start_worker
from exporter_desk.gui.widgets import MultiLineEdit, OptionalDateEdit, TextEdit

translate = QCoreApplication.translate


def required_label(kind: RequiredKind) -> str:
    labels = {
        RequiredKind.COMMERCIAL_INVOICE: translate("CreditEditor", "Commercial invoice"),
        RequiredKind.PACKING_LIST: translate("CreditEditor", "Packing list"),
        RequiredKind.TRANSPORT_DOCUMENT: translate("CreditEditor", "Transport document"),
        RequiredKind.INSURANCE: translate("CreditEditor", "Insurance document"),
        RequiredKind.CERTIFICATE_OF_ORIGIN: translate("CreditEditor", "Certificate of origin"),
        RequiredKind.INSPECTION_CERTIFICATE: translate("CreditEditor", "Inspection certificate"),
        RequiredKind.BENEFICIARY_CERTIFICATE: translate(
            "CreditEditor", "Beneficiary's certificate"
        ),
        RequiredKind.DRAFT: translate("CreditEditor", "Draft (bill of exchange)"),
        RequiredKind.OTHER: translate("CreditEditor", "Other document"),
    }
    return labels[kind]


def permission_label(value: Permission | None) -> str:
    if value is Permission.ALLOWED:
        return translate("CreditEditor", "allowed")
    if value is Permission.NOT_ALLOWED:
        return translate("CreditEditor", "not allowed")
    if value is Permission.CONDITIONAL:
        return translate("CreditEditor", "conditional")
    return translate("CreditEditor", "not stated")


class PermissionCombo(QComboBox):
    _VALUES: tuple[Permission | None, ...] = (None, *Permission)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for value in self._VALUES:
            self.addItem(permission_label(value))

    def value(self) -> Permission | None:
        return self._VALUES[max(self.currentIndex(), 0)]

    def set_value(self, value: Permission | None) -> None:
        self.setCurrentIndex(self._VALUES.index(value))


class CreditEditor(QDialog):
    """See the module docstring. ``saved`` carries the stored credit."""

    saved = Signal(object)
    COLUMNS = 4

    def __init__(
        self,
        tasks: TaskManager,
        presenter: ErrorPresenter,
        deal_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("creditEditor")
        self.tasks = tasks
        self.presenter = presenter
        self.deal_id = DealId(deal_id)
        self.credit: LetterOfCredit | None = None
        self.reading: Mt700Reading | None = None
        self._workers: list[Worker] = []

        # Left: the pasted MT700 and what the reader could not place.
        self.paste_label = QLabel()
        self.paste = QPlainTextEdit()
        self.paste.setObjectName("mt700")
        self.read_button = QPushButton()
        self.read_button.clicked.connect(self.read_pasted)
        self.amend_button = QPushButton()
        self.amend_button.clicked.connect(self.amend_pasted)
        self.unplaced_label = QLabel()
        self.unplaced_label.setWordWrap(True)
        self.unplaced = QListWidget()
        self.unplaced.setObjectName("unplaced")
        self.unplaced.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.paste_label)
        left_layout.addWidget(self.paste, 3)
        row = QHBoxLayout()
        row.addWidget(self.read_button)
        row.addWidget(self.amend_button)
        row.addStretch(1)
        left_layout.addLayout(row)
        left_layout.addWidget(self.unplaced_label)
        left_layout.addWidget(self.unplaced, 2)

        # Right: the credit's terms, the documents it requires, its amendments.
        self.number = TextEdit()
        self.currency = TextEdit()
        self.amount = TextEdit()
        self.tolerance_plus = TextEdit()
        self.tolerance_minus = TextEdit()
        self.issue_date = OptionalDateEdit()
        self.expiry_date = OptionalDateEdit()
        self.expiry_place = TextEdit()
        self.latest_shipment_date = OptionalDateEdit()
        self.presentation_days = QSpinBox()
        self.presentation_days.setRange(1, 365)
        self.partial_shipment = PermissionCombo()
        self.transhipment = PermissionCombo()
        self.port_of_loading = TextEdit()
        self.port_of_discharge = TextEdit()
        self.applicant = MultiLineEdit(2)
        self.beneficiary = MultiLineEdit(2)
        self.issuing_bank = TextEdit()
        self.goods = MultiLineEdit(3)
        self.additional_conditions = MultiLineEdit(3)
        self.form = Form()
        for name, label, widget in (
            ("number", lambda: translate("CreditEditor", "Credit number (20)"), self.number),
            ("currency", lambda: translate("CreditEditor", "Currency (32B)"), self.currency),
            ("amount", lambda: translate("CreditEditor", "Amount (32B)"), self.amount),
            (
                "tolerance_plus",
                lambda: translate("CreditEditor", "Tolerance + % (39A)"),
                self.tolerance_plus,
            ),
            (
                "tolerance_minus",
                lambda: translate("CreditEditor", "Tolerance - % (39A)"),
                self.tolerance_minus,
            ),
            ("issue_date", lambda: translate("CreditEditor", "Issued (31C)"), self.issue_date),
            ("expiry_date", lambda: translate("CreditEditor", "Expiry (31D)"), self.expiry_date),
            (
                "expiry_place",
                lambda: translate("CreditEditor", "Expiry place (31D)"),
                self.expiry_place,
            ),
            (
                "latest_shipment_date",
                lambda: translate("CreditEditor", "Latest shipment (44C)"),
                self.latest_shipment_date,
            ),
            (
                "presentation_days",
                lambda: translate("CreditEditor", "Presentation days (48)"),
                self.presentation_days,
            ),
            (
                "partial_shipment",
                lambda: translate("CreditEditor", "Partial shipment (43P)"),
                self.partial_shipment,
            ),
            (
                "transhipment",
                lambda: translate("CreditEditor", "Transhipment (43T)"),
                self.transhipment,
            ),
            (
                "port_of_loading",
                lambda: translate("CreditEditor", "Port of loading (44E)"),
                self.port_of_loading,
            ),
            (
                "port_of_discharge",
                lambda: translate("CreditEditor", "Port of discharge (44F)"),
                self.port_of_discharge,
            ),
            ("applicant", lambda: translate("CreditEditor", "Applicant (50)"), self.applicant),
            (
                "beneficiary",
                lambda: translate("CreditEditor", "Beneficiary (59)"),
                self.beneficiary,
            ),
            (
                "issuing_bank",
                lambda: translate("CreditEditor", "Issuing bank"),
                self.issuing_bank,
            ),
            ("goods", lambda: translate("CreditEditor", "Goods (45A)"), self.goods),
            (
                "additional_conditions",
                lambda: translate("CreditEditor", "Additional conditions (47A)"),
                self.additional_conditions,
            ),
        ):
            self.form.add_row(name, label, widget)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.documents = QTableWidget(0, self.COLUMNS)
        self.documents.setObjectName("requiredDocuments")
        self.documents.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.documents.setWordWrap(True)
        self.history = QListWidget()
        self.history.setObjectName("amendments")
        self.history.setWordWrap(True)
        # Each in a form of its own, so that a discrepancy naming it finds it (focus_field).
        self.new_kind = QComboBox()
        for kind in RequiredKind:
            self.new_kind.addItem(required_label(kind), kind.value)
        self.add_document_button = QPushButton()
        self.add_document_button.clicked.connect(self.add_document)
        self.remove_document_button = QPushButton()
        self.remove_document_button.clicked.connect(self.remove_document)
        adding = QHBoxLayout()
        adding.addWidget(self.new_kind, 1)
        adding.addWidget(self.add_document_button)
        adding.addWidget(self.remove_document_button)
        self.documents_form = Form()
        self.documents_form.add_row(
            "documents", lambda: translate("CreditEditor", "46A"), self.documents
        )
        adding_row = QWidget()
        adding_row.setLayout(adding)
        self.documents_form.add_widget(adding_row)
        self.history_form = Form()
        self.history_form.add_row(
            "amendments", lambda: translate("CreditEditor", "History"), self.history
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, "")
        self.tabs.addTab(self.documents_form, "")
        self.tabs.addTab(self.history_form, "")

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(1000, 600)
        self.retranslate()
        self.load(None)

    # -- text --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(translate("CreditEditor", "Letter of credit"))
        self.paste_label.setText(
            translate("CreditEditor", "Paste the SWIFT MT700 (or MT707 amendment) text here:")
        )
        self.read_button.setText(translate("CreditEditor", "Fill the form from MT700"))
        self.amend_button.setText(translate("CreditEditor", "Apply MT707 amendment"))
        self.tabs.setTabText(0, translate("CreditEditor", "Terms"))
        self.tabs.setTabText(1, translate("CreditEditor", "Documents required"))
        self.tabs.setTabText(2, translate("CreditEditor", "Amendments"))
        self.documents.setHorizontalHeaderLabels(
            [
                translate("CreditEditor", "Document"),
                translate("CreditEditor", "Originals"),
                translate("CreditEditor", "Copies"),
                translate("CreditEditor", "Special wording"),
            ]
        )
        self._show_unplaced()
        self.form.retranslate()
        self.documents_form.retranslate()
        self.add_document_button.setText(translate("CreditEditor", "Add document"))
        self.remove_document_button.setText(translate("CreditEditor", "Remove document"))
        for index, kind in enumerate(RequiredKind):
            self.new_kind.setItemText(index, required_label(kind))
        self.history_form.retranslate()

    # -- loading and building ----------------------------------------------------------------

    def load(self, credit: LetterOfCredit | None) -> None:
        """Show ``credit`` (None: a blank form)."""
        self.credit = credit
        c = credit or LetterOfCredit("", "USD", Decimal(0), None, deal_id=self.deal_id)
        self.number.set_value(c.number)
        self.currency.set_value(c.currency if credit else "")
        self.amount.set_value(money_text(c.amount) if credit else "")
        self.tolerance_plus.set_value(text_of(c.tolerance_plus))
        self.tolerance_minus.set_value(text_of(c.tolerance_minus))
        self.issue_date.set_value(c.issue_date)
        self.expiry_date.set_value(c.expiry_date)
        self.expiry_place.set_value(c.expiry_place)
        self.latest_shipment_date.set_value(c.latest_shipment_date)
        self.presentation_days.setValue(c.presentation_days)
        self.partial_shipment.set_value(c.partial_shipment)
        self.transhipment.set_value(c.transhipment)
        self.port_of_loading.set_value(c.port_of_loading)
        self.port_of_discharge.set_value(c.port_of_discharge)
        self.applicant.set_value(c.applicant)
        self.beneficiary.set_value(c.beneficiary)
        self.issuing_bank.set_value(c.issuing_bank)
        self.goods.set_value(c.goods)
        self.additional_conditions.set_value(c.additional_conditions)
        self.documents.setRowCount(0)
        for item in c.documents:
            self._append_document(item)
        self.documents.resizeColumnsToContents()
        self.documents.resizeRowsToContents()
        self.history.clear()
        for record in c.amendments:
            when = record.date.isoformat() if record.date else ""
            changes = "; ".join(
                f"{name}: {before} → {after}" for name, before, after in record.changes
            )
            self.history.addItem(
                translate("CreditEditor", "Amendment {n} of {date}: {changes}").format(
                    n=record.sequence, date=when, changes=changes or record.narrative
                )
            )
        if credit is not None:
            self.form.show_problems(credit.problems())

    def build(self) -> tuple[LetterOfCredit, list[Problem]]:
        problems: list[Problem] = []
        documents = []
        for row in range(self.documents.rowCount()):
            kind_cell = self.documents.item(row, 0)
            if kind_cell is None:
                continue

            def count(column: int, row: int = row) -> int:
                cell = self.documents.item(row, column)
                text = cell.text().strip() if cell is not None else "0"
                return int(text) if text.isdigit() else -1

            documents.append(
                RequiredDocument(
                    RequiredKind(kind_cell.data(Qt.ItemDataRole.UserRole)),
                    count(1),
                    count(2),
                    (self.documents.item(row, 3) or QTableWidgetItem()).text(),
                )
            )
        base = self.credit or LetterOfCredit("", "USD", Decimal(0), None)
        currency = self.currency.value().strip().upper()
        if not currency:
            problems.append(
                Problem("currency", translate("CreditEditor", "The currency is required."))
            )
            currency = "USD"
        credit = replace(
            base,
            number=self.number.value().strip(),
            currency=currency,
            amount=number("amount", self.amount.value(), problems, what="amount"),
            tolerance_plus=number("tolerance_plus", self.tolerance_plus.value(), problems),
            tolerance_minus=number("tolerance_minus", self.tolerance_minus.value(), problems),
            issue_date=self.issue_date.value(),
            expiry_date=self.expiry_date.value(),
            expiry_place=self.expiry_place.value().strip(),
            latest_shipment_date=self.latest_shipment_date.value(),
            presentation_days=self.presentation_days.value(),
            partial_shipment=self.partial_shipment.value(),
            transhipment=self.transhipment.value(),
            port_of_loading=self.port_of_loading.value().strip(),
            port_of_discharge=self.port_of_discharge.value().strip(),
            applicant=self.applicant.value().strip(),
            beneficiary=self.beneficiary.value().strip(),
            issuing_bank=self.issuing_bank.value().strip(),
            goods=self.goods.value().strip(),
            additional_conditions=self.additional_conditions.value().strip(),
            documents=tuple(documents),
            deal_id=self.deal_id,
        )
        return credit, problems + credit.problems()

    def _append_document(self, item: RequiredDocument) -> None:
        row = self.documents.rowCount()
        self.documents.insertRow(row)
        cells = (required_label(item.kind), str(item.originals), str(item.copies))
        for column, text in enumerate((*cells, item.wording)):
            cell = QTableWidgetItem(text)
            if column == 0:
                cell.setData(Qt.ItemDataRole.UserRole, item.kind.value)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.documents.setItem(row, column, cell)

    @Slot()
    def add_document(self) -> None:
        """A required document typed by hand: its kind, one original; edit counts and wording."""
        kind = RequiredKind(self.new_kind.currentData())
        self._append_document(RequiredDocument(kind))
        self.documents.setCurrentCell(self.documents.rowCount() - 1, 3)

    @Slot()
    def remove_document(self) -> None:
        row = self.documents.currentRow()
        if row >= 0:
            self.documents.removeRow(row)

    # -- actions -----------------------------------------------------------------------------

    @Slot()
    def read_pasted(self) -> None:
        """Read the pasted MT700 on the thread pool; fill the form with what it found."""
        text = self.paste.toPlainText()
        self._start(lambda _progress: parse_mt700(text), self._on_read)
        self.status.setText(translate("CreditEditor", "Reading the MT700..."))

    def _start(self, fn: Callable[[Progress], object], on_done: Callable[[Any], None]) -> None:
        worker = Worker(fn)
        worker.signals.succeeded.connect(on_done)
        worker.signals.failed.connect(self._on_failed)
        self._workers.append(worker)
        start_worker(worker)

    @Slot(object)
    def _on_read(self, reading: Mt700Reading) -> None:
        self._workers.clear()
        self.reading = reading
        previous = self.credit
        credit = replace(reading.credit, deal_id=self.deal_id)
        if previous is not None:
            credit = replace(credit, id=previous.id)  # a re-read replaces the stored credit
        self.load(credit)
        self._show_unplaced()
        self.status.setText(
            translate(
                "CreditEditor",
                "Read {fields} fields; {unplaced} line(s) not placed. Check the form, then save.",
            ).format(fields=len(reading.fields), unplaced=len(reading.unplaced))
        )

    def _show_unplaced(self) -> None:
        self.unplaced.clear()
        reading = self.reading
        if reading is None:
            self.unplaced_label.setText(
                translate("CreditEditor", "Lines the reader could not place show here.")
            )
            return
        if reading.missing:
            self.unplaced_label.setText(
                translate("CreditEditor", "Mandatory fields missing: {fields}").format(
                    fields=", ".join(reading.missing)
                )
            )
        elif reading.unplaced:
            self.unplaced_label.setText(
                translate(
                    "CreditEditor",
                    "Lines not placed (enter them by hand if they matter):",
                )
            )
        else:
            self.unplaced_label.setText(translate("CreditEditor", "Every line was placed."))
        for item in reading.unplaced:
            tag = f":{item.tag}:" if item.tag else translate("CreditEditor", "(no tag)")
            first = item.text.splitlines()[0] if item.text else ""
            self.unplaced.addItem(
                translate("CreditEditor", "line {line} {tag} {text} ({reason})").format(
                    line=item.line, tag=tag, text=first, reason=item.reason
                )
            )

    @Slot()
    def save(self) -> None:
        credit, problems = self.build()
        problems = [
            Problem("documents", p.message) if p.field.startswith("documents.") else p
            for p in problems
        ]
        self.form.show_problems([p for p in problems if p.field != "documents"])
        self.documents_form.show_problems([p for p in problems if p.field == "documents"])
        if problems:
            self.status.setText(translate("CreditEditor", "Correct the marked fields first."))
            return
        from exporter_desk.services.crediting import save_credit

        self.tasks.run_db(lambda store: save_credit(store, credit), self._on_saved)

    @Slot(object)
    def _on_saved(self, credit: LetterOfCredit) -> None:
        self.load(credit)
        self.status.setText(
            translate("CreditEditor", "The credit {number} was saved.").format(number=credit.number)
        )
        self.tasks.notify_changed("credits")
        self.saved.emit(credit)

    @Slot()
    def amend_pasted(self) -> None:
        if self.credit is None or self.credit.id is None:
            self.status.setText(
                translate("CreditEditor", "Save the credit first; then paste its MT707.")
            )
            return
        from exporter_desk.services.crediting import amend_credit

        credit_id, text = self.credit.id, self.paste.toPlainText()
        self.tasks.run_db(lambda store: amend_credit(store, credit_id, text)[0], self._on_saved)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self.status.setText("")
        self.presenter.show(error)


__all__ = ["CreditEditor", "permission_label", "required_label"]
