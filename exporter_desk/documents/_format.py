"""Domain values as a trade clerk prints them: dates, parties, ports, prices, weights, volumes.

Pure functions of their arguments (no locale, no clock), so that the bytes stay deterministic.
Rounding of money is the domain's (``format_amount``); weights and volumes print the figures the
domain computes, never re-rounded differently.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

from exporter_desk.domain import (
    Incoterm,
    Party,
    PaymentMethod,
    PaymentTerms,
    Shipment,
    TransportMode,
    country_name,
    format_locode,
    format_money,
    format_price,
    format_quantity,
    format_registration_id,
)

__all__ = [
    "count_in_words",
    "format_date",
    "format_date_zh",
    "format_dimensions",
    "format_port",
    "format_unit_price",
    "format_volume",
    "format_weight",
    "freight_payable",
    "money_text",
    "party_text",
    "place_of_issue",
    "tenor_text",
    "vessel_text",
]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_KG = Decimal("0.01")
_CBM = Decimal("0.001")


def format_date(day: dt.date) -> str:
    """``02 Nov 2026``: day, month name, year, readable in every country (no locale)."""
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


def format_date_zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def party_text(
    party: Party, *, bilingual: bool, contact: bool = True, address_zh: bool = True
) -> str:
    """Name, address, country, registration and contact lines of a party's box."""
    lines = [party.name_en]
    if bilingual and party.name_zh:
        lines.append(party.name_zh)
    lines.append(party.address_en)
    country = country_name(party.country)
    # "…, Ho Chi Minh City, Viet Nam" already names Vietnam: do not repeat the country
    if _letters(country) not in _letters(party.address_en.rsplit(",", 1)[-1]):
        lines.append(country.upper())
    if bilingual and address_zh and party.address_zh:
        lines.append(party.address_zh)
    if party.registration_id:
        lines.append(f"Reg. No. {format_registration_id(party.registration_id)}")
    if contact:
        reach = [
            f"Attn. {party.contact}" if party.contact else "",
            f"Tel. {party.phone}" if party.phone else "",
            party.email,
        ]
        if any(reach):
            lines.append("  ·  ".join(r for r in reach if r))
    return "\n".join(lines)


def place_of_issue(explicit: str, issuer: Party) -> str:
    return explicit.strip() or country_name(issuer.country)


def format_port(locode: str) -> str:
    """A UN/LOCODE with its country, as the domain keeps no port names: ``DEHAM, Germany``."""
    if not locode:
        return ""
    return f"{format_locode(locode)}, {country_name(locode[:2])}"


def vessel_text(shipment: Shipment) -> str:
    if shipment.mode is TransportMode.AIR:
        return f"Flight {shipment.flight}" if shipment.flight else "By air"
    return shipment.vessel_or_flight or shipment.mode.value.capitalize()


def format_unit_price(price: Decimal, currency: str) -> str:
    """At least the currency's decimals, more only when the stored price has them (0.0125)."""
    return format_price(price, currency)


def format_weight(kg: Decimal) -> str:
    """Kilograms with two decimals, or the exact figure when it has more (``18.0000`` -> 18.00)."""
    exponent = int(kg.normalize().as_tuple().exponent)
    if exponent >= -2:
        return f"{kg.quantize(_KG, ROUND_HALF_UP):,}"
    return f"{kg.normalize():,f}"


def format_volume(m3: Decimal) -> str:
    """Cubic metres to three places, half-up: the packing list's own rounding (``CBM``)."""
    return f"{m3.quantize(_CBM, ROUND_HALF_UP):,}"


def format_dimensions(length: Decimal, width: Decimal, height: Decimal) -> str:
    return " x ".join(format_quantity(v) for v in (length, width, height))


def count_in_words(count: int, noun: str) -> str:
    """``SAY TOTAL TWO HUNDRED TWENTY (220) CARTONS ONLY``, as B/Ls and packing lists print it."""
    words = str(num2words(count, lang="en")).replace(",", "").replace(" and ", " ").upper()
    return f"SAY TOTAL {words} ({count:,}) {noun} ONLY"


def freight_payable(incoterm: Incoterm) -> str:
    """PREPAID when the seller pays the main carriage (C and D rules), else COLLECT."""
    prepaid = incoterm.value[0] in "CD"
    return "PREPAID" if prepaid else "COLLECT"


def tenor_text(payment: PaymentTerms) -> str:
    """The tenor of a draft: ``SIGHT`` or ``60 DAYS AFTER B/L DATE``."""
    if payment.days == 0:
        return "SIGHT"
    if payment.method is PaymentMethod.LC:
        return f"{payment.days} DAYS AFTER B/L DATE"
    return f"{payment.days} DAYS AFTER SIGHT"


def money_text(amount: Decimal, currency: str) -> str:
    """``USD 45.90``, ``JPY 1,200``: always the currency's minor units."""
    return format_money(amount, currency)
