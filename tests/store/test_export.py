"""The JSON export: everything, exact, and serialisable."""

from __future__ import annotations

import datetime as dt
import json

from exporter_desk.store import LATEST_VERSION, Store, export_json
from tests.store.conftest import World, document_for, packing_list_for


def test_the_export_holds_every_aggregate_with_exact_decimals(store: Store, world: World) -> None:
    store.packing_lists.save(packing_list_for(world))
    store.documents.save(document_for(world))
    store.outbox.enqueue(b"entry bytes", dt.datetime(2025, 3, 15, tzinfo=dt.UTC))
    store.settings.set("company.party_id", str(world.exporter.id))

    data = export_json(store)
    text = json.dumps(data, ensure_ascii=False)  # JSON-ready: no Decimals, dates or bytes left
    assert "上海明星进出口有限公司" in text

    assert data["format"] == "exporter-desk-export/v1"
    assert data["schema_version"] == LATEST_VERSION
    assert data["settings"] == {"company.party_id": "1"}
    assert [len(data[k]) for k in ("parties", "products", "contracts", "shipments")] == [3, 2, 1, 1]
    [invoice] = data["invoices"]
    assert invoice["number"] == "BS-CI-2025-0042"
    assert invoice["date"] == "2025-03-15"
    assert invoice["lines"][1]["unit_price"] == "2.3750"
    assert invoice["charges"][2] == {
        "kind": "discount",
        "amount": "250.00",
        "description": "Early order discount",
    }
    assert invoice["currency"] == "USD"
    assert invoice["total"] == str(world.invoice.total().amount)
    assert invoice["subtotal"] == "22545.00"
    assert data["contracts"][0]["total"] == "22545.00"
    [exporter] = [p for p in data["parties"] if p["country"] == "CN"]
    assert exporter["roles"] == ["exporter"]
    assert exporter["bank"]["swift"] == "BKCHCNBJ300"
    assert data["packing_lists"][0]["packages"][0]["first"] == 1
    assert data["documents"][0]["created_at"] == "2025-03-15T01:30:00+00:00"
    assert data["outbox"][0]["entry"] == "ZW50cnkgYnl0ZXM="  # base64
    assert data["deals"] == []


def test_the_export_of_an_empty_store_is_empty_lists(store: Store) -> None:
    data = export_json(store)
    assert data["invoices"] == [] and data["parties"] == [] and data["settings"] == {}
