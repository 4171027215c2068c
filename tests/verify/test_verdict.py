"""The verdict as data: precedence of results, display strings, check invariants, JSON."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from exporter_desk.verify import (
    PLAN,
    VERDICT_FORMAT,
    Check,
    CheckStatus,
    Result,
    Step,
    Verdict,
    decide_result,
)
from exporter_desk.verify.reasons import reason

# A reason for each kind of check: which one does not matter to the verdict's logic.
FAILED = {
    Step.PARSE: reason("parse.unreadable"),
    Step.SIGNATURE: reason("signature.digest_mismatch"),
    Step.COVERAGE: reason("coverage.gaps"),
    Step.RECEIPT: reason("receipt.missing"),
    Step.REVISIONS: reason("revision.encrypts", revision=2),
    Step.CONTENT: reason("content.forbidden", items=(reason("lint.javascript"),)),
    Step.ISSUER: reason("issuer.entry_signature"),
    Step.REGISTRATION: reason("registration.inclusion_proof"),
    Step.STATUS: reason("status.history_rewritten"),
    Step.ORIGINAL: reason("pack.empty"),
}


def failed(step: Step, outcome: Result) -> Check:
    return Check(step, CheckStatus.FAILED, FAILED[step], outcome)


def passed(step: Step) -> Check:
    return Check(step, CheckStatus.PASSED, reason("coverage.passed"))


def test_display_strings_are_what_the_verdict_card_shows() -> None:
    assert [r.display for r in Result] == [
        "TAMPERED",
        "INCOMPLETE",
        "UNREADABLE",
        "UNSIGNED",
        "UNTRUSTED ISSUER",
        "NOT REGISTERED",
        "AUTHENTIC",
    ]
    assert Result.NOT_REGISTERED.display_zh == "未登记"
    assert Result.AUTHENTIC.display_zh == "真实有效"
    assert Result.INCOMPLETE.display_zh == "检查未完成"
    assert all(r.display_zh for r in Result)


def not_applicable(step: Step) -> Check:
    return Check(step, CheckStatus.NOT_APPLICABLE, reason("skip.no_signature"))


def plan(*checks: Check) -> tuple[Check, ...]:
    """``checks``, and every other step of the plan passed, in plan order."""
    given = {check.step: check for check in checks}
    return tuple(given.get(step, passed(step)) for step in PLAN)


def test_precedence_most_serious_first() -> None:
    assert [r.precedence for r in Result] == list(range(7))
    assert decide_result(plan()) is Result.AUTHENTIC
    assert decide_result(plan(not_applicable(Step.STATUS))) is Result.AUTHENTIC


def test_an_empty_plan_is_never_authentic() -> None:
    assert decide_result(()) is Result.INCOMPLETE
    assert decide_result((passed(Step.PARSE),)) is Result.INCOMPLETE


def test_authentic_needs_every_step_once() -> None:
    missing = plan()[:-1]
    assert decide_result(missing) is Result.INCOMPLETE
    assert decide_result((*plan(), passed(Step.PARSE))) is Result.INCOMPLETE
    # A step that did not apply while nothing failed means it did not run: not AUTHENTIC.
    assert decide_result(plan(not_applicable(Step.REVISIONS))) is Result.INCOMPLETE
    bare = Verdict(Result.INCOMPLETE, (), None, None, None, None, None, None)
    assert bare.headline.code == "verdict.incomplete"
    assert bare.headline_en.startswith("The check could not be completed")
    assert bare.headline_zh.startswith("检查未能完成")


def test_proof_of_tampering_stands_beside_a_step_that_could_not_be_completed() -> None:
    checks = plan(
        failed(Step.SIGNATURE, Result.INCOMPLETE), failed(Step.REVISIONS, Result.TAMPERED)
    )
    assert decide_result(checks) is Result.TAMPERED
    checks = plan(
        failed(Step.SIGNATURE, Result.INCOMPLETE), failed(Step.STATUS, Result.NOT_REGISTERED)
    )
    assert decide_result(checks) is Result.INCOMPLETE


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ((Result.NOT_REGISTERED, Result.UNTRUSTED_ISSUER), Result.UNTRUSTED_ISSUER),
        ((Result.NOT_REGISTERED, Result.TAMPERED), Result.TAMPERED),
        ((Result.UNTRUSTED_ISSUER, Result.TAMPERED), Result.TAMPERED),
        # proof of alteration stands even when a later step ran out of time
        ((Result.TAMPERED, Result.UNREADABLE), Result.TAMPERED),
        ((Result.UNTRUSTED_ISSUER, Result.UNREADABLE), Result.UNREADABLE),
    ],
)
def test_the_most_serious_failure_decides(outcomes: tuple[Result, ...], expected: Result) -> None:
    checks = plan(*(failed(step, outcome) for step, outcome in zip(Step, outcomes, strict=False)))
    assert decide_result(checks) is expected


def test_a_failed_check_names_its_outcome_and_only_a_failed_one() -> None:
    why = reason("parse.unreadable")
    with pytest.raises(ValueError, match="names an outcome"):
        Check(Step.PARSE, CheckStatus.FAILED, why)
    with pytest.raises(ValueError, match="names an outcome"):
        Check(Step.PARSE, CheckStatus.PASSED, why, Result.TAMPERED)
    with pytest.raises(ValueError, match="names an outcome"):
        Check(Step.PARSE, CheckStatus.FAILED, why, Result.AUTHENTIC)
    with pytest.raises(TypeError, match="Reason of the catalogue"):
        Check(Step.PARSE, CheckStatus.PASSED, "x")  # type: ignore[arg-type]


def verdict(checks: tuple[Check, ...]) -> Verdict:
    return Verdict(decide_result(checks), checks, None, None, None, None, None, "ab" * 32)


def test_verdict_result_must_follow_from_its_checks() -> None:
    checks = (failed(Step.SIGNATURE, Result.TAMPERED),)
    with pytest.raises(ValueError, match="does not follow"):
        Verdict(Result.AUTHENTIC, checks, None, None, None, None, None, None)


def test_headline_is_the_reason_of_the_most_serious_failure() -> None:
    v = verdict(
        (
            passed(Step.PARSE),
            failed(Step.SIGNATURE, Result.UNTRUSTED_ISSUER),
            failed(Step.REVISIONS, Result.TAMPERED),
        )
    )
    assert v.result is Result.TAMPERED
    assert v.headline.code == "revision.encrypts"
    assert v.headline_en == v.check(Step.REVISIONS).reason_en
    assert verdict(plan()).headline.code == "verdict.authentic"
    assert [c.step for c in v.failures] == [Step.REVISIONS, Step.SIGNATURE]
    assert v.check(Step.SIGNATURE).outcome is Result.UNTRUSTED_ISSUER
    with pytest.raises(KeyError):
        v.check(Step.STATUS)


def test_steps_are_numbered_one_to_nine_with_titles_in_both_languages() -> None:
    assert [s.number for s in PLAN] == list(range(1, 10))
    assert [s.id for s in PLAN] == [
        "parse",
        "signature",
        "coverage",
        "receipt",
        "revisions",
        "content",
        "issuer",
        "registration",
        "status",
    ]
    assert all(s.title_en and s.title_zh for s in Step)
    assert Step.ORIGINAL not in PLAN  # a pack's per-original checks, never one PDF's step


def test_a_pack_summary_with_its_originals_can_be_authentic() -> None:
    originals = tuple(passed(Step.ORIGINAL) for _ in range(3))
    checks = tuple(passed(step) for step in PLAN) + originals
    assert decide_result(checks) is Result.AUTHENTIC
    assert decide_result(originals) is Result.INCOMPLETE  # the pack's own nine must be there


def test_json_of_a_bare_verdict() -> None:
    v = Verdict(
        Result.UNREADABLE,
        (failed(Step.PARSE, Result.UNREADABLE), *(not_applicable(s) for s in list(PLAN)[1:])),
        None,
        None,
        None,
        datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
        None,
        None,
    )
    document = v.to_json()
    assert document["format"] == VERDICT_FORMAT
    assert document["result"] == "unreadable"
    assert document["as_of"] == "2025-01-02T03:04:05Z"
    assert document["headline_code"] == "parse.unreadable"
    assert document["checks"][0] == {
        "step": 1,
        "id": "parse",
        "status": "failed",
        "outcome": "unreadable",
        "code": "parse.unreadable",
        "params": {},
        "reason_en": reason("parse.unreadable").en,
        "reason_zh": reason("parse.unreadable").zh,
        "detail": "",
    }
