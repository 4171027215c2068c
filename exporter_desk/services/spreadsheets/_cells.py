"""Cell values: numbers written the way people write them, and text a spreadsheet would run."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

Cell = str | int | float | Decimal | bool | dt.datetime | dt.date | dt.time | None

# OWASP's list: a cell starting with one of these is a formula to Excel, LibreOffice or WPS
# (``=cmd|' /C calc'!A0``, ``@SUM(...)``, ``+HYPERLINK(...)``), and tab / CR hide one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?[\d\s.,]+%?$")
_PHONE = re.compile(r"^\+[\d\s().-]+$")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would treat ``text`` as a formula (or DDE call) to run.

    A plain signed number (``-12.5``) or a phone number (``+86 21 5555 0100``) is data.
    """
    stripped = text.lstrip(" ")
    if not stripped or not stripped.startswith(_FORMULA_START):
        return False
    if stripped.startswith(("=", "@", "\t", "\r")):
        return True
    return not (_PLAIN_NUMBER.match(stripped) or _PHONE.match(stripped))


def neutralise_for_csv(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs: a leading ``'`` before formula-like text."""
    return "'" + text if is_formula_like(text) else text


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def parse_decimal(value: Cell, *, decimal_comma: bool = False) -> Decimal:
    """A number as a person typed it: ``1,234.50``, ``1.234,50``, ``1 234,5``, ``12.3``.

    With both separators, the last one is the decimal point. With only commas, ``decimal_comma``
    (a semicolon-separated CSV, as European spreadsheets write them) says whether ``12,5`` is
    twelve and a half; otherwise a comma followed by three digits groups thousands.

    Raises:
        ValueError: when the value is not a number (the caller words the problem).
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"not a number: {value!r}")
        # Excel keeps 15 significant digits; past them a float's digits are binary noise
        # (124.44999999999999 for 124.45), which would fail "at most 6 decimals" checks.
        return Decimal(format(value, ".15g"))
    if not isinstance(value, str):
        raise ValueError(f"not a number: {value!r}")
    text = _SPACES.sub("", value)
    if not text:
        raise ValueError("empty")
    comma, dot = text.rfind(","), text.rfind(".")
    if comma >= 0 and dot >= 0:
        text = text.replace(".", "").replace(",", ".") if comma > dot else text.replace(",", "")
    elif comma >= 0:
        groups = text.split(",")
        thousands = len(groups) > 1 and all(len(g) == 3 for g in groups[1:])
        if decimal_comma and len(groups) == 2:
            text = text.replace(",", ".")
        elif thousands:
            text = text.replace(",", "")
        elif len(groups) == 2:
            text = text.replace(",", ".")
        else:
            raise ValueError(f"not a number: {value!r}")
    elif dot >= 0 and text.count(".") > 1:
        # 1.234.567 groups thousands with dots
        if all(len(g) == 3 for g in text.split(".")[1:]):
            text = text.replace(".", "")
        else:
            raise ValueError(f"not a number: {value!r}")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", text):
        raise ValueError(f"not a number: {value!r}")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc


__all__ = ["Cell", "is_formula_like", "neutralise_for_csv", "parse_decimal"]
