"""What a step of the plan raises to end itself: :class:`Fail` (a failed check naming the
result it implies) or :class:`Skip` (not applicable), each with its :class:`Reason`, and the
time formats of the reasons."""

from __future__ import annotations

from datetime import UTC, datetime

from exporter_desk.verify.reasons import Reason
from exporter_desk.verify.verdict import Result

__all__ = ["Fail", "Skip", "date_text", "from_epoch"]


class Fail(Exception):
    """The step failed; ``stop`` marks the later steps not applicable."""

    def __init__(
        self, outcome: Result, reason: Reason, detail: str = "", *, stop: bool = False
    ) -> None:
        super().__init__(reason.code)
        self.outcome, self.reason, self.detail, self.stop = outcome, reason, detail, stop


class Skip(Exception):
    """The step does not apply (its inputs are missing)."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.code)
        self.reason = reason


def from_epoch(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, tz=UTC)


def date_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
