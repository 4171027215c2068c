"""Translated names for the domain's enumerations, as lists, pickers and cards show them.

``QCoreApplication.translate`` is thread-safe, so the database thread may format rows with
these too; lists reload on a language change.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from exporter_desk.domain import (
    ChargeKind,
    ContractKind,
    DocumentKind,
    DocumentStatus,
    InvoiceKind,
    PartyRole,
    PaymentMethod,
    TransportMode,
)

translate = QCoreApplication.translate


def invoice_kind(kind: InvoiceKind) -> str:
    return {
        InvoiceKind.COMMERCIAL: translate("Labels", "Commercial"),
        InvoiceKind.PROFORMA: translate("Labels", "Proforma"),
    }[kind]


def contract_kind(kind: ContractKind) -> str:
    return {
        ContractKind.SALES: translate("Labels", "Sales"),
        ContractKind.PURCHASE: translate("Labels", "Purchase"),
    }[kind]


def party_role(role: PartyRole) -> str:
    return {
        PartyRole.EXPORTER: translate("Labels", "Exporter"),
        PartyRole.BUYER: translate("Labels", "Buyer"),
        PartyRole.SUPPLIER: translate("Labels", "Supplier"),
        PartyRole.CONSIGNEE: translate("Labels", "Consignee"),
        PartyRole.NOTIFY: translate("Labels", "Notify party"),
        PartyRole.FORWARDER: translate("Labels", "Forwarder"),
        PartyRole.BANK: translate("Labels", "Bank"),
    }[role]


def transport_mode(mode: TransportMode) -> str:
    return {
        TransportMode.SEA: translate("Labels", "Sea"),
        TransportMode.AIR: translate("Labels", "Air"),
        TransportMode.RAIL: translate("Labels", "Rail"),
        TransportMode.ROAD: translate("Labels", "Road"),
        TransportMode.MULTIMODAL: translate("Labels", "Multimodal"),
    }[mode]


def document_status(status: DocumentStatus) -> str:
    return {
        DocumentStatus.DRAFT: translate("Labels", "Draft"),
        DocumentStatus.AWAITING_REGISTRATION: translate("Labels", "Awaiting registration"),
        DocumentStatus.REGISTERED: translate("Labels", "Registered"),
        DocumentStatus.SUPERSEDED: translate("Labels", "Superseded"),
    }[status]


def document_kind(kind: DocumentKind) -> str:
    return {
        DocumentKind.COMMERCIAL_INVOICE: translate("Labels", "Commercial invoice"),
        DocumentKind.PROFORMA_INVOICE: translate("Labels", "Proforma invoice"),
        DocumentKind.PACKING_LIST: translate("Labels", "Packing list"),
        DocumentKind.SALES_CONTRACT: translate("Labels", "Sales contract"),
        DocumentKind.PURCHASE_CONTRACT: translate("Labels", "Purchase contract"),
        DocumentKind.CERTIFICATE_OF_ORIGIN: translate("Labels", "Certificate of origin"),
        DocumentKind.SHIPPING_INSTRUCTION: translate("Labels", "Shipping instruction"),
        DocumentKind.BENEFICIARY_CERTIFICATE: translate("Labels", "Beneficiary certificate"),
        DocumentKind.BILL_OF_EXCHANGE: translate("Labels", "Bill of exchange"),
        DocumentKind.BANK_PACK: translate("Labels", "Bank presentation pack"),
    }[kind]


def payment_method(method: PaymentMethod) -> str:
    return {
        PaymentMethod.TT: translate("Labels", "T/T (telegraphic transfer)"),
        PaymentMethod.LC: translate("Labels", "L/C (letter of credit)"),
        PaymentMethod.DP: translate("Labels", "D/P (documents against payment)"),
        PaymentMethod.DA: translate("Labels", "D/A (documents against acceptance)"),
    }[method]


def charge_kind(kind: ChargeKind) -> str:
    return {
        ChargeKind.FREIGHT: translate("Labels", "Freight"),
        ChargeKind.INSURANCE: translate("Labels", "Insurance"),
        ChargeKind.DISCOUNT: translate("Labels", "Discount"),
        ChargeKind.OTHER: translate("Labels", "Other"),
    }[kind]


__all__ = [
    "charge_kind",
    "contract_kind",
    "document_kind",
    "document_status",
    "invoice_kind",
    "party_role",
    "payment_method",
    "transport_mode",
]
