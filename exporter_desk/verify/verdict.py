"""The verdict on a PDF, as frozen data: the overall result, one check per step of the plan in
:mod:`exporter_desk.verify.verifier`, and what was learnt about the issuer, the document and its
registration. The GUI shows it as a card with an expandable checklist; ``to_json`` is what the CLI
prints and what a receiver's system stores.

How the result is decided (:func:`decide_result`): every failed check names the result it implies
(its ``outcome``), and the verdict is the outcome of highest precedence among the failed checks, or
AUTHENTIC when none failed. The precedence, most serious first:

1. **TAMPERED**: a positive finding that the file is not what was signed and registered. It beats
   everything, because proof of alteration stays proof even when a later step could not finish.
2. **INCOMPLETE**: the check could not be completed: a step failed with an unexpected error of
   our own (logged with its traceback), or not every step ran. Never AUTHENTIC by default, and
   never TAMPERED for a bug of ours.
3. **UNREADABLE**: the file (or the time budget) did not let us finish; nothing can be said.
4. **UNSIGNED**: no signature at all, so there is no claim to check.
5. **UNTRUSTED ISSUER**: intact, but nobody you trust vouches for who signed it.
6. **NOT REGISTERED**: signed by a trusted issuer, but the trust network does not confirm the
   registration (no receipt, a receipt of another network, too few witnesses, superseded).
7. **AUTHENTIC**: every step of the plan ran once and passed (step 9, the online status, may
   not apply offline). It is never a default: a missing step is INCOMPLETE.

UNREADABLE and UNSIGNED come only from step 1, which ends the plan, so in practice they meet
TAMPERED only when the time budget runs out after tampering was already proven.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any, Final

from exporter_desk.verify.reasons import Reason, reason

__all__ = [
    "VERDICT_FORMAT",
    "Check",
    "CheckStatus",
    "DocumentInfo",
    "IssuerInfo",
    "RegistrationInfo",
    "Result",
    "Step",
    "Verdict",
    "decide_result",
]

VERDICT_FORMAT: Final = "exporter-desk-verdict/v1"
"""The ``format`` value of :meth:`Verdict.to_json` documents of this version."""


class Result(Enum):
    """The overall result; ``value`` is the stable machine name used in JSON."""

    TAMPERED = "tampered"
    INCOMPLETE = "incomplete"
    UNREADABLE = "unreadable"
    UNSIGNED = "unsigned"
    UNTRUSTED_ISSUER = "untrusted_issuer"
    NOT_REGISTERED = "not_registered"
    AUTHENTIC = "authentic"

    @property
    def display(self) -> str:
        """What the verdict card shows in English: ``NOT REGISTERED``, ``AUTHENTIC``, ..."""
        return self.name.replace("_", " ")

    @property
    def display_zh(self) -> str:
        """What the verdict card shows in Simplified Chinese."""
        return _DISPLAY_ZH[self]

    @property
    def precedence(self) -> int:
        """0 for the most serious result (TAMPERED) up to 6 for AUTHENTIC."""
        return _PRECEDENCE.index(self)


_PRECEDENCE: Final = (
    Result.TAMPERED,
    Result.INCOMPLETE,
    Result.UNREADABLE,
    Result.UNSIGNED,
    Result.UNTRUSTED_ISSUER,
    Result.NOT_REGISTERED,
    Result.AUTHENTIC,
)
_DISPLAY_ZH: Final = {
    Result.TAMPERED: "已被篡改",
    Result.INCOMPLETE: "检查未完成",
    Result.UNREADABLE: "无法读取",
    Result.UNSIGNED: "未签名",
    Result.UNTRUSTED_ISSUER: "签发方不受信任",
    Result.NOT_REGISTERED: "未登记",
    Result.AUTHENTIC: "真实有效",
}


class Step(Enum):
    """The numbered steps of the verification plan (DESIGN.md section 4), in order."""

    PARSE = 1
    SIGNATURE = 2
    COVERAGE = 3
    RECEIPT = 4
    REVISIONS = 5
    CONTENT = 6
    ISSUER = 7
    REGISTRATION = 8
    STATUS = 9
    ORIGINAL = 10
    """Not a step of one PDF's plan: a pack's summary has one such check per original inside
    it (and per finding about its pages), beside the pack's own nine."""

    @property
    def number(self) -> int:
        return self.value

    @property
    def id(self) -> str:
        """The stable machine name, e.g. ``revisions``."""
        return self.name.lower()

    @property
    def title_en(self) -> str:
        """The question the step answers, as the checklist shows it."""
        return _TITLES[self][0]

    @property
    def title_zh(self) -> str:
        return _TITLES[self][1]


_TITLES: Final = {
    Step.PARSE: (
        "The file is a readable PDF with one signature",
        "文件是可读取的 PDF，且只有一个签名",
    ),
    Step.SIGNATURE: (
        "The signature is intact and its certificate is trusted",
        "签名完整，且签名证书受信任",
    ),
    Step.COVERAGE: ("The signature covers the whole file", "签名覆盖整个文件"),
    Step.RECEIPT: (
        "The registration receipt belongs to this document",
        "登记回执属于本文件",
    ),
    Step.REVISIONS: (
        "Nothing a reader sees changed after registration",
        "登记之后，读者可见的内容没有任何改动",
    ),
    Step.CONTENT: (
        "The registered document has no active or hidden content",
        "登记的文件不含脚本、批注或隐藏内容",
    ),
    Step.ISSUER: ("The signer is the registered issuer", "签名人即登记的签发方"),
    Step.REGISTRATION: (
        "The trust network's log and witnesses confirm the registration",
        "信任网络的日志及见证方确认了登记",
    ),
    Step.STATUS: ("Current status on the trust network", "在信任网络上的当前状态"),
    Step.ORIGINAL: ("An original inside the pack", "汇总中的一份正本"),
}

PLAN: Final = tuple(step for step in Step if step is not Step.ORIGINAL)
"""The nine steps every verdict runs exactly once."""


class CheckStatus(Enum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True)
class Check:
    """The outcome of one step: a reason a person understands (a code of the catalogue in
    :mod:`exporter_desk.verify.reasons` and its parameters, rendered in English and Simplified
    Chinese), and, when it failed, the result that failure implies. ``detail`` is technical,
    for logs and "show details"; it is never the only place a failure is explained."""

    step: Step
    status: CheckStatus
    reason: Reason
    outcome: Result | None = None
    detail: str = ""

    def __post_init__(self) -> None:
        failed = self.status is CheckStatus.FAILED
        if failed != (self.outcome is not None) or self.outcome is Result.AUTHENTIC:
            raise ValueError(
                f"check {self.step.id}: a failed check, and only one, names an outcome"
            )
        if not isinstance(self.reason, Reason):
            raise TypeError(f"check {self.step.id} needs a Reason of the catalogue")

    @property
    def code(self) -> str:
        """The stable code of the reason, e.g. ``signature.digest_mismatch``."""
        return self.reason.code

    @property
    def reason_en(self) -> str:
        return self.reason.en

    @property
    def reason_zh(self) -> str:
        return self.reason.zh

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step.number,
            "id": self.step.id,
            "status": self.status.value,
            "outcome": None if self.outcome is None else self.outcome.value,
            "code": self.reason.code,
            "params": self.reason.to_json()["params"],
            "reason_en": self.reason_en,
            "reason_zh": self.reason_zh,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class IssuerInfo:
    """Who signed, from the signer's certificate (``registration_id`` is its subject
    serialNumber, e.g. a unified social credit code). ``trusted_by`` names the trust root that
    vouches for it (a pinned network's origin, or a CA the user trusts), None if none does."""

    company_name: str
    registration_id: str | None
    country: str | None
    fingerprint: str
    trusted_by: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "company_name": self.company_name,
            "registration_id": self.registration_id,
            "country": self.country,
            "fingerprint": self.fingerprint,
            "trusted_by": self.trusted_by,
        }


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the log entry says the document is (authenticated only if step 8 passed)."""

    kind: str
    number: str
    digest: str
    length: int
    entry_time: datetime
    supersedes: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number": self.number,
            "digest": self.digest,
            "length": self.length,
            "entry_time": _iso(self.entry_time),
            "supersedes": self.supersedes,
        }


@dataclass(frozen=True, slots=True)
class RegistrationInfo:
    """Where and when the trust network recorded the entry: set only when step 8 passed.

    ``checkpoint_time`` is the time the witnesses vouch for (the upper median of their
    cosignature times), ``witnesses`` the policy names of those that cosigned.
    """

    origin: str
    log_index: int
    tree_size: int
    leaf_hash: str
    checkpoint_time: datetime | None
    witnesses: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "log_index": self.log_index,
            "tree_size": self.tree_size,
            "leaf_hash": self.leaf_hash,
            "checkpoint_time": None if self.checkpoint_time is None else _iso(self.checkpoint_time),
            "witnesses": list(self.witnesses),
        }


def decide_result(checks: tuple[Check, ...]) -> Result:
    """The outcome of highest precedence among the failed checks; INCOMPLETE if a step of the
    plan is missing (or repeated), or did not apply while nothing failed (only the online
    status may not apply); AUTHENTIC only when every step ran and passed."""
    outcomes = [check.outcome for check in checks if check.outcome is not None]
    counts = Counter(check.step for check in checks)
    if any(counts[step] != 1 for step in PLAN):
        outcomes.append(Result.INCOMPLETE)
    if not outcomes and any(
        check.status is CheckStatus.NOT_APPLICABLE and check.step is not Step.STATUS
        for check in checks
    ):
        outcomes.append(Result.INCOMPLETE)
    return min(outcomes, key=lambda result: result.precedence, default=Result.AUTHENTIC)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer to "may I trust this PDF?", as data.

    ``as_of`` is the time the verdict speaks for: offline, the witnessed time of the receipt's
    checkpoint (the log may have learnt more since); online, that of the fresher checkpoint.
    ``signed_at`` is the signing time the signature claims (not independently attested).
    ``file_sha256`` identifies the bytes that were judged (None if the file was too large to read).
    """

    result: Result
    checks: tuple[Check, ...]
    issuer: IssuerInfo | None
    document: DocumentInfo | None
    registration: RegistrationInfo | None
    as_of: datetime | None
    signed_at: datetime | None
    file_sha256: str | None

    def __post_init__(self) -> None:
        if self.result is not decide_result(self.checks):
            raise ValueError(f"result {self.result.name} does not follow from the checks")

    @property
    def failures(self) -> tuple[Check, ...]:
        """The failed checks, most serious outcome first (then in plan order)."""
        failed = [check for check in self.checks if check.outcome is not None]
        return tuple(sorted(failed, key=lambda c: c.outcome.precedence if c.outcome else 9))

    @property
    def headline(self) -> Reason:
        """The reason for the verdict card: that of the most serious failure, or the verdict's
        own (``verdict.authentic``, ``verdict.incomplete``)."""
        failures = self.failures
        if failures and failures[0].outcome is self.result:
            return failures[0].reason
        return reason(
            "verdict.authentic" if self.result is Result.AUTHENTIC else "verdict.incomplete"
        )

    @property
    def headline_en(self) -> str:
        """One sentence for the verdict card: the reason of the most serious failure."""
        return self.headline.en

    @property
    def headline_zh(self) -> str:
        return self.headline.zh

    def check(self, step: Step) -> Check:
        """The check of ``step``."""
        for item in self.checks:
            if item.step is step:
                return item
        raise KeyError(step)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (``format`` = :data:`VERDICT_FORMAT`)."""
        return {
            "format": VERDICT_FORMAT,
            "result": self.result.value,
            "display": self.result.display,
            "display_zh": self.result.display_zh,
            "headline_en": self.headline_en,
            "headline_zh": self.headline_zh,
            "headline_code": self.headline.code,
            "as_of": None if self.as_of is None else _iso(self.as_of),
            "signed_at": None if self.signed_at is None else _iso(self.signed_at),
            "file_sha256": self.file_sha256,
            "issuer": None if self.issuer is None else self.issuer.to_json(),
            "document": None if self.document is None else self.document.to_json(),
            "registration": None if self.registration is None else self.registration.to_json(),
            "checks": [check.to_json() for check in self.checks],
        }


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
