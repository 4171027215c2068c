"""Documents received from others (the supplier's invoice, the carrier's B/L, an insurance or
inspection certificate), attached to a deal as a file with its SHA-256 and a few typed fields.

Public API (stable; the packs and GUI helpers build on it):

- ``ReceivedKind``: SUPPLIER_INVOICE, BILL_OF_LADING, AIR_WAYBILL, CMR, RAIL_NOTE,
  INSURANCE_CERTIFICATE, INSPECTION_CERTIFICATE, OTHER; ``is_transport`` for the four
  transport documents.
- ``ReceivedDocument``: frozen; ``deal_id``, ``kind``, the file (``file_name`` as received,
  ``sha256`` hex, ``size``, ``stored_path`` relative to the data folder), the typed fields the
  user enters or confirms (all optional: ``number``, ``date``, ``issuer``, ``consignee``,
  ``currency`` + ``amount``, ``lines`` (``ReceivedLine``: description, quantity, unit),
  ``net_kg`` / ``gross_kg``, ``packages``, ``port_of_loading`` / ``port_of_discharge``
  (UN/LOCODE when they parse, else as typed), ``vessel`` / ``voyage``, ``on_board_date``,
  ``containers`` (domain ``Container``: number + seal), ``originals`` / ``copies``), and the
  verification ``verdict`` (overall result text, e.g. "AUTHENTIC", or "" when the file carried
  no receipt) with its ``verdict_detail`` (JSON text of the checks).
- ``ReceivedDocumentId``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NewType

from exporter_desk.domain._checks import Checker
from exporter_desk.domain._fold import set_canonical
from exporter_desk.domain.codes import parse_currency, parse_locode
from exporter_desk.domain.deal import DealId
from exporter_desk.domain.errors import Problem, raise_if_problems
from exporter_desk.domain.identifiers import parse_transport_document_no, parse_voyage
from exporter_desk.domain.shipment import Container

ReceivedDocumentId = NewType("ReceivedDocumentId", int)

_SHA256 = re.compile(r"[0-9a-f]{64}")


class ReceivedKind(StrEnum):
    SUPPLIER_INVOICE = "supplier_invoice"
    BILL_OF_LADING = "bill_of_lading"
    AIR_WAYBILL = "air_waybill"
    CMR = "cmr"
    RAIL_NOTE = "rail_note"
    INSURANCE_CERTIFICATE = "insurance_certificate"
    INSPECTION_CERTIFICATE = "inspection_certificate"
    OTHER = "other"

    @property
    def is_transport(self) -> bool:
        return self in _TRANSPORT

    @property
    def label(self) -> str:
        return _LABELS[self]


_TRANSPORT = frozenset(
    {
        ReceivedKind.BILL_OF_LADING,
        ReceivedKind.AIR_WAYBILL,
        ReceivedKind.CMR,
        ReceivedKind.RAIL_NOTE,
    }
)
_LABELS = {
    ReceivedKind.SUPPLIER_INVOICE: "Supplier's invoice",
    ReceivedKind.BILL_OF_LADING: "Bill of lading",
    ReceivedKind.AIR_WAYBILL: "Air waybill",
    ReceivedKind.CMR: "CMR consignment note",
    ReceivedKind.RAIL_NOTE: "Rail consignment note",
    ReceivedKind.INSURANCE_CERTIFICATE: "Insurance certificate",
    ReceivedKind.INSPECTION_CERTIFICATE: "Inspection certificate",
    ReceivedKind.OTHER: "Other document",
}


@dataclass(frozen=True, slots=True)
class ReceivedLine:
    """A goods line as the received document states it."""

    description: str
    quantity: Decimal
    unit: str = ""


@dataclass(frozen=True, slots=True)
class ReceivedDocument:
    deal_id: DealId
    kind: ReceivedKind
    file_name: str
    sha256: str
    size: int
    stored_path: str = ""
    number: str = ""
    date: dt.date | None = None
    issuer: str = ""
    consignee: str = ""
    currency: str = ""
    amount: Decimal | None = None
    lines: tuple[ReceivedLine, ...] = ()
    net_kg: Decimal | None = None
    gross_kg: Decimal | None = None
    packages: int | None = None
    port_of_loading: str = ""
    port_of_discharge: str = ""
    vessel: str = ""
    voyage: str = ""
    on_board_date: dt.date | None = None
    containers: tuple[Container, ...] = ()
    originals: int = 1
    copies: int = 0
    verdict: str = ""
    verdict_detail: str = ""
    id: ReceivedDocumentId | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        set_canonical(
            self,
            currency=parse_currency,
            port_of_loading=parse_locode,
            port_of_discharge=parse_locode,
            voyage=parse_voyage,
        )
        if self.kind.is_transport:
            set_canonical(self, number=parse_transport_document_no)

    def quantity(self) -> Decimal:
        return sum((line.quantity for line in self.lines), Decimal(0))

    def problems(self) -> list[Problem]:
        check = Checker()
        check.required("file_name", self.file_name, "The file name")
        if not _SHA256.fullmatch(self.sha256):
            check.add("sha256", "The SHA-256 is 64 lower-case hexadecimal digits.")
        if self.size < 0:
            check.add("size", "The file size cannot be negative.")
        check.text("number", self.number, "The document number", limit=64)
        if self.number and self.kind.is_transport:
            check.code("number", self.number, parse_transport_document_no)
        for name in ("issuer", "consignee", "vessel"):
            check.text(name, getattr(self, name), name.capitalize(), limit=500)
        if self.currency:
            check.code("currency", self.currency, parse_currency)
        if (self.amount is None) != (not self.currency):
            check.add("currency", "An amount needs its currency, and a currency its amount.")
        if self.amount is not None and self.amount < 0:
            check.add("amount", "The amount cannot be negative.")
        for name in ("net_kg", "gross_kg"):
            value = getattr(self, name)
            if value is not None and value < 0:
                check.add(name, "A weight cannot be negative.")
        if self.net_kg is not None and self.gross_kg is not None and self.gross_kg < self.net_kg:
            check.add("gross_kg", "The gross weight cannot be less than the net weight.")
        if self.packages is not None and self.packages < 0:
            check.add("packages", "The number of packages cannot be negative.")
        for name in ("port_of_loading", "port_of_discharge"):
            if getattr(self, name):
                check.code(name, getattr(self, name), parse_locode)
        if self.voyage:
            check.code("voyage", self.voyage, parse_voyage)
        for index, container in enumerate(self.containers):
            check.nested(f"containers.{index}", container.problems())
        if not 0 <= self.originals <= 99 or not 0 <= self.copies <= 99:
            check.add("originals", "Originals and copies are counts between 0 and 99.")
        for index, line in enumerate(self.lines):
            if line.quantity < 0:
                check.add(f"lines.{index}.quantity", "A quantity cannot be negative.")
        return check.problems

    def validated(self) -> ReceivedDocument:
        """Raises: ValidationError listing every problem."""
        raise_if_problems("received document", self.problems())
        return self


__all__ = ["ReceivedDocument", "ReceivedDocumentId", "ReceivedKind", "ReceivedLine"]
