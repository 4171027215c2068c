"""Document examination: discrepancies between a deal's documents and its letter of credit.

Pure Python over domain objects; no Qt, no storage. ``examine(Presentation(...))`` returns a
list of ``Discrepancy``; each rule is a small named function in ``credit_rules``,
``document_rules`` or ``deal_rules`` (the ``rule`` of a discrepancy is the function's name).
"""

from exporter_desk.examine.discrepancy import DOCUMENTS, Discrepancy, FieldRef, Severity
from exporter_desk.examine.examiner import RULES, Rule, examine
from exporter_desk.examine.presentation import Presentation, TransportReuse, margin_rate

__all__ = [
    "DOCUMENTS",
    "RULES",
    "Discrepancy",
    "FieldRef",
    "Presentation",
    "Rule",
    "Severity",
    "TransportReuse",
    "examine",
    "margin_rate",
]
