"""What the examiner reports: a discrepancy between documents, or against the credit.

Public API: ``Discrepancy`` (rule, severity, message, why, fix, fields; ``why`` and ``fix`` are
reasons of the catalogue in :mod:`exporter_desk.examine.reasons`, English in ``why_en``), ``Severity``
(ERROR: a bank refuses the presentation; WARNING: a risk to look at), and ``FieldRef``, the path
of one field the GUI can jump to: ``(document, id, field)`` such as ``("invoice", 12,
"net_weight")``. ``document`` is one of ``DOCUMENTS``; ``id`` is the row id (None for an
unsaved object), ``field`` a dotted path inside it (``"lines.2.quantity"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from exporter_desk._catalogue import Reason

FieldRef = tuple[str, int | None, str]

DOCUMENTS = (
    "deal",
    "purchase_contract",
    "sales_contract",
    "invoice",
    "packing_list",
    "shipment",
    "received",
    "credit",
)


class Severity(StrEnum):
    ERROR = "error"  # a discrepancy a bank refuses, or a deal a bank will not finance
    WARNING = "warning"  # worth a look before presenting


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """One finding: which rule, which documents and fields, what differs, why it matters
    (the UCP 600 article or ISBP paragraph), how severe, and what the user can do."""

    rule: str
    severity: Severity
    message: str
    why: Reason
    fix: Reason
    fields: tuple[FieldRef, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.why, Reason) or not isinstance(self.fix, Reason):
            raise TypeError(f"discrepancy {self.rule}: why and fix are reasons of the catalogue")

    @property
    def why_en(self) -> str:
        return self.why.en

    @property
    def fix_en(self) -> str:
        return self.fix.en

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "why": self.why.en,
            "why_code": self.why.code,
            "why_zh": self.why.zh,
            "fix": self.fix.en,
            "fix_code": self.fix.code,
            "fix_zh": self.fix.zh,
            "fields": [list(ref) for ref in self.fields],
        }


__all__ = ["DOCUMENTS", "Discrepancy", "FieldRef", "Severity"]
