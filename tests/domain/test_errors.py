"""Domain errors: one root, two audiences, and a user message for every kind."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from exporter_desk.domain import (
    DomainError,
    InvalidAmountError,
    InvalidRegistrationIdError,
    Money,
    Problem,
    UnknownCodeError,
    ValidationError,
    normalize_country,
    normalize_registration_id,
    parse_container_number,
    parse_country,
    parse_decimal,
)
from exporter_desk.domain.swift import parse_swift_date
from exporter_desk.errors import ExporterError
from tests.domain._factories import assert_sentence, party


def all_subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    for sub in list(found):
        found |= all_subclasses(sub)
    return found


def raise_each() -> dict[type[DomainError], DomainError]:
    """One real instance of every domain error, raised by the code that raises it."""
    caught: dict[type[DomainError], DomainError] = {}
    attempts: list[Callable[[], object]] = [
        lambda: parse_decimal("abc"),
        lambda: normalize_country("ZZ"),
        lambda: parse_country("  "),
        lambda: parse_container_number("MSKU1234566"),
        lambda: normalize_registration_id("CN", "91310000MA1FL4CT3A"),
        lambda: party(name_en="").validated(),
        lambda: Money(Decimal("1.5"), "JPY"),
        lambda: parse_swift_date("2026-11-02"),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as info:
            attempt()
        caught[type(info.value)] = info.value
    return caught


def test_every_domain_error_kind_is_raised_with_a_readable_user_message() -> None:
    # a new DomainError subclass fails here until a test raises it and reads its message
    caught = raise_each()
    ours = {
        c for c in all_subclasses(DomainError) if c.__module__.startswith("exporter_desk.domain")
    }
    assert set(caught) == ours
    for error in caught.values():
        assert_sentence(error.user_message)
        assert error.user_message != str(error)  # two audiences: person and log


@pytest.mark.parametrize(
    "cls",
    [
        DomainError,
        ValidationError,
        InvalidAmountError,
        UnknownCodeError,
        InvalidRegistrationIdError,
    ],
)
def test_domain_errors_are_exporter_errors_and_never_value_errors(cls: type) -> None:
    # a stray "except ValueError" must not swallow a bad amount or code
    assert issubclass(cls, ExporterError)
    assert not issubclass(cls, ValueError)


def test_an_error_raised_from_a_library_keeps_its_cause() -> None:
    with pytest.raises(InvalidAmountError) as caught:
        parse_decimal("1.2.3")
    assert caught.value.__cause__ is not None
    with pytest.raises(InvalidRegistrationIdError) as caught_id:
        normalize_registration_id("DE", "DE1")
    assert caught_id.value.__cause__ is not None


def test_a_validation_error_with_one_problem_says_problem_in_the_singular() -> None:
    error = ValidationError("invoice", [Problem("number", "The invoice number is required.")])
    assert error.user_message == (
        "The invoice has 1 problem to fix: number: The invoice number is required."
    )
    assert str(error) == "invalid invoice: number: The invoice number is required."
    assert error.messages_for("number") == ["The invoice number is required."]
    assert error.messages_for("date") == []


def test_a_problem_seen_from_its_container_gets_a_dotted_path() -> None:
    problem = Problem("hs_code", "Use 6, 8 or 10 digits.")
    assert problem.nested("lines.2") == Problem("lines.2.hs_code", "Use 6, 8 or 10 digits.")
