"""Valid domain objects to start from: each test changes one field and watches one rule."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from exporter_desk.domain import (
    BankAccount,
    Contract,
    ContractId,
    ContractKind,
    Dimensions,
    Incoterm,
    Invoice,
    InvoiceId,
    InvoiceKind,
    LineItem,
    Party,
    PartyId,
    PartyRole,
    PaymentMethod,
    PaymentTerms,
    Problem,
    Product,
    TradeTerms,
    Unit,
)

SELLER = PartyId(1)
BUYER = PartyId(2)
SUPPLIER = PartyId(3)
DAY = dt.date(2024, 5, 6)

# Reference values checked against python-stdnum and the standards' own examples.
VALID_USCC = "91310000MA1FL4CT3U"  # check digit U (GB 32100-2015)
VALID_DE_VAT = "DE136695976"
VALID_IBAN = "GB82 WEST 1234 5698 7654 32"
VALID_BIC = "BKCHCNBJ300"
VALID_CONTAINER = "CSQU3054383"  # the ISO 6346 example


def bank(**changes: Any) -> BankAccount:
    fields: dict[str, Any] = {
        "bank_name": "Bank of China, Shanghai Branch",
        "account_number": "4563 5123 4567 8901",
        "swift": VALID_BIC,
        "bank_address": "200 Middle Yincheng Road, Shanghai",
        "account_name": "Shanghai Ceramics Export Co., Ltd.",
    }
    fields.update(changes)
    return BankAccount(**fields)


def party(**changes: Any) -> Party:
    fields: dict[str, Any] = {
        "name_en": "Shanghai Ceramics Export Co., Ltd.",
        "address_en": "88 Century Avenue, Pudong, Shanghai 200120",
        "country": "CN",
        "roles": frozenset({PartyRole.EXPORTER}),
        "name_zh": "上海陶瓷出口有限公司",
        "registration_id": VALID_USCC,
        "email": "sales@example.cn",
        "bank": bank(),
    }
    fields.update(changes)
    return Party(**fields)


def line(**changes: Any) -> LineItem:
    fields: dict[str, Any] = {
        "description_en": "Ceramic mug, 350 ml",
        "hs_code": "6912.00",
        "quantity": Decimal("1000"),
        "unit": Unit.PCS,
        "unit_price": Decimal("1.25"),
        "sku": "MUG-350",
    }
    fields.update(changes)
    return LineItem(**fields)


def terms(**changes: Any) -> TradeTerms:
    fields: dict[str, Any] = {
        "currency": "USD",
        "incoterm": Incoterm.FOB,
        "incoterm_place": "Shanghai",
        "port_of_loading": "CNSHA",
        "port_of_discharge": "DEHAM",
    }
    fields.update(changes)
    return TradeTerms(**fields)


def payment(**changes: Any) -> PaymentTerms:
    fields: dict[str, Any] = {
        "method": PaymentMethod.TT,
        "days": 30,
        "advance_percent": Decimal(30),
    }
    fields.update(changes)
    return PaymentTerms(**fields)


def contract(**changes: Any) -> Contract:
    fields: dict[str, Any] = {
        "kind": ContractKind.SALES,
        "number": "SC-2024-001",
        "date": DAY,
        "seller_id": SELLER,
        "buyer_id": BUYER,
        "terms": terms(),
        "payment": payment(),
        "lines": (line(),),
        "id": ContractId(11),
    }
    fields.update(changes)
    return Contract(**fields)


def invoice(**changes: Any) -> Invoice:
    fields: dict[str, Any] = {
        "kind": InvoiceKind.COMMERCIAL,
        "number": "CI-2024-001",
        "date": DAY,
        "seller_id": SELLER,
        "buyer_id": BUYER,
        "terms": terms(),
        "payment": payment(),
        "lines": (line(),),
        "id": InvoiceId(21),
    }
    fields.update(changes)
    return Invoice(**fields)


def product(**changes: Any) -> Product:
    fields: dict[str, Any] = {
        "sku": "MUG-350",
        "description_en": "Ceramic mug, 350 ml",
        "hs_code": "691200",
        "unit": Unit.PCS,
        "unit_price": Decimal("1.25"),
        "currency": "USD",
        "net_weight_kg": Decimal("0.35"),
        "gross_weight_kg": Decimal("0.40"),
        "origin_country": "CN",
        "units_per_package": 24,
        "package": Dimensions(Decimal("40"), Decimal("30"), Decimal("25.5")),
    }
    fields.update(changes)
    return Product(**fields)


_SENTENCE = re.compile(r"^['\"A-Z0-9].*\S[.)]$", re.DOTALL)


def assert_sentence(message: str) -> None:
    """A message a person reads: starts like a sentence, ends with a full stop, no repr noise."""
    assert _SENTENCE.match(message), message
    assert ".." not in message, message
    assert "Decimal(" not in message and "<" not in message, message
    assert len(message.split()) >= 3, message


def only_problem(problems: list[Problem]) -> Problem:
    """The single problem a one-field change should cause, checked to read as a sentence."""
    assert len(problems) == 1, problems
    assert_sentence(problems[0].message)
    return problems[0]


def fields_of(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems]
