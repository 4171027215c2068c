"""Presentments: the canonical business key of a presented document, and the request bodies.

A bank that receives or finances a document records a *presentment*. Two banks presenting the
same document must meet, so the document is named by a business key that every bank computes
the same way from what the document says:

* an invoice: ``invoice`` + seller registration id + invoice number + total amount + currency;
* a transport document: ``transport`` + carrier + document number.

This module only canonicalises text (upper case, no spaces or separators, a decimal without
trailing zeros), so that ``de 136 695 976`` and ``DE136695976``, or ``12500.00`` and ``12500``,
give one key. The key is never written to the log: the bank sends it to the network over its
authenticated API and the network blinds it with a secret only it holds (``notary.presentments``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from exporter_desk.trustnet.errors import TrustnetError

__all__ = [
    "PRESENTMENT_KIND",
    "PresentmentKeyError",
    "canonical_invoice_key",
    "canonical_transport_key",
    "is_canonical_key",
]

PRESENTMENT_KIND = "presentment"
MAX_KEY_LENGTH = 256

_SEPARATORS = re.compile(r"[\s\-./,_]+")
_CODE = re.compile(r"[0-9A-Z]{1,60}")
_CURRENCY = re.compile(r"[A-Z]{3}")
_KEY = re.compile(
    r"invoice\|[0-9A-Z]{1,60}\|[0-9A-Z]{1,60}\|(0|[1-9][0-9]*)(\.[0-9]*[1-9])?\|[A-Z]{3}"
    r"|transport\|[0-9A-Z]{1,60}\|[0-9A-Z]{1,60}"
)


class PresentmentKeyError(TrustnetError):
    """A part of a document's business key is missing or cannot be made canonical."""


def _code(value: str, label: str) -> str:
    if not isinstance(value, str):
        raise PresentmentKeyError(f"{label} is not text")
    code = _SEPARATORS.sub("", value.strip().upper())
    if not _CODE.fullmatch(code):
        raise PresentmentKeyError(
            f"{label} {value[:80]!r} is not 1-60 letters and digits",
            user_message=(
                f"The {label} '{value[:80]}' cannot identify the document: it must have 1 to 60 "
                "letters and digits (spaces, dots, dashes and slashes are ignored)."
            ),
        )
    return code


def _amount(value: str | Decimal) -> str:
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise PresentmentKeyError(
            f"amount {str(value)[:40]!r} is not a number",
            user_message=f"The amount '{str(value)[:40]}' is not a number.",
        ) from exc
    if not amount.is_finite() or amount <= 0 or amount >= Decimal(10) ** 18:
        raise PresentmentKeyError(
            f"amount {str(value)[:40]!r} is not a positive amount",
            user_message=f"The amount '{str(value)[:40]}' must be a positive amount.",
        )
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def canonical_invoice_key(
    seller_registration_id: str, number: str, amount: str | Decimal, currency: str
) -> str:
    """The key of an invoice: ``invoice|<seller id>|<number>|<amount>|<currency>``.

    Raises:
        PresentmentKeyError: a part is empty, too long, not a positive amount or not a
            three-letter currency code.
    """
    code = currency.strip().upper() if isinstance(currency, str) else ""
    if not _CURRENCY.fullmatch(code):
        raise PresentmentKeyError(
            f"currency {str(currency)[:10]!r} is not a three-letter code",
            user_message=f"'{str(currency)[:10]}' is not a currency code such as USD or EUR.",
        )
    parts = (
        "invoice",
        _code(seller_registration_id, "seller registration id"),
        _code(number, "invoice number"),
        _amount(amount),
        code,
    )
    return "|".join(parts)


def canonical_transport_key(carrier: str, document_number: str) -> str:
    """The key of a transport document: ``transport|<carrier>|<document number>``.

    Raises:
        PresentmentKeyError: a part is empty or too long.
    """
    return "|".join(
        (
            "transport",
            _code(carrier, "carrier"),
            _code(document_number, "transport document number"),
        )
    )


def is_canonical_key(value: object) -> bool:
    """Whether ``value`` is a key exactly as the functions above spell it."""
    return isinstance(value, str) and len(value) <= MAX_KEY_LENGTH and bool(_KEY.fullmatch(value))
