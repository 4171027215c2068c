"""The local network: created on first use, company enrolled, no private key in a plain file."""

from __future__ import annotations

from pathlib import Path

from exporter_desk.services.identity import load_credentials
from exporter_desk.services.network import open_local_network
from exporter_desk.services.trust import pinned_networks

from .conftest import Desk


def test_the_local_network_is_pinned_and_the_company_is_its_member(desk: Desk) -> None:
    assert [d.origin for d in pinned_networks(desk.data_dir)] == [desk.network.descriptor.origin]
    credentials = load_credentials(desk.store, desk.keystore)
    member_ca = desk.network.descriptor.member_ca_certificate()
    assert credentials.certificate.issuer == member_ca.subject
    assert desk.network.token


def test_no_private_key_or_token_is_written_to_the_data_folder(desk: Desk) -> None:
    secrets = [desk.network.token]
    for path in Path(desk.data_dir).rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        assert b"PRIVATE KEY" not in data, path
        assert b"PRIVATE+KEY" not in data, path
        assert not any(secret.encode() in data for secret in secrets), path


def test_reopening_the_local_network_keeps_its_keys_and_membership(desk: Desk) -> None:
    origin = desk.network.descriptor.origin
    token = desk.network.token
    desk.network.close()
    with open_local_network(desk.data_dir, desk.store, desk.keystore) as again:
        assert again.descriptor.origin == origin
        assert again.token == token


def test_a_revoked_member_appears_on_the_member_cas_revocation_list(desk: Desk) -> None:
    from cryptography import x509

    from exporter_desk.notary.local import LocalNetwork

    credentials = load_credentials(desk.store, desk.keystore)
    desk.network.close()
    root = desk.data_dir / "network"
    from exporter_desk.services.network import KeystoreVault

    with LocalNetwork(root, vault=KeystoreVault(desk.keystore, "default", root)) as network:
        before = x509.load_der_x509_crl(network.service.revocation_list())
        assert (
            before.get_revoked_certificate_by_serial_number(credentials.certificate.serial_number)
            is None
        )
        network.revoke(credentials.fingerprint)
        after = x509.load_der_x509_crl(network.service.revocation_list())
        assert (
            after.get_revoked_certificate_by_serial_number(credentials.certificate.serial_number)
            is not None
        )
        assert after.is_signature_valid(
            desk.network.descriptor.member_ca_certificate().public_key()
        )  # type: ignore[arg-type]
