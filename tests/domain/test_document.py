"""Each kind of document knows the record it is issued from: one table, kept on the domain type."""

from __future__ import annotations

from exporter_desk.domain import DocumentKind
from exporter_desk.store.documents import SOURCES


def test_every_kind_is_issued_from_a_table_the_register_accepts() -> None:
    assert {kind.source_table for kind in DocumentKind} <= set(SOURCES)


def test_an_invoices_documents_come_from_the_invoice_and_a_bank_pack_from_the_deal() -> None:
    assert DocumentKind.COMMERCIAL_INVOICE.source_table == "invoices"
    assert DocumentKind.CERTIFICATE_OF_ORIGIN.source_table == "invoices"
    assert DocumentKind.PACKING_LIST.source_table == "packing_lists"
    assert DocumentKind.SALES_CONTRACT.source_table == "contracts"
    assert DocumentKind.BANK_PACK.source_table == "deals"
