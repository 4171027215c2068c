"""Moving a company to another computer: one archive with the database, the issued PDFs, the
logo and seal, the pinned networks and the local network's log, and (only when asked, under a passphrase) the
signing key, network tokens and local network keys.

Archive (a zip, ``exporter-desk-archive/v1``): ``manifest.json`` lists every member with its
size and SHA-256; ``database.sqlite3`` is a consistent copy (SQLite backup API); ``files/...``
mirrors the data folder; ``secrets.enc`` (optional) is scrypt + AES-256-GCM over a JSON object.

Restore checks everything before it touches the data folder (format version, every member's
digest, SQLite integrity, the passphrase), builds the new folder beside the old one, swaps the
two by renaming, and keeps the old folder (``<name>.before-restore-<time>``) until the new one
has opened; if it does not open, the old one is put back.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from exporter_desk import __version__
from exporter_desk._atomic import replace_durably
from exporter_desk.errors import ExporterError
from exporter_desk.notary._files import LogFiles, WitnessFiles
from exporter_desk.services.identity import DEFAULT_PROFILE
from exporter_desk.services.trust import pinned_networks
from exporter_desk.signing import Keystore, SecretNotFoundError
from exporter_desk.signing._keys import format_private_key, parse_private_key
from exporter_desk.store import DB_FILENAME, LATEST_VERSION, open_store
from exporter_desk.store.backup import backup_connection
from exporter_desk.store.relocate import relocate_documents

FORMAT = "exporter-desk-archive/v1"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.sqlite3"
SECRETS = "secrets.enc"
FOLDERS = ("documents", "trust", "network", "branding")  # what of the data folder travels
MIN_PASSPHRASE = 8
_CHUNK = 1 << 20
_SKIP_SUFFIXES = ("-wal", "-shm", "-journal", ".partial", ".tmp", ".lock")
_SQLITE_MAGIC = b"SQLite format 3\x00"


class ArchiveError(ExporterError):
    """A backup archive that cannot be used; nothing was changed."""


class NotAnArchiveError(ArchiveError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path}: not an archive ({reason})",
            user_message=f"'{path.name}' is not an Exporter Desk backup ({reason}). Nothing "
            "was changed.",
        )


class DamagedArchiveError(ArchiveError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path}: damaged ({reason})",
            user_message=f"The backup '{path.name}' is damaged ({reason}); it was not restored "
            "and nothing was changed. Copy the file again from where it was made.",
        )


class NewerArchiveError(ArchiveError):
    def __init__(self, path: Path, made_by: str) -> None:
        super().__init__(
            f"{path}: made by a newer Exporter Desk ({made_by})",
            user_message=f"The backup '{path.name}' was made by a newer Exporter Desk "
            f"({made_by}) than this one ({__version__}). Install the newer version, then "
            "restore it. Nothing was changed.",
        )


class ArchivePassphraseError(ArchiveError):
    """A passphrase for the keys in an archive that is too short or does not open them."""


class RestoreFailedError(ArchiveError):
    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(
            f"restored folder did not open: {reason}",
            user_message=f"The restored data did not open: {_sentence(reason)} Your previous "
            f"data is back in {folder} unchanged.",
        )


def _sentence(text: str) -> str:
    """``text`` ending in a full stop, to be followed by another sentence."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


@dataclass(frozen=True, slots=True)
class BackupSummary:
    path: Path
    files: int
    size: int
    with_keys: bool


@dataclass(frozen=True, slots=True)
class RestoreSummary:
    data_dir: Path
    set_aside: Path | None  # the previous data folder, kept
    files: int
    keys_restored: bool
    keys_in_archive: bool


# -- secrets ---------------------------------------------------------------------------------


def _secret_names(data_dir: Path) -> list[str]:
    """Keystore token names worth carrying: pinned networks' tokens and local network keys."""
    root = data_dir / "network"
    log, witness = LogFiles(root / "log"), WitnessFiles(root / "witness")
    names = [
        f"local-network:{path.relative_to(root).as_posix()}"
        for path in (log.log_key, log.ca_key, log.registrar_key, witness.key)
    ]
    names += [network.origin for network in pinned_networks(data_dir)]
    return names


def _collect_secrets(data_dir: Path, keystore: Keystore, profile: str) -> dict[str, Any]:
    bundle: dict[str, Any] = {"profile": profile, "signing_key": None, "tokens": {}}
    with contextlib.suppress(SecretNotFoundError):
        bundle["signing_key"] = format_private_key(keystore.load_signing_key(profile))
    for name in _secret_names(data_dir):
        try:
            bundle["tokens"][name] = keystore.load_token(profile, name)
        except SecretNotFoundError:
            continue
    return bundle


def _kdf(salt: bytes) -> Scrypt:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1)


def _seal(bundle: dict[str, Any], passphrase: str) -> bytes:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    key = _kdf(salt).derive(passphrase.encode("utf-8"))
    sealed = AESGCM(key).encrypt(nonce, json.dumps(bundle).encode("utf-8"), FORMAT.encode())
    return json.dumps(
        {
            "kdf": "scrypt-n32768-r8-p1",
            "cipher": "aes-256-gcm",
            "salt": base64.b64encode(salt).decode(),
            "nonce": base64.b64encode(nonce).decode(),
            "data": base64.b64encode(sealed).decode(),
        }
    ).encode("utf-8")


def _unseal(data: bytes, passphrase: str) -> dict[str, Any]:
    try:
        box = json.loads(data)
        salt, nonce, sealed = (base64.b64decode(box[k]) for k in ("salt", "nonce", "data"))
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedArchiveError(Path(SECRETS), "the keys in it are unreadable") from exc
    try:
        plain = AESGCM(_kdf(salt).derive(passphrase.encode("utf-8"))).decrypt(
            nonce, sealed, FORMAT.encode()
        )
    except InvalidTag as exc:
        raise ArchivePassphraseError(
            "wrong archive passphrase",
            user_message="That passphrase does not open the keys in this backup. Nothing was "
            "changed; try again with the passphrase given when the backup was made.",
        ) from exc
    bundle: dict[str, Any] = json.loads(plain)
    return bundle


# -- backup ----------------------------------------------------------------------------------


def _files_to_carry(data_dir: Path) -> list[Path]:
    found: list[Path] = []
    for folder in FOLDERS:
        base = data_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and not path.is_symlink() and not path.name.endswith(_SKIP_SUFFIXES):
                if any(part.startswith(".") for part in path.relative_to(data_dir).parts):
                    continue  # .pending and temporary files are work in flight
                found.append(path)
    return found


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == _SQLITE_MAGIC


def _snapshot(path: Path, folder: Path) -> Path:
    """A consistent copy of an SQLite file that may be open (WAL content included)."""
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return backup_connection(source, folder, label="archive", keep=1000)
    finally:
        source.close()


def _digest(path: Path) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def backup_archive(
    data_dir: Path,
    out: Path,
    *,
    keystore: Keystore | None = None,
    key_passphrase: str | None = None,
    profile: str = DEFAULT_PROFILE,
    now: dt.datetime | None = None,
) -> BackupSummary:
    """Write the archive of ``data_dir`` to ``out`` (atomically); keys only with both
    ``keystore`` and ``key_passphrase``.

    Raises:
        ArchiveError: no database in ``data_dir``.
        ArchivePassphraseError: a passphrase shorter than MIN_PASSPHRASE characters.
        OSError: when ``out`` cannot be written.
    """
    db = data_dir / DB_FILENAME
    if not db.is_file():
        raise ArchiveError(
            f"no database in {data_dir}",
            user_message=f"There is no Exporter Desk data in {data_dir} to back up.",
        )
    with_keys = keystore is not None and key_passphrase is not None
    if with_keys and len(key_passphrase or "") < MIN_PASSPHRASE:
        raise ArchivePassphraseError(
            "short archive passphrase",
            user_message=f"Choose a passphrase of at least {MIN_PASSPHRASE} characters to "
            "protect the signing key in the backup.",
        )
    moment = now or dt.datetime.now(dt.UTC)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".archive-", dir=out.parent) as temp:
        scratch = Path(temp)
        members: dict[str, Path] = {DATABASE: _snapshot(db, scratch)}
        for path in _files_to_carry(data_dir):
            name = "files/" + path.relative_to(data_dir).as_posix()
            members[name] = _snapshot(path, scratch) if _is_sqlite(path) else path
        if with_keys:
            assert keystore is not None and key_passphrase is not None
            sealed = scratch / SECRETS
            sealed.write_bytes(_seal(_collect_secrets(data_dir, keystore, profile), key_passphrase))
            members[SECRETS] = sealed
        schema = sqlite3.connect(f"{members[DATABASE].resolve().as_uri()}?mode=ro", uri=True)
        try:
            schema_version = int(schema.execute("PRAGMA user_version").fetchone()[0])
        finally:
            schema.close()
        listing = {}
        for name, path in members.items():
            sha, size = _digest(path)
            listing[name] = {"sha256": sha, "size": size}
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "schema_version": schema_version,
            "created": moment.isoformat(),
            "data_dir": str(data_dir.resolve()),
            "with_keys": with_keys,
            "files": listing,
        }
        partial = scratch / "archive.zip"
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
            for name, path in members.items():
                # PDFs and SQLite pages compress poorly or not at all; store PDFs as they are
                kind = zipfile.ZIP_STORED if name.endswith(".pdf") else zipfile.ZIP_DEFLATED
                archive.write(path, name, compress_type=kind)
        replace_durably(partial, out)
    return BackupSummary(out, len(members), out.stat().st_size, with_keys)


# -- restore ---------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict[str, Any]:
    """The archive's manifest, checked for format and version.

    Raises:
        NotAnArchiveError, DamagedArchiveError, NewerArchiveError.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                raw = archive.read(MANIFEST)
            except KeyError:
                raise NotAnArchiveError(path, "it has no manifest") from None
    except zipfile.BadZipFile as exc:
        raise NotAnArchiveError(path, "it is not a zip file") from exc
    except OSError as exc:
        raise NotAnArchiveError(path, f"it cannot be read: {exc.strerror}") from exc
    try:
        manifest: dict[str, Any] = json.loads(raw)
        files = manifest["files"]
        version = int(manifest["format_version"])
        schema = int(manifest["schema_version"])
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedArchiveError(path, "its manifest is unreadable") from exc
    if manifest.get("format") != FORMAT.rsplit("/", 1)[0] + f"/v{version}":
        raise NotAnArchiveError(path, "its manifest is of another program")
    if version > FORMAT_VERSION or schema > LATEST_VERSION:
        raise NewerArchiveError(path, str(manifest.get("app_version", "unknown version")))
    if not isinstance(files, dict) or DATABASE not in files:
        raise DamagedArchiveError(path, "it holds no database")
    return manifest


def _safe_name(name: str) -> bool:
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name or ":" in name:
        return False
    if name in (DATABASE, SECRETS):
        return True
    return len(pure.parts) >= 3 and pure.parts[0] == "files" and pure.parts[1] in FOLDERS


def _extract(path: Path, manifest: dict[str, Any], staging: Path) -> int:
    """Every member into ``staging``, each checked against the manifest while it is written."""
    files: dict[str, dict[str, Any]] = manifest["files"]
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist()) - {MANIFEST}
        if names != set(files):
            extra = sorted(names ^ set(files))[:3]
            raise DamagedArchiveError(path, f"its contents differ from its manifest: {extra}")
        for name, expected in files.items():
            if not _safe_name(name):
                raise DamagedArchiveError(path, f"it names a file outside the data folder: {name}")
            target = staging / (name.removeprefix("files/") if name.startswith("files/") else name)
            target.parent.mkdir(parents=True, exist_ok=True)
            sha, size = hashlib.sha256(), 0
            try:
                with archive.open(name) as source, target.open("wb") as out:
                    while chunk := source.read(_CHUNK):
                        size += len(chunk)
                        if size > int(expected["size"]):
                            raise DamagedArchiveError(path, f"{name} is longer than recorded")
                        sha.update(chunk)
                        out.write(chunk)
            except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
                raise DamagedArchiveError(path, f"{name} cannot be unpacked") from exc
            if size != int(expected["size"]) or sha.hexdigest() != expected["sha256"]:
                raise DamagedArchiveError(path, f"{name} does not match its checksum")
    return len(files)


def restore_archive(
    path: Path,
    data_dir: Path,
    *,
    key_passphrase: str | None = None,
    open_keystore: Callable[[Path], Keystore] | None = None,
    now: dt.datetime | None = None,
) -> RestoreSummary:
    """Replace ``data_dir`` with the archive's contents; keep the previous folder aside.

    Keys in the archive are restored into ``open_keystore(data_dir_being_built)`` when a
    ``key_passphrase`` is given; without one the data is restored and the keys are not.

    Raises:
        NotAnArchiveError / DamagedArchiveError / NewerArchiveError: nothing was changed.
        ArchivePassphraseError: wrong passphrase for the keys; nothing was changed.
        RestoreFailedError: the new folder did not open; the previous one is back.
    """
    path = Path(path)
    manifest = read_manifest(path)
    data_dir = Path(data_dir).absolute()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    stamp = f"{now or dt.datetime.now():%Y%m%d-%H%M%S}"
    staging = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.restoring-", dir=data_dir.parent))
    try:
        count = _extract(path, manifest, staging)
        os.replace(staging / DATABASE, staging / DB_FILENAME)
        _check_database(path, staging / DB_FILENAME, str(manifest.get("data_dir", "")), data_dir)
        keys_restored = False
        if manifest.get("with_keys") and key_passphrase is not None:
            bundle = _unseal((staging / SECRETS).read_bytes(), key_passphrase)
            if open_keystore is not None:
                _restore_secrets(bundle, open_keystore(staging))
                keys_restored = True
        (staging / SECRETS).unlink(missing_ok=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    set_aside = None
    if data_dir.exists():
        set_aside = data_dir.with_name(f"{data_dir.name}.before-restore-{stamp}")
        counter = 1
        while set_aside.exists():
            counter += 1
            set_aside = data_dir.with_name(f"{data_dir.name}.before-restore-{stamp}-{counter}")
        os.replace(data_dir, set_aside)
    os.replace(staging, data_dir)
    try:
        with open_store(data_dir / DB_FILENAME) as store:
            if store.integrity_check() != ["ok"]:
                raise DamagedArchiveError(path, "the restored database fails its check")
    except ExporterError as exc:
        failed = data_dir.with_name(f"{data_dir.name}.failed-restore-{stamp}")
        os.replace(data_dir, failed)
        if set_aside is not None:
            os.replace(set_aside, data_dir)
        raise RestoreFailedError(data_dir, exc.user_message) from exc
    return RestoreSummary(data_dir, set_aside, count, keys_restored, bool(manifest["with_keys"]))


def _check_database(archive: Path, db: Path, old_root: str, new_root: Path) -> None:
    """Open the copy (migrating an older schema), check it, and point documents at the new
    folder."""
    try:
        with open_store(db) as store:
            problems = store.integrity_check()
            if problems != ["ok"]:
                raise DamagedArchiveError(archive, f"its database is damaged: {problems[0]}")
            relocate_documents(store, old_root, str(new_root))
    except DamagedArchiveError:
        raise
    except ExporterError as exc:
        raise DamagedArchiveError(archive, exc.user_message) from exc


def _restore_secrets(bundle: dict[str, Any], keystore: Keystore) -> None:
    profile = str(bundle.get("profile") or DEFAULT_PROFILE)
    if bundle.get("signing_key"):
        keystore.store_signing_key(profile, parse_private_key(bundle["signing_key"]))
    for name, value in dict(bundle.get("tokens") or {}).items():
        keystore.store_token(profile, str(name), str(value))


__all__ = [
    "FORMAT",
    "ArchiveError",
    "ArchivePassphraseError",
    "BackupSummary",
    "DamagedArchiveError",
    "NewerArchiveError",
    "NotAnArchiveError",
    "RestoreFailedError",
    "RestoreSummary",
    "backup_archive",
    "read_manifest",
    "restore_archive",
]
