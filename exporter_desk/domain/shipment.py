"""Shipments: how goods travel, with the transport document and the containers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

from stdnum import iso6346
from stdnum.exceptions import ValidationError as StdnumValidationError

from exporter_desk.domain._checks import Checker
from exporter_desk.domain.codes import normalize_locode
from exporter_desk.domain.errors import Problem, raise_if_problems
from exporter_desk.domain.party import PartyId

ShipmentId = NewType("ShipmentId", int)


class TransportMode(StrEnum):
    SEA = "sea"
    AIR = "air"
    RAIL = "rail"
    ROAD = "road"
    MULTIMODAL = "multimodal"

    @property
    def document_name(self) -> str:
        return {
            TransportMode.SEA: "B/L",
            TransportMode.AIR: "AWB",
            TransportMode.RAIL: "CIM/SMGS",
            TransportMode.ROAD: "CMR",
            TransportMode.MULTIMODAL: "FBL",
        }[self]


@dataclass(frozen=True, slots=True)
class Container:
    """A container by its ISO 6346 number (owner, category, serial, check digit) and seal."""

    number: str
    seal: str = ""
    size_type: str = "40HC"

    def problems(self) -> list[Problem]:
        check = Checker()
        try:
            iso6346.validate(self.number)
        except StdnumValidationError as exc:
            check.add(
                "number",
                f"'{self.number}' is not an ISO 6346 container number ({exc}); "
                "it is 4 letters and 7 digits, such as CSQU3054383.",
            )
        check.text("seal", self.seal, "The seal number", limit=40)
        check.text("size_type", self.size_type, "The container type", limit=10)
        return check.problems


@dataclass(frozen=True, slots=True)
class Shipment:
    reference: str
    mode: TransportMode
    port_of_loading: str
    port_of_discharge: str
    carrier: str = ""
    vessel: str = ""
    voyage: str = ""
    flight: str = ""
    transport_document_no: str = ""
    containers: tuple[Container, ...] = ()
    place_of_delivery: str = ""
    etd: dt.date | None = None
    eta: dt.date | None = None
    forwarder_id: PartyId | None = None  # the forwarder the shipping instruction goes to
    id: ShipmentId | None = field(default=None, compare=False)

    @property
    def vessel_or_flight(self) -> str:
        if self.mode is TransportMode.AIR:
            return self.flight
        return f"{self.vessel} V.{self.voyage}" if self.voyage else self.vessel

    def problems(self) -> list[Problem]:
        check = Checker()
        if check.required("reference", self.reference, "The shipment reference"):
            check.text("reference", self.reference, "The shipment reference", limit=64)
        check.code("port_of_loading", self.port_of_loading, normalize_locode)
        check.code("port_of_discharge", self.port_of_discharge, normalize_locode)
        for name in (
            "carrier",
            "vessel",
            "voyage",
            "flight",
            "transport_document_no",
            "place_of_delivery",
        ):
            check.text(name, getattr(self, name), name.replace("_", " ").capitalize(), limit=200)
        if self.containers and self.mode is TransportMode.AIR:
            check.add("containers", "Air shipments have no sea containers.")
        for index, container in enumerate(self.containers):
            check.nested(f"containers.{index}", container.problems())
        if self.etd and self.eta and self.eta < self.etd:
            check.add("eta", "The ETA is before the ETD.")
        return check.problems

    def validated(self) -> Shipment:
        """Raises: ValidationError listing every problem."""
        raise_if_problems("shipment", self.problems())
        return self


__all__ = ["Container", "Shipment", "ShipmentId", "TransportMode"]
