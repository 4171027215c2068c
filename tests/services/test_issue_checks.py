"""Before a document is issued, the examiner's findings about it in its deal."""

from __future__ import annotations

from dataclasses import replace

from exporter_desk.domain import DealId, DocumentKind
from exporter_desk.services.issue_checks import deals_of_document, discrepancies_before_issue
from tests.services.conftest import Desk


def test_a_clean_deal_has_nothing_to_say_before_issuing(desk: Desk) -> None:
    assert deals_of_document(desk.store, DocumentKind.COMMERCIAL_INVOICE, 1) == [DealId(1)]
    assert discrepancies_before_issue(desk.store, DocumentKind.COMMERCIAL_INVOICE, 1) == []


def test_each_document_is_found_in_its_deal(desk: Desk) -> None:
    store = desk.store
    packing = store.packing_lists.list(limit=5)[0]
    assert packing.id is not None
    for kind, source_id in (
        (DocumentKind.COMMERCIAL_INVOICE, packing.invoice_id),
        (DocumentKind.PACKING_LIST, packing.id),
        (DocumentKind.SALES_CONTRACT, 2),
        (DocumentKind.PURCHASE_CONTRACT, 1),
        (DocumentKind.BANK_PACK, 1),
    ):
        assert deals_of_document(store, kind, source_id) == [DealId(1)]


def test_marks_that_differ_are_named_before_the_packing_list_or_invoice_is_issued(
    desk: Desk,
) -> None:
    store = desk.store
    packing = store.packing_lists.list(limit=5)[0]
    assert packing.id is not None
    store.packing_lists.save(replace(packing, marks="OTHER MARKS"))
    for kind, source_id in (
        (DocumentKind.PACKING_LIST, packing.id),
        (DocumentKind.COMMERCIAL_INVOICE, packing.invoice_id),
    ):
        found = discrepancies_before_issue(store, kind, source_id)
        assert [d.rule for d in found] == ["marks_agree"], kind
    # The purchase contract is not named by that finding: nothing to say before issuing it.
    assert discrepancies_before_issue(store, DocumentKind.PURCHASE_CONTRACT, 1) == []
