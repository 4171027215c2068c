"""The plan end to end on genuine documents: what AUTHENTIC looks like, and the verdicts that are
not about tampering (unsigned, unreadable, not registered, untrusted issuer)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from exporter_desk.signing import CertificateAuthority, SigningCredentials, sign_pdf
from exporter_desk.verify import (
    PLAN,
    CheckStatus,
    Limits,
    Result,
    Step,
    Trust,
    Verdict,
    verify_pdf,
)
from exporter_desk.verify.reasons import reason
from tests.verify._build import (
    ACME,
    Issued,
    TestLog,
    draw_revision_one,
    embed_receipt,
    issue,
    make_entry,
    moment,
    pyhanko_calls_valid,
)


def statuses(verdict: Verdict) -> dict[str, str]:
    return {check.step.id: check.status.value for check in verdict.checks}


def test_issued_document_is_authentic_with_every_offline_check_passed(
    issued: Issued, trust: Trust, log: TestLog, now: datetime
) -> None:
    verdict = verify_pdf(issued.pdf, trust, now=now)
    assert verdict.result is Result.AUTHENTIC, verdict.to_json()
    assert [c.step for c in verdict.checks] == list(PLAN)
    assert all(c.status is CheckStatus.PASSED for c in verdict.checks[:8])
    assert verdict.check(Step.STATUS).status is CheckStatus.NOT_APPLICABLE
    assert verdict.check(Step.STATUS).code == "status.offline"
    assert "as of" in verdict.check(Step.STATUS).reason_en
    assert verdict.issuer is not None
    assert verdict.issuer.company_name == ACME.name
    assert verdict.issuer.registration_id == ACME.registration_id
    assert verdict.issuer.trusted_by == f"trust network {log.origin}"
    assert verdict.document is not None
    assert (verdict.document.kind, verdict.document.number) == (
        "commercial-invoice",
        "INV-2025-0001",
    )
    assert verdict.document.length == len(issued.revision_one)
    registration = verdict.registration
    assert registration is not None and registration.origin == log.origin
    assert registration.witnesses == ("w0", "w1")
    assert registration.checkpoint_time == now
    assert verdict.as_of == now
    assert verdict.signed_at == now
    assert verdict.headline.code == "verdict.authentic"


def test_verdict_json_is_complete_and_serialisable(
    issued: Issued, trust: Trust, now: datetime
) -> None:
    document = verify_pdf(issued.pdf, trust, now=now).to_json()
    assert document["format"] == "exporter-desk-verdict/v1"
    assert document["result"] == "authentic" and document["display"] == "AUTHENTIC"
    assert document["display_zh"] == "真实有效"
    assert [c["step"] for c in document["checks"]] == list(range(1, 10))
    assert document["registration"]["witnesses"] == ["w0", "w1"]
    assert json.loads(json.dumps(document, ensure_ascii=False)) == document


def test_path_and_bytes_give_the_same_verdict(
    issued: Issued, trust: Trust, now: datetime, tmp_path: Path
) -> None:
    path = tmp_path / "invoice.pdf"
    path.write_bytes(issued.pdf)
    assert verify_pdf(path, trust, now=now) == verify_pdf(issued.pdf, trust, now=now)


def test_still_authentic_years_later_after_the_certificate_expired(
    issued: Issued, trust: Trust, now: datetime
) -> None:
    # The chain is checked at the signing time, and the witnesses dated the registration
    # inside the certificate's validity: a receipt must verify in ten years.
    verdict = verify_pdf(issued.pdf, trust, now=moment(now, days=3650))
    assert verdict.result is Result.AUTHENTIC, verdict.to_json()


def test_unsigned_pdf_is_unsigned(revision_one: bytes, trust: Trust, now: datetime) -> None:
    verdict = verify_pdf(revision_one, trust, now=now)
    assert verdict.result is Result.UNSIGNED
    assert verdict.headline.code == "parse.unsigned"
    assert statuses(verdict)["signature"] == "not_applicable"


@pytest.mark.parametrize(
    "data",
    [b"", b"hello, this is not a PDF", b"\x89PNG\r\n\x1a\n" + bytes(100), b"%PDF-1.7\n%%EOF\n"],
    ids=["empty", "text", "png", "header-only"],
)
def test_file_that_is_not_a_pdf_is_unreadable(data: bytes, trust: Trust, now: datetime) -> None:
    verdict = verify_pdf(data, trust, now=now)
    assert verdict.result is Result.UNREADABLE
    assert verdict.headline.code in {"parse.unreadable", "parse.not_pdf"}
    assert all(c.status is CheckStatus.NOT_APPLICABLE for c in verdict.checks[1:])


def test_truncated_file_is_unreadable(issued: Issued, trust: Trust, now: datetime) -> None:
    verdict = verify_pdf(issued.pdf[: len(issued.pdf) * 2 // 3], trust, now=now)
    assert verdict.result is Result.UNREADABLE


def test_file_over_the_size_limit_is_not_read(issued: Issued, trust: Trust, now: datetime) -> None:
    verdict = verify_pdf(issued.pdf, trust, now=now, limits=Limits(max_file_size=10_000))
    assert verdict.result is Result.UNREADABLE
    assert verdict.headline.code == "parse.too_large"
    assert verdict.file_sha256 is None


def test_missing_file_is_unreadable(trust: Trust, now: datetime, tmp_path: Path) -> None:
    verdict = verify_pdf(tmp_path / "nowhere.pdf", trust, now=now)
    assert verdict.result is Result.UNREADABLE
    assert verdict.headline.code == "parse.cannot_open"


def test_signed_without_a_receipt_is_not_registered(
    revision_one: bytes, acme: SigningCredentials, trust: Trust, now: datetime
) -> None:
    pdf = sign_pdf(revision_one, acme, now=now)
    verdict = verify_pdf(pdf, trust, now=now)
    assert verdict.result is Result.NOT_REGISTERED
    assert verdict.headline.code == "receipt.missing"
    assert statuses(verdict)["registration"] == "not_applicable"


def test_receipt_of_a_network_that_is_not_pinned_is_not_registered(
    revision_one: bytes, acme: SigningCredentials, member_ca: CertificateAuthority, now: datetime
) -> None:
    other = TestLog("other-network.example/log", member_ca)
    issued = issue(revision_one, acme, other, when=now)
    verdict = verify_pdf(
        issued.pdf, Trust(networks=(TestLog("x.example/log", member_ca).descriptor,)), now=now
    )
    assert verdict.result is Result.NOT_REGISTERED
    assert verdict.headline == reason("registration.not_pinned", origin="other-network.example/log")


def test_signed_by_a_valid_certificate_of_a_non_member_is_untrusted_issuer(
    outsider: SigningCredentials, log: TestLog, trust: Trust, now: datetime
) -> None:
    revision_one = draw_revision_one("OUT-1")
    issued = issue(revision_one, outsider, log, when=now, number="OUT-1")
    verdict = verify_pdf(issued.pdf, trust, now=now)
    assert verdict.result is Result.UNTRUSTED_ISSUER, verdict.to_json()
    assert verdict.headline.code == "signature.untrusted"
    assert verdict.issuer is not None and verdict.issuer.trusted_by is None
    # Every other check passed: only the issuer is in doubt.
    failed = [c.step for c in verdict.checks if c.status is CheckStatus.FAILED]
    assert failed == [Step.SIGNATURE]


def test_a_ca_the_user_trusts_vouches_for_a_non_member(
    outsider: SigningCredentials,
    outsider_ca: CertificateAuthority,
    log: TestLog,
    trust: Trust,
    now: datetime,
) -> None:
    issued = issue(draw_revision_one("OUT-2"), outsider, log, when=now, number="OUT-2")
    trusting = Trust(networks=trust.networks, user_cas=(outsider_ca.certificate,))
    verdict = verify_pdf(issued.pdf, trusting, now=now)
    assert verdict.result is Result.AUTHENTIC
    assert verdict.issuer is not None
    assert verdict.issuer.trusted_by == "your trusted CA CN=Some Commercial CA"


def test_signature_claiming_a_time_after_the_certificate_expired_is_untrusted(
    member_ca: CertificateAuthority, log: TestLog, trust: Trust, now: datetime
) -> None:
    from datetime import timedelta

    old = member_ca.issue_credentials(ACME, now=moment(now, days=-40), validity=timedelta(days=30))
    revision_one = draw_revision_one("OLD-1")
    issued = issue(revision_one, old, log, when=moment(now, days=-1), number="OLD-1")
    verdict = verify_pdf(issued.pdf, trust, now=now)
    assert verdict.result is Result.UNTRUSTED_ISSUER
    assert verdict.headline.code == "signature.not_valid_then"


def test_no_pinned_network_at_all_means_untrusted_issuer(issued: Issued, now: datetime) -> None:
    verdict = verify_pdf(issued.pdf, Trust(), now=now)
    assert verdict.result is Result.UNTRUSTED_ISSUER
    assert verdict.check(Step.REGISTRATION).status is CheckStatus.FAILED


def test_pyhanko_agrees_the_genuine_document_is_valid(
    issued: Issued, member_ca: CertificateAuthority
) -> None:
    assert pyhanko_calls_valid(issued.pdf, member_ca.certificate)


def test_revision_one_with_entry_and_receipt_but_unsigned_is_unsigned(
    revision_one: bytes, acme: SigningCredentials, log: TestLog, trust: Trust, now: datetime
) -> None:
    entry = make_entry(revision_one, acme, when=now)
    pdf = embed_receipt(revision_one, log.register(entry, when=now))
    assert verify_pdf(pdf, trust, now=now).result is Result.UNSIGNED


def test_revision_one_with_cross_reference_streams_is_authentic(
    acme: SigningCredentials, log: TestLog, trust: Trust, now: datetime
) -> None:
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(draw_revision_one("XS-1"))))
    writer.stream_xrefs = True
    out = io.BytesIO()
    writer.write(out)
    assert b"/Type /XRef" in out.getvalue()
    pdf = issue(out.getvalue(), acme, log, when=now, number="XS-1", seal_box=None).pdf
    assert verify_pdf(pdf, trust, now=now).result is Result.AUTHENTIC


def test_calling_from_a_running_event_loop_is_a_programming_error(
    issued: Issued, trust: Trust, now: datetime
) -> None:
    import asyncio

    async def inside_a_loop() -> None:
        verify_pdf(issued.pdf, trust, now=now)

    with pytest.raises(RuntimeError, match="worker thread"):
        asyncio.run(inside_a_loop())


def test_naive_now_is_a_programming_error(issued: Issued, trust: Trust) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        verify_pdf(issued.pdf, trust, now=datetime(2025, 1, 1))


# --- fails closed: a bug of ours is "could not be completed", never AUTHENTIC or TAMPERED ------


def step_method(step: Step) -> str:
    return f"step_{step.number}_{step.id}"


def test_every_step_of_the_plan_is_one_method_of_the_verifier() -> None:
    from exporter_desk.verify import verifier

    methods = sorted(name for name in vars(verifier._Verification) if name.startswith("step_"))
    assert methods == sorted(step_method(step) for step in PLAN)


@pytest.mark.parametrize("step", PLAN, ids=lambda step: step.id)
def test_an_error_of_ours_in_any_step_says_the_check_could_not_be_completed(
    step: Step,
    issued: Issued,
    trust: Trust,
    now: datetime,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from exporter_desk.verify import verifier

    method = step_method(step)

    def broken(*args: object) -> None:
        raise RuntimeError(f"injected into {method}")

    monkeypatch.setattr(verifier._Verification, method, broken)
    with caplog.at_level("ERROR", logger="exporter_desk.verify.verifier"):
        verdict = verify_pdf(issued.pdf, trust, now=now)
    # Never AUTHENTIC (a step did not run) and never TAMPERED (the fault is ours, not the file's).
    assert verdict.result is Result.INCOMPLETE, verdict.to_json()
    check = verdict.check(step)
    assert check.outcome is Result.INCOMPLETE
    assert check.code == "check.internal_error"
    assert check.detail == f"RuntimeError: injected into {method}"
    assert verdict.headline == check.reason
    assert [c.step for c in verdict.checks] == list(PLAN)  # every other step still accounted for
    if step is Step.PARSE:  # the later steps need what it would have read
        assert {c.code for c in verdict.checks[1:]} == {"skip.step_incomplete"}
    logged = [r for r in caplog.records if "failed unexpectedly" in r.getMessage()]
    assert len(logged) == 1 and logged[0].exc_info is not None  # with its traceback
    assert method in logged[0].getMessage() or step.id in logged[0].getMessage()


@pytest.mark.parametrize(
    ("module", "function"),
    [
        ("_pdf", "open_pdf"),  # inside step 1's catch of pyHanko's errors
        ("_signature", "validate_signature"),  # inside step 2's catch of pyHanko's errors
        ("_signature", "validate_timestamp"),  # inside step 3's time stamp check
    ],
)
def test_an_error_of_ours_beside_pyhankos_is_not_taken_for_a_damaged_file(
    module: str,
    function: str,
    issued: Issued,
    trust: Trust,
    now: datetime,
    member_ca: CertificateAuthority,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    from tests.verify._build import add_document_time_stamp

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("injected")

    monkeypatch.setattr(importlib.import_module(f"exporter_desk.verify.{module}"), function, broken)
    pdf = add_document_time_stamp(issued.pdf, member_ca, now)
    verdict = verify_pdf(pdf, trust, now=now)
    assert verdict.result is Result.INCOMPLETE, verdict.to_json()
    assert "KeyError" in next(c.detail for c in verdict.checks if c.outcome is Result.INCOMPLETE)
