"""Presentments end to end, on real log and witness servers (127.0.0.1): banks meet on a blinded
key, nobody records in another bank's name, a flood is refused, and the log gives a reader with
candidate invoice numbers nothing to match."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from exporter_desk.trustnet import Entry, leaf_hash, parse_proof, verify_receipt
from exporter_desk.trustnet.client import HttpTransport, RegistrationRefusedError
from exporter_desk.trustnet.presentment import canonical_invoice_key
from tests.notary.helpers import Member, entry_bytes
from tests.notary.test_e2e import Network, make_network

pytestmark = pytest.mark.slow

SELLER = "DE136695976"


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    net = make_network(
        tmp_path_factory.mktemp("presentments"),
        "--presentment-rate", "0.5", "--presentment-burst", "40", "--enrol-rate", "50",
    )  # fmt: skip
    net.start()
    try:
        yield net
    finally:
        net.stop()


def register_invoice(network: Network, exporter: Member, number: str) -> str:
    """Register an invoice entry for ``exporter``; return its leaf hash (hex)."""
    data = entry_bytes(exporter, number, f"%PDF invoice {number}".encode())
    response = network.submit(exporter, data)
    assert response.status_code == 200, response.text
    return leaf_hash(data).hex()


def presentment_entry(bank: Member, fields: dict[str, Any], *, signer: Member | None = None) -> str:
    entry = Entry.build(
        kind="presentment",
        number=fields["number"],
        issuer=bank.fingerprint,
        digest=fields["digest"],
        length=1,
        time=datetime.now(UTC),
    ).sign((signer or bank).key)
    return base64.b64encode(entry.format()).decode("ascii")


def present(
    network: Network,
    bank: Member,
    key: str,
    document: str,
    *,
    consent: bool = False,
    amount: str | None = None,
) -> dict[str, Any]:
    """A bank's two requests through the client: the blinded fields, then the signed entry."""
    client = HttpTransport(network.url, attempts=1)
    try:
        fields = client.presentment_lookup(bank.token, key, document)["entry"]
        body: dict[str, Any] = {
            "key": key,
            "document": document,
            "entry": presentment_entry(bank, fields),
            "consent": consent,
        }
        if amount is not None:
            body |= {"amount": amount, "currency": "EUR"}
        return client.present(bank.token, body)
    finally:
        client.close()


def lookup(network: Network, bank: Member, key: str) -> list[dict[str, Any]]:
    client = HttpTransport(network.url, attempts=1)
    try:
        return list(client.presentment_lookup(bank.token, key)["presented"])
    finally:
        client.close()


def test_the_second_bank_sees_the_first_and_a_third_with_another_invoice_sees_nothing(
    network: Network,
) -> None:
    exporter = network.enrol("Double Seller GmbH")
    first, second, third = (network.enrol(f"Bank {n}") for n in ("One", "Two", "Three"))
    invoice = register_invoice(network, exporter, "INV-2026/0100")
    other = register_invoice(network, exporter, "INV-2026/0101")
    key = canonical_invoice_key(SELLER, "INV-2026/0100", "125000.00", "EUR")
    other_key = canonical_invoice_key(SELLER, "INV-2026/0101", "125000.00", "EUR")

    recorded = present(network, first, key, invoice, consent=True, amount="100000.00")
    assert recorded["status"] == "registered"
    check = verify_receipt(parse_proof(recorded["receipt"]), network.descriptor)
    assert check.entry.kind == "presentment" and check.entry.issuer == first.fingerprint

    # The second bank types the same invoice differently: the canonical key is the same.
    same = canonical_invoice_key("de 136 695 976", "inv 2026/0100", "125000", "eur")
    assert same == key
    (seen,) = lookup(network, second, same)
    assert seen["mine"] is False and seen["bank"] == "Bank One"
    assert seen["date"] == recorded["date"]
    assert "amount" not in seen  # the first bank's amount is its own business
    present(network, second, same, invoice)

    assert lookup(network, third, other_key) == []
    present(network, third, other_key, other)
    mine, theirs = lookup(network, first, key)
    assert (mine["mine"], mine["amount"], mine["currency"]) == (True, "100000.00", "EUR")
    assert theirs["bank"] is None  # the second bank did not consent to be named

    client = HttpTransport(network.url, attempts=1)
    documents = client.presented_documents(exporter.token)["documents"]
    assert [(d["number"], d["bank"]) for d in documents] == [
        ("INV-2026/0100", "Bank One"),
        ("INV-2026/0100", None),
        ("INV-2026/0101", None),
    ]
    assert client.presented_documents(first.token)["documents"] == []
    client.close()


def test_presenting_the_same_invoice_again_is_answered_with_the_first_record(
    network: Network,
) -> None:
    exporter, bank = network.enrol("Repeat Seller"), network.enrol("Repeat Bank")
    invoice = register_invoice(network, exporter, "INV-R-1")
    key = canonical_invoice_key(SELLER, "INV-R-1", "10", "USD")
    first = present(network, bank, key, invoice)
    again = present(network, bank, key, invoice)
    assert again["status"] == "duplicate" and again["index"] == first["index"]
    assert len(lookup(network, bank, key)) == 1


def test_a_bank_cannot_record_a_presentment_in_another_banks_name(network: Network) -> None:
    exporter = network.enrol("Victim Seller")
    honest, forger = network.enrol("Honest Bank"), network.enrol("Forger Bank")
    invoice = register_invoice(network, exporter, "INV-F-1")
    key = canonical_invoice_key(SELLER, "INV-F-1", "500", "EUR")
    client = HttpTransport(network.url, attempts=1)
    fields = client.presentment_lookup(honest.token, key, invoice)["entry"]
    client.close()

    def post(token: str, entry: str) -> requests.Response:
        body = {"key": key, "document": invoice, "entry": entry, "consent": True}
        headers = {"Authorization": f"Bearer {token}"}
        return requests.post(
            f"{network.url}/v1/presentments", json=body, headers=headers, timeout=15
        )

    # The honest bank's entry, sent with the forger's token: refused, it names another issuer.
    refused = post(forger.token, presentment_entry(honest, fields, signer=forger))
    assert refused.status_code == 403 and refused.json()["error"] == "wrong_issuer"
    assert "only in its own name" in refused.json()["message"]
    # With the honest bank's token (stolen token, no key): the forger's signature does not verify.
    forged = post(honest.token, presentment_entry(honest, fields, signer=forger))
    assert forged.status_code == 403 and forged.json()["error"] == "bad_signature"
    # Around the presentment service, through the plain entries route: refused as well.
    entry = base64.b64decode(presentment_entry(honest, fields))
    direct = network.submit(honest, entry)
    assert direct.status_code == 403 and direct.json()["error"] == "presentment_via_entries"
    assert lookup(network, forger, key) == []


def test_the_issuer_cannot_present_its_own_document(network: Network) -> None:
    exporter = network.enrol("Self Financing Ltd")
    invoice = register_invoice(network, exporter, "INV-SELF-1")
    key = canonical_invoice_key(SELLER, "INV-SELF-1", "700", "EUR")
    with pytest.raises(RegistrationRefusedError) as refused:
        present(network, exporter, key, invoice)
    assert (refused.value.status, refused.value.code) == (403, "own_document")
    assert "not by its issuer" in refused.value.user_message


def test_a_flood_of_presentment_requests_is_refused_with_429_and_retry_after(
    network: Network,
) -> None:
    bank = network.enrol("Flooding Bank")
    key = canonical_invoice_key(SELLER, "INV-FLOOD", "1", "EUR")
    statuses = []
    for _ in range(60):  # the burst is 40
        response = requests.post(
            f"{network.url}/v1/presentments/lookup",
            json={"key": key},
            headers={"Authorization": f"Bearer {bank.token}"},
            timeout=15,
        )
        statuses.append(response.status_code)
        if response.status_code == 429:
            assert response.json()["error"] == "rate_limited"
            assert int(response.headers["Retry-After"]) >= 1
            break
    assert statuses[-1] == 429 and set(statuses[:-1]) == {200}, statuses
    assert len(statuses) > 30


def test_a_reader_with_candidate_invoices_cannot_tell_which_were_presented(
    network: Network,
) -> None:
    exporter = network.enrol("Watched Seller")
    bank_a, bank_b = network.enrol("Bank Alpha"), network.enrol("Bank Beta")
    candidates = [f"INV-2026/{n:04d}" for n in range(200)]
    presented = candidates[17]
    leaf = register_invoice(network, exporter, presented)
    key = canonical_invoice_key(SELLER, presented, "9000", "EUR")
    index_a = present(network, bank_a, key, leaf)["index"]
    index_b = present(network, bank_b, key, leaf)["index"]

    entries = [
        Entry.parse(requests.get(f"{network.url}/v1/entries/{i}", timeout=5).content)
        for i in (index_a, index_b)
    ]
    # Two banks' presentments of one invoice do not even match each other.
    assert entries[0].number != entries[1].number and entries[0].digest != entries[1].digest
    # Everything public a reader could key or salt a hash with.
    descriptor = network.descriptor
    public = [
        b"",
        descriptor.origin.encode(),
        (network.log_dir / "network.json").read_bytes(),
        *(e.issuer.encode() for e in entries),
        *(bytes.fromhex(e.issuer) for e in entries),
        bytes.fromhex(leaf),
    ]
    published = {value for e in entries for value in (e.number, e.digest)}
    tried = 0
    for number in candidates:
        for amount in ("9000", "9000.00"):
            candidate = canonical_invoice_key(SELLER, number, amount, "EUR")
            for salt in public:
                for message in (candidate.encode(), salt + candidate.encode()):
                    guesses = {
                        hashlib.sha256(message).hexdigest(),
                        hmac.new(salt, candidate.encode(), hashlib.sha256).hexdigest(),
                    }
                    assert not guesses & published, number
                    tried += 1
    assert tried > 2000  # the test did try the candidates, the presented one among them
    # And the one party that can match keys, the lookup, answers members only.
    anonymous = requests.post(f"{network.url}/v1/presentments/lookup", json={"key": key}, timeout=5)
    assert anonymous.status_code == 401 and anonymous.json()["error"] == "unauthorized"
    with pytest.raises(RegistrationRefusedError) as refused:
        HttpTransport(network.url, attempts=1).presentment_lookup("edt_not-a-token", key)
    assert refused.value.status == 401


def test_bad_presentment_requests_get_a_clear_400_or_404(network: Network) -> None:
    bank = network.enrol("Careful Bank")
    headers = {"Authorization": f"Bearer {bank.token}"}
    url = f"{network.url}/v1/presentments/lookup"
    bad_key = requests.post(url, json={"key": "INV-1"}, headers=headers, timeout=5)
    assert bad_key.status_code == 400 and "canonical business key" in bad_key.json()["message"]
    key = canonical_invoice_key(SELLER, "INV-404", "1", "EUR")
    unknown = requests.post(
        url, json={"key": key, "document": "ab" * 32}, headers=headers, timeout=5
    )
    assert unknown.status_code == 404 and unknown.json()["error"] == "document_unknown"
    assert "not registered with the network" in unknown.json()["message"]


def test_the_presentment_secret_stays_beside_the_database_and_out_of_the_log(
    network: Network,
) -> None:
    exporter, bank = network.enrol("Secret Seller"), network.enrol("Secret Bank")
    invoice = register_invoice(network, exporter, "INV-S-1")
    present(network, bank, canonical_invoice_key(SELLER, "INV-S-1", "3", "EUR"), invoice)
    secret = network.log_dir / "presentment.key"
    assert (secret.stat().st_mode & 0o777) == 0o600
    key_bytes = base64.b64decode(secret.read_text().strip())
    assert len(key_bytes) == 32
    for stored in network.log_dir.glob("log.sqlite3*"):
        data = stored.read_bytes()
        assert key_bytes not in data and secret.read_bytes().strip() not in data
