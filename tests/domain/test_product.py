"""Products and package dimensions: every rule with a good and a bad example."""

from __future__ import annotations

from decimal import Decimal

import pytest

from exporter_desk.domain import Dimensions, ValidationError
from tests.domain._factories import fields_of, only_problem, product


def test_a_complete_product_has_no_problems_and_validates_to_itself() -> None:
    good = product()
    assert good.problems() == []
    assert good.validated() is good


def test_a_product_without_package_dimensions_is_complete() -> None:
    assert product(package=None).problems() == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"sku": ""}, "sku", "The SKU is required."),
        ({"sku": "S" * 65}, "sku", "The SKU is 65 characters long; at most 64 fit."),
        ({"description_en": " "}, "description_en", "The English description is required."),
        (
            {"description_zh": "杯\x07"},
            "description_zh",
            "The Chinese description contains invisible control characters; retype it.",
        ),
        ({"unit_price": Decimal("-0.01")}, "unit_price", "The unit price must be zero or more."),
        (
            {"unit_price": Decimal("0.1234567")},
            "unit_price",
            "The unit price has more than 6 decimal places.",
        ),
        (
            {"net_weight_kg": Decimal("-1"), "gross_weight_kg": Decimal("0")},
            "net_weight_kg",
            "The net weight must be zero or more.",
        ),
        (
            {"net_weight_kg": Decimal("0.12345")},
            "net_weight_kg",
            "The net weight has more than 4 decimal places.",
        ),
        (
            {"gross_weight_kg": Decimal("0.40001")},
            "gross_weight_kg",
            "The gross weight has more than 4 decimal places.",
        ),
        (
            {"gross_weight_kg": Decimal("0.34")},
            "gross_weight_kg",
            "The gross weight cannot be less than the net weight.",
        ),
        ({"units_per_package": 0}, "units_per_package", "At least one unit goes in a package."),
    ],
)
def test_each_product_rule_reports_its_field(
    changes: dict[str, object], field: str, message: str
) -> None:
    problem = only_problem(product(**changes).problems())
    assert (problem.field, problem.message) == (field, message)


@pytest.mark.parametrize(
    ("field", "value", "hint"),
    [
        ("hs_code", "8471AB", "is not an HS code"),
        ("hs_code", "770000", "chapter 77"),
        ("currency", "XXX", "is not an ISO 4217 currency"),
        ("origin_country", "XX", "is not an ISO 3166 country code"),
    ],
)
def test_product_codes_are_checked_against_their_lists(field: str, value: str, hint: str) -> None:
    problem = only_problem(product(**{field: value}).problems())
    assert problem.field == field
    assert hint in problem.message


def test_a_free_sample_may_have_a_zero_price_and_weight() -> None:
    assert (
        product(
            unit_price=Decimal(0), net_weight_kg=Decimal(0), gross_weight_kg=Decimal(0)
        ).problems()
        == []
    )


def test_trailing_zeros_do_not_count_as_decimal_places() -> None:
    # spreadsheets export "1.2500000": it is the same price as 1.25
    assert (
        product(unit_price=Decimal("1.2500000"), net_weight_kg=Decimal("0.350000")).problems() == []
    )


def test_package_problems_are_nested_under_package() -> None:
    bad = Dimensions(Decimal("0"), Decimal("30.25"), Decimal("-1"))
    problems = product(package=bad).problems()
    assert fields_of(problems) == ["package.length_cm", "package.width_cm", "package.height_cm"]
    assert [p.message for p in problems] == [
        "Length must be more than zero.",
        "Width has more than 1 decimal place.",
        "Height must be more than zero.",
    ]


def test_package_volume_is_exact_in_cubic_metres() -> None:
    assert Dimensions(Decimal("40"), Decimal("30"), Decimal("25.5")).volume_m3 == Decimal("0.0306")
    assert Dimensions(Decimal("0.1"), Decimal("0.1"), Decimal("0.1")).volume_m3 == Decimal("1E-9")


def test_validated_lists_every_problem_of_the_product() -> None:
    with pytest.raises(ValidationError) as caught:
        product(sku="", units_per_package=0).validated()
    assert caught.value.subject == "product"
    assert fields_of(list(caught.value.problems)) == ["sku", "units_per_package"]
    assert caught.value.user_message.startswith("The product has 2 problems to fix:")
