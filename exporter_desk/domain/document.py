"""Issued documents: the register entry for each PDF the company has produced."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

DocumentId = NewType("DocumentId", int)


class DocumentKind(StrEnum):
    """Document kinds; the values are the ``kind`` of the trust-network log entry."""

    COMMERCIAL_INVOICE = "commercial-invoice"
    PROFORMA_INVOICE = "proforma-invoice"
    PACKING_LIST = "packing-list"
    SALES_CONTRACT = "sales-contract"
    PURCHASE_CONTRACT = "purchase-contract"
    CERTIFICATE_OF_ORIGIN = "certificate-of-origin"
    SHIPPING_INSTRUCTION = "shipping-instruction"
    BENEFICIARY_CERTIFICATE = "beneficiary-certificate"
    BILL_OF_EXCHANGE = "bill-of-exchange"
    BANK_PACK = "bank-pack"  # a deal's documents as presented to a bank, issued as one PDF

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").title()

    @property
    def source_table(self) -> str:
        """The table of the record this kind is issued from: an invoice's documents from
        ``invoices``, a bank pack from ``deals`` ...; the document's source id is a row of it."""
        return _SOURCE_TABLES[self]


_SOURCE_TABLES: dict[DocumentKind, str] = {
    DocumentKind.COMMERCIAL_INVOICE: "invoices",
    DocumentKind.PROFORMA_INVOICE: "invoices",
    DocumentKind.PACKING_LIST: "packing_lists",
    DocumentKind.SALES_CONTRACT: "contracts",
    DocumentKind.PURCHASE_CONTRACT: "contracts",
    DocumentKind.CERTIFICATE_OF_ORIGIN: "invoices",
    DocumentKind.SHIPPING_INSTRUCTION: "invoices",
    DocumentKind.BENEFICIARY_CERTIFICATE: "invoices",
    DocumentKind.BILL_OF_EXCHANGE: "invoices",
    DocumentKind.BANK_PACK: "deals",
}


class DocumentStatus(StrEnum):
    DRAFT = "draft"
    AWAITING_REGISTRATION = "awaiting-registration"
    REGISTERED = "registered"
    SUPERSEDED = "superseded"


@dataclass(frozen=True, slots=True)
class IssuedDocument:
    """One PDF in the register: what it is, its digests, and where it stands with the network."""

    kind: DocumentKind
    number: str
    source_table: str
    source_id: int
    status: DocumentStatus
    created_at: dt.datetime
    path: str = ""
    digest_r1: str = ""  # hex SHA-256 of revision 1, as registered
    digest_final: str = ""  # hex SHA-256 of the issued, signed file
    receipt: str = ""  # tlog-proof text, once registered
    log_index: int | None = None
    supersedes_id: DocumentId | None = None
    data_digest: str = ""  # hex SHA-256 of the document's data, without the issue time
    id: DocumentId | None = field(default=None, compare=False)


__all__ = ["DocumentId", "DocumentKind", "DocumentStatus", "IssuedDocument"]
