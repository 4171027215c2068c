"""A presentation: one deal's documents (ours and received ones), optionally its credit, and
the facts from elsewhere in the database the rules need, handed in as plain data.

Public API: ``Presentation`` (frozen), ``TransportReuse`` (another deal that uses one of this
deal's transport document numbers), ``margin_rate(purchase, sales)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from exporter_desk.domain.contract import Contract
from exporter_desk.domain.credit import LetterOfCredit
from exporter_desk.domain.deal import Deal, DealId
from exporter_desk.domain.invoice import Invoice
from exporter_desk.domain.packing import PackingList
from exporter_desk.domain.party import Party, PartyId
from exporter_desk.domain.received import ReceivedDocument, ReceivedKind
from exporter_desk.domain.shipment import Shipment


@dataclass(frozen=True, slots=True)
class TransportReuse:
    number: str
    deal_id: DealId
    deal_reference: str


@dataclass(frozen=True, slots=True)
class Presentation:
    """Everything the rules look at. ``presentation_date`` is the day the documents go to the
    bank (today, unless the user plans another day). ``other_margin_rates`` are the margin rates
    (percent of sales) of the company's other deals, for the outlier rule."""

    deal: Deal
    purchase: Contract | None = None
    sales: Contract | None = None
    invoices: tuple[Invoice, ...] = ()
    packing_lists: tuple[PackingList, ...] = ()
    shipments: tuple[Shipment, ...] = ()
    received: tuple[ReceivedDocument, ...] = ()
    credit: LetterOfCredit | None = None
    parties: tuple[Party, ...] = ()
    presentation_date: dt.date | None = None
    transport_reuse: tuple[TransportReuse, ...] = ()
    other_margin_rates: tuple[Decimal, ...] = ()

    def party(self, id_: PartyId | None) -> Party | None:
        for party in self.parties:
            if party.id == id_ and id_ is not None:
                return party
        return None

    def received_of(self, *kinds: ReceivedKind) -> tuple[ReceivedDocument, ...]:
        return tuple(doc for doc in self.received if doc.kind in kinds)

    def transport_documents(self) -> tuple[ReceivedDocument, ...]:
        return tuple(doc for doc in self.received if doc.kind.is_transport)


def margin_rate(purchase: Decimal, sales: Decimal) -> Decimal | None:
    """(sales - purchase) / sales in percent, to two places; None for a zero sale."""
    if sales == 0:
        return None
    return ((sales - purchase) * 100 / sales).quantize(Decimal("0.01"))


__all__ = ["Presentation", "TransportReuse", "margin_rate"]
