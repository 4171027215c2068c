"""Exact conversions between domain values and SQLite columns, and the size guard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from exporter_desk.store.errors import TooLargeError

# Above every limit the domain checks (2,000 characters for free text), so that the domain's
# own message wins where it has one; this only stops what the domain does not measure.
TEXT_LIMIT = 4_000


def dec_text(value: Decimal) -> str:
    """Exact decimal text without an exponent: ``Decimal("1E+1")`` -> ``"10"``."""
    if not isinstance(value, Decimal):
        raise TypeError(f"expected Decimal, got {type(value).__name__}")
    return format(value, "f")


def dec_or_none(value: Decimal | None) -> str | None:
    return None if value is None else dec_text(value)


def text_dec(text: str) -> Decimal:
    return Decimal(text)


def date_text(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def text_date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def text_day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def instant_text(value: dt.datetime) -> str:
    """UTC ISO-8601 with microseconds, so that text order is time order.

    Raises:
        ValueError: for a naive datetime (a programming error: times must carry a zone).
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("instants must be timezone-aware datetimes")
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def text_instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def check_sizes(
    subject: str, row: Mapping[str, object], limits: Mapping[str, int] | None = None
) -> None:
    """Refuse oversized text or bytes before they reach the database.

    Raises:
        TooLargeError: naming the first field over its limit.
    """
    for name, value in row.items():
        if isinstance(value, str | bytes):
            limit = limits.get(name, TEXT_LIMIT) if limits else TEXT_LIMIT
            if len(value) > limit:
                raise TooLargeError(subject, name, len(value), limit)


__all__ = [
    "TEXT_LIMIT",
    "check_sizes",
    "date_text",
    "dec_or_none",
    "dec_text",
    "instant_text",
    "text_date",
    "text_day",
    "text_dec",
    "text_instant",
]
