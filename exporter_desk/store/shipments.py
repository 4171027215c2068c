"""Shipments with their containers, found by reference, vessel, B/L or container number."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

from exporter_desk.domain import Container, Shipment, ShipmentId, TransportMode
from exporter_desk.store._convert import check_sizes, date_text, text_date
from exporter_desk.store._repository import Repository

_USAGES = (
    ("invoices", "SELECT count(*) FROM invoices WHERE shipment_id = ?", 1),
    ("packing lists", "SELECT count(*) FROM packing_lists WHERE shipment_id = ?", 1),
)


class ShipmentRepository(Repository[Shipment, ShipmentId]):
    subject = "shipment"
    table = "shipments"
    fts_columns = ("reference", "vessel", "transport_document_no", "containers")
    order_columns: ClassVar[dict[str, str]] = {
        "id": "id",
        "reference": "reference",
        "etd": "etd",
        "eta": "eta",
    }

    def save(self, shipment: Shipment) -> Shipment:
        """Insert or update a shipment; its containers are replaced in the same transaction.

        Raises:
            ValidationError: when the shipment has problems; nothing is written.
            DuplicateError: when another shipment has the reference.
            TooLargeError, NotFoundError.
        """
        shipment.validated()
        row = _row(shipment)
        containers = [
            {"number": c.number, "seal": c.seal, "size_type": c.size_type}
            for c in shipment.containers
        ]
        for part in (row, *containers):
            check_sizes(self.subject, part)
        with self._s.transaction():
            self._require_unique(
                "reference", shipment.reference, shipment.id, "reference = ?", (shipment.reference,)
            )
            id_ = self._upsert(shipment.id, row)
            self._replace_children("containers", "shipment_id", id_, containers)
        return replace(shipment, id=ShipmentId(id_))

    def delete(self, id_: ShipmentId) -> None:
        """Raises: InUseError when an invoice, packing list or document refers to it."""
        self._delete(id_, _USAGES)

    def _load(self, ids: Sequence[int]) -> builtins.list[Shipment]:
        rows = self._rows_by_id(ids)
        containers = self._children("containers", "shipment_id", list(rows))
        shipments = []
        for id_ in ids:
            row = rows.get(id_)
            if row is None:
                continue
            shipments.append(
                Shipment(
                    reference=row["reference"],
                    mode=TransportMode(row["mode"]),
                    port_of_loading=row["port_of_loading"],
                    port_of_discharge=row["port_of_discharge"],
                    carrier=row["carrier"],
                    vessel=row["vessel"],
                    voyage=row["voyage"],
                    flight=row["flight"],
                    transport_document_no=row["transport_document_no"],
                    containers=tuple(
                        Container(number=c["number"], seal=c["seal"], size_type=c["size_type"])
                        for c in containers[id_]
                    ),
                    place_of_delivery=row["place_of_delivery"],
                    etd=text_date(row["etd"]),
                    eta=text_date(row["eta"]),
                    on_board_date=text_date(row["on_board_date"]),
                    id=ShipmentId(id_),
                )
            )
        return shipments


def _row(shipment: Shipment) -> dict[str, Any]:
    return {
        "reference": shipment.reference,
        "mode": shipment.mode.value,
        "port_of_loading": shipment.port_of_loading,
        "port_of_discharge": shipment.port_of_discharge,
        "carrier": shipment.carrier,
        "vessel": shipment.vessel,
        "voyage": shipment.voyage,
        "flight": shipment.flight,
        "transport_document_no": shipment.transport_document_no,
        "place_of_delivery": shipment.place_of_delivery,
        "etd": date_text(shipment.etd),
        "eta": date_text(shipment.eta),
        "on_board_date": date_text(shipment.on_board_date),
    }


__all__ = ["ShipmentRepository"]
