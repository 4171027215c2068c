"""Attach a document received from others to a deal (a file picked or dropped, its kind and a
few typed fields), or correct the typed fields of one attached before. Attaching (hashing,
copying, verifying a PDF that carries a registration receipt) runs on the database thread;
the verdict is shown when it is done.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.domain import DealId, Problem
from exporter_desk.domain.received import ReceivedDocument, ReceivedKind
from exporter_desk.gui.editors._parse import money_text, number, text_of
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.forms import Form
from exporter_desk.gui.i18n import Language, current_language
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import EnumCombo, OptionalDateEdit, TextEdit
from exporter_desk.verify import Result

translate = QCoreApplication.translate
_NO_FILE = "0" * 64


def received_label(kind: ReceivedKind) -> str:
    labels = {
        ReceivedKind.SUPPLIER_INVOICE: translate("ReceivedDialog", "Supplier's invoice"),
        ReceivedKind.BILL_OF_LADING: translate("ReceivedDialog", "Bill of lading"),
        ReceivedKind.AIR_WAYBILL: translate("ReceivedDialog", "Air waybill"),
        ReceivedKind.CMR: translate("ReceivedDialog", "CMR consignment note"),
        ReceivedKind.RAIL_NOTE: translate("ReceivedDialog", "Rail consignment note"),
        ReceivedKind.INSURANCE_CERTIFICATE: translate("ReceivedDialog", "Insurance certificate"),
        ReceivedKind.INSPECTION_CERTIFICATE: translate("ReceivedDialog", "Inspection certificate"),
        ReceivedKind.OTHER: translate("ReceivedDialog", "Other document"),
    }
    return labels[kind]


def verdict_text(verdict: str) -> str:
    """A stored verdict for a person, as the Verify screen names it (``AUTHENTIC``), or that
    the file carried no receipt."""
    if not verdict:
        return translate("ReceivedDialog", "no registration receipt (not verified)")
    try:
        result = Result(verdict)
    except ValueError:
        return verdict
    return result.display_zh if current_language() is Language.CHINESE else result.display


def verdict_colour(verdict: str) -> str:
    """Green for AUTHENTIC, red for TAMPERED, amber between; grey without a verdict."""
    if verdict == Result.AUTHENTIC.value:
        return "#2e7d32"
    if verdict in (Result.TAMPERED.value, Result.UNREADABLE.value):
        return "#b3261e"
    return "#9a6700" if verdict else "#616161"


class ReceivedDialog(QDialog):
    """See the module docstring. ``attached`` carries the stored record."""

    attached = Signal(object)

    def __init__(
        self,
        tasks: TaskManager,
        presenter: ErrorPresenter,
        data_dir: Path,
        deal_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receivedDialog")
        self.setAcceptDrops(True)
        self.tasks = tasks
        self.presenter = presenter
        self.data_dir = data_dir
        self.deal_id = DealId(deal_id)
        self.record: ReceivedDocument | None = None
        self.path: Path | None = None
        self.busy = False

        self.drop_hint = QLabel()
        self.drop_hint.setObjectName("hint")
        self.file_label = QLabel()
        self.file_label.setObjectName("fileName")
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_file)
        self.kind: EnumCombo[ReceivedKind] = EnumCombo(list(ReceivedKind), received_label)
        self.number = TextEdit()
        self.date = OptionalDateEdit()
        self.issuer = TextEdit()
        self.currency = TextEdit()
        self.amount = TextEdit()
        self.net_kg = TextEdit()
        self.gross_kg = TextEdit()
        self.packages = TextEdit()
        self.port_of_loading = TextEdit()
        self.port_of_discharge = TextEdit()
        self.vessel = TextEdit()
        self.voyage = TextEdit()
        self.on_board_date = OptionalDateEdit()
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.form = Form()
        self.form.add_row("kind", lambda: translate("ReceivedDialog", "Kind"), self.kind)
        for name, label, widget in (
            ("number", lambda: translate("ReceivedDialog", "Number"), self.number),
            ("date", lambda: translate("ReceivedDialog", "Date"), self.date),
            ("issuer", lambda: translate("ReceivedDialog", "Issuer"), self.issuer),
            ("currency", lambda: translate("ReceivedDialog", "Currency"), self.currency),
            ("amount", lambda: translate("ReceivedDialog", "Amount"), self.amount),
            ("net_kg", lambda: translate("ReceivedDialog", "Net weight (kg)"), self.net_kg),
            ("gross_kg", lambda: translate("ReceivedDialog", "Gross weight (kg)"), self.gross_kg),
            ("packages", lambda: translate("ReceivedDialog", "Packages"), self.packages),
            (
                "port_of_loading",
                lambda: translate("ReceivedDialog", "Port of loading"),
                self.port_of_loading,
            ),
            (
                "port_of_discharge",
                lambda: translate("ReceivedDialog", "Port of discharge"),
                self.port_of_discharge,
            ),
            ("vessel", lambda: translate("ReceivedDialog", "Vessel"), self.vessel),
            ("voyage", lambda: translate("ReceivedDialog", "Voyage"), self.voyage),
            (
                "on_board_date",
                lambda: translate("ReceivedDialog", "On board"),
                self.on_board_date,
            ),
        ):
            self.form.add_row(name, label, widget)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_hint)
        layout.addLayout(file_row)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 600)
        self.retranslate()

    def retranslate(self) -> None:
        editing = self.record is not None
        self.setWindowTitle(
            translate("ReceivedDialog", "Received document")
            if editing
            else translate("ReceivedDialog", "Attach a received document")
        )
        self.drop_hint.setText(
            translate("ReceivedDialog", "Choose the file, or drop it on this window.")
        )
        self.choose_button.setText(translate("ReceivedDialog", "Choose file..."))
        self.choose_button.setVisible(not editing)
        self.drop_hint.setVisible(not editing)
        self.ok_button.setText(
            translate("ReceivedDialog", "Save")
            if editing
            else translate("ReceivedDialog", "Attach")
        )
        if self.path is None and self.record is None:
            self.file_label.setText(translate("ReceivedDialog", "No file chosen"))
        self.kind.retranslate()
        self.form.retranslate()

    # -- the file ----------------------------------------------------------------------------

    @Slot()
    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("ReceivedDialog", "Attach a received document"),
            "",
            translate(
                "ReceivedDialog", "Documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"
            ),
        )
        if name:
            self.set_file(Path(name))

    def set_file(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(path.name)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.record is None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.set_file(files[0])
            event.acceptProposedAction()

    # -- the record --------------------------------------------------------------------------

    def load(self, record: ReceivedDocument) -> None:
        """Show a stored record to correct its typed fields (its file stays)."""
        self.record = record
        self.file_label.setText(f"{record.file_name}  SHA-256 {record.sha256[:16]}…")
        self.kind.set_value(record.kind)
        self.number.set_value(record.number)
        self.date.set_value(record.date)
        self.issuer.set_value(record.issuer)
        self.currency.set_value(record.currency)
        self.amount.set_value("" if record.amount is None else money_text(record.amount))
        self.net_kg.set_value(text_of(record.net_kg))
        self.gross_kg.set_value(text_of(record.gross_kg))
        self.packages.set_value("" if record.packages is None else str(record.packages))
        self.port_of_loading.set_value(record.port_of_loading)
        self.port_of_discharge.set_value(record.port_of_discharge)
        self.vessel.set_value(record.vessel)
        self.voyage.set_value(record.voyage)
        self.on_board_date.set_value(record.on_board_date)
        self.show_verdict(record)
        self.retranslate()

    def show_verdict(self, record: ReceivedDocument) -> None:
        self.verdict.setText(
            translate("ReceivedDialog", "Verification: {verdict}").format(
                verdict=verdict_text(record.verdict)
            )
        )
        weight = "600" if record.verdict else "normal"
        self.verdict.setStyleSheet(
            f"color: {verdict_colour(record.verdict)}; font-weight: {weight};"
        )

    def build(self) -> tuple[ReceivedDocument, list[Problem]]:
        problems: list[Problem] = []

        def optional(name: str, edit: TextEdit) -> Decimal | None:
            text = edit.value().strip()
            return number(name, text, problems) if text else None

        packages_text = self.packages.value().strip()
        packages: int | None = None
        if packages_text:
            if packages_text.isdigit():
                packages = int(packages_text)
            else:
                problems.append(
                    Problem("packages", translate("ReceivedDialog", "Packages is a whole number."))
                )
        base = self.record or ReceivedDocument(
            self.deal_id,
            self.kind.value(),
            self.path.name if self.path else "",
            _NO_FILE,
            0,
        )
        record = replace(
            base,
            kind=self.kind.value(),
            number=self.number.value().strip(),
            date=self.date.value(),
            issuer=self.issuer.value().strip(),
            currency=self.currency.value().strip().upper(),
            amount=optional("amount", self.amount),
            net_kg=optional("net_kg", self.net_kg),
            gross_kg=optional("gross_kg", self.gross_kg),
            packages=packages,
            port_of_loading=self.port_of_loading.value().strip(),
            port_of_discharge=self.port_of_discharge.value().strip(),
            vessel=self.vessel.value().strip(),
            voyage=self.voyage.value().strip(),
            on_board_date=self.on_board_date.value(),
        )
        return record, problems + [p for p in record.problems() if p.field != "file_name"]

    @Slot()
    def submit(self) -> None:
        if self.busy:
            return
        record, problems = self.build()
        self.form.show_problems(problems)
        if problems:
            self.status.setText(translate("ReceivedDialog", "Correct the marked fields first."))
            return
        if self.record is None and self.path is None:
            self.status.setText(translate("ReceivedDialog", "Choose the file to attach first."))
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        if self.record is not None:
            self.status.setText(translate("ReceivedDialog", "Saving..."))
            self.tasks.run_db(
                lambda store: store.received.save(record), self._on_done, self._on_failed
            )
            return
        from exporter_desk.services.receiving import attach_received_document

        data_dir, deal_id, path, kind = self.data_dir, self.deal_id, self.path, record.kind
        assert path is not None
        self.status.setText(translate("ReceivedDialog", "Attaching and verifying..."))
        self.tasks.run_db(
            lambda store: attach_received_document(
                store, data_dir, deal_id, path, kind, details=record
            ),
            self._on_done,
            self._on_failed,
        )

    @Slot(object)
    def _on_done(self, record: ReceivedDocument) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.load(record)
        self.status.setText(
            translate("ReceivedDialog", "{name} is attached to the deal.").format(
                name=record.file_name
            )
        )
        self.tasks.notify_changed("received")
        self.attached.emit(record)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.status.setText("")
        self.presenter.show(error)


__all__ = ["ReceivedDialog", "received_label", "verdict_text"]
