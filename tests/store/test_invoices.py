"""Invoices: exact round trips, child rows replaced atomically, windows, search, bad data kept out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from exporter_desk.domain import (
    Charge,
    ChargeKind,
    Invoice,
    InvoiceId,
    InvoiceKind,
    LineItem,
    PartyId,
    Unit,
    ValidationError,
)
from exporter_desk.store import (
    DuplicateError,
    InUseError,
    MissingReferenceError,
    NotFoundError,
    Store,
    TooLargeError,
)
from tests.store.conftest import World, dump, packing_list_for

MakeInvoice = Callable[..., Invoice]


def test_an_invoice_round_trips_exactly(store: Store, world: World) -> None:
    loaded = store.invoices.get(world.invoice.id)  # type: ignore[arg-type]
    assert loaded == world.invoice
    assert loaded.id == world.invoice.id
    assert loaded.total() == world.invoice.total()
    assert loaded.lines[1].unit_price == Decimal("2.3750")
    assert str(loaded.lines[1].unit_price) == "2.3750"  # trailing zeros survive: stored as text


def test_money_is_stored_as_integer_minor_units_and_quantities_as_exact_text(
    store: Store, world: World
) -> None:
    row = store._session.one(
        "SELECT typeof(total_minor), total_minor, subtotal_minor FROM invoices WHERE id = ?",
        (world.invoice.id,),
    )
    assert row is not None
    assert row[0] == "integer"
    assert row[1] == world.invoice.total().minor
    assert row[2] == world.invoice.subtotal().minor
    line = store._session.one(
        "SELECT typeof(quantity), quantity, unit_price, amount_minor FROM invoice_lines "
        "WHERE invoice_id = ? AND position = 1",
        (world.invoice.id,),
    )
    assert line is not None
    assert tuple(line) == ("text", "3000", "2.3750", 712500)
    charge = store._session.one(
        "SELECT kind, amount_minor FROM invoice_charges WHERE invoice_id = ? AND position = 2",
        (world.invoice.id,),
    )
    assert charge is not None
    assert tuple(charge) == ("discount", 25000)


def test_no_column_anywhere_holds_a_real(store: Store, world: World) -> None:
    tables = [
        r[0]
        for r in store._session.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%STRICT%'"
        )
    ]
    assert "invoices" in tables
    for table in tables:
        for column in store._session.rows(f"PRAGMA table_info({table})"):
            assert column["type"] in {"INTEGER", "TEXT", "BLOB"}, (table, column["name"])


def test_three_decimal_and_zero_decimal_currencies_keep_their_minor_units(
    store: Store, make_invoice: MakeInvoice
) -> None:
    for number, currency, freight in (("KWD-1", "KWD", "12.345"), ("JPY-1", "JPY", "15000")):
        invoice = make_invoice(
            number,
            terms=replace(make_invoice("x").terms, currency=currency),
            charges=(Charge(ChargeKind.FREIGHT, Decimal(freight)),),
        )
        saved = store.invoices.save(invoice)
        loaded = store.invoices.get(saved.id)  # type: ignore[arg-type]
        assert loaded == saved
        assert loaded.charges[0].amount == Decimal(freight)
        assert loaded.total() == saved.total()


def test_saving_again_updates_in_place_and_replaces_lines_and_charges(
    store: Store, world: World
) -> None:
    one_line = replace(
        world.invoice,
        lines=(LineItem("Sample LED driver", "8504.40", Decimal("5"), Unit.PCS, Decimal("3.10")),),
        charges=(),
        notes="Revised: one line only",
    )
    saved = store.invoices.save(one_line)
    assert saved.id == world.invoice.id
    assert store.invoices.count() == 1
    assert store.invoices.get(saved.id) == one_line  # type: ignore[arg-type]
    counts = store._session.one(
        "SELECT (SELECT count(*) FROM invoice_lines), (SELECT count(*) FROM invoice_charges)"
    )
    assert counts is not None
    assert tuple(counts) == (1, 0)


def test_updating_an_invoice_that_was_deleted_reports_not_found(
    store: Store, make_invoice: MakeInvoice
) -> None:
    saved = store.invoices.save(make_invoice("BS-CI-2025-0099"))
    assert saved.id is not None
    store.invoices.delete(saved.id)
    with pytest.raises(NotFoundError) as caught:
        store.invoices.save(saved)
    assert "no longer exists" in caught.value.user_message
    with pytest.raises(NotFoundError):
        store.invoices.get(saved.id)


def test_pages_are_windows_in_the_requested_order_without_overlap(
    store: Store, make_invoice: MakeInvoice
) -> None:
    start = dt.date(2025, 1, 1)
    store.invoices.bulk_insert(
        make_invoice(f"P-{n:03d}", date=start + dt.timedelta(days=n % 17)) for n in range(120)
    )
    assert store.invoices.count() == 121
    seen: list[InvoiceId] = []
    for offset in range(0, 121, 50):
        seen.extend(store.invoices.list_ids(offset, 50, order_by="date", descending=True))
    assert len(seen) == len(set(seen)) == 121
    dates = [invoice.date for invoice in store.invoices.list(0, 121, "date", descending=True)]
    assert dates == sorted(dates, reverse=True)
    numbers = [invoice.number for invoice in store.invoices.list(0, 10, "number")]
    assert numbers == sorted(numbers)
    totals = [i.total().minor for i in store.invoices.list(0, 50, "total")]
    assert totals == sorted(totals)
    assert store.invoices.list(200, 50) == []


def test_ordering_by_a_column_not_on_the_whitelist_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="cannot order invoices"):
        store.invoices.list(order_by="id; DROP TABLE invoices")
    with pytest.raises(ValueError):
        store.invoices.list(limit=100_000)
    with pytest.raises(ValueError):
        store.invoices.list(offset=-1)


def test_invoices_are_found_by_number_buyer_name_and_buyer_reference(
    store: Store, world: World
) -> None:
    for query in ("CI-2025-0042", "Müller", "müller handels", "4500123456", "PO", "42"):
        assert [i.id for i in store.invoices.search(query)] == [world.invoice.id], query
    assert store.invoices.search("Saigon") == []  # the supplier is not on this invoice


def test_a_renamed_buyer_is_found_under_the_new_name(store: Store, world: World) -> None:
    store.parties.save(replace(world.buyer, name_en="Elbe Trading GmbH", name_zh="易北贸易"))
    assert [i.id for i in store.invoices.search("Elbe Trading")] == [world.invoice.id]
    assert [i.id for i in store.invoices.search("易北")] == [world.invoice.id]
    assert store.invoices.search("Müller") == []
    assert [c.id for c in store.contracts.search("Elbe")] == [world.contract.id]


def test_an_invalid_invoice_is_refused_and_the_database_is_unchanged(
    store: Store, world: World
) -> None:
    before = dump(store)
    bad = replace(
        world.invoice,
        number="",
        lines=(LineItem("", "99.99", Decimal("-1"), Unit.PCS, Decimal("1")),),
    )
    with pytest.raises(ValidationError) as caught:
        store.invoices.save(bad)
    assert {"number", "lines.0.description_en", "lines.0.quantity"} <= {
        p.field for p in caught.value.problems
    }
    assert "problems to fix" in caught.value.user_message
    assert dump(store) == before


@pytest.mark.parametrize("field", ["notes", "buyer_reference", "marks"])
def test_a_ten_megabyte_field_is_refused_clearly_and_the_database_is_unchanged(
    store: Store, world: World, field: str
) -> None:
    before = dump(store)
    huge: dict[str, Any] = {field: "x" * 10_000_000}
    with pytest.raises(ValidationError) as caught:
        store.invoices.save(replace(world.invoice, **huge))
    assert "10,000,000 characters" in caught.value.user_message
    assert dump(store) == before


def test_a_ten_megabyte_value_the_domain_does_not_measure_is_refused_by_the_store(
    store: Store, world: World
) -> None:
    before = dump(store)
    huge_sku = replace(world.invoice.lines[0], sku="S" * 10_000_000)
    with pytest.raises(TooLargeError) as caught:
        store.invoices.save(replace(world.invoice, lines=(huge_sku,)))
    assert caught.value.field == "sku"
    assert "10,000,000 characters" in caught.value.user_message
    assert "at most 4,000 fit" in caught.value.user_message
    assert dump(store) == before


def test_a_second_invoice_with_the_same_kind_and_number_is_refused(
    store: Store, world: World, make_invoice: MakeInvoice
) -> None:
    with pytest.raises(DuplicateError) as caught:
        store.invoices.save(make_invoice(world.invoice.number))
    assert "already has the number 'BS-CI-2025-0042'" in caught.value.user_message
    proforma = store.invoices.save(make_invoice(world.invoice.number, kind=InvoiceKind.PROFORMA))
    assert proforma.id != world.invoice.id


def test_an_invoice_naming_a_missing_party_is_refused(
    store: Store, make_invoice: MakeInvoice
) -> None:
    before = dump(store)
    with pytest.raises(MissingReferenceError) as caught:
        store.invoices.save(make_invoice("BS-CI-X", notify_id=PartyId(999)))
    assert "party (#999) that does not exist" in caught.value.user_message
    assert "notify id" in caught.value.user_message
    assert dump(store) == before


def test_bulk_insert_is_all_or_nothing(store: Store, make_invoice: MakeInvoice) -> None:
    before = dump(store)
    batch = [make_invoice(f"B-{n}") for n in range(50)]
    batch.append(make_invoice("B-7"))  # a duplicate at the very end
    with pytest.raises(DuplicateError):
        store.invoices.bulk_insert(batch)
    assert dump(store) == before
    assert store.invoices.bulk_insert(batch[:50]) == 50
    assert store.invoices.count() == 51
    [found] = store.invoices.search("B-49")
    assert found == replace(batch[49], id=found.id)


def test_bulk_insert_validates_every_invoice(store: Store, make_invoice: MakeInvoice) -> None:
    before = dump(store)
    with pytest.raises(ValidationError):
        store.invoices.bulk_insert([make_invoice("OK-1"), make_invoice("BAD", lines=())])
    assert dump(store) == before


def test_an_invoice_with_a_packing_list_cannot_be_deleted(store: Store, world: World) -> None:
    store.packing_lists.save(packing_list_for(world))
    with pytest.raises(InUseError) as caught:
        store.invoices.delete(world.invoice.id)  # type: ignore[arg-type]
    assert "used by 1 packing lists" in caught.value.user_message
    assert store.invoices.count() == 1


def test_deleting_an_invoice_removes_its_lines_charges_and_search_entry(
    store: Store, world: World
) -> None:
    store.invoices.delete(world.invoice.id)  # type: ignore[arg-type]
    counts = store._session.one(
        "SELECT (SELECT count(*) FROM invoice_lines), (SELECT count(*) FROM invoice_charges), "
        "(SELECT count(*) FROM invoices_fts)"
    )
    assert counts is not None
    assert tuple(counts) == (0, 0, 0)
    assert store.invoices.search("Müller") == []
