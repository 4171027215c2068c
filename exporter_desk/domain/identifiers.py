"""Identifiers a person types that are not code lists: container and seal numbers, bank account
numbers (IBAN), SWIFT/BIC, and the transport references (voyage, flight, B/L number).

Each has a ``parse_*`` that turns any reasonable spelling into one canonical form (what domain
objects hold and the store writes) and a ``format_*`` that gives the display form documents and
lists print; ``parse_x(format_x(c)) == c``. The display forms chosen:

| identifier | canonical | display |
|---|---|---|
| container (ISO 6346) | ``MSKU1234565`` | ``MSKU 123456 5`` (owner + category, serial, check digit, as painted on the box) |
| IBAN | ``DE89370400440532013000`` | ``DE89 3704 0044 0532 0130 00`` (groups of four, ISO 13616) |
| other account numbers | ``456358701234`` | digits in groups of four (``4563 5870 1234``), else as stored |
| SWIFT/BIC | ``DEUTDEFF`` / ``BKCHCNSHXXX`` | the same |
| seal, voyage, flight, B/L no., container type | upper case, no spaces | the same |
"""

from __future__ import annotations

import functools
import re

from stdnum import bic, iban, iso6346
from stdnum.exceptions import ValidationError as StdnumValidationError

from exporter_desk.domain._fold import compact
from exporter_desk.domain.errors import DomainError


class InvalidIdentifierError(DomainError):
    """A container, seal, account, SWIFT/BIC or transport reference that is not well formed."""


def _required(value: str, label: str, example: str) -> str:
    code = compact(value)
    if not code:
        raise InvalidIdentifierError(
            f"empty {label}", user_message=f"The {label} is required; {example}."
        )
    return code


# -- containers ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def parse_container_number(text: str) -> str:
    """``msku 123456 5``, ``MSKU-123456-5``, ``ＭＳＫＵ１２３４５６５`` -> ``MSKU1234565``.

    Raises:
        InvalidIdentifierError: when it is not 4 letters and 7 digits with a right check digit.
    """
    code = _required(text, "container number", "it is 4 letters and 7 digits, such as CSQU3054383")
    code = code.replace("-", "")
    try:
        return str(iso6346.validate(code))
    except StdnumValidationError as exc:
        raise InvalidIdentifierError(
            f"invalid container number {text!r}: {exc}",
            user_message=f"'{text}' is not an ISO 6346 container number ({exc}); "
            "it is 4 letters and 7 digits, such as CSQU3054383.",
        ) from exc


def format_container_number(code: str) -> str:
    """``MSKU1234565`` -> ``MSKU 123456 5``; anything else is printed as stored."""
    if len(code) != 11:
        return code
    return str(iso6346.format(code))


_CONTAINER_TYPE = re.compile(r"[0-9A-Z]{2,10}")


@functools.lru_cache(maxsize=256)
def parse_container_type(text: str) -> str:
    """A size/type code such as ``40HC``, ``20GP`` or ISO 6346's ``45G1``: ``40 hc`` -> ``40HC``.

    Raises:
        InvalidIdentifierError: for anything but 2 to 10 letters and digits.
    """
    code = _required(text, "container type", "use a size/type code such as 40HC or 22G1")
    if not _CONTAINER_TYPE.fullmatch(code):
        raise InvalidIdentifierError(
            f"invalid container type {text!r}",
            user_message=f"'{text}' is not a container type; use 2 to 10 letters and digits, "
            "such as 40HC or 22G1.",
        )
    return code


# -- references: seals, voyages, flights, transport documents ------------------------------

_REFERENCE = re.compile(r"[0-9A-Z][0-9A-Z/.\-]*")


def _parse_reference(text: str, label: str, example: str, limit: int) -> str:
    if not text.isprintable():
        raise InvalidIdentifierError(
            f"control characters in {label} {text!r}",
            user_message=f"The {label} contains invisible control characters; retype it.",
        )
    code = _required(text, label, f"such as {example}")
    if len(code) > limit or not _REFERENCE.fullmatch(code):
        raise InvalidIdentifierError(
            f"invalid {label} {text!r}",
            user_message=f"'{text}' is not a {label}; use at most {limit} letters, digits, "
            f"hyphens, dots or slashes, such as {example}.",
        )
    return code


@functools.lru_cache(maxsize=4096)
def parse_seal_number(text: str) -> str:
    """A container seal number: ``ool gk 8812`` -> ``OOLGK8812``.

    Raises:
        InvalidIdentifierError: for more than 40 characters or anything but letters, digits,
            hyphens, dots and slashes.
    """
    return _parse_reference(text, "seal number", "OOLGK8812", 40)


@functools.lru_cache(maxsize=4096)
def parse_voyage(text: str) -> str:
    """A voyage number: ``061 w`` -> ``061W``.

    Raises:
        InvalidIdentifierError: as :func:`parse_seal_number`, at most 20 characters.
    """
    return _parse_reference(text, "voyage number", "061W", 20)


@functools.lru_cache(maxsize=4096)
def parse_flight(text: str) -> str:
    """An IATA flight designator: ``ca 1234`` -> ``CA1234``.

    Raises:
        InvalidIdentifierError: as :func:`parse_seal_number`, at most 20 characters.
    """
    return _parse_reference(text, "flight number", "CA1234", 20)


@functools.lru_cache(maxsize=4096)
def parse_transport_document_no(text: str) -> str:
    """A B/L, AWB or CMR number: ``oolu 2718456780`` -> ``OOLU2718456780``.

    Raises:
        InvalidIdentifierError: as :func:`parse_seal_number`, at most 40 characters.
    """
    return _parse_reference(text, "transport document number", "OOLU2718456780", 40)


def format_reference(code: str) -> str:
    """Seals, voyages, flights and transport document numbers print as stored."""
    return code


# -- banks ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def parse_iban(text: str) -> str:
    """``de89 3704 0044 0532 0130 00`` -> ``DE89370400440532013000``.

    Raises:
        InvalidIdentifierError: when the IBAN fails its country's length or its check digits.
    """
    code = _required(text, "IBAN", "such as DE89 3704 0044 0532 0130 00")
    try:
        return str(iban.validate(code))
    except StdnumValidationError as exc:
        raise InvalidIdentifierError(
            f"invalid IBAN {text!r}: {exc}",
            user_message=f"'{text}' looks like an IBAN but is not valid ({exc}); "
            "check it against the bank's statement.",
        ) from exc


def format_iban(code: str) -> str:
    """``DE89370400440532013000`` -> ``DE89 3704 0044 0532 0130 00`` (ISO 13616 paper form)."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


_ACCOUNT = re.compile(r"[0-9A-Z](?:[0-9A-Z-]{0,32}[0-9A-Z])?")


@functools.lru_cache(maxsize=4096)
def parse_account_number(text: str) -> str:
    """A bank account number: an IBAN when it starts with two letters, else up to 34 letters,
    digits and hyphens. Spaces are dropped: ``4563 5870 1234`` -> ``456358701234``.

    Raises:
        InvalidIdentifierError: for a bad IBAN or any other character.
    """
    code = _required(text, "account number", "such as 4563 5870 1234 or an IBAN")
    if code[:2].isalpha():
        return parse_iban(code)
    if not _ACCOUNT.fullmatch(code):
        raise InvalidIdentifierError(
            f"invalid account number {text!r}",
            user_message=f"'{text}' is not an account number: an account number has at most 34 "
            "letters and digits (and hyphens).",
        )
    return code


def format_account_number(code: str) -> str:
    """An IBAN or an all-digit account number in groups of four; others as stored."""
    if code[:2].isalpha() or code.isdigit():
        return format_iban(code)
    return code


@functools.lru_cache(maxsize=4096)
def parse_bic(text: str) -> str:
    """A SWIFT/BIC code of 8 or 11 characters: ``deutdeff`` -> ``DEUTDEFF``.

    Raises:
        InvalidIdentifierError: when it is not a well-formed BIC with a real country.
    """
    code = _required(text, "SWIFT/BIC code", "8 or 11 characters such as BKCHCNBJ300")
    try:
        return str(bic.validate(code))
    except StdnumValidationError as exc:
        raise InvalidIdentifierError(
            f"invalid BIC {text!r}: {exc}",
            user_message=f"'{text}' is not a SWIFT/BIC code (8 or 11 characters, "
            "such as BKCHCNBJ300).",
        ) from exc


def format_bic(code: str) -> str:
    """A SWIFT/BIC prints as stored: ``BKCHCNSHXXX``."""
    return code


__all__ = [
    "InvalidIdentifierError",
    "format_account_number",
    "format_bic",
    "format_container_number",
    "format_iban",
    "format_reference",
    "parse_account_number",
    "parse_bic",
    "parse_container_number",
    "parse_container_type",
    "parse_flight",
    "parse_iban",
    "parse_seal_number",
    "parse_transport_document_no",
    "parse_voyage",
]
