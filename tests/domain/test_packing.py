"""Packing lists: package ranges, totals rounded once, and packing an invoice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from exporter_desk.domain import (
    Dimensions,
    InvoiceId,
    PackageRange,
    PackageType,
    PackingList,
    ShipmentId,
    Unit,
    ValidationError,
)
from tests.domain._factories import DAY, fields_of, invoice, line, only_problem, product

CARTON = Dimensions(Decimal("40"), Decimal("30"), Decimal("25.5"))  # 0.0306 m3


def package(**changes: Any) -> PackageRange:
    fields: dict[str, Any] = {
        "first": 1,
        "last": 10,
        "package_type": PackageType.CARTON,
        "description": "Ceramic mug, 350 ml",
        "quantity_per_package": Decimal(24),
        "unit": Unit.PCS,
        "net_kg_per_package": Decimal("8.40"),
        "gross_kg_per_package": Decimal("9.60"),
        "dimensions": CARTON,
        "sku": "MUG-350",
    }
    fields.update(changes)
    return PackageRange(**fields)


def packing_list(*packages: PackageRange, **changes: Any) -> PackingList:
    fields: dict[str, Any] = {
        "number": "PL-2024-001",
        "date": DAY,
        "invoice_id": InvoiceId(21),
        "packages": packages or (package(),),
    }
    fields.update(changes)
    return PackingList(**fields)


# --- package ranges ----------------------------------------------------------------------------


def test_a_range_multiplies_its_per_package_figures_by_its_count() -> None:
    rng = package(first=3, last=12)
    assert rng.count == 10
    assert rng.quantity == Decimal(240)
    assert rng.net_kg == Decimal("84.00")
    assert rng.gross_kg == Decimal("96.00")
    assert rng.volume_m3 == Decimal("0.3060")
    assert rng.numbers == "3-12"


def test_a_single_package_prints_one_number_and_no_dimensions_mean_no_volume() -> None:
    rng = package(first=7, last=7, dimensions=None)
    assert rng.numbers == "7"
    assert rng.volume_m3 == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"first": 0}, "last", "Package numbers run from the first to the last, starting at 1."),
        (
            {"first": 5, "last": 4},
            "last",
            "Package numbers run from the first to the last, starting at 1.",
        ),
        ({"description": ""}, "description", "The contents is required."),
        (
            {"quantity_per_package": Decimal(0)},
            "quantity_per_package",
            "The quantity must be more than zero.",
        ),
        (
            {"net_kg_per_package": Decimal("-0.1")},
            "net_kg_per_package",
            "The net weight must be zero or more.",
        ),
        (
            {"gross_kg_per_package": Decimal("8.39")},
            "gross_kg_per_package",
            "The gross weight cannot be less than the net weight.",
        ),
    ],
)
def test_each_package_rule_reports_its_field(
    changes: dict[str, object], field: str, message: str
) -> None:
    problem = only_problem(package(**changes).problems())
    assert (problem.field, problem.message) == (field, message)


def test_a_package_must_weigh_something_gross() -> None:
    problems = package(net_kg_per_package=Decimal(0), gross_kg_per_package=Decimal(0)).problems()
    assert [(p.field, p.message) for p in problems] == [
        ("gross_kg_per_package", "The gross weight must be more than zero.")
    ]


def test_package_dimension_problems_are_nested() -> None:
    bad = Dimensions(Decimal("40"), Decimal("0"), Decimal("25"))
    assert fields_of(package(dimensions=bad).problems()) == ["dimensions.width_cm"]


# --- packing list totals -----------------------------------------------------------------------


def test_a_complete_packing_list_has_no_problems_and_validates_to_itself() -> None:
    good = packing_list()
    assert good.problems() == []
    assert good.validated() is good


def test_totals_add_up_every_range() -> None:
    doc = packing_list(package(first=1, last=10), package(first=11, last=11, dimensions=None))
    assert doc.package_count() == 11
    assert doc.net_kg() == Decimal("92.40")
    assert doc.gross_kg() == Decimal("105.60")
    assert doc.volume_m3() == Decimal("0.306")


def test_weights_are_rounded_half_up_to_ten_grams_after_summing() -> None:
    doc = packing_list(
        package(
            first=1,
            last=1,
            net_kg_per_package=Decimal("1.0025"),
            gross_kg_per_package=Decimal("1.0049"),
        ),
        package(
            first=2,
            last=2,
            net_kg_per_package=Decimal("1.0025"),
            gross_kg_per_package=Decimal("1.0001"),
        ),
    )
    assert doc.net_kg() == Decimal("2.01")  # 2.005 rounds up, not to even
    assert doc.gross_kg() == Decimal("2.01")  # 2.005 as well, though each alone rounds to 1.00


def test_volume_is_summed_exactly_and_rounded_once_to_a_litre() -> None:
    small = Dimensions(Decimal("10"), Decimal("10"), Decimal("5"))  # 0.0005 m3
    one = packing_list(package(first=1, last=1, dimensions=small))
    three = packing_list(package(first=1, last=3, dimensions=small))
    assert one.volume_m3() == Decimal("0.001")  # half-up
    assert three.volume_m3() == Decimal("0.002")  # 0.0015, not 3 x 0.001


def test_a_packing_list_needs_a_number_and_packages() -> None:
    doc = PackingList("", DAY, InvoiceId(1), ())
    assert [(p.field, p.message) for p in doc.problems()] == [
        ("number", "The packing list number is required."),
        ("packages", "Add at least one package."),
    ]


def test_overlapping_package_numbers_are_refused_on_the_later_range() -> None:
    doc = packing_list(package(first=1, last=10), package(first=10, last=12))
    problem = only_problem(doc.problems())
    assert (problem.field, problem.message) == (
        "packages.1.first",
        "Package numbers overlap an earlier range.",
    )


def test_package_problems_carry_their_index() -> None:
    doc = packing_list(package(first=1, last=2), package(first=3, last=3, description=""))
    assert fields_of(doc.problems()) == ["packages.1.description"]


def test_validated_lists_every_problem_of_the_packing_list() -> None:
    with pytest.raises(ValidationError) as caught:
        packing_list(number="", marks="\x00").validated()
    assert caught.value.subject == "packing list"
    assert fields_of(list(caught.value.problems)) == ["number", "marks"]


# --- packing an invoice --------------------------------------------------------------------


def test_an_invoice_line_is_packed_in_full_packages_and_a_partial_last_one() -> None:
    doc = invoice(lines=(line(quantity=Decimal(1005)),), marks="ACME\nHAMBURG")
    packed = PackingList.from_invoice(doc, {"MUG-350": product()}, number="PL-1", date=DAY)
    full, partial = packed.packages
    assert (full.first, full.last, full.quantity_per_package) == (1, 41, Decimal(24))
    assert (full.net_kg_per_package, full.gross_kg_per_package) == (
        Decimal("8.40"),
        Decimal("9.60"),
    )
    # 1005 = 41 x 24 + 21: the last carton holds 21 mugs and weighs in proportion
    assert (partial.first, partial.last, partial.quantity_per_package) == (42, 42, Decimal(21))
    assert (partial.net_kg_per_package, partial.gross_kg_per_package) == (
        Decimal("7.35"),
        Decimal("8.40"),
    )
    assert partial.dimensions == full.dimensions
    assert packed.package_count() == 42
    assert sum((p.quantity for p in packed.packages), Decimal(0)) == Decimal(1005)
    assert (packed.net_kg(), packed.gross_kg(), packed.volume_m3()) == (
        Decimal("351.75"),
        Decimal("402.00"),
        Decimal("1.285"),
    )
    assert (packed.invoice_id, packed.marks) == (doc.id, "ACME\nHAMBURG")
    assert packed.problems() == []


def test_a_quantity_that_fills_whole_packages_has_no_partial_package() -> None:
    doc = invoice(lines=(line(quantity=Decimal(48)),))
    packed = PackingList.from_invoice(doc, {"MUG-350": product()}, number="PL-1", date=DAY)
    assert [p.numbers for p in packed.packages] == ["1-2"]


def test_less_than_one_package_is_packed_in_one_partial_package() -> None:
    doc = invoice(lines=(line(quantity=Decimal(5)),))
    packed = PackingList.from_invoice(doc, {"MUG-350": product()}, number="PL-1", date=DAY)
    assert [(p.numbers, p.quantity) for p in packed.packages] == [("1", Decimal(5))]


def test_package_numbers_run_on_across_invoice_lines() -> None:
    plate = product(
        sku="PLATE-27",
        description_en="Dinner plate, 27 cm",
        units_per_package=12,
        net_weight_kg=Decimal("0.9"),
        gross_weight_kg=Decimal("1.0"),
        package_type=PackageType.CASE,
    )
    doc = invoice(
        lines=(
            line(quantity=Decimal(50)),
            line(sku="PLATE-27", description_en="Dinner plate, 27 cm", quantity=Decimal(36)),
        )
    )
    packed = PackingList.from_invoice(
        doc, {"MUG-350": product(), "PLATE-27": plate}, number="PL-1", date=DAY
    )
    assert [(p.numbers, p.sku, p.package_type) for p in packed.packages] == [
        ("1-2", "MUG-350", PackageType.CARTON),
        ("3", "MUG-350", PackageType.CARTON),
        ("4-6", "PLATE-27", PackageType.CASE),
    ]
    assert packed.problems() == []


def test_packing_takes_the_invoice_shipment_unless_given_one() -> None:
    doc = invoice(shipment_id=ShipmentId(5))
    products = {"MUG-350": product()}
    assert PackingList.from_invoice(doc, products, number="P", date=DAY).shipment_id == 5
    given = PackingList.from_invoice(doc, products, number="P", date=DAY, shipment_id=ShipmentId(6))
    assert given.shipment_id == 6


def test_an_unsaved_invoice_cannot_be_packed() -> None:
    with pytest.raises(TypeError):
        PackingList.from_invoice(invoice(id=None), {}, number="P", date=dt.date(2024, 1, 1))
