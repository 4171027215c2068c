"""``examine(presentation)``: run every rule, in a fixed order, and collect the findings."""

from __future__ import annotations

from collections.abc import Callable

from exporter_desk.examine import credit_rules, deal_rules, document_rules
from exporter_desk.examine.discrepancy import Discrepancy, Severity
from exporter_desk.examine.presentation import Presentation

Rule = Callable[[Presentation], list[Discrepancy]]

RULES: tuple[Rule, ...] = (*credit_rules.RULES, *document_rules.RULES, *deal_rules.RULES)


def examine(presentation: Presentation, rules: tuple[Rule, ...] = RULES) -> list[Discrepancy]:
    """Every discrepancy the rules find, errors first, in rule order otherwise."""
    found = [d for rule in rules for d in rule(presentation)]
    return sorted(found, key=lambda d: d.severity is not Severity.ERROR)


__all__ = ["RULES", "Rule", "examine"]
