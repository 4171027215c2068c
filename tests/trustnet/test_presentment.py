"""The canonical business key of a presented document: one spelling per document, so that two
banks typing the same invoice differently still meet, and nothing else is accepted."""

from __future__ import annotations

from decimal import Decimal

import pytest

from exporter_desk.trustnet.presentment import (
    PresentmentKeyError,
    canonical_invoice_key,
    canonical_transport_key,
    is_canonical_key,
)


def test_an_invoice_typed_two_ways_gives_one_key() -> None:
    first = canonical_invoice_key("DE136695976", "INV-2026/0042", "12500.00", "EUR")
    second = canonical_invoice_key(" de 136 695 976 ", "inv 2026.0042", Decimal("12500"), "eur")
    assert first == second == "invoice|DE136695976|INV20260042|12500|EUR"
    assert is_canonical_key(first)


def test_amounts_keep_their_fraction_and_lose_only_trailing_zeros() -> None:
    key = canonical_invoice_key("91310000MA1FL4CT3U", "A1", "1,234.50", "USD")
    assert key.endswith("|1234.5|USD")
    assert canonical_invoice_key("X1", "A1", "0.10", "USD") != canonical_invoice_key(
        "X1", "A1", "0.01", "USD"
    )


def test_a_transport_document_key_is_carrier_and_number() -> None:
    key = canonical_transport_key("oolu", "oolu 2718456780")
    assert key == "transport|OOLU|OOLU2718456780"
    assert is_canonical_key(key)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", "INV-1", "1", "EUR"), "seller registration id"),
        (("DE1", "INV 1 ÄÖ", "1", "EUR"), "invoice number"),
        (("DE1", "INV-1", "-5", "EUR"), "positive amount"),
        (("DE1", "INV-1", "NaN", "EUR"), "positive amount"),
        (("DE1", "INV-1", "ten", "EUR"), "is not a number"),
        (("DE1", "INV-1", "1", "EURO"), "currency code"),
    ],
)
def test_a_part_that_cannot_identify_the_invoice_is_refused_with_a_reason(
    args: tuple[str, str, str, str], message: str
) -> None:
    with pytest.raises(PresentmentKeyError) as caught:
        canonical_invoice_key(*args)
    assert message in caught.value.user_message


@pytest.mark.parametrize(
    "value",
    [
        "invoice|DE1|INV1|12500.00|EUR",  # trailing zeros
        "invoice|de1|INV1|1|EUR",  # lower case
        "invoice|DE1|INV 1|1|EUR",
        "transport|OOLU",
        "INV-1",
        None,
        "transport|" + "A" * 61 + "|B",
    ],
)
def test_only_the_canonical_spelling_is_a_key(value: object) -> None:
    assert not is_canonical_key(value)
