"""Identifiers (containers, seals, accounts): an empty required one says what it should look like."""

from __future__ import annotations

import pytest

from exporter_desk.domain import InvalidIdentifierError, parse_container_number


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_an_empty_container_number_is_required_and_shows_an_example(text: str) -> None:
    with pytest.raises(InvalidIdentifierError) as caught:
        parse_container_number(text)
    assert caught.value.user_message == (
        "The container number is required; it is 4 letters and 7 digits, such as CSQU3054383."
    )


def test_a_container_number_with_a_wrong_check_digit_is_refused_with_a_message() -> None:
    with pytest.raises(InvalidIdentifierError) as caught:
        parse_container_number("CSQU3054384")
    assert "CSQU3054384" in caught.value.user_message
