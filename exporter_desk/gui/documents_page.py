"""The Documents screen: the register of issued PDFs, a preview, and what to do with them
(issue, issue again to supersede, print, export a pack, open the folder, retry registration).
Issuing runs on the network thread, packs on the thread pool."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QSize, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QImage, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.domain import DocumentId, DocumentKind, DocumentStatus, IssuedDocument
from exporter_desk.gui import backend, labels
from exporter_desk.gui._resources import icon
from exporter_desk.gui.document_dialogs import (
    SOURCE_OF_KIND,
    DraftPreviewDialog,
    IssueChecklistDialog,
    IssueDialog,
    PackDialog,
    SupersedeDialog,
)
from exporter_desk.gui.errors import ErrorPresenter, is_cancel
from exporter_desk.gui.keys import KeyAccess
from exporter_desk.gui.list_page import ListPage
from exporter_desk.gui.pack_dialog import PackFlow
from exporter_desk.gui.presentment_box import PresentedDocuments
from exporter_desk.gui.sources import DocumentColumn, DocumentSource
from exporter_desk.gui.tasks import Progress, TaskManager, Worker, start_worker
from exporter_desk.services.preferences import Paper, Preferences
from exporter_desk.store import Store

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    from exporter_desk.services.checklist import ChecklistItem, IssueChecklist

translate = QCoreApplication.translate


def step_text(step: str) -> str:
    """A worker's step name ("render", "sign") in words for the progress dialog; "" if unknown."""
    return {
        "render": translate("DocumentsPage", "Preparing the document..."),
        "entry": translate("DocumentsPage", "Signing the registration entry..."),
        "register": translate("DocumentsPage", "Registering with the trust network..."),
        "sign": translate("DocumentsPage", "Signing the PDF..."),
        "queued": translate(
            "DocumentsPage", "The network cannot be reached: it waits in the outbox."
        ),
        "done": translate("DocumentsPage", "Done."),
        "write": translate("DocumentsPage", "Saving..."),
        "enrol": translate("DocumentsPage", "Enrolling with the network..."),
    }.get(step, "")


def resolve(data_dir: Path, doc: IssuedDocument) -> Path | None:
    if not doc.path:
        return None
    path = Path(doc.path)
    return path if path.is_absolute() else data_dir / path


class DocumentsPage(QWidget):
    """See the module docstring."""

    def __init__(
        self,
        tasks: TaskManager,
        presenter: ErrorPresenter,
        data_dir: Path,
        keys: KeyAccess,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.presenter = presenter
        self.data_dir = data_dir
        self.keys = keys
        self.current: IssuedDocument | None = None
        self._issuing: tuple[DocumentKind, int, bool] | None = None  # kind, source, visible seal
        self._issue_parent: QWidget | None = None  # the editor the issue was started from
        self.last_result: object = None  # services.issuing.IssueResult of the last issue
        self.checklist_dialog: IssueChecklistDialog | None = None
        self.preview_dialog: DraftPreviewDialog | None = None
        self._workers: list[Worker] = []
        self._progress: QProgressDialog | None = None
        self._pdf: QPdfDocument | None = None
        self._view: QPdfView | None = None
        self._print_path: Path | None = None
        self._paper = Paper.A4

        self.presented = PresentedDocuments(data_dir, keys, self)  # banks' presentments
        self.presented.changed.connect(self._on_presented)
        self.list = ListPage(tasks, DocumentSource())
        self.list.new_button.hide()
        self.list.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.list.open_requested.connect(self._on_open)

        self.issue_button = QPushButton(icon("issue"), "")
        self.issue_button.clicked.connect(self.issue)
        self.reissue_button = QPushButton(icon("redo"), "")
        self.reissue_button.clicked.connect(self.issue_again)
        self.print_button = QPushButton(icon("print"), "")
        self.print_button.clicked.connect(self.print_current)
        self.pack_button = QPushButton(icon("pack"), "")
        self.pack_button.clicked.connect(PackFlow(self).start)
        self.folder_button = QPushButton(icon("folder"), "")
        self.folder_button.clicked.connect(self.open_folder)
        self.last_issued: IssuedDocument | None = None
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #2e7d32;")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.preview_box = QWidget()
        self.preview_layout = QVBoxLayout(self.preview_box)
        self.preview_layout.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setObjectName("hint")
        self.preview_layout.addWidget(self.placeholder, 1)

        buttons = QHBoxLayout()
        for button in (
            self.issue_button,
            self.reissue_button,
            self.print_button,
            self.pack_button,
            self.folder_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.buttons = buttons
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.notice)
        right_layout.addWidget(self.info)
        right_layout.addWidget(self.preview_box, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        state = QSettings().value("documents/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.retranslate()
        self._update_buttons()

    def add_tool(self, action: QAction) -> QToolButton:
        """A button for a window-wide action shown here too ("Retry registration now")."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        return button

    def start(self) -> None:
        self.list.start()
        self.presented.refresh()
        self.tasks.run_db(_print_settings, self._on_print_settings)

    @Slot(object)
    def _on_print_settings(self, settings: tuple[Paper, int]) -> None:
        self._paper = settings[0]

    def save_state(self) -> None:
        self.list.save_state()
        QSettings().setValue("documents/splitter", self.splitter.saveState())

    # -- the current document ----------------------------------------------------------------

    @Slot()
    def _on_current(self) -> None:
        id_ = self.list.current_id()
        if id_ is None:
            self._show(None)
            return
        self.tasks.run_db(lambda store: store.documents.get(DocumentId(id_)), self._show)

    @Slot(int)
    def _on_open(self, id_: int) -> None:
        doc = self.current
        if doc is not None and doc.id == id_:
            path = resolve(self.data_dir, doc)
            if path is not None and path.is_file():
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    @Slot(object)
    def _show(self, doc: IssuedDocument | None) -> None:
        self.current = doc
        self._update_buttons()
        if doc is None:
            self.info.setText("")
            self._preview(None)
            return
        path = resolve(self.data_dir, doc)
        lines = [
            f"<b>{labels.document_kind(doc.kind)} {doc.number}</b>",
            translate("DocumentsPage", "Status: {status}").format(
                status=labels.document_status(doc.status)
            ),
        ]
        if doc.log_index is not None:
            lines.append(
                translate("DocumentsPage", "Registered as entry {index}").format(
                    index=doc.log_index
                )
            )
        if doc.log_index is not None:
            lines += self.presented.lines_for(doc.log_index)
        if path is not None:
            lines.append(str(path))
        self.info.setText("<br>".join(lines))
        self._preview(path if path is not None and path.is_file() else None)

    @Slot()
    def _on_presented(self) -> None:
        self.notice.setText(self.presented.summary())
        if self.current is not None:
            self._show(self.current)

    def _ensure_viewer(self) -> tuple[QPdfDocument, QPdfView]:
        if self._pdf is None or self._view is None:
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView

            self._pdf = QPdfDocument(self)
            self._view = QPdfView()
            self._view.setDocument(self._pdf)
            self._view.setPageMode(QPdfView.PageMode.MultiPage)
            self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.preview_layout.addWidget(self._view, 1)
        return self._pdf, self._view

    def _preview(self, path: Path | None) -> None:
        if path is None:
            if self._view is not None:
                self._view.hide()
            self.placeholder.show()
            return
        pdf, view = self._ensure_viewer()
        pdf.load(str(path))
        self.placeholder.hide()
        view.show()

    def _update_buttons(self) -> None:
        has_file = self.current is not None and bool(self.current.path)
        self.print_button.setEnabled(has_file)
        self.reissue_button.setEnabled(
            self.current is not None
            and self.current.status is DocumentStatus.REGISTERED
            and not self._workers
        )

    # -- actions -----------------------------------------------------------------------------

    @Slot()
    def issue(self) -> None:
        dialog = IssueDialog(self.tasks, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kind = dialog.chosen_kind()
        source_id = dialog.picker().value()
        assert source_id is not None
        self.issue_record(kind, source_id, visible_seal=dialog.visible_seal.isChecked())

    @Slot()
    def issue_again(self) -> None:
        """Issue the current document again from its source record's current data: nothing is
        issued when nothing changed; else the user is asked whether the new one supersedes it."""
        doc = self.current
        if doc is None or doc.status is not DocumentStatus.REGISTERED:
            return
        self.issue_record(doc.kind, doc.source_id)

    def issue_record(
        self,
        kind: DocumentKind,
        source_id: int,
        *,
        visible_seal: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """Issue ``kind`` from a record: first the checklist of what it needs (each item a link
        to its field), then register and sign. ``parent``: the editor it was started from."""
        from exporter_desk.services.checklist import issue_checklist

        self._issuing = (kind, source_id, visible_seal)
        self._issue_parent = parent
        self.tasks.run_db(lambda store: issue_checklist(store, kind, source_id), self._on_checklist)

    @Slot(object)
    def _on_checklist(self, checklist: IssueChecklist) -> None:
        if self._issuing is None:
            return
        kind, source_id, visible_seal = self._issuing
        dialog = IssueChecklistDialog(checklist, self._dialog_parent())
        dialog.field_requested.connect(self._on_field_requested)
        dialog.preview_requested.connect(self._on_preview_requested)
        self._add_examination(dialog, kind, source_id)
        self.checklist_dialog = dialog
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.checklist_dialog = None
            dialog.deleteLater()
        if accepted:
            self._issue(kind, source_id, visible_seal=visible_seal)

    def _add_examination(
        self, dialog: IssueChecklistDialog, kind: DocumentKind, source_id: int
    ) -> None:
        """Before the irreversible step, what the examiner finds about this document in its
        deal (a bank would find it too), each finding a link to its field."""
        from exporter_desk.gui.issue_checks import IssueDiscrepancies

        panel = IssueDiscrepancies(self.tasks, self.window(), dialog)
        panel.setObjectName("issueDiscrepancies")
        panel.setVisible(False)
        panel.loaded.connect(lambda count, p=panel: p.setVisible(count > 0))
        layout = dialog.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(layout.indexOf(dialog.note) + 1, panel, 1)
        dialog.discrepancies = panel
        panel.load(kind, source_id)

    def _dialog_parent(self) -> QWidget:
        parent = self._issue_parent
        return parent if parent is not None and shiboken6.isValid(parent) else self

    @Slot()
    def _on_preview_requested(self) -> None:
        if self._issuing is not None:
            kind, source_id, _seal = self._issuing
            self.preview_record(kind, source_id, parent=self.checklist_dialog)

    @Slot(object)
    def _on_field_requested(self, item: ChecklistItem) -> None:
        """Go to the field a checklist item names: in the editor the issue came from, or in the
        record's editor (opened for it), or Settings."""
        window = self.window()
        if item.table == "settings":
            from exporter_desk.gui.main_window import Screen

            show = getattr(window, "show_screen", None)
            if callable(show):
                show(Screen.SETTINGS)
            return
        editor = self._issue_parent
        if not (
            editor is not None
            and shiboken6.isValid(editor)
            and getattr(editor, "table", None) == item.table
            and getattr(editor, "record_id", None) == item.record_id
        ):
            open_editor = getattr(window, "open_editor", None)
            if not callable(open_editor) or item.record_id is None:
                return
            editor = open_editor(item.table, item.record_id)
        focus = getattr(editor, "focus_field", None)
        if callable(focus):
            focus(item.field)

    def preview_record(
        self, kind: DocumentKind, source_id: int, *, parent: QWidget | None = None
    ) -> None:
        """Render a DRAFT of ``kind`` from the record on a worker and show it (never registered,
        never signed)."""
        data_dir, paper = self.data_dir, self._paper
        self._preview_parent = parent

        def run(progress: Progress) -> Any:
            return backend.preview_document(
                data_dir, kind.value, source_id, paper=paper, progress=progress
            )

        self._preview_title = labels.document_kind(kind)
        self._run(run, translate("DocumentsPage", "Preparing the draft..."), self._on_previewed)

    _preview_parent: QWidget | None = None
    _preview_title = ""

    @Slot(object)
    def _on_previewed(self, path: object) -> None:
        parent = self._preview_parent
        if parent is None or not shiboken6.isValid(parent):
            parent = self
        dialog = DraftPreviewDialog(Path(str(path)), self._preview_title, parent)
        self.preview_dialog = dialog
        dialog.show()

    def _issue(
        self,
        kind: DocumentKind,
        source_id: int,
        *,
        visible_seal: bool = False,
        supersede: bool = False,
    ) -> None:
        keystore = self.keys.ask(self._dialog_parent())
        if keystore is None:
            return  # the passphrase was not given: nothing to say
        data_dir, paper = self.data_dir, self._paper
        self._issuing = (kind, source_id, visible_seal)

        def run(progress: Progress) -> Any:
            return backend.issue_document(
                data_dir,
                keystore,
                kind.value,
                source_id,
                paper=paper,
                progress=progress,
                visible_seal=visible_seal,
                supersede=supersede,
            )

        self._run(
            run,
            translate("DocumentsPage", "Registering and signing..."),
            self._on_issued,
            network=True,
        )

    @Slot(object)
    def _on_issued(self, result: object) -> None:
        self.tasks.notify_changed("documents")  # the list reloads, the outbox is counted
        self.last_result = result
        issued: IssuedDocument | None = getattr(result, "document", None)
        superseded: IssuedDocument | None = getattr(result, "superseded", None)
        number = issued.number if issued is not None else ""
        if issued is not None and getattr(result, "unchanged", False):
            message = translate(
                "DocumentsPage",
                "Nothing changed since {number} was issued on {when}: nothing was issued or "
                "registered, and it stays the current document.",
            ).format(number=number, when=issued.created_at.astimezone().strftime("%Y-%m-%d %H:%M"))
        elif superseded is not None:
            message = translate(
                "DocumentsPage",
                "Document {number} was issued again; it supersedes the earlier one, which the "
                "register now marks superseded.",
            ).format(number=number)
        else:
            message = translate("DocumentsPage", "Document {number} was issued.").format(
                number=number
            )
        if issued is not None and issued.status is DocumentStatus.AWAITING_REGISTRATION:
            message += " " + translate(
                "DocumentsPage",
                "The trust network could not be reached: it is signed and waits in the outbox "
                "for registration.",
            )
        self.last_issued = issued
        self.notice.setText(message)
        editor = self._issue_parent
        status = getattr(editor, "status", None) if editor is not None else None
        if editor is not None and shiboken6.isValid(editor) and isinstance(status, QLabel):
            status.setText(message)
        self._issuing = None

    @Slot()
    def export_pack(self) -> None:
        """Print-ready pack of a deal or a shipment: every document, in order, with a cover."""
        dialog = PackDialog(self.tasks, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        of, record_id = dialog.chosen()
        originals, copies = dialog.originals.value(), dialog.copies.value()
        start = str(QSettings().value("folders/packs", str(Path.home())))
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("DocumentsPage", "Export document pack"),
            str(Path(start) / "document-pack.pdf"),
            translate("DocumentsPage", "PDF files (*.pdf)"),
        )
        if not name:
            return
        target = Path(name)
        QSettings().setValue("folders/packs", str(target.parent))
        data_dir, paper = self.data_dir, self._paper

        def run(progress: Progress) -> Any:
            return backend.build_pack(
                data_dir,
                of,
                record_id,
                target,
                originals=originals,
                copies=copies,
                paper=paper,
                progress=progress,
            )

        self._run(run, translate("DocumentsPage", "Building the pack..."), self._on_packed)

    @Slot(object)
    def _on_packed(self, result: object) -> None:
        self.notice.setText(
            translate("DocumentsPage", "The document pack was saved to {path}.").format(path=result)
        )

    def _run(self, fn: Any, label: str, on_done: Any, *, network: bool = False) -> None:
        progress = QProgressDialog(label, translate("DocumentsPage", "Cancel"), 0, 100, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        worker = Worker(fn)
        progress.canceled.connect(worker.cancel)
        worker.signals.progress.connect(self._on_progress)
        worker.signals.succeeded.connect(on_done)
        worker.signals.succeeded.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        self._progress = progress
        self._workers.append(worker)
        self._update_buttons()
        start_worker(worker, self.tasks.network_pool if network else None)

    @Slot(int, str)
    def _on_progress(self, percent: int, step: str) -> None:
        """A worker's progress; it may arrive after the dialog closed (setValue on a modal
        dialog processes events, so the job's end can be handled inside it)."""
        dialog = self._progress
        if dialog is None or not shiboken6.isValid(dialog):
            return
        text = step_text(step)
        if text:
            dialog.setLabelText(text)
        if percent >= 0:
            dialog.setValue(percent)  # last: the dialog may be gone once this returns

    @Slot(object)
    def _on_finished(self, _result: object) -> None:
        self._close_progress()

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        from exporter_desk.services.issuing import SupersedeRequiredError

        self._close_progress()
        self.notice.setText("")
        self.keys.note_error(error)
        issuing, self._issuing = self._issuing, None
        if isinstance(error, SupersedeRequiredError) and issuing is not None:
            self.ask_supersede(error.earlier, issuing)
            return
        if not is_cancel(error):
            self.presenter.show(error)

    def ask_supersede(
        self, earlier: IssuedDocument, issuing: tuple[DocumentKind, int, bool]
    ) -> None:
        """The explicit choice: supersede ``earlier`` with a new document, or leave it be."""
        box = SupersedeDialog(earlier, self._dialog_parent())
        self.supersede_dialog = box
        try:
            box.exec()
            confirmed = box.confirmed()
        finally:
            self.supersede_dialog = None
            box.deleteLater()
        if confirmed:
            kind, source_id, visible_seal = issuing
            self._issue(kind, source_id, visible_seal=visible_seal, supersede=True)
        else:
            self.notice.setText(
                translate(
                    "DocumentsPage", "Nothing was issued: {number} stays the current document."
                ).format(number=earlier.number)
            )

    supersede_dialog: SupersedeDialog | None = None

    def _close_progress(self) -> None:
        sender = self.sender()
        self._workers = [w for w in self._workers if w.signals is not sender]
        self._update_buttons()
        dialog, self._progress = self._progress, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.reset()
            dialog.deleteLater()

    @Slot()
    def print_current(self) -> None:
        doc = self.current
        path = resolve(self.data_dir, doc) if doc is not None else None
        if path is None or not path.is_file():
            return
        self._print_path = path
        self.tasks.run_db(_print_settings, self._print)

    @Slot(object)
    def _print(self, settings: tuple[Paper, int]) -> None:
        """Ask for a printer (paper size and copies from Settings) and print the preview's PDF."""
        from PySide6.QtGui import QPageSize
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        path = self._print_path
        if path is None:
            return
        paper, copies = settings
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(
            QPageSize(
                QPageSize.PageSizeId.Letter if paper is Paper.LETTER else QPageSize.PageSizeId.A4
            )
        )
        printer.setCopyCount(copies)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        pdf = QPdfDocument(self)
        pdf.load(str(path))
        painter = QPainter()
        if not painter.begin(printer):
            return
        try:
            for page in range(pdf.pageCount()):
                if page:
                    printer.newPage()
                target = painter.viewport()
                size = pdf.pagePointSize(page).scaled(
                    QSize(target.width(), target.height()).toSizeF(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                )
                image: QImage = pdf.render(page, size.toSize())
                painter.drawImage(0, 0, image)
        finally:
            painter.end()
            pdf.deleteLater()

    @Slot()
    def open_folder(self) -> None:
        doc = self.current
        path = resolve(self.data_dir, doc) if doc is not None else None
        folder = path.parent if path is not None else self.data_dir
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- language ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.list.set_title(translate("DocumentsPage", "Documents"))
        self.issue_button.setText(translate("DocumentsPage", "Issue..."))
        self.issue_button.setToolTip(
            translate("DocumentsPage", "Register a document with the trust network and sign it")
        )
        self.reissue_button.setText(translate("DocumentsPage", "Issue again..."))
        self.reissue_button.setToolTip(
            translate(
                "DocumentsPage",
                "Issue the selected document again from its record's current data: nothing is "
                "issued if nothing changed; else you are asked whether the new one supersedes it",
            )
        )
        self.print_button.setText(translate("DocumentsPage", "Print..."))
        self.pack_button.setText(translate("DocumentsPage", "Export pack..."))
        self.pack_button.setToolTip(
            translate("DocumentsPage", "All documents of a deal or shipment, ready to print")
        )
        self.folder_button.setText(translate("DocumentsPage", "Open folder"))
        self.placeholder.setText(
            translate("DocumentsPage", "Select an issued document to preview it.")
        )
        if self.current is not None:
            self._show(self.current)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _print_settings(store: Store) -> tuple[Paper, int]:
    preferences = Preferences.load(store)
    return preferences.paper, preferences.copies


__all__ = ["SOURCE_OF_KIND", "DocumentColumn", "DocumentsPage", "IssueDialog", "PackDialog"]
