"""The local network (DESIGN §6): a log and a witness in the user's data folder, in process.

The witness is called directly instead of over HTTP, through the same ``add_checkpoint`` code
as the witness server, and the log is the same :class:`LogService` as the log server; only the
transport differs. A new user can register and verify at once, with receipts that verify
offline against :attr:`LocalNetwork.descriptor`. Qt-free and thread-safe: :meth:`submit` may be
called from any worker thread.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from exporter_desk.notary._files import (
    FILE_VAULT,
    LogFiles,
    SecretVault,
    WitnessFiles,
    read_text,
)
from exporter_desk.notary.cosign import ConfiguredWitness, InProcessWitnessEndpoint
from exporter_desk.notary.errors import ApiError, SetupError
from exporter_desk.notary.log import Enrolment, LogService, LogSettings
from exporter_desk.notary.provision import (
    WitnessSpec,
    create_invitation,
    init_log,
    init_witness,
    load_witness_signer,
    request_revocation,
)
from exporter_desk.notary.storage import open_log_storage
from exporter_desk.notary.witness import Witness
from exporter_desk.trustnet import NetworkDescriptor, parse_descriptor, parse_verifier_key

__all__ = ["LocalNetwork"]

LOCAL_API_URL = "local://exporter-desk"
"""The descriptor's API URL for a local network: there is nothing to reach over a network."""


class LocalNetwork:
    """A log and one witness under ``data_dir`` (``log/`` and ``witness/``), created on first use.

    ``database``: a ``postgresql://`` URL for a new log's storage (default: SQLite in
    ``log/``); an existing log keeps what it was created with. Use as a context manager, or
    call :meth:`close`.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        origin: str | None = None,
        settings: LogSettings | None = None,
        clock: Callable[[], float] = time.time,
        vault: SecretVault = FILE_VAULT,
        database: str | None = None,
    ) -> None:
        self._log_dir = Path(data_dir) / "log"
        witness_dir = Path(data_dir) / "witness"
        witness_files = WitnessFiles(witness_dir)
        if vault.exists(witness_files.key):
            witness_key = read_text(witness_files.verifier_key, "witness verifier key").strip()
        else:
            witness_key = init_witness(witness_dir, "witness.local.exporter-desk", vault)
        if not LogFiles(self._log_dir).descriptor.exists():
            init_log(
                self._log_dir,
                origin=origin or f"local.exporter-desk/{secrets.token_hex(8)}",
                api_url=LOCAL_API_URL,
                witnesses=[WitnessSpec(witness_key, None)],
                quorum=1,
                now=clock(),
                vault=vault,
                database=database,
            )
        verifier = parse_verifier_key(witness_key)
        self._witness: Witness | None = None
        self._service: LogService | None = None
        try:
            log_descriptor = _read_descriptor(self._log_dir)
            self._witness = Witness(
                witness_files.database,
                load_witness_signer(witness_dir, vault),
                log_descriptor.log_verifiers(),
                clock=clock,
            )
            names = {w.verifier: w.name for w in log_descriptor.policy.witnesses}
            if verifier not in names:
                raise SetupError("the local witness is not in the local log's policy")
            self._service = LogService(
                self._log_dir,
                witnesses=[
                    ConfiguredWitness(
                        names[verifier], verifier, InProcessWitnessEndpoint(self._witness)
                    )
                ],
                settings=settings,
                clock=clock,
                vault=vault,
            )
            self._service.start()
        except BaseException:
            self.close()
            raise

    @property
    def service(self) -> LogService:
        if self._service is None:
            raise SetupError("the local network is closed")
        return self._service

    @property
    def descriptor(self) -> NetworkDescriptor:
        """What a verifier pins for this network."""
        return self.service.keys.descriptor

    def enrol(self, name: str, registration_id: str, csr_pem: str) -> Enrolment:
        """Enrol the local company: invite it and redeem the invitation with its CSR.

        Raises:
            SetupError: if the name or id is invalid.
            ApiError: if the CSR is refused or the key is already enrolled.
        """
        code = create_invitation(self._log_dir, name=name, registration_id=registration_id)
        return self.service.enrol(code, csr_pem)

    def submit(self, entry_bytes: bytes, token: str) -> str:
        """Register a signed entry; return its receipt (``c2sp.org/tlog-proof@v1`` text).

        Idempotent: the same entry again returns a receipt for the same index.

        Raises:
            ApiError: if the entry is refused (see :meth:`LogService.prepare_entry`; 409 for
                another digest under a registered number without ``supersedes``).
        """
        return self.service.register(f"Bearer {token}", bytes(entry_bytes)).receipt

    def checkpoint(self) -> str:
        """The latest witnessed checkpoint note."""
        return self.service.checkpoint()

    def lookup(self, issuer: str, kind: str, number: str) -> dict[str, Any]:
        """Entries under (issuer, kind, number) and whether each is superseded."""
        return self.service.reads.lookup(issuer, kind, number)

    def member(self, fingerprint: str) -> dict[str, Any]:
        """A member's status (active / revoked) and certificate."""
        return self.service.reads.member(fingerprint)

    def revoke(self, fingerprint: str, timeout: float = 10.0) -> int:
        """Revoke a member; return the index of the revocation entry.

        Raises:
            ApiError: 404 if there is no such member, 503 if not recorded within ``timeout``.
        """
        request_id = request_revocation(self._log_dir, fingerprint)
        conn = open_log_storage(LogFiles(self._log_dir)).connect()
        try:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                done, error = conn.execute(
                    "SELECT done_index, error FROM admin_requests WHERE id = ?", (request_id,)
                ).fetchone()
                if error is not None:
                    raise ApiError(404, "unknown_member", str(error))
                if done is not None:
                    return int(done)
                time.sleep(0.02)
        finally:
            conn.close()
        raise ApiError(503, "unavailable", "the revocation was not recorded in time")

    def close(self) -> None:
        service, self._service = self._service, None
        if service is not None:
            service.close()
        witness, self._witness = self._witness, None
        if witness is not None:
            witness.close()

    def __enter__(self) -> LocalNetwork:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _read_descriptor(log_dir: Path) -> NetworkDescriptor:
    return parse_descriptor(read_text(LogFiles(log_dir).descriptor, "network descriptor"))
