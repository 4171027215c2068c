"""Rules that compare the documents of a presentation with each other: data in one document
must not conflict with data in another (UCP 600 art. 14(d), ISBP 821 A23).

Each rule is ``rule(presentation) -> list[Discrepancy]``; none needs a credit.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from exporter_desk.domain.packing import KG
from exporter_desk.domain.received import ReceivedKind
from exporter_desk.examine._common import finding, norm, plain, received_ref
from exporter_desk.examine.discrepancy import Discrepancy
from exporter_desk.examine.presentation import Presentation
from exporter_desk.examine.reasons import reason


def _key(sku: str, description: str) -> str:
    return sku or norm(description)


def quantities_agree(p: Presentation) -> list[Discrepancy]:
    """The quantity of each article on our invoice equals the packing list's."""
    found = []
    for packing in p.packing_lists:
        invoice = next((i for i in p.invoices if i.id == packing.invoice_id), None)
        if invoice is None:
            continue
        packed: dict[str, Decimal] = defaultdict(Decimal)
        for package in packing.packages:
            packed[_key(package.sku, package.description)] += package.quantity
        invoiced: dict[str, tuple[int, Decimal, str]] = {}
        for index, line in enumerate(invoice.lines):
            key = _key(line.sku, line.description_en)
            previous = invoiced.get(key, (index, Decimal(0), line.description_en))
            invoiced[key] = (previous[0], previous[1] + line.quantity, line.description_en)
        for key, (index, quantity, description) in invoiced.items():
            if packed.get(key, Decimal(0)) != quantity:
                found.append(
                    finding(
                        "quantities_agree",
                        f"Invoice {invoice.number} bills {plain(quantity)} of {description}; "
                        f"packing list {packing.number} packs "
                        f"{plain(packed.get(key, Decimal(0)))}.",
                        reason("why.conflict"),
                        reason("fix.quantities"),
                        ("invoice", invoice.id, f"lines.{index}.quantity"),
                        ("packing_list", packing.id, "packages"),
                    )
                )
    return found


def descriptions_do_not_conflict(p: Presentation) -> list[Discrepancy]:
    """The goods on the packing list are described as on its invoice (ISBP 821 A23, C3: other
    documents may describe the goods in general terms, but not in conflicting ones)."""
    found = []
    for packing in p.packing_lists:
        invoice = next((i for i in p.invoices if i.id == packing.invoice_id), None)
        if invoice is None:
            continue
        described = {line.sku: (i, line) for i, line in enumerate(invoice.lines) if line.sku}
        for index, package in enumerate(packing.packages):
            match = described.get(package.sku)
            if match is None:
                continue
            line_index, line = match
            ours, theirs = norm(line.description_en), norm(package.description)
            if ours not in theirs and theirs not in ours:
                found.append(
                    finding(
                        "descriptions_do_not_conflict",
                        f"Packing list {packing.number} describes {package.sku} as "
                        f"'{package.description}'; invoice {invoice.number} as "
                        f"'{line.description_en}'.",
                        reason("why.conflict_descriptions"),
                        reason("fix.describe_as_invoice"),
                        ("packing_list", packing.id, f"packages.{index}.description"),
                        ("invoice", invoice.id, f"lines.{line_index}.description_en"),
                    )
                )
    return found


def _packed(p: Presentation) -> tuple[Decimal, Decimal, int]:
    net = sum((pl.net_kg() for pl in p.packing_lists), Decimal(0))
    gross = sum((pl.gross_kg() for pl in p.packing_lists), Decimal(0))
    return net, gross, sum(pl.package_count() for pl in p.packing_lists)


def weights_agree(p: Presentation) -> list[Discrepancy]:
    """Net and gross weights stated on received documents (the supplier's invoice, the B/L)
    equal the packing list's totals, to 0.01 kg."""
    if not p.packing_lists:
        return []
    net, gross, _ = _packed(p)
    packing = p.packing_lists[0]
    found = []
    for doc in p.received:
        for name, label, stated, expected in (
            ("net_kg", "net", doc.net_kg, net),
            ("gross_kg", "gross", doc.gross_kg, gross),
        ):
            if stated is None:
                continue
            if stated.quantize(KG, ROUND_HALF_UP) != expected.quantize(KG, ROUND_HALF_UP):
                found.append(
                    finding(
                        "weights_agree",
                        f"The {doc.kind.label.lower()} {doc.number} states a {label} weight of "
                        f"{plain(stated)} kg; the packing list {packing.number} totals "
                        f"{plain(expected)} kg.",
                        reason("why.conflict"),
                        reason(
                            "fix.confirm_weight",
                            weight=reason(f"weight.{label}"),
                            document=reason(f"received.{doc.kind.value}"),
                        ),
                        received_ref(doc, name),
                        ("packing_list", packing.id, name),
                    )
                )
    return found


def packages_agree(p: Presentation) -> list[Discrepancy]:
    """The number of packages on received documents equals the packing list's."""
    if not p.packing_lists:
        return []
    _, _, count = _packed(p)
    packing = p.packing_lists[0]
    return [
        finding(
            "packages_agree",
            f"The {doc.kind.label.lower()} {doc.number} states {doc.packages} packages; the "
            f"packing list {packing.number} has {count}.",
            reason("why.conflict"),
            reason("fix.confirm_packages"),
            received_ref(doc, "packages"),
            ("packing_list", packing.id, "packages"),
        )
        for doc in p.received
        if doc.packages is not None and doc.packages != count
    ]


def marks_agree(p: Presentation) -> list[Discrepancy]:
    """The shipping marks on the invoice and on its packing list are the same."""
    found = []
    for packing in p.packing_lists:
        invoice = next((i for i in p.invoices if i.id == packing.invoice_id), None)
        if invoice is not None and norm(invoice.marks) != norm(packing.marks):
            found.append(
                finding(
                    "marks_agree",
                    f"The marks on invoice {invoice.number} differ from those on packing list "
                    f"{packing.number}.",
                    reason("why.conflict_marks"),
                    reason("fix.same_marks"),
                    ("invoice", invoice.id, "marks"),
                    ("packing_list", packing.id, "marks"),
                )
            )
    return found


def containers_agree(p: Presentation) -> list[Discrepancy]:
    """Container and seal numbers on a received transport document are the shipment's."""
    ours = {c.number: c.seal for s in p.shipments for c in s.containers}
    if not ours:
        return []
    shipment = p.shipments[0]
    found = []
    for doc in p.transport_documents():
        if not doc.containers:
            continue
        theirs = {c.number: c.seal for c in doc.containers}
        if set(theirs) != set(ours):
            found.append(
                finding(
                    "containers_agree",
                    f"The {doc.kind.label.lower()} {doc.number} lists containers "
                    f"{', '.join(sorted(theirs))}; the shipment has {', '.join(sorted(ours))}.",
                    reason("why.conflict"),
                    reason("fix.correct_containers"),
                    received_ref(doc, "containers"),
                    ("shipment", shipment.id, "containers"),
                )
            )
            continue
        for number, seal in theirs.items():
            if seal and ours[number] and seal != ours[number]:
                found.append(
                    finding(
                        "containers_agree",
                        f"Container {number} carries seal {seal} on the "
                        f"{doc.kind.label.lower()} but {ours[number]} on the shipment.",
                        reason("why.conflict"),
                        reason("fix.seal_number"),
                        received_ref(doc, "containers"),
                        ("shipment", shipment.id, "containers"),
                    )
                )
    return found


def transport_details_agree(p: Presentation) -> list[Discrepancy]:
    """The received transport document and our shipment tell one story: number, vessel,
    voyage, ports and on-board date."""
    found = []
    for doc in p.transport_documents():
        shipment = next(
            (s for s in p.shipments if s.transport_document_no == doc.number),
            p.shipments[0] if len(p.shipments) == 1 else None,
        )
        if shipment is None:
            continue
        for name, theirs, ours in (
            ("number", doc.number, shipment.transport_document_no),
            ("vessel", norm(doc.vessel), norm(shipment.vessel)),
            ("voyage", doc.voyage, shipment.voyage),
            ("port_of_loading", doc.port_of_loading, shipment.port_of_loading),
            ("port_of_discharge", doc.port_of_discharge, shipment.port_of_discharge),
            ("on_board_date", doc.on_board_date, shipment.on_board_date),
        ):
            if theirs and ours and theirs != ours:
                target = "transport_document_no" if name == "number" else name
                found.append(
                    finding(
                        "transport_details_agree",
                        f"The {doc.kind.label.lower()} states {name.replace('_', ' ')} "
                        f"{theirs}; shipment {shipment.reference} has {ours}.",
                        reason("why.conflict"),
                        reason("fix.carrier_data"),
                        received_ref(doc, name),
                        ("shipment", shipment.id, target),
                    )
                )
    return found


def supplier_invoice_matches_purchase(p: Presentation) -> list[Discrepancy]:
    """The supplier's invoice is in the purchase contract's currency and not above it."""
    if p.purchase is None:
        return []
    found = []
    total = p.purchase.total()
    for doc in p.received_of(ReceivedKind.SUPPLIER_INVOICE):
        if doc.currency and doc.currency != total.currency:
            found.append(
                finding(
                    "supplier_invoice_matches_purchase",
                    f"The supplier's invoice {doc.number} is in {doc.currency}; the purchase "
                    f"contract is in {total.currency}.",
                    reason("why.purchase_invoice"),
                    reason("fix.supplier_currency"),
                    received_ref(doc, "currency"),
                    ("purchase_contract", p.purchase.id, "terms.currency"),
                )
            )
        elif doc.amount is not None and doc.amount > total.amount:
            found.append(
                finding(
                    "supplier_invoice_matches_purchase",
                    f"The supplier's invoice {doc.number} is for {doc.amount}; the purchase "
                    f"contract totals {total}.",
                    reason("why.purchase_invoice"),
                    reason("fix.supplier_correct_invoice"),
                    received_ref(doc, "amount"),
                    ("purchase_contract", p.purchase.id, "lines"),
                )
            )
    return found


RULES = (
    quantities_agree,
    descriptions_do_not_conflict,
    weights_agree,
    packages_agree,
    marks_agree,
    containers_agree,
    transport_details_agree,
    supplier_invoice_matches_purchase,
)

__all__ = [
    "RULES",
    "containers_agree",
    "descriptions_do_not_conflict",
    "marks_agree",
    "packages_agree",
    "quantities_agree",
    "supplier_invoice_matches_purchase",
    "transport_details_agree",
    "weights_agree",
]
