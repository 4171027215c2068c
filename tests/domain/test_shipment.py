"""Shipments and containers: ISO 6346 check digits, ports, dates and transport modes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from stdnum import iso6346

from exporter_desk.domain import Container, Shipment, TransportMode, ValidationError
from tests.domain._factories import VALID_CONTAINER, fields_of, only_problem


def shipment(**changes: Any) -> Shipment:
    fields: dict[str, Any] = {
        "reference": "SHP-2024-001",
        "mode": TransportMode.SEA,
        "port_of_loading": "CNSHA",
        "port_of_discharge": "DEHAM",
        "carrier": "COSCO",
        "vessel": "COSCO SHIPPING ARIES",
        "voyage": "042W",
        "transport_document_no": "COSU6123456780",
        "containers": (Container(VALID_CONTAINER, seal="CN1234567"),),
        "etd": dt.date(2024, 6, 1),
        "eta": dt.date(2024, 7, 10),
    }
    fields.update(changes)
    return Shipment(**fields)


# --- containers --------------------------------------------------------------------------------


def test_a_container_number_with_its_iso_6346_check_digit_is_accepted() -> None:
    assert iso6346.is_valid(VALID_CONTAINER)  # the reference agrees
    assert Container(VALID_CONTAINER).problems() == []
    assert Container("csqu 305438 3").problems() == []


@pytest.mark.parametrize(
    "number",
    ["CSQU3054384", "CSQU305438", "CSQU30543830", "CSQ13054383", "1234567890A"],
    ids=["wrong-check-digit", "too-short", "too-long", "digit-in-owner", "digits-first"],
)
def test_a_bad_container_number_is_refused_with_an_example(number: str) -> None:
    problem = only_problem(Container(number).problems())
    assert problem.field == "number"
    assert f"'{number}' is not an ISO 6346 container number" in problem.message
    assert "such as CSQU3054383" in problem.message


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"seal": "S" * 41},
            "seal",
            f"'{'S' * 41}' is not a seal number; use at most 40 letters, digits, hyphens, dots "
            "or slashes, such as OOLGK8812.",
        ),
        (
            {"size_type": "40HC-REEFER"},
            "size_type",
            "'40HC-REEFER' is not a container type; use 2 to 10 letters and digits, "
            "such as 40HC or 22G1.",
        ),
        (
            {"number": ""},
            "number",
            "The container number is required; it is 4 letters and 7 digits, such as CSQU3054383.",
        ),
    ],
)
def test_seal_and_type_are_short_text(changes: dict[str, str], field: str, message: str) -> None:
    problem = only_problem(Container(**{"number": VALID_CONTAINER, **changes}).problems())
    assert (problem.field, problem.message) == (field, message)


# --- shipments ---------------------------------------------------------------------------------


def test_a_complete_shipment_has_no_problems_and_validates_to_itself() -> None:
    good = shipment()
    assert good.problems() == []
    assert good.validated() is good


@pytest.mark.parametrize(
    ("mode", "document"),
    [
        (TransportMode.SEA, "B/L"),
        (TransportMode.AIR, "AWB"),
        (TransportMode.RAIL, "CIM/SMGS"),
        (TransportMode.ROAD, "CMR"),
        (TransportMode.MULTIMODAL, "FBL"),
    ],
)
def test_each_transport_mode_names_its_transport_document(
    mode: TransportMode, document: str
) -> None:
    assert mode.document_name == document


def test_the_vessel_prints_with_its_voyage_and_a_flight_alone() -> None:
    assert shipment().vessel_or_flight == "COSCO SHIPPING ARIES V.042W"
    assert shipment(voyage="").vessel_or_flight == "COSCO SHIPPING ARIES"
    air = shipment(mode=TransportMode.AIR, flight="CA931", containers=())
    assert air.vessel_or_flight == "CA931"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reference": ""}, "reference", "The shipment reference is required."),
        (
            {"reference": "R" * 65},
            "reference",
            "The shipment reference is 65 characters long; at most 64 fit.",
        ),
        ({"vessel": "V" * 201}, "vessel", "Vessel is 201 characters long; at most 200 fit."),
        (
            {"transport_document_no": "B\x00L"},
            "transport_document_no",
            "The transport document number contains invisible control characters; retype it.",
        ),
        ({"mode": TransportMode.AIR}, "containers", "Air shipments have no sea containers."),
        ({"eta": dt.date(2024, 5, 31)}, "eta", "The ETA is before the ETD."),
    ],
)
def test_each_shipment_rule_reports_its_field(
    changes: dict[str, object], field: str, message: str
) -> None:
    problem = only_problem(shipment(**changes).problems())
    assert (problem.field, problem.message) == (field, message)


@pytest.mark.parametrize("field", ["port_of_loading", "port_of_discharge"])
def test_both_ports_are_required_as_locodes(field: str) -> None:
    label = field.replace("_", " ").capitalize().replace("Port", "The port")
    problem = only_problem(shipment(**{field: ""}).problems())
    assert (problem.field, problem.message) == (field, f"{label} is required.")
    for value in ("Hamburg", "DEHA0"):
        problem = only_problem(shipment(**{field: value}).problems())
        assert problem.field == field
        assert "is not a UN/LOCODE" in problem.message


def test_arrival_on_the_day_of_departure_is_accepted() -> None:
    day = dt.date(2024, 6, 1)
    assert shipment(etd=day, eta=day).problems() == []


def test_container_problems_carry_their_index() -> None:
    boxes = (Container(VALID_CONTAINER), Container("CSQU3054384"))
    assert fields_of(shipment(containers=boxes).problems()) == ["containers.1.number"]


def test_validated_lists_every_problem_of_the_shipment() -> None:
    with pytest.raises(ValidationError) as caught:
        shipment(reference="", port_of_loading="").validated()
    assert caught.value.subject == "shipment"
    assert fields_of(list(caught.value.problems)) == ["reference", "port_of_loading"]
