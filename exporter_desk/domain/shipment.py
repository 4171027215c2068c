"""Shipments: how goods travel, with the transport document and the containers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

from exporter_desk.domain._checks import Checker
from exporter_desk.domain._fold import set_canonical
from exporter_desk.domain.codes import parse_locode
from exporter_desk.domain.errors import Problem, raise_if_problems
from exporter_desk.domain.identifiers import (
    parse_container_number,
    parse_container_type,
    parse_flight,
    parse_seal_number,
    parse_transport_document_no,
    parse_voyage,
)

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

    def __post_init__(self) -> None:
        set_canonical(
            self,
            number=parse_container_number,
            seal=parse_seal_number,
            size_type=parse_container_type,
        )

    def problems(self) -> list[Problem]:
        check = Checker()
        check.code("number", self.number, parse_container_number)
        if self.seal:
            check.code("seal", self.seal, parse_seal_number)
        check.code("size_type", self.size_type, parse_container_type)
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
    on_board_date: dt.date | None = None  # as the transport document states it (shipped on board)
    id: ShipmentId | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        set_canonical(
            self,
            port_of_loading=parse_locode,
            port_of_discharge=parse_locode,
            voyage=parse_voyage,
            flight=parse_flight,
            transport_document_no=parse_transport_document_no,
        )

    @property
    def vessel_or_flight(self) -> str:
        if self.mode is TransportMode.AIR:
            return self.flight
        return f"{self.vessel} V.{self.voyage}" if self.voyage else self.vessel

    def problems(self) -> list[Problem]:
        check = Checker()
        if check.required("reference", self.reference, "The shipment reference"):
            check.text("reference", self.reference, "The shipment reference", limit=64)
        check.code("port_of_loading", self.port_of_loading, parse_locode, "The port of loading")
        check.code(
            "port_of_discharge", self.port_of_discharge, parse_locode, "The port of discharge"
        )
        for name in ("carrier", "vessel", "place_of_delivery"):
            check.text(name, getattr(self, name), name.replace("_", " ").capitalize(), limit=200)
        for name, parse in (
            ("voyage", parse_voyage),
            ("flight", parse_flight),
            ("transport_document_no", parse_transport_document_no),
        ):
            if getattr(self, name):
                check.code(name, getattr(self, name), parse)
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
