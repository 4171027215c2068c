"""Money: Decimal amounts at each currency's ISO 4217 scale, rounded half-up in one place."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exporter_desk.domain import (
    InvalidAmountError,
    Money,
    UnknownCodeError,
    format_amount,
    format_quantity,
    minor_units,
    parse_decimal,
    round_money,
)
from tests.domain._factories import assert_sentence, invoice, line, terms

SCALES = {"JPY": 0, "USD": 2, "EUR": 2, "KWD": 3, "CLF": 4}
# The largest whole part accepted: every amount must fit SQLite's int64 in minor units.
INT64_MAX = 2**63 - 1


def amounts_at_scale(currency: str) -> st.SearchStrategy[Decimal]:
    units = SCALES[currency]
    bound = 10 ** (14 + units) - 1
    return st.integers(-bound, bound).map(lambda minor: Decimal(minor).scaleb(-units))


currency_and_amount = st.sampled_from(sorted(SCALES)).flatmap(
    lambda currency: st.tuples(st.just(currency), amounts_at_scale(currency))
)


# --- scale per currency ----------------------------------------------------------------------


@pytest.mark.parametrize(("currency", "units"), sorted(SCALES.items()))
def test_each_currency_has_its_iso_4217_scale(currency: str, units: int) -> None:
    assert minor_units(currency) == units


def test_parse_stores_the_amount_in_minor_units() -> None:
    assert Money.parse("12.30", "EUR").minor == 1230
    assert Money.parse("12345", "JPY").minor == 12345
    assert Money.parse("12.345", "KWD").minor == 12345


def test_amount_is_kept_exactly_at_the_currency_scale() -> None:
    assert str(Money.parse("12.3", "USD").amount) == "12.30"
    assert str(Money.parse("12.300", "USD").amount) == "12.30"
    assert str(Money.parse("7", "KWD").amount) == "7.000"
    assert str(Money.parse("7.0", "JPY").amount) == "7"


@pytest.mark.parametrize(
    ("text", "currency"), [("12.5", "JPY"), ("12.345", "USD"), ("1.0001", "KWD")]
)
def test_money_with_more_decimals_than_its_currency_is_refused(text: str, currency: str) -> None:
    with pytest.raises(InvalidAmountError) as caught:
        Money.parse(text, currency)
    assert_sentence(caught.value.user_message)
    assert f"{currency} amounts have {SCALES[currency]} decimal places" in caught.value.user_message


def test_from_minor_and_zero_build_amounts_at_scale() -> None:
    assert Money.from_minor(1234, "KWD").amount == Decimal("1.234")
    assert Money.from_minor(-5, "USD").amount == Decimal("-0.05")
    assert str(Money.zero("JPY").amount) == "0"
    assert str(Money.zero("KWD").amount) == "0.000"


def test_money_normalises_the_currency_code() -> None:
    assert Money(Decimal("1.00"), " usd ").currency == "USD"


def test_money_in_an_unknown_currency_is_refused() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        Money.parse("1", "XYZ")
    assert_sentence(caught.value.user_message)


# --- rounding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("2.5", "JPY", "3"),
        ("3.5", "JPY", "4"),  # banker's rounding would give 4 here and 2 above
        ("-2.5", "JPY", "-3"),  # half-up means away from zero
        ("0.125", "USD", "0.13"),  # banker's rounding would give 0.12
        ("1.005", "USD", "1.01"),
        ("1.0044", "USD", "1.00"),
        ("1.0045", "KWD", "1.005"),
        ("0.00049", "KWD", "0.000"),
    ],
)
def test_rounding_is_half_up_at_the_currency_scale(
    amount: str, currency: str, expected: str
) -> None:
    assert str(round_money(Decimal(amount), currency)) == expected
    assert str(Money.rounded(Decimal(amount), currency).amount) == expected


def test_each_line_is_rounded_half_up_on_its_own() -> None:
    item = line(quantity=Decimal("3"), unit_price=Decimal("0.335"))  # 1.005 exactly
    assert item.amount("USD") == Money.parse("1.01", "USD")
    assert item.amount("JPY") == Money.parse("1", "JPY")


def test_total_is_the_sum_of_rounded_lines_not_the_rounded_sum() -> None:
    # three lines of 0.005: each prints as 0.01, so the total must print 0.03, not round(0.015)
    lines = tuple(line(quantity=Decimal(1), unit_price=Decimal("0.005")) for _ in range(3))
    doc = invoice(lines=lines)
    assert [item.amount("USD").amount for item in lines] == [Decimal("0.01")] * 3
    assert doc.subtotal() == Money.parse("0.03", "USD")


@given(
    st.lists(
        st.tuples(
            st.integers(1, 10_000).map(Decimal),
            st.integers(0, 10**8).map(lambda n: Decimal(n).scaleb(-6)),
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["JPY", "USD", "KWD"]),
)
def test_printed_lines_always_add_up_to_the_printed_total(
    rows: list[tuple[Decimal, Decimal]], currency: str
) -> None:
    lines = tuple(line(quantity=q, unit_price=p) for q, p in rows)
    doc = invoice(lines=lines, terms=terms(currency=currency))
    printed = [round_money(q * p, currency) for q, p in rows]
    assert doc.subtotal().amount == sum(printed, Decimal(0))
    assert doc.total() == doc.subtotal()


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12))
def test_rounding_moves_by_at_most_half_a_minor_unit_and_is_idempotent(amount: Decimal) -> None:
    for currency, units in SCALES.items():
        rounded = round_money(amount, currency)
        assert abs(rounded - amount) <= Decimal(1).scaleb(-units) / 2
        assert round_money(rounded, currency) == rounded
        assert rounded.as_tuple().exponent == -units


# --- arithmetic and display ------------------------------------------------------------------


def test_money_adds_subtracts_and_negates_within_one_currency() -> None:
    a, b = Money.parse("10.50", "USD"), Money.parse("0.75", "USD")
    assert a + b == Money.parse("11.25", "USD")
    assert a - b == Money.parse("9.75", "USD")
    assert -a == Money.parse("-10.50", "USD")


def test_adding_two_currencies_is_refused() -> None:
    with pytest.raises(InvalidAmountError) as caught:
        _ = Money.parse("1", "USD") + Money.parse("1", "EUR")
    assert caught.value.user_message == (
        "Amounts in USD and EUR cannot be added; use one currency per document."
    )


def test_money_prints_with_grouping_and_the_currency_scale() -> None:
    assert str(Money.parse("12345.6", "USD")) == "USD 12,345.60"
    assert str(Money.parse("1234567", "JPY")) == "JPY 1,234,567"
    assert format_amount(Decimal("1.2345"), "KWD") == "1.235"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12.500", "12.5"), ("1E+1", "10"), ("1234.50", "1,234.5"), ("0.0010", "0.001"), ("3", "3")],
)
def test_quantities_print_without_trailing_zeros(value: str, expected: str) -> None:
    assert format_quantity(Decimal(value)) == expected


# --- parsing what people type ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.50", "1234.50"),
        ("-1,234,567", "-1234567"),
        (" 12 ", "12"),
        ("0.5", "0.5"),
        (".5", "0.5"),
        ("1_000", "1000"),
        ("99999999999999.99", "99999999999999.99"),
    ],
)
def test_parse_accepts_ordinary_numbers_and_thousands_separators(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


def test_parse_accepts_decimals_and_integers_as_they_are() -> None:
    assert parse_decimal(Decimal("1.50")) == Decimal("1.50")
    assert parse_decimal(12) == Decimal(12)


@pytest.mark.parametrize("value", [1.5, 0.1, float("nan")])
def test_floats_are_refused_with_type_error(value: float) -> None:
    with pytest.raises(TypeError):
        parse_decimal(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(value, "USD")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money.parse(value, "USD")  # type: ignore[arg-type]


def test_money_refuses_a_string_amount() -> None:
    with pytest.raises(TypeError):
        Money("1.00", "USD")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["abc", "1.2.3", "", "   ", "1e", "--1", "0x10", "1 234", "12€"])
def test_malformed_numbers_are_refused_with_a_user_message(text: str) -> None:
    with pytest.raises(InvalidAmountError) as caught:
        parse_decimal(text, what="amount")
    assert_sentence(caught.value.user_message)
    assert "amount" in caught.value.user_message


@pytest.mark.parametrize(
    "text", ["12,50", "1,2345.00", "1,,000", "1,000,00", ",5", "1," + "," * 30]
)
def test_a_misplaced_comma_is_refused_rather_than_dropped(text: str) -> None:
    # "12,50" is 12.50 to half the world; reading it as 1250 would bill a hundred times over
    with pytest.raises(InvalidAmountError) as caught:
        parse_decimal(text, what="unit price")
    assert_sentence(caught.value.user_message)
    assert "comma" in caught.value.user_message


@pytest.mark.parametrize(
    "text",
    ["1" * 10_000_000, "1" + "," * 10_000_000, "9" * 41, "1." + "0" * 10_000_000],
    ids=["ten-megabyte-number", "ten-megabytes-of-commas", "41-digits", "ten-megabyte-decimals"],
)
def test_oversized_text_is_refused_quickly_with_a_short_message(text: str) -> None:
    with pytest.raises(InvalidAmountError) as caught:
        parse_decimal(text, what="amount")
    assert caught.value.user_message == "The amount is too long to be a number."
    assert len(str(caught.value)) < 200


def test_a_rejected_padded_entry_does_not_echo_the_padding() -> None:
    with pytest.raises(InvalidAmountError) as caught:
        parse_decimal(" " * 10_000_000 + "x")
    assert len(caught.value.user_message) < 200


@pytest.mark.parametrize(
    "value",
    ["NaN", "nan", "-NaN", "sNaN", "Infinity", "-Infinity", "inf", Decimal("NaN"), Decimal("-Inf")],
)
def test_nan_and_infinity_are_not_amounts(value: str | Decimal) -> None:
    with pytest.raises(InvalidAmountError) as caught:
        parse_decimal(value, what="amount")
    assert caught.value.user_message == "The amount must be an ordinary number."


@pytest.mark.parametrize("text", ["1e14", "100000000000000", "-1e20", "1E+999999"])
def test_amounts_too_large_for_minor_units_in_int64_are_refused(text: str) -> None:
    with pytest.raises(InvalidAmountError) as caught:
        parse_decimal(text, what="amount")
    assert caught.value.user_message == "The amount is too large."


def test_the_largest_accepted_amount_fits_int64_minor_units_in_every_scale() -> None:
    largest = "99999999999999.9999"
    assert Money.parse(largest, "CLF").minor <= INT64_MAX
    assert Money.parse(largest[:-2], "USD").minor <= INT64_MAX


@pytest.mark.parametrize("amount", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity")])
def test_money_built_from_a_non_finite_decimal_is_refused_as_an_amount(amount: Decimal) -> None:
    with pytest.raises(InvalidAmountError) as caught:
        Money(amount, "USD")
    assert_sentence(caught.value.user_message)


def test_a_line_too_large_to_round_is_an_amount_error_not_a_decimal_crash() -> None:
    # quantity x price can exceed Decimal's 28 digits even when each parsed fine
    with pytest.raises(InvalidAmountError) as caught:
        Money.rounded(Decimal("99999999999999") * Decimal("99999999999999"), "USD")
    assert_sentence(caught.value.user_message)


# --- round trips -------------------------------------------------------------------------------


@given(currency_and_amount)
def test_parse_round_trips_the_decimal_text_at_the_currency_scale(
    pair: tuple[str, Decimal],
) -> None:
    currency, amount = pair
    money = Money.parse(str(amount), currency)
    assert money.amount == amount
    assert str(money.amount) == str(amount)
    assert Money.from_minor(money.minor, currency) == money


@given(currency_and_amount)
def test_parse_round_trips_the_displayed_amount(pair: tuple[str, Decimal]) -> None:
    currency, amount = pair
    assert Money.parse(format_amount(amount, currency), currency).amount == amount
