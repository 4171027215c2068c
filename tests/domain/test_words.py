"""Amounts in words: English banking style and Chinese financial numerals (PBOC rules)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exporter_desk.domain import (
    InvalidAmountError,
    UnknownCodeError,
    amount_in_words_en,
    amount_in_words_zh,
    minor_units,
)

NAMED_IN_ENGLISH = ["USD", "EUR", "GBP", "CNY", "HKD", "JPY", "KWD", "AUD", "CAD", "SGD", "CHF"]
NAMED_IN_CHINESE = {
    "CNY": "人民币",
    "USD": "美元",
    "EUR": "欧元",
    "JPY": "日元",
    "KWD": "科威特第纳尔",
}


def amounts(currencies: list[str]) -> st.SearchStrategy[tuple[str, Decimal]]:
    def at_scale(currency: str) -> st.SearchStrategy[tuple[str, Decimal]]:
        units = minor_units(currency)
        bound = 10 ** (14 + units) - 1
        return st.tuples(
            st.just(currency),
            st.integers(0, bound).map(lambda minor: Decimal(minor).scaleb(-units)),
        )

    return st.sampled_from(currencies).flatmap(at_scale)


# --- a naive reader of financial numerals, to cross-check the writer --------------------------

_DIGIT = {ch: n for n, ch in enumerate("零壹贰叁肆伍陆柒捌玖")}
_SMALL = {"拾": 10, "佰": 100, "仟": 1000}
_FRACTION = {"角": 1, "分": 2, "厘": 3, "毫": 4}


def read_chinese(words: str, prefix: str) -> Decimal:
    """Read the value back digit by digit; ``零`` carries no value, units multiply."""
    assert words.startswith(prefix), words
    body = words.removeprefix(prefix)
    sign = -1 if body.startswith("负") else 1
    body = body.removeprefix("负").removesuffix("整")
    whole_text, _, fraction_text = body.rpartition("元") if "元" in body else ("", "", body)
    total = section = digit = 0
    below_yi = 0
    for ch in whole_text:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in _SMALL:
            section += digit * _SMALL[ch]
            digit = 0
        elif ch == "万":
            below_yi += (section + digit) * 10_000
            section = digit = 0
        elif ch == "亿":
            assert total == 0, f"two 亿 in {words}"
            total = (below_yi + section + digit) * 10**8
            below_yi = section = digit = 0
        else:
            raise AssertionError(f"unexpected {ch!r} in {words}")
    value = Decimal(total + below_yi + section + digit)
    for digit_ch, unit in re.findall(r"([壹贰叁肆伍陆柒捌玖])([角分厘毫])", fraction_text):
        value += Decimal(_DIGIT[digit_ch]).scaleb(-_FRACTION[unit])
    assert re.fullmatch(r"(零?[壹贰叁肆伍陆柒捌玖][角分厘毫])*", fraction_text), words
    return sign * value


# --- English -------------------------------------------------------------------------------------


def test_english_words_follow_the_banking_style() -> None:
    assert amount_in_words_en(Decimal("12345.67"), "USD") == (
        "SAY US DOLLARS TWELVE THOUSAND THREE HUNDRED FORTY-FIVE AND CENTS SIXTY-SEVEN ONLY"
    )


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("12345", "JPY", "SAY JAPANESE YEN TWELVE THOUSAND THREE HUNDRED FORTY-FIVE ONLY"),
        ("12.345", "KWD", "SAY KUWAITI DINARS TWELVE AND FILS THREE HUNDRED FORTY-FIVE ONLY"),
        ("100.05", "USD", "SAY US DOLLARS ONE HUNDRED AND CENTS FIVE ONLY"),
        ("1000000", "EUR", "SAY EUROS ONE MILLION ONLY"),
        ("100000001", "USD", "SAY US DOLLARS ONE HUNDRED MILLION ONE ONLY"),
        ("0.50", "USD", "SAY US DOLLARS ZERO AND CENTS FIFTY ONLY"),
        ("0", "GBP", "SAY POUNDS STERLING ZERO ONLY"),
        ("-5", "USD", "SAY MINUS US DOLLARS FIVE ONLY"),
    ],
)
def test_english_words_name_major_and_minor_units(
    amount: str, currency: str, expected: str
) -> None:
    assert amount_in_words_en(Decimal(amount), currency) == expected


def test_english_words_round_half_up_before_spelling() -> None:
    assert amount_in_words_en(Decimal("12.345"), "USD").endswith("AND CENTS THIRTY-FIVE ONLY")
    assert amount_in_words_en(Decimal("2.5"), "JPY") == "SAY JAPANESE YEN THREE ONLY"


def test_english_words_for_other_currencies_give_the_fraction_in_figures() -> None:
    assert amount_in_words_en(Decimal("1.5"), "BHD") == "SAY BAHRAINI DINAR ONE AND 500/1000 ONLY"
    assert amount_in_words_en(Decimal("7"), "BHD") == "SAY BAHRAINI DINAR SEVEN ONLY"


def test_english_words_fold_accented_currency_names_to_plain_letters() -> None:
    # bank messages (SWIFT) carry no accents or curly quotes
    assert amount_in_words_en(Decimal("3"), "VES") == "SAY BOLIVAR SOBERANO THREE ONLY"
    assert amount_in_words_en(Decimal("3"), "TOP") == "SAY PAANGA THREE ONLY"


def test_english_words_accept_a_lower_case_currency_code() -> None:
    assert amount_in_words_en(Decimal("1.5"), "usd") == amount_in_words_en(Decimal("1.5"), "USD")


def test_words_refuse_an_unknown_currency() -> None:
    with pytest.raises(UnknownCodeError):
        amount_in_words_en(Decimal(1), "XXX")
    with pytest.raises(UnknownCodeError):
        amount_in_words_zh(Decimal(1), "ABC")


@given(amounts(NAMED_IN_ENGLISH))
def test_english_words_contain_only_capital_letters_spaces_and_hyphens(
    pair: tuple[str, Decimal],
) -> None:
    currency, amount = pair
    words = amount_in_words_en(amount, currency)
    assert re.fullmatch(r"[A-Z \-]+", words), words
    assert words.startswith("SAY ") and words.endswith(" ONLY")
    assert "  " not in words
    has_fraction = amount != amount.to_integral_value()
    assert (" AND " in words) == has_fraction


# --- Chinese: the PBOC examples --------------------------------------------------------------


def test_chinese_words_use_financial_numerals_with_the_currency_name() -> None:
    assert amount_in_words_zh(Decimal("12345.67"), "CNY") == "人民币壹万贰仟叁佰肆拾伍元陆角柒分"
    assert amount_in_words_zh(Decimal("12345.67"), "USD") == "美元壹万贰仟叁佰肆拾伍元陆角柒分"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("100.05", "壹佰元零伍分"),  # 角 is 0 but 分 is not: 零 after 元
        ("100000001", "壹亿零壹元整"),  # one 零 for the run of seven zeros
        ("10001000", "壹仟万壹仟元整"),  # 万位 0 but 千位 not: 零 may be left out
        ("1010.10", "壹仟零壹拾元壹角"),
        ("0.50", "伍角"),  # 角 needs no 整
        ("0.05", "伍分"),
        ("10", "壹拾元整"),  # 壹拾, never bare 拾, so nothing can be written in front
        ("0", "零元整"),
        ("100000000", "壹亿元整"),
        ("100010000", "壹亿零壹万元整"),
        ("100500", "壹拾万零伍佰元整"),
        # the examples in the PBOC payment settlement measures, annex 1
        ("1409.50", "壹仟肆佰零玖元伍角"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
    ],
)
def test_chinese_words_follow_the_pboc_rules_for_zeros(amount: str, expected: str) -> None:
    assert amount_in_words_zh(Decimal(amount), "CNY") == "人民币" + expected


@pytest.mark.parametrize(
    ("amount", "allowed"),
    [
        # "万位、元位是0，但千位、角位不是0时，可以只写一个零字，也可以不写零字"
        ("1680.32", {"壹仟陆佰捌拾元零叁角贰分", "壹仟陆佰捌拾元叁角贰分"}),
        (
            "107000.53",
            {"壹拾万柒仟元零伍角叁分", "壹拾万零柒仟元伍角叁分", "壹拾万柒仟元伍角叁分"},
        ),
    ],
)
def test_chinese_words_pick_one_of_the_forms_the_pboc_allows(
    amount: str, allowed: set[str]
) -> None:
    assert amount_in_words_zh(Decimal(amount), "CNY").removeprefix("人民币") in allowed


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1500000000000", "壹万伍仟亿元整"),  # was 壹万亿伍仟亿元整
        ("1000100000000", "壹万零壹亿元整"),  # was 壹万亿零壹亿元整
        ("1000050000000", "壹万亿零伍仟万元整"),
        ("99999999999999", "玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整"),
    ],
)
def test_chinese_words_say_yi_once_above_a_trillion(amount: str, expected: str) -> None:
    assert amount_in_words_zh(Decimal(amount), "CNY") == "人民币" + expected


def test_chinese_words_for_yen_end_in_zheng() -> None:
    assert amount_in_words_zh(Decimal("12345"), "JPY") == "日元壹万贰仟叁佰肆拾伍元整"
    assert amount_in_words_zh(Decimal("2.5"), "JPY") == "日元叁元整"  # rounded half-up first


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1.005", "壹元零伍厘"),
        ("0.123", "壹角贰分叁厘"),
        ("12.340", "壹拾贰元叁角肆分"),
        ("100", "壹佰元整"),
    ],
)
def test_chinese_words_spell_three_decimals_for_dinars(amount: str, expected: str) -> None:
    assert amount_in_words_zh(Decimal(amount), "KWD") == "科威特第纳尔" + expected


def test_chinese_words_keep_the_fourth_decimal_of_four_decimal_currencies() -> None:
    # CLF has four decimals: the last one used to be dropped, leaving 壹元 with no 整
    assert amount_in_words_zh(Decimal("1.0001"), "CLF") == "CLF壹元零壹毫"


def test_chinese_words_accept_a_lower_case_currency_code() -> None:
    # used to print "usd壹元伍角"
    assert amount_in_words_zh(Decimal("1.5"), "usd") == "美元壹元伍角"


def test_chinese_words_mark_a_negative_amount() -> None:
    assert amount_in_words_zh(Decimal("-100"), "USD") == "美元负壹佰元整"


def test_words_refuse_amounts_beyond_any_document() -> None:
    with pytest.raises(InvalidAmountError):
        amount_in_words_zh(Decimal(10**14), "CNY")
    with pytest.raises(InvalidAmountError):
        amount_in_words_en(Decimal(10**14), "USD")


# --- Chinese: properties ----------------------------------------------------------------------


@given(amounts(sorted(NAMED_IN_CHINESE)))
def test_chinese_words_never_repeat_ling_and_end_in_zheng_or_a_fraction_unit(
    pair: tuple[str, Decimal],
) -> None:
    currency, amount = pair
    words = amount_in_words_zh(amount, currency)
    assert "零零" not in words
    assert words[-1] in "整角分厘", words
    body = words.removeprefix(NAMED_IN_CHINESE[currency])
    assert not body.startswith("零") or amount == 0
    assert "零元" not in body or amount == 0
    assert ("整" in words) == (amount == amount.to_integral_value())


@given(amounts(sorted(NAMED_IN_CHINESE)))
def test_chinese_words_read_back_to_the_amount(pair: tuple[str, Decimal]) -> None:
    currency, amount = pair
    words = amount_in_words_zh(amount, currency)
    assert read_chinese(words, NAMED_IN_CHINESE[currency]) == amount


def test_chinese_words_write_one_ling_for_each_run_of_zeros_inside_a_group() -> None:
    # within 仟佰拾个, zeros between non-zero digits are never left out (1409 -> 壹仟肆佰零玖)
    for n in range(1, 10_000):
        runs = len(re.findall("0+", str(n).strip("0")))
        assert amount_in_words_zh(Decimal(n), "CNY").count("零") == runs, n
