"""What a deal looks like beside its two legs: per currency the purchase, sales, margin and
margin rate; the flow of goods beside the flow of funds; the letter of credit; the documents
received from others; the examiner's discrepancies; and the bank pack.

Everything is loaded in one job on the database thread (``load_overview``: the summary, the
examination, the credits and the received documents); the bank pack is issued on the network
thread with its own store connection, as every issue is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.domain import DealId, IssuedDocument, Money, format_amount
from exporter_desk.domain.credit import LetterOfCredit
from exporter_desk.domain.received import ReceivedDocument
from exporter_desk.examine import Discrepancy, Severity
from exporter_desk.gui.credit_editor import permission_label, required_label
from exporter_desk.gui.discrepancies import DiscrepancyList
from exporter_desk.gui.keys import KeystoreFactory
from exporter_desk.gui.messages import country_in_language
from exporter_desk.gui.received_dialog import received_label, verdict_text
from exporter_desk.gui.tasks import Progress, TaskManager
from exporter_desk.services.examining import DealSummary, deal_summary, examine_deal
from exporter_desk.store import Store, database_path, open_store

translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class DealOverview:
    summary: DealSummary
    found: tuple[Discrepancy, ...]
    credit: LetterOfCredit | None
    received: tuple[ReceivedDocument, ...]


def load_overview(store: Store, deal_id: DealId) -> DealOverview:
    """The deal view's data, read in one job on the database thread."""
    credits = store.credits.for_deal(deal_id)
    return DealOverview(
        deal_summary(store, deal_id),
        tuple(examine_deal(store, deal_id)),
        credits[-1] if credits else None,
        tuple(store.received.for_deal(deal_id)),
    )


def issue_bank_pack(
    data_dir: Path, keystore: KeystoreFactory, deal_id: int, progress: Progress
) -> IssuedDocument:
    """Plan the deal's pack (the credit's documents ticked), issue what is missing, and issue
    the bank pack (``services.packs.issue_bank_pack``); on a worker, with its own store."""
    from exporter_desk.services.network import open_network
    from exporter_desk.services.packs import issue_bank_pack as issue
    from exporter_desk.services.packs import plan_pack

    progress(-1, translate("DealView", "Building the bank pack..."))
    with open_store(database_path(data_dir)) as store:
        keys = keystore()
        with open_network(data_dir, store, keys) as network:
            plan = plan_pack(store, deal=deal_id)
            return issue(
                store, keys, data_dir, network, plan, progress=lambda step: progress(-1, step)
            )


def _cell(text: str, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(columns: int, name: str) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fit_height(table: QTableWidget) -> None:
    """As tall as its rows: no empty band under a short table."""
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    scroll = table.horizontalScrollBar()
    extra = scroll.sizeHint().height() if scroll is not None and scroll.isVisible() else 0
    table.setFixedHeight(
        table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth() + extra
    )


class DealView(QTabWidget):
    """The deal's tabs after the editor's own: Overview, Credit, Received, Discrepancies."""

    field_requested = Signal(str, object, str)  # document, id, field (from a discrepancy)
    credit_requested = Signal()
    attach_requested = Signal(object)  # a dropped file's Path, or None to choose one
    received_requested = Signal(int)
    bank_pack_requested = Signal()

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dealView")
        self.tasks = tasks
        self.deal_id: DealId | None = None
        self.overview: DealOverview | None = None
        self.loading = False

        # Overview: figures per currency, flags, goods beside funds, bank pack.
        self.figures = _table(5, "figures")
        self.figures.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.flags = QLabel()
        self.flags.setObjectName("flags")
        self.flags.setWordWrap(True)
        self.flags.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.goods_box = QGroupBox()
        goods = QGridLayout(self.goods_box)
        self.goods_captions = [QLabel() for _ in range(4)]
        self.goods_values = [QLabel() for _ in range(4)]
        for step, (caption, value) in enumerate(
            zip(self.goods_captions, self.goods_values, strict=True)
        ):
            caption.setObjectName("hint")
            value.setObjectName(f"goods{step}")
            value.setStyleSheet("font-weight: 600;")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            goods.addWidget(caption, 0, step * 2)
            goods.addWidget(value, 1, step * 2)
            goods.setColumnStretch(step * 2, 1)
            if step < 3:
                arrow = QLabel("→")
                goods.addWidget(arrow, 1, step * 2 + 1)
        # The flow of funds: one column per leg, one row per fact (who, whom, currency, bank).
        self.funds_box = QGroupBox()
        self.funds = _table(2, "funds")
        self.funds.verticalHeader().setVisible(True)
        self.funds.setWordWrap(True)
        self.funds.setRowCount(6)
        self.funds.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.funds.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        funds_layout = QVBoxLayout(self.funds_box)
        funds_layout.addWidget(self.funds)
        flows = QVBoxLayout()
        flows.addWidget(self.goods_box)
        flows.addWidget(self.funds_box)
        flows.addStretch(1)
        self.examined = QLabel()
        self.examined.setObjectName("examined")
        self.examined.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.bank_pack_button = QPushButton()
        self.bank_pack_button.setObjectName("bankPack")
        self.bank_pack_button.clicked.connect(self.bank_pack_requested)
        self.pack_status = QLabel()
        self.pack_status.setObjectName("packStatus")
        self.pack_status.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.examined, 1)
        actions.addWidget(self.refresh_button)
        actions.addWidget(self.bank_pack_button)
        overview = QWidget()
        layout = QVBoxLayout(overview)
        layout.addWidget(self.figures)
        layout.addWidget(self.flags)
        layout.addLayout(flows, 1)
        layout.addLayout(actions)
        layout.addWidget(self.pack_status)
        self.overview_page = overview
        self.addTab(overview, "")

        # Credit: a summary, the documents required, a button to enter or paste it.
        self.credit_summary = QLabel()
        self.credit_summary.setObjectName("creditSummary")
        self.credit_summary.setWordWrap(True)
        self.credit_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.credit_documents = _table(4, "creditDocuments")
        self.credit_button = QPushButton()
        self.credit_button.clicked.connect(self.credit_requested)
        credit = QWidget()
        credit_layout = QVBoxLayout(credit)
        credit_layout.addWidget(self.credit_summary)
        credit_layout.addWidget(self.credit_documents, 1)
        credit_row = QHBoxLayout()
        credit_row.addStretch(1)
        credit_row.addWidget(self.credit_button)
        credit_layout.addLayout(credit_row)
        self.credit_page = credit
        self.addTab(credit, "")

        # Received documents: the list, Attach (or drop a file here), open one to correct it.
        self.received = _table(5, "received")
        self.received.setAcceptDrops(False)
        self.received.cellActivated.connect(self._on_received_activated)
        self.received.cellDoubleClicked.connect(self._on_received_activated)
        self.attach_button = QPushButton()
        self.attach_button.setObjectName("attach")
        self.attach_button.clicked.connect(lambda: self.attach_requested.emit(None))
        self.drop_hint = QLabel()
        self.drop_hint.setObjectName("hint")
        received = QWidget()
        received_layout = QVBoxLayout(received)
        received_layout.addWidget(self.received, 1)
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.drop_hint, 1)
        attach_row.addWidget(self.attach_button)
        received_layout.addLayout(attach_row)
        self.received_page = received
        self.addTab(received, "")
        self.setAcceptDrops(True)

        # Discrepancies: the examiner's findings, each clickable to the field it names.
        self.discrepancies = DiscrepancyList()
        self.discrepancies.field_requested.connect(self.field_requested)
        self.discrepancy_count = QLabel()
        found = QWidget()
        found_layout = QVBoxLayout(found)
        found_layout.addWidget(self.discrepancy_count)
        found_layout.addWidget(self.discrepancies, 1)
        self.discrepancy_page = found
        self.addTab(found, "")
        self.retranslate()

    # The editor inserts its own tab first: find the tabs by page, never by a stored index.
    @property
    def overview_tab(self) -> int:
        return self.indexOf(self.overview_page)

    @property
    def credit_tab(self) -> int:
        return self.indexOf(self.credit_page)

    @property
    def received_tab(self) -> int:
        return self.indexOf(self.received_page)

    @property
    def discrepancy_tab(self) -> int:
        return self.indexOf(self.discrepancy_page)

    # -- text --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTabText(self.overview_tab, translate("DealView", "Overview"))
        self.setTabText(self.credit_tab, translate("DealView", "Letter of credit"))
        self.setTabText(self.received_tab, translate("DealView", "Received documents"))
        self.figures.setHorizontalHeaderLabels(
            [
                translate("DealView", "Currency"),
                translate("DealView", "Purchase"),
                translate("DealView", "Sales"),
                translate("DealView", "Margin"),
                translate("DealView", "Margin rate"),
            ]
        )
        self.goods_box.setTitle(translate("DealView", "Flow of goods"))
        self.funds_box.setTitle(translate("DealView", "Flow of funds"))
        for caption, text in zip(
            self.goods_captions,
            (
                translate("DealView", "Origin"),
                translate("DealView", "Port of loading"),
                translate("DealView", "Port of discharge"),
                translate("DealView", "Destination"),
            ),
            strict=True,
        ):
            caption.setText(text)
        self.funds.setVerticalHeaderLabels(
            [
                translate("DealView", "Payer"),
                translate("DealView", "Pays from"),
                translate("DealView", "Payee"),
                translate("DealView", "Paid into"),
                translate("DealView", "Currency"),
                translate("DealView", "Payment"),
            ]
        )
        self.funds.setHorizontalHeaderLabels(
            [
                translate("DealView", "Sales: the buyer pays us"),
                translate("DealView", "Purchase: we pay the supplier"),
            ]
        )
        self.credit_documents.setHorizontalHeaderLabels(
            [
                translate("DealView", "Document"),
                translate("DealView", "Originals"),
                translate("DealView", "Copies"),
                translate("DealView", "Special wording"),
            ]
        )
        self.received.setHorizontalHeaderLabels(
            [
                translate("DealView", "Kind"),
                translate("DealView", "Number"),
                translate("DealView", "File"),
                translate("DealView", "SHA-256"),
                translate("DealView", "Verification"),
            ]
        )
        self.refresh_button.setText(translate("DealView", "Examine again"))
        self.bank_pack_button.setText(translate("DealView", "Issue bank pack..."))
        self.bank_pack_button.setToolTip(
            translate(
                "DealView",
                "Issue the documents the credit requires, then the bank pack: one registered, "
                "signed PDF with a cover of the deal summary, the examination and each "
                "original's verification.",
            )
        )
        self.attach_button.setText(translate("DealView", "Attach..."))
        self.drop_hint.setText(
            translate("DealView", "Drop a received file here to attach it to the deal.")
        )
        self.discrepancies.retranslate()
        self.show_overview(self.overview)

    # -- data --------------------------------------------------------------------------------

    def set_deal(self, deal_id: int | None) -> None:
        self.deal_id = DealId(deal_id) if deal_id is not None else None
        for widget in (self.bank_pack_button, self.attach_button, self.credit_button):
            widget.setEnabled(deal_id is not None)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Load the summary and examine the deal again, on the database thread."""
        deal_id = self.deal_id
        if deal_id is None:
            self.show_overview(None)
            return
        self.loading = True
        self.examined.setText(translate("DealView", "Examining the deal..."))
        self.tasks.run_db(
            lambda store: load_overview(store, deal_id), self._on_loaded, self._on_failed
        )

    @Slot(object)
    def _on_loaded(self, overview: DealOverview) -> None:
        self.loading = False
        self.show_overview(overview)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        self.loading = False
        self.examined.setText("")
        self.tasks.report_error(error)

    def show_overview(self, overview: DealOverview | None) -> None:
        self.overview = overview
        if overview is None:
            self.figures.setRowCount(0)
            self.funds.clearContents()
            self.received.setRowCount(0)
            self.credit_documents.setRowCount(0)
            self.flags.setText("")
            self.flags.setVisible(False)
            self.examined.setText(
                translate("DealView", "Save the deal to see its figures and examine it.")
                if self.deal_id is None
                else ""
            )
            self.credit_summary.setText("")
            self.credit_button.setText(translate("DealView", "Enter or paste the credit..."))
            self.discrepancies.set_discrepancies([])
            self._show_count(())
            for value in self.goods_values:
                value.setText("")
            return
        self._show_figures(overview.summary)
        self._show_credit(overview.credit)
        self._show_received(overview.received)
        self.discrepancies.set_discrepancies(overview.found)
        self._show_count(overview.found)

    def _show_figures(self, summary: DealSummary) -> None:
        self.figures.setRowCount(len(summary.figures))
        for row, fig in enumerate(summary.figures):

            def money(value: Money | None) -> str:
                return "—" if value is None else format_amount(value.amount, value.currency)

            rate = "—" if fig.margin_rate is None else f"{fig.margin_rate} %"
            for column, text in enumerate(
                (fig.currency, money(fig.purchase), money(fig.sales), money(fig.margin), rate)
            ):
                self.figures.setItem(row, column, _cell(text, right=column > 0))
        self.figures.resizeColumnsToContents()
        _fit_height(self.figures)
        flags = []
        for flag in summary.flags:
            if flag.startswith("The legs are in two currencies"):
                flags.append(
                    translate(
                        "DealView",
                        "The legs are in two currencies ({currencies}): banks want a "
                        "merchanting deal to settle in one currency through one account. The "
                        "margin is not converted.",
                    ).format(currencies=", ".join(f.currency for f in summary.figures))
                )
            elif flag.startswith("The company has no bank account on file"):
                flags.append(
                    translate(
                        "DealView",
                        "The company has no bank account on file: the bank needs the one "
                        "account that receives the sale and pays the purchase.",
                    )
                )
            else:
                flags.append(flag)  # a flag this screen does not know yet, as the core wrote it
        self.flags.setText("\n".join(flags))
        self.flags.setVisible(bool(flags))
        goods = summary.goods
        for value, text in zip(
            self.goods_values,
            (
                country_in_language(goods.origin),
                goods.port_of_loading,
                goods.port_of_discharge,
                country_in_language(goods.destination),
            ),
            strict=True,
        ):
            value.setText(text or "—")
        self.funds.clearContents()
        for leg in summary.funds:
            column = 0 if leg.leg == "sales" else 1
            into = ", ".join(part for part in (leg.bank, leg.account) if part)
            out = ", ".join(part for part in (leg.payer_bank, leg.payer_account) if part)
            cells = (leg.payer, out, leg.payee, into, leg.currency, leg.method)
            for row, text in enumerate(cells):
                cell = _cell(text or "—")
                cell.setToolTip(text)
                self.funds.setItem(row, column, cell)
        _fit_height(self.funds)

    def _show_credit(self, credit: LetterOfCredit | None) -> None:
        if credit is None:
            self.credit_summary.setText(
                translate("DealView", "No letter of credit is recorded for this deal.")
            )
            self.credit_button.setText(translate("DealView", "Enter or paste the credit..."))
            self.credit_documents.setRowCount(0)
            return
        self.credit_button.setText(translate("DealView", "Open the credit..."))
        lines = [
            translate(
                "DealView",
                "Credit {number}: {currency} {amount} (tolerance +{plus} % / -{minus} %)",
            ).format(
                number=credit.number,
                currency=credit.currency,
                amount=format_amount(credit.amount, credit.currency),
                plus=credit.tolerance_plus,
                minus=credit.tolerance_minus,
            ),
            translate(
                "DealView",
                "Latest shipment {shipment}; presentation within {days} days; expires {expiry} at {place}",
            ).format(
                shipment=credit.latest_shipment_date or "—",
                days=credit.presentation_days,
                expiry=credit.expiry_date or "—",
                place=credit.expiry_place or "—",
            ),
            translate(
                "DealView",
                "Partial shipment: {partial}; transhipment: {tranship}; amendments: {count}",
            ).format(
                partial=permission_label(credit.partial_shipment),
                tranship=permission_label(credit.transhipment),
                count=len(credit.amendments),
            ),
        ]
        self.credit_summary.setText("\n".join(lines))
        self.credit_documents.setRowCount(len(credit.documents))
        for row, item in enumerate(credit.documents):
            for column, text in enumerate(
                (required_label(item.kind), str(item.originals), str(item.copies), item.wording)
            ):
                self.credit_documents.setItem(row, column, _cell(text, right=column in (1, 2)))
        self.credit_documents.resizeColumnsToContents()
        self.credit_documents.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch
        )

    def _show_received(self, received: tuple[ReceivedDocument, ...]) -> None:
        self.received.setRowCount(len(received))
        for row, doc in enumerate(received):
            cells = (
                received_label(doc.kind),
                doc.number,
                doc.file_name,
                doc.sha256[:16] + "…",
                verdict_text(doc.verdict),
            )
            for column, text in enumerate(cells):
                cell = _cell(text)
                if column == 0:
                    cell.setData(Qt.ItemDataRole.UserRole, doc.id)
                if column == 3:
                    cell.setToolTip(doc.sha256)
                self.received.setItem(row, column, cell)
        self.received.resizeColumnsToContents()

    def _show_count(self, found: tuple[Discrepancy, ...] | list[Discrepancy]) -> None:
        errors = sum(1 for d in found if d.severity is Severity.ERROR)
        warnings = len(found) - errors
        title = translate("DealView", "Discrepancies")
        self.setTabText(self.discrepancy_tab, f"{title} ({len(found)})" if found else title)
        if self.overview is None:
            text = ""
        elif not found:
            text = translate("DealView", "The examiner found no discrepancy.")
        else:
            text = translate(
                "DealView",
                "{errors} discrepancy(ies) a bank would refuse, {warnings} warning(s). "
                "Click one to open the field it names.",
            ).format(errors=errors, warnings=warnings)
        self.discrepancy_count.setText(text)
        if self.overview is not None:
            self.examined.setText(text)

    @Slot(int, int)
    def _on_received_activated(self, row: int, _column: int) -> None:
        item = self.received.item(row, 0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) is not None:
            self.received_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.deal_id is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.attach_requested.emit(files[0])


__all__ = ["DealOverview", "DealView", "issue_bank_pack", "load_overview"]
