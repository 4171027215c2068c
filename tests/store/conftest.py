"""A fresh migrated store per test, and a realistic little trading company to put in it.

Bright Star (Shanghai) buys garments from a Vietnamese factory and sells LED lights and
T-shirts to a Hamburg importer; the registration numbers and bank codes pass their check digits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest

from exporter_desk.domain import (
    BankAccount,
    Charge,
    ChargeKind,
    Container,
    Contract,
    ContractKind,
    Deal,
    Dimensions,
    DocumentKind,
    DocumentStatus,
    Incoterm,
    Invoice,
    InvoiceKind,
    IssuedDocument,
    LineItem,
    PackageType,
    PackingList,
    Party,
    PartyRole,
    PaymentMethod,
    PaymentTerms,
    Product,
    Shipment,
    TradeTerms,
    TransportMode,
    Unit,
)
from exporter_desk.store import Store, open_store

USCC = "91310000MA1FL4CT3U"  # China unified social credit code, check digit valid


def exporter() -> Party:
    return Party(
        name_en="Shanghai Bright Star Import & Export Co., Ltd.",
        address_en="Room 1208, 88 Century Avenue, Pudong New District, Shanghai 200120",
        country="CN",
        roles=frozenset({PartyRole.EXPORTER}),
        name_zh="上海明星进出口有限公司",
        address_zh="上海市浦东新区世纪大道88号1208室",
        registration_id=USCC,
        contact="Li Wei",
        email="liwei@brightstar.example.cn",
        phone="+86 21 5888 1234",
        bank=BankAccount(
            bank_name="Bank of China, Shanghai Branch",
            account_number="452859216381",
            swift="BKCHCNBJ300",
            bank_address="200 Middle Yincheng Road, Shanghai",
            account_name="Shanghai Bright Star Import & Export Co., Ltd.",
        ),
    )


def supplier() -> Party:
    return Party(
        name_en="Saigon Garment Manufacturing JSC",
        address_en="12 Nguyen Hue Boulevard, District 1, Ho Chi Minh City",
        country="VN",
        roles=frozenset({PartyRole.SUPPLIER}),
        registration_id="0100233488",
        contact="Tran Thi Mai",
    )


def buyer() -> Party:
    return Party(
        name_en="Hamburg Müller Handels GmbH",
        address_en="Große Elbstraße 145, 22767 Hamburg",
        country="DE",
        roles=frozenset({PartyRole.BUYER, PartyRole.CONSIGNEE}),
        registration_id="DE136695976",
        email="einkauf@mueller-handels.example.de",
        bank=BankAccount(
            bank_name="Commerzbank AG",
            account_number="DE89 3704 0044 0532 0130 00",
            swift="COBADEFFXXX",
        ),
    )


def led_panel() -> Product:
    return Product(
        sku="LP-6060-40W",
        description_en="LED panel light 600x600 mm, 40 W, 4000 K",
        description_zh="LED面板灯 600x600 40瓦",
        hs_code="8539.52",
        unit=Unit.PCS,
        unit_price=Decimal("12.85"),
        currency="USD",
        net_weight_kg=Decimal("2.1"),
        gross_weight_kg=Decimal("2.45"),
        origin_country="CN",
        package_type=PackageType.CARTON,
        units_per_package=4,
        package=Dimensions(Decimal("65.0"), Decimal("65.0"), Decimal("12.5")),
    )


def t_shirt() -> Product:
    return Product(
        sku="TS-COT-180",
        description_en="Men's T-shirt, 100% cotton, 180 g/m²",
        hs_code="6109.10",
        unit=Unit.PCS,
        unit_price=Decimal("2.3750"),
        currency="USD",
        net_weight_kg=Decimal("0.2"),
        gross_weight_kg=Decimal("0.22"),
        origin_country="VN",
        units_per_package=50,
    )


def sea_terms() -> TradeTerms:
    return TradeTerms("USD", Incoterm.CIF, "Hamburg", "CNSHA", "DEHAM")


def tt_terms() -> PaymentTerms:
    return PaymentTerms(PaymentMethod.TT, days=30, advance_percent=Decimal(30))


def lines_for(led: Product, shirt: Product) -> tuple[LineItem, ...]:
    return (
        LineItem(
            led.description_en,
            led.hs_code,
            Decimal("1200"),
            Unit.PCS,
            led.unit_price,
            product_id=led.id,
            sku=led.sku,
            description_zh=led.description_zh,
        ),
        LineItem(
            shirt.description_en,
            shirt.hs_code,
            Decimal("3000"),
            Unit.PCS,
            Decimal("2.3750"),
            product_id=shirt.id,
            sku=shirt.sku,
        ),
    )


def shipment() -> Shipment:
    return Shipment(
        reference="SHP-2025-0042",
        mode=TransportMode.SEA,
        port_of_loading="CNSHA",
        port_of_discharge="DEHAM",
        carrier="COSCO Shipping Lines",
        vessel="COSCO SHIPPING ARIES",
        voyage="042W",
        transport_document_no="COSU6123456780",
        containers=(
            Container("CSQU3054383", seal="CN2025881", size_type="40HC"),
            Container("MSKU1234565", seal="ML7781234", size_type="20GP"),
        ),
        place_of_delivery="Hamburg",
        etd=dt.date(2025, 3, 14),
        eta=dt.date(2025, 4, 20),
    )


@dataclass(frozen=True)
class World:
    """Saved objects (with ids) of one small trading company."""

    exporter: Party
    supplier: Party
    buyer: Party
    led: Product
    shirt: Product
    shipment: Shipment
    contract: Contract
    invoice: Invoice


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "exporter-desk.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(db_path)
    yield opened
    opened.close()


@pytest.fixture
def world(store: Store) -> World:
    seller = store.parties.save(exporter())
    vn = store.parties.save(supplier())
    de = store.parties.save(buyer())
    led = store.products.save(led_panel())
    shirt = store.products.save(t_shirt())
    ship = store.shipments.save(shipment())
    assert seller.id and de.id
    contract = store.contracts.save(
        Contract(
            kind=ContractKind.SALES,
            number="BS-SC-2025-017",
            date=dt.date(2025, 1, 20),
            seller_id=seller.id,
            buyer_id=de.id,
            terms=sea_terms(),
            payment=tt_terms(),
            lines=lines_for(led, shirt),
            delivery_earliest=dt.date(2025, 3, 1),
            delivery_latest=dt.date(2025, 3, 31),
            inspection="SGS pre-shipment inspection",
            insurance="110% of invoice value, ICC (A)",
        )
    )
    assert contract.id
    invoice = store.invoices.save(
        replace(
            Invoice.from_contract(
                contract,
                kind=InvoiceKind.COMMERCIAL,
                number="BS-CI-2025-0042",
                date=dt.date(2025, 3, 15),
            ),
            charges=(
                Charge(ChargeKind.FREIGHT, Decimal("1850.00"), "Ocean freight Shanghai-Hamburg"),
                Charge(ChargeKind.INSURANCE, Decimal("96.50")),
                Charge(ChargeKind.DISCOUNT, Decimal("250.00"), "Early order discount"),
            ),
            consignee_id=de.id,
            shipment_id=ship.id,
            buyer_reference="PO-4500123456",
            origin_country="CN",
            marks="MÜLLER / HAMBURG / C/NO. 1-UP",
            notes="Goods of Chinese and Vietnamese origin.",
        )
    )
    return World(seller, vn, de, led, shirt, ship, contract, invoice)


@pytest.fixture
def make_invoice(world: World) -> Callable[..., Invoice]:
    """A new (unsaved) invoice like the world's, with a number and optional overrides."""

    def make(number: str, **changes: object) -> Invoice:
        return replace(world.invoice, id=None, number=number, **changes)  # type: ignore[arg-type]

    return make


def packing_list_for(world: World) -> PackingList:
    return PackingList.from_invoice(
        world.invoice,
        {world.led.sku: world.led, world.shirt.sku: world.shirt},
        number="BS-PL-2025-0042",
        date=dt.date(2025, 3, 15),
    )


def deal_for(world: World) -> Deal:
    return Deal(reference="DEAL-2025-007", notes="Back-to-back: Saigon -> Hamburg")


def document_for(world: World) -> IssuedDocument:
    assert world.invoice.id
    return IssuedDocument(
        kind=DocumentKind.COMMERCIAL_INVOICE,
        number=world.invoice.number,
        source_table="invoices",
        source_id=world.invoice.id,
        status=DocumentStatus.AWAITING_REGISTRATION,
        created_at=dt.datetime(2025, 3, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        path="documents/BS-CI-2025-0042.pdf",
        digest_r1="a" * 64,
    )


def dump(store: Store) -> list[str]:
    """Every row of every table, as SQL text: compare before and after to prove nothing moved."""
    return list(store._session.conn.iterdump())
