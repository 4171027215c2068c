"""The verdict on a file whose verification was stopped from outside: the process that checked
it ran past its hard deadline and was killed, or died (crashed, ran out of memory).

Nothing was learnt about such a file, so the verdict is UNREADABLE: step 1 failed with the
reason, and the later steps did not apply. A checker that raised an error of our own instead
(a bug in Exporter Desk, not a finding about the file) gives INCOMPLETE, as a step of
``verify_pdf`` that fails that way does: :func:`internal_error_verdict`. The cooperative time budget inside ``verify_pdf``
(:class:`~exporter_desk.verify.Limits`) gives the same result in words of the same kind; this is
the hard bound behind it, for work that no check between steps can interrupt (one pyHanko call
on a crafted object).
"""

from __future__ import annotations

from enum import Enum

from exporter_desk.verify.reasons import Reason, reason
from exporter_desk.verify.verdict import (
    PLAN,
    Check,
    CheckStatus,
    Result,
    Step,
    Verdict,
    decide_result,
)

__all__ = ["StopReason", "internal_error_verdict", "stopped_verdict"]


class StopReason(Enum):
    """Why the checking process gave no verdict; ``value`` is the stable code in the detail."""

    TIME = "hard-time-limit"
    MEMORY = "memory-limit"
    CRASH = "checker-crashed"


def stopped_verdict(cause: StopReason, *, seconds: float = 0.0, detail: str = "") -> Verdict:
    """UNREADABLE, with step 1 saying why (``seconds`` is the time allowed, for TIME)."""
    if cause is StopReason.TIME:
        why = reason("check.out_of_time", budget=seconds)
    elif cause is StopReason.MEMORY:
        why = reason("stopped.memory")
    else:
        why = reason("stopped.crash")
    first = Check(
        Step.PARSE,
        CheckStatus.FAILED,
        why,
        Result.UNREADABLE,
        f"{cause.value}: {detail}" if detail else cause.value,
    )
    return _verdict(first, reason("skip.stopped"))


def internal_error_verdict(detail: str) -> Verdict:
    """INCOMPLETE: the checker raised an unexpected error of its own (``detail``: its type and
    message), so no check can be said to have run; never a finding about the file."""
    first = Check(
        Step.PARSE,
        CheckStatus.FAILED,
        reason("check.internal_error"),
        Result.INCOMPLETE,
        detail[:500],
    )
    return _verdict(first, reason("skip.step_incomplete", step=Step.PARSE.number))


def _verdict(first: Check, skipped: Reason) -> Verdict:
    checks = (first, *(Check(step, CheckStatus.NOT_APPLICABLE, skipped) for step in PLAN[1:]))
    return Verdict(
        result=decide_result(checks),
        checks=checks,
        issuer=None,
        document=None,
        registration=None,
        as_of=None,
        signed_at=None,
        file_sha256=None,
    )
