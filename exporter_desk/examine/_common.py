"""What the rules share: text comparison, the facts of a presentation read once, refs."""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal

from exporter_desk._catalogue import Reason
from exporter_desk.domain.received import ReceivedDocument
from exporter_desk.examine.discrepancy import Discrepancy, FieldRef, Severity
from exporter_desk.examine.presentation import Presentation

_NOT_WORD = re.compile(r"[^0-9A-Z]+")


@functools.lru_cache(maxsize=4096)
def norm(text: str) -> str:
    """Upper case, punctuation and runs of spaces made one space: for comparing wording.
    Cached: a credit's long 45A is compared with every invoice line."""
    return " ".join(_NOT_WORD.sub(" ", text.upper()).split())


def contains(haystack: str, needle: str) -> bool:
    """Whether ``needle``'s words appear, in order, in ``haystack`` (after :func:`norm`)."""
    wanted = norm(needle)
    return bool(wanted) and f" {wanted} " in f" {norm(haystack)} "


def finding(
    rule: str,
    message: str,
    why: Reason,
    fix: Reason,
    *fields: FieldRef,
    severity: Severity = Severity.ERROR,
) -> Discrepancy:
    return Discrepancy(rule, severity, message, why, fix, tuple(fields))


def credit_ref(p: Presentation, field: str) -> FieldRef:
    return ("credit", None if p.credit is None else p.credit.id, field)


def received_ref(doc: ReceivedDocument, field: str) -> FieldRef:
    return ("received", doc.id, field)


def on_board(p: Presentation) -> tuple[dt.date | None, FieldRef | None]:
    """The shipment date: the received transport document's on-board date, else the
    shipment's (UCP 600 art. 20(a)(ii): the on-board notation is the date of shipment)."""
    for doc in p.transport_documents():
        if doc.on_board_date is not None:
            return doc.on_board_date, received_ref(doc, "on_board_date")
    for shipment in p.shipments:
        if shipment.on_board_date is not None:
            return shipment.on_board_date, ("shipment", shipment.id, "on_board_date")
    return None, None


def plain(value: Decimal) -> str:
    """A quantity or weight for a message: ``12.500`` -> ``12.5``."""
    normalized = value.normalize()
    return f"{normalized:f}" if normalized != normalized.to_integral() else f"{int(normalized)}"


__all__ = ["contains", "credit_ref", "finding", "norm", "on_board", "plain", "received_ref"]
