"""The Verify screen: drop PDFs, get one verdict card per file, save the results as JSON.

Files are verified on the thread pool (one batch worker, cancellable between files); the
verdicts are data (``exporter_desk.verify.Verdict``) that the cards only render. A folder
("Verify a folder...") is checked on every core (``backend.verify_batch``), with progress and
cancel, its cards in name order.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exporter_desk.domain import DocumentKind
from exporter_desk.errors import ExporterError
from exporter_desk.gui import labels
from exporter_desk.gui._resources import icon
from exporter_desk.gui.errors import ErrorPresenter, is_cancel
from exporter_desk.gui.i18n import Language, current_language
from exporter_desk.gui.messages import reason_text, translate_message
from exporter_desk.gui.tasks import Progress, Worker, WorkerSignals, start_worker
from exporter_desk.verify import Check, CheckStatus, Result, Step, Verdict

if TYPE_CHECKING:
    from exporter_desk.gui.presentment_box import PresentmentBox
    from exporter_desk.services.verifying import ReportItem

translate = QCoreApplication.translate
log = logging.getLogger(__name__)
VerifyFn = Callable[[Path], Verdict]
VerifierFactory = Callable[[], VerifyFn]
PresentmentBoxFactory = Callable[[Path, Verdict], "PresentmentBox"]

RESULT_COLOURS = {
    Result.AUTHENTIC: "#2e7d32",
    Result.NOT_REGISTERED: "#ef6c00",
    Result.UNTRUSTED_ISSUER: "#e65100",
    Result.UNSIGNED: "#546e7a",
    Result.TAMPERED: "#c62828",
    Result.UNREADABLE: "#616161",
    Result.INCOMPLETE: "#6d4c41",
}
STATUS_MARKS = {
    CheckStatus.PASSED: ("✔", "#2e7d32"),
    CheckStatus.FAILED: ("✘", "#c62828"),
    CheckStatus.NOT_APPLICABLE: ("–", "#8a8f98"),
}


def pdf_paths(paths: list[Path]) -> list[Path]:
    """The PDF files among dropped paths; a folder adds the PDFs directly inside it."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".pdf"))
        elif path.suffix.lower() == ".pdf" or path.is_file():
            found.append(path)
    return found


class DropZone(QFrame):
    """A large target for PDFs dragged from the file manager."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAcceptDrops(True)
        self.setMinimumHeight(140)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.icon = QLabel()
        self.icon.setPixmap(icon("verify").pixmap(48, 48))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.icon)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self._set_hover(False)

    def _set_hover(self, hover: bool) -> None:
        colour = "#1565c0" if hover else "#9aa5b1"
        background = "#e3f2fd" if hover else "#f7f9fb"
        self.setStyleSheet(
            f"#dropZone {{ border: 2px dashed {colour}; border-radius: 10px; "
            f"background: {background}; }}"
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
            self._set_hover(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QEvent) -> None:
        self._set_hover(False)
        super().dragLeaveEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_hover(False)
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)

    def retranslate(self) -> None:
        self.label.setText(
            translate(
                "VerifyPage",
                "Drop PDF files here to check who issued them, that they are unchanged and "
                "that they were registered.\nOr press Ctrl+O to choose files.",
            )
        )


STALE = "#9e9e9e"  # what a TAMPERED file claims: shown, but greyed out


class VerdictCard(QFrame):
    """One file's verdict: the result in words and colour, who, what, when; checks on demand.

    A TAMPERED card leads with what failed and greys out what no longer means anything (the
    registration it claims, the checks after the failure); an UNTRUSTED ISSUER card says what
    to do next (get the issuer's network file and import it)."""

    import_requested = Signal()

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.verdict: Verdict | None = None
        self.error: BaseException | None = None
        self.presentment: PresentmentBox | None = None
        self.setObjectName("verdictCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.result_label = QLabel()
        self.result_label.setObjectName("verdictResult")
        self.file_label = QLabel(path.name)
        self.file_label.setObjectName("verdictFile")
        self.file_label.setToolTip(str(path))
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.failures = QLabel()
        self.failures.setObjectName("verdictFailures")
        self.failures.setWordWrap(True)
        self.failures.setStyleSheet(
            "color: #c62828; background: #ffebee; padding: 6px; border-radius: 4px;"
        )
        self.failures.hide()
        self.stale_note = QLabel()
        self.stale_note.setObjectName("hint")
        self.stale_note.setWordWrap(True)
        self.stale_note.setStyleSheet(f"color: {STALE}; font-style: italic;")
        self.stale_note.hide()
        self.next_step = QLabel()
        self.next_step.setObjectName("verdictNextStep")
        self.next_step.setWordWrap(True)
        self.next_step.setStyleSheet(
            "background: #fff3e0; padding: 6px; border: 1px solid #ffb74d; border-radius: 4px;"
        )
        self.import_button = QPushButton()
        self.import_button.setObjectName("importNetwork")
        self.import_button.clicked.connect(self.import_requested)
        self.next_box = QWidget()
        next_layout = QHBoxLayout(self.next_box)
        next_layout.setContentsMargins(0, 0, 0, 0)
        next_layout.addWidget(self.next_step, 1)
        next_layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        self.next_box.hide()
        self.facts = QGridLayout()
        self.facts.setColumnStretch(1, 1)
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(self._on_toggle)
        self.checks = QWidget()
        self.checks_layout = QGridLayout(self.checks)
        self.checks_layout.setColumnStretch(2, 1)
        self.checks.hide()
        top = QHBoxLayout()
        top.addWidget(self.result_label)
        top.addWidget(self.file_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(self.failures)
        layout.addWidget(self.next_box)
        layout.addWidget(self.stale_note)
        layout.addLayout(self.facts)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.checks)
        self.show_pending()

    @property
    def result(self) -> Result | None:
        return self.verdict.result if self.verdict else None

    def show_pending(self) -> None:
        self._badge(translate("VerifyPage", "CHECKING..."), "#78909c")
        self.headline.setText("")
        self.toggle.hide()
        self.failures.hide()
        self.next_box.hide()
        self.stale_note.hide()

    def show_verdict(self, verdict: Verdict) -> None:
        self.verdict = verdict
        self.error = None
        self.retranslate()

    def show_error(self, error: BaseException) -> None:
        self.error = error
        self.verdict = None
        self.retranslate()

    def _badge(self, text: str, colour: str) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(
            f"background: {colour}; color: white; font-weight: bold; font-size: 15px; "
            "padding: 4px 10px; border-radius: 4px;"
        )

    @Slot(bool)
    def _on_toggle(self, shown: bool) -> None:
        self.checks.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self._toggle_text()

    def _toggle_text(self) -> None:
        self.toggle.setText(
            translate("VerifyPage", "Hide the checks")
            if self.toggle.isChecked()
            else translate("VerifyPage", "Show the checks")
        )

    def _clear_facts(self) -> None:
        for layout in (self.facts, self.checks_layout):
            while layout.count():
                item = layout.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.deleteLater()

    _stale = False  # the file was changed: its claims are shown greyed out

    def _fact(self, row: int, label: str, value: str) -> None:
        caption = QLabel(label)
        caption.setObjectName("factLabel")
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        text = QLabel(value)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if self._stale:
            for label_widget in (caption, text):
                label_widget.setEnabled(False)
                label_widget.setStyleSheet(f"color: {STALE};")
        self.facts.addWidget(caption, row, 0)
        self.facts.addWidget(text, row, 1)

    def _status(self, row: int, check: Check, *, chinese: bool) -> None:
        """Step 9 as a fact: what the network said online (superseded, revoked, current), or
        until when the offline verdict holds."""
        reason = reason_text(check.reason, chinese=chinese)
        if check.status is CheckStatus.FAILED:
            caption = (
                translate("VerifyPage", "Issuer revoked")
                if check.outcome is Result.UNTRUSTED_ISSUER
                else translate("VerifyPage", "Superseded")
            )
            style = "color: #c62828; font-weight: bold;"
        elif check.status is CheckStatus.PASSED:
            caption, style = translate("VerifyPage", "Online check"), "color: #2e7d32;"
        else:
            caption, style = translate("VerifyPage", "Status"), ""
        self._fact(row, caption, reason)
        value = self.facts.itemAtPosition(row, 1)
        label = value.widget() if value is not None else None
        if isinstance(label, QLabel):
            label.setObjectName("verdictStatus")
            label.setStyleSheet(style)

    def retranslate(self) -> None:
        self._toggle_text()
        self.import_button.setText(translate("VerifyPage", "Import a network file..."))
        self._clear_facts()
        self.failures.hide()
        self.next_box.hide()
        self.stale_note.hide()
        self._stale = False
        if self.error is not None:
            self._badge(translate("VerifyPage", "NOT CHECKED"), "#616161")
            message = (
                translate_message(self.error.user_message)
                if isinstance(self.error, ExporterError)
                else translate("VerifyPage", "The file could not be checked.")
            )
            self.headline.setText(message)
            self.toggle.hide()
            return
        verdict = self.verdict
        if verdict is None:
            return
        chinese = current_language() is Language.CHINESE
        self._badge(
            verdict.result.display_zh if chinese else verdict.result.display,
            RESULT_COLOURS[verdict.result],
        )
        self.headline.setText(reason_text(verdict.headline, chinese=chinese))
        failed = [c for c in verdict.checks if c.status is CheckStatus.FAILED]
        first_failed = min((c.step.number for c in failed), default=None)
        if verdict.result is Result.TAMPERED and failed:
            self._stale = True
            self.failures.setText(
                translate("VerifyPage", "What failed:")
                + "\n"
                + "\n".join(
                    f"✘ {c.step.number}. {c.step.title_zh if chinese else c.step.title_en}: "
                    f"{reason_text(c.reason, chinese=chinese)}"
                    for c in failed
                )
            )
            self.failures.show()
            self.stale_note.setText(
                translate(
                    "VerifyPage",
                    "The file was changed, so what it claims below (issuer, registration) no "
                    "longer means anything.",
                )
            )
            self.stale_note.show()
        elif verdict.result is Result.UNTRUSTED_ISSUER and not _is_revoked(verdict):
            self.next_step.setText(
                translate(
                    "VerifyPage",
                    "Next step: nothing you trust vouches for this issuer yet. Ask the issuer for "
                    "their network file (in Exporter Desk: Settings > Share our network) and "
                    "check its fingerprint with them by phone; then import it here, and the "
                    "document is checked again.",
                )
            )
            self.next_box.show()
        row = 0
        if verdict.issuer is not None:
            issuer = verdict.issuer
            parts = [issuer.company_name]
            if issuer.registration_id:
                parts.append(issuer.registration_id)
            if issuer.country:
                parts.append(issuer.country)
            text = ", ".join(parts)
            if issuer.trusted_by:
                text += "\n" + translate("VerifyPage", "vouched for by {who}").format(
                    who=_trust_root_name(issuer.trusted_by)
                )
            else:  # anyone can write any name into a certificate of their own
                text += "\n" + translate(
                    "VerifyPage",
                    "unverified: a name only claimed, nothing you trust vouches for it",
                )
            self._fact(row, translate("VerifyPage", "Issuer"), text)
            row += 1
        if verdict.document is not None:
            doc = verdict.document
            self._fact(
                row, translate("VerifyPage", "Document"), f"{_kind_name(doc.kind)} {doc.number}"
            )
            row += 1
        if verdict.registration is not None:
            reg = verdict.registration
            when = (
                reg.checkpoint_time.astimezone().strftime("%Y-%m-%d %H:%M %Z")
                if reg.checkpoint_time
                else ""
            )
            self._fact(
                row,
                translate("VerifyPage", "Registered"),
                translate("VerifyPage", "{when} in {origin}, entry {index}").format(
                    when=when, origin=reg.origin, index=reg.log_index
                ),
            )
            row += 1
            self._fact(
                row,
                translate("VerifyPage", "Witnesses"),
                ", ".join(reg.witnesses) or translate("VerifyPage", "none"),
            )
            row += 1
        elif verdict.document is not None:
            self._fact(
                row,
                translate("VerifyPage", "Entry time"),
                verdict.document.entry_time.astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            )
            row += 1
        if verdict.as_of is not None:
            self._fact(
                row,
                translate("VerifyPage", "As of"),
                verdict.as_of.astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            )
            row += 1
        status = _status_check(verdict)
        if status is not None:
            self._status(row, status, chinese=chinese)
        for index, check in enumerate(verdict.checks):
            mark, colour = STATUS_MARKS[check.status]
            # After a file was changed, a later step's pass proves nothing: no green tick.
            moot = (
                self._stale
                and check.status is CheckStatus.PASSED
                and first_failed is not None
                and check.step.number > first_failed
            )
            if moot:
                mark, colour = STATUS_MARKS[CheckStatus.NOT_APPLICABLE]
            sign = QLabel(mark)
            sign.setObjectName("checkMark")
            sign.setStyleSheet(f"color: {colour}; font-weight: bold;")
            title = QLabel(
                f"{check.step.number}. {check.step.title_zh if chinese else check.step.title_en}"
            )
            title.setWordWrap(True)
            reason = QLabel(reason_text(check.reason, chinese=chinese))
            reason.setWordWrap(True)
            reason.setObjectName("hint")
            if check.detail:
                reason.setToolTip(check.detail)
            if moot:
                for label in (title, reason):
                    label.setStyleSheet(f"color: {STALE};")
                reason.setToolTip(
                    translate("VerifyPage", "Not meaningful: the file was changed after signing.")
                )
            self.checks_layout.addWidget(sign, index, 0, Qt.AlignmentFlag.AlignTop)
            self.checks_layout.addWidget(title, index, 1, Qt.AlignmentFlag.AlignTop)
            self.checks_layout.addWidget(reason, index, 2, Qt.AlignmentFlag.AlignTop)
        self.toggle.setVisible(bool(verdict.checks))

    def report_item(self) -> ReportItem:
        """This file in the saved report (``services.verifying``: the shape the CLI prints)."""
        from exporter_desk.services.verifying import FileNotChecked, FileVerdict

        if self.verdict is not None:
            return FileVerdict(self.path, self.verdict)
        error = self.error
        message = error.user_message if isinstance(error, ExporterError) else str(error or "")
        return FileNotChecked(self.path, message)


def _is_revoked(verdict: Verdict) -> bool:
    """UNTRUSTED ISSUER because the network revoked the issuer (online), not for want of trust."""
    try:
        check = verdict.check(Step.STATUS)
    except KeyError:
        return False
    return check.status is CheckStatus.FAILED and check.outcome is Result.UNTRUSTED_ISSUER


def _status_check(verdict: Verdict) -> Check | None:
    """The check of step 9, when the document got as far as a confirmed registration."""
    try:
        check = verdict.check(Step.STATUS)
    except KeyError:
        return None
    if verdict.registration is None and check.status is not CheckStatus.FAILED:
        return None
    return check


class VerifySignals(WorkerSignals):
    verified = Signal(int, object)  # the card's token, a Verdict or an exception


class VerifyPage(QWidget):
    """See the module docstring."""

    finished = Signal()
    network_imported = Signal()  # a network file was pinned from a verdict card

    def __init__(
        self,
        verifier: VerifierFactory,
        presenter: ErrorPresenter,
        parent: QWidget | None = None,
        *,
        presentments: PresentmentBoxFactory | None = None,
    ) -> None:
        super().__init__(parent)
        self._presentments = presentments  # a bank's box on authentic cards (presentment_box)
        self._verifier_factory = verifier
        self._verifier_cache: list[VerifyFn] = []  # filled on the worker, once
        self._verifier_lock = threading.Lock()  # one worker fills the cache; others wait
        self._by_token: dict[int, VerdictCard] = {}
        self._next_token = 0
        self._presenter = presenter
        self._workers: list[Worker] = []
        self._queue_size = 0
        self.cards: list[VerdictCard] = []
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.drop_zone = DropZone()
        self.drop_zone.files_dropped.connect(self.verify_files)
        self.choose_button = QPushButton(icon("open"), "")
        self.choose_button.clicked.connect(self.choose_files)
        self.folder_button = QPushButton(icon("open"), "")
        self.folder_button.clicked.connect(self.choose_folder)
        self.save_button = QPushButton(icon("save"), "")
        self.save_button.clicked.connect(self.save_results)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QLabel()
        self.cards_box = QWidget()
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.cards_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards_box)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.drop_zone)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        self.retranslate()
        self._update_buttons()

    # -- verifying ---------------------------------------------------------------------------

    def prepare_verifier(self) -> None:
        """Start the verifier (its worker process, with pyHanko loaded) in the background, so
        that the first file dropped is checked as fast as the later ones. A failure is left to
        the first verification, which shows it on the file's card."""
        factory, cache, lock = self._verifier_factory, self._verifier_cache, self._verifier_lock

        def run(_progress: Progress) -> None:
            with lock:
                if not cache:
                    cache.append(factory())

        worker = Worker(run)
        worker.signals.failed.connect(
            lambda error: log.info("the verifier was not prepared: %s", error)
        )
        self._preparing = worker  # held until the next one: the pool runs it
        start_worker(worker)

    @Slot()
    def reset_verifier(self) -> None:
        """Load the trust settings again before the next file (a network was pinned or
        joined, online checks were switched)."""
        self._verifier_cache = []

    @Slot()
    def choose_files(self) -> None:
        start = str(QSettings().value("folders/verify", str(Path.home())))
        names, _ = QFileDialog.getOpenFileNames(
            self,
            translate("VerifyPage", "Verify PDF files"),
            start,
            translate("VerifyPage", "PDF files (*.pdf);;All files (*)"),
        )
        if names:
            QSettings().setValue("folders/verify", str(Path(names[0]).parent))
            self.verify_files([Path(n) for n in names])

    @Slot(list)
    def verify_files(self, paths: list[Path]) -> None:
        """Add a card per PDF and verify them on a worker, one after another."""
        files = pdf_paths(paths)
        if not files:
            return
        self._verify(self._add_cards(files))

    def _add_cards(self, files: list[Path]) -> list[VerdictCard]:
        cards = []
        for path in files:
            card = VerdictCard(path)
            card.import_requested.connect(self.import_network)
            self.cards.append(card)
            cards.append(card)
            self.cards_layout.insertWidget(self.cards_layout.count() - 1, card)
        return cards

    @Slot()
    def choose_folder(self) -> None:
        start = str(QSettings().value("folders/verify", str(Path.home())))
        name = QFileDialog.getExistingDirectory(
            self, translate("VerifyPage", "Verify every PDF in a folder"), start
        )
        if name:
            QSettings().setValue("folders/verify", name)
            self.verify_folder(Path(name))

    def verify_folder(self, folder: Path) -> None:
        """Add a card per PDF directly in ``folder`` (name order) and check them all on every
        core; the progress line counts them, Cancel stops the batch."""
        from exporter_desk.services.verify_batch import pdfs_in_folder

        data_dir = getattr(self.window(), "data_dir", None)
        try:
            files = pdfs_in_folder(folder)
        except OSError as exc:
            files, reason = [], str(exc.strerror or exc)
        else:
            reason = translate("VerifyPage", "it holds no PDF files")
        if not files or not isinstance(data_dir, Path):
            self.progress.setText(
                translate("VerifyPage", "Nothing to check in {folder}: {reason}.").format(
                    folder=folder, reason=reason
                )
            )
            return
        cards = self._add_cards(files)
        tokens = self._tokens(cards)
        signals = VerifySignals()

        def run(progress: Progress) -> None:
            from exporter_desk.gui.backend import verify_batch

            def step(done: int, total: int, _path: Path) -> None:
                progress(int(100 * done / total), f"{done}/{total}")

            batch = verify_batch(data_dir, files, step, lambda: progress.token.is_cancelled)
            for (token, _), item in zip(tokens, batch, strict=False):
                signals.verified.emit(token, item.verdict)
            progress.token.check()  # a cancelled batch ends early: say so to the cards left

        worker = Worker(run, signals=signals)
        signals.verified.connect(self._on_verified)
        signals.progress.connect(self._on_batch_progress)
        signals.failed.connect(self._on_failed)
        signals.succeeded.connect(self._on_done)
        self._workers.append(worker)
        self._update_buttons()
        start_worker(worker)

    def _tokens(self, cards: list[VerdictCard]) -> list[tuple[int, Path]]:
        tokens: list[tuple[int, Path]] = []
        for card in cards:
            self._next_token += 1
            self._by_token[self._next_token] = card
            tokens.append((self._next_token, card.path))
        self._queue_size += len(cards)
        return tokens

    @Slot(int, str)
    def _on_batch_progress(self, _percent: int, counts: str) -> None:
        done, _, total = counts.partition("/")
        self.progress.setText(
            translate("VerifyPage", "Checked {done} of {total} files...").format(
                done=done, total=total
            )
        )

    @Slot()
    def import_network(self, path: Path | None = None) -> bool:
        """An UNTRUSTED ISSUER card's next step: import the issuer's network file (fingerprints
        shown first), then check the untrusted files again. False when nothing was imported."""
        from exporter_desk.gui.networks import import_network_file

        data_dir = getattr(self.window(), "data_dir", None)
        if not isinstance(data_dir, Path):
            return False
        if import_network_file(self, data_dir, self._presenter, path) is None:
            return False
        self.network_imported.emit()
        self.reset_verifier()
        again = [c for c in self.cards if c.result is Result.UNTRUSTED_ISSUER]
        for card in again:
            card.show_pending()
        if again:
            self._verify(again)
        return True

    def _verify(self, cards: list[VerdictCard]) -> None:
        tokens = self._tokens(cards)
        # The worker's function holds no Qt object: it runs and is released on a pool thread.
        factory, cache, lock = self._verifier_factory, self._verifier_cache, self._verifier_lock
        signals = VerifySignals()

        def run(progress: Progress) -> None:
            with lock:
                if not cache:
                    cache.append(factory())
            verify = cache[0]
            for number, (token, path) in enumerate(tokens, start=1):
                progress(int(100 * (number - 1) / len(tokens)), path.name)
                try:
                    outcome: object = verify(path)
                except Exception as exc:  # shown on the file's card, not as a dialog
                    outcome = exc
                signals.verified.emit(token, outcome)

        worker = Worker(run, signals=signals)
        signals.verified.connect(self._on_verified)
        signals.progress.connect(self._on_progress)
        signals.failed.connect(self._on_failed)
        signals.succeeded.connect(self._on_done)
        self._workers.append(worker)
        self._update_buttons()
        start_worker(worker)

    def _forget_worker(self) -> None:
        sender = self.sender()
        self._workers = [w for w in self._workers if w.signals is not sender]

    @Slot(int, object)
    def _on_verified(self, token: int, outcome: object) -> None:
        card = self._by_token.pop(token, None)
        if card is None:
            return
        if isinstance(outcome, Verdict):
            card.show_verdict(outcome)
            if self._presentments is not None and outcome.result is Result.AUTHENTIC:
                card.presentment = self._presentments(card.path, outcome)
                if (layout := card.layout()) is not None:
                    layout.addWidget(card.presentment)
                card.presentment.start()
        elif isinstance(outcome, BaseException):
            card.show_error(outcome)
        self._queue_size = max(0, self._queue_size - 1)
        self._update_buttons()

    @Slot(int, str)
    def _on_progress(self, _percent: int, name: str) -> None:
        self.progress.setText(translate("VerifyPage", "Checking {name}...").format(name=name))

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        for card in self.cards:
            if card.verdict is None and card.error is None:
                card.show_error(error)
        self._queue_size = 0
        self._forget_worker()
        self._update_buttons()
        if not is_cancel(error) and not isinstance(error, ExporterError):
            self._presenter.show(error)
        self.finished.emit()

    @Slot(object)
    def _on_done(self, _result: object) -> None:
        self._forget_worker()
        self._update_buttons()
        self.finished.emit()

    @Slot()
    def cancel(self) -> None:
        for worker in self._workers:
            worker.cancel()

    @Slot()
    def clear(self) -> None:
        if self._workers:
            return
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        self._by_token = {}
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = bool(self._workers)
        self.cancel_button.setVisible(busy)
        self.clear_button.setEnabled(not busy and bool(self.cards))
        self.save_button.setEnabled(any(c.verdict or c.error for c in self.cards))
        if not busy:
            done = len([c for c in self.cards if c.verdict is not None])
            self.progress.setText(
                translate("VerifyPage", "{count} file(s) checked.").format(count=done)
                if self.cards
                else ""
            )

    # -- saving ------------------------------------------------------------------------------

    def report_items(self) -> list[ReportItem]:
        return [card.report_item() for card in self.cards if card.verdict or card.error]

    def results_json(self) -> str:
        from exporter_desk.services.verifying import verdicts_to_json

        return verdicts_to_json(self.report_items())

    @Slot()
    def save_results(self) -> None:
        start = str(QSettings().value("folders/verify_results", str(Path.home())))
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("VerifyPage", "Save verification results"),
            str(Path(start) / "verification.json"),
            translate("VerifyPage", "JSON files (*.json)"),
        )
        if not name:
            return
        target = Path(name)
        QSettings().setValue("folders/verify_results", str(target.parent))
        from exporter_desk.services.verifying import save_report

        try:
            save_report(target, self.report_items())
        except ExporterError as exc:  # a full disk, a read-only folder: said in its own words
            self._presenter.show(exc)
        except OSError as exc:
            self._presenter.show(
                ExporterError(
                    f"cannot write {target}: {exc}",
                    user_message=translate(
                        "VerifyPage", "The results could not be saved to {path}: {reason}."
                    ).format(path=target, reason=exc.strerror or exc),
                )
            )

    # -- language ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(translate("VerifyPage", "Verify documents"))
        self.drop_zone.retranslate()
        self.choose_button.setText(translate("VerifyPage", "Choose files..."))
        self.folder_button.setText(translate("VerifyPage", "Verify a folder..."))
        self.save_button.setText(translate("VerifyPage", "Save results as JSON..."))
        self.clear_button.setText(translate("VerifyPage", "Clear"))
        self.cancel_button.setText(translate("VerifyPage", "Cancel"))
        for card in self.cards:
            card.retranslate()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _trust_root_name(label: str) -> str:
    """A trust root as the verdict names it ("trust network ORIGIN", or a CA's subject), in
    the interface language."""
    prefix = "trust network "
    if label.startswith(prefix):
        return translate("VerifyPage", "trust network {origin}").format(origin=label[len(prefix) :])
    return label


def _kind_name(kind: str) -> str:
    """The document kind an entry names (``commercial-invoice``) as a person reads it."""
    try:
        return labels.document_kind(DocumentKind(kind))
    except ValueError:
        return kind


__all__ = ["DropZone", "VerdictCard", "VerifyPage", "pdf_paths"]
