"""Reading numbers from form text: a failure becomes a Problem on that field, never an error."""

from __future__ import annotations

from decimal import Decimal

from exporter_desk.domain import InvalidAmountError, Problem, parse_decimal


def number(field: str, text: str, problems: list[Problem], *, what: str = "number") -> Decimal:
    """The decimal in ``text`` (blank is zero); an unreadable text adds a problem and gives 0."""
    if not text.strip():
        return Decimal(0)
    try:
        return parse_decimal(text, what=what)
    except InvalidAmountError as exc:
        problems.append(Problem(field, exc.user_message))
        return Decimal(0)


def text_of(value: Decimal | None) -> str:
    """A decimal as the form shows it: plain notation, no exponent, no trailing zeros."""
    if value is None:
        return ""
    normalized = value.normalize()
    return f"{normalized:f}"


def money_text(value: Decimal) -> str:
    """A price or amount as the form shows it: at least two decimals (``38.5`` -> ``38.50``)."""
    text = text_of(value)
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}"


__all__ = ["money_text", "number", "text_of"]
