"""The examiner's discrepancies shown before a document is issued: a panel for the issue
dialog's checklist. ``IssueDiscrepancies(tasks, main_window).load(kind, source_id)`` lists, on
the database thread, what ``services.issue_checks.discrepancies_before_issue`` finds; a click
opens the deal, then the editor of the document named, at the field.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from exporter_desk.domain import DealId, DocumentKind
from exporter_desk.examine import Discrepancy
from exporter_desk.gui.discrepancies import DiscrepancyList
from exporter_desk.gui.editors.deal import DealEditor
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.services.issue_checks import deals_of_document, discrepancies_before_issue
from exporter_desk.store import Store

translate = QCoreApplication.translate


def _load(
    store: Store, kind: DocumentKind, source_id: int
) -> tuple[list[DealId], list[Discrepancy]]:
    return deals_of_document(store, kind, source_id), discrepancies_before_issue(
        store, kind, source_id
    )


class IssueDiscrepancies(QWidget):
    """See the module docstring. ``loaded`` says how many were found."""

    loaded = Signal(int)

    def __init__(self, tasks: TaskManager, main: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.main = main  # the main window: it opens editors
        self.deal_ids: list[DealId] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = DiscrepancyList()
        self.list.field_requested.connect(self.open_field)
        self.deal_editor: DealEditor | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)

    def load(self, kind: DocumentKind, source_id: int) -> None:
        self.summary.setText(translate("IssueDiscrepancies", "Examining the deal..."))
        self.tasks.run_db(lambda store: _load(store, kind, source_id), self._on_loaded)

    @Slot(object)
    def _on_loaded(self, result: tuple[list[DealId], list[Discrepancy]]) -> None:
        self.deal_ids, found = result
        self.list.set_discrepancies(found)
        if not self.deal_ids:
            text = translate("IssueDiscrepancies", "This document belongs to no deal.")
        elif not found:
            text = translate("IssueDiscrepancies", "The examiner finds nothing about it.")
        else:
            text = translate(
                "IssueDiscrepancies",
                "The examiner finds {count} point(s) about this document in its deal. "
                "Click one to open the field.",
            ).format(count=len(found))
        self.summary.setText(text)
        self.loaded.emit(len(found))

    @Slot(str, object, str)
    def open_field(self, document: str, id_: int | None, path: str) -> None:
        if not self.deal_ids:
            return
        editor = self.main.open_editor("deals", self.deal_ids[0])
        assert isinstance(editor, DealEditor)
        self.deal_editor = editor

        def when_loaded(tries: int = 0) -> None:
            if not shiboken6.isValid(editor):
                return
            if editor.view.overview is None and tries < 400:
                QTimer.singleShot(25, lambda: when_loaded(tries + 1))
                return
            editor.open_field(document, id_, path)

        when_loaded()


__all__ = ["IssueDiscrepancies"]
