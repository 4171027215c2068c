"""Walk every screen, editor and dialog of the app, generically: screens from ``Screen``,
editors from ``EDITORS``, dialogs found as the ``QDialog`` subclasses defined in
``exporter_desk.gui`` (so a dialog someone adds is walked too) and built from the window's
parts by the names of their constructor's parameters."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import time
from collections.abc import Callable, Iterator, Sequence
from html import unescape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
    QWizard,
)

import exporter_desk.gui
from exporter_desk.gui.editors import EditorDialog
from exporter_desk.gui.main_window import EDITORS, MainWindow, Screen

_loop: list[QEventLoop] = []


def settle(seconds: float = 0.05) -> None:
    """Let queued events (database replies, layouts) run for ``seconds``."""
    if not _loop:
        _loop.append(QEventLoop())
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        _loop[0].processEvents()
        time.sleep(0.005)


def dialog_classes() -> list[type[QDialog]]:
    """Every concrete dialog class of the GUI (editors excluded: they open with a record)."""
    for module in pkgutil.walk_packages(exporter_desk.gui.__path__, "exporter_desk.gui."):
        importlib.import_module(module.name)
    found: list[type[QDialog]] = []
    pending: list[type[Any]] = [QDialog]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("exporter_desk.gui") and not issubclass(sub, EditorDialog):
                found.append(sub)
    return sorted(set(found), key=lambda c: c.__qualname__)


_samples: dict[Path, dict[str, object]] = {}


def _sample_values(window: MainWindow) -> dict[str, object]:
    """Values for dialogs that show a record's data, made from the window's data folder with
    the real services (its own connection): a deal, a draft, a checklist, a pack plan, the
    network to share, an earlier document."""
    import datetime as dt

    from exporter_desk.domain import DealId, DocumentKind, DocumentStatus, IssuedDocument
    from exporter_desk.services.checklist import issue_checklist
    from exporter_desk.services.importing import ImportTable
    from exporter_desk.services.issuing import preview_document
    from exporter_desk.services.network import open_local_network
    from exporter_desk.services.packs import plan_pack
    from exporter_desk.services.sharing import network_share
    from exporter_desk.signing import KeyringKeystore
    from exporter_desk.store import database_path, open_store

    data_dir = Path(window.data_dir)
    if data_dir in _samples:
        return _samples[data_dir]
    with open_store(database_path(data_dir)) as store:
        with open_local_network(data_dir, store, KeyringKeystore()):
            pass  # the local network exists, so there is one to share
        draft = data_dir / "walk-draft.pdf"
        draft.write_bytes(preview_document(store, data_dir, DocumentKind.COMMERCIAL_INVOICE, 1))
        share = network_share(data_dir, store)
        values: dict[str, object] = {
            "deal_id": DealId(1),
            "path": draft,
            "title": "HY-CI-2026-0112",
            "table": ImportTable.PRODUCTS,
            "checklist": issue_checklist(store, DocumentKind.COMMERCIAL_INVOICE, 1),
            "plan": plan_pack(store, deal=1),
            "share": share,
            "descriptor": share.descriptor,
            "earlier": IssuedDocument(
                kind=DocumentKind.COMMERCIAL_INVOICE,
                number="HY-CI-2026-0112",
                source_table="invoices",
                source_id=1,
                status=DocumentStatus.REGISTERED,
                created_at=dt.datetime(2026, 11, 30, 9, 15, tzinfo=dt.UTC),
                digest_r1="0" * 64,
            ),
        }
    _samples[data_dir] = values
    return values


def build_dialog(cls: type[QDialog], window: MainWindow) -> QDialog:
    """``cls`` built from the window's parts, matched by parameter name; a parameter this does
    not know fails the walk, so a new dialog's author adds its value here."""
    known: dict[str, object] = {
        **_sample_values(window),
        "tasks": window.tasks,
        "presenter": window.presenter,
        "data_dir": window.data_dir,
        "keys": window.keys,
        "parent": window,
        "is_new": False,
        "number": "PL-2026-001",
        "shipment_id": None,
    }
    arguments: dict[str, object] = {}
    for name, parameter in inspect.signature(cls.__init__).parameters.items():
        if name == "self" or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if name in known:
            arguments[name] = known[name]
        elif parameter.default is parameter.empty:
            raise AssertionError(
                f"{cls.__qualname__}: add a value for its parameter '{name}' in tests/gui/_walk.py"
            )
    return cls(**arguments)


def views(window: MainWindow, verify: Sequence[Path] = ()) -> Iterator[tuple[str, QWidget]]:
    """Show every screen, editor (each tab) and dialog (each wizard page) in turn; yield each
    with a name while it is on show. The Verify screen checks ``verify`` and a file that is
    not a signed document, and shows each card's checks."""
    for screen in Screen:
        page = window.show_screen(screen)
        model = getattr(page, "model", None) or getattr(getattr(page, "list", None), "model", None)
        if model is not None:
            settle(0.3)
        yield f"screen {screen.value}", window
        yield from _tabs(f"screen {screen.value}", page)
    junk = window.data_dir / "not-a-signed-document.pdf"
    junk.write_bytes(b"%PDF-1.7\nnot signed\n")
    window.verify_files([*verify, junk])
    page = window.page(Screen.VERIFY)
    for _ in range(200):
        cards = getattr(page, "cards", [])
        if cards and all(getattr(c, "verdict", None) or getattr(c, "error", None) for c in cards):
            break
        settle(0.05)
    for card in getattr(page, "cards", []):
        toggle = getattr(card, "toggle", None)
        if isinstance(toggle, QAbstractButton):
            toggle.setChecked(True)
    settle(0.2)
    yield "screen verify with a card", window
    for table in EDITORS:
        editor = window.open_editor(table, 1)
        for _ in range(100):
            if editor.isEnabled():
                break
            settle(0.05)
        settle(0.2)
        editor.show_all_problems = True
        editor.validate()
        yield f"editor {table}", editor
        yield from _tabs(f"editor {table}", editor)
        editor._clean = editor.snapshot()
        editor.close()
        # A blank one, saved at once: every "required" message and the not-saved line show.
        blank = window.open_editor(table)
        blank.save()
        settle(0.1)
        yield f"editor {table} (new, saved empty)", blank
        yield from _tabs(f"editor {table} (new, saved empty)", blank)
        blank._clean = blank.snapshot()
        blank.close()
    for cls in dialog_classes():
        dialog = build_dialog(cls, window)
        dialog.show()
        settle(0.3)
        yield f"dialog {cls.__qualname__}", dialog
        if isinstance(dialog, QWizard):
            for page_id in dialog.pageIds()[1:]:
                dialog.setCurrentId(page_id) if hasattr(dialog, "setCurrentId") else dialog.next()
                settle(0.1)
                for _ in range(100):  # a page's work (a key to create) runs on a worker
                    if dialog.currentId() == page_id:
                        break
                    settle(0.1)
                yield f"dialog {cls.__qualname__} page {page_id}", dialog
        yield from _tabs(f"dialog {cls.__qualname__}", dialog)
        dialog.reject()
        dialog.deleteLater()


def _tabs(name: str, root: QWidget) -> Iterator[tuple[str, QWidget]]:
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for index in range(1, tabs.count()):
            tabs.setCurrentIndex(index)
            settle(0.1)
            yield f"{name} tab {tabs.tabText(index)}", root
        tabs.setCurrentIndex(0)


_TAGS = re.compile(r"<[^>]+>")


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of every string a person sees in ``root`` now: labels, buttons, titles,
    placeholders, combo items, tab and column headers, menus and toolbar actions."""
    if root.windowTitle():
        yield "window title", root.windowTitle().replace("[*]", "")
    widgets = [w for w in root.findChildren(QWidget) if w.isVisible()]
    for widget in widgets:
        kind = type(widget).__name__
        if widget.toolTip():
            yield f"{kind} tooltip", widget.toolTip()
        if isinstance(widget, QLabel):
            yield kind, unescape(_TAGS.sub(" ", widget.text()))
        elif isinstance(widget, QAbstractButton):
            yield kind, widget.text()
        elif isinstance(widget, QGroupBox):
            yield kind, widget.title()
        elif isinstance(widget, QLineEdit):
            yield f"{kind} placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            for index in range(widget.count()):
                yield f"{kind} item", widget.itemText(index)
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield "tab", widget.tabText(index)
        elif isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            model = widget.model()
            bar = widget.horizontalHeader() if isinstance(widget, QTableView) else widget.header()
            for column in range(bar.count()):
                if bar.isSectionHidden(column) or not bar.isVisible():
                    continue
                header = model.headerData(column, Qt.Orientation.Horizontal)
                if isinstance(header, str):
                    yield "column", header
        for action in widget.actions():
            if isinstance(widget, QMenu) or widget.isWindow():
                yield "action", action.text()
    if hasattr(root, "menuBar"):
        for menu_action in root.menuBar().actions():  # type: ignore[attr-defined]
            yield "menu", menu_action.text()
            menu = menu_action.menu()
            if isinstance(menu, QMenu):
                for action in menu.actions():
                    yield "menu item", action.text()


# Text that is the same in every language: names, codes, numbers, data the user typed.
_ALLOWED = re.compile(
    r"^[\s\d\W]*$"  # numbers, punctuation, symbols
    r"|^[A-Z0-9/&\-.,:()# %+_]+$"  # codes: USD, CIF, INV-2026-001, T/T, PDF, HS
    r"|^[\w.\-/ ]+\.(pdf|json|p12|pfx|png|sqlite3|log)$"  # file names
)
ALLOWED_WORDS = {
    "Exporter Desk", "English", "PDF", "PDFs", "A4", "Letter", "Incoterm", "Incoterms",
    "IBAN", "SWIFT", "BIC", "UN/LOCODE", "SKU", "ETD", "ETA", "HS", "CIETAC", "QR", "EUR",
    "USD", "CNY", "PEM", "JSON", "Ctrl", "Enter", "Tab", "Esc", "OK", "ID", "L/C", "T/T",
    "Del", "Shift", "Alt", "F4", "Excel", "CSV", "WPS", "LibreOffice", "MT700", "MT707",
    "UCP", "ISBP", "member CA",  # inside the name of the network's CA certificate (its subject), which is data
    "D/P", "D/A", "B/L", "AWB", "N/A", "kg", "cm", "m", "x", "ml", "km",
}  # fmt: skip
_HEX_GROUP = re.compile(r"^[0-9a-f]{4}$")
# fingerprint groups ("cbdb") and ids in hex ("local.exporter-desk/d6ce3c1bdeac5ad9")
_HEX_GROUPS = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{4}(?![0-9A-Za-z])|[0-9a-f]{8,}")
_TECHNICAL = re.compile(r"^[A-Z][A-Za-z]*(Error|Exception): ")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def is_untranslated(text: str, data: set[str]) -> bool:
    """Whether ``text`` (shown in the Chinese interface) holds English left untranslated, even
    inside a Chinese sentence ("由 trust network 担保"). The user's data (``data``: whole
    values), codes, numbers, identifiers (``local.exporter-desk/5e56``, ``a@b.c``), file names
    and the allowed names are not English to translate."""
    text = text.replace("&", "").strip()
    if not text or _ALLOWED.match(text) or text in ALLOWED_WORDS:
        return False
    if _TECHNICAL.match(text):
        return False  # an exception's own text, as details for support beside a translated message
    # Groups of a key's fingerprint ("cbdb 20fb") go first: a data value replaced inside one
    # ("20") would leave letters ("fb") that look like a word.
    text = _HEX_GROUPS.sub(" ", text)
    for value in sorted(data, key=len, reverse=True):
        if value in text:
            text = text.replace(value, " ")
    for phrase in sorted(ALLOWED_WORDS, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", " ", text)
    for token in re.split(r"[\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff,;()]+", text):
        if not token or re.search(r"[./@:\\\d_]", token) or not re.search(r"[a-z]", token):
            continue
        if _HEX_GROUP.match(token):
            continue  # a group of a key's fingerprint that happens to hold no digit ("cbdb")
        if any(w not in ALLOWED_WORDS for w in re.findall(r"[A-Za-z]{2,}", token)):
            return True
    return False


def data_words(fetch: Callable[[], list[str]]) -> set[str]:
    """The user's data as a person typed it (names, addresses, descriptions, numbers): values
    with a capital, a digit or a space. Lower-case identifiers (``commercial-invoice``,
    ``registered``) are the app's own words and must be translated where shown."""
    values = [v.strip() for v in fetch()]
    return {v for v in values if len(v) > 1 and re.search(r"[A-Z0-9 ]", v)}


def clipped_labels(root: QWidget) -> list[str]:
    """Visible labels whose text does not fit their size (a one-line label narrower than its
    text, or a wrapping one shorter than its lines), and buttons narrower than their text."""
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip() or label.pixmap() is not None:
            continue
        if label.wordWrap():
            clipped = label.heightForWidth(label.width()) > label.height() + 1
        else:
            hint = label.sizeHint()
            clipped = hint.width() > label.width() + 1 or hint.height() > label.height() + 1
        if clipped:
            found.append(f"{label.text()[:60]!r} ({label.width()}x{label.height()})")
    for button in root.findChildren(QAbstractButton):
        if button.isVisible() and button.text() and button.sizeHint().width() > button.width() + 1:
            found.append(
                f"button {button.text()!r} ({button.width()} < {button.sizeHint().width()})"
            )
    return found
