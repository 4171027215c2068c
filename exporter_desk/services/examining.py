"""Examining a deal: load its presentation from the store, run the examiner, summarise it.

Public API (stable; the GUI helper calls these on a worker thread):

- ``load_presentation(store, deal_id, *, presentation_date=None) -> Presentation``: both
  contracts, our invoices (those of the sales contract), their packing lists, the shipment(s),
  the received documents, the deal's latest credit, the parties, the other deals that use one
  of its transport document numbers (by index) and the margin rates of the company's other
  deals.
- ``examine_deal(store, deal_id, *, presentation_date=None) -> list[Discrepancy]``.
- ``deal_summary(store, deal_id) -> DealSummary``: per currency, purchase, sales, margin and
  margin rate (two currencies are never converted: each gets its own row, margin None); the
  flow of goods (``GoodsFlow``) beside the flow of funds (``FundsLeg`` per leg); ``flags``
  lists what breaks the one-currency-one-account rule.
- ``discrepancies_to_json(found) -> str``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from exporter_desk.domain.codes import country_name
from exporter_desk.domain.contract import Contract
from exporter_desk.domain.deal import DealId
from exporter_desk.domain.invoice import Invoice, InvoiceId, InvoiceKind
from exporter_desk.domain.money import Money
from exporter_desk.domain.packing import PackingList
from exporter_desk.domain.party import Party, PartyId
from exporter_desk.domain.shipment import Shipment, ShipmentId
from exporter_desk.examine import Discrepancy, Presentation, TransportReuse, examine, margin_rate
from exporter_desk.store import Store


def load_presentation(
    store: Store, deal_id: DealId, *, presentation_date: dt.date | None = None
) -> Presentation:
    """Everything the examiner needs about one deal.

    Raises:
        NotFoundError: when the deal (or a contract it names) does not exist.
    """
    deal = store.deals.get(deal_id)
    purchase = store.contracts.get(deal.purchase_contract_id) if deal.purchase_contract_id else None
    sales = store.contracts.get(deal.sales_contract_id) if deal.sales_contract_id else None
    invoices = tuple(
        store.invoices.get(InvoiceId(i)) for i in store.deal_files.invoice_ids(deal_id)
    )
    packing_lists: list[PackingList] = []
    for invoice in invoices:
        if invoice.id is not None:
            packing_lists.extend(store.packing_lists.for_invoice(invoice.id))
    shipments = tuple(
        store.shipments.get(ShipmentId(i)) for i in store.deal_files.shipment_ids(deal_id)
    )
    received = tuple(store.received.for_deal(deal_id))
    credits = store.credits.for_deal(deal_id)
    party_ids = {
        pid for c in (purchase, sales) if c is not None for pid in (c.seller_id, c.buyer_id)
    } | {pid for i in invoices for pid in (i.seller_id, i.buyer_id)}
    parties = tuple(store.parties.get(pid) for pid in sorted(party_ids))
    numbers = {s.transport_document_no for s in shipments if s.transport_document_no}
    numbers |= {d.number for d in received if d.kind.is_transport and d.number}
    reuse = tuple(
        TransportReuse(number, use.deal_id, use.deal_reference)
        for number in sorted(numbers)
        for use in store.received.deals_using_transport_document(number, excluding=deal_id)
    )
    rates = []
    for margin in store.deal_files.margins(excluding=deal_id):
        if margin.purchase_currency == margin.sales_currency:
            rate = margin_rate(Decimal(margin.purchase_minor), Decimal(margin.sales_minor))
            if rate is not None:
                rates.append(rate)
    return Presentation(
        deal=deal,
        purchase=purchase,
        sales=sales,
        invoices=invoices,
        packing_lists=tuple(packing_lists),
        shipments=shipments,
        received=received,
        credit=credits[-1] if credits else None,
        parties=parties,
        presentation_date=presentation_date or dt.date.today(),
        transport_reuse=reuse,
        other_margin_rates=tuple(rates),
    )


def examine_deal(
    store: Store, deal_id: DealId, *, presentation_date: dt.date | None = None
) -> list[Discrepancy]:
    """Raises: NotFoundError when the deal does not exist."""
    return examine(load_presentation(store, deal_id, presentation_date=presentation_date))


def discrepancies_to_json(found: Sequence[Discrepancy]) -> str:
    return json.dumps([d.to_dict() for d in found], ensure_ascii=False, indent=2)


# -- the deal summary ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CurrencyFigures:
    """One currency's figures; ``margin`` only when both legs are in this currency."""

    currency: str
    purchase: Money | None
    sales: Money | None
    margin: Money | None
    margin_rate: Decimal | None  # percent of the sale


@dataclass(frozen=True, slots=True)
class GoodsFlow:
    origin: str  # the country of origin, by name
    port_of_loading: str
    port_of_discharge: str
    destination: str


@dataclass(frozen=True, slots=True)
class FundsLeg:
    """Who pays whom, in which currency, from and into which bank account (``bank`` and
    ``account`` are the payee's, ``payer_bank`` and ``payer_account`` the payer's)."""

    leg: str  # "sales" (the buyer pays us) or "purchase" (we pay the supplier)
    payer: str
    payee: str
    currency: str
    method: str
    bank: str
    account: str
    payer_bank: str = ""
    payer_account: str = ""


@dataclass(frozen=True, slots=True)
class DealSummary:
    deal_id: DealId
    reference: str
    figures: tuple[CurrencyFigures, ...]
    goods: GoodsFlow
    funds: tuple[FundsLeg, ...]
    flags: tuple[str, ...]


def deal_summary(store: Store, deal_id: DealId) -> DealSummary:
    """Raises: NotFoundError when the deal does not exist."""
    p = load_presentation(store, deal_id)
    parties = {party.id: party for party in p.parties}
    figures = _figures(p.purchase, p.sales)
    flags: list[str] = []
    if len(figures) > 1:
        flags.append(
            "The legs are in two currencies: banks want a merchanting deal to settle in one "
            "currency through one account; the margin is not converted."
        )
    funds = []
    for leg, contract in (("sales", p.sales), ("purchase", p.purchase)):
        if contract is None:
            continue
        payer, payee = parties.get(contract.buyer_id), parties.get(contract.seller_id)
        bank = payee.bank if payee is not None else None
        paying = payer.bank if payer is not None else None
        funds.append(
            FundsLeg(
                leg=leg,
                payer=_name(payer),
                payee=_name(payee),
                currency=contract.currency,
                method=contract.payment.describe(),
                bank=bank.bank_name if bank else "",
                account=bank.account_number if bank else "",
                payer_bank=paying.bank_name if paying else "",
                payer_account=paying.account_number if paying else "",
            )
        )
    ours = {f.account for f in funds if f.leg == "sales"} | {
        f.payer_account for f in funds if f.leg == "purchase"
    }
    if "" in ours and funds:
        flags.append(
            "The company has no bank account on file: the bank needs the one account that "
            "receives the sale and pays the purchase."
        )
    return DealSummary(
        deal_id=deal_id,
        reference=p.deal.reference,
        figures=figures,
        goods=_goods(p.invoices, p.shipments, p.purchase, p.sales, parties),
        funds=tuple(funds),
        flags=tuple(flags),
    )


def _name(party: Party | None) -> str:
    return party.name_en if party is not None else ""


def _figures(purchase: Contract | None, sales: Contract | None) -> tuple[CurrencyFigures, ...]:
    bought = purchase.total() if purchase else None
    sold = sales.total() if sales else None
    if bought is not None and sold is not None and bought.currency == sold.currency:
        return (
            CurrencyFigures(
                bought.currency,
                bought,
                sold,
                sold - bought,
                margin_rate(bought.amount, sold.amount),
            ),
        )
    rows = []
    if bought is not None:
        rows.append(CurrencyFigures(bought.currency, bought, None, None, None))
    if sold is not None:
        rows.append(CurrencyFigures(sold.currency, None, sold, None, None))
    return tuple(rows)


def _goods(
    invoices: tuple[Invoice, ...],
    shipments: tuple[Shipment, ...],
    purchase: Contract | None,
    sales: Contract | None,
    parties: dict[PartyId | None, Party],
) -> GoodsFlow:
    origin = next(
        (
            i.origin_country
            for i in invoices
            if i.kind is InvoiceKind.COMMERCIAL and i.origin_country
        ),
        "",
    )
    if not origin and purchase is not None and purchase.seller_id in parties:
        origin = parties[purchase.seller_id].country
    shipment = shipments[0] if shipments else None
    terms = sales.terms if sales else (purchase.terms if purchase else None)
    return GoodsFlow(
        origin=country_name(origin) if origin else "",
        port_of_loading=shipment.port_of_loading
        if shipment
        else (terms.port_of_loading if terms else ""),
        port_of_discharge=(
            shipment.port_of_discharge if shipment else (terms.port_of_discharge if terms else "")
        ),
        destination=(
            (shipment.place_of_delivery if shipment and shipment.place_of_delivery else "")
            or (sales.terms.incoterm_place if sales else "")
        ),
    )


__all__ = [
    "CurrencyFigures",
    "DealSummary",
    "FundsLeg",
    "GoodsFlow",
    "deal_summary",
    "discrepancies_to_json",
    "examine_deal",
    "load_presentation",
]
