"""Pinned trust networks: the descriptors a verifier trusts, kept as files in the data folder.

A descriptor is public (origin, API URL, member CA, policy); pinning one is an explicit act of
the user, who is shown its keys' fingerprints first (:func:`describe_descriptor`).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

from exporter_desk._atomic import write_atomically
from exporter_desk.errors import ExporterError
from exporter_desk.trustnet import NetworkDescriptor, format_descriptor, parse_descriptor
from exporter_desk.verify import Trust

__all__ = [
    "SOURCE_SUFFIX",
    "TUF_SUFFIX",
    "DescriptorFileError",
    "compute_network_fingerprint",
    "describe_descriptor",
    "load_trust",
    "pin_network",
    "pinned_file",
    "pinned_networks",
    "read_descriptor_file",
    "read_source",
    "trust_dir",
    "unpin_network",
    "write_source",
]

MAX_DESCRIPTOR_BYTES = 256 * 1024


class DescriptorFileError(ExporterError):
    """A network descriptor file that cannot be read."""


def trust_dir(data_dir: Path) -> Path:
    return data_dir / "trust"


SOURCE_SUFFIX = ".source.json"
"""Beside a pinned descriptor: where it came from and since when (services.trust_roots)."""
TUF_SUFFIX = ".tuf"
"""Beside a pinned descriptor: the folder of TUF metadata it is refreshed with, if any."""


def pinned_file(data_dir: Path, origin: str) -> Path:
    """The file in which the descriptor of ``origin`` is pinned."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", origin)[:60]
    tag = hashlib.sha256(origin.encode("utf-8")).hexdigest()[:8]
    return trust_dir(data_dir) / f"{slug}-{tag}.json"


def read_descriptor_file(path: Path) -> NetworkDescriptor:
    """Read and check a descriptor file (size-limited).

    Raises:
        DescriptorFileError: unreadable or too large.
        PolicyError: not a valid descriptor.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_DESCRIPTOR_BYTES + 1)
    except OSError as exc:
        raise DescriptorFileError(
            f"cannot read {path}: {exc}",
            user_message=f"The network file {path.name} cannot be read: {exc.strerror or exc}.",
        ) from exc
    if len(data) > MAX_DESCRIPTOR_BYTES:
        raise DescriptorFileError(
            f"{path} is larger than {MAX_DESCRIPTOR_BYTES} bytes",
            user_message=f"{path.name} is too large to be a network descriptor.",
        )
    return parse_descriptor(data)


def compute_network_fingerprint(descriptor: NetworkDescriptor) -> str:
    """A short fingerprint of the whole descriptor for people to compare by phone: the first
    80 bits of SHA-256 of its file, as five groups of four hex digits ("1A2B 3C4D ...")."""
    digest = hashlib.sha256(format_descriptor(descriptor)).hexdigest()[:20].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 20, 4))


def describe_descriptor(descriptor: NetworkDescriptor) -> str:
    """What the user confirms before pinning: the origin, the network's short fingerprint (what
    its operator reads out over the phone) and every key's fingerprint."""
    lines = [
        f"Network: {descriptor.origin}",
        f"Fingerprint: {compute_network_fingerprint(descriptor)}",
        f"Address: {descriptor.api_url}",
    ]
    lines += [f"{fp.role} {fp.name}: {fp.fingerprint}" for fp in descriptor.fingerprints()]
    return "\n".join(lines)


def pin_network(
    data_dir: Path,
    descriptor: NetworkDescriptor,
    *,
    source: str = "file",
    detail: str = "",
    refreshed: str | None = None,
) -> Path:
    """Trust ``descriptor`` from now on (replacing an earlier pin of the same origin).

    ``source`` says where it came from ("file", "invitation", "local", "trust-root"), ``detail``
    which one (a file name, a URL); both are shown beside the network, never trusted.
    """
    folder = trust_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = pinned_file(data_dir, descriptor.origin)
    write_atomically(target, format_descriptor(descriptor))
    write_source(data_dir, descriptor.origin, source, detail, refreshed=refreshed)
    return target


def write_source(
    data_dir: Path, origin: str, source: str, detail: str, *, refreshed: str | None = None
) -> None:
    """Note where the pin of ``origin`` came from; the first pin's "since" is kept."""
    path = pinned_file(data_dir, origin).with_suffix(SOURCE_SUFFIX)
    since = read_source(data_dir, origin).get("since") or _now()
    record = {"source": source, "detail": detail, "since": since, "refreshed": refreshed}
    write_atomically(path, (json.dumps(record, indent=1, sort_keys=True) + "\n").encode())


def read_source(data_dir: Path, origin: str) -> dict[str, str]:
    """The source record of ``origin``'s pin; empty for a pin made before records existed."""
    path = pinned_file(data_dir, origin).with_suffix(SOURCE_SUFFIX)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict):
        return {}
    return {k: v for k, v in document.items() if isinstance(k, str) and isinstance(v, str)}


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def unpin_network(data_dir: Path, origin: str) -> bool:
    target = pinned_file(data_dir, origin)
    shutil.rmtree(target.with_suffix(TUF_SUFFIX), ignore_errors=True)
    target.with_suffix(SOURCE_SUFFIX).unlink(missing_ok=True)
    if target.exists():
        target.unlink()
        return True
    return False


def pinned_networks(data_dir: Path) -> list[NetworkDescriptor]:
    """Every pinned descriptor, by origin; a damaged file is skipped, never trusted."""
    folder = trust_dir(data_dir)
    if not folder.is_dir():
        return []
    found: list[NetworkDescriptor] = []
    for path in sorted(folder.glob("*.json")):
        if path.name.endswith(SOURCE_SUFFIX):
            continue
        try:
            found.append(read_descriptor_file(path))
        except ExporterError:
            continue
    return sorted(found, key=lambda d: d.origin)


def load_trust(data_dir: Path | None, extra: tuple[NetworkDescriptor, ...] = ()) -> Trust:
    """The pinned networks of ``data_dir`` plus ``extra`` (say, from ``--network FILE``)."""
    networks = list(extra)
    if data_dir is not None:
        origins = {d.origin for d in networks}
        networks += [d for d in pinned_networks(data_dir) if d.origin not in origins]
    return Trust(networks=tuple(networks))
