"""A real trust network for the monitor's tests and benchmark: a log server and a witness
server (uvicorn, 127.0.0.1, random ports) in this process, and a fork of it on demand.

A fork has the same log and witness keys but its own databases: what a log whose key was
stolen (or a log operator lying to one reader) can show. Its witness has the witness's key too:
an honest witness would refuse to cosign the fork, which is exactly why a fork needs a
compromised (or colluding) witness and why the monitor must compare checkpoints itself.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn

from exporter_desk.notary.connections import server_config
from exporter_desk.notary.cosign import ConfiguredWitness, HttpWitnessEndpoint
from exporter_desk.notary.log import LogService, LogSettings
from exporter_desk.notary.provision import (
    WitnessSpec,
    create_invitation,
    init_log,
    init_witness,
    load_witness_signer,
)
from exporter_desk.notary.web import log_app, witness_app
from exporter_desk.notary.witness import Witness
from exporter_desk.trustnet import NetworkDescriptor, parse_descriptor
from tests.notary.helpers import free_port

ORIGIN = "monitor.test/log"
WITNESS = "witness.monitor.test"


class _Server:
    """uvicorn on a chosen 127.0.0.1 port, on a thread of this process."""

    def __init__(self, app: Any, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(server_config(app, host="127.0.0.1", port=port))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.server.started, "the server did not start"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class TrustServers:
    """A log and its witness, both over HTTP. ``start()`` / ``stop()``; ``fork(root)``."""

    def __init__(self, root: Path, *, settings: LogSettings | None = None) -> None:
        self.root = root
        self.settings = settings
        self.log_port, self.witness_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.log_port}"
        self.witness_url = f"http://127.0.0.1:{self.witness_port}"
        if not (self.log_dir / "network.json").exists():
            witness_key = init_witness(self.witness_dir, WITNESS)
            init_log(
                self.log_dir,
                origin=ORIGIN,
                api_url=self.url,
                witnesses=[WitnessSpec(witness_key, self.witness_url)],
                quorum=1,
            )
        self.service: LogService | None = None
        self._witness: Witness | None = None
        self._servers: list[_Server] = []

    @property
    def log_dir(self) -> Path:
        return self.root / "log"

    @property
    def witness_dir(self) -> Path:
        return self.root / "witness"

    @property
    def descriptor(self) -> NetworkDescriptor:
        return parse_descriptor((self.log_dir / "network.json").read_bytes())

    def fork(self, root: Path) -> TrustServers:
        """The same keys on empty databases (call before ``start``)."""
        assert self.service is None, "fork before starting: the databases must be fresh"
        shutil.copytree(self.root, root)
        return TrustServers(root, settings=self.settings)

    def start(self) -> TrustServers:
        descriptor = self.descriptor
        self._witness = Witness(
            self.witness_dir / "witness.sqlite3",
            load_witness_signer(self.witness_dir),
            descriptor.log_verifiers(),
        )
        witness_server = _Server(witness_app(self._witness), self.witness_port)
        witness_server.start()
        self._servers.append(witness_server)
        policy_witness = descriptor.policy.witnesses[0]
        self.service = LogService(
            self.log_dir,
            witnesses=[
                ConfiguredWitness(
                    policy_witness.name,
                    policy_witness.verifier,
                    HttpWitnessEndpoint(self.witness_url),
                )
            ],
            settings=self.settings,
        )
        self.service.start()
        log_server = _Server(log_app(self.service, manage_lifecycle=False), self.log_port)
        log_server.start()
        self._servers.append(log_server)
        # A bounded wait, not a speed check: the first checkpoint takes well under a second;
        # 20 s only keeps a broken witness from hanging the test run.
        deadline = time.monotonic() + 20
        while self.service.sequencer.published is None:
            assert time.monotonic() < deadline, "no witnessed checkpoint"
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        for server in reversed(self._servers):
            server.stop()
        self._servers.clear()
        if self.service is not None:
            self.service.close()
            self.service = None
        if self._witness is not None:
            self._witness.close()
            self._witness = None

    def invite(self, name: str, registration_id: str) -> str:
        return create_invitation(self.log_dir, name=name, registration_id=registration_id)

    def size(self) -> int:
        assert self.service is not None
        return self.service.sequencer.size
