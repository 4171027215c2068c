"""What a verifier trusts: pinned networks and the user's own CAs."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from exporter_desk.signing import CertificateAuthority, SigningCredentials
from exporter_desk.verify import Trust, TrustSettingsError, VerifyError
from tests.verify._build import TestLog


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
