"""What a verifier trusts: pinned networks and the user's own CAs."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from exporter_desk.signing import CertificateAuthority, SigningCredentials
from exporter_desk.trustnet import generate_witness_key
from exporter_desk.verify import (
    CheckStatus,
    Result,
    Step,
    Trust,
    TrustSettingsError,
    VerifyError,
    verify_pdf,
)
from tests.verify._build import Issued, TestLog


def test_roots_are_the_member_cas_then_the_user_cas(
    log: TestLog, outsider_ca: CertificateAuthority
) -> None:
    trust = Trust(networks=(log.descriptor,), user_cas=(outsider_ca.certificate,))
    assert [root.label for root in trust.roots] == [
        f"trust network {log.origin}",
        "your trusted CA CN=Some Commercial CA",
    ]
    assert [root.label_zh for root in trust.roots] == [
        f"信任网络 {log.origin}",
        "您信任的证书机构 CN=Some Commercial CA",
    ]
    assert trust.roots[0].der == log.ca.certificate.public_bytes(Encoding.DER)
    assert trust.networks_of(log.origin) == (log.descriptor,)
    assert trust.networks_of("elsewhere.example/log") == ()


def test_trust_compares_by_what_it_pins(log: TestLog) -> None:
    assert Trust(networks=(log.descriptor,)) == Trust(networks=(log.descriptor,))


def test_a_signing_certificate_cannot_be_a_trusted_ca(outsider: SigningCredentials) -> None:
    subject = outsider.certificate.subject.rfc4514_string()
    with pytest.raises(TrustSettingsError) as caught:
        Trust(user_cas=(outsider.certificate,))
    assert isinstance(caught.value, VerifyError)
    assert caught.value.user_message == (
        f"The certificate {subject} cannot be trusted as an issuer of signing certificates: it "
        "is not a certificate authority (CA) certificate. Ask its owner for their CA "
        "certificate instead."
    )
    assert str(caught.value) == f"user CA {subject} is not a CA certificate"


def test_a_receipt_cosigned_by_witnesses_the_pinned_descriptor_does_not_know_is_an_outdated_trust_root(
    issued: Issued, log: TestLog, now: datetime
) -> None:
    # The verifier pinned the network before the operator rotated to the witnesses that cosigned
    # this receipt: same log key, other witnesses.
    old_witnesses = [generate_witness_key(f"old{i}.witness.example")[1] for i in range(2)]
    old_policy = (
        f"log {log.log_verifier}\n"
        + "".join(f"witness old{i} {vkey}\n" for i, vkey in enumerate(old_witnesses))
        + "group both 2 old0 old1\nquorum both\n"
    )
    outdated = replace(log.descriptor, policy_text=old_policy)
    verdict = verify_pdf(issued.pdf, Trust(networks=(outdated,)), now=now)
    assert verdict.result is Result.INCOMPLETE, verdict.to_json()
    check = verdict.check(Step.REGISTRATION)
    assert check.status is CheckStatus.FAILED
    assert check.code == "registration.trust_root_outdated"
    assert "w0.witness.example" in check.reason_en
    assert "信任根已过期" in check.reason_zh
