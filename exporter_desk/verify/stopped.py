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

from exporter_desk.verify.verdict import PLAN, Check, CheckStatus, Result, Step, Verdict

__all__ = ["StopReason", "stopped_verdict"]


class StopReason(Enum):
    """Why the checking process gave no verdict; ``value`` is the stable code in the detail."""

    TIME = "hard-time-limit"
    MEMORY = "memory-limit"
    CRASH = "checker-crashed"


def stopped_verdict(reason: StopReason, *, seconds: float = 0.0, detail: str = "") -> Verdict:
    """UNREADABLE, with step 1 saying why (``seconds`` is the time allowed, for TIME)."""
    if reason is StopReason.TIME:
        en = (
            f"Checking took longer than the {seconds:g} seconds allowed and was stopped; the "
            "file may be built to slow checkers down."
        )
        zh = f"检查超过了允许的 {seconds:g} 秒，已被中止；该文件可能是为拖慢检查而特意构造的。"
    elif reason is StopReason.MEMORY:
        en = (
            "Checking this file needed more memory than a check is allowed, so it was stopped; "
            "the file may be built to exhaust checkers."
        )
        zh = "检查该文件所需的内存超过了允许的上限，已被中止；该文件可能是为耗尽检查程序而特意构造的。"
    else:
        en = (
            "The checker stopped unexpectedly while reading this file, so nothing could be "
            "checked; the file may be built to break checkers. The other files were checked."
        )
        zh = "读取该文件时检查程序意外中止，因此无法进行任何检查；该文件可能是为破坏检查程序而特意构造的。其他文件已照常检查。"
    skipped = (
        "Not checked: the check of this file was stopped.",
        "未检查：本文件的检查已被中止。",
    )
    checks = (
        Check(
            Step.PARSE,
            CheckStatus.FAILED,
            en,
            zh,
            Result.UNREADABLE,
            f"{reason.value}: {detail}" if detail else reason.value,
        ),
        *(Check(step, CheckStatus.NOT_APPLICABLE, *skipped) for step in PLAN[1:]),
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
