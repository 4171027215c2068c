"""Amounts in words, as invoices, L/C drafts and Chinese contracts print them.

English: ``SAY US DOLLARS TWELVE THOUSAND THREE HUNDRED FORTY-FIVE AND CENTS SIXTY-SEVEN ONLY``
(the banking style: no "and" inside the number, "AND" before the minor part).
Chinese: financial numerals (大写), ``美元壹万贰仟叁佰肆拾伍元陆角柒分``, following the rules of the
People's Bank of China payment settlement measures: one 零 for a run of zeros inside the number,
整 when there is no fractional part.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from exporter_desk.domain.codes import currency_name, minor_units, normalize_currency
from exporter_desk.domain.money import round_money

# Major and minor unit names for the currencies exporters use most; others fall back to the
# ISO 4217 name with the minor part as a fraction ("AND 67/100").
_ENGLISH_UNITS: dict[str, tuple[str, str | None]] = {
    "USD": ("US DOLLARS", "CENTS"),
    "EUR": ("EUROS", "CENTS"),
    "GBP": ("POUNDS STERLING", "PENCE"),
    "CNY": ("CHINESE YUAN", "FEN"),
    "HKD": ("HONG KONG DOLLARS", "CENTS"),
    "JPY": ("JAPANESE YEN", None),
    "KWD": ("KUWAITI DINARS", "FILS"),
    "AUD": ("AUSTRALIAN DOLLARS", "CENTS"),
    "CAD": ("CANADIAN DOLLARS", "CENTS"),
    "SGD": ("SINGAPORE DOLLARS", "CENTS"),
    "CHF": ("SWISS FRANCS", "CENTIMES"),
    "VND": ("VIETNAMESE DONG", None),
    "AED": ("UAE DIRHAMS", "FILS"),
}

_CHINESE_CURRENCY: dict[str, str] = {
    "CNY": "人民币",
    "USD": "美元",
    "EUR": "欧元",
    "JPY": "日元",
    "HKD": "港币",
    "GBP": "英镑",
    "KWD": "科威特第纳尔",
    "VND": "越南盾",
    "AUD": "澳元",
    "CAD": "加元",
    "SGD": "新加坡元",
    "CHF": "瑞士法郎",
    "AED": "阿联酋迪拉姆",
}
_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_FRACTION_UNITS = ("角", "分", "厘", "毫")  # CLF and UYW have four decimals


def _ascii_upper(name: str) -> str:
    """Bank messages (SWIFT) carry no accents: "Bolívar" -> "BOLIVAR", "Pa’anga" -> "PAANGA"."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()


def _english_integer(n: int) -> str:
    # Imported here: num2words loads all its languages, and most screens show no words.
    from num2words import num2words

    words = str(num2words(n, lang="en"))
    return words.replace(",", "").replace(" and ", " ").upper()


def amount_in_words_en(amount: Decimal, currency: str) -> str:
    """The amount in English words, upper case, as banks expect on invoices and drafts."""
    currency = normalize_currency(currency)
    value = round_money(amount, currency)
    negative = value < 0
    value = abs(value)
    units = minor_units(currency)
    whole = int(value)
    fraction = int((value - whole).scaleb(units))
    major, minor = _ENGLISH_UNITS.get(currency, (_ascii_upper(currency_name(currency)), None))
    text = f"{major} {_english_integer(whole)}"
    if fraction:
        if minor is not None:
            text += f" AND {minor} {_english_integer(fraction)}"
        else:
            text += f" AND {fraction:0{units}d}/{10**units}"
    prefix = "SAY MINUS " if negative else "SAY "
    return f"{prefix}{text} ONLY"


def _chinese_group(n: int) -> str:
    """A number 1..9999 in financial numerals, without leading zero."""
    out: list[str] = []
    pending_zero = False
    for power, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        digit = n // power % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_DIGITS[digit] + unit)
    return "".join(out)


def _chinese_wan(n: int) -> str:
    """A number 1..9999_9999: groups of four digits joined by 万."""
    high, low = divmod(n, 10_000)
    if not high:
        return _chinese_group(low)
    text = _chinese_group(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _chinese_group(low)
    return text


def _chinese_integer(n: int) -> str:
    # 亿 multiplies everything before it: 1.5e12 is 壹万伍仟亿, never 壹万亿伍仟亿.
    if n == 0:
        return "零"
    if n >= 10**16:
        raise OverflowError("amount too large for Chinese numerals")
    high, low = divmod(n, 10**8)
    if not high:
        return _chinese_wan(low)
    text = _chinese_wan(high) + "亿"
    if low:
        # 零 for zeros before the low part, or for a whole group of zeros at 亿 (1万亿零5仟万)
        gap = low < 10**7 or high % 10_000 == 0
        text += ("零" if gap else "") + _chinese_wan(low)
    return text


def amount_in_words_zh(amount: Decimal, currency: str) -> str:
    """The amount in Chinese financial numerals (大写), with the currency's Chinese name."""
    currency = normalize_currency(currency)
    value = round_money(amount, currency)
    negative = value < 0
    value = abs(value)
    units = minor_units(currency)
    whole = int(value)
    fraction_digits = (
        [int(d) for d in f"{int((value - whole).scaleb(units)):0{units}d}"] if units else []
    )
    name = _CHINESE_CURRENCY.get(currency, currency)
    text = ""
    if whole or not any(fraction_digits):
        text = _chinese_integer(whole) + "元"
    if not any(fraction_digits):
        text += "整"
    else:
        zero_run = False
        for digit, unit in zip(fraction_digits, _FRACTION_UNITS, strict=False):
            if digit == 0:
                zero_run = bool(text)
                continue
            if zero_run:
                text += "零"
                zero_run = False
            text += _DIGITS[digit] + unit
    return f"{name}{'负' if negative else ''}{text}"


__all__ = ["amount_in_words_en", "amount_in_words_zh"]
