"""Step 9, online: what the network says now is checked against the pinned keys before it can
change the verdict; an unreachable or lying network leaves the offline verdict standing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pytest

from exporter_desk.signing import CertificateAuthority, SigningCredentials
from exporter_desk.trustnet import (
    Checkpoint,
    Entry,
    NetworkDescriptor,
    ReceiptCheck,
    add_cosignatures,
    consistency_proof,
    cosign_checkpoint,
    document_digest,
    generate_key,
    root_hash,
    sign_checkpoint,
)
from exporter_desk.verify import CheckStatus, OnlineStatus, Result, Step, Trust, verify_pdf
from exporter_desk.verify.reasons import reason
from tests.verify._build import Issued, TestLog, draw_revision_one, issue, moment


@dataclass
class FakeNetwork:
    """An OnlineChecker over a TestLog; ``answer`` builds what the network says."""

    log: TestLog
    when: datetime
    superseded_by: int | None = None
    revocation: int | None = None
    fail: Exception | None = None
    forged_signer: str | None = None
    fork: bool = False
    calls: list[ReceiptCheck] = field(default_factory=list)

    def fetch_status(self, network: NetworkDescriptor, registration: ReceiptCheck) -> OnlineStatus:
        self.calls.append(registration)
        if self.fail is not None:
            raise self.fail
        leaves = list(self.log.leaves)
        if self.fork:  # a split view: the same size, but history rewritten
            leaves[registration.index] = b"rewritten history"
        size = len(leaves)
        note = sign_checkpoint(
            Checkpoint(self.log.origin, size, root_hash(leaves)),
            self.forged_signer or self.log.log_signer,
        )
        stamp = int(self.when.timestamp())
        note = add_cosignatures(
            note, [cosign_checkpoint(note, s, stamp) for s, _ in self.log.witnesses]
        )
        proof = tuple(consistency_proof(leaves, registration.checkpoint.size))
        receipt = lambda index: (  # noqa: E731
            None
            if index is None
            else self.log.receipt_for(index, self.log.checkpoint_note(when=self.when))
        )
        return OnlineStatus(
            checkpoint=note,
            consistency_proof=proof,
            superseded_by=receipt(self.superseded_by),
            revocation=receipt(self.revocation),
        )


@pytest.fixture(scope="module")
def network_log(member_ca: CertificateAuthority) -> TestLog:
    return TestLog("online.test.example/log", member_ca)


@pytest.fixture(scope="module")
def online_trust(network_log: TestLog) -> Trust:
    return Trust(networks=(network_log.descriptor,))


@pytest.fixture(scope="module")
def document(network_log: TestLog, acme: SigningCredentials, now: datetime) -> Issued:
    return issue(draw_revision_one("ONL-1"), acme, network_log, when=now, number="ONL-1")


def later_entry(
    log: TestLog, credentials: SigningCredentials, when: datetime, **fields: object
) -> int:
    base = dict(
        kind="commercial-invoice",
        number="ONL-1",
        issuer=credentials.fingerprint,
        digest=document_digest(b"corrected invoice"),
        length=17,
        time=when,
    )
    base.update(fields)
    return log.append(Entry.build(**base).sign(credentials.key).format())  # type: ignore[arg-type]


def test_fresher_consistent_checkpoint_confirms_the_document(
    document: Issued, network_log: TestLog, online_trust: Trust, now: datetime
) -> None:
    network_log.append(b"someone else's entry")
    later = moment(now, hours=5)
    checker = FakeNetwork(network_log, later)
    verdict = verify_pdf(document.pdf, online_trust, now=later, online=checker)
    assert verdict.result is Result.AUTHENTIC, verdict.to_json()
    assert verdict.check(Step.STATUS).status is CheckStatus.PASSED
    assert verdict.check(Step.STATUS).code == "status.passed"
    assert verdict.as_of == later
    assert len(checker.calls) == 1 and checker.calls[0].entry.number == "ONL-1"


def test_superseded_document_is_not_registered_any_more(
    document: Issued,
    network_log: TestLog,
    online_trust: Trust,
    acme: SigningCredentials,
    now: datetime,
) -> None:
    index = later_entry(network_log, acme, now, supersedes=document.entry.leaf_hash().hex())
    checker = FakeNetwork(network_log, moment(now, hours=6), superseded_by=index)
    verdict = verify_pdf(document.pdf, online_trust, now=moment(now, hours=6), online=checker)
    assert verdict.result is Result.NOT_REGISTERED
    assert verdict.headline.code == "status.superseded"
    assert "签发方已取代本文件" in verdict.headline_zh
    assert "commercial-invoice" not in verdict.headline_zh  # the kind is named in Chinese


def test_a_supersession_is_dated_by_its_witnesses_not_by_the_issuers_claim(
    network_log: TestLog,
    online_trust: Trust,
    acme: SigningCredentials,
    now: datetime,
) -> None:
    document = issue(draw_revision_one("ONL-7"), acme, network_log, when=now, number="ONL-7")
    claimed = moment(now, days=-300)  # the replacement says it is ten months old
    index = later_entry(
        network_log, acme, claimed, number="ONL-7", supersedes=document.entry.leaf_hash().hex()
    )
    witnessed = moment(now, hours=6)
    checker = FakeNetwork(network_log, witnessed, superseded_by=index)
    verdict = verify_pdf(document.pdf, online_trust, now=witnessed, online=checker)
    assert verdict.result is Result.NOT_REGISTERED
    when = dict(verdict.headline.params)["when"]
    assert when == reason("when.by", time=f"{witnessed:%Y-%m-%d %H:%M} UTC")
    assert f"{claimed:%Y-%m-%d}" not in verdict.headline_en + verdict.headline_zh


def test_supersession_by_another_issuer_does_not_count(
    document: Issued,
    network_log: TestLog,
    online_trust: Trust,
    rogue: SigningCredentials,
    now: datetime,
) -> None:
    index = later_entry(network_log, rogue, now, supersedes=document.entry.leaf_hash().hex())
    checker = FakeNetwork(network_log, moment(now, hours=6), superseded_by=index)
    verdict = verify_pdf(document.pdf, online_trust, now=moment(now, hours=6), online=checker)
    assert verdict.result is Result.AUTHENTIC


def test_revoked_issuer_is_untrusted(
    document: Issued,
    network_log: TestLog,
    online_trust: Trust,
    acme: SigningCredentials,
    now: datetime,
) -> None:
    registrar = network_log.ca.issue_credentials(
        acme.identity.__class__("Registrar", "CN", "REGISTRAR-1"), now=now
    )
    index = later_entry(
        network_log,
        registrar,
        now,
        kind="revocation",
        number=acme.fingerprint,
        digest=acme.fingerprint,
    )
    checker = FakeNetwork(network_log, moment(now, hours=7), revocation=index)
    verdict = verify_pdf(document.pdf, online_trust, now=moment(now, hours=7), online=checker)
    assert verdict.result is Result.UNTRUSTED_ISSUER
    assert verdict.headline.code == "status.revoked"


def test_rewritten_log_history_is_not_registered(
    document: Issued, network_log: TestLog, online_trust: Trust, now: datetime
) -> None:
    checker = FakeNetwork(network_log, moment(now, hours=8), fork=True)
    verdict = verify_pdf(document.pdf, online_trust, now=moment(now, hours=8), online=checker)
    assert verdict.result is Result.NOT_REGISTERED
    assert verdict.headline.code == "status.history_rewritten"


def test_unreachable_network_leaves_the_offline_verdict(
    document: Issued, network_log: TestLog, online_trust: Trust, now: datetime
) -> None:
    checker = FakeNetwork(network_log, now, fail=OSError("connection refused"))
    verdict = verify_pdf(document.pdf, online_trust, now=now, online=checker)
    assert verdict.result is Result.AUTHENTIC
    status = verdict.check(Step.STATUS)
    assert status.status is CheckStatus.NOT_APPLICABLE
    assert status.code == "status.unreachable"
    assert verdict.as_of == now


def test_forged_answer_is_ignored(
    document: Issued, network_log: TestLog, online_trust: Trust, now: datetime
) -> None:
    impostor, _ = generate_key(network_log.origin)
    checker = FakeNetwork(network_log, moment(now, hours=9), forged_signer=impostor, fork=True)
    verdict = verify_pdf(document.pdf, online_trust, now=moment(now, hours=9), online=checker)
    assert verdict.result is Result.AUTHENTIC
    assert verdict.check(Step.STATUS).code == "status.unverifiable"


def test_online_is_not_asked_when_the_registration_failed(
    revision_one: bytes,
    acme: SigningCredentials,
    network_log: TestLog,
    online_trust: Trust,
    now: datetime,
) -> None:
    from exporter_desk.signing import sign_pdf

    checker = FakeNetwork(network_log, now)
    verdict = verify_pdf(
        sign_pdf(revision_one, acme, now=now), online_trust, now=now, online=checker
    )
    assert verdict.result is Result.NOT_REGISTERED
    assert checker.calls == []
