"""The main window: a sidebar of screens, the menus, the status bar, and the open editors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QSize, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.domain import Contract, ContractId, Invoice, InvoiceKind
from exporter_desk.gui import i18n
from exporter_desk.gui._resources import icon
from exporter_desk.gui.errors import ErrorPresenter, log_path
from exporter_desk.gui.keys import KeyAccess
from exporter_desk.gui.list_page import ListPage
from exporter_desk.gui.models import ListSource
from exporter_desk.gui.monitor_banner import MonitorBanner, NetworkMonitor
from exporter_desk.gui.outbox import OutboxRetry, OutboxStatus
from exporter_desk.gui.sources import (
    ContractSource,
    DealSource,
    InvoiceSource,
    PartySource,
    ProductSource,
    ShipmentSource,
)
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import fitting_size
from exporter_desk.services.preferences import UI_LANGUAGE
from exporter_desk.store import Store

if TYPE_CHECKING:
    from exporter_desk.gui.editors import EditorDialog

translate = QCoreApplication.translate


class Screen(StrEnum):
    """The sidebar's screens, in order; list screens are named after their table."""

    DEALS = "deals"
    CONTRACTS = "contracts"
    INVOICES = "invoices"
    SHIPMENTS = "shipments"
    PARTIES = "parties"
    PRODUCTS = "products"
    DOCUMENTS = "documents"
    VERIFY = "verify"
    SETTINGS = "settings"


def screen_title(screen: Screen) -> str:
    return {
        Screen.DEALS: translate("MainWindow", "Deals"),
        Screen.CONTRACTS: translate("MainWindow", "Contracts"),
        Screen.INVOICES: translate("MainWindow", "Invoices"),
        Screen.SHIPMENTS: translate("MainWindow", "Shipments"),
        Screen.PARTIES: translate("MainWindow", "Parties"),
        Screen.PRODUCTS: translate("MainWindow", "Products"),
        Screen.DOCUMENTS: translate("MainWindow", "Documents"),
        Screen.VERIFY: translate("MainWindow", "Verify"),
        Screen.SETTINGS: translate("MainWindow", "Settings"),
    }[screen]


def subject_title(screen: Screen) -> str:
    """The singular, for "New ..." menu entries."""
    return {
        Screen.DEALS: translate("MainWindow", "Deal..."),
        Screen.CONTRACTS: translate("MainWindow", "Contract..."),
        Screen.INVOICES: translate("MainWindow", "Invoice..."),
        Screen.SHIPMENTS: translate("MainWindow", "Shipment..."),
        Screen.PARTIES: translate("MainWindow", "Party..."),
        Screen.PRODUCTS: translate("MainWindow", "Product..."),
    }.get(screen, "")


LIST_SOURCES: dict[Screen, Callable[[], ListSource[Any]]] = {
    Screen.DEALS: DealSource,
    Screen.CONTRACTS: ContractSource,
    Screen.INVOICES: InvoiceSource,
    Screen.SHIPMENTS: ShipmentSource,
    Screen.PARTIES: PartySource,
    Screen.PRODUCTS: ProductSource,
}
_EDITOR_CLASSES = {
    "deals": "DealEditor",
    "contracts": "ContractEditor",
    "invoices": "InvoiceEditor",
    "shipments": "ShipmentEditor",
    "parties": "PartyEditor",
    "products": "ProductEditor",
}


class _Editors(Mapping[str, "type[EditorDialog]"]):
    """Each table's editor class, imported when the first editor opens: the editors bring the
    deal view, the examiner and the key store, which the first screen does not need."""

    def __getitem__(self, table: str) -> type[EditorDialog]:
        from exporter_desk.gui import editors

        editor: type[EditorDialog] = getattr(editors, _EDITOR_CLASSES[table])
        return editor

    def __iter__(self) -> Iterator[str]:
        return iter(_EDITOR_CLASSES)

    def __len__(self) -> int:
        return len(_EDITOR_CLASSES)


EDITORS: Mapping[str, type[EditorDialog]] = _Editors()


class MainWindow(QMainWindow):
    """See the module docstring. Screens are built the first time they are shown."""

    def __init__(
        self,
        tasks: TaskManager,
        presenter: ErrorPresenter,
        data_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.presenter = presenter
        self.data_dir = data_dir
        self.pages: dict[Screen, QWidget] = {}
        self.frames: dict[Screen, QScrollArea] = {}
        self.editors: dict[tuple[str, int | None], EditorDialog] = {}
        self._pending_verify: list[Path] = []
        self.setWindowIcon(icon("app"))
        self.setObjectName("mainWindow")

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFixedWidth(170)
        self.sidebar.setUniformItemSizes(True)
        for screen in Screen:
            item = QListWidgetItem(icon(screen.value), "")
            item.setData(Qt.ItemDataRole.UserRole, screen.value)
            item.setSizeHint(QSize(160, 36))
            self.sidebar.addItem(item)
        self.stack = QStackedWidget()
        self._placeholders: dict[Screen, QWidget] = {}
        for screen in Screen:
            placeholder = QWidget()
            self._placeholders[screen] = placeholder
            self.stack.addWidget(placeholder)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        # The trust-network monitor's red banner above everything (hidden without alerts).
        self.monitor_banner = MonitorBanner()
        framed = QWidget()
        column = QVBoxLayout(framed)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.monitor_banner)
        column.addWidget(central, 1)
        self.setCentralWidget(framed)
        self.sidebar.currentRowChanged.connect(self._on_screen)

        self.keys = KeyAccess(data_dir, self)
        self.outbox = OutboxRetry(tasks, self.keys, presenter, data_dir, self)
        self.outbox_status = OutboxStatus(self.outbox, self)
        self.retry_action = self.outbox_status.action
        self.outbox_label = self.outbox_status.label
        self.retry_button = self.outbox_status.button
        self.folder_label = QLabel(str(data_dir))
        self.folder_label.setObjectName("hint")
        self.statusBar().addWidget(self.folder_label)
        tasks.store_changed.connect(self._on_store_changed)
        tasks.store_failed.connect(self._on_store_failed)

        self._build_menus()
        self.retranslate()
        self._restore()
        self.outbox_status.start()  # counts at once, and registers what waits
        # Networks pinned from a trust root learn their operators' rotations, once the window
        # is up (services.trust_roots); only with online checks on.
        self._trust_roots_refresh: object = None
        # A child timer, stopped on close: a closed window never starts the refresh.
        self._trust_roots_timer = QTimer(self)
        self._trust_roots_timer.setSingleShot(True)
        self._trust_roots_timer.timeout.connect(self._refresh_trust_roots)
        self._trust_roots_timer.start(3000)

        # Starts itself once the window is shown: start-up never waits for the network.
        self.network_monitor = NetworkMonitor(tasks, data_dir, self.monitor_banner, self)

    # -- menus -------------------------------------------------------------------------------

    def _action(
        self,
        name: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.new_menu = QMenu(self)
        self.new_actions: dict[Screen, QAction] = {}
        for screen in LIST_SOURCES:
            action = QAction(icon(screen.value), "", self)
            action.setData(screen.value)
            action.triggered.connect(self._on_new_action)
            self.new_actions[screen] = action
            self.new_menu.addAction(action)
        self.file_menu.addMenu(self.new_menu)
        self.file_menu.addSeparator()
        self.verify_action = self._action(
            "verify", self.choose_files_to_verify, QKeySequence.StandardKey.Open
        )
        self.verify_action.setIcon(icon("verify"))
        self.save_results_action = self._action("saveResults", self.save_verify_results)
        self.print_action = self._action(
            "print", self.print_document, QKeySequence.StandardKey.Print
        )
        self.print_action.setIcon(icon("print"))
        self.pack_action = self._action("exportPack", self.export_pack)
        self.folder_action = self._action("openFolder", self.open_data_folder)
        self.quit_action = self._action("quit", self.close, QKeySequence.StandardKey.Quit)
        for action in (self.verify_action, self.save_results_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        for action in (self.print_action, self.pack_action, self.folder_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("")
        self.new_record_action = self._action(
            "newRecord", self.new_record, QKeySequence.StandardKey.New
        )
        self.open_record_action = self._action("openRecord", self.open_selected)
        self.find_action = self._action("find", self.focus_search, QKeySequence.StandardKey.Find)
        self.refresh_action = self._action(
            "refresh", self.refresh_current, QKeySequence.StandardKey.Refresh
        )
        self.invoice_from_contract_action = self._action(
            "invoiceFromContract", self.invoice_from_selected_contract
        )
        self.invoice_from_contract_action.setIcon(icon("invoices"))
        # Offered by an empty Invoices list: go to Contracts and pick the contract there.
        self.invoice_from_contract_hint_action = self._action(
            "invoiceFromContractHint", self._show_contracts_for_invoice
        )
        self.invoice_from_contract_hint_action.setIcon(icon("contracts"))
        for action in (
            self.new_record_action,
            self.open_record_action,
            self.find_action,
            self.refresh_action,
        ):
            self.edit_menu.addAction(action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.invoice_from_contract_action)

        self.go_menu = bar.addMenu("")
        self.go_actions: dict[Screen, QAction] = {}
        for number, screen in enumerate(Screen, start=1):
            action = QAction(icon(screen.value), "", self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setData(screen.value)
            action.triggered.connect(self._on_go_action)
            self.addAction(action)
            self.go_menu.addAction(action)
            self.go_actions[screen] = action

        self.tools_menu = bar.addMenu("")
        self.wizard_action = self._action("setupAssistant", self.show_wizard)
        self.tools_menu.addAction(self.wizard_action)
        self.tools_menu.addAction(self.retry_action)
        self.language_menu = QMenu(self)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[i18n.Language, QAction] = {}
        for language in i18n.Language:
            action = QAction(language.native_name, self)
            action.setCheckable(True)
            action.setData(language.value)
            action.triggered.connect(self._on_language_action)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[language] = action
        self.tools_menu.addMenu(self.language_menu)

        self.help_menu = bar.addMenu("")
        self.log_action = self._action("openLog", self.open_log_folder)
        self.about_action = self._action("about", self.about)
        self.help_menu.addAction(self.log_action)
        self.help_menu.addAction(self.about_action)

    # -- screens -----------------------------------------------------------------------------

    def page(self, screen: Screen) -> QWidget:
        """The screen's widget, built on first use."""
        existing = self.pages.get(screen)
        if existing is not None:
            return existing
        widget = self._build_page(screen)
        self.pages[screen] = widget
        # A page wider or taller than a small screen scrolls instead of widening the window:
        # the window fits 1024x640 whatever a page asks for.
        frame = QScrollArea()
        frame.setObjectName(f"{screen.value}Frame")
        frame.setFrameShape(QFrame.Shape.NoFrame)
        frame.setWidgetResizable(True)
        frame.setWidget(widget)
        frame.setFocusProxy(widget)
        self.frames[screen] = frame
        placeholder = self._placeholders[screen]
        index = self.stack.indexOf(placeholder)
        self.stack.insertWidget(index, frame)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        return widget

    def _build_page(self, screen: Screen) -> QWidget:
        if screen in LIST_SOURCES:
            page: ListPage[Any] = ListPage(self.tasks, LIST_SOURCES[screen]())
            page.set_title(screen_title(screen))
            page.open_requested.connect(self._on_open_requested)
            page.new_requested.connect(self._on_new_requested)
            if screen is Screen.CONTRACTS:
                page.add_tool(self.invoice_from_contract_action)
            if screen is Screen.INVOICES:
                page.add_empty_action(self.invoice_from_contract_hint_action)
            return page
        if screen is Screen.DOCUMENTS:
            from exporter_desk.gui.documents_page import DocumentsPage

            documents = DocumentsPage(self.tasks, self.presenter, self.data_dir, self.keys)
            self.outbox_status.add_button(documents.add_tool(self.retry_action))
            return documents
        if screen is Screen.VERIFY:
            from exporter_desk.gui.presentment_box import PresentmentBox
            from exporter_desk.gui.verify_page import VerifyPage

            return VerifyPage(
                partial(_load_verifier, self.data_dir),
                self.presenter,
                # A partial, not a closure over the window: the page must not keep it alive.
                presentments=partial(PresentmentBox, self.data_dir, self.keys),
            )
        from exporter_desk.gui.settings_page import SettingsPage

        settings = SettingsPage(self.tasks, self.presenter, self.data_dir, self.keys)
        settings.wizard_requested.connect(self.show_wizard)
        settings.edit_party_requested.connect(self._on_edit_party)
        settings.trust_changed.connect(self._on_trust_changed)
        return settings

    def show_screen(self, screen: Screen) -> QWidget:
        self.sidebar.setCurrentRow(list(Screen).index(screen))
        return self.page(screen)

    def current_page(self) -> QWidget | None:
        """The page on show (the stack holds each page in a scroll frame)."""
        frame = self.stack.currentWidget()
        return frame.widget() if isinstance(frame, QScrollArea) else None

    def current_screen(self) -> Screen:
        return list(Screen)[max(self.sidebar.currentRow(), 0)]

    @Slot(int)
    def _on_screen(self, row: int) -> None:
        if row < 0:
            return
        screen = list(Screen)[row]
        widget = self.page(screen)
        self.stack.setCurrentWidget(self.frames[screen])
        start = getattr(widget, "start", None)
        if callable(start):
            start()
        if screen is Screen.VERIFY and self._pending_verify:
            files, self._pending_verify = self._pending_verify, []
            widget.verify_files(files)  # type: ignore[attr-defined]
        self._update_actions()
        widget.setFocus()

    def _update_actions(self) -> None:
        screen = self.current_screen()
        self.new_record_action.setEnabled(screen in LIST_SOURCES)
        self.open_record_action.setEnabled(screen in LIST_SOURCES or screen is Screen.DOCUMENTS)
        self.invoice_from_contract_action.setEnabled(screen is Screen.CONTRACTS)
        self.print_action.setEnabled(screen is Screen.DOCUMENTS)
        self.pack_action.setEnabled(screen is Screen.DOCUMENTS)
        self.save_results_action.setEnabled(screen is Screen.VERIFY)

    def list_page(self, screen: Screen) -> ListPage[Any]:
        page = self.page(screen)
        assert isinstance(page, ListPage)
        return page

    # -- editors -----------------------------------------------------------------------------

    def open_editor(self, table: str, id_: int | None = None, draft: Any = None) -> EditorDialog:
        """Open (or raise) the editor of one record, or a new one (blank or from ``draft``)."""
        key = (table, id_)
        if id_ is not None and key in self.editors:
            editor = self.editors[key]
            editor.raise_()
            editor.activateWindow()
            return editor
        editor = EDITORS[table](self.tasks, self.presenter, self)
        editor.saved.connect(self._on_editor_saved)
        editor.destroyed.connect(self._forget_editors)
        draft_signal = getattr(editor, "draft_requested", None)
        if draft_signal is not None:
            draft_signal.connect(self._on_draft_requested)
        if id_ is None:
            editor.start_new(draft, dirty=draft is not None)
        else:
            editor.start_existing(id_)
        self.editors[(table, id_ if id_ is not None else -id(editor))] = editor
        editor.show()
        return editor

    @Slot(int)
    def _on_open_requested(self, id_: int) -> None:
        self.open_editor(self.current_screen().value, id_)

    @Slot(str, object)
    def _on_draft_requested(self, table: str, draft: object) -> None:
        self.open_editor(table, None, draft)

    @Slot(str, int)
    def _on_editor_saved(self, table: str, id_: int) -> None:
        sender = self.sender()
        for key, editor in list(self.editors.items()):
            if editor is sender and key != (table, id_):
                del self.editors[key]
                self.editors[(table, id_)] = editor

    @Slot()
    def _forget_editors(self) -> None:
        import shiboken6

        self.editors = {k: e for k, e in self.editors.items() if shiboken6.isValid(e)}

    @Slot(int)
    def _on_edit_party(self, party_id: int) -> None:
        self.open_editor("parties", party_id if party_id > 0 else None)

    @Slot(str)
    def _on_store_changed(self, table: str) -> None:
        for screen, page in self.pages.items():
            if screen.value == table and isinstance(page, ListPage):
                page.refresh()
            elif screen.value == table and hasattr(page, "list"):
                page.list.refresh()
        if table == "documents":
            self.refresh_outbox()
        if table == "settings":
            self._on_trust_changed()

    @Slot()
    @Slot()
    def _refresh_trust_roots(self) -> None:
        from exporter_desk.gui.networks import refresh_trust_roots_when_online

        self._trust_roots_refresh = refresh_trust_roots_when_online(
            self.tasks, self.data_dir, self._on_trust_changed
        )

    @Slot()
    def _on_trust_changed(self) -> None:
        """Networks pinned or joined, online checks switched: verify with the new trust."""
        verify = self.pages.get(Screen.VERIFY)
        if verify is not None:
            verify.reset_verifier()  # type: ignore[attr-defined]

    @Slot()
    def _on_new_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.open_editor(str(action.data()))

    @Slot()
    def _on_new_requested(self) -> None:
        """New in the list that asked, whatever screen is current when the signal arrives."""
        sender = self.sender()
        for screen, page in self.pages.items():
            if page is sender:
                self.open_editor(screen.value)
                return

    @Slot()
    def new_record(self) -> None:
        screen = self.current_screen()
        if screen in LIST_SOURCES:
            self.open_editor(screen.value)

    @Slot()
    def open_selected(self) -> None:
        screen = self.current_screen()
        if screen in LIST_SOURCES:
            id_ = self.list_page(screen).current_id()
            if id_ is not None:
                self.open_editor(screen.value, id_)

    @Slot()
    def invoice_from_selected_contract(self) -> None:
        """A new invoice from the contract selected in the Contracts list."""
        page = self.list_page(Screen.CONTRACTS)
        id_ = page.current_id()
        if id_ is None:
            return
        self.tasks.run_db(lambda store: _invoice_draft(store, id_), self._on_invoice_draft)

    @Slot()
    def _show_contracts_for_invoice(self) -> None:
        self.show_screen(Screen.CONTRACTS)
        self.statusBar().showMessage(
            translate(
                "MainWindow",
                "Select the contract, then New invoice from contract.",
            ),
            15_000,
        )

    @Slot(object)
    def _on_invoice_draft(self, draft: Invoice) -> None:
        self.open_editor("invoices", None, draft)

    # -- other actions -----------------------------------------------------------------------

    @Slot()
    def _on_go_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.show_screen(Screen(str(action.data())))

    @Slot()
    def focus_search(self) -> None:
        page = self.pages.get(self.current_screen())
        if isinstance(page, ListPage):
            page.focus_search()
        elif page is not None and hasattr(page, "list"):
            page.list.focus_search()

    @Slot()
    def refresh_current(self) -> None:
        page = self.pages.get(self.current_screen())
        if isinstance(page, ListPage):
            page.refresh()
        elif page is not None and hasattr(page, "list"):
            page.list.refresh()
        self.refresh_outbox()

    def verify_files(self, files: list[Path]) -> None:
        """Show the Verify screen and check ``files`` (command line, File > Verify)."""
        if Screen.VERIFY in self.pages:
            self.show_screen(Screen.VERIFY)
            self.pages[Screen.VERIFY].verify_files(files)  # type: ignore[attr-defined]
        else:
            self._pending_verify.extend(files)
            self.show_screen(Screen.VERIFY)

    def prepare_verifier(self) -> None:
        """Start the Verify screen's checker in the background (gui.warmup, after start):
        the page is made now, off screen, and its worker process loads pyHanko."""
        self.page(Screen.VERIFY).prepare_verifier()  # type: ignore[attr-defined]

    @Slot()
    def choose_files_to_verify(self) -> None:
        page = self.show_screen(Screen.VERIFY)
        page.choose_files()  # type: ignore[attr-defined]

    @Slot()
    def save_verify_results(self) -> None:
        page = self.pages.get(Screen.VERIFY)
        if page is not None:
            page.save_results()  # type: ignore[attr-defined]

    @Slot()
    def print_document(self) -> None:
        page = self.pages.get(Screen.DOCUMENTS)
        if page is not None:
            page.print_current()  # type: ignore[attr-defined]

    @Slot()
    def export_pack(self) -> None:
        page = self.pages.get(Screen.DOCUMENTS)
        if page is not None:
            page.export_pack()  # type: ignore[attr-defined]

    @Slot()
    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

    @Slot()
    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path(self.data_dir).parent)))

    @Slot()
    def about(self) -> None:
        from exporter_desk import __version__

        QMessageBox.about(
            self,
            translate("MainWindow", "About Exporter Desk"),
            translate(
                "MainWindow",
                "Exporter Desk {version}\nTrade documents for small exporters: registered, "
                "signed and verifiable offline.",
            ).format(version=__version__),
        )

    @Slot()
    def show_wizard(self) -> None:
        from exporter_desk.gui.wizard import SetupWizard

        wizard = SetupWizard(self.tasks, self.presenter, self.data_dir, self.keys, self)
        wizard.finished.connect(self._on_wizard_finished)
        wizard.open()
        self.wizard = wizard

    @Slot(int)
    def _on_wizard_finished(self, _result: int) -> None:
        self._on_store_changed("parties")
        self._on_trust_changed()
        settings = self.pages.get(Screen.SETTINGS)
        if settings is not None:
            settings.reload()  # type: ignore[attr-defined]

    def offer_wizard_if_new(self) -> None:
        """Open the set-up assistant on the first run (no company and never dismissed)."""
        self.tasks.run_db(_needs_setup, self._on_needs_setup)

    @Slot(object)
    def _on_needs_setup(self, needed: bool) -> None:
        if needed:
            self.show_wizard()

    # -- outbox ------------------------------------------------------------------------------

    @property
    def pending_count(self) -> int | None:
        """Documents waiting in the outbox, as last counted (None before the first count)."""
        return self.outbox_status.pending

    @Slot()
    def refresh_outbox(self) -> None:
        self.outbox.refresh()

    @Slot(object)
    def _on_store_failed(self, error: BaseException) -> None:
        self.presenter.show(error)
        self.outbox_status.stop()

    # -- language, state, closing ------------------------------------------------------------

    @Slot()
    def _on_language_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.set_language(i18n.Language(str(action.data())))

    def set_language(self, language: i18n.Language) -> None:
        i18n.set_language(language)
        i18n.save_language(language)
        self.tasks.run_db(lambda store: store.settings.set(UI_LANGUAGE, language.value))

    def retranslate(self) -> None:
        self.setWindowTitle(translate("MainWindow", "Exporter Desk"))
        for row, screen in enumerate(Screen):
            item = self.sidebar.item(row)
            if item is not None:
                item.setText(screen_title(screen))
        for screen, page in self.pages.items():
            if isinstance(page, ListPage):
                page.set_title(screen_title(screen))
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.new_menu.setTitle(translate("MainWindow", "&New"))
        for screen, action in self.new_actions.items():
            action.setText(subject_title(screen))
        self.verify_action.setText(translate("MainWindow", "&Verify PDF files..."))
        self.save_results_action.setText(translate("MainWindow", "Save verification results..."))
        self.print_action.setText(translate("MainWindow", "&Print document..."))
        self.pack_action.setText(translate("MainWindow", "Export document pack..."))
        self.folder_action.setText(translate("MainWindow", "Open data folder"))
        self.quit_action.setText(translate("MainWindow", "&Quit"))
        self.edit_menu.setTitle(translate("MainWindow", "&Edit"))
        self.new_record_action.setText(translate("MainWindow", "New record"))
        self.open_record_action.setText(translate("MainWindow", "Open selected record"))
        self.find_action.setText(translate("MainWindow", "Find"))
        self.refresh_action.setText(translate("MainWindow", "Refresh"))
        self.invoice_from_contract_action.setText(
            translate("MainWindow", "New invoice from contract")
        )
        self.invoice_from_contract_hint_action.setText(
            translate("MainWindow", "Make one from a contract")
        )
        self.go_menu.setTitle(translate("MainWindow", "&Go"))
        for screen, action in self.go_actions.items():
            action.setText(screen_title(screen))
        self.tools_menu.setTitle(translate("MainWindow", "&Tools"))
        self.wizard_action.setText(translate("MainWindow", "Setup assistant..."))
        self.language_menu.setTitle(translate("MainWindow", "Language"))
        self.language_actions[i18n.current_language()].setChecked(True)
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.log_action.setText(translate("MainWindow", "Open log folder"))
        self.outbox_status.retranslate()
        self.monitor_banner.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(fitting_size(QSize(1280, 800), self))
        state = settings.value("main/state")
        if state is not None:
            self.restoreState(state)
        screen = settings.value("main/screen", Screen.INVOICES.value)
        try:
            start = Screen(str(screen))
        except ValueError:
            start = Screen.INVOICES
        self.show_screen(start)

    def closeEvent(self, event: QCloseEvent) -> None:
        for editor in list(self.editors.values()):
            import shiboken6

            if shiboken6.isValid(editor) and editor.isVisible() and not editor.close():
                event.ignore()
                return
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.setValue("main/screen", self.current_screen().value)
        for page in self.pages.values():
            save_state = getattr(page, "save_state", None)
            if callable(save_state):
                save_state()
        self.outbox_status.stop()
        self.network_monitor.stop()
        self._trust_roots_timer.stop()
        event.accept()


def _load_verifier(data_dir: Path) -> Callable[[Path], Any]:
    from exporter_desk.gui.backend import load_verifier

    return load_verifier(data_dir)


def _needs_setup(store: Store) -> bool:
    from exporter_desk.services.setup import needs_setup

    return needs_setup(store)


def _invoice_draft(store: Store, contract_id: int) -> Invoice:
    contract: Contract = store.contracts.get(ContractId(contract_id))
    return Invoice.from_contract(
        contract, kind=InvoiceKind.COMMERCIAL, number="", date=dt.date.today()
    )


__all__ = ["EDITORS", "LIST_SOURCES", "MainWindow", "Screen", "screen_title"]
