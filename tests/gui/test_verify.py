"""The Verify screen: dropping files gives one verdict card each."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from exporter_desk.domain import DocumentKind
from exporter_desk.gui.main_window import Screen
from exporter_desk.gui.networks import TrustNetworkDialog
from exporter_desk.gui.verify_page import VerifyPage
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.issuing import issue_document
from exporter_desk.services.network import open_local_network
from exporter_desk.services.sharing import export_network, network_share
from exporter_desk.services.trust import pin_network, read_descriptor_file
from exporter_desk.services.verifying import verdicts_to_json, verify_files
from exporter_desk.signing import KeyringKeystore
from exporter_desk.store import database_path, open_store
from exporter_desk.verify import CheckStatus, Result, Trust
from tests.gui.conftest import Desk, when_shown
from tests.verify._build import replace_page_content, update


def drop_files(target: QApplication | object, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)  # type: ignore[arg-type]
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)  # type: ignore[arg-type]


def test_dropped_file_gets_a_verdict_card(desk: Desk, qtbot: QtBot, tmp_path: Path) -> None:
    page = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    forged = tmp_path / "forged-invoice.pdf"
    forged.write_bytes(b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
    drop_files(page.drop_zone, [forged])
    assert len(page.cards) == 1
    card = page.cards[0]
    qtbot.waitUntil(lambda: card.verdict is not None or card.error is not None, timeout=30_000)
    assert card.result is Result.UNREADABLE
    assert card.result_label.text() == "UNREADABLE"
    card.toggle.setChecked(True)
    assert card.checks.isVisible()
    results = json.loads(page.results_json())
    assert results[0]["result"] == "unreadable"
    # The saved report has the shape `exporter-desk verify --json` prints.
    cli = json.loads(verdicts_to_json(verify_files([forged], Trust())))
    assert results == cli


def test_saved_results_are_the_report_the_cli_prints(
    desk: Desk, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    drop_files(page.drop_zone, [broken])
    card = page.cards[0]
    qtbot.waitUntil(lambda: card.verdict is not None, timeout=30_000)
    target = tmp_path / "out" / "verification.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    page.save_button.click()
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved == json.loads(verdicts_to_json(verify_files([broken], Trust())))
    assert not [p for p in target.parent.iterdir() if p.name != target.name]  # no temp file left


def test_command_line_files_are_verified_at_start(desk: Desk, qtbot: QtBot, tmp_path: Path) -> None:
    files = [tmp_path / f"{n}.pdf" for n in range(3)]
    for path in files:
        path.write_bytes(b"not a pdf")
    desk.window.verify_files(files)
    page = desk.window.pages[Screen.VERIFY]
    assert isinstance(page, VerifyPage)
    qtbot.waitUntil(lambda: all(c.verdict for c in page.cards), timeout=30_000)
    assert [c.path for c in page.cards] == files


def test_an_issuer_name_nothing_vouches_for_is_shown_as_unverified(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from PySide6.QtWidgets import QLabel

    from exporter_desk.signing import CertificateAuthority, sign_pdf
    from tests.verify._build import ACME, draw_revision_one

    now = datetime.now(UTC)
    # A certificate of the forger's own making that copies a real company's name.
    forger = CertificateAuthority.create("Forger CA", now=now).issue_credentials(ACME, now=now)
    forged = tmp_path / "re-signed.pdf"
    forged.write_bytes(sign_pdf(draw_revision_one(), forger, now=now))
    page = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    drop_files(page.drop_zone, [forged])
    card = page.cards[0]
    qtbot.waitUntil(lambda: card.verdict is not None or card.error is not None, timeout=30_000)
    assert card.result is Result.UNTRUSTED_ISSUER
    texts = [label.text() for label in card.findChildren(QLabel)]
    issuer = next(text for text in texts if text.startswith(ACME.name))
    assert "unverified: a name only claimed, nothing you trust vouches for it" in issuer


# -- a counterparty's first verdicts: untrusted issuer (with the next step), tampered ------------


def _issued_elsewhere(tmp_path: Path) -> tuple[Path, Path]:
    """An invoice issued by another install on its local network, and that network's file."""
    issuer = tmp_path / "issuer"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)
    with open_store(database_path(issuer)) as store:
        seed_demo(store)
        keystore = KeyringKeystore()
        with open_local_network(issuer, store, keystore) as network:
            doc = issue_document(
                store, keystore, issuer, network, DocumentKind.COMMERCIAL_INVOICE, 1, now=now
            )
        exported = export_network(network_share(issuer, store), tmp_path / "issuer-network.json")
    return Path(doc.path), exported


def test_the_checks_toggle_says_show_and_hide(desk: Desk, qtbot: QtBot, tmp_path: Path) -> None:
    page = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
    page.verify_files([junk])
    card = page.cards[0]
    qtbot.waitUntil(lambda: card.verdict is not None, timeout=30_000)
    assert card.toggle.text() == "Show the checks"
    card.toggle.setChecked(True)
    assert card.toggle.text() == "Hide the checks" and card.checks.isVisible()
    card.toggle.setChecked(False)
    assert card.toggle.text() == "Show the checks" and not card.checks.isVisible()


def test_an_untrusted_issuer_card_says_what_to_do_and_importing_makes_it_authentic(
    desk: Desk,
    qtbot: QtBot,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdf, network_file = _issued_elsewhere(tmp_path)
    # As in the app: only our own logger has a handler (a file), the library's go nowhere.
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    page = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    capfd.readouterr()
    page.verify_files([pdf])
    card = page.cards[0]
    qtbot.waitUntil(lambda: card.verdict is not None, timeout=60_000)
    assert card.result is Result.UNTRUSTED_ISSUER
    assert card.next_box.isVisible()
    assert "ask the issuer for their network file" in card.next_step.text().lower()
    assert card.import_button.text() == "Import a network file..."
    assert "Traceback" not in capfd.readouterr().err

    shown: list[str] = []

    def trust(box: TrustNetworkDialog) -> None:
        shown.append(box.text())
        button = box.button(QMessageBox.StandardButton.Yes)
        assert button is not None
        button.click()

    when_shown(TrustNetworkDialog, trust)
    assert page.import_network(network_file)
    qtbot.waitUntil(lambda: card.result is Result.AUTHENTIC, timeout=60_000)
    assert shown and "Fingerprint:" in shown[0]
    assert not card.next_box.isVisible()


def test_a_tampered_card_leads_with_what_failed_and_greys_out_the_rest(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    pdf, network_file = _issued_elsewhere(tmp_path)
    pin_network(desk.window.data_dir, read_descriptor_file(network_file))
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(update(pdf.read_bytes(), replace_page_content))
    page = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    page.reset_verifier()
    page.verify_files([tampered])
    card = page.cards[0]
    qtbot.waitUntil(lambda: card.verdict is not None, timeout=60_000)
    assert card.result is Result.TAMPERED
    verdict = card.verdict
    assert verdict is not None
    failed = [c for c in verdict.checks if c.status is CheckStatus.FAILED]
    assert card.failures.isVisible() and card.failures.text().startswith("What failed:")
    assert all(c.reason_en in card.failures.text() for c in failed)
    assert card.stale_note.isVisible()
    facts = [w for w in card.findChildren(QLabel, "factLabel")]
    assert facts and all(not w.isEnabled() for w in facts)
    first = min(c.step.number for c in failed)
    later_passed = [
        c for c in verdict.checks if c.step.number > first and c.status is CheckStatus.PASSED
    ]
    marks = card.findChildren(QLabel, "checkMark")
    assert len(marks) == len(verdict.checks)
    by_step = {c.step.number: m.text() for c, m in zip(verdict.checks, marks, strict=True)}
    assert all(by_step[c.step.number] != "✔" for c in later_passed)


# --- reasons in the interface language ---------------------------------------------------------

# Technical names a Chinese reason keeps as they are (what the PDF or the standard calls them).
TECHNICAL_NAMES = {"JavaScript", "XObject"}
# The points of a UCP 600 article, as the rules cite them: "art. 18(a)(iii)".
ARTICLE_POINTS = {"(i)", "(ii)", "(iii)"}
# Sample values by parameter name: quantities as numbers, data as codes and names.
_QUANTITIES = {"count", "size", "length", "revision", "revisions", "page", "box_page", "step"}


def _sample_params(code: str) -> dict[str, object]:
    from exporter_desk.verify.reasons import placeholders, reason

    values: dict[str, object] = {}
    for name in placeholders(code):
        if name in _QUANTITIES:
            values[name] = 9721
        elif name == "budget":
            values[name] = 0.3
        elif name in {"who", "what", "rejection", "finding", "when", "change", "result"}:
            values[name] = reason("part.font")  # a nested reason: rendered in Chinese too
        elif name in {"items", "sentences"}:
            values[name] = (reason("lint.javascript"), reason("lint.layers"))
        else:  # data from the file or the settings: a name, a number, a date, a PDF key
            values[name] = "INV-2026-001"
    return values


def test_every_reason_of_the_catalogues_reads_in_chinese_without_english(qtbot: QtBot) -> None:
    from PySide6.QtCore import QLocale

    import exporter_desk.examine.reasons
    import exporter_desk.verify.reasons
    from exporter_desk._catalogue import reason, registered
    from exporter_desk.gui.messages import reason_text
    from tests.gui._walk import is_untranslated

    catalogue = registered()  # the verifier's and the examiner's
    assert set(exporter_desk.verify.reasons.CATALOGUE) | set(
        exporter_desk.examine.reasons.CATALOGUE
    ) <= set(catalogue)

    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        english = {}
        for code in catalogue:
            why = reason(code, **_sample_params(code))
            text = reason_text(why, chinese=True)
            if is_untranslated(text, {"INV-2026-001", *TECHNICAL_NAMES, *ARTICLE_POINTS}):
                english[code] = text
            assert reason_text(why, chinese=False) == why.en
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert len(catalogue) > 200  # the test saw the catalogues
    assert not english, english


def test_quantities_in_a_reason_follow_the_locale(qtbot: QtBot) -> None:
    from PySide6.QtCore import QLocale

    from exporter_desk.gui.messages import reason_text
    from exporter_desk.verify.reasons import reason

    why = reason("coverage.trailing_bytes", count=1234567)
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        assert reason_text(why, chinese=False).startswith("1.234.567 bytes")
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert reason_text(why, chinese=False).startswith("1,234,567 bytes")


def test_a_chinese_card_for_data_added_after_signing_holds_no_english(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    from pyhanko.pdf_utils import generic

    from exporter_desk.gui import i18n
    from tests.gui._walk import is_untranslated

    pdf, network_file = _issued_elsewhere(tmp_path)
    pin_network(desk.window.data_dir, read_descriptor_file(network_file))
    smuggled = tmp_path / "smuggled.pdf"
    hidden = generic.StreamObject(stream_data=b"%PDF-1.7 another invoice " * 400)
    smuggled.write_bytes(update(pdf.read_bytes(), lambda writer: writer.add_object(hidden)))
    page = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    page.reset_verifier()
    i18n.set_language(i18n.Language.CHINESE)
    try:
        page.verify_files([smuggled])
        card = page.cards[0]
        qtbot.waitUntil(lambda: card.verdict is not None, timeout=60_000)
        verdict = card.verdict
        assert verdict is not None and verdict.result is Result.TAMPERED
        coverage = next(c for c in verdict.checks if c.step.id == "coverage")
        assert "object.stream" in set(coverage.reason.codes())
        shown = [card.headline.text(), card.failures.text()]
        shown += [label.text() for label in card.findChildren(QLabel, "hint")]
    finally:
        i18n.set_language(i18n.Language.ENGLISH)
    assert any("字节的流" in text for text in shown), shown  # "a stream of N bytes", in Chinese
    data = {"INV-2026-001", *TECHNICAL_NAMES}
    issuer = verdict.issuer
    if issuer is not None:  # the signer's own name is data
        data |= {issuer.company_name, issuer.registration_id or "", issuer.trusted_by or ""}
    if verdict.registration is not None:
        data |= {verdict.registration.origin, *verdict.registration.witnesses}
    if verdict.document is not None:
        data.add(verdict.document.number)
    english = [text for text in shown if is_untranslated(text, {d for d in data if d})]
    assert not english, english


def test_a_folder_is_checked_on_every_core_with_a_card_per_pdf_in_name_order(
    desk: Desk, qtbot: QtBot, tmp_path: Path
) -> None:
    pdf, network_file = _issued_elsewhere(tmp_path)
    pin_network(desk.window.data_dir, read_descriptor_file(network_file))
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "b-invoice.pdf").write_bytes(pdf.read_bytes())
    (folder / "a-tampered.pdf").write_bytes(update(pdf.read_bytes(), replace_page_content))
    (folder / "c-junk.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
    (folder / "notes.txt").write_text("not a PDF")
    page = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    assert page.folder_button.text() == "Verify a folder..."
    page.verify_folder(folder)
    assert [c.path.name for c in page.cards] == ["a-tampered.pdf", "b-invoice.pdf", "c-junk.pdf"]
    assert page.cancel_button.isVisible()  # the batch runs on a worker; the window stays live
    qtbot.waitUntil(lambda: all(c.verdict is not None for c in page.cards), timeout=90_000)
    assert [c.result for c in page.cards] == [
        Result.TAMPERED,
        Result.AUTHENTIC,
        Result.UNREADABLE,
    ]
    qtbot.waitUntil(lambda: not page.cancel_button.isVisible(), timeout=10_000)
    assert page.progress.text() == "3 file(s) checked."


def test_a_folder_without_pdfs_says_so(desk: Desk, tmp_path: Path) -> None:
    page = desk.window.show_screen(Screen.VERIFY)
    assert isinstance(page, VerifyPage)
    page.verify_folder(tmp_path)
    assert page.cards == []
    assert page.progress.text() == f"Nothing to check in {tmp_path}: it holds no PDF files."
