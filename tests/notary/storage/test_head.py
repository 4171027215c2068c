"""One sequencer at a time on a shared (PostgreSQL) database: the lease and the compare-and-swap
on the stored checkpoint (notary.storage.head)."""

from __future__ import annotations

import base64
from pathlib import Path

import psycopg
import pytest

from exporter_desk.notary._files import WitnessFiles
from exporter_desk.notary.cosign import ConfiguredWitness, InProcessWitnessEndpoint
from exporter_desk.notary.errors import ApiError
from exporter_desk.notary.local import LocalNetwork
from exporter_desk.notary.log import LogService, LogSettings
from exporter_desk.notary.provision import load_witness_signer
from exporter_desk.notary.witness import Witness
from exporter_desk.trustnet import merkle, open_checkpoint, parse_proof, verify_receipt
from tests.notary.helpers import Member, entry_bytes, new_key_and_csr, wait_until


def _member(net: LocalNetwork, name: str) -> Member:
    key, csr = new_key_and_csr()
    enrolment = net.enrol(name, name.upper().replace(" ", "-"), csr)
    return Member(key, enrolment.fingerprint, enrolment.api_token, enrolment.certificate_pem)


def _same_witness(witness_dir: Path, net: LocalNetwork) -> tuple[ConfiguredWitness, Witness]:
    """The local network's witness (its key and its record), for a second node of the log."""
    (spec,) = net.descriptor.policy.witnesses
    witness = Witness(
        WitnessFiles(witness_dir).database,
        load_witness_signer(witness_dir),
        net.descriptor.log_verifiers(),
    )
    return ConfiguredWitness(spec.name, spec.verifier, InProcessWitnessEndpoint(witness)), witness


def _checkpoint_sizes(url: str) -> list[int]:
    with psycopg.connect(url) as conn:
        return [int(r[0]) for r in conn.execute("SELECT size FROM checkpoints ORDER BY size")]


def test_a_paused_sequencer_whose_lease_passed_signs_no_fork(
    tmp_path: Path, pg_database: str
) -> None:
    # A leads with a long lease, so it does not look at the lease again during the test: it
    # behaves like a node that paused (GC, a stalled VM) and wakes up believing it still leads.
    net = LocalNetwork(
        tmp_path / "network",
        origin="local.test/cas",
        settings=LogSettings(lease_seconds=600.0),
        database=pg_database,
    )
    standby: LogService | None = None
    configured, witness = _same_witness(tmp_path / "network" / "witness", net)
    try:
        member = _member(net, "Cas Ltd")
        first = parse_proof(net.submit(entry_bytes(member, "CAS-1"), member.token).encode())
        assert net.service.sequencer.is_leading

        standby = LogService(
            net.service.keys.files.root,
            witnesses=[configured],
            settings=LogSettings(lease_seconds=6.0),  # renewed every 2 s: no lapse under load
        )
        standby.start()
        assert not standby.sequencer.is_leading
        with psycopg.connect(pg_database, autocommit=True) as conn:
            conn.execute("UPDATE sequencer_head SET lease_until = 0")  # A's lease runs out
        wait_until(lambda: standby is not None and standby.sequencer.is_leading, "the takeover")
        sizes_before = _checkpoint_sizes(pg_database)

        # A still believes it leads: its batch fails the compare-and-swap and is rolled back
        # before anything is signed.
        with pytest.raises(ApiError) as refused:
            net.submit(entry_bytes(member, "CAS-FORK"), member.token)
        assert refused.value.status == 503
        assert not net.service.sequencer.is_leading
        assert _checkpoint_sizes(pg_database) == sizes_before

        # The new leader extends the same tree: A's receipt is consistent with B's checkpoints.
        second = parse_proof(
            standby.register(
                f"Bearer {member.token}", entry_bytes(member, "CAS-2")
            ).receipt.encode()
        )
        descriptor = net.descriptor
        old = verify_receipt(first, descriptor).checkpoint
        new = verify_receipt(second, descriptor).checkpoint
        proof = standby.reads.consistency_proof(str(old.size), str(new.size))["proof"]
        merkle.verify_consistency(
            old.size,
            new.size,
            [base64.b64decode(h) for h in proof],
            old.root_hash,
            new.root_hash,
        )
        # And A, now a standby, refuses rather than forks.
        with pytest.raises(ApiError) as standby_refusal:
            net.submit(entry_bytes(member, "CAS-3"), member.token)
        assert "standby" in str(standby_refusal.value)
        latest = open_checkpoint(standby.checkpoint(), descriptor.log_verifiers()).checkpoint
        assert latest.size == new.size
    finally:
        if standby is not None:
            standby.close()
        witness.close()
        net.close()
