"""One shape for the network's certificates: the node's member CA and the desktop's CA build
them with the same code (``exporter_desk._x509``)."""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from exporter_desk.notary.ca import MemberCA
from exporter_desk.signing import CertificateAuthority
from exporter_desk.signing.certificates import signing_key_usage


def _shape(certificate: x509.Certificate) -> list[tuple[str, bool]]:
    return sorted((e.oid.dotted_string, e.critical) for e in certificate.extensions)


def test_the_node_and_the_desktop_issue_certificates_of_one_shape() -> None:
    now = datetime.now(UTC)
    node = MemberCA.create("log.example.test", now)
    desktop = CertificateAuthority.create("Desktop CA", now=now)
    assert _shape(node.certificate) == _shape(desktop.certificate)

    key = ec.generate_private_key(ec.SECP256R1())
    from_node = node.issue(
        key.public_key(), name="ACME Ltd", registration_id="REG-1", now=now, crl_url="http://x/"
    )
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(from_node.subject)
        .sign(key, hashes.SHA256())
    )
    desktop_ca = CertificateAuthority.create("Desktop CA", now=now, crl_url="http://x/")
    from_desktop = desktop_ca.issue_certificate(csr, now=now)
    assert _shape(from_node) == _shape(from_desktop)
    for certificate in (from_node, from_desktop):
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
        assert usage == signing_key_usage()
