"""Examining deals through a real store and the command line: the demo deal examines clean; a
copy with five planted discrepancies reports exactly those five."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from exporter_desk.cli import main
from exporter_desk.domain import ContractKind, DealId, TradeTerms
from exporter_desk.domain.received import ReceivedKind
from exporter_desk.services.demo import seed_demo
from exporter_desk.services.examining import deal_summary, examine_deal, load_presentation
from exporter_desk.store import Store, database_path, open_store
from exporter_desk.store.errors import NotFoundError

PLANTED = {
    "weights_agree",  # the supplier's invoice states another net weight than the packing list
    "shipped_by_latest_date",  # on board after the credit's latest shipment date
    "invoice_in_credit_currency",  # our invoice in EUR under a USD credit
    "transport_document_not_reused",  # the B/L number is the demo deal's
    "sale_within_purchase",  # 900 drills sold, 800 bought
}


@pytest.fixture
def seeded(tmp_path: Path) -> Store:
    store = open_store(database_path(tmp_path))
    seed_demo(store)
    return store


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def plant_copy(store: Store) -> DealId:
    """Copy the demo deal, document by document, planting the five discrepancies."""
    p = load_presentation(store, DealId(1))
    assert p.purchase and p.sales and p.credit
    with store.transaction():
        purchase = store.contracts.save(replace(p.purchase, id=None, number="P-COPY"))
        more = replace(p.sales.lines[0], quantity=Decimal(900))
        sales = store.contracts.save(
            replace(p.sales, id=None, number="S-COPY", lines=(more, *p.sales.lines[1:]))
        )
        deal = store.deals.save(
            replace(
                p.deal,
                id=None,
                reference="DEAL-COPY",
                purchase_contract_id=purchase.id,
                sales_contract_id=sales.id,
            )
        )
        assert deal.id is not None and p.credit.latest_shipment_date is not None
        late = p.credit.latest_shipment_date + dt.timedelta(days=5)
        shipment = store.shipments.save(
            replace(p.shipments[0], id=None, reference="SHP-COPY", on_board_date=late)
        )
        invoice = p.invoices[0]
        in_eur = TradeTerms(
            "EUR",
            invoice.terms.incoterm,
            invoice.terms.incoterm_place,
            invoice.terms.port_of_loading,
            invoice.terms.port_of_discharge,
        )
        invoice = store.invoices.save(
            replace(
                invoice,
                id=None,
                number="CI-COPY",
                contract_id=sales.id,
                shipment_id=shipment.id,
                terms=in_eur,
            )
        )
        assert invoice.id is not None
        store.packing_lists.save(
            replace(
                p.packing_lists[0],
                id=None,
                number="PL-COPY",
                invoice_id=invoice.id,
                shipment_id=shipment.id,
            )
        )
        for doc in p.received:
            if doc.kind is ReceivedKind.SUPPLIER_INVOICE:
                assert doc.net_kg is not None
                doc = replace(doc, net_kg=doc.net_kg + Decimal(25))
            if doc.kind is ReceivedKind.BILL_OF_LADING:
                doc = replace(doc, on_board_date=late)
            store.received.save(replace(doc, id=None, deal_id=deal.id))
        store.credits.save(replace(p.credit, id=None, number="LC-COPY", deal_id=deal.id))
    assert sales.kind is ContractKind.SALES
    return deal.id


def test_the_demo_deal_examines_clean_through_the_store_and_the_cli(
    seeded: Store, tmp_path: Path
) -> None:
    p = load_presentation(seeded, DealId(1))
    assert p.credit is not None and len(p.received) == 3 and p.invoices and p.packing_lists
    assert examine_deal(seeded, DealId(1)) == []
    seeded.close()
    code, out = _cli("--data", str(tmp_path), "examine", "--deal", "1", "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out = _cli("--data", str(tmp_path), "examine", "--deal", "1")
    assert code == 0 and "no discrepancies" in out


def test_a_copy_with_five_planted_discrepancies_reports_exactly_those(
    seeded: Store, tmp_path: Path
) -> None:
    deal_id = plant_copy(seeded)
    seeded.close()
    code, out = _cli("--data", str(tmp_path), "examine", "--deal", str(deal_id), "--json")
    found = json.loads(out)
    assert code == 1
    assert sorted(d["rule"] for d in found) == sorted(PLANTED)
    by_rule = {d["rule"]: d for d in found}
    assert ["deal", 1, "reference"] in by_rule["transport_document_not_reused"]["fields"]
    assert by_rule["weights_agree"]["fields"][0][2] == "net_kg"
    assert all(d["why"] and d["fix"] and d["severity"] == "error" for d in found)
    code, text = _cli("--data", str(tmp_path), "examine", "--deal", str(deal_id))
    assert code == 1 and "5 discrepancies" in text


def test_examining_an_unknown_deal_is_a_clear_error(
    seeded: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(NotFoundError):
        examine_deal(seeded, DealId(99))
    seeded.close()
    code, _ = _cli("--data", str(tmp_path), "examine", "--deal", "99")
    assert code == 1 and "no longer exists" in capsys.readouterr().err


def test_the_deal_summary_shows_figures_and_both_flows(seeded: Store) -> None:
    summary = deal_summary(seeded, DealId(1))
    (usd,) = summary.figures
    assert (usd.currency, str(usd.purchase), str(usd.sales)) == (
        "USD",
        "USD 52,040.00",
        "USD 65,300.00",
    )
    assert str(usd.margin) == "USD 13,260.00" and usd.margin_rate == Decimal("20.31")
    assert (summary.goods.origin, summary.goods.port_of_loading) == ("Vietnam", "VNSGN")
    assert (summary.goods.port_of_discharge, summary.goods.destination) == ("DEHAM", "Hamburg")
    sales, purchase = summary.funds
    assert (sales.payer, sales.bank) == (
        "Hanse Werkzeughandel GmbH",
        "Bank of China, Shanghai Branch",
    )
    assert purchase.payee == "Saigon Precision Tools Joint Stock Company"
    # one account receives the sale and pays the purchase
    assert purchase.payer_account == sales.account == "456358701234"
    assert summary.flags == ()


def test_a_deal_in_two_currencies_is_flagged_and_never_converted(seeded: Store) -> None:
    p = load_presentation(seeded, DealId(1))
    assert p.sales is not None
    terms = replace(p.sales.terms, currency="EUR")
    seeded.contracts.save(replace(p.sales, terms=terms))
    summary = deal_summary(seeded, DealId(1))
    assert [(f.currency, f.margin) for f in summary.figures] == [("USD", None), ("EUR", None)]
    assert "two currencies" in summary.flags[0]
    assert [d.rule for d in examine_deal(seeded, DealId(1))].count("legs_in_one_currency") == 1
