"""Rules that examine a presentation against its letter of credit (UCP 600, ISBP 821).

Each rule is ``rule(presentation) -> list[Discrepancy]`` and returns nothing without a credit.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_UP, Decimal

from exporter_desk.domain.codes import Incoterm
from exporter_desk.domain.credit import Permission, RequiredKind
from exporter_desk.domain.invoice import Invoice, InvoiceKind
from exporter_desk.domain.money import Money, sum_money
from exporter_desk.domain.received import ReceivedKind
from exporter_desk.examine._common import (
    contains,
    credit_ref,
    finding,
    norm,
    on_board,
    received_ref,
)
from exporter_desk.examine.discrepancy import Discrepancy, FieldRef
from exporter_desk.examine.presentation import Presentation
from exporter_desk.examine.reasons import reason


def _commercial(p: Presentation) -> list[Invoice]:
    return [i for i in p.invoices if i.kind is InvoiceKind.COMMERCIAL]


def invoice_issued_by_beneficiary(p: Presentation) -> list[Discrepancy]:
    """UCP 600 art. 18(a)(i)-(ii): the invoice is issued by the beneficiary, to the applicant."""
    credit = p.credit
    if credit is None:
        return []
    found = []
    for invoice in p.invoices:
        if invoice.kind is not InvoiceKind.COMMERCIAL:
            continue
        seller, buyer = p.party(invoice.seller_id), p.party(invoice.buyer_id)
        if (
            seller is not None
            and credit.beneficiary
            and not contains(credit.beneficiary, seller.name_en)
        ):
            found.append(
                finding(
                    "invoice_issued_by_beneficiary",
                    f"Invoice {invoice.number} is issued by {seller.name_en}, but the credit's "
                    f"beneficiary is {credit.beneficiary.splitlines()[0]}.",
                    reason("why.invoice_issuer"),
                    reason("fix.invoice_beneficiary"),
                    ("invoice", invoice.id, "seller_id"),
                    credit_ref(p, "beneficiary"),
                )
            )
        if buyer is not None and credit.applicant and not contains(credit.applicant, buyer.name_en):
            found.append(
                finding(
                    "invoice_issued_by_beneficiary",
                    f"Invoice {invoice.number} is made out to {buyer.name_en}, but the credit's "
                    f"applicant is {credit.applicant.splitlines()[0]}.",
                    reason("why.invoice_applicant"),
                    reason("fix.invoice_to_applicant"),
                    ("invoice", invoice.id, "buyer_id"),
                    credit_ref(p, "applicant"),
                )
            )
    return found


def invoice_in_credit_currency(p: Presentation) -> list[Discrepancy]:
    """UCP 600 art. 18(a)(iii): the invoice is in the currency of the credit."""
    credit = p.credit
    if credit is None:
        return []
    return [
        finding(
            "invoice_in_credit_currency",
            f"Invoice {invoice.number} is in {invoice.currency}; the credit is in "
            f"{credit.currency}.",
            reason("why.invoice_currency"),
            reason("fix.reissue_in_currency", currency=str(credit.currency)),
            ("invoice", invoice.id, "terms.currency"),
            credit_ref(p, "currency"),
        )
        for invoice in p.invoices
        if invoice.kind is InvoiceKind.COMMERCIAL and invoice.currency != credit.currency
    ]


def invoice_within_credit_amount(p: Presentation) -> list[Discrepancy]:
    """UCP 600 art. 18(b), 30(a)-(b): the invoices do not exceed the credit amount plus its
    tolerance ("about" allows 10%)."""
    credit = p.credit
    if credit is None:
        return []
    invoices = [
        i for i in p.invoices if i.kind is InvoiceKind.COMMERCIAL and i.currency == credit.currency
    ]
    if not invoices:
        return []
    total = sum_money([i.total() for i in invoices], credit.currency)
    limit = credit.max_amount()
    if total.amount <= limit.amount:
        return []
    return [
        finding(
            "invoice_within_credit_amount",
            f"The invoices total {total}, more than the credit allows ({limit}, "
            f"{credit.amount} plus {credit.tolerance_plus}%).",
            reason("why.invoice_amount"),
            reason("fix.reduce_invoice"),
            *(("invoice", i.id, "total") for i in invoices),
            credit_ref(p, "amount"),
        )
    ]


def goods_description_corresponds(p: Presentation) -> list[Discrepancy]:
    """UCP 600 art. 18(c), ISBP 821 C3: the invoice's goods correspond to the credit's 45A,
    and its trade term is the credit's."""
    credit = p.credit
    if credit is None or not credit.goods:
        return []
    found = []
    for invoice in p.invoices:
        if invoice.kind is not InvoiceKind.COMMERCIAL:
            continue
        for index, line in enumerate(invoice.lines):
            if not contains(credit.goods, line.description_en):
                found.append(
                    finding(
                        "goods_description_corresponds",
                        f"Invoice {invoice.number} line {index + 1} describes "
                        f"'{line.description_en}', which the credit's goods (45A) do not name.",
                        reason("why.goods_description"),
                        reason("fix.describe_as_credit"),
                        ("invoice", invoice.id, f"lines.{index}.description_en"),
                        credit_ref(p, "goods"),
                    )
                )
        if credit.incoterm is not None and invoice.terms.incoterm is not credit.incoterm:
            found.append(
                finding(
                    "goods_description_corresponds",
                    f"Invoice {invoice.number} is {invoice.terms.incoterm.value}; the credit "
                    f"says {credit.incoterm.value}.",
                    reason("why.trade_term"),
                    reason("fix.invoice_incoterm", incoterm=credit.incoterm.value),
                    ("invoice", invoice.id, "terms.incoterm"),
                    credit_ref(p, "goods"),
                )
            )
    return found


def ports_agree_with_credit(p: Presentation) -> list[Discrepancy]:
    """UCP 600 art. 20(a)(iii): the transport document shows shipment from the port of
    loading to the port of discharge stated in the credit."""
    credit = p.credit
    if credit is None:
        return []
    found = []
    for name, wanted, label in (
        ("port_of_loading", credit.port_of_loading_code, "loading (44E)"),
        ("port_of_discharge", credit.port_of_discharge_code, "discharge (44F)"),
    ):
        if not wanted:
            continue
        refs: list[tuple[str, FieldRef]] = [
            (getattr(s, name), ("shipment", s.id, name)) for s in p.shipments
        ]
        refs += [
            (getattr(d, name), received_ref(d, name))
            for d in p.transport_documents()
            if getattr(d, name)
        ]
        for actual, ref in refs:
            if actual != wanted:
                found.append(
                    finding(
                        "ports_agree_with_credit",
                        f"The port of {label.split()[0]} is {actual}; the credit's port of "
                        f"{label} is {wanted}.",
                        reason("why.ports"),
                        reason("fix.correct_port"),
                        ref,
                        credit_ref(p, name),
                    )
                )
    return found


def shipped_by_latest_date(p: Presentation) -> list[Discrepancy]:
    """UCP 600 art. 20(a)(ii) with field 44C: shipment on board no later than the latest
    shipment date."""
    credit = p.credit
    if credit is None or credit.latest_shipment_date is None:
        return []
    shipped, ref = on_board(p)
    if shipped is None or ref is None or shipped <= credit.latest_shipment_date:
        return []
    return [
        finding(
            "shipped_by_latest_date",
            f"The goods were shipped on board on {shipped.isoformat()}, after the latest "
            f"shipment date {credit.latest_shipment_date.isoformat()}.",
            reason("why.latest_shipment"),
            reason("fix.amend_latest_shipment"),
            ref,
            credit_ref(p, "latest_shipment_date"),
        )
    ]


def presented_in_time(p: Presentation) -> list[Discrepancy]:
    """UCP 600 art. 14(c), 6(d)(i), 29: presented within the period after shipment (21 days
    by default) and not after the expiry date."""
    credit = p.credit
    if credit is None or p.presentation_date is None:
        return []
    found = []
    if credit.expiry_date is not None and p.presentation_date > credit.expiry_date:
        found.append(
            finding(
                "presented_in_time",
                f"Presentation on {p.presentation_date.isoformat()} is after the credit "
                f"expired on {credit.expiry_date.isoformat()}.",
                reason("why.expiry"),
                reason("fix.extend_expiry"),
                credit_ref(p, "expiry_date"),
            )
        )
    shipped, ref = on_board(p)
    if shipped is not None and ref is not None:
        deadline = shipped + dt.timedelta(days=credit.presentation_days)
        if p.presentation_date > deadline:
            found.append(
                finding(
                    "presented_in_time",
                    f"Presentation on {p.presentation_date.isoformat()} is more than "
                    f"{credit.presentation_days} days after shipment on {shipped.isoformat()}.",
                    reason("why.presentation_period"),
                    reason("fix.present_sooner"),
                    ref,
                    credit_ref(p, "presentation_days"),
                )
            )
    return found


def partial_shipment_as_allowed(p: Presentation) -> list[Discrepancy]:
    """UCP 600 art. 31(a)-(b): more than one transport document is a partial shipment."""
    credit = p.credit
    if credit is None or credit.partial_shipment is not Permission.NOT_ALLOWED:
        return []
    numbers = {s.transport_document_no for s in p.shipments if s.transport_document_no}
    numbers |= {d.number for d in p.transport_documents() if d.number}
    if len(numbers) <= 1:
        return []
    return [
        finding(
            "partial_shipment_as_allowed",
            f"The goods travel on {len(numbers)} transport documents "
            f"({', '.join(sorted(numbers))}); the credit does not allow partial shipments.",
            reason("why.partial_shipment"),
            reason("fix.one_transport_document"),
            *(("shipment", s.id, "transport_document_no") for s in p.shipments),
            credit_ref(p, "partial_shipment"),
        )
    ]


def transhipment_as_allowed(p: Presentation) -> list[Discrepancy]:
    """UCP 600 art. 20(c): with transhipment prohibited, the goods stay on one vessel: a
    received transport document naming another vessel than the shipment shows a transhipment."""
    credit = p.credit
    if credit is None or credit.transhipment is not Permission.NOT_ALLOWED:
        return []
    vessels = {norm(s.vessel) for s in p.shipments if s.vessel}
    vessels |= {norm(d.vessel) for d in p.transport_documents() if d.vessel}
    if len(vessels) <= 1:
        return []
    return [
        finding(
            "transhipment_as_allowed",
            f"The documents name {len(vessels)} vessels ({', '.join(sorted(vessels))}); the "
            "credit does not allow transhipment.",
            reason("why.transhipment"),
            reason("fix.correct_vessel"),
            *(("shipment", s.id, "vessel") for s in p.shipments),
            *(received_ref(d, "vessel") for d in p.transport_documents()),
            credit_ref(p, "transhipment"),
        )
    ]


def insurance_covers_cif_value(p: Presentation) -> list[Discrepancy]:
    """UCP 600 art. 28(e)-(f): under CIF or CIP, an insurance document for at least 110% of
    the CIF/CIP value, in the credit's currency, dated no later than shipment."""
    credit = p.credit
    if credit is None:
        return []
    term = credit.incoterm or (p.sales.terms.incoterm if p.sales else None)
    if term not in (Incoterm.CIF, Incoterm.CIP):
        return []
    insurance = p.received_of(ReceivedKind.INSURANCE_CERTIFICATE)
    if not insurance:
        return [
            finding(
                "insurance_covers_cif_value",
                f"The credit is {term.value if term else ''}, but no insurance document is "
                "attached.",
                reason("why.insurance_cif"),
                reason("fix.attach_insurance"),
                credit_ref(p, "documents"),
            )
        ]
    invoices = [
        i for i in p.invoices if i.kind is InvoiceKind.COMMERCIAL and i.currency == credit.currency
    ]
    value = (
        sum_money([i.total() for i in invoices], credit.currency)
        if invoices
        else Money(credit.amount, credit.currency)
    )
    needed = (value.amount * Decimal("1.1")).quantize(value.amount, ROUND_UP)
    shipped, _ = on_board(p)
    found = []
    for doc in insurance:
        if doc.currency and doc.currency != credit.currency:
            found.append(
                finding(
                    "insurance_covers_cif_value",
                    f"The insurance is in {doc.currency}; the credit is in {credit.currency}.",
                    reason("why.insurance_currency"),
                    reason("fix.insurance_currency", currency=str(credit.currency)),
                    received_ref(doc, "currency"),
                    credit_ref(p, "currency"),
                )
            )
        elif doc.amount is None or doc.amount < needed:
            found.append(
                finding(
                    "insurance_covers_cif_value",
                    f"The insurance covers {doc.amount or 0} {credit.currency}; at least "
                    f"{needed} (110% of {value}) is required.",
                    reason("why.insurance_110"),
                    reason("fix.insurance_110"),
                    received_ref(doc, "amount"),
                )
            )
        if doc.date is not None and shipped is not None and doc.date > shipped:
            found.append(
                finding(
                    "insurance_covers_cif_value",
                    f"The insurance is dated {doc.date.isoformat()}, after shipment on "
                    f"{shipped.isoformat()}.",
                    reason("why.insurance_date"),
                    reason("fix.insurance_date"),
                    received_ref(doc, "date"),
                )
            )
    return found


_RECEIVED_FOR = {
    RequiredKind.TRANSPORT_DOCUMENT: (
        ReceivedKind.BILL_OF_LADING,
        ReceivedKind.AIR_WAYBILL,
        ReceivedKind.CMR,
        ReceivedKind.RAIL_NOTE,
    ),
    RequiredKind.INSURANCE: (ReceivedKind.INSURANCE_CERTIFICATE,),
    RequiredKind.INSPECTION_CERTIFICATE: (ReceivedKind.INSPECTION_CERTIFICATE,),
}


def required_documents_present(p: Presentation) -> list[Discrepancy]:
    """UCP 600 art. 14(a), 17: every document the credit requires is there, in the stated
    number of originals (documents Exporter Desk issues itself are printed as many times as
    needed; received ones must arrive in the stated originals)."""
    credit = p.credit
    if credit is None:
        return []
    found = []
    for index, item in enumerate(credit.documents):
        ref = credit_ref(p, f"documents.{index}")
        missing = ""
        if item.kind is RequiredKind.COMMERCIAL_INVOICE and not _commercial(p):
            missing = "no commercial invoice"
        elif item.kind is RequiredKind.PACKING_LIST and not p.packing_lists:
            missing = "no packing list"
        elif item.kind in _RECEIVED_FOR:
            docs = p.received_of(*_RECEIVED_FOR[item.kind])
            if not docs:
                missing = f"no {item.kind.label} attached"
            elif max(d.originals for d in docs) < item.originals:
                best = max(docs, key=lambda d: d.originals)
                missing = f"{best.originals} original(s) of the {item.originals} required"
                ref = received_ref(best, "originals")
        if missing:
            found.append(
                finding(
                    "required_documents_present",
                    f"The credit requires {item.wording or item.kind.label}: {missing}.",
                    reason("why.documents_required"),
                    reason("fix.attach_document"),
                    ref,
                )
            )
    return found


RULES = (
    invoice_issued_by_beneficiary,
    invoice_in_credit_currency,
    invoice_within_credit_amount,
    goods_description_corresponds,
    ports_agree_with_credit,
    shipped_by_latest_date,
    presented_in_time,
    partial_shipment_as_allowed,
    transhipment_as_allowed,
    insurance_covers_cif_value,
    required_documents_present,
)

__all__ = [
    "RULES",
    "goods_description_corresponds",
    "insurance_covers_cif_value",
    "invoice_in_credit_currency",
    "invoice_issued_by_beneficiary",
    "invoice_within_credit_amount",
    "partial_shipment_as_allowed",
    "ports_agree_with_credit",
    "presented_in_time",
    "required_documents_present",
    "shipped_by_latest_date",
    "transhipment_as_allowed",
]
