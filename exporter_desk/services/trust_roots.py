"""Networks whose descriptor reaches the verifier through TUF, and where each pinned network came
from.

A network operator publishes its descriptor in a TUF repository (``notary.trust_root``). The
user pins the network once from the operator's *trust-root file* (its repository URL and first
``root.json``), after seeing the descriptor's fingerprint; from then on the app refreshes the
descriptor when online (:func:`refresh_networks`), following the operator's key and witness
rotations through TUF's chain of root versions. A refresh that fails keeps the descriptor the
app had: verification offline never depends on the network being reachable.

Each pin carries a small record beside its descriptor (``trust/NAME.source.json``): since when
it is trusted, from which source (a file, an invitation, the trust-root URL) and when it was last
refreshed. The record is not a secret and not a trust decision: the descriptor is.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from exporter_desk._atomic import write_atomically
from exporter_desk.errors import ExporterError
from exporter_desk.services.trust import (
    TUF_SUFFIX,
    pin_network,
    pinned_file,
    pinned_networks,
    read_descriptor_file,
    read_source,
    write_source,
)
from exporter_desk.trustnet import NetworkDescriptor, TrustnetError, parse_descriptor

__all__ = [
    "BOOTSTRAP_FORMAT",
    "PinnedNetwork",
    "RefreshOutcome",
    "TrustRoot",
    "TrustRootError",
    "fetch_descriptor",
    "is_trust_root_file",
    "network_sources",
    "pin_from_trust_root",
    "preview_trust_root",
    "read_network_file",
    "read_trust_root_file",
    "refresh_networks",
]

BOOTSTRAP_FORMAT: Final = "exporter-desk-trust-root/v1"
TARGET_NAME: Final = "network.json"
MAX_TRUST_ROOT_BYTES: Final = 512 * 1024
FETCH_TIMEOUT_SECONDS: Final = 10
"""Seconds a TUF download may stall before the refresh gives up (the next one tries again)."""
MAX_ROOT_ROTATIONS: Final = 64


class TrustRootError(ExporterError):
    """A trust-root file or repository that cannot be used; the pinned networks are unchanged."""


@dataclass(frozen=True, slots=True)
class TrustRoot:
    """What a trust-root file says: where the repository is and the root to start from."""

    url: str
    root_json: bytes


@dataclass(frozen=True, slots=True)
class PinnedNetwork:
    """A trusted network and where it came from (shown in Settings and by ``network list``)."""

    descriptor: NetworkDescriptor
    source: str  # "file", "invitation", "local", "trust-root" or "unknown" (pinned before)
    detail: str  # the file's name, or the repository URL
    since: str | None  # ISO time of the pin
    refreshed: str | None  # ISO time of the last successful TUF refresh


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    origin: str
    changed: bool
    error: str | None  # a person's sentence when the refresh failed; the pin is unchanged


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def read_trust_root_file(path: Path) -> TrustRoot:
    """Read an operator's trust-root file.

    Raises:
        TrustRootError: unreadable, too large, or not a trust-root file.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_TRUST_ROOT_BYTES + 1)
    except OSError as exc:
        raise TrustRootError(
            f"cannot read {path}: {exc}",
            user_message=f"The trust-root file {path.name} cannot be read: {exc.strerror or exc}.",
        ) from exc
    not_ours = TrustRootError(
        f"{path} is not a trust-root file",
        user_message=(
            f"{path.name} is not a network trust-root file. Ask the network's operator for the "
            "trust-root.json that 'exporter-desk-notary tuf init' wrote."
        ),
    )
    if len(data) > MAX_TRUST_ROOT_BYTES:
        raise not_ours
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise not_ours from exc
    if (
        not isinstance(document, dict)
        or document.get("format") != BOOTSTRAP_FORMAT
        or not isinstance(document.get("url"), str)
        or not isinstance(document.get("root"), dict)
    ):
        raise not_ours
    url = document["url"]
    if not url.startswith(("http://", "https://")):
        raise not_ours
    root_json = json.dumps(document["root"], indent=1).encode("utf-8")
    return TrustRoot(url=url if url.endswith("/") else url + "/", root_json=root_json)


def is_trust_root_file(path: Path) -> bool:
    """Whether ``path`` looks like a trust-root file rather than a descriptor (by its format)."""
    try:
        read_trust_root_file(path)
    except TrustRootError:
        return False
    return True


def _tuf_dir(data_dir: Path, origin: str) -> Path:
    return pinned_file(data_dir, origin).with_suffix(TUF_SUFFIX)


def fetch_descriptor(root: TrustRoot, metadata_dir: Path, *, bootstrap: bool) -> NetworkDescriptor:
    """Refresh TUF metadata in ``metadata_dir`` and return the descriptor it signs.

    With ``bootstrap`` the trust-root file's root is the starting point (a new pin); otherwise
    the ``root.json`` kept in ``metadata_dir`` is (a refresh).

    Raises:
        TrustRootError: the repository cannot be reached, is expired, or fails TUF's checks.
    """
    from tuf.api import exceptions as tuf_errors
    from tuf.ngclient import Updater, UpdaterConfig, Urllib3Fetcher

    metadata_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tuf-targets-") as targets:
        updater = Updater(
            metadata_dir=str(metadata_dir),
            metadata_base_url=root.url + "metadata/",
            target_dir=targets,
            target_base_url=root.url + "targets/",
            fetcher=Urllib3Fetcher(socket_timeout=FETCH_TIMEOUT_SECONDS),
            config=UpdaterConfig(max_root_rotations=MAX_ROOT_ROTATIONS),
            bootstrap=root.root_json if bootstrap else None,
        )
        try:
            updater.refresh()
            info = updater.get_targetinfo(TARGET_NAME)
            if info is None:
                raise TrustRootError(
                    f"{root.url} publishes no {TARGET_NAME}",
                    user_message=(
                        f"The network's trust root at {root.url} publishes no network "
                        "descriptor. Tell the network's operator."
                    ),
                )
            data = Path(updater.download_target(info)).read_bytes()
        except tuf_errors.ExpiredMetadataError as exc:
            raise TrustRootError(
                f"expired TUF metadata at {root.url}: {exc}",
                user_message=(
                    f"The network's trust root at {root.url} has expired, so it cannot be "
                    "refreshed. The network's operator must re-sign it; until then the network "
                    "you already trust stays as it was."
                ),
            ) from exc
        except (tuf_errors.DownloadError, OSError) as exc:
            raise TrustRootError(
                f"cannot reach {root.url}: {exc}",
                user_message=(
                    f"The network's trust root at {root.url} cannot be reached. Check the "
                    "Internet connection and try again; the network you already trust stays "
                    "as it was."
                ),
            ) from exc
        except tuf_errors.RepositoryError as exc:
            raise TrustRootError(
                f"TUF repository at {root.url} failed its checks: {exc}",
                user_message=(
                    f"The network's trust root at {root.url} is not signed by the keys you "
                    "trust, or was rolled back. Nothing was changed. Tell the network's operator."
                ),
            ) from exc
    try:
        return parse_descriptor(data)
    except TrustnetError as exc:
        raise TrustRootError(
            f"the descriptor at {root.url} is invalid: {exc}", user_message=exc.user_message
        ) from exc


def preview_trust_root(root: TrustRoot) -> tuple[NetworkDescriptor, Path]:
    """Fetch the descriptor a trust-root file leads to, without trusting it yet.

    Returns the descriptor (to show its fingerprint) and the folder of verified TUF metadata
    that :func:`pin_from_trust_root` keeps if the user confirms.
    """
    folder = Path(tempfile.mkdtemp(prefix="exporter-desk-tuf-"))
    try:
        return fetch_descriptor(root, folder, bootstrap=True), folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def pin_from_trust_root(
    data_dir: Path, root: TrustRoot, descriptor: NetworkDescriptor, metadata: Path
) -> Path:
    """Trust ``descriptor`` (fetched by :func:`preview_trust_root`) and keep following ``root``."""
    target = _tuf_dir(data_dir, descriptor.origin)
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(metadata, target / "metadata")
    shutil.rmtree(metadata, ignore_errors=True)
    write_atomically(target / "url", root.url.encode("utf-8"))
    return pin_network(data_dir, descriptor, source="trust-root", detail=root.url, refreshed=_now())


def network_sources(data_dir: Path) -> list[PinnedNetwork]:
    """Every pinned network with where it came from, since when, and its last refresh."""
    found: list[PinnedNetwork] = []
    for descriptor in pinned_networks(data_dir):
        record = read_source(data_dir, descriptor.origin)
        found.append(
            PinnedNetwork(
                descriptor=descriptor,
                source=record.get("source", "unknown"),
                detail=record.get("detail", ""),
                since=record.get("since"),
                refreshed=record.get("refreshed"),
            )
        )
    return found


def refresh_networks(
    data_dir: Path, *, progress: Callable[[str], None] | None = None
) -> list[RefreshOutcome]:
    """Refresh every network pinned from a trust root; the others are left alone.

    A network whose refresh fails keeps its descriptor; the outcome says why.
    """
    outcomes: list[RefreshOutcome] = []
    for pinned in network_sources(data_dir):
        if pinned.source != "trust-root":
            continue
        origin = pinned.descriptor.origin
        if progress is not None:
            progress(origin)
        folder = _tuf_dir(data_dir, origin)
        try:
            url = (folder / "url").read_text(encoding="utf-8").strip()
            descriptor = fetch_descriptor(
                TrustRoot(url=url, root_json=b""), folder / "metadata", bootstrap=False
            )
        except OSError:
            outcomes.append(
                RefreshOutcome(origin, False, "Its trust-root record is missing: pin it again.")
            )
            continue
        except TrustRootError as exc:
            outcomes.append(RefreshOutcome(origin, False, exc.user_message))
            continue
        if descriptor.origin != origin:
            outcomes.append(
                RefreshOutcome(
                    origin,
                    False,
                    f"Its trust root now names another network ({descriptor.origin}); the pin "
                    "is unchanged.",
                )
            )
            continue
        changed = descriptor != pinned.descriptor
        if changed:
            pin_network(data_dir, descriptor, source="trust-root", detail=url, refreshed=_now())
        else:
            write_source(data_dir, origin, "trust-root", url, refreshed=_now())
        outcomes.append(RefreshOutcome(origin, changed, None))
    return outcomes


def read_network_file(path: Path) -> NetworkDescriptor | TrustRoot:
    """A descriptor or a trust-root file, whichever ``path`` is.

    Raises:
        DescriptorFileError, PolicyError: neither.
    """
    try:
        return read_trust_root_file(path)
    except TrustRootError:
        return read_descriptor_file(path)
