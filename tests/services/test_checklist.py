"""The issue checklist names what a document still needs, each item pointing at its field."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from exporter_desk.domain import DocumentKind, InvoiceId, ShipmentId
from exporter_desk.services.checklist import issue_checklist
from exporter_desk.services.issuing import issue_document

from .conftest import Desk

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _issue_time_now() -> None:
    """Read the issue time when each test starts: read once at collection, it can be older than
    the member certificate the fixture enrols minutes later in a long run."""
    global NOW
    NOW = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(minutes=1)


def _where(desk: Desk, kind: DocumentKind) -> list[tuple[str, str, int | None, str]]:
    checklist = issue_checklist(desk.store, kind, 1)
    return [(i.code, i.table, i.record_id, i.field) for i in checklist.items]


def test_the_demo_invoice_is_ready_for_every_kind_made_from_it(desk: Desk) -> None:
    for kind in (
        DocumentKind.COMMERCIAL_INVOICE,
        DocumentKind.CERTIFICATE_OF_ORIGIN,
        DocumentKind.SHIPPING_INSTRUCTION,
    ):
        checklist = issue_checklist(desk.store, kind, 1)
        assert checklist.is_ready, (kind, checklist.items)
        assert checklist.earlier is None and not checklist.unchanged


def test_a_missing_country_of_origin_points_at_the_invoices_field(desk: Desk) -> None:
    invoice = desk.store.invoices.get(InvoiceId(1))
    desk.store.invoices.save(replace(invoice, origin_country=""))
    assert _where(desk, DocumentKind.COMMERCIAL_INVOICE) == [
        ("origin_country", "invoices", 1, "origin_country")
    ]


def test_a_certificate_of_origin_needs_a_shipment_and_the_origin(desk: Desk) -> None:
    invoice = desk.store.invoices.get(InvoiceId(1))
    desk.store.invoices.save(replace(invoice, origin_country="", shipment_id=None))
    found = _where(desk, DocumentKind.CERTIFICATE_OF_ORIGIN)
    assert ("origin_country", "invoices", 1, "origin_country") in found
    assert ("shipment", "invoices", 1, "shipment_id") in found
    items = issue_checklist(desk.store, DocumentKind.CERTIFICATE_OF_ORIGIN, 1).items
    assert all(item.message for item in items)


def test_the_forwarder_is_the_one_chosen_on_the_shipment(desk: Desk) -> None:
    invoice = desk.store.invoices.get(InvoiceId(1))
    desk.store.invoices.save(replace(invoice, notify_id=None))  # no forwarder by the invoice
    assert _where(desk, DocumentKind.SHIPPING_INSTRUCTION) == [
        ("forwarder", "shipments", 1, "forwarder_id")
    ]
    shipment = desk.store.shipments.get(ShipmentId(1))
    forwarder = invoice.notify_id
    desk.store.shipments.save(replace(shipment, forwarder_id=forwarder))
    assert desk.store.shipments.get(ShipmentId(1)).forwarder_id == forwarder
    assert issue_checklist(desk.store, DocumentKind.SHIPPING_INSTRUCTION, 1).is_ready


def test_the_checklist_says_when_the_registered_document_is_unchanged(desk: Desk) -> None:
    args = (desk.store, desk.keystore, desk.data_dir, desk.network)
    first = issue_document(*args, DocumentKind.COMMERCIAL_INVOICE, 1, now=NOW)
    checklist = issue_checklist(desk.store, DocumentKind.COMMERCIAL_INVOICE, 1)
    assert checklist.earlier is not None and checklist.earlier.id == first.id
    assert checklist.unchanged
    invoice = desk.store.invoices.get(InvoiceId(1))
    desk.store.invoices.save(replace(invoice, notes="Corrected."))
    assert not issue_checklist(desk.store, DocumentKind.COMMERCIAL_INVOICE, 1).unchanged
