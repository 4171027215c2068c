"""The log's witness client over real HTTP: both drivers, 409 recovery, dead and idle witnesses."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from exporter_desk.notary.cosign import ConfiguredWitness, Cosigner, HttpWitnessEndpoint
from exporter_desk.notary.web import witness_app
from exporter_desk.notary.witness import Witness
from exporter_desk.trustnet import (
    Checkpoint,
    generate_key,
    generate_witness_key,
    merkle,
    parse_signer_key,
    parse_verifier_key,
    sign_checkpoint,
    verify_cosignature,
)
from tests.notary.helpers import free_port

ORIGIN = "log.test/cosign"
LEAVES = [b"leaf %d" % i for i in range(40)]
LOG_SIGNER_KEY, LOG_VERIFIER_KEY = generate_key(ORIGIN)


def note(size: int) -> str:
    root = merkle.root_hash(LEAVES[:size])
    return sign_checkpoint(Checkpoint(ORIGIN, size, root), parse_signer_key(LOG_SIGNER_KEY))


def proofs(old: int, new: int) -> list[bytes]:
    return merkle.consistency_proof(LEAVES[:new], old)


class Server:
    def __init__(self, witness: Witness, port: int, keep_alive: float) -> None:
        config = uvicorn.Config(
            witness_app(witness),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            http="h11",
            timeout_keep_alive=keep_alive,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def witness(tmp_path: Path) -> Iterator[Witness]:
    signer_key, _ = generate_witness_key("witness.test/http")
    witness = Witness(
        tmp_path / "witness.sqlite3",
        parse_signer_key(signer_key),
        [parse_verifier_key(LOG_VERIFIER_KEY)],
    )
    yield witness
    witness.close()


def configured(witness: Witness, url: str) -> list[ConfiguredWitness]:
    return [ConfiguredWitness("w", witness.verifier, HttpWitnessEndpoint(url))]


def test_both_drivers_get_verified_cosignatures_over_http(witness: Witness) -> None:
    port = free_port()
    with Server(witness, port, keep_alive=5):
        cosigner = Cosigner(configured(witness, f"http://127.0.0.1:{port}"), proofs)
        first = cosigner.cosign(note(5), 5)
        verify_cosignature(note(5), first["w"].rstrip("\n"), witness.verifier)
        second = asyncio.run(cosigner.cosign_async(note(12), 12))
        verify_cosignature(note(12), second["w"].rstrip("\n"), witness.verifier)
        assert cosigner.known_sizes == {"w": 12}
        cosigner.close()


def test_a_wrong_guess_of_the_witness_size_is_corrected_by_its_409(witness: Witness) -> None:
    port = free_port()
    with Server(witness, port, keep_alive=5):
        Cosigner(configured(witness, f"http://127.0.0.1:{port}"), proofs).cosign(note(9), 9)
        stale = Cosigner(
            configured(witness, f"http://127.0.0.1:{port}"), proofs, known_sizes={"w": 3}
        )
        assert "w" in asyncio.run(stale.cosign_async(note(20), 20))
        assert stale.known_sizes == {"w": 20}


def test_an_idle_connection_the_witness_closed_is_replaced(witness: Witness) -> None:
    port = free_port()
    with Server(witness, port, keep_alive=0.2):
        cosigner = Cosigner(configured(witness, f"http://127.0.0.1:{port}"), proofs, attempts=1)

        async def twice() -> tuple[dict[str, str], dict[str, str]]:
            first = await cosigner.cosign_async(note(4), 4)
            await asyncio.sleep(0.6)  # the witness drops the kept-alive connection
            return first, await cosigner.cosign_async(note(8), 8)

        first, second = asyncio.run(twice())
        assert "w" in first and "w" in second


def test_a_dead_witness_is_skipped_then_rested(witness: Witness) -> None:
    cosigner = Cosigner(
        configured(witness, f"http://127.0.0.1:{free_port()}"), proofs, retry_delay=0.01
    )
    started = time.monotonic()
    assert cosigner.cosign(note(3), 3) == {}
    assert asyncio.run(cosigner.cosign_async(note(3), 3)) == {}  # resting: not even asked
    # Generous: a cosigner that retried a refused witness, or asked a resting one, would sit in
    # its connect time-outs and back-off for far longer than this, even on a slow CI machine.
    assert time.monotonic() - started < 5
