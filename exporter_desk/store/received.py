"""Documents received from others, attached to deals; and which deals use a transport document.

Public API: ``ReceivedDocumentRepository`` (``store.received``): ``save(doc)``, ``get(id)``,
``for_deal(deal_id)``, ``delete(id)``, and ``deals_using_transport_document(number,
excluding=None)`` -> list of ``TransportDocumentUse(deal_id, deal_reference, source)`` (source
``"shipment"`` or ``"received"``): two index lookups (``shipments_by_transport_document_no``
through invoices to the deal of the sales contract, and ``received_by_transport_no``), never a
scan of the deals.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, ClassVar

from exporter_desk.domain.deal import DealId
from exporter_desk.domain.errors import DomainError
from exporter_desk.domain.identifiers import parse_transport_document_no
from exporter_desk.domain.received import (
    ReceivedDocument,
    ReceivedDocumentId,
    ReceivedKind,
    ReceivedLine,
)
from exporter_desk.domain.shipment import Container
from exporter_desk.store._convert import check_sizes, date_text, dec_or_none, text_date
from exporter_desk.store._repository import Repository
from exporter_desk.store._session import Session

_USES_SQL = """
SELECT d.id, d.reference, 'shipment' FROM shipments AS s
    JOIN invoices AS i ON i.shipment_id = s.id
    JOIN deals AS d ON d.sales_contract_id = i.contract_id
    WHERE s.transport_document_no = ? AND s.transport_document_no <> ''
UNION
SELECT d.id, d.reference, 'received' FROM received_documents AS r
    JOIN deals AS d ON d.id = r.deal_id
    WHERE r.number = ? AND r.is_transport = 1 AND r.number <> ''
ORDER BY 1
"""


@dataclass(frozen=True, slots=True)
class TransportDocumentUse:
    """A deal whose shipment or received transport document carries a given number."""

    deal_id: DealId
    deal_reference: str
    source: str  # "shipment" or "received"


class ReceivedDocumentRepository(Repository[ReceivedDocument, ReceivedDocumentId]):
    subject = "received document"
    table = "received_documents"
    fts_columns = ()
    order_columns: ClassVar[dict[str, str]] = {"id": "id"}

    def save(self, doc: ReceivedDocument) -> ReceivedDocument:
        """Insert or update a received document's record (the file is the caller's).

        Raises:
            ValidationError: when the record has problems; nothing is written.
            MissingReferenceError: when the deal does not exist.
            TooLargeError, NotFoundError.
        """
        doc.validated()
        row = {
            "deal_id": doc.deal_id,
            "kind": doc.kind.value,
            "file_name": doc.file_name,
            "sha256": doc.sha256,
            "size": doc.size,
            "stored_path": doc.stored_path,
            "number": doc.number,
            "is_transport": int(doc.kind.is_transport),
            "data": json.dumps(_fields(doc), ensure_ascii=False, sort_keys=True),
            "verdict": doc.verdict,
            "verdict_detail": doc.verdict_detail,
        }
        check_sizes(self.subject, row, {"data": 200_000, "verdict_detail": 200_000})
        with self._s.transaction():
            self._require("deal_id", "deals", "deal", doc.deal_id)
            id_ = self._upsert(doc.id, row)
        return replace(doc, id=ReceivedDocumentId(id_))

    def for_deal(self, deal_id: DealId) -> builtins.list[ReceivedDocument]:
        ids = [
            row[0]
            for row in self._s.rows(
                "SELECT id FROM received_documents WHERE deal_id = ? ORDER BY id", (deal_id,)
            )
        ]
        with self._s.snapshot():
            return self._load(ids)

    def delete(self, id_: ReceivedDocumentId) -> None:
        """Raises: NotFoundError."""
        self._delete(id_, ())

    def deals_using_transport_document(
        self, number: str, *, excluding: DealId | None = None
    ) -> builtins.list[TransportDocumentUse]:
        """The deals (other than ``excluding``) whose shipment or received transport document
        carries ``number`` (compared in its canonical form), by index."""
        try:
            canonical = parse_transport_document_no(number)
        except DomainError:  # an unparseable number is stored as typed: look it up as typed
            canonical = number
        uses: dict[int, TransportDocumentUse] = {}
        for deal_id, reference, source in self._s.rows(_USES_SQL, (canonical, canonical)):
            if deal_id != excluding and deal_id not in uses:
                uses[deal_id] = TransportDocumentUse(DealId(deal_id), reference, source)
        return list(uses.values())

    def _load(self, ids: Sequence[int]) -> builtins.list[ReceivedDocument]:
        rows = self._rows_by_id(ids)
        found = []
        for id_ in ids:
            row = rows.get(id_)
            if row is None:
                continue
            data = json.loads(row["data"])
            found.append(
                ReceivedDocument(
                    deal_id=DealId(row["deal_id"]),
                    kind=ReceivedKind(row["kind"]),
                    file_name=row["file_name"],
                    sha256=row["sha256"],
                    size=row["size"],
                    stored_path=row["stored_path"],
                    number=row["number"],
                    verdict=row["verdict"],
                    verdict_detail=row["verdict_detail"],
                    id=ReceivedDocumentId(id_),
                    **_typed(data),
                )
            )
        return found


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _fields(doc: ReceivedDocument) -> dict[str, Any]:
    return {
        "date": date_text(doc.date),
        "issuer": doc.issuer,
        "consignee": doc.consignee,
        "currency": doc.currency,
        "amount": dec_or_none(doc.amount),
        "lines": [[line.description, format(line.quantity, "f"), line.unit] for line in doc.lines],
        "net_kg": dec_or_none(doc.net_kg),
        "gross_kg": dec_or_none(doc.gross_kg),
        "packages": doc.packages,
        "port_of_loading": doc.port_of_loading,
        "port_of_discharge": doc.port_of_discharge,
        "vessel": doc.vessel,
        "voyage": doc.voyage,
        "on_board_date": date_text(doc.on_board_date),
        "containers": [[c.number, c.seal, c.size_type] for c in doc.containers],
        "originals": doc.originals,
        "copies": doc.copies,
    }


def _typed(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": text_date(data["date"]),
        "issuer": data["issuer"],
        "consignee": data["consignee"],
        "currency": data["currency"],
        "amount": _dec(data["amount"]),
        "lines": tuple(ReceivedLine(d, Decimal(q), u) for d, q, u in data["lines"]),
        "net_kg": _dec(data["net_kg"]),
        "gross_kg": _dec(data["gross_kg"]),
        "packages": data["packages"],
        "port_of_loading": data["port_of_loading"],
        "port_of_discharge": data["port_of_discharge"],
        "vessel": data["vessel"],
        "voyage": data["voyage"],
        "on_board_date": text_date(data["on_board_date"]),
        "containers": tuple(Container(n, s, t) for n, s, t in data["containers"]),
        "originals": data["originals"],
        "copies": data["copies"],
    }


class DealFiles:
    """Which rows make up a deal's file, by index: its invoices (those of its sales contract),
    their packing lists and shipments, and the other deals' margins (``store.deal_files``)."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def invoice_ids(self, deal_id: DealId) -> builtins.list[int]:
        return [
            row[0]
            for row in self._s.rows(
                "SELECT i.id FROM deals AS d JOIN invoices AS i ON i.contract_id = "
                "d.sales_contract_id WHERE d.id = ? ORDER BY i.id",
                (deal_id,),
            )
        ]

    def shipment_ids(self, deal_id: DealId) -> builtins.list[int]:
        return [
            row[0]
            for row in self._s.rows(
                "SELECT DISTINCT i.shipment_id FROM deals AS d JOIN invoices AS i "
                "ON i.contract_id = d.sales_contract_id WHERE d.id = ? "
                "AND i.shipment_id IS NOT NULL ORDER BY i.shipment_id",
                (deal_id,),
            )
        ]

    def margins(
        self, *, excluding: DealId | None = None, limit: int = 500
    ) -> builtins.list[DealMargin]:
        """Purchase and sales totals (minor units) of the latest ``limit`` deals with both
        legs, excluding one; each contract's total is the sum of its rounded lines."""
        rows = self._s.rows(_MARGINS_SQL, (excluding, limit))
        return [DealMargin(DealId(r[0]), r[1], r[2], r[3], r[4]) for r in rows]


@dataclass(frozen=True, slots=True)
class DealMargin:
    deal_id: DealId
    purchase_currency: str
    purchase_minor: int
    sales_currency: str
    sales_minor: int


_MARGINS_SQL = """
SELECT d.id, pc.currency,
       (SELECT coalesce(sum(amount_minor), 0) FROM contract_lines WHERE contract_id = pc.id),
       sc.currency,
       (SELECT coalesce(sum(amount_minor), 0) FROM contract_lines WHERE contract_id = sc.id)
FROM deals AS d
JOIN contracts AS pc ON pc.id = d.purchase_contract_id
JOIN contracts AS sc ON sc.id = d.sales_contract_id
WHERE d.id IS NOT ?
ORDER BY d.id DESC LIMIT ?
"""


__all__ = ["DealFiles", "DealMargin", "ReceivedDocumentRepository", "TransportDocumentUse"]
