"""Each document kind's printed title, in English and Chinese (``DocumentKind.label`` is a
title-cased slug: "Certificate Of Origin")."""

from __future__ import annotations

from exporter_desk.documents.layout import Label
from exporter_desk.domain import DocumentKind

__all__ = ["TITLES"]

TITLES: dict[DocumentKind, Label] = {
    DocumentKind.COMMERCIAL_INVOICE: Label("Commercial Invoice", "商业发票"),
    DocumentKind.PROFORMA_INVOICE: Label("Proforma Invoice", "形式发票"),
    DocumentKind.PACKING_LIST: Label("Packing List", "装箱单"),
    DocumentKind.SALES_CONTRACT: Label("Sales Contract", "销售合同"),
    DocumentKind.PURCHASE_CONTRACT: Label("Purchase Contract", "采购合同"),
    DocumentKind.CERTIFICATE_OF_ORIGIN: Label("Certificate of Origin", "原产地证明书"),
    DocumentKind.SHIPPING_INSTRUCTION: Label("Shipping Instruction", "托运单"),
    DocumentKind.BENEFICIARY_CERTIFICATE: Label("Beneficiary's Certificate", "受益人证明"),
    DocumentKind.BILL_OF_EXCHANGE: Label("Bill of Exchange", "汇票"),
    DocumentKind.BANK_PACK: Label("Bank Presentation Pack", "银行交单汇总"),
}
