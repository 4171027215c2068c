"""What every record editor shares: validation as you type, undo/redo, save, ask on close.

A subclass lays out its inputs, registers each with ``track(key, widget)`` and implements
``build()`` (the domain object from the form, plus problems the form itself finds, such as a
number that does not parse), ``load(obj)`` and ``save_job(obj)``. On every edit the base class
builds the object, shows ``problems()`` beside the fields, records an undo step (consecutive
edits of one field merge into one), and tracks whether anything is unsaved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.domain import DocumentKind, Problem
from exporter_desk.gui import labels
from exporter_desk.gui._resources import icon
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.fitting import fitting_size, scrolling
from exporter_desk.gui.forms import ErrorLabel, Form, route_problems
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.store import Store

translate = QCoreApplication.translate
Snapshot = dict[str, object]

# The documents issued from a record, by its table and its own kind (an invoice's, a contract's).
_ISSUED_FROM: dict[str, dict[str, tuple[DocumentKind, ...]]] = {
    "invoices": {
        "commercial": (
            DocumentKind.COMMERCIAL_INVOICE,
            DocumentKind.CERTIFICATE_OF_ORIGIN,
            DocumentKind.SHIPPING_INSTRUCTION,
            DocumentKind.BENEFICIARY_CERTIFICATE,
            DocumentKind.BILL_OF_EXCHANGE,
        ),
        "proforma": (DocumentKind.PROFORMA_INVOICE,),
    },
    "contracts": {
        "sales": (DocumentKind.SALES_CONTRACT,),
        "purchase": (DocumentKind.PURCHASE_CONTRACT,),
    },
}
# Checklist fields shown by a part of the editor other than a form row.
_FIELD_WIDGETS = {"packing_lists": "packing", "packages": "packages"}


class Input(Protocol):
    """The protocol of every tracked input (see ``gui/widgets.py``)."""

    def value(self) -> object: ...

    def set_value(self, value: object) -> None: ...


class _Edit(QUndoCommand):
    """One edit of the form, as the whole form's state before and after."""

    def __init__(self, editor: EditorDialog, key: str, before: Snapshot, after: Snapshot) -> None:
        super().__init__()
        self._editor = editor
        self.key = key
        self.before = before
        self.after = after
        self._first = True

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if isinstance(other, _Edit) and other.key == self.key:
            self.after = other.after
            return True
        return False

    def redo(self) -> None:
        if self._first:  # the form already shows this state
            self._first = False
            return
        self._editor.apply_snapshot(self.after)

    def undo(self) -> None:
        self._editor.apply_snapshot(self.before)


class _UndoKeys(QObject):
    """Sends Ctrl+Z / Ctrl+Shift+Z of a text field to the form's undo stack, not the field's
    own, so that one undo history covers the whole form."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
        ):
            event.ignore()
            return True
        return False


class EditorDialog(QDialog):
    """A record editor window (non-modal); see the module docstring."""

    saved = Signal(str, int)  # table, id
    table = ""
    SCROLLS = True  # the whole body scrolls; an editor with tabs scrolls inside its tabs

    def __init__(
        self, tasks: TaskManager, presenter: ErrorPresenter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.tasks = tasks
        self.presenter = presenter
        self.record_id: int | None = None
        self.undo_stack = QUndoStack(self)
        self._inputs: dict[str, Input] = {}
        self._forms: list[Form] = []
        self._clean: Snapshot = {}
        self._last: Snapshot = {}
        self._applying = False
        self._loading = False
        self._saving = False
        self._close_after_save = False
        self._undo_keys = _UndoKeys(self)
        self.problems: list[Problem] = []
        # A new form does not greet the user with "required" messages: a field's problems show
        # once it was edited, and all of them after a save attempt or for a stored record.
        self._touched: set[int] = set()
        self.show_all_problems = False
        self._blocked = False  # a save was refused; the status line counts what is left

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.save_action = QAction(icon("save"), "", self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save)
        self.undo_action = self.undo_stack.createUndoAction(self)
        self.undo_action.setIcon(icon("undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self)
        self.redo_action.setIcon(icon("redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (self.save_action, self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        self.toolbar.addAction(self.save_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.undo_action)
        self.toolbar.addAction(self.redo_action)
        self._add_issue_tools()

        self.body = QVBoxLayout()
        self.general_errors = ErrorLabel()
        self.status = QLabel()
        self.status.setObjectName("editorStatus")
        self.save_button = QPushButton()
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setMenuBar(self.toolbar)
        if self.SCROLLS:
            # The form scrolls rather than growing the window past a laptop's screen when
            # many messages show under its fields.
            content = QWidget()
            content.setLayout(self.body)
            self.body.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(scrolling(content), 1)
        else:
            layout.addLayout(self.body, 1)
        layout.addWidget(self.general_errors)
        layout.addLayout(buttons)
        self.undo_stack.cleanChanged.connect(self._update_title)

    # -- for subclasses ----------------------------------------------------------------------

    def build(self) -> tuple[Any, list[Problem]]:
        """The domain object the form describes, and the problems found building it."""
        raise NotImplementedError

    def load(self, obj: Any) -> None:
        """Fill the form from ``obj``."""
        raise NotImplementedError

    def save_job(self, obj: Any) -> Callable[[Store], Any]:
        """The store call that saves ``obj`` and returns the saved object (with its id)."""
        raise NotImplementedError

    def fetch_job(self, id_: int) -> Callable[[Store], Any]:
        """The store call that reads the record with ``id_``."""
        raise NotImplementedError

    def subject(self) -> str:
        """What the editor edits, for its title ("Party")."""
        raise NotImplementedError

    def record_title(self) -> str:
        """The record's name for the title bar (its number or name)."""
        return ""

    def retranslate_fields(self) -> None:
        """Re-set texts that are not form labels (combos, buttons) after a language change."""

    def after_validate(self, obj: Any) -> None:
        """Update derived displays (totals) from the freshly built object."""

    def add_form(self, form: Form) -> Form:
        self._forms.append(form)
        return form

    def track(self, key: str, widget: QWidget) -> QWidget:
        """Register an input: it takes part in undo, validation and the unsaved-changes check."""
        assert hasattr(widget, "value") and hasattr(widget, "set_value")
        self._inputs[key] = widget
        widget.edited.connect(self._on_edited)  # type: ignore[attr-defined]
        widget.installEventFilter(self._undo_keys)
        return widget

    # -- opening -----------------------------------------------------------------------------

    def start_new(self, obj: Any | None = None, *, dirty: bool = False) -> None:
        """Edit a new record, blank or prefilled from ``obj`` (a draft made by an action)."""
        if obj is not None:
            self._loading = True
            try:
                self.load(obj)
            finally:
                self._loading = False
        self._reset_history(clean=not dirty)

    def start_existing(self, id_: int) -> None:
        """Load record ``id_`` from the store and edit it."""
        self.record_id = id_
        self.setEnabled(False)
        self.tasks.run_db(self.fetch_job(id_), self._on_fetched, self._on_fetch_failed)

    @Slot(object)
    def _on_fetched(self, obj: Any) -> None:
        self.show_all_problems = True
        self._loading = True
        try:
            self.load(obj)
        finally:
            self._loading = False
        self.setEnabled(True)
        self._reset_history(clean=True)
        if self._focus_after_load is not None:
            field, self._focus_after_load = self._focus_after_load, None
            self.focus_field(field)

    # -- issuing from the editor (the Documents screen does the work) ------------------------

    _focus_after_load: str | None = None

    def _add_issue_tools(self) -> None:
        """ "Preview draft" and "Issue..." for the records documents are issued from."""
        self.preview_menu = QMenu(self)
        self.issue_menu = QMenu(self)
        self.preview_menu.aboutToShow.connect(self._fill_issue_menus)
        self.issue_menu.aboutToShow.connect(self._fill_issue_menus)
        self.preview_tool = QToolButton()
        self.issue_tool = QToolButton()
        for tool, menu, name in (
            (self.preview_tool, self.preview_menu, "preview"),
            (self.issue_tool, self.issue_menu, "issue"),
        ):
            tool.setObjectName(f"{name}Tool")
            tool.setIcon(icon("issue" if name == "issue" else "open"))
            tool.setMenu(menu)
            tool.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            tool.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if self.table in _ISSUED_FROM:
            self.toolbar.addSeparator()
            self.toolbar.addWidget(self.preview_tool)
            self.toolbar.addWidget(self.issue_tool)

    def issue_kinds(self) -> list[DocumentKind]:
        """The documents issued from this record, as the form stands (its kind decides)."""
        kinds = _ISSUED_FROM.get(self.table)
        if kinds is None:
            return []
        obj, _found = self.build()
        kind = getattr(getattr(obj, "kind", None), "value", "")
        return list(kinds.get(kind, ()))

    @Slot()
    def _fill_issue_menus(self) -> None:
        for menu, slot in (
            (self.preview_menu, self.preview_kind),
            (self.issue_menu, self.issue_kind),
        ):
            menu.clear()
            for kind in self.issue_kinds():
                action = menu.addAction(labels.document_kind(kind))
                action.setData(kind.value)
                action.triggered.connect(self._on_issue_menu)
                action.setProperty("issue", slot == self.issue_kind)

    @Slot()
    def _on_issue_menu(self) -> None:
        action = self.sender()
        if not isinstance(action, QAction):
            return
        kind = DocumentKind(str(action.data()))
        if action.property("issue"):
            self.issue_kind(kind)
        else:
            self.preview_kind(kind)

    def _ready_to_issue(self) -> bool:
        """Documents are made from the saved record: say so while it has unsaved changes."""
        if self.record_id is None or self.is_dirty():
            self.status.setText(
                translate("EditorDialog", "Save first: documents are made from the saved data.")
            )
            return False
        return True

    def _documents(self) -> Any:
        from exporter_desk.gui.main_window import Screen

        page = getattr(self.parentWidget(), "page", None)
        return page(Screen.DOCUMENTS) if callable(page) else None

    def preview_kind(self, kind: DocumentKind) -> None:
        """Show a DRAFT of ``kind`` made from this record (never registered, never signed)."""
        documents = self._documents()
        if documents is not None and self._ready_to_issue():
            assert self.record_id is not None
            documents.preview_record(kind, self.record_id, parent=self)

    def issue_kind(self, kind: DocumentKind) -> None:
        """Issue ``kind`` from this record: the checklist first, each item a link to its field."""
        documents = self._documents()
        if documents is not None and self._ready_to_issue():
            assert self.record_id is not None
            documents.issue_record(kind, self.record_id, parent=self)

    def focus_field(self, field: str) -> bool:
        """Bring ``field`` (a problem's field path) into view and focus it; False if no input
        of this editor shows it. Waits for the record when it is still loading."""
        if not self.isEnabled() and self.record_id is not None:
            self._focus_after_load = field
            return True
        target: QWidget | None = None
        for form in self._forms:
            box = form.box(field)
            if box is not None:
                target = box.widget
                break
        if target is None:
            found = self._inputs.get(field) or getattr(self, _FIELD_WIDGETS.get(field, ""), None)
            target = found if isinstance(found, QWidget) else None
        if target is None:
            return False
        for tabs in self.findChildren(QTabWidget):
            for index in range(tabs.count()):
                page = tabs.widget(index)
                if page is not None and (page is target or page.isAncestorOf(target)):
                    tabs.setCurrentIndex(index)
        self.show_all_problems = True
        self.validate()
        self.raise_()
        self.activateWindow()
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    @Slot(object)
    def _on_fetch_failed(self, error: BaseException) -> None:
        self.presenter.show(error)
        self._clean = self.snapshot()
        self.close()

    def _reset_history(self, *, clean: bool) -> None:
        self._last = self.snapshot()
        self._clean = self._last if clean else {}
        self.undo_stack.clear()
        self.validate()
        self._update_title()

    # -- state -------------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        return {key: widget.value() for key, widget in self._inputs.items()}

    def apply_snapshot(self, state: Snapshot) -> None:
        self._applying = True
        try:
            for key, value in state.items():
                widget = self._inputs.get(key)
                if widget is not None and widget.value() != value:
                    widget.set_value(value)
        finally:
            self._applying = False
        self._last = self.snapshot()
        self.validate()
        self._update_title()

    def is_dirty(self) -> bool:
        return self.snapshot() != self._clean

    @Slot()
    def _on_edited(self) -> None:
        if self._applying or self._loading:
            return
        sender = self.sender()
        if isinstance(sender, QWidget):
            self._touched.add(id(sender))
        current = self.snapshot()
        if current != self._last:
            changed = [k for k in current if current[k] != self._last.get(k)]
            key = changed[0] if len(changed) == 1 else "*"
            self.undo_stack.push(_Edit(self, key, self._last, current))
            self._last = current
        self.validate()
        self._update_title()

    def validate(self) -> list[Problem]:
        """Build the object, show its problems beside the fields; return all problems."""
        obj, found = self.build()
        problems = [*self._unreadable_dates(), *found]
        if obj is not None:
            taken = {p.field for p in problems}
            problems.extend(p for p in obj.problems() if p.field not in taken)
        self.problems = problems
        shown = [p for p in problems if self._is_visible(p)]
        rest = route_problems(self._forms, shown)
        rest = self.show_other_problems(rest)
        self.general_errors.show_messages([p.message for p in rest])
        if self._blocked:  # the "not saved" line follows the fixes, and goes with the last one
            self._show_blocked(len(problems))
        if obj is not None:
            self.after_validate(obj)
        return problems

    def _show_blocked(self, count: int) -> None:
        if count == 0:
            self._blocked = False
            self.status.setText(translate("EditorDialog", "Ready to save."))
        elif count == 1:
            self.status.setText(
                translate("EditorDialog", "Not saved: fix the problem shown in red.")
            )
        else:
            self.status.setText(
                translate(
                    "EditorDialog", "Not saved: fix the {count} problems shown in red."
                ).format(count=count)
            )

    def _unreadable_dates(self) -> list[Problem]:
        """A date field whose text is not a date: said beside it, so a typo never saves as
        "no date"."""
        found: list[Problem] = []
        for widget in self._inputs.values():
            is_invalid = getattr(widget, "is_invalid", None)
            if not isinstance(widget, QWidget) or not callable(is_invalid) or not is_invalid():
                continue
            for form in self._forms:
                path = form.path_of(widget)
                if path is not None:
                    message = translate(
                        "EditorDialog",
                        "Type a date as year-month-day, such as 2026-05-20, or pick one from "
                        "the calendar (F4).",
                    )
                    found.append(Problem(path, message))
                    break
        return found

    def _is_visible(self, problem: Problem) -> bool:
        if self.show_all_problems:
            return True
        for form in self._forms:
            box = form.box(problem.field)
            if box is not None:
                return any(
                    id(widget) in self._touched
                    for widget in (box.widget, *box.widget.findChildren(QWidget))
                )
        return any(
            id(widget) in self._touched
            for widget in self._inputs.values()
            if isinstance(widget, QWidget) and widget.objectName() == "table"
        )

    def show_other_problems(self, problems: list[Problem]) -> list[Problem]:
        """Show problems of parts outside the forms (line tables); return what is left."""
        return problems

    # -- saving ------------------------------------------------------------------------------

    @Slot()
    def save(self) -> None:
        if self._saving:
            return
        obj, _found = self.build()
        self.show_all_problems = True
        problems = self.validate()
        if problems or obj is None:
            self._blocked = True
            self._show_blocked(len(problems))
            for form in self._forms:
                widget = form.first_error_widget()
                if widget is not None:
                    widget.setFocus(Qt.FocusReason.OtherFocusReason)
                    break
            self._close_after_save = False
            return
        self._saving = True
        self.save_action.setEnabled(False)
        self.status.setText(translate("EditorDialog", "Saving..."))
        self.tasks.run_db(self.save_job(obj), self._on_saved, self._on_save_failed)

    @Slot(object)
    def _on_saved(self, obj: Any) -> None:
        self._saving = False
        self.save_action.setEnabled(True)
        self.record_id = obj.id
        self._loading = True
        try:
            self.load(obj)
        finally:
            self._loading = False
        self._clean = self.snapshot()
        self._last = self._clean
        self.undo_stack.setClean()
        self.validate()
        self.status.setText(translate("EditorDialog", "Saved."))
        self._update_title()
        self.tasks.notify_changed(self.table)
        self.saved.emit(self.table, int(obj.id))
        if self._close_after_save:
            self.close()

    @Slot(object)
    def _on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self._close_after_save = False
        self.save_action.setEnabled(True)
        self.status.setText(translate("EditorDialog", "Not saved."))
        self.presenter.show(error)

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._saving:
            self._close_after_save = True
            event.ignore()
            return
        if self.is_dirty() and not self.confirm_discard():
            event.ignore()
            return
        QSettings().setValue(f"editors/{type(self).__name__}/geometry", self.saveGeometry())
        event.accept()

    def confirm_discard(self) -> bool:
        """Ask what to do with unsaved changes; True when the window may close now."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle().replace("[*]", ""))
        box.setText(
            translate("EditorDialog", "Save the changes to this {subject}?").format(
                subject=self.subject().lower()
            )
        )
        box.setInformativeText(
            translate("EditorDialog", "Your changes are lost if you close without saving.")
        )
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            self.save()
            return False  # closes when the save succeeds
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        self.close()  # Esc goes through the unsaved-changes question

    def restore_geometry(self) -> None:
        geometry = QSettings().value(f"editors/{type(self).__name__}/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self.resize(fitting_size(self.size(), self))

    # -- language and title ------------------------------------------------------------------

    @Slot()
    def _update_title(self) -> None:
        name = self.record_title() or translate("EditorDialog", "New")
        self.setWindowTitle(f"{self.subject()}: {name}[*]")
        self.setWindowModified(self.is_dirty())

    def retranslate(self) -> None:
        self.save_action.setText(translate("EditorDialog", "Save"))
        self.save_action.setToolTip(translate("EditorDialog", "Save (Ctrl+S)"))
        self.save_button.setText(translate("EditorDialog", "Save"))
        self.close_button.setText(translate("EditorDialog", "Close"))
        self.preview_tool.setText(translate("EditorDialog", "Preview draft"))
        self.preview_tool.setToolTip(
            translate("EditorDialog", "See the document as it would be issued, marked DRAFT")
        )
        self.issue_tool.setText(translate("EditorDialog", "Issue..."))
        self.issue_tool.setToolTip(
            translate("EditorDialog", "Register a document made from this record and sign it")
        )
        for form in self._forms:
            form.retranslate()
        self.retranslate_fields()
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self._inputs:
                self.validate()  # the messages beside the fields, in the new language
        super().changeEvent(event)


__all__ = ["EditorDialog", "Input"]
