"""Validation problems, each tied to the field a person must fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from exporter_desk.errors import ExporterError


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one field.

    ``field`` is a dotted path the GUI can map to a widget (``"lines.2.hs_code"``); ``message``
    is a sentence a person understands, saying what is wrong and what is expected.
    """

    field: str
    message: str

    def nested(self, prefix: str) -> Problem:
        """The same problem seen from a containing object (``lines.2.`` + field)."""
        return Problem(f"{prefix}.{self.field}", self.message)


class DomainError(ExporterError):
    """A value that is not acceptable in a trade document (bad code, bad amount)."""


class ValidationError(DomainError):
    """An object has one or more problems; all of them are listed, each with its field."""

    def __init__(self, subject: str, problems: Iterable[Problem]) -> None:
        self.subject = subject
        self.problems = tuple(problems)
        lines = "; ".join(f"{p.field}: {p.message}" for p in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"invalid {subject}: {lines}",
            user_message=f"The {subject} has {count} {noun} to fix: {lines}",
        )

    def messages_for(self, field: str) -> list[str]:
        """The messages for one field, as an editor shows them beside it."""
        return [p.message for p in self.problems if p.field == field]


def raise_if_problems(subject: str, problems: Iterable[Problem]) -> None:
    """Raise ValidationError listing ``problems`` if there are any.

    Raises:
        ValidationError: when ``problems`` is not empty.
    """
    found = tuple(problems)
    if found:
        raise ValidationError(subject, found)


__all__ = ["DomainError", "Problem", "ValidationError", "raise_if_problems"]
