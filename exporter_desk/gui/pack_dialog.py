"""What goes in a pack: the candidate documents of a plan (``services.packs.plan_pack``), each
with a tick box and its state (issued, not issued, or what data it lacks), the credit's list
ticked in advance; and whether to issue the ticked documents not yet issued first.

``PackFlow`` drives the Documents screen's "Export pack...": which deal or shipment (the
screen's ``PackDialog``), the plan on a worker, this dialog, then issuing (on the network
thread) and building on a worker. The dialog only shows a plan and returns the user's choice.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.gui import labels
from exporter_desk.gui.document_dialogs import PackDialog
from exporter_desk.gui.messages import translate_message
from exporter_desk.gui.tasks import Progress
from exporter_desk.services.preferences import Paper

if TYPE_CHECKING:
    from exporter_desk.gui.documents_page import DocumentsPage
    from exporter_desk.services.packs import Candidate, PackPlan

translate = QCoreApplication.translate

__all__ = ["PackContentsDialog", "PackFlow"]


def _state(candidate: Candidate) -> str:
    if candidate.issued is not None:
        return translate("PackDialog", "Issued and signed")
    if candidate.missing:
        return translate("PackDialog", "Cannot be made: lacks {what}").format(
            what="; ".join(candidate.missing)
        )
    return translate("PackDialog", "Not issued yet")


class PackContentsDialog(QDialog):
    """Tick the documents of ``plan`` that go in the pack."""

    def __init__(self, plan: PackPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self.setWindowTitle(translate("PackDialog", "Documents in the pack"))
        heading = QLabel(translate_message(plan.title))
        heading.setStyleSheet("font-weight: 600;")
        credit = (
            translate(
                "PackDialog", "Ticked in advance: what letter of credit {number} requires."
            ).format(number=plan.credit_number)
            if plan.credit_number
            else translate("PackDialog", "No letter of credit: every document that can be made.")
        )
        self.documents = QTreeWidget()
        self.documents.setRootIsDecorated(False)
        self.documents.setHeaderLabels(
            [
                translate("PackDialog", "Document"),
                translate("PackDialog", "Number"),
                translate("PackDialog", "State"),
            ]
        )
        for candidate in plan.candidates:
            state = _state(candidate)
            item = QTreeWidgetItem([labels.document_kind(candidate.kind), candidate.number, state])
            item.setToolTip(2, state)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            if not candidate.can_make:
                flags &= ~Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags)
            checked = candidate.ticked and candidate.can_make
            item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.documents.addTopLevelItem(item)
        for column in range(3):
            self.documents.resizeColumnToContents(column)
        self.issue_first = QCheckBox(
            translate("PackDialog", "Issue the ticked documents that are not issued yet")
        )
        self.issue_first.setToolTip(
            translate(
                "PackDialog",
                "Otherwise a document not issued goes in as an unsigned draft of today's data.",
            )
        )
        self.issue_first.setChecked(any(c.ticked and not c.is_issued for c in plan.candidates))
        self.bank = QCheckBox(
            translate(
                "PackDialog",
                "Bank pack: add the deal summary, examination and verification to the cover, "
                "and issue the pack itself (registered and signed)",
            )
        )
        self.bank.setEnabled(plan.start[0] == "deal")
        self.bank.toggled.connect(self._on_bank)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(QLabel(credit))
        layout.addWidget(self.documents)
        layout.addWidget(self.issue_first)
        layout.addWidget(self.bank)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 380)

    def is_ticked(self, row: int) -> bool:
        item = self.documents.topLevelItem(row)
        return item is not None and item.checkState(0) == Qt.CheckState.Checked

    def set_ticked(self, row: int, ticked: bool) -> None:
        item = self.documents.topLevelItem(row)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def chosen_plan(self) -> PackPlan:
        """The plan with exactly the rows the user ticked."""
        return replace(
            self._plan,
            candidates=tuple(
                replace(candidate, ticked=self.is_ticked(row) and candidate.can_make)
                for row, candidate in enumerate(self._plan.candidates)
            ),
        )

    @Slot(bool)
    def _on_bank(self, bank: bool) -> None:
        # A bank pack holds only issued documents: what is not issued is issued first.
        if bank:
            self.issue_first.setChecked(True)
        self.issue_first.setEnabled(not bank)

    @Slot()
    def _check(self) -> None:
        if not any(self.is_ticked(row) for row in range(len(self._plan.candidates))):
            self.error.setText(translate("PackDialog", "Tick at least one document."))
            return
        self.accept()


# --- the flow ----------------------------------------------------------------------------------


def _plan(data_dir: Path, of: str, record_id: int, originals: int, copies: int, paper: str) -> Any:
    from exporter_desk.services.packs import PackOptions, plan_pack
    from exporter_desk.store import database_path, open_store

    options = PackOptions(originals=originals, copies=copies, paper=Paper.parse(paper))
    with open_store(database_path(data_dir)) as store:
        if of == "deals":
            return plan_pack(store, deal=record_id, options=options)
        return plan_pack(store, shipment=record_id, options=options)


def _build(
    data_dir: Path,
    plan: PackPlan,
    target: Path,
    paper: str,
    keystore: Any,
    bank: bool,
    progress: Progress,
) -> Path:
    from exporter_desk.services.packs import NotIssuedError, PackOptions, export_pack
    from exporter_desk.store import database_path, open_store

    options = PackOptions(paper=Paper.parse(paper))
    with open_store(database_path(data_dir)) as store:
        if keystore is None:
            progress(60, translate("PackDialog", "Building the pack..."))
            written = export_pack(store, plan, target, options)
        else:
            from exporter_desk.services.network import open_network

            keys = keystore()
            with open_network(data_dir, store, keys) as network:
                progress(10, translate("PackDialog", "Issuing the ticked documents..."))
                written = export_pack(
                    store, plan, target, options, issuing=(keys, data_dir, network), bank=bank
                )
    doc = written.bank_pack
    if doc is not None and written.path is None:
        raise NotIssuedError(
            f"bank pack {doc.number} awaits registration",
            user_message=translate(
                "PackDialog",
                "The trust network could not be reached: bank pack {number} "
                "waits in the outbox; once it is registered it is in the "
                "Documents list.",
            ).format(number=doc.number),
        )
    return target


class PackFlow(QObject):
    """The Documents screen's "Export pack...", from choosing the record to the saved file."""

    def __init__(self, page: DocumentsPage) -> None:
        super().__init__(page)
        self._page = page

    @Slot()
    def start(self) -> None:
        page = self._page
        dialog = PackDialog(page.tasks, page)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        of, record_id = dialog.chosen()
        originals, copies = dialog.originals.value(), dialog.copies.value()
        data_dir, paper = page.data_dir, page._paper

        def run(_progress: Progress) -> Any:
            return _plan(data_dir, of, record_id, originals, copies, paper)

        page._run(run, translate("PackDialog", "Listing the documents..."), self._on_planned)

    @Slot(object)
    def _on_planned(self, result: object) -> None:
        page = self._page
        dialog = PackContentsDialog(result, page)  # type: ignore[arg-type]
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        plan = dialog.chosen_plan()
        bank = dialog.bank.isChecked()
        issue = bank or (
            dialog.issue_first.isChecked() and any(not c.is_issued for c in plan.ticked)
        )
        start = str(QSettings().value("folders/packs", str(Path.home())))
        name, _ = QFileDialog.getSaveFileName(
            page,
            translate("PackDialog", "Export document pack"),
            str(Path(start) / "document-pack.pdf"),
            translate("PackDialog", "PDF files (*.pdf)"),
        )
        if not name:
            return
        target = Path(name)
        QSettings().setValue("folders/packs", str(target.parent))
        keystore = page.keys.ask(page) if issue else None
        if issue and keystore is None:
            return  # the passphrase was not given: nothing to say
        data_dir, paper = page.data_dir, page._paper

        def run(progress: Progress) -> Any:
            return _build(data_dir, plan, target, paper, keystore, bank, progress)

        page._run(
            run, translate("PackDialog", "Building the pack..."), page._on_packed, network=issue
        )
