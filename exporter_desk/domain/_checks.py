"""Small helpers that turn a failed normalisation into a Problem tied to a field."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from exporter_desk.domain.codes import minor_units
from exporter_desk.domain.errors import DomainError, Problem

T = TypeVar("T")

MAX_TEXT = 2000  # characters in any one free-text field; more is a paste accident, not an address


def _decimal_places(value: Decimal) -> int:
    """Significant decimal places: ``1.50000`` has 1, like the ``1.5`` it equals."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or exponent >= 0:
        return 0
    significant = "".join(map(str, digits)).rstrip("0")
    if not significant:
        return 0
    return max(0, -exponent - (len(digits) - len(significant)))


# Bidirectional overrides and isolates can make a signed name or amount display differently from
# its stored text (the "Trojan Source" trick), so no field accepts them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_hidden_control(ch: str) -> bool:
    code = ord(ch)
    return (code < 32 and ch not in "\n\t") or 0x7F <= code <= 0x9F or ch in _BIDI_CONTROLS


class Checker:
    """Collects every problem of one object, so an editor can show them all at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, field: str, message: str) -> None:
        self.problems.append(Problem(field, message))

    def code(
        self, field: str, value: str, normalize: Callable[[str], T], label: str = ""
    ) -> T | None:
        """``normalize(value)``, or None with the failure added as a problem on ``field``.

        An empty value with a ``label`` is reported as required, in words ("The country is
        required."), not as an unknown code.
        """
        if label and not value.strip():
            self.add(field, f"{label} is required.")
            return None
        try:
            return normalize(value)
        except DomainError as exc:
            self.add(field, exc.user_message)
            return None

    def required(self, field: str, value: str, label: str) -> bool:
        if not value.strip():
            self.add(field, f"{label} is required.")
            return False
        return self.text(field, value, label)

    def text(self, field: str, value: str, label: str, limit: int = MAX_TEXT) -> bool:
        if len(value) > limit:
            self.add(field, f"{label} is {len(value):,} characters long; at most {limit:,} fit.")
            return False
        if any(_is_hidden_control(ch) for ch in value):
            self.add(field, f"{label} contains invisible control characters; retype it.")
            return False
        return True

    def positive(self, field: str, value: Decimal, label: str, *, allow_zero: bool = False) -> None:
        if value < 0 or (value == 0 and not allow_zero):
            self.add(
                field, f"{label} must be {'zero or more' if allow_zero else 'more than zero'}."
            )

    def places(self, field: str, value: Decimal, places: int, label: str) -> None:
        if _decimal_places(value) > places:
            noun = "place" if places == 1 else "places"
            self.add(field, f"{label} has more than {places} decimal {noun}.")

    def money_places(self, field: str, value: Decimal, currency: str | None, label: str) -> None:
        if currency is not None:
            units = minor_units(currency)
            if _decimal_places(value) > units:
                self.add(field, f"{label} has more decimals than {currency} allows ({units}).")

    def nested(self, prefix: str, problems: list[Problem]) -> None:
        self.problems.extend(p.nested(prefix) for p in problems)
