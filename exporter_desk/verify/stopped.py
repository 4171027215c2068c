"""The verdict on a file whose verification was stopped from outside: the process that checked
it ran past its hard deadline and was killed, or died (crashed, ran out of memory).

Nothing was learnt about such a file, so the verdict is UNREADABLE: step 1 failed with the
reason, and the later steps did not apply. The cooperative time budget inside ``verify_pdf``
(:class:`~exporter_desk.verify.Limits`) gives the same result in words of the same kind; this is
the hard bound behind it, for work that no check between steps can interrupt (one pyHanko call
on a crafted object).
"""

from __future__ import annotations

from enum import Enum

from exporter_desk.verify.reasons import reason
from exporter_desk.verify.verdict import PLAN, Check, CheckStatus, Result, Step, Verdict

__all__ = ["StopReason", "stopped_verdict"]


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
    skipped = reason("skip.stopped")
    checks = (
        Check(
            Step.PARSE,
            CheckStatus.FAILED,
            why,
            Result.UNREADABLE,
            f"{cause.value}: {detail}" if detail else cause.value,
        ),
        *(Check(step, CheckStatus.NOT_APPLICABLE, skipped) for step in PLAN[1:]),
    )
    return Verdict(
        result=Result.UNREADABLE,
        checks=checks,
        issuer=None,
        document=None,
        registration=None,
        as_of=None,
        signed_at=None,
        file_sha256=None,
    )
