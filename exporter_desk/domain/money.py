"""Money: ``Decimal`` amounts in a currency's ISO 4217 minor units, never floats.

Rounding is explicit and happens in one place, :func:`round_money`: half-up to the currency's
minor units. An invoice rounds each line (quantity x unit price) and each charge; totals are sums
of rounded amounts, so the printed lines always add up to the printed total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from exporter_desk.domain.codes import minor_units, normalize_currency
from exporter_desk.domain.errors import DomainError

# Whole-number digits: beyond any real invoice, and small enough that every amount fits SQLite's
# int64 in minor units even at four decimals (10**14 * 10**4 < 2**63).
_MAX_DIGITS = 14
# Commas only as thousands separators: "12,50" must not silently become 1250.
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")


class InvalidAmountError(DomainError):
    """A number that cannot be an amount, quantity or weight."""


def parse_decimal(text: str | int | Decimal, *, what: str = "number") -> Decimal:
    """Parse a decimal written by a person (``"1,234.50"`` and ``" 12 "`` are accepted).

    Floats are refused: they cannot hold 0.1 exactly. Commas are accepted only between groups
    of three digits, so a decimal comma (``"12,50"``) is refused rather than read as 1250.

    Raises:
        InvalidAmountError: for text that is not a finite number of sensible size.
    """
    if isinstance(text, float):
        raise TypeError("amounts are never floats; pass a str or Decimal")
    if isinstance(text, Decimal | int):
        value = Decimal(text)
    else:
        stripped = text.strip()
        if len(stripped) > 40:
            raise InvalidAmountError(
                f"{what} too long: {text[:50]!r}",
                user_message=f"The {what} is too long to be a number.",
            )
        if "," in stripped and not _GROUPED.fullmatch(stripped):
            raise InvalidAmountError(
                f"misplaced comma: {stripped!r}",
                user_message=f"'{stripped}' has a comma where none belongs; write the {what} "
                "with a decimal point, and commas only between groups of three digits, "
                "such as 1,234.50.",
            )
        cleaned = stripped.replace(",", "").replace("_", "")
        try:
            value = Decimal(cleaned)
        except InvalidOperation as exc:
            raise InvalidAmountError(
                f"not a number: {stripped!r}",
                user_message=f"'{stripped}' is not a number; write the {what} with digits and an "
                "optional decimal point, such as 1234.50.",
            ) from exc
    if not value.is_finite():
        raise InvalidAmountError(
            f"{what} is not finite: {text!r}",
            user_message=f"The {what} must be an ordinary number.",
        )
    if value.adjusted() >= _MAX_DIGITS:
        raise InvalidAmountError(
            f"{what} too large: {text!r}", user_message=f"The {what} is too large."
        )
    return value


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's minor units: the only rounding rule for money."""
    exponent = Decimal(1).scaleb(-minor_units(currency))
    if not amount.is_finite() or amount.adjusted() >= _MAX_DIGITS:
        # quantize would raise decimal.InvalidOperation (or keep a NaN): say it as a user error
        raise InvalidAmountError(
            f"cannot round {amount} to {currency}",
            user_message=f"The amount {amount} cannot be written on a document; check the "
            "quantities and prices.",
        )
    return amount.quantize(exponent, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in a currency, always exactly at the currency's minor units."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        currency = normalize_currency(self.currency)
        object.__setattr__(self, "currency", currency)
        if not isinstance(self.amount, Decimal):
            raise TypeError("Money.amount must be a Decimal")
        rounded = round_money(self.amount, currency)
        if rounded != self.amount:
            raise InvalidAmountError(
                f"{self.amount} has more decimals than {currency} allows",
                user_message=f"{currency} amounts have {minor_units(currency)} decimal places; "
                f"{self.amount} has more.",
            )
        object.__setattr__(self, "amount", rounded)

    @classmethod
    def parse(cls, text: str, currency: str) -> Money:
        """``Money.parse("12.30", "EUR").minor == 1230``.

        Raises:
            InvalidAmountError: when the text is not a number or has too many decimals.
            UnknownCodeError: when the currency is not ISO 4217.
        """
        return cls(parse_decimal(text, what="amount"), currency)

    @classmethod
    def from_minor(cls, minor: int, currency: str) -> Money:
        return cls(Decimal(minor).scaleb(-minor_units(currency)), currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls.from_minor(0, currency)

    @classmethod
    def rounded(cls, amount: Decimal, currency: str) -> Money:
        """The money nearest ``amount``, rounded half-up (a line: quantity x unit price)."""
        return cls(round_money(amount, currency), currency)

    @property
    def minor(self) -> int:
        return int(self.amount.scaleb(minor_units(self.currency)))

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise InvalidAmountError(
                f"cannot combine {self.currency} and {other.currency}",
                user_message=f"Amounts in {self.currency} and {other.currency} cannot be added; "
                "use one currency per document.",
            )

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __str__(self) -> str:
        return f"{self.currency} {format_amount(self.amount, self.currency)}"


def format_amount(amount: Decimal, currency: str) -> str:
    """``Decimal("12345.6"), "USD"`` -> ``"12,345.60"``; for display only."""
    return f"{round_money(amount, currency):,.{minor_units(currency)}f}"


def format_price(price: Decimal, currency: str) -> str:
    """A unit price for display: at least the currency's minor units, more only when the price
    has them. ``45.9 USD`` -> ``45.90``, ``1200 JPY`` -> ``1,200``, ``0.0125 USD`` -> ``0.0125``."""
    places = max(minor_units(currency), -int(price.normalize().as_tuple().exponent))
    return f"{price.quantize(Decimal(1).scaleb(-places)):,}"


def format_money(amount: Decimal, currency: str) -> str:
    """``USD 45.90``, ``JPY 1,200``: an amount with its currency, at the currency's minor units."""
    return f"{currency} {format_amount(amount, currency)}"


def format_quantity(value: Decimal) -> str:
    """A quantity or weight without trailing zeros: ``12.500`` -> ``12.5``, ``1E+1`` -> ``10``."""
    normalized = value.normalize()
    if normalized == normalized.to_integral():
        return f"{normalized.quantize(Decimal(1)):,}"
    return f"{normalized:,f}"


def sum_money(amounts: list[Money], currency: str) -> Money:
    total = Money.zero(currency)
    for amount in amounts:
        total = total + amount
    return total


__all__ = [
    "InvalidAmountError",
    "Money",
    "format_amount",
    "format_money",
    "format_price",
    "format_quantity",
    "parse_decimal",
    "round_money",
    "sum_money",
]
