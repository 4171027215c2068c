"""Presentments in the GUI: a bank's box on a verdict card, and the exporter's presented documents.

:class:`PresentmentBox` sits on the card of an AUTHENTIC document when this installation is a
member of the shared network the document is registered with: it says whether another bank
presented the document before (and when; which bank only with its consent) and records the
bank's own presentment, with the amount financed, in one click. :class:`PresentedDocuments`
fetches which of the company's documents banks presented, for the Documents screen. Both call
``services.presenting`` on workers; nothing here touches the network or the database directly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.errors import ExporterError
from exporter_desk.gui.keys import KeyAccess, KeystoreFactory
from exporter_desk.gui.messages import translate_message
from exporter_desk.gui.tasks import Progress, Worker, WorkerSignals, start_worker
from exporter_desk.store import database_path, open_store

if TYPE_CHECKING:
    from exporter_desk.services.presenting import (
        DocumentPresentment,
        Presented,
        PresentmentStatus,
    )
    from exporter_desk.verify import Verdict

translate = QCoreApplication.translate

WARNING_STYLE = (
    "background: #ffebee; color: #b71c1c; padding: 6px; border: 1px solid #e57373; "
    "border-radius: 4px; font-weight: bold;"
)
CLEAR_STYLE = "color: #2e7d32;"


def _date(value: datetime) -> str:
    return value.date().isoformat()


def _is_shared(data_dir: Path) -> bool:
    from exporter_desk.services.datafolder import open_for_reading
    from exporter_desk.services.presenting import is_on_shared_network

    with open_for_reading(data_dir) as store:
        return is_on_shared_network(store)


def _check(data_dir: Path, keys: KeystoreFactory, path: Path, verdict: Verdict) -> object:
    from exporter_desk.services.presenting import presentment_status

    with open_store(database_path(data_dir)) as store:
        return presentment_status(data_dir, store, keys(), path, verdict)


def _record(
    data_dir: Path,
    keys: KeystoreFactory,
    path: Path,
    amount: Decimal | None,
    currency: str,
    consent: bool,
) -> object:
    from exporter_desk.services.presenting import present_file

    with open_store(database_path(data_dir)) as store:
        return present_file(
            data_dir,
            store,
            keys(),
            path,
            amount=amount,
            currency=currency if amount is not None else None,
            consent=consent,
        )


def _presented(data_dir: Path, keys: KeystoreFactory) -> object:
    from exporter_desk.services.presenting import presented_documents_of

    with open_store(database_path(data_dir)) as store:
        return presented_documents_of(data_dir, store, keys())


def status_text(status: PresentmentStatus) -> str:
    """What the box says about the earlier presentments (the most important first)."""
    others = status.by_others
    if others:
        first = others[0]
        if first.bank:
            text = translate("PresentmentBox", "Already presented to {bank} on {date}.").format(
                bank=first.bank, date=_date(first.date)
            )
        else:
            text = translate("PresentmentBox", "Already presented to another bank on {date}.")
            text = text.format(date=_date(first.date))
        if len(others) > 1:
            text += " " + translate("PresentmentBox", "Presented {count} times in all.").format(
                count=len(others)
            )
        return text
    mine = status.mine
    if mine is not None:
        return translate("PresentmentBox", "Your bank recorded its presentment on {date}.").format(
            date=_date(mine.date)
        )
    return translate("PresentmentBox", "Not presented to another bank before.")


class PresentmentBox(QFrame):
    """See the module docstring. Hidden until the network answers that this bank may ask."""

    recorded = Signal(object)  # services.presenting.Presented

    def __init__(
        self,
        data_dir: Path,
        keys: KeyAccess,
        path: Path,
        verdict: Verdict,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presentmentBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.data_dir = data_dir
        self.keys = keys
        self.path = path
        self.verdict = verdict
        self.status: PresentmentStatus | None = None
        self._workers: list[Worker] = []
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.state = QLabel()
        self.state.setObjectName("presentmentState")
        self.state.setWordWrap(True)
        self.amount = QLineEdit()
        self.amount.setObjectName("presentmentAmount")
        self.currency = QLineEdit("USD")
        self.currency.setMaxLength(3)
        self.currency.setFixedWidth(56)
        self.consent = QCheckBox()
        self.record_button = QPushButton()
        self.record_button.setObjectName("recordPresentment")
        self.record_button.clicked.connect(self.record)
        self.result = QLabel()
        self.result.setObjectName("presentmentResult")
        self.result.setWordWrap(True)
        self.amount_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.amount_label)
        row.addWidget(self.amount, 1)
        row.addWidget(self.currency)
        row.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addLayout(row)
        layout.addWidget(self.consent)
        layout.addWidget(self.result)
        self.retranslate()
        self.hide()

    def start(self) -> None:
        """Ask the network (on workers) whether the document was presented before; nothing
        while the local network is chosen (it has no banks)."""
        data_dir = self.data_dir
        self._run(lambda _p: _is_shared(data_dir), self._on_shared)

    @Slot(object)
    def _on_shared(self, shared: object) -> None:
        # Only now the keystore: on the local network nothing needs it (and nothing may ask).
        factory = self.keys.quiet() if shared else None
        if factory is None:  # or the key file's passphrase is not known yet: ask nothing now
            return
        data_dir, path, verdict = self.data_dir, self.path, self.verdict
        self._run(lambda _p: _check(data_dir, factory, path, verdict), self._on_checked)

    @Slot()
    def record(self) -> None:
        text = self.amount.text().strip().replace(",", "")
        amount: Decimal | None = None
        if text:
            try:
                amount = Decimal(text)
            except InvalidOperation:
                amount = None
            if amount is None or not amount.is_finite() or amount <= 0:
                self.result.setText(
                    translate("PresentmentBox", "The amount financed must be a positive number.")
                )
                return
        currency = self.currency.text().strip().upper()
        if amount is not None and (len(currency) != 3 or not currency.isalpha()):
            self.result.setText(
                translate("PresentmentBox", "The currency must be a code such as USD or EUR.")
            )
            return
        factory = self.keys.ask(self)
        if factory is None:
            return
        self.record_button.setEnabled(False)
        self.result.setText(translate("PresentmentBox", "Recording the presentment..."))
        data_dir, path, consent = self.data_dir, self.path, self.consent.isChecked()
        self._run(
            lambda _p: _record(data_dir, factory, path, amount, currency, consent),
            self._on_recorded,
        )

    def _run(self, fn: Callable[[Progress], object], done: Callable[[object], None]) -> None:
        # The signals belong to this widget, so they are never destroyed on a pool thread while
        # a result is still queued for them; finished workers are dropped a few runs later.
        signals = WorkerSignals(self)
        worker = Worker(fn, signals=signals)
        signals.succeeded.connect(done)
        signals.failed.connect(self._on_failed)
        self._workers = [*self._workers[-3:], worker]
        start_worker(worker)

    @Slot(object)
    def _on_checked(self, status: object) -> None:
        if status is None:
            self.hide()
            return
        self.status = status  # type: ignore[assignment]
        self.show()
        self._show_status()

    @Slot(object)
    def _on_recorded(self, presented: object) -> None:
        done: Presented = presented  # type: ignore[assignment]
        self.status = done.status
        self._show_status()
        if done.record.duplicate:
            text = translate(
                "PresentmentBox",
                "Your presentment was already recorded on {date} (log entry {index}).",
            )
        else:
            text = translate(
                "PresentmentBox", "Presentment recorded on {date} (log entry {index})."
            )
        self.result.setText(text.format(date=_date(done.record.date), index=done.record.index))
        self.record_button.setEnabled(False)
        self.recorded.emit(done)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self.record_button.setEnabled(True)
        if isinstance(error, ExporterError):
            self.result.setText(translate_message(error.user_message))
        else:
            self.result.setText(
                translate("PresentmentBox", "The presentment could not be checked or recorded.")
            )

    def _show_status(self) -> None:
        if self.status is None:
            return
        self.state.setText(status_text(self.status))
        self.state.setStyleSheet(WARNING_STYLE if self.status.by_others else CLEAR_STYLE)
        if self.status.mine is not None:
            self.record_button.setEnabled(False)

    def retranslate(self) -> None:
        self.title.setText(translate("PresentmentBox", "Presentment (for banks)"))
        self.amount_label.setText(translate("PresentmentBox", "Amount financed:"))
        self.amount.setPlaceholderText(
            translate("PresentmentBox", "optional, seen only by your bank")
        )
        self.consent.setText(
            translate("PresentmentBox", "Let other banks that present this document see our name")
        )
        self.record_button.setText(translate("PresentmentBox", "Record presentment"))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class PresentedDocuments(QObject):
    """Which of the company's documents banks presented, fetched from the network on a worker;
    ``changed`` when a fetch arrived."""

    changed = Signal()

    def __init__(self, data_dir: Path, keys: KeyAccess, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.keys = keys
        self.found: dict[int, list[DocumentPresentment]] = {}  # by the document's log index
        self.error: str | None = None
        self._workers: list[Worker] = []
        self._busy = False

    def refresh(self) -> None:
        """Fetch again (on workers); nothing at all while the local network is chosen."""
        if self._busy:
            return
        self._busy = True
        data_dir = self.data_dir
        self._run(lambda _p: _is_shared(data_dir), self._on_shared)

    @Slot(object)
    def _on_shared(self, shared: object) -> None:
        factory = self.keys.quiet() if shared else None
        if factory is None:
            self._busy = False
            return
        data_dir = self.data_dir
        self._run(lambda _p: _presented(data_dir, factory), self._on_fetched)

    def _run(self, fn: Callable[[Progress], object], done: Callable[[object], None]) -> None:
        # The signals belong to this widget, so they are never destroyed on a pool thread while
        # a result is still queued for them; finished workers are dropped a few runs later.
        signals = WorkerSignals(self)
        worker = Worker(fn, signals=signals)
        signals.succeeded.connect(done)
        signals.failed.connect(self._on_failed)
        self._workers = [*self._workers[-3:], worker]
        start_worker(worker)

    @Slot(object)
    def _on_fetched(self, found: object) -> None:
        self._busy = False
        self.error = None
        self.found = {}
        for item in found:  # type: ignore[attr-defined]
            self.found.setdefault(item.index, []).append(item)
        self.changed.emit()

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._busy = False
        self.error = (
            translate_message(error.user_message)
            if isinstance(error, ExporterError)
            else str(error)
        )
        self.changed.emit()

    def lines_for(self, log_index: int) -> list[str]:
        """One line per presentment of the document registered as ``log_index``, oldest first;
        a warning first if more than one bank recorded it."""
        found = self.found.get(log_index, [])
        lines = []
        if len(found) > 1:
            lines.append(
                translate(
                    "PresentmentBox",
                    "Presented {count} times: if you did not present it to each of these banks, "
                    "tell them now.",
                ).format(count=len(found))
            )
        for item in found:
            if item.bank:
                text = translate("PresentmentBox", "Presented to {bank} on {date}.")
                lines.append(text.format(bank=item.bank, date=_date(item.date)))
            else:
                text = translate("PresentmentBox", "Presented to a bank on {date}.")
                lines.append(text.format(date=_date(item.date)))
        return lines

    def summary(self) -> str:
        """For the Documents screen: how many of the company's documents banks presented."""
        if not self.found:
            return ""
        return translate(
            "PresentmentBox", "Banks recorded presentments of {count} of your documents."
        ).format(count=len(self.found))
