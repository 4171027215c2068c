"""Creating and loading a node's keys: the log (note key, member CA, registrar, descriptor) and a
witness (cosigning key). Operator commands that only add requests (invitations, revocations).
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding

from exporter_desk.notary._files import (
    FILE_VAULT,
    LogFiles,
    SecretVault,
    WitnessFiles,
    read_text,
    write_public,
    write_secret,
)
from exporter_desk.notary.ca import (
    MemberCA,
    check_subject_fields,
    load_private_key,
    private_key_pem,
)
from exporter_desk.notary.db import WITNESS_SCHEMA, connect
from exporter_desk.notary.errors import SetupError
from exporter_desk.notary.members import (
    Registrar,
    hash_secret,
    new_invitation_code,
    normalise_invitation_code,
)
from exporter_desk.notary.storage import open_log_storage, write_database_url
from exporter_desk.trustnet import (
    SIGNATURE_TYPE_COSIGNATURE_V1,
    NetworkDescriptor,
    Signer,
    TrustnetError,
    format_descriptor,
    generate_key,
    generate_witness_key,
    parse_descriptor,
    parse_signer_key,
    parse_verifier_key,
)
from exporter_desk.trustnet.note import is_valid_key_name

__all__ = [
    "LogKeys",
    "WitnessSpec",
    "build_policy",
    "create_invitation",
    "init_log",
    "init_witness",
    "load_log",
    "load_witness_signer",
    "request_revocation",
]

SCHEMA_VERSION = "1"
REGISTRAR_NAME = "Registrar"


@dataclass(frozen=True, slots=True)
class WitnessSpec:
    """A witness of a new network: its verifier key (``name+id+key``) and its URL, if any."""

    verifier_key: str
    url: str | None


@dataclass(frozen=True, slots=True)
class LogKeys:
    """Everything a log needs from its data directory."""

    files: LogFiles
    descriptor: NetworkDescriptor
    log_signer: Signer
    ca: MemberCA
    registrar: Registrar


def build_policy(
    log_verifier_key: str, witnesses: Sequence[WitnessSpec], quorum: int | None
) -> str:
    """Return tlog-policy text: the log line, a line per witness, and the quorum rule.

    ``quorum`` is how many witnesses must cosign (default: a majority).

    Raises:
        SetupError: on an invalid or duplicate witness key, or a quorum outside [1, n].
    """
    lines = [f"log {log_verifier_key}"]
    names: list[str] = []
    for spec in witnesses:
        try:
            verifier = parse_verifier_key(spec.verifier_key)
        except TrustnetError as exc:
            raise SetupError(
                f"witness key {spec.verifier_key!r} is invalid: {exc}",
                user_message=(
                    "A witness key is invalid. Copy it exactly as 'witness init' printed it."
                ),
            ) from exc
        if verifier.key_type != SIGNATURE_TYPE_COSIGNATURE_V1:
            raise SetupError(f"witness key {verifier.name!r} is not a cosignature (0x04) key")
        if verifier.name in names or verifier.name == "none":
            raise SetupError(f"two witnesses are named {verifier.name!r}")
        names.append(verifier.name)
        lines.append(
            " ".join(filter(None, ("witness", verifier.name, spec.verifier_key, spec.url)))
        )
    count = len(names)
    if count == 0:
        if quorum:
            raise SetupError("a quorum of witnesses needs witnesses")
        lines.append("quorum none")
    else:
        wanted = count // 2 + 1 if quorum is None else quorum
        if not 1 <= wanted <= count:
            raise SetupError(
                f"quorum {wanted} is not between 1 and the {count} witnesses",
                user_message=f"The quorum must be between 1 and {count} (the number of witnesses).",
            )
        if count == 1:
            lines.append(f"quorum {names[0]}")
        else:
            lines.append(f"group witnesses {wanted} {' '.join(names)}")
            lines.append("quorum witnesses")
    return "\n".join(lines) + "\n"


def init_log(
    data_dir: Path,
    *,
    origin: str,
    api_url: str,
    witnesses: Sequence[WitnessSpec] = (),
    quorum: int | None = None,
    now: float | None = None,
    vault: SecretVault = FILE_VAULT,
    database: str | None = None,
) -> NetworkDescriptor:
    """Create a log in ``data_dir``: keys (0600), member CA, registrar, database, descriptor.

    ``database``: a ``postgresql://`` URL to keep the log in (an empty database, or one that
    holds no log yet); None for ``log.sqlite3`` in ``data_dir``.

    Raises:
        SetupError: if the directory or the database already holds a log, the database cannot
            be reached, or a setting is invalid.
    """
    files = LogFiles(data_dir)
    if not is_valid_key_name(origin):
        raise SetupError(
            f"origin {origin!r} is not a valid key name",
            user_message="The origin must be a name without spaces or '+', e.g. log.example.com.",
        )
    _make_directory(data_dir)
    if files.descriptor.exists() or vault.exists(files.log_key):
        raise SetupError(
            f"{data_dir} already holds a log",
            user_message=f"{data_dir} already holds a log; choose an empty directory.",
        )
    moment = datetime.fromtimestamp(time.time() if now is None else now, tz=UTC)
    signer_key, verifier_key = generate_key(origin)
    policy_text = build_policy(verifier_key, witnesses, quorum)
    ca = MemberCA.create(origin, moment)
    registrar_key = ec.generate_private_key(ec.SECP256R1())
    registrar_certificate = ca.issue(
        registrar_key.public_key(),
        name=REGISTRAR_NAME,
        registration_id=origin[:64],
        now=moment,
    )
    try:
        descriptor = NetworkDescriptor(
            origin=origin,
            api_url=api_url,
            member_ca_pem=ca.certificate_pem,
            policy_text=policy_text,
        )
    except TrustnetError as exc:
        raise SetupError(f"invalid network settings: {exc}", user_message=exc.user_message) from exc

    vault.write(files.log_key, (signer_key + "\n").encode("ascii"))
    vault.write(files.ca_key, private_key_pem(ca.private_key))
    write_public(files.ca_certificate, ca.certificate.public_bytes(Encoding.PEM))
    vault.write(files.registrar_key, private_key_pem(registrar_key))
    write_public(files.registrar_certificate, registrar_certificate.public_bytes(Encoding.PEM))
    if database is None:
        write_secret(files.database, b"")  # sqlite gives its -wal and -shm files this mode too
    else:
        write_database_url(files, database)
    conn = open_log_storage(files).connect()
    try:
        held = conn.execute("SELECT value FROM meta WHERE key = 'origin'").fetchone()
        if held is not None or conn.execute("SELECT count(*) FROM entries").fetchone()[0]:
            raise SetupError(
                f"the database already holds log {held[0] if held else '?'}",
                user_message="The database already holds a log; give each log its own database.",
            )
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (SCHEMA_VERSION,),
        )
        conn.execute("INSERT INTO meta (key, value) VALUES ('origin', ?)", (origin,))
    finally:
        conn.close()
    write_public(files.descriptor, format_descriptor(descriptor))
    return descriptor


def load_log(data_dir: Path, vault: SecretVault = FILE_VAULT) -> LogKeys:
    """Load a log's keys and descriptor, checking that they belong together.

    Raises:
        SetupError: if a file is missing or invalid.
    """
    files = LogFiles(data_dir)
    try:
        descriptor = parse_descriptor(read_text(files.descriptor, "network descriptor"))
        log_signer = parse_signer_key(vault.read(files.log_key, "log key").strip())
    except TrustnetError as exc:
        raise SetupError(f"invalid log files in {data_dir}: {exc}") from exc
    if log_signer.name != descriptor.origin or log_signer.verifier() not in (
        descriptor.log_verifiers()
    ):
        raise SetupError("the log key does not match the network descriptor's policy")
    ca = MemberCA.load(
        read_text(files.ca_certificate, "member CA certificate").encode("ascii"),
        vault.read(files.ca_key, "member CA key").encode("ascii"),
    )
    if ca.certificate_pem.strip() != descriptor.member_ca_pem.strip():
        raise SetupError("the member CA does not match the network descriptor")
    registrar_key = load_private_key(
        vault.read(files.registrar_key, "registrar key").encode("ascii"), "registrar key"
    )
    try:
        registrar_certificate = x509.load_pem_x509_certificate(
            read_text(files.registrar_certificate, "registrar certificate").encode("ascii")
        )
    except ValueError as exc:
        raise SetupError(f"registrar certificate is unreadable: {exc}") from exc
    return LogKeys(
        files, descriptor, log_signer, ca, Registrar(registrar_key, registrar_certificate)
    )


def init_witness(data_dir: Path, name: str, vault: SecretVault = FILE_VAULT) -> str:
    """Create a witness cosigning key in ``data_dir``; return its verifier key.

    Raises:
        SetupError: if the directory already holds a witness key or the name is invalid.
    """
    files = WitnessFiles(data_dir)
    if not is_valid_key_name(name):
        raise SetupError(
            f"witness name {name!r} is not a valid key name",
            user_message="The witness name must have no spaces or '+', e.g. witness.example.com.",
        )
    _make_directory(data_dir)
    signer_key, verifier_key = generate_witness_key(name)
    vault.write(files.key, (signer_key + "\n").encode("ascii"))
    write_public(files.verifier_key, (verifier_key + "\n").encode("ascii"))
    write_secret(files.database, b"")
    connect(files.database, schema=WITNESS_SCHEMA).close()
    return verifier_key


def load_witness_signer(data_dir: Path, vault: SecretVault = FILE_VAULT) -> Signer:
    """Load a witness's cosigning key.

    Raises:
        SetupError: if it is missing or not a cosignature (0x04) key.
    """
    files = WitnessFiles(data_dir)
    try:
        signer = parse_signer_key(vault.read(files.key, "witness key").strip())
    except TrustnetError as exc:
        raise SetupError(f"invalid witness key in {data_dir}: {exc}") from exc
    if signer.key_type != SIGNATURE_TYPE_COSIGNATURE_V1:
        raise SetupError("the witness key is not a cosignature (0x04) key")
    return signer


def create_invitation(
    data_dir: Path, *, name: str, registration_id: str, days: int = 14, now: float | None = None
) -> str:
    """Record a one-time invitation (hashed) for a company; return the code to hand over.

    Raises:
        SetupError: if the directory holds no log or a field is invalid.
    """
    check_subject_fields(name, registration_id)
    if not 1 <= days <= 365:
        raise SetupError("an invitation is valid for 1 to 365 days")
    files = LogFiles(data_dir)
    read_text(files.descriptor, "network descriptor")  # is it a log?
    code = new_invitation_code()
    moment = int(time.time() if now is None else now)
    conn = open_log_storage(files).connect()
    try:
        conn.execute(
            "INSERT INTO invitations (code_hash, name, registration_id, created, expires) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                hash_secret(normalise_invitation_code(code)),
                name,
                registration_id,
                moment,
                moment + days * 86400,
            ),
        )
    finally:
        conn.close()
    return code


def request_revocation(data_dir: Path, fingerprint: str, now: float | None = None) -> int:
    """Ask the log's sequencer to revoke a member; return the request's id.

    Raises:
        SetupError: if the fingerprint is not 64 hex digits or the directory holds no log.
    """
    fingerprint = fingerprint.strip().lower().replace(":", "")
    if len(fingerprint) != 64 or any(char not in "0123456789abcdef" for char in fingerprint):
        raise SetupError(
            f"fingerprint {fingerprint!r} is not 64 hex digits",
            user_message="The fingerprint must be the member certificate's SHA-256 (64 hex digits).",
        )
    files = LogFiles(data_dir)
    read_text(files.descriptor, "network descriptor")
    conn = open_log_storage(files).connect()
    try:
        row = conn.execute(
            "INSERT INTO admin_requests (action, fingerprint, created) VALUES ('revoke', ?, ?) "
            "RETURNING id",
            (fingerprint, int(time.time() if now is None else now)),
        ).fetchall()[0]
        return int(row[0])
    finally:
        conn.close()


def _make_directory(path: Path) -> None:
    # A directory we create holds secrets: only its owner may enter it. One that exists is the
    # operator's, and its mode is theirs to choose.
    if not path.exists():
        path.mkdir(parents=True)
        if os.name == "posix":
            os.chmod(path, 0o700)
