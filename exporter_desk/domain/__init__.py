"""The trade domain in pure Python: parties, products, contracts, invoices, shipments, deals.

Objects are frozen dataclasses built freely (an editor may hold a half-filled one);
``problems()`` lists everything wrong, each tied to a field, and ``validated()`` raises
``ValidationError`` with all of them. Money is ``Decimal`` in the currency's minor units.
"""

from exporter_desk.domain.codes import (
    Incoterm,
    InvalidRegistrationIdError,
    Port,
    UnknownCodeError,
    country_name,
    format_hs_code,
    minor_units,
    normalize_country,
    normalize_currency,
    normalize_hs_code,
    normalize_locode,
    normalize_registration_id,
)
from exporter_desk.domain.contract import (
    Contract,
    ContractId,
    ContractKind,
    PaymentMethod,
    PaymentTerms,
    TradeTerms,
)
from exporter_desk.domain.deal import Deal, DealId, DealLegs, sales_leg_from
from exporter_desk.domain.document import DocumentId, DocumentKind, DocumentStatus, IssuedDocument
from exporter_desk.domain.errors import DomainError, Problem, ValidationError
from exporter_desk.domain.invoice import Invoice, InvoiceId, InvoiceKind
from exporter_desk.domain.lines import Charge, ChargeKind, LineItem
from exporter_desk.domain.money import (
    InvalidAmountError,
    Money,
    format_amount,
    format_quantity,
    parse_decimal,
    round_money,
)
from exporter_desk.domain.packing import PackageRange, PackingList, PackingListId
from exporter_desk.domain.party import BankAccount, Party, PartyId, PartyRole
from exporter_desk.domain.product import Dimensions, PackageType, Product, ProductId, Unit
from exporter_desk.domain.shipment import Container, Shipment, ShipmentId, TransportMode
from exporter_desk.domain.words import amount_in_words_en, amount_in_words_zh

__all__ = [
    "BankAccount",
    "Charge",
    "ChargeKind",
    "Container",
    "Contract",
    "ContractId",
    "ContractKind",
    "Deal",
    "DealId",
    "DealLegs",
    "Dimensions",
    "DocumentId",
    "DocumentKind",
    "DocumentStatus",
    "DomainError",
    "Incoterm",
    "InvalidAmountError",
    "InvalidRegistrationIdError",
    "Invoice",
    "InvoiceId",
    "InvoiceKind",
    "IssuedDocument",
    "LineItem",
    "Money",
    "PackageRange",
    "PackageType",
    "PackingList",
    "PackingListId",
    "Party",
    "PartyId",
    "PartyRole",
    "PaymentMethod",
    "PaymentTerms",
    "Port",
    "Problem",
    "Product",
    "ProductId",
    "Shipment",
    "ShipmentId",
    "TradeTerms",
    "TransportMode",
    "Unit",
    "UnknownCodeError",
    "ValidationError",
    "amount_in_words_en",
    "amount_in_words_zh",
    "country_name",
    "format_amount",
    "format_hs_code",
    "format_quantity",
    "minor_units",
    "normalize_country",
    "normalize_currency",
    "normalize_hs_code",
    "normalize_locode",
    "normalize_registration_id",
    "parse_decimal",
    "round_money",
    "sales_leg_from",
]
