"""The pack contents dialog: the plan's documents with their state, the credit's list ticked in
advance, a document that lacks data shown but not tickable, and the user's ticks returned."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from exporter_desk.domain import DocumentKind, InvoiceId
from exporter_desk.gui.pack_dialog import PackContentsDialog
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.packs import plan_pack
from exporter_desk.store import database_path, open_store


def test_the_dialog_shows_the_plan_and_returns_the_ticks(
    app: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    with open_store(database_path(tmp_path)) as store:
        seed_demo(store)
        invoice = store.invoices.get(InvoiceId(1))
        unshipped = store.invoices.save(
            replace(invoice, id=None, number="HY-CI-2026-0999", shipment_id=None)
        )
        assert unshipped.id is not None
        plan = plan_pack(store, invoice=unshipped.id)
    dialog = PackContentsDialog(plan)
    qtbot.addWidget(dialog)
    rows = {c.kind: row for row, c in enumerate(plan.candidates)}
    assert [dialog.is_ticked(r) for r in range(len(plan.candidates))] == [
        c.ticked for c in plan.candidates
    ]
    origin = rows[DocumentKind.CERTIFICATE_OF_ORIGIN]
    item = dialog.documents.topLevelItem(origin)
    assert item is not None and "lacks the shipment" in item.text(2)
    dialog.set_ticked(origin, True)  # cannot be made: stays unticked
    assert not dialog.is_ticked(origin)
    dialog.set_ticked(rows[DocumentKind.BENEFICIARY_CERTIFICATE], False)
    chosen = dialog.chosen_plan()
    assert {c.kind for c in chosen.ticked} == {
        c.kind for c in plan.ticked if c.kind is not DocumentKind.BENEFICIARY_CERTIFICATE
    }
    assert dialog.issue_first.isChecked()  # ticked documents wait to be issued
    dialog.show()
    dialog.grab().save(str(tmp_path / "pack-dialog.png"))
    assert (tmp_path / "pack-dialog.png").stat().st_size > 0


def test_nothing_ticked_is_refused_with_a_reason(
    app: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    with open_store(database_path(tmp_path)) as store:
        seed_demo(store)
        plan = plan_pack(store, deal=1).ticking([])
    dialog = PackContentsDialog(plan)
    qtbot.addWidget(dialog)
    dialog._check()
    assert dialog.error.text() == "Tick at least one document."
    assert dialog.result() == 0


def test_a_bank_pack_is_offered_for_a_deal_and_issues_what_is_missing(
    app: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    with open_store(database_path(tmp_path)) as store:
        seed_demo(store)
        by_deal = plan_pack(store, deal=1)
        by_shipment = plan_pack(store, shipment=1)
    shipment_dialog = PackContentsDialog(by_shipment)
    qtbot.addWidget(shipment_dialog)
    assert not shipment_dialog.bank.isEnabled()
    dialog = PackContentsDialog(by_deal)
    qtbot.addWidget(dialog)
    assert dialog.bank.isEnabled()
    dialog.issue_first.setChecked(False)
    dialog.bank.setChecked(True)
    assert dialog.issue_first.isChecked() and not dialog.issue_first.isEnabled()
