"""The log's rules, in process: receipts, uniqueness and supersession, members, refusals.

Every refusal is checked to have written nothing: the log's size is unchanged.
"""

from __future__ import annotations

import base64
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from exporter_desk.notary.cosign import (
    ConfiguredWitness,
    InProcessWitnessEndpoint,
    WitnessUnavailable,
)
from exporter_desk.notary.errors import ApiError, SetupError
from exporter_desk.notary.local import LocalNetwork
from exporter_desk.notary.log import LogService, LogSettings
from exporter_desk.notary.provision import (
    WitnessSpec,
    create_invitation,
    init_log,
    init_witness,
    load_witness_signer,
)
from exporter_desk.notary.witness import Witness, WitnessReply
from exporter_desk.trustnet import (
    Entry,
    leaf_hash,
    merkle,
    open_checkpoint,
    parse_descriptor,
    parse_proof,
    verify_receipt,
)
from tests.notary.helpers import Member, entry_bytes, new_key_and_csr, wait_until

Enrol = Callable[..., Member]


def refusal(call: Callable[[], object]) -> ApiError:
    with pytest.raises(ApiError) as caught:
        call()
    return caught.value


# --- registering ----------------------------------------------------------------------------------


def test_receipt_verifies_offline_with_only_the_descriptor(net: LocalNetwork, enrol: Enrol) -> None:
    acme = enrol()
    data = entry_bytes(acme, "INV-2024/0001")
    receipt = net.submit(data, acme.token)

    check = verify_receipt(parse_proof(receipt), net.descriptor, now=int(time.time()))
    assert check.entry.format() == data
    assert set(check.cosigners) == {"witness.local.exporter-desk"}
    certificate = x509.load_pem_x509_certificate(acme.certificate_pem.encode())
    check.entry.verify_signature(certificate.public_key())  # type: ignore[arg-type]


def test_resubmitting_the_same_entry_is_idempotent(net: LocalNetwork, enrol: Enrol) -> None:
    acme = enrol()
    data = entry_bytes(acme, "INV-1")
    first = net.service.register(f"Bearer {acme.token}", data)
    size = net.service.sequencer.size
    again = net.service.register(f"Bearer {acme.token}", data)
    assert (again.index, again.duplicate, first.duplicate) == (first.index, True, False)
    assert net.service.sequencer.size == size
    assert parse_proof(again.receipt).extra == data


def test_another_document_under_a_registered_number_is_refused(
    net: LocalNetwork, enrol: Enrol
) -> None:
    acme = enrol()
    net.submit(entry_bytes(acme, "INV-7", b"original"), acme.token)
    size = net.service.sequencer.size
    error = refusal(lambda: net.submit(entry_bytes(acme, "INV-7", b"second original"), acme.token))
    assert (error.status, error.code) == (409, "number_taken")
    assert "supersed" in error.user_message
    assert net.service.sequencer.size == size


def test_the_same_number_is_free_for_another_kind_or_issuer(
    net: LocalNetwork, enrol: Enrol
) -> None:
    acme, globex = enrol(), enrol()
    net.submit(entry_bytes(acme, "7", b"a"), acme.token)
    net.submit(entry_bytes(acme, "7", b"b", kind="packing-list"), acme.token)
    net.submit(entry_bytes(globex, "7", b"c"), globex.token)


def test_superseding_entry_is_accepted_and_the_lookup_shows_it(
    net: LocalNetwork, enrol: Enrol
) -> None:
    acme = enrol()
    old = entry_bytes(acme, "INV-9", b"version 1")
    net.submit(old, acme.token)
    new = entry_bytes(acme, "INV-9", b"version 2", supersedes=leaf_hash(old).hex())
    receipt = parse_proof(net.submit(new, acme.token))

    lookup = net.lookup(acme.fingerprint, "commercial-invoice", "INV-9")
    assert lookup["current"] == receipt.index
    first, second = lookup["entries"]
    assert first["status"] == "superseded" and first["superseded_by"] == receipt.index
    assert second["supersedes"] == leaf_hash(old).hex() and second["status"] == "current"
    assert lookup["issuer_status"] == "active"


def test_superseding_an_already_superseded_entry_is_refused(
    net: LocalNetwork, enrol: Enrol
) -> None:
    """A second, different replacement of version 1 would fork the document's history."""
    acme = enrol()
    v1 = entry_bytes(acme, "INV-10", b"v1")
    net.submit(v1, acme.token)
    net.submit(entry_bytes(acme, "INV-10", b"v2", supersedes=leaf_hash(v1).hex()), acme.token)
    size = net.service.sequencer.size
    error = refusal(
        lambda: net.submit(
            entry_bytes(acme, "INV-10", b"v2 bis", supersedes=leaf_hash(v1).hex()), acme.token
        )
    )
    assert (error.status, error.code) == (409, "already_superseded")
    assert net.service.sequencer.size == size


def test_superseding_another_issuers_entry_is_refused(net: LocalNetwork, enrol: Enrol) -> None:
    acme, mallory = enrol(), enrol()
    theirs = entry_bytes(acme, "INV-11", b"acme's")
    net.submit(theirs, acme.token)
    error = refusal(
        lambda: net.submit(
            entry_bytes(mallory, "INV-11", b"mine", supersedes=leaf_hash(theirs).hex()),
            mallory.token,
        )
    )
    assert (error.status, error.code) == (409, "superseded_unknown")


def test_reissued_entry_for_the_same_document_returns_the_first_registration(
    net: LocalNetwork, enrol: Enrol
) -> None:
    acme = enrol()
    first = parse_proof(net.submit(entry_bytes(acme, "INV-12", b"doc"), acme.token))
    later = datetime.now(UTC) + timedelta(seconds=5)
    resigned = entry_bytes(acme, "INV-12", b"doc", when=later)
    registration = net.service.register(f"Bearer {acme.token}", resigned)
    assert registration.duplicate and registration.index == first.index
    assert parse_proof(registration.receipt).extra == first.extra


def test_concurrent_submissions_from_many_threads_get_distinct_indices(
    net: LocalNetwork, enrol: Enrol
) -> None:
    members = [enrol() for _ in range(4)]
    indices: list[int] = []
    lock = threading.Lock()

    def work(member: Member) -> None:
        for n in range(15):
            receipt = net.submit(
                entry_bytes(member, f"T-{n}", f"{member.token}{n}".encode()), member.token
            )
            with lock:
                indices.append(parse_proof(receipt).index)

    threads = [threading.Thread(target=work, args=(m,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(indices)) == 60


def test_duplicates_and_conflicts_within_one_batch(net: LocalNetwork, enrol: Enrol) -> None:
    acme = enrol()
    same = entry_bytes(acme, "B-1", b"one")
    rival = entry_bytes(acme, "B-1", b"two")
    service = net.service
    items = [service.prepare_entry(f"Bearer {acme.token}", data) for data in (same, same, rival)]
    futures = [service.submit(item) for item in items]
    results: list[int | str] = []
    for future in futures:
        try:
            results.append(future.result(10).index)
        except ApiError as error:
            results.append(error.code)
    assert results[0] == results[1]
    assert results[2] == "number_taken"


# --- refusals -------------------------------------------------------------------------------------


def test_entry_signed_with_another_key_is_refused(net: LocalNetwork, enrol: Enrol) -> None:
    acme = enrol()
    stolen_name = entry_bytes(acme, "INV-1", key=ec.generate_private_key(ec.SECP256R1()))
    size = net.service.sequencer.size
    error = refusal(lambda: net.submit(stolen_name, acme.token))
    assert (error.status, error.code) == (403, "bad_signature")
    assert "issuer" in error.user_message
    assert net.service.sequencer.size == size


def test_entry_of_another_issuer_is_refused(net: LocalNetwork, enrol: Enrol) -> None:
    acme, mallory = enrol(), enrol()
    forged = entry_bytes(acme, "INV-1", key=mallory.key)
    error = refusal(lambda: net.submit(forged, mallory.token))
    assert (error.status, error.code) == (403, "wrong_issuer")


def test_members_cannot_write_the_registrars_kinds(net: LocalNetwork, enrol: Enrol) -> None:
    acme = enrol()
    error = refusal(lambda: net.submit(entry_bytes(acme, "X", kind="enrolment"), acme.token))
    assert (error.status, error.code) == (403, "reserved_kind")


@pytest.mark.parametrize(
    "mangle",
    [
        lambda data: data + b"trailing garbage\n",
        lambda data: data.replace(b"\n", b"\r\n"),
        lambda data: data.replace(b"kind ", b"kind  "),
        lambda data: b"",
        lambda data: data * 3,
    ],
    ids=["trailing-garbage", "crlf", "double-space", "empty", "oversized"],
)
def test_malformed_entries_are_refused(
    net: LocalNetwork, enrol: Enrol, mangle: Callable[[bytes], bytes]
) -> None:
    acme = enrol()
    error = refusal(lambda: net.submit(mangle(entry_bytes(acme, "M-1")), acme.token))
    assert (error.status, error.code) == (400, "malformed_entry")


def test_entry_dated_far_in_the_future_is_refused(net: LocalNetwork, enrol: Enrol) -> None:
    acme = enrol()
    data = entry_bytes(acme, "F-1", when=datetime.now(UTC) + timedelta(days=3))
    assert refusal(lambda: net.submit(data, acme.token)).code == "time_in_future"


def test_an_entry_more_than_minutes_ahead_of_the_logs_clock_is_refused(
    net: LocalNetwork, enrol: Enrol
) -> None:
    acme = enrol()
    ahead = entry_bytes(acme, "F-2", when=datetime.now(UTC) + timedelta(minutes=30))
    error = refusal(lambda: net.submit(ahead, acme.token))
    assert (error.status, error.code) == (400, "time_in_future")
    assert "clock" in error.user_message
    slightly = entry_bytes(acme, "F-3", when=datetime.now(UTC) + timedelta(minutes=2))
    parse_proof(net.submit(slightly, acme.token))  # a clock a little fast is forgiven


class Clock:
    """The log's clock, moved by the test (seconds since the epoch)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def at(self, **delta: float) -> datetime:
        return datetime.fromtimestamp(int(self.now + timedelta(**delta).total_seconds()), UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def clocked(tmp_path: Path, clock: Clock) -> Iterator[tuple[LocalNetwork, Member]]:
    """A network on the test's clock, and a company enrolled at its start."""
    with LocalNetwork(tmp_path / "clocked", origin="clocked.test/log", clock=clock) as network:
        key, csr = new_key_and_csr()
        enrolment = network.enrol("Punctual Ltd", "P-1", csr)
        yield network, Member(key, enrolment.fingerprint, enrolment.api_token)


@pytest.mark.parametrize(
    "when",
    [datetime(1971, 1, 1, tzinfo=UTC), datetime(1, 1, 1, tzinfo=UTC)],
    ids=["1971", "year-1"],
)
def test_a_backdated_entry_is_refused_and_writes_nothing(
    net: LocalNetwork, enrol: Enrol, when: datetime
) -> None:
    acme = enrol()
    size = net.service.sequencer.size
    error = refusal(lambda: net.submit(entry_bytes(acme, "OLD-1", when=when), acme.token))
    assert (error.status, error.code) == (400, "time_too_old")
    assert "issue the document again" in error.user_message
    assert net.service.sequencer.size == size


def test_an_entry_that_waited_days_in_an_offline_outbox_is_registered(
    clocked: tuple[LocalNetwork, Member], clock: Clock
) -> None:
    network, company = clocked
    created = clock.at(days=1)  # issued offline a day after joining ...
    waiting = entry_bytes(company, "OFF-1", b"issued offline", when=created)
    clock.now += 6 * 86400  # ... and registered five days later, when the link came back
    proof = parse_proof(network.submit(waiting, company.token))
    assert Entry.parse(proof.extra).time == created


def test_an_entry_older_than_the_outbox_allowance_is_refused(
    clocked: tuple[LocalNetwork, Member], clock: Clock
) -> None:
    network, company = clocked
    stale = entry_bytes(company, "OFF-2", b"forgotten", when=clock.at(days=1))
    clock.now += 20 * 86400  # 19 days later: past the 14 days an entry may wait
    error = refusal(lambda: network.submit(stale, company.token))
    assert (error.status, error.code) == (400, "time_too_old")
    assert "14 days" in error.user_message


def test_an_entry_dated_before_its_issuer_enrolled_is_refused(
    clocked: tuple[LocalNetwork, Member], clock: Clock
) -> None:
    network, company = clocked
    before = entry_bytes(company, "PRE-1", b"antedated", when=clock.at(days=-2))
    error = refusal(lambda: network.submit(before, company.token))
    assert (error.status, error.code) == (400, "time_before_enrolment")
    assert "before your company joined" in error.user_message


def test_a_registered_entry_gets_its_receipt_again_whatever_its_age(
    clocked: tuple[LocalNetwork, Member], clock: Clock
) -> None:
    network, company = clocked
    data = entry_bytes(company, "REG-1", b"registered once", when=clock.at(minutes=1))
    first = parse_proof(network.submit(data, company.token))
    clock.now += 60 * 86400  # long after the window: a resubmission after a lost answer
    again = network.service.register(f"Bearer {company.token}", data)
    assert again.duplicate and again.index == first.index


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer edt_nope", "Basic abc", "edt_x"])
def test_missing_or_unknown_tokens_are_refused(
    net: LocalNetwork, enrol: Enrol, header: str | None
) -> None:
    acme = enrol()
    error = refusal(lambda: net.service.prepare_entry(header, entry_bytes(acme, "A-1")))
    assert (error.status, error.code) == (401, "unauthorized")
    assert error.headers["WWW-Authenticate"].startswith("Bearer")


def test_submissions_over_the_rate_get_429_with_retry_after(tmp_path: Path) -> None:
    settings = LogSettings(rate=1.0, burst=2.0)
    with LocalNetwork(tmp_path / "n", settings=settings) as network:
        key, csr = new_key_and_csr()
        enrolment = network.enrol("Busy Ltd", "B-1", csr)
        member = Member(key, enrolment.fingerprint, enrolment.api_token)
        network.submit(entry_bytes(member, "R-1", b"1"), member.token)
        network.submit(entry_bytes(member, "R-2", b"2"), member.token)
        error = refusal(lambda: network.submit(entry_bytes(member, "R-3", b"3"), member.token))
        assert (error.status, error.code, error.retry_after) == (429, "rate_limited", 1)


# --- members --------------------------------------------------------------------------------------


def test_certificate_names_the_invited_company_not_the_csr(net: LocalNetwork) -> None:
    _key, csr = new_key_and_csr("Totally Legit Bank plc")
    enrolment = net.enrol("ACME Trading Ltd", "HRB 12345", csr)
    certificate = x509.load_pem_x509_certificate(enrolment.certificate_pem.encode())
    subject = certificate.subject
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "ACME Trading Ltd"
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_IDENTIFIER)[0].value == "HRB 12345"
    assert "Legit" not in subject.rfc4514_string()
    ca = net.descriptor.member_ca_certificate()
    certificate.verify_directly_issued_by(ca)
    assert enrolment.member_ca_pem.strip() == net.descriptor.member_ca_pem.strip()


def test_an_invitation_can_be_redeemed_once(net: LocalNetwork) -> None:
    code = create_invitation(net.service.keys.files.root, name="Once Ltd", registration_id="O-1")
    net.service.enrol(code, new_key_and_csr()[1])
    size = net.service.sequencer.size
    error = refusal(lambda: net.service.enrol(code, new_key_and_csr()[1]))
    assert (error.status, error.code) == (403, "invitation_invalid")
    assert "invitation code is not valid" in error.user_message
    assert net.service.sequencer.size == size


def test_one_key_cannot_be_enrolled_under_a_second_invitation(net: LocalNetwork) -> None:
    _key, csr = new_key_and_csr()
    first = net.enrol("Twin One Ltd", "T-1", csr)
    root = net.service.keys.files.root
    second_code = create_invitation(root, name="Twin Two Ltd", registration_id="T-2")
    size = net.service.sequencer.size
    error = refusal(lambda: net.service.enrol(second_code, csr))
    assert (error.status, error.code) == (409, "key_already_enrolled")
    assert "already enrolled" in error.user_message and "one member" in error.user_message
    assert first.fingerprint in str(error)
    assert net.service.sequencer.size == size
    # The second invitation is still unused: the company can redeem it with a key of its own.
    net.service.enrol(second_code, new_key_and_csr()[1])


def test_a_revoked_members_key_cannot_come_back_under_a_new_invitation(
    net: LocalNetwork,
) -> None:
    _key, csr = new_key_and_csr()
    enrolment = net.enrol("Banned Ltd", "B-9", csr)
    net.revoke(enrolment.fingerprint)
    code = create_invitation(net.service.keys.files.root, name="Reborn Ltd", registration_id="R-9")
    assert refusal(lambda: net.service.enrol(code, csr)).code == "key_already_enrolled"


def test_one_key_enrolled_twice_at_once_is_enrolled_once(net: LocalNetwork) -> None:
    _key, csr = new_key_and_csr()
    root = net.service.keys.files.root
    codes = [
        create_invitation(root, name=f"Race {n} Ltd", registration_id=f"R-{n}") for n in (1, 2)
    ]
    # Both pass the early check before either is committed; the sequencer decides.
    items = [net.service.prepare_enrolment(code, csr)[0] for code in codes]
    futures = [net.service.submit(item) for item in items]
    outcomes = []
    for future in futures:
        try:
            outcomes.append(future.result(timeout=10).index)
        except ApiError as error:
            outcomes.append(error.code)
    assert sorted(outcomes, key=str).count("key_already_enrolled") == 1, outcomes


def test_one_invitation_code_tried_over_and_over_is_rate_limited(tmp_path: Path) -> None:
    settings = LogSettings(invitation_rate=0.01, invitation_burst=3.0)
    with LocalNetwork(tmp_path / "n", settings=settings) as network:
        root = network.service.keys.files.root
        code = create_invitation(root, name="Target Ltd", registration_id="T-1")
        for _ in range(3):
            error = refusal(lambda: network.service.enrol(code, "not a CSR"))
            assert error.code == "bad_csr"
        error = refusal(lambda: network.service.enrol(code, new_key_and_csr()[1]))
        assert (error.status, error.code) == (429, "rate_limited")
        # Another code is not affected.
        other = create_invitation(root, name="Bystander Ltd", registration_id="B-1")
        network.service.enrol(other, new_key_and_csr()[1])


def test_an_invitation_code_is_forgiving_about_case_and_dashes(net: LocalNetwork) -> None:
    code = create_invitation(net.service.keys.files.root, name="Typist Ltd", registration_id="T-1")
    net.service.enrol(code.lower().replace("-", " "), new_key_and_csr()[1])


def test_an_expired_invitation_is_refused(net: LocalNetwork) -> None:
    code = create_invitation(
        net.service.keys.files.root,
        name="Late Ltd",
        registration_id="L-1",
        days=1,
        now=time.time() - 2 * 86400,
    )
    assert (
        refusal(lambda: net.service.enrol(code, new_key_and_csr()[1])).code == "invitation_invalid"
    )


def test_a_csr_whose_signature_does_not_verify_is_refused(net: LocalNetwork) -> None:
    code = create_invitation(net.service.keys.files.root, name="Odd Ltd", registration_id="O-2")
    key = ec.generate_private_key(ec.SECP256R1())
    other = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "x")]))
        .sign(key, hashes.SHA256())
    )
    der = bytearray(csr.public_bytes(serialization.Encoding.DER))
    der[-5] ^= 0x01  # flip a bit of the signature
    pem = x509.load_der_x509_csr(bytes(der)).public_bytes(serialization.Encoding.PEM).decode()
    error = refusal(lambda: net.service.enrol(code, pem))
    assert (error.status, error.code) == (400, "bad_csr")
    assert "certificate request was refused" in error.user_message
    del other


@pytest.mark.parametrize(
    "csr_pem",
    [
        "",
        "not a pem",
        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
    ],
    ids=["empty", "garbage", "bad-der"],
)
def test_unreadable_csrs_are_refused(net: LocalNetwork, csr_pem: str) -> None:
    code = create_invitation(net.service.keys.files.root, name="Odd Ltd", registration_id="O-3")
    assert refusal(lambda: net.service.enrol(code, csr_pem)).code == "bad_csr"
    net.service.enrol(code, new_key_and_csr()[1])  # the failed attempts did not use the code


def test_a_csr_for_another_curve_is_refused(net: LocalNetwork) -> None:
    code = create_invitation(net.service.keys.files.root, name="P384 Ltd", registration_id="P-1")
    key = ec.generate_private_key(ec.SECP384R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "x")]))
        .sign(key, hashes.SHA256())
        .public_bytes(serialization.Encoding.PEM)
        .decode()
    )
    assert refusal(lambda: net.service.enrol(code, csr)).code == "bad_csr"


def test_the_registrar_is_entry_zero_and_signs_every_enrolment(
    net: LocalNetwork, enrol: Enrol
) -> None:
    acme = enrol()
    registrar = net.service.keys.registrar
    registrar.certificate.verify_directly_issued_by(net.descriptor.member_ca_certificate())
    zero = Entry.parse(net.service.reads.entry("0"))
    assert (zero.kind, zero.issuer, zero.number) == (
        "enrolment",
        registrar.fingerprint,
        registrar.fingerprint,
    )
    zero.verify_signature(registrar.certificate.public_key())  # type: ignore[arg-type]
    enrolment = Entry.parse(
        net.service.reads.entry(str(net.member(acme.fingerprint)["enrolled_index"]))
    )
    assert (enrolment.kind, enrolment.number) == ("enrolment", acme.fingerprint)
    assert enrolment.digest == acme.fingerprint
    enrolment.verify_signature(registrar.certificate.public_key())  # type: ignore[arg-type]
    assert net.member(registrar.fingerprint)["role"] == "registrar"


def test_a_revoked_member_is_recorded_and_refused(net: LocalNetwork, enrol: Enrol) -> None:
    acme = enrol()
    net.submit(entry_bytes(acme, "P-1", b"before"), acme.token)
    index = net.revoke(acme.fingerprint)
    revocation = Entry.parse(net.service.reads.entry(str(index)))
    assert (revocation.kind, revocation.number) == ("revocation", acme.fingerprint)
    member = net.member(acme.fingerprint)
    assert (member["status"], member["revoked_index"]) == ("revoked", index)
    error = refusal(lambda: net.submit(entry_bytes(acme, "P-2", b"after"), acme.token))
    assert (error.status, error.code) == (403, "member_revoked")
    assert "revoked" in error.user_message
    assert net.revoke(acme.fingerprint) == index  # asked twice: the first revocation stands
    assert net.lookup(acme.fingerprint, "commercial-invoice", "P-1")["issuer_status"] == "revoked"


def test_revoking_an_unknown_member_fails(net: LocalNetwork) -> None:
    assert refusal(lambda: net.revoke("ab" * 32)).code == "unknown_member"


# --- durability, witnesses --------------------------------------------------------------------


def test_checkpoints_stay_consistent_across_a_restart(tmp_path: Path) -> None:
    key, csr = new_key_and_csr()
    with LocalNetwork(tmp_path / "n") as first:
        enrolment = first.enrol("ACME", "A-1", csr)
        member = Member(key, enrolment.fingerprint, enrolment.api_token)
        old_receipt = parse_proof(first.submit(entry_bytes(member, "C-1", b"1"), member.token))
        old_note = first.checkpoint()
    with LocalNetwork(tmp_path / "n") as second:
        again = parse_proof(second.submit(entry_bytes(member, "C-1", b"1"), member.token))
        assert again.index == old_receipt.index
        second.submit(entry_bytes(member, "C-2", b"2"), member.token)
        new_note = second.checkpoint()
        logs = second.descriptor.log_verifiers()
        old = open_checkpoint(old_note, logs).checkpoint
        new = open_checkpoint(new_note, logs).checkpoint
        proof = second.service.reads.consistency_proof(str(old.size), str(new.size))["proof"]
        merkle.verify_consistency(
            old.size,
            new.size,
            [base64.b64decode(p) for p in proof],
            old.root_hash,
            new.root_hash,
        )


class _Flaky:
    """A witness endpoint that can be switched off."""

    def __init__(self, witness: Witness) -> None:
        self.witness = witness
        self.down = False
        self.calls = 0

    def add_checkpoint(self, body: bytes) -> WitnessReply:
        self.calls += 1
        if self.down:
            raise WitnessUnavailable("switched off")
        return self.witness.add_checkpoint(body)

    async def add_checkpoint_async(self, body: bytes) -> WitnessReply:
        return self.add_checkpoint(body)


class _Recording(InProcessWitnessEndpoint):
    """The in-process witness, remembering the status of every reply."""

    def __init__(self, witness: Witness) -> None:
        super().__init__(witness)
        self.statuses: list[int] = []

    def add_checkpoint(self, body: bytes) -> WitnessReply:
        reply = super().add_checkpoint(body)
        self.statuses.append(reply.status)
        return reply


def _log_with_witnesses(tmp_path: Path, count: int, quorum: int) -> tuple[Path, list[Witness]]:
    keys = [init_witness(tmp_path / f"w{n}", f"w{n}.test") for n in range(count)]
    init_log(
        tmp_path / "log",
        origin="log.test/w",
        api_url="http://127.0.0.1:1",
        witnesses=[WitnessSpec(key, None) for key in keys],
        quorum=quorum,
    )
    log_keys = parse_descriptor((tmp_path / "log" / "network.json").read_bytes()).log_verifiers()
    witnesses = [
        Witness(
            tmp_path / f"w{n}" / "witness.sqlite3",
            load_witness_signer(tmp_path / f"w{n}"),
            log_keys,
        )
        for n in range(count)
    ]
    return tmp_path / "log", witnesses


def test_receipt_waits_for_the_quorum_and_a_resubmission_gets_it(tmp_path: Path) -> None:
    log_dir, (witness,) = _log_with_witnesses(tmp_path, 1, 1)
    flaky = _Flaky(witness)
    service = LogService(
        log_dir,
        witnesses=[ConfiguredWitness("w0.test", witness.verifier, flaky)],
        settings=LogSettings(receipt_timeout=1.0),
    )
    service.start()
    try:
        key, csr = new_key_and_csr()
        code = create_invitation(log_dir, name="Patient Ltd", registration_id="P-1")
        enrolment = service.enrol(code, csr)
        member = Member(key, enrolment.fingerprint, enrolment.api_token)
        flaky.down = True
        data = entry_bytes(member, "Q-1")
        error = refusal(lambda: service.register(f"Bearer {member.token}", data))
        assert (error.status, error.code) == (503, "receipt_pending")
        assert error.retry_after is not None
        flaky.down = False
        future = service.submit(service.prepare_entry(f"Bearer {member.token}", data))
        registration = future.result(timeout=15)
        assert registration.duplicate  # it was logged the first time, only not yet witnessed
        verify_receipt(parse_proof(registration.receipt), service.keys.descriptor)
    finally:
        service.close()
        witness.close()


def test_an_enrolment_the_witnesses_are_late_for_still_hands_over_the_token(
    tmp_path: Path,
) -> None:
    """The token exists only in the answer: once the enrolment is committed it must be given."""
    log_dir, (witness,) = _log_with_witnesses(tmp_path, 1, 1)
    flaky = _Flaky(witness)
    service = LogService(
        log_dir,
        witnesses=[ConfiguredWitness("w0.test", witness.verifier, flaky)],
        settings=LogSettings(receipt_timeout=0.5),
    )
    service.start()
    try:
        code = create_invitation(log_dir, name="Early Ltd", registration_id="E-1")
        service.enrol(code, new_key_and_csr()[1])  # the registrar's entry 0 is witnessed
        flaky.down = True
        key, csr = new_key_and_csr()
        code = create_invitation(log_dir, name="Late Ltd", registration_id="L-1")
        enrolment = service.enrol(code, csr)
        assert enrolment.receipt is None
        assert service.reads.member(enrolment.fingerprint)["enrolled_index"] == enrolment.index
        flaky.down = False
        member = Member(key, enrolment.fingerprint, enrolment.api_token)
        future = service.submit(
            service.prepare_entry(f"Bearer {member.token}", entry_bytes(member, "L-1"))
        )
        verify_receipt(parse_proof(future.result(15).receipt), service.keys.descriptor)
    finally:
        service.close()
        witness.close()


def test_a_dead_witness_is_skipped_when_the_quorum_allows(tmp_path: Path) -> None:
    log_dir, witnesses = _log_with_witnesses(tmp_path, 2, 1)
    endpoints = [_Flaky(w) for w in witnesses]
    endpoints[1].down = True
    service = LogService(
        log_dir,
        witnesses=[
            ConfiguredWitness(f"w{n}.test", w.verifier, e)
            for n, (w, e) in enumerate(zip(witnesses, endpoints, strict=True))
        ],
    )
    service.start()
    try:
        code = create_invitation(log_dir, name="Brave Ltd", registration_id="B-1")
        enrolment = service.enrol(code, new_key_and_csr()[1])
        check = verify_receipt(parse_proof(enrolment.receipt), service.keys.descriptor)
        assert set(check.cosigners) == {"w0.test"}
    finally:
        service.close()
        for witness in witnesses:
            witness.close()


def test_log_resends_from_the_witness_size_after_a_409(tmp_path: Path) -> None:
    """The log's record of what the witness saw is lost: the witness's 409 puts it right."""
    log_dir, (witness,) = _log_with_witnesses(tmp_path, 1, 1)
    endpoint = _Recording(witness)
    configured = [ConfiguredWitness("w0.test", witness.verifier, endpoint)]
    service = LogService(log_dir, witnesses=configured)
    service.start()
    code = create_invitation(log_dir, name="Forgetful Ltd", registration_id="F-1")
    service.enrol(code, new_key_and_csr()[1])
    service.close()
    conn = sqlite3.connect(log_dir / "log.sqlite3")
    conn.execute("DELETE FROM witness_sizes")
    conn.commit()
    conn.close()
    service = LogService(log_dir, witnesses=configured)
    service.start()
    try:
        code = create_invitation(log_dir, name="Second Ltd", registration_id="S-1")
        enrolment = service.enrol(code, new_key_and_csr()[1])
        verify_receipt(parse_proof(enrolment.receipt), service.keys.descriptor)
        assert 409 in endpoint.statuses
        assert endpoint.statuses[-1] == 200
    finally:
        service.close()
        witness.close()


# --- setup ----------------------------------------------------------------------------------------


def test_init_refuses_to_overwrite_a_log(tmp_path: Path) -> None:
    init_log(tmp_path / "log", origin="log.test/a", api_url="https://log.example")
    with pytest.raises(SetupError) as caught:
        init_log(tmp_path / "log", origin="log.test/a", api_url="https://log.example")
    assert "already holds a log" in caught.value.user_message


def test_secrets_are_written_for_the_owner_only(tmp_path: Path) -> None:
    init_log(tmp_path / "log", origin="log.test/a", api_url="https://log.example")
    for name in ("log.key", "member-ca.key.pem", "registrar.key.pem", "log.sqlite3"):
        assert (tmp_path / "log" / name).stat().st_mode & 0o077 == 0, name
    assert (tmp_path / "log").stat().st_mode & 0o077 == 0


def test_quorum_outside_the_witness_count_is_refused(tmp_path: Path) -> None:
    key = init_witness(tmp_path / "w", "w.test")
    with pytest.raises(SetupError) as caught:
        init_log(
            tmp_path / "log",
            origin="log.test/q",
            api_url="https://log.example",
            witnesses=[WitnessSpec(key, None)],
            quorum=2,
        )
    assert "between 1 and 1" in caught.value.user_message


def test_a_second_log_process_on_the_same_directory_is_refused(net: LocalNetwork) -> None:
    """SQLite: the data directory's lock refuses a second node. A shared database (PostgreSQL)
    instead takes it as a standby: it answers 503 and leaves the sequencing to the first."""
    if not net.service.storage.shared:
        with pytest.raises(SetupError) as caught:
            LogService(net.service.keys.files.root)
        assert "already running" in caught.value.user_message
        return
    key, csr = new_key_and_csr()
    member = Member(key)
    enrolment = net.enrol("Standby Test Ltd", "REG-SB", csr)
    member.fingerprint, member.token = enrolment.fingerprint, enrolment.api_token
    second = LogService(net.service.keys.files.root)
    try:
        second.start()
        wait_until(lambda: second.members.get(member.fingerprint) is not None, "standby view")
        with pytest.raises(ApiError) as caught_standby:
            second.register(f"Bearer {member.token}", entry_bytes(member, "INV-SB-1"))
        assert caught_standby.value.status == 503
        assert "standby" in str(caught_standby.value)
        assert not second.sequencer.is_leading
        assert net.service.sequencer.is_leading
    finally:
        second.close()
