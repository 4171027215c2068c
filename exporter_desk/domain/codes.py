"""Code lists used in trade documents, checked against the real lists.

Countries (ISO 3166-1) and currencies (ISO 4217) come from ``pycountry``; registration ids from
``python-stdnum``. Incoterms 2020 and the ISO 4217 minor units are short published tables that no
maintained package carries in ISO form (CLDR, which babel uses, differs from ISO 4217 for some
currencies, e.g. IDR), so they are written here with their source.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

import pycountry
from stdnum import get_cc_module
from stdnum.exceptions import ValidationError as StdnumValidationError

from exporter_desk.domain._fold import compact, fold
from exporter_desk.domain.errors import DomainError


class UnknownCodeError(DomainError):
    """A country, currency, Incoterm, port or HS code that is not in its code list."""


class MissingCodeError(UnknownCodeError):
    """A required code (country, currency, port, HS code) left empty."""


def _missing(what: str, example: str) -> MissingCodeError:
    return MissingCodeError(f"empty {what}", user_message=f"The {what} is required; {example}.")


@functools.lru_cache(maxsize=1)
def _countries_by_name() -> dict[str, str]:
    """Alpha-2 by lower-case alpha-2, alpha-3, ISO short name, official name and common name."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        alpha_2 = str(country.alpha_2)
        for attribute in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                index.setdefault(str(value).casefold(), alpha_2)
    return index


_COUNTRY_EXAMPLE = "use two letters such as CN, DE or VN, or the English name such as China"


@functools.lru_cache(maxsize=1024)
def parse_country(text: str) -> str:
    """The ISO 3166-1 alpha-2 code of a country typed as alpha-2, alpha-3 or its English name.

    ``" cn "``, ``"CHN"``, ``"ｃｎ"``, ``"China"`` and ``"People's Republic of China"`` all give
    ``"CN"``. Informal names that ISO 3166 does not use (``"UK"``, ``"Holland"``) are refused,
    so that a printed origin is always an ISO country.

    Raises:
        MissingCodeError: for an empty text.
        UnknownCodeError: when the text names no country.
    """
    folded = " ".join(fold(text).split())
    if not folded:
        raise _missing("country", _COUNTRY_EXAMPLE)
    alpha_2 = _countries_by_name().get(folded.casefold())
    if alpha_2 is None:
        raise UnknownCodeError(
            f"unknown country code {text!r}",
            user_message=f"'{text}' is not an ISO 3166 country code; {_COUNTRY_EXAMPLE}.",
        )
    return alpha_2


def format_country(alpha_2: str) -> str:
    """The display form of a stored country: its alpha-2 code (``CN``); names come from
    :func:`country_name`. ``parse_country(format_country(c)) == c``."""
    return alpha_2


normalize_country = parse_country  # the older name, kept for callers outside the domain


def country_name(alpha_2: str) -> str:
    """The English short name of a country, for printing."""
    country = pycountry.countries.get(alpha_2=alpha_2)
    if country is None:
        return alpha_2
    return str(getattr(country, "common_name", None) or country.name)


def all_countries() -> list[tuple[str, str]]:
    """(alpha-2, name) for every country, sorted by name: the picker's list."""
    return sorted(
        ((str(c.alpha_2), country_name(str(c.alpha_2))) for c in pycountry.countries),
        key=lambda pair: pair[1],
    )


# ISO 4217 minor units where they are not 2 (list one, "Minor unit" column).
_MINOR_UNITS_NOT_TWO: dict[str, int] = {
    **dict.fromkeys(
        [
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
            "XPF",
        ],
        0,
    ),
    **dict.fromkeys(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], 3),
    **dict.fromkeys(["CLF", "UYW"], 4),
}
# Codes in ISO 4217 with no minor unit because they are not money for an invoice.
_NOT_INVOICE_CURRENCIES = frozenset(
    ["XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"]
)


@functools.lru_cache(maxsize=512)
def parse_currency(text: str) -> str:
    """Return the ISO 4217 alphabetic code for ``text`` (any case, full-width letters too).

    Raises:
        MissingCodeError: for an empty text.
        UnknownCodeError: when the code is not an ISO 4217 currency usable on an invoice.
    """
    code = compact(text)
    if not code:
        raise _missing("currency", "use three letters such as USD, EUR or CNY")
    currency = pycountry.currencies.get(alpha_3=code) if len(code) == 3 else None
    if currency is None or code in _NOT_INVOICE_CURRENCIES:
        raise UnknownCodeError(
            f"unknown currency code {text!r}",
            user_message=f"'{text}' is not an ISO 4217 currency; use three letters such as USD, EUR or CNY.",
        )
    return code


def format_currency(code: str) -> str:
    """The display form of a currency is its code: ``USD``."""
    return code


normalize_currency = parse_currency


@functools.lru_cache(maxsize=512)
def minor_units(currency: str) -> int:
    """Digits after the decimal point for ``currency`` (JPY 0, USD 2, KWD 3)."""
    return _MINOR_UNITS_NOT_TWO.get(normalize_currency(currency), 2)


def currency_name(code: str) -> str:
    currency = pycountry.currencies.get(alpha_3=code)
    return str(currency.name) if currency is not None else code


def all_currencies() -> list[tuple[str, str]]:
    return sorted(
        (str(c.alpha_3), str(c.name))
        for c in pycountry.currencies
        if c.alpha_3 not in _NOT_INVOICE_CURRENCIES
    )


class Incoterm(StrEnum):
    """The eleven Incoterms 2020 rules (ICC publication 723)."""

    EXW = "EXW"
    FCA = "FCA"
    CPT = "CPT"
    CIP = "CIP"
    DAP = "DAP"
    DPU = "DPU"
    DDP = "DDP"
    FAS = "FAS"
    FOB = "FOB"
    CFR = "CFR"
    CIF = "CIF"

    @property
    def label(self) -> str:
        return _INCOTERM_TITLES[self]

    @property
    def is_sea_only(self) -> bool:
        """FAS, FOB, CFR and CIF are for sea and inland waterway transport only."""
        return self in {Incoterm.FAS, Incoterm.FOB, Incoterm.CFR, Incoterm.CIF}

    @property
    def seller_insures(self) -> bool:
        return self in {Incoterm.CIF, Incoterm.CIP}

    @classmethod
    def parse(cls, text: str) -> Incoterm:
        """Raises: UnknownCodeError for anything but the 11 rules of Incoterms 2020."""
        try:
            return cls(text.strip().upper())
        except ValueError as exc:
            rules = ", ".join(member.value for member in cls)
            raise UnknownCodeError(
                f"unknown Incoterm {text!r}",
                user_message=f"'{text}' is not an Incoterms 2020 rule; use one of {rules}.",
            ) from exc


_INCOTERM_TITLES = {
    Incoterm.EXW: "Ex Works",
    Incoterm.FCA: "Free Carrier",
    Incoterm.CPT: "Carriage Paid To",
    Incoterm.CIP: "Carriage and Insurance Paid To",
    Incoterm.DAP: "Delivered at Place",
    Incoterm.DPU: "Delivered at Place Unloaded",
    Incoterm.DDP: "Delivered Duty Paid",
    Incoterm.FAS: "Free Alongside Ship",
    Incoterm.FOB: "Free on Board",
    Incoterm.CFR: "Cost and Freight",
    Incoterm.CIF: "Cost, Insurance and Freight",
}

# UN/LOCODE: ISO 3166 alpha-2 country + 3 characters from A-Z and 2-9 (UNECE Rec. 16).
_LOCODE = re.compile(r"([A-Z]{2})([A-Z2-9]{3})")


@dataclass(frozen=True, slots=True)
class Port:
    """A place by its UN/LOCODE (``CNSHA``) with an optional printed name."""

    locode: str
    name: str = ""

    def __str__(self) -> str:
        return f"{self.name}, {self.locode}" if self.name else self.locode


@functools.lru_cache(maxsize=4096)
def parse_locode(text: str) -> str:
    """Return ``text`` as a five-character UN/LOCODE (``" cn sha "`` -> ``CNSHA``).

    Spaces anywhere are dropped (UNECE prints ``CN SHA``), letters are made upper case and
    full-width characters folded.

    Raises:
        MissingCodeError: for an empty text.
        UnknownCodeError: when it is not a country code followed by three letters or digits 2-9.
    """
    code = compact(text)
    if not code:
        raise _missing("port (UN/LOCODE)", "use the country code and three letters, such as CNSHA")
    match = _LOCODE.fullmatch(code)
    if match is None:
        raise UnknownCodeError(
            f"malformed UN/LOCODE {text!r}",
            user_message=f"'{text}' is not a UN/LOCODE; use the country code and three letters, "
            "such as CNSHA (Shanghai) or DEHAM (Hamburg).",
        )
    country, place = match.groups()
    parse_country(country)
    return country + place


def format_locode(code: str) -> str:
    """Documents print a UN/LOCODE as its five characters, ``CNSHA`` (as B/Ls do)."""
    return code


normalize_locode = parse_locode


_HS = re.compile(r"^[0-9]{6}([0-9]{2}){0,2}$")
_HS_SEPARATORS = re.compile(r"[.\s-]")


@functools.lru_cache(maxsize=4096)
def parse_hs_code(text: str) -> str:
    """Return an HS code as 6, 8 or 10 digits: ``8471.30``, ``8471 30``, ``８４７１．３０`` ->
    ``847130``.

    Dots, spaces and hyphens between digits are dropped, full-width digits folded. The first two
    digits are the chapter, 01 to 97 (77 is reserved for future use).

    Raises:
        MissingCodeError: for an empty text.
        UnknownCodeError: for letters, a wrong length or a chapter that does not exist.
    """
    folded = fold(text)
    if not folded:
        raise _missing("HS code", "use 6, 8 or 10 digits, such as 8471.30")
    digits = _HS_SEPARATORS.sub("", folded)
    if not _HS.fullmatch(digits):  # ASCII only: NFKC has already turned full-width digits to ASCII
        raise UnknownCodeError(
            f"malformed HS code {text!r}",
            user_message=f"'{text}' is not an HS code; use 6, 8 or 10 digits, such as 8471.30 or 8471300000.",
        )
    chapter = int(digits[:2])
    if not 1 <= chapter <= 97 or chapter == 77:
        raise UnknownCodeError(
            f"HS chapter {digits[:2]} does not exist",
            user_message=f"'{text}' starts with chapter {digits[:2]}, which the HS does not have "
            "(chapters are 01 to 97, 77 unused).",
        )
    return digits


normalize_hs_code = parse_hs_code


def format_hs_code(digits: str) -> str:
    """``847130`` -> ``8471.30``, ``84713000`` -> ``8471.30.00``: as customs forms print it.

    A value that is not canonical (a row the migration could not parse) is parsed first, and
    printed as it is when it cannot be, never cut into pieces.
    """
    if not _HS.fullmatch(digits):
        try:
            digits = parse_hs_code(digits)
        except UnknownCodeError:
            return digits
    head = f"{digits[:4]}.{digits[4:6]}"
    rest = [digits[i : i + 2] for i in range(6, len(digits), 2)]
    return ".".join([head, *rest])


class InvalidRegistrationIdError(DomainError):
    """A tax or company registration number that fails its country's format or check digit."""


_EU_VAT_COUNTRIES = frozenset(
    [
        "at",
        "be",
        "bg",
        "cy",
        "cz",
        "de",
        "dk",
        "ee",
        "es",
        "fi",
        "fr",
        "gr",
        "hr",
        "hu",
        "ie",
        "it",
        "lt",
        "lu",
        "lv",
        "mt",
        "nl",
        "pl",
        "pt",
        "ro",
        "se",
        "si",
        "sk",
    ]
)


@functools.lru_cache(maxsize=4096)
def parse_registration_id(country: str, value: str) -> str:
    """A company's tax / registration id for its country, checked with its check digit, in its
    compact canonical form.

    China uses the 18-character unified social credit code (GB 32100-2015), stored in upper case
    without spaces (``91310000ma1fl4ct3u`` -> ``91310000MA1FL4CT3U``); EU countries use the VAT
    number with its country prefix (``de 136 695 976`` -> ``DE136695976``); other countries the
    VAT or tax number module python-stdnum has for them. Countries it does not know are accepted
    as printable text (folded and trimmed).

    Raises:
        InvalidRegistrationIdError: when the number fails its format or check digit.
    """
    text = fold(value)
    cc = country.lower()
    vat_module = None if cc == "cn" else get_cc_module(cc, "vat")
    module = get_cc_module(cc, "uscc") if cc == "cn" else vat_module
    module = module or get_cc_module(cc, "tin")
    if module is None:
        if not text.isprintable() or len(text) > 40:
            raise InvalidRegistrationIdError(
                f"unprintable registration id {value!r}",
                user_message="The registration id must be at most 40 printable characters.",
            )
        return text
    try:
        compact_id = str(module.validate(text))
        # EU VAT numbers are printed with their country prefix (DE136695976); stdnum strips it.
        if module is vat_module and cc in _EU_VAT_COUNTRIES and not compact_id[:2].isalpha():
            prefix = "EL" if cc == "gr" else cc.upper()
            return prefix + compact_id
        return compact_id
    except StdnumValidationError as exc:
        what = "unified social credit code" if cc == "cn" else "tax or registration number"
        raise InvalidRegistrationIdError(
            f"invalid {cc} registration id {value!r}: {exc}",
            user_message=f"'{value}' is not a valid {what} for {country_name(country.upper())}: "
            f"{str(exc).rstrip('.')}. Check it against the company's licence.",
        ) from exc


def format_registration_id(canonical: str) -> str:
    """Registration ids print in their compact form (``91310000MA1FL4CT3U``, ``DE136695976``),
    the way licences and VIES show them."""
    return canonical


normalize_registration_id = parse_registration_id


__all__ = [
    "Incoterm",
    "InvalidRegistrationIdError",
    "MissingCodeError",
    "Port",
    "UnknownCodeError",
    "all_countries",
    "all_currencies",
    "country_name",
    "currency_name",
    "format_country",
    "format_currency",
    "format_hs_code",
    "format_locode",
    "format_registration_id",
    "minor_units",
    "normalize_country",
    "normalize_currency",
    "normalize_hs_code",
    "normalize_locode",
    "normalize_registration_id",
    "parse_country",
    "parse_currency",
    "parse_hs_code",
    "parse_locode",
    "parse_registration_id",
]
