"""Rules on the deal as a merchanting trade: what a bank checks when no customs declaration
can prove the goods moved (the sale matches the purchase, the margin is plausible, the
transport document belongs to this deal alone).

Each rule is ``rule(presentation) -> list[Discrepancy]``; none needs a credit.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from statistics import median

from exporter_desk.examine._common import finding, norm, plain
from exporter_desk.examine.discrepancy import Discrepancy, Severity
from exporter_desk.examine.presentation import Presentation, margin_rate
from exporter_desk.examine.reasons import reason

MIN_PEERS = 5  # other deals needed before a margin can be called an outlier
OUTLIER_POINTS = Decimal(15)  # percentage points from the median margin rate


def legs_in_one_currency(p: Presentation) -> list[Discrepancy]:
    """Both legs settle in one currency (through one account): banks require it for
    merchanting, and a margin across two currencies is never converted silently."""
    if p.purchase is None or p.sales is None or p.purchase.currency == p.sales.currency:
        return []
    return [
        finding(
            "legs_in_one_currency",
            f"The purchase is in {p.purchase.currency}, the sale in {p.sales.currency}.",
            reason("why.merchanting_currency"),
            reason("fix.one_currency"),
            ("purchase_contract", p.purchase.id, "terms.currency"),
            ("sales_contract", p.sales.id, "terms.currency"),
        )
    ]


def sale_within_purchase(p: Presentation) -> list[Discrepancy]:
    """No article is sold in a larger quantity than it was bought."""
    if p.purchase is None or p.sales is None:
        return []
    bought: dict[str, Decimal] = defaultdict(Decimal)
    for line in p.purchase.lines:
        bought[line.sku or norm(line.description_en)] += line.quantity
    sold: dict[str, tuple[int, Decimal, str]] = {}
    for index, line in enumerate(p.sales.lines):
        key = line.sku or norm(line.description_en)
        first, quantity, name = sold.get(key, (index, Decimal(0), line.description_en))
        sold[key] = (first, quantity + line.quantity, name)
    return [
        finding(
            "sale_within_purchase",
            f"Sold {plain(quantity)} of {name} but bought {plain(bought.get(key, Decimal(0)))}.",
            reason("why.merchanting_quantity"),
            reason("fix.sales_quantity"),
            ("sales_contract", p.sales.id, f"lines.{index}.quantity"),
            ("purchase_contract", p.purchase.id, "lines"),
        )
        for key, (index, quantity, name) in sold.items()
        if quantity > bought.get(key, Decimal(0))
    ]


def margin_not_negative(p: Presentation) -> list[Discrepancy]:
    """The sale brings in at least what the purchase costs."""
    if p.purchase is None or p.sales is None or p.purchase.currency != p.sales.currency:
        return []
    bought, sold = p.purchase.total(), p.sales.total()
    if sold.amount >= bought.amount:
        return []
    return [
        finding(
            "margin_not_negative",
            f"The sale ({sold}) is below the purchase ({bought}): a loss of {bought - sold}.",
            reason("why.merchanting_loss"),
            reason("fix.check_unit_prices"),
            ("sales_contract", p.sales.id, "lines"),
            ("purchase_contract", p.purchase.id, "lines"),
        )
    ]


def margin_not_outlier(p: Presentation) -> list[Discrepancy]:
    """The margin rate is within OUTLIER_POINTS of the median of the company's other deals
    (asked only when there are MIN_PEERS of them)."""
    if p.purchase is None or p.sales is None or p.purchase.currency != p.sales.currency:
        return []
    if len(p.other_margin_rates) < MIN_PEERS:
        return []
    rate = margin_rate(p.purchase.total().amount, p.sales.total().amount)
    if rate is None:
        return []
    middle = Decimal(median(p.other_margin_rates))
    if abs(rate - middle) <= OUTLIER_POINTS:
        return []
    return [
        finding(
            "margin_not_outlier",
            f"The margin is {rate}% of the sale; the company's other deals have a median of "
            f"{middle.quantize(Decimal('0.01'))}%.",
            reason("why.merchanting_margin"),
            reason("fix.check_prices"),
            ("sales_contract", p.sales.id, "lines"),
            ("purchase_contract", p.purchase.id, "lines"),
            severity=Severity.WARNING,
        )
    ]


def transport_document_not_reused(p: Presentation) -> list[Discrepancy]:
    """The transport document number belongs to no other deal (a B/L financed twice)."""
    return [
        finding(
            "transport_document_not_reused",
            f"Transport document {use.number} is also used by deal {use.deal_reference}.",
            reason("why.merchanting_reuse"),
            reason("fix.check_transport_number"),
            *(
                ("shipment", s.id, "transport_document_no")
                for s in p.shipments
                if s.transport_document_no == use.number
            ),
            *(
                ("received", d.id, "number")
                for d in p.transport_documents()
                if d.number == use.number
            ),
            ("deal", use.deal_id, "reference"),
        )
        for use in p.transport_reuse
    ]


RULES = (
    legs_in_one_currency,
    sale_within_purchase,
    margin_not_negative,
    margin_not_outlier,
    transport_document_not_reused,
)

__all__ = [
    "MIN_PEERS",
    "OUTLIER_POINTS",
    "RULES",
    "legs_in_one_currency",
    "margin_not_negative",
    "margin_not_outlier",
    "sale_within_purchase",
    "transport_document_not_reused",
]
