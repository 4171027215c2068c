"""The local network: created on first use, company enrolled, no private key in a plain file."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from exporter_desk.services.identity import DEFAULT_PROFILE, load_credentials
from exporter_desk.services.network import (
    NETWORK_SETTING,
    EnrolmentMismatchError,
    LocalNetworkKeyMissingError,
    NotEnrolledError,
    UnknownNetworkError,
    join_network,
    open_local_network,
    open_network,
)
from exporter_desk.services.trust import pin_network, pinned_networks
from exporter_desk.signing import CertificateAuthority, SecretNotFoundError
from exporter_desk.trustnet import NetworkDescriptor
from tests.verify._build import TestLog

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


# -- what a person is told when the network cannot be used ---------------------------------------


class _Enrolment(ThreadingHTTPServer):
    """A network's enrolment endpoint that answers with ``answer`` (JSON), whatever is asked."""

    def __init__(self, answer: dict[str, str]) -> None:
        body = json.dumps(answer).encode("utf-8")

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def _serving(answer: dict[str, str]) -> Iterator[_Enrolment]:
    server = _Enrolment(answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _remote(url: str) -> NetworkDescriptor:
    """A network of another operator (its own member CA), reachable at ``url``."""
    log = TestLog("operator.test.example/log", CertificateAuthority.create("Operator CA"))
    return replace(log.descriptor, api_url=url)


def test_a_chosen_network_that_is_no_longer_pinned_is_named(desk: Desk) -> None:
    desk.store.settings.set(NETWORK_SETTING, "gone.test.example/log")
    with pytest.raises(UnknownNetworkError) as caught:
        open_network(desk.data_dir, desk.store, desk.keystore)
    assert caught.value.user_message == (
        "The network gone.test.example/log chosen in Settings is no longer trusted here. "
        "Import its descriptor again, or choose the local network."
    )


def test_a_pinned_network_the_company_never_joined_asks_for_the_invitation(desk: Desk) -> None:
    remote = _remote("http://127.0.0.1:9")
    pin_network(desk.data_dir, remote)
    desk.store.settings.set(NETWORK_SETTING, remote.origin)
    with pytest.raises(NotEnrolledError) as caught:
        open_network(desk.data_dir, desk.store, desk.keystore)
    assert f"Your company is not enrolled with {remote.origin} yet" in caught.value.user_message


def test_an_enrolment_certificate_from_another_ca_is_refused_and_nothing_changes(
    desk: Desk,
) -> None:
    stranger = CertificateAuthority.create("Stranger CA").certificate
    answer = {
        "certificate_pem": stranger.public_bytes(Encoding.PEM).decode("ascii"),
        "member_ca_pem": "",
        "api_token": "token-from-a-stranger",
    }
    with _serving(answer) as server:
        remote = _remote(server.url)
        with pytest.raises(EnrolmentMismatchError) as caught:
            join_network(desk.data_dir, desk.store, desk.keystore, remote, "INVITE-1")
    assert caught.value.user_message == (
        f"{remote.origin} answered with a certificate its pinned member CA did not issue; "
        "nothing was changed. Check the network file with the operator."
    )
    assert desk.store.settings.get(NETWORK_SETTING) != remote.origin
    with pytest.raises(SecretNotFoundError):
        desk.keystore.load_token(DEFAULT_PROFILE, remote.origin)


def test_a_local_network_key_lost_from_the_keyring_is_said_plainly(desk: Desk) -> None:
    desk.network.close()
    desk.keystore.delete_token(DEFAULT_PROFILE, "local-network:log/log.key")
    with pytest.raises(LocalNetworkKeyMissingError) as caught:
        open_local_network(desk.data_dir, desk.store, desk.keystore)
    assert "of your local network is missing from the keystore" in caught.value.user_message
    assert "Documents issued before still verify" in caught.value.user_message
