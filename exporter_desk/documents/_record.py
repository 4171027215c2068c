"""The structured data of a document: domain objects as JSON values, for ``document.json``.

Every field is kept except local database ids (``id``, ``*_id``), which mean nothing outside
this company's store; the parties, shipment and contract they point at are included instead.
Decimals are written as plain decimal strings (``"38.50"``, never ``1E+1``), dates as ISO 8601,
enums as their values, sets sorted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from enum import Enum

from exporter_desk.domain import Charge, LineItem, Money, PackageRange, Party

__all__ = [
    "FORMAT",
    "JsonObject",
    "charge_record",
    "decimal_text",
    "line_record",
    "money_record",
    "package_record",
    "party_record",
    "record",
    "record_object",
]

FORMAT = "exporter-desk-document/v1"

JsonObject = dict[str, object]


def decimal_text(value: Decimal) -> str:
    return f"{value:f}"


def _is_local_id(name: str) -> bool:
    return name == "id" or (name.endswith("_id") and name != "registration_id")


def record(value: object) -> object:
    """``value`` as JSON-ready data (dataclasses become objects, in field order)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, Enum):
        return record(value.value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(str(record(v)) for v in value)
    if isinstance(value, tuple | list):
        return [record(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: record(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not _is_local_id(f.name)
        }
    raise TypeError(f"cannot record {type(value).__name__}")


def record_object(value: object) -> JsonObject:
    data = record(value)
    assert isinstance(data, dict)
    return data


def party_record(party: Party | None) -> JsonObject | None:
    return None if party is None else record_object(party)


def money_record(money: Money) -> str:
    return decimal_text(money.amount)


def line_record(line: LineItem, currency: str) -> JsonObject:
    data = record_object(line)
    data["amount"] = money_record(line.amount(currency))
    return data


def charge_record(charge: Charge, currency: str) -> JsonObject:
    data = record_object(charge)
    data["signed_amount"] = money_record(charge.signed(currency))
    return data


def package_record(package: PackageRange) -> JsonObject:
    data = record_object(package)
    data.update(
        count=package.count,
        quantity=decimal_text(package.quantity),
        net_kg=decimal_text(package.net_kg),
        gross_kg=decimal_text(package.gross_kg),
        volume_m3=decimal_text(package.volume_m3),
    )
    return data
