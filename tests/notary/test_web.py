"""The log and witness HTTP apps on real servers (127.0.0.1): enrolment behind a reverse proxy,
one key one member, backdated entries, and the witness's body limit, as a client sees them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from exporter_desk.notary.connections import ConnectionLimits
from exporter_desk.notary.local import LocalNetwork
from exporter_desk.notary.log import LogSettings
from exporter_desk.notary.provision import create_invitation
from exporter_desk.notary.ratelimit import parse_trusted_proxies
from exporter_desk.notary.web import log_app, witness_app
from exporter_desk.notary.witness import Witness
from exporter_desk.trustnet import generate_witness_key, parse_signer_key
from tests.notary.helpers import Member, ServerThread, entry_bytes, new_key_and_csr

ORIGIN = "web.test/log"


def served(network: LocalNetwork) -> ServerThread:
    return ServerThread(log_app(network.service, manage_lifecycle=False))


def invite(network: LocalNetwork, name: str) -> str:
    return create_invitation(network.service.keys.files.root, name=name, registration_id=name[:8])


def redeem(url: str, code: str, csr: str, forwarded_for: str | None = None) -> requests.Response:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return requests.post(
        f"{url}/v1/members", json={"invitation": code, "csr_pem": csr}, headers=headers, timeout=15
    )


def flood(url: str, forwarded_for: str | None, attempts: int = 20) -> list[int]:
    """Wrong invitation codes, one after the other, until refused for the rate (bounded)."""
    csr = new_key_and_csr()[1]
    statuses = []
    for n in range(attempts):
        response = redeem(url, f"WRONG-CODE-{n}", csr, forwarded_for)
        statuses.append(response.status_code)
        if response.status_code == 429:
            assert response.json()["error"] == "rate_limited"
            break
    return statuses


@pytest.fixture
def behind_proxy(tmp_path: Path) -> Iterator[tuple[LocalNetwork, ServerThread]]:
    """A log whose only client is a reverse proxy on 127.0.0.1, trusted as such."""
    settings = LogSettings(
        enrol_rate=0.01, enrol_burst=5.0, trusted_proxies=parse_trusted_proxies(["127.0.0.1"])
    )
    with (
        LocalNetwork(tmp_path / "n", origin=ORIGIN, settings=settings) as network,
        served(network) as server,
    ):
        yield network, server


def test_a_flood_behind_a_trusted_proxy_does_not_lock_out_other_clients(
    behind_proxy: tuple[LocalNetwork, ServerThread],
) -> None:
    network, server = behind_proxy
    assert flood(server.url, "203.0.113.7")[-1] == 429
    response = redeem(
        server.url, invite(network, "Patient Ltd"), new_key_and_csr()[1], "198.51.100.9"
    )
    assert response.status_code == 200, response.text
    # The flooder stays limited, whatever it writes in front of the proxy's address.
    assert flood(server.url, "192.0.2.1, 203.0.113.7", attempts=1) == [429]


def test_without_a_trusted_proxy_a_forged_forwarded_for_does_not_escape_the_limit(
    tmp_path: Path,
) -> None:
    settings = LogSettings(enrol_rate=0.01, enrol_burst=5.0)
    with (
        LocalNetwork(tmp_path / "n", origin=ORIGIN, settings=settings) as network,
        served(network) as server,
    ):
        statuses = [
            redeem(server.url, "WRONG", new_key_and_csr()[1], f"192.0.2.{n}").status_code
            for n in range(8)
        ]
        assert statuses[:5] == [403] * 5 and set(statuses[5:]) == {429}


def test_one_invitation_code_flooded_through_the_proxy_is_limited(
    behind_proxy: tuple[LocalNetwork, ServerThread],
) -> None:
    network, server = behind_proxy
    code = invite(network, "Victim Ltd")
    statuses = [
        redeem(server.url, code, "not a CSR", f"192.0.2.{n}").status_code for n in range(8)
    ]  # from many addresses, each under its own limit
    assert statuses[:5] == [400] * 5 and set(statuses[5:]) == {429}, statuses


def test_the_same_key_enrolled_twice_is_refused_with_a_clear_message(
    behind_proxy: tuple[LocalNetwork, ServerThread],
) -> None:
    network, server = behind_proxy
    _key, csr = new_key_and_csr()
    assert redeem(server.url, invite(network, "First Ltd"), csr, "198.51.100.1").status_code == 200
    response = redeem(server.url, invite(network, "Second Ltd"), csr, "198.51.100.2")
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "key_already_enrolled"
    assert "already enrolled" in body["message"] and "new key" in body["message"]


def test_a_backdated_entry_gets_a_clear_400(tmp_path: Path) -> None:
    with LocalNetwork(tmp_path / "n", origin=ORIGIN) as network, served(network) as server:
        key, csr = new_key_and_csr()
        enrolment = network.enrol("Backdating Ltd", "BD-1", csr)
        company = Member(key, enrolment.fingerprint, enrolment.api_token)
        response = requests.post(
            f"{server.url}/v1/entries",
            data=entry_bytes(company, "INV-1971", when=datetime(1971, 1, 1, tzinfo=UTC)),
            headers={"Authorization": f"Bearer {company.token}"},
            timeout=15,
        )
        assert response.status_code == 400
        assert response.json()["error"] == "time_too_old"
        assert "created more than 14 days ago" in response.json()["message"]


def test_the_witness_answers_413_to_a_body_over_its_limit(tmp_path: Path) -> None:
    signer_key, _ = generate_witness_key("witness.test/web")
    witness = Witness(tmp_path / "w.sqlite3", parse_signer_key(signer_key), [])
    try:
        limits = ConnectionLimits(json_errors=False)
        with ServerThread(witness_app(witness), limits=limits) as server:
            response = requests.post(
                f"{server.url}/add-checkpoint", data=b"old 0\n" + b"x" * 70_000, timeout=10
            )
            assert response.status_code == 413
            assert response.headers["content-type"].startswith("text/plain")
            small = requests.post(f"{server.url}/add-checkpoint", data=b"old 0\n\n", timeout=10)
            assert small.status_code == 400  # still served, and malformed is still 400
    finally:
        witness.close()


def test_entries_are_read_a_range_at_a_time_exactly_as_stored(tmp_path: Path) -> None:
    from exporter_desk.notary.reads import MAX_ENTRIES_PER_READ
    from exporter_desk.trustnet.client import HttpTransport, RegistrationRefusedError

    with LocalNetwork(tmp_path / "n", origin=ORIGIN) as network, served(network) as server:
        key, csr = new_key_and_csr()
        enrolment = network.enrol("Range Ltd", "RANGE-1", csr)
        member = Member(key, enrolment.fingerprint, enrolment.api_token)
        for n in range(5):
            network.submit(entry_bytes(member, f"R-{n}", f"doc {n}".encode()), member.token)
        size = network.service.sequencer.size
        transport = HttpTransport(server.url, attempts=1)
        try:
            singles = [transport.entry(i) for i in range(size)]
            assert transport.entries(0, size) == singles
            assert transport.entries(2, 3) == singles[2:5]
            assert transport.entries(size - 1, 50) == singles[-1:]  # fewer at the end
            for start, count in ((size, 1), (0, 0), (0, MAX_ENTRIES_PER_READ + 1)):
                with pytest.raises(RegistrationRefusedError) as refused:
                    transport.entries(start, count)
                assert refused.value.status == 400
        finally:
            transport.close()
        answer = requests.get(f"{server.url}/v1/entries", params={"start": "01"}, timeout=5)
        assert answer.status_code == 400
        assert answer.json()["error"] == "bad_request"
        # The POST route is unchanged beside the new GET.
        assert requests.put(f"{server.url}/v1/entries", timeout=5).status_code == 405
