"""Shared by the notary tests: member keys and CSRs, signed entries, and real node processes."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from exporter_desk.notary.connections import ConnectionLimits, Parser, server_config
from exporter_desk.trustnet import Entry

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Member:
    """A company's signing key, and what enrolment gave it."""

    key: ec.EllipticCurvePrivateKey
    fingerprint: str = ""
    token: str = ""
    certificate_pem: str = ""


def new_key_and_csr(
    common_name: str = "claimed by the CSR",
) -> tuple[ec.EllipticCurvePrivateKey, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .sign(key, hashes.SHA256())
    )
    return key, csr.public_bytes(serialization.Encoding.PEM).decode("ascii")


def entry_bytes(
    member: Member,
    number: str,
    document: bytes = b"%PDF-1.7 revision 1",
    *,
    kind: str = "commercial-invoice",
    supersedes: str | None = None,
    key: ec.EllipticCurvePrivateKey | None = None,
    issuer: str | None = None,
    when: datetime | None = None,
) -> bytes:
    """A signed ``exporter-desk-entry/v1`` for ``document`` registered as ``kind number``."""
    return (
        Entry.build(
            kind=kind,
            number=number,
            issuer=issuer or member.fingerprint,
            digest=hashlib.sha256(document).hexdigest(),
            length=len(document),
            time=when or datetime.now(UTC),
            supersedes=supersedes,
        )
        .sign(key or member.key)
        .format()
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def notary(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``exporter-desk-notary ARGS`` to completion."""
    return subprocess.run(
        [sys.executable, "-m", "exporter_desk.notary.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        check=False,
    )


@dataclass
class Node:
    """A running ``serve`` or ``witness serve`` process."""

    args: list[str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    _log_file: object = field(default=None, repr=False)

    def start(self) -> Node:
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self._log_file = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "exporter_desk.notary.cli", *self.args],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        return self

    def stop(self) -> None:
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        self._close_log()

    def kill(self) -> None:
        """kill -9: no shutdown code runs."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(10)
        self._close_log()

    def _close_log(self) -> None:
        log = self._log_file
        self._log_file = None
        if log is not None:
            log.close()  # type: ignore[attr-defined]


def wait_until(check: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    """Poll ``check`` (network errors count as not yet) until it holds or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


class ServerThread:
    """A real uvicorn server for ``app`` on a random 127.0.0.1 port, on a thread of this process,
    with the node's connection guards (as ``exporter-desk-notary serve`` runs them)."""

    def __init__(
        self, app: Any, *, limits: ConnectionLimits | None = None, parser: Parser = "auto"
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = server_config(app, host="127.0.0.1", port=self.port, limits=limits, parser=parser)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.server.started, "the server did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
