"""The sample deal as a presentation: its documents, its credit (read from the sample MT700)
and the documents received from the supplier, carrier and insurer. It examines clean; each
test changes one thing and expects one named rule to speak."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from exporter_desk.domain.received import ReceivedDocument, ReceivedDocumentId, ReceivedKind
from exporter_desk.domain.samples import (
    SampleBook,
    sample_book,
    sample_credit_mt700,
    sample_received_documents,
)
from exporter_desk.domain.swift import parse_mt700
from exporter_desk.examine import Presentation

TODAY = dt.date(2026, 11, 2)


@pytest.fixture
def book() -> SampleBook:
    return sample_book(TODAY)


@pytest.fixture
def clean(book: SampleBook) -> Presentation:
    credit = parse_mt700(sample_credit_mt700(book)).credit
    received = tuple(
        replace(doc, id=ReceivedDocumentId(index))
        for index, (doc, _) in enumerate(sample_received_documents(book), start=1)
    )
    return Presentation(
        deal=book.deal,
        purchase=book.purchase,
        sales=book.sales,
        invoices=(book.invoice,),
        packing_lists=(book.packing_list,),
        shipments=(book.shipment,),
        received=received,
        credit=credit,
        parties=(book.exporter, book.supplier, book.buyer, book.forwarder),
        presentation_date=TODAY + dt.timedelta(days=12),
    )


def received(p: Presentation, kind: ReceivedKind) -> ReceivedDocument:
    return next(doc for doc in p.received if doc.kind is kind)


def with_received(p: Presentation, doc: ReceivedDocument) -> Presentation:
    """``p`` with the received document of the same id replaced by ``doc``."""
    return replace(p, received=tuple(doc if d.id == doc.id else d for d in p.received))
