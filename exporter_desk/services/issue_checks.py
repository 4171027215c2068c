"""The examiner's word before a document is issued: the discrepancies of the deal(s) a
document belongs to that name this document, or the deal as a whole.

Public API: ``discrepancies_before_issue(store, kind, source_id) -> list[Discrepancy]``; the
issue dialog's checklist calls it on the database thread.
"""

from __future__ import annotations

from exporter_desk.domain import ContractId, DealId, DocumentKind, InvoiceId, PackingListId
from exporter_desk.examine import Discrepancy
from exporter_desk.services.examining import examine_deal
from exporter_desk.store import Store

_PAGE = 1000  # the store's largest page

# Which examiner documents a source table's row is, for matching a FieldRef.
_REFS = {
    "invoices": ("invoice",),
    "packing_lists": ("packing_list",),
    "contracts": ("purchase_contract", "sales_contract"),
    "deals": ("deal",),
}


def _table(kind: DocumentKind) -> str:
    """The table a kind is issued from; a bank pack is issued from its deal."""
    return kind.source_table


def deals_of_document(store: Store, kind: DocumentKind, source_id: int) -> list[DealId]:
    """The deals whose file holds the document issued from ``source_id`` (by its contract)."""
    table = _table(kind)
    if table == "deals":
        return [DealId(source_id)]
    if table == "packing_lists":
        source_id = store.packing_lists.get(PackingListId(source_id)).invoice_id
        table = "invoices"
    contract_id: int | None
    if table == "invoices":
        contract_id = store.invoices.get(InvoiceId(source_id)).contract_id
    else:
        contract_id = ContractId(source_id)
    if contract_id is None:
        return []
    found: list[DealId] = []
    offset = 0
    while True:
        page = store.deals.list(limit=_PAGE, offset=offset)
        found += [
            deal.id
            for deal in page
            if deal.id is not None
            and contract_id in (deal.sales_contract_id, deal.purchase_contract_id)
        ]
        if len(page) < _PAGE:
            return found
        offset += _PAGE


def discrepancies_before_issue(
    store: Store, kind: DocumentKind, source_id: int
) -> list[Discrepancy]:
    """What the examiner finds about this document in its deals: each discrepancy naming it,
    and those about the deal as a whole (a bank refuses the presentation for either).

    Raises: NotFoundError when the source row does not exist.
    """
    names = _REFS[_table(kind)]
    found: list[Discrepancy] = []
    for deal_id in deals_of_document(store, kind, source_id):
        for item in examine_deal(store, deal_id):
            mine = any(doc in names and id_ == source_id for doc, id_, _ in item.fields)
            whole = all(doc in ("deal", "credit") for doc, _, _ in item.fields)
            if (mine or whole) and item not in found:
                found.append(item)
    return found


__all__ = ["deals_of_document", "discrepancies_before_issue"]
