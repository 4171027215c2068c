"""Where the log's tiles go: a directory, or an S3-compatible bucket.

A sink stores immutable files (tiles, bundles) and the one mutable file (``checkpoint``) by their
path under the log's prefix. Contract: ``put`` returns only once the file is durably stored
(readable by the next ``get``), and raises :class:`TileSinkError` otherwise; writing the same
path twice with the same bytes is harmless. Retrying is the sink's job: :class:`S3Sink` retries
a failed upload a bounded number of times with back-off before it raises.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from exporter_desk._atomic import write_atomically
from exporter_desk.notary.errors import NotaryError

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client

__all__ = ["DirectorySink", "S3Sink", "TileSink", "TileSinkError"]

_IMMUTABLE = "public, max-age=31536000, immutable"
_MUTABLE = "no-cache, max-age=5"


class TileSinkError(NotaryError):
    """A tile or the checkpoint could not be stored (after the sink's retries)."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message,
            user_message=(
                "The log could not publish its tiles to the configured storage. The checkpoint "
                "is held back and publishing is retried; check the storage's address and "
                "credentials."
            ),
        )


class TileSink(Protocol):
    """Storage for the published tree (see the module docstring for the contract)."""

    def put(self, path: str, data: bytes, *, mutable: bool = False) -> None: ...

    def get(self, path: str) -> bytes | None: ...


class DirectorySink:
    """Files under ``root``, laid out as the URLs are (serve the directory as it is).

    Each file is written atomically (temporary file, fsync, rename), so a reader never sees half
    a tile, and the checkpoint is replaced in one step.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def put(self, path: str, data: bytes, *, mutable: bool = False) -> None:
        target = self.root / path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data, mode=0o644)
        except OSError as exc:
            raise TileSinkError(f"could not write {target}: {exc}") from exc

    def get(self, path: str) -> bytes | None:
        try:
            return (self.root / path).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise TileSinkError(f"could not read {self.root / path}: {exc}") from exc


class S3Sink:
    """Objects in an S3-compatible bucket (boto3), under an optional key prefix.

    Credentials come from the environment (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``),
    never from a file of ours. An upload is tried ``attempts`` times, sleeping ``backoff * 2**n``
    seconds (at most ``max_sleep``) in between; each try has ``timeout`` seconds.
    """

    def __init__(
        self,
        endpoint_url: str,
        bucket: str,
        *,
        prefix: str = "",
        region: str | None = None,
        attempts: int = 4,
        backoff: float = 0.2,
        max_sleep: float = 2.0,
        timeout: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        import boto3
        from botocore.config import Config

        if urlsplit(endpoint_url).scheme not in ("http", "https"):
            raise TileSinkError(f"the S3 endpoint {endpoint_url!r} is not an http(s) URL")
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        self.endpoint_url = endpoint_url
        self.bucket = bucket
        self._prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self._attempts = attempts
        self._backoff = backoff
        self._max_sleep = max_sleep
        self._sleep = sleep
        config = Config(
            connect_timeout=timeout,
            read_timeout=timeout,
            retries={"max_attempts": 1, "mode": "standard"},  # our own loop retries
            s3={"addressing_style": "path"},
        )
        # A session of its own: boto3's default session caches the credentials it first found.
        self._client: S3Client = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region or os.environ.get("AWS_REGION") or "us-east-1",
            config=config,
        )

    def put(self, path: str, data: bytes, *, mutable: bool = False) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        key = self._prefix + path
        content_type = "text/plain; charset=utf-8" if mutable else "application/octet-stream"
        last: Exception | None = None
        for attempt in range(self._attempts):
            if attempt:
                self._sleep(min(self._backoff * 2 ** (attempt - 1), self._max_sleep))
            try:
                self._client.put_object(
                    Bucket=self.bucket,
                    Key=key,
                    Body=data,
                    ContentType=content_type,
                    CacheControl=_MUTABLE if mutable else _IMMUTABLE,
                )
                return
            except (BotoCoreError, ClientError) as exc:
                last = exc
        raise TileSinkError(
            f"could not upload {key} to bucket {self.bucket} at {self.endpoint_url} after "
            f"{self._attempts} tries: {last}"
        )

    def get(self, path: str) -> bytes | None:
        from botocore.exceptions import BotoCoreError, ClientError

        key = self._prefix + path
        try:
            response = self._client.get_object(Bucket=self.bucket, Key=key)
            return response["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise TileSinkError(f"could not read {key} from bucket {self.bucket}: {exc}") from exc
        except BotoCoreError as exc:
            raise TileSinkError(f"could not read {key} from bucket {self.bucket}: {exc}") from exc
