"""The network's trust root, published through TUF (The Update Framework) so that verifiers
never depend on a hand-carried ``network.json``.

The operator keeps a TUF repository beside the log (``DIR/tuf/repository``): four top-level
roles (root, targets, snapshot, timestamp), one Ed25519 key each (``DIR/tuf/keys/ROLE.pem``,
mode 0600, like the node's other keys), consistent snapshots (every file but
``timestamp.json`` is immutable, so a CDN may cache it forever), and one target,
``network.json``: the network's descriptor (log key, witnesses, quorum, member CA).

A verifier starts from a *trust-root file* (:data:`BOOTSTRAP_FORMAT`: the repository's URL and
its first ``root.json``) and from then on follows the chain of root versions, each signed by the
keys of the one before, so that keys and witnesses can be rotated without anyone carrying files:

- ``publish`` signs the current ``network.json`` as a new targets version (after ``witnesses``
  changed the policy, say), with a new snapshot and timestamp;
- ``rotate ROLE`` replaces a role's key with a new root version signed by the old and the new
  root keys (for the root role) or by the root key (for the others), then re-signs what the
  role signs;
- ``timestamp`` re-signs the timestamp alone (it expires after :data:`EXPIRY_DAYS` days: run it
  from cron).

The log's HTTP API serves the repository read-only under ``/tuf/``; any static web server or
bucket can serve it as well.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from exporter_desk._atomic import write_atomically
from exporter_desk.notary._files import FILE_VAULT, LogFiles, SecretVault, read_text
from exporter_desk.notary.errors import SetupError
from exporter_desk.notary.provision import WitnessSpec, build_policy
from exporter_desk.trustnet import (
    NetworkDescriptor,
    TrustnetError,
    format_descriptor,
    parse_descriptor,
)

__all__ = [
    "BOOTSTRAP_FORMAT",
    "EXPIRY_DAYS",
    "ROLES",
    "TARGET_NAME",
    "TrustRootFiles",
    "init_trust_root",
    "publish_descriptor",
    "published_file",
    "resign_timestamp",
    "rotate_key",
    "set_witnesses",
]

ROLES: Final = ("root", "targets", "snapshot", "timestamp")
TARGET_NAME: Final = "network.json"
BOOTSTRAP_FORMAT: Final = "exporter-desk-trust-root/v1"
EXPIRY_DAYS: Final = {"root": 365, "targets": 365, "snapshot": 30, "timestamp": 7}
"""How long each role's metadata stays valid after it is signed."""

_SERIALIZER: Final = JSONSerializer(compact=False)
_PUBLISHED_NAME: Final = re.compile(
    r"metadata/(?:[1-9][0-9]{0,8}\.)?(?:root|targets|snapshot|timestamp)\.json"
    r"|targets/[0-9a-f]{64}\.network\.json"
)


@dataclass(frozen=True, slots=True)
class TrustRootFiles:
    """Where a log keeps its TUF repository and the repository's keys."""

    root: Path

    @property
    def folder(self) -> Path:
        return self.root / "tuf"

    @property
    def repository(self) -> Path:
        """What is published, as it is served under ``/tuf/``."""
        return self.folder / "repository"

    @property
    def metadata(self) -> Path:
        return self.repository / "metadata"

    @property
    def targets(self) -> Path:
        return self.repository / "targets"

    @property
    def bootstrap(self) -> Path:
        """The trust-root file that verifiers pin: the URL and the first root."""
        return self.folder / "trust-root.json"

    def key(self, role: str) -> Path:
        return self.folder / "keys" / f"{role}.pem"


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).replace(microsecond=0)


def _expiry(role: str, now: datetime) -> datetime:
    return now + timedelta(days=EXPIRY_DAYS[role])


def _signer(files: TrustRootFiles, role: str, vault: SecretVault) -> CryptoSigner:
    pem = vault.read(files.key(role), f"TUF {role} key").encode("ascii")
    try:
        return CryptoSigner(load_pem_private_key(pem, password=None))
    except (ValueError, TypeError) as exc:
        raise SetupError(f"the TUF {role} key is unreadable: {exc}") from exc


def _new_signer(
    files: TrustRootFiles, role: str, vault: SecretVault, *, replace: bool
) -> CryptoSigner:
    signer = CryptoSigner.generate_ed25519()
    path = files.key(role)
    if replace and vault.exists(path):
        # The old key is kept beside the new one until the new root is published: a crash in
        # between leaves both, never neither.
        path.replace(path.with_suffix(f".{_stamp()}.old.pem"))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    vault.write(path, signer.private_bytes)
    return signer


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data, mode=0o644)


def _load(files: TrustRootFiles, name: str) -> Metadata[Any]:
    path = files.metadata / name
    try:
        return Metadata.from_bytes(path.read_bytes())
    except FileNotFoundError as exc:
        raise SetupError(
            f"{path} is missing",
            user_message=(
                f"The TUF repository is missing {name}. Was 'tuf init' run in this data directory?"
            ),
        ) from exc
    except Exception as exc:  # tuf raises its own DeserializationError and ValueErrors
        raise SetupError(f"{path} is not TUF metadata: {exc}") from exc


def _latest_root(files: TrustRootFiles) -> Metadata[Root]:
    versions = sorted(
        int(path.name.split(".", 1)[0]) for path in files.metadata.glob("[0-9]*.root.json")
    )
    if not versions:
        raise SetupError(
            "no root metadata",
            user_message="This data directory has no TUF repository yet: run 'tuf init' first.",
        )
    root: Metadata[Root] = _load(files, f"{versions[-1]}.root.json")
    return root


def _publish_root(files: TrustRootFiles, root: Metadata[Root]) -> None:
    data = root.to_bytes(_SERIALIZER)
    _write(files.metadata / f"{root.signed.version}.root.json", data)
    _write(files.metadata / "root.json", data)  # for people; clients read the versioned files


def _descriptor(data_dir: Path) -> NetworkDescriptor:
    files = LogFiles(data_dir)
    try:
        return parse_descriptor(read_text(files.descriptor, "network descriptor"))
    except TrustnetError as exc:
        raise SetupError(f"invalid network descriptor in {data_dir}: {exc}") from exc


def init_trust_root(
    data_dir: Path,
    *,
    repository_url: str,
    now: datetime | None = None,
    vault: SecretVault = FILE_VAULT,
) -> Path:
    """Create the TUF repository of the log in ``data_dir`` and publish its descriptor.

    ``repository_url`` is where verifiers will fetch the repository (the log serves it at
    ``API_URL/tuf/``). Returns the trust-root file to hand to verifiers.

    Raises:
        SetupError: if the log is missing, the repository exists, or the URL is not http(s).
    """
    files = TrustRootFiles(data_dir)
    if not re.fullmatch(r"https?://[^\s]+", repository_url):
        raise SetupError(
            f"repository URL {repository_url!r} is not http(s)",
            user_message="The repository URL must start with http:// or https://.",
        )
    _descriptor(data_dir)  # the log exists and its descriptor is valid
    if files.metadata.exists() or any(vault.exists(files.key(role)) for role in ROLES):
        raise SetupError(
            f"{files.folder} already holds a TUF repository",
            user_message=(
                "This log already publishes a trust root. Use 'tuf publish' to publish a changed "
                "network.json, or 'tuf rotate' to replace a key."
            ),
        )
    moment = _now(now)
    signers = {role: _new_signer(files, role, vault, replace=False) for role in ROLES}
    root = Root(expires=_expiry("root", moment), consistent_snapshot=True)
    for role, signer in signers.items():
        root.add_key(signer.public_key, role)
    root_md = Metadata(root)
    root_md.sign(signers["root"])
    _publish_root(files, root_md)
    _sign_targets_and_below(files, data_dir, signers, moment, targets_version=1)
    url = repository_url if repository_url.endswith("/") else repository_url + "/"
    bootstrap = {
        "format": BOOTSTRAP_FORMAT,
        "url": url,
        "root": json.loads(root_md.to_bytes(_SERIALIZER)),
    }
    _write(files.bootstrap, (json.dumps(bootstrap, indent=1, sort_keys=True) + "\n").encode())
    return files.bootstrap


def _sign_targets_and_below(
    files: TrustRootFiles,
    data_dir: Path,
    signers: dict[str, CryptoSigner],
    moment: datetime,
    *,
    targets_version: int,
) -> int:
    descriptor = format_descriptor(_descriptor(data_dir))
    target = TargetFile.from_data(TARGET_NAME, descriptor, ["sha256"])
    digest = target.hashes["sha256"]
    _write(files.targets / f"{digest}.{TARGET_NAME}", descriptor)

    targets = Metadata(
        Targets(
            version=targets_version,
            expires=_expiry("targets", moment),
            targets={TARGET_NAME: target},
        )
    )
    targets.sign(signers["targets"])
    _write(files.metadata / f"{targets_version}.targets.json", targets.to_bytes(_SERIALIZER))
    return _sign_snapshot_and_timestamp(files, signers, moment, targets_version)


def _sign_snapshot_and_timestamp(
    files: TrustRootFiles,
    signers: dict[str, CryptoSigner],
    moment: datetime,
    targets_version: int,
) -> int:
    snapshot_version = _next_version(files, "snapshot")
    snapshot = Metadata(
        Snapshot(
            version=snapshot_version,
            expires=_expiry("snapshot", moment),
            meta={"targets.json": MetaFile(version=targets_version)},
        )
    )
    snapshot.sign(signers["snapshot"])
    _write(files.metadata / f"{snapshot_version}.snapshot.json", snapshot.to_bytes(_SERIALIZER))
    _sign_timestamp(files, signers["timestamp"], moment, snapshot_version)
    return targets_version


def _sign_timestamp(
    files: TrustRootFiles, signer: CryptoSigner, moment: datetime, snapshot_version: int
) -> None:
    path = files.metadata / "timestamp.json"
    version = 1
    if path.exists():
        version = _load(files, "timestamp.json").signed.version + 1
    timestamp = Metadata(
        Timestamp(
            version=version,
            expires=_expiry("timestamp", moment),
            snapshot_meta=MetaFile(version=snapshot_version),
        )
    )
    timestamp.sign(signer)
    # Published last: a client that sees the new timestamp finds everything it names.
    _write(path, timestamp.to_bytes(_SERIALIZER))


def _next_version(files: TrustRootFiles, role: str) -> int:
    versions = [int(p.name.split(".", 1)[0]) for p in files.metadata.glob(f"[0-9]*.{role}.json")]
    return max(versions, default=0) + 1


def _current_signers(files: TrustRootFiles, vault: SecretVault) -> dict[str, CryptoSigner]:
    return {role: _signer(files, role, vault) for role in ROLES}


def publish_descriptor(
    data_dir: Path, *, now: datetime | None = None, vault: SecretVault = FILE_VAULT
) -> int:
    """Publish the log's current ``network.json`` as a new targets version; return it.

    Raises:
        SetupError: if there is no repository or a key or the descriptor is unreadable.
    """
    files = TrustRootFiles(data_dir)
    _latest_root(files)
    return _sign_targets_and_below(
        files,
        data_dir,
        _current_signers(files, vault),
        _now(now),
        targets_version=_next_version(files, "targets"),
    )


def resign_timestamp(
    data_dir: Path, *, now: datetime | None = None, vault: SecretVault = FILE_VAULT
) -> None:
    """Re-sign the timestamp (it expires after a week) for the current snapshot."""
    files = TrustRootFiles(data_dir)
    _latest_root(files)
    snapshot_version = _next_version(files, "snapshot") - 1
    if snapshot_version < 1:
        raise SetupError("the repository has no snapshot yet: run 'tuf publish'")
    _sign_timestamp(files, _signer(files, "timestamp", vault), _now(now), snapshot_version)


def rotate_key(
    data_dir: Path, role: str, *, now: datetime | None = None, vault: SecretVault = FILE_VAULT
) -> int:
    """Replace ``role``'s key: a new root version names the new key; return its version.

    A new root key signs the new root together with the old one, so that clients that trust
    the old root accept the new. Everything the rotated role signs is signed again.

    Raises:
        SetupError: on an unknown role or a missing repository or key.
    """
    if role not in ROLES:
        raise SetupError(
            f"unknown TUF role {role!r}",
            user_message=f"The role must be one of {', '.join(ROLES)}.",
        )
    files = TrustRootFiles(data_dir)
    root_md = _latest_root(files)
    signers = _current_signers(files, vault)
    old_root_signer = signers["root"]
    new_signer = _new_signer(files, role, vault, replace=True)
    signers[role] = new_signer
    root = root_md.signed
    for keyid in list(root.roles[role].keyids):
        root.revoke_key(keyid, role)
    root.add_key(new_signer.public_key, role)
    root.version += 1
    moment = _now(now)
    root.expires = _expiry("root", moment)
    root_md.signatures.clear()
    root_md.sign(signers["root"], append=True)
    if role == "root":
        root_md.sign(old_root_signer, append=True)
    _publish_root(files, root_md)
    for old in files.key(role).parent.glob(f"{role}.*.old.pem"):
        old.unlink()  # the new root is published: the old key signs nothing any more
    if role in ("targets", "root"):
        # Everything below is signed again, so every published file was signed by a current key.
        _sign_targets_and_below(
            files, data_dir, signers, moment, targets_version=_next_version(files, "targets")
        )
    elif role == "snapshot":
        _sign_snapshot_and_timestamp(files, signers, moment, _next_version(files, "targets") - 1)
    else:
        _sign_timestamp(files, new_signer, moment, _next_version(files, "snapshot") - 1)
    return root.version


def set_witnesses(
    data_dir: Path, witnesses: Sequence[WitnessSpec], quorum: int | None
) -> NetworkDescriptor:
    """Rewrite ``network.json`` with a new witness set (the log key stays); return it.

    The running log cosigns with the witnesses of the descriptor it started with: restart it,
    then ``tuf publish`` so that verifiers learn the new set.

    Raises:
        SetupError: on an invalid witness key or quorum.
    """
    files = LogFiles(data_dir)
    descriptor = _descriptor(data_dir)
    (log_verifier,) = descriptor.log_verifiers()
    policy = build_policy(log_verifier.verifier_key(), witnesses, quorum)
    try:
        updated = NetworkDescriptor(
            origin=descriptor.origin,
            api_url=descriptor.api_url,
            member_ca_pem=descriptor.member_ca_pem,
            policy_text=policy,
        )
    except TrustnetError as exc:
        raise SetupError(f"invalid witnesses: {exc}", user_message=exc.user_message) from exc
    write_atomically(files.descriptor, format_descriptor(updated), mode=0o644)
    return updated


def published_file(data_dir: Path, relative: str) -> bytes | None:
    """The bytes of one published repository file (``metadata/…`` or ``targets/…``), or None.

    Only names the repository itself writes are served: no other file of the data directory
    can be reached through this path.
    """
    if not _PUBLISHED_NAME.fullmatch(relative):
        return None
    try:
        return (TrustRootFiles(data_dir).repository / relative).read_bytes()
    except OSError:
        return None
