"""The shipment editor: transport, ports, dates and the containers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QWidget

from exporter_desk.domain import (
    Container,
    PartyId,
    Problem,
    Shipment,
    ShipmentId,
    TransportMode,
    format_container_number,
)
from exporter_desk.gui import labels
from exporter_desk.gui.choices import party_choices
from exporter_desk.gui.editors.base import EditorDialog
from exporter_desk.gui.editors.lines import DraftTable, DraftTableModel, cell_problems
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.forms import ErrorLabel, Form
from exporter_desk.gui.ports import COMMON_PORTS
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import CodeEdit, EnumCombo, OptionalDateEdit, RecordPicker, TextEdit
from exporter_desk.store import Store

translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class ContainerDraft:
    number: str = ""
    seal: str = ""
    size_type: str = "40HC"


class ContainerColumn(IntEnum):
    NUMBER = 0
    SEAL = 1
    SIZE_TYPE = 2


class ContainersModel(DraftTableModel):
    fields_by_column: ClassVar[dict[int, str]] = {
        ContainerColumn.NUMBER: "number",
        ContainerColumn.SEAL: "seal",
        ContainerColumn.SIZE_TYPE: "size_type",
    }
    draft_type = ContainerDraft

    def header(self, column: int) -> str:
        return {
            ContainerColumn.NUMBER: translate("ShipmentEditor", "Container number"),
            ContainerColumn.SEAL: translate("ShipmentEditor", "Seal"),
            ContainerColumn.SIZE_TYPE: translate("ShipmentEditor", "Type"),
        }[ContainerColumn(column)]


class ShipmentEditor(EditorDialog):
    table = "shipments"

    def __init__(
        self, tasks: TaskManager, presenter: ErrorPresenter, parent: QWidget | None = None
    ) -> None:
        super().__init__(tasks, presenter, parent)
        self.reference = TextEdit()
        self.mode: EnumCombo[TransportMode] = EnumCombo(list(TransportMode), labels.transport_mode)
        self.port_of_loading = CodeEdit(COMMON_PORTS)
        self.port_of_discharge = CodeEdit(COMMON_PORTS)
        self.place_of_delivery = TextEdit()
        self.carrier = TextEdit()
        self.vessel = TextEdit()
        self.voyage = TextEdit()
        self.flight = TextEdit()
        self.document_no = TextEdit()
        self.etd = OptionalDateEdit()
        self.eta = OptionalDateEdit()
        self.forwarder = RecordPicker(tasks, party_choices)
        self.containers_model = ContainersModel()
        self.containers = DraftTable(self.containers_model)
        self.containers.view.setColumnWidth(ContainerColumn.NUMBER, 160)
        self.containers_errors = ErrorLabel()

        vessel = QWidget()
        vessel_row = QHBoxLayout(vessel)
        vessel_row.setContentsMargins(0, 0, 0, 0)
        vessel_row.addWidget(self.vessel, 2)
        vessel_row.addWidget(self.voyage, 1)
        form = self.add_form(Form())
        self.form = form
        form.add_row("reference", lambda: translate("ShipmentEditor", "Reference"), self.reference)
        form.add_row("mode", lambda: translate("ShipmentEditor", "Transport"), self.mode)
        form.add_row(
            "port_of_loading",
            lambda: translate("ShipmentEditor", "Port of loading"),
            self.port_of_loading,
        )
        form.add_row(
            "port_of_discharge",
            lambda: translate("ShipmentEditor", "Port of discharge"),
            self.port_of_discharge,
        )
        form.add_row(
            "place_of_delivery",
            lambda: translate("ShipmentEditor", "Place of delivery"),
            self.place_of_delivery,
        )
        form.add_row("carrier", lambda: translate("ShipmentEditor", "Carrier"), self.carrier)
        form.add_row(
            ("vessel", "voyage"), lambda: translate("ShipmentEditor", "Vessel, voyage"), vessel
        )
        form.add_row("flight", lambda: translate("ShipmentEditor", "Flight"), self.flight)
        form.add_row(
            "transport_document_no",
            lambda: translate("ShipmentEditor", "B/L or AWB number"),
            self.document_no,
        )
        form.add_row("etd", lambda: translate("ShipmentEditor", "ETD"), self.etd)
        form.add_row("eta", lambda: translate("ShipmentEditor", "ETA"), self.eta)
        form.add_row(
            "forwarder_id",
            lambda: translate("ShipmentEditor", "Forwarder (shipping instruction)"),
            self.forwarder,
        )
        columns = QHBoxLayout()
        columns.addWidget(form, 1)
        columns.addWidget(self.containers, 1)
        self.body.addLayout(columns)
        self.body.addWidget(self.containers_errors)

        for key, widget in (
            ("reference", self.reference),
            ("mode", self.mode),
            ("port_of_loading", self.port_of_loading),
            ("port_of_discharge", self.port_of_discharge),
            ("place_of_delivery", self.place_of_delivery),
            ("carrier", self.carrier),
            ("vessel", self.vessel),
            ("voyage", self.voyage),
            ("flight", self.flight),
            ("transport_document_no", self.document_no),
            ("etd", self.etd),
            ("eta", self.eta),
            ("forwarder", self.forwarder),
            ("containers", self.containers),
        ):
            self.track(key, widget)
        self.resize(1000, 560)
        self.restore_geometry()
        self.retranslate()

    def subject(self) -> str:
        return translate("ShipmentEditor", "Shipment")

    def validate(self) -> list[Problem]:
        problems = super().validate()
        self.show_transport_rows()
        return problems

    def show_transport_rows(self) -> None:
        """Vessel and containers for sea (and multimodal) transport, the flight for air; what
        is filled in stays in view, so its problem can be seen."""
        mode = self.mode.value()
        by_sea = mode in (TransportMode.SEA, TransportMode.MULTIMODAL)
        by_air = mode in (TransportMode.AIR, TransportMode.MULTIMODAL)
        vessel = bool(self.vessel.text() or self.voyage.text())
        self.form.set_row_visible("vessel", by_sea or vessel)
        self.form.set_row_visible("flight", by_air or bool(self.flight.text()))
        self.containers.setVisible(by_sea or self.containers_model.rowCount() > 0)

    def record_title(self) -> str:
        return self.reference.text()

    def retranslate_fields(self) -> None:
        self.mode.retranslate()
        self.vessel.setPlaceholderText(translate("ShipmentEditor", "vessel"))
        self.voyage.setPlaceholderText(translate("ShipmentEditor", "voyage"))
        self.forwarder.setPlaceholderText(translate("ShipmentEditor", "type part of the name"))
        self.containers.add_button.setText(translate("ShipmentEditor", "Add container"))
        self.containers.remove_button.setText(translate("ShipmentEditor", "Remove container"))

    def build(self) -> tuple[Shipment, list[Problem]]:
        forwarder = self.forwarder.value()
        shipment = Shipment(
            reference=self.reference.value().strip(),
            mode=self.mode.value(),
            port_of_loading=self.port_of_loading.value(),
            port_of_discharge=self.port_of_discharge.value(),
            carrier=self.carrier.value().strip(),
            vessel=self.vessel.value().strip(),
            voyage=self.voyage.value().strip(),
            flight=self.flight.value().strip(),
            transport_document_no=self.document_no.value().strip(),
            containers=tuple(
                Container(
                    number=c.number.strip().upper(),
                    seal=c.seal.strip(),
                    size_type=c.size_type.strip(),
                )
                for c in self.containers_model.rows
            ),
            place_of_delivery=self.place_of_delivery.value().strip(),
            etd=self.etd.value(),
            eta=self.eta.value(),
            forwarder_id=PartyId(forwarder) if forwarder is not None else None,
            id=ShipmentId(self.record_id) if self.record_id is not None else None,
        )
        return shipment, []

    def show_other_problems(self, problems: list[Problem]) -> list[Problem]:
        self.containers_model.show_results([], cell_problems(problems, "containers"))
        mine = [p for p in problems if p.field == "containers" or p.field.startswith("containers.")]
        self.containers_errors.show_messages([p.message for p in mine])
        return [p for p in problems if p not in mine]

    def load(self, obj: Any) -> None:
        shipment: Shipment = obj
        self.record_id = shipment.id
        self.reference.set_value(shipment.reference)
        self.mode.set_value(shipment.mode)
        self.port_of_loading.set_value(shipment.port_of_loading)
        self.port_of_discharge.set_value(shipment.port_of_discharge)
        self.place_of_delivery.set_value(shipment.place_of_delivery)
        self.carrier.set_value(shipment.carrier)
        self.vessel.set_value(shipment.vessel)
        self.voyage.set_value(shipment.voyage)
        self.flight.set_value(shipment.flight)
        self.document_no.set_value(shipment.transport_document_no)
        self.etd.set_value(shipment.etd)
        self.eta.set_value(shipment.eta)
        self.forwarder.set_value(shipment.forwarder_id)
        self.containers.set_value(
            tuple(
                ContainerDraft(format_container_number(c.number), c.seal, c.size_type)
                for c in shipment.containers
            )
        )

    def save_job(self, obj: Any) -> Callable[[Store], Shipment]:
        shipment: Shipment = obj
        return lambda store: store.shipments.save(shipment)

    def fetch_job(self, id_: int) -> Callable[[Store], Shipment]:
        return lambda store: store.shipments.get(ShipmentId(id_))


__all__ = ["ShipmentEditor"]
