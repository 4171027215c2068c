"""What a verifier pins: C2SP trust policies (c2sp.org/tlog-policy), network descriptors, and the
offline check of a receipt against them.

A policy lists the log key(s), the witness keys, and the quorum of witnesses whose cosignatures
make a checkpoint trustworthy. A network descriptor (``exporter-desk-network/v1`` JSON) adds the
origin, the API URL and the member CA certificate; importing one is an explicit act of the user,
who is shown :meth:`NetworkDescriptor.fingerprints`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from exporter_desk.trustnet._tlog_policy import (
    BAD_POLICY,
    MAX_POLICY_ITEMS,
    MAX_POLICY_SIZE,
    PolicyGroup,
    PolicyLog,
    PolicyWitness,
    TrustPolicy,
    format_policy,
    parse_policy,
)
from exporter_desk.trustnet.checkpoint import Checkpoint, open_checkpoint
from exporter_desk.trustnet.entry import Entry
from exporter_desk.trustnet.errors import (
    CheckpointError,
    EntryError,
    NoteError,
    OutdatedTrustRootError,
    PolicyError,
    QuorumError,
    ReceiptError,
)
from exporter_desk.trustnet.merkle import leaf_hash, verify_inclusion
from exporter_desk.trustnet.note import Verifier, is_valid_key_name
from exporter_desk.trustnet.receipt import Receipt

__all__ = [
    "COSIGNATURE_CLOCK_SKEW",
    "DESCRIPTOR_FORMAT",
    "MAX_DESCRIPTOR_SIZE",
    "MAX_POLICY_ITEMS",
    "MAX_POLICY_SIZE",
    "KeyFingerprint",
    "NetworkDescriptor",
    "PolicyGroup",
    "PolicyLog",
    "PolicyWitness",
    "ReceiptCheck",
    "TrustPolicy",
    "format_descriptor",
    "format_policy",
    "key_fingerprint",
    "parse_descriptor",
    "parse_policy",
    "verify_receipt",
]

DESCRIPTOR_FORMAT = "exporter-desk-network/v1"
"""The ``format`` value of every network descriptor of this version."""

MAX_DESCRIPTOR_SIZE = 1 << 18

COSIGNATURE_CLOCK_SKEW = 600
"""Seconds a cosignature may be dated after ``now`` and still count (clocks disagree a little)."""

_URL = re.compile(r"[a-z][a-z0-9+.-]*://[\x21-\x7e]+")
_DESCRIPTOR_KEYS = ("format", "origin", "api_url", "member_ca_pem", "policy")


# --- the network descriptor -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyFingerprint:
    """A key or certificate to show the user on import: its role, name and SHA-256 fingerprint."""

    role: str
    name: str
    fingerprint: str


def key_fingerprint(verifier: Verifier) -> str:
    """Return a key's fingerprint for people to compare: SHA-256 of its verifier key string, as
    16 groups of 4 lowercase hex digits."""
    return _grouped(hashlib.sha256(verifier.verifier_key().encode("utf-8")).hexdigest())


def _grouped(hex_digest: str) -> str:
    return " ".join(hex_digest[i : i + 4] for i in range(0, len(hex_digest), 4))


@dataclass(frozen=True, slots=True)
class NetworkDescriptor:
    """What a verifier pins for one trust network: the JSON file a network's operator (or a
    company sharing its local network) hands out, pinned by the user into the data folder's
    ``trust/`` (``services.trust.pin_network``; the app ships no network of its own).

    ``policy_text`` is kept verbatim; ``policy`` is its parsed form. Every log key in the policy
    is named after ``origin``.
    """

    origin: str
    api_url: str
    member_ca_pem: str
    policy_text: str
    policy: TrustPolicy = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not is_valid_key_name(self.origin):
            raise PolicyError(
                f"descriptor origin {self.origin!r} is not a valid key name",
                user_message=BAD_POLICY,
            )
        if not isinstance(self.api_url, str) or not _URL.fullmatch(self.api_url):
            raise PolicyError(
                f"descriptor api_url {self.api_url!r} is not a URL", user_message=BAD_POLICY
            )
        self.member_ca_certificate()  # validates
        try:
            self.policy_text.encode("utf-8")
        except (AttributeError, UnicodeEncodeError) as exc:
            raise PolicyError(
                "descriptor policy is not valid UTF-8 text", user_message=BAD_POLICY
            ) from exc
        policy = parse_policy(self.policy_text)
        if not policy.logs:
            raise PolicyError("descriptor policy names no log", user_message=BAD_POLICY)
        for log in policy.logs:
            if log.verifier.name != self.origin:
                raise PolicyError(
                    f"log key {log.verifier.name!r} is not named after origin {self.origin!r}",
                    user_message=BAD_POLICY,
                )
        object.__setattr__(self, "policy", policy)

    def member_ca_certificate(self) -> x509.Certificate:
        """Return the member CA certificate.

        Raises:
            PolicyError: if ``member_ca_pem`` is not exactly one PEM certificate of a CA.
        """
        pem = self.member_ca_pem
        if not isinstance(pem, str) or pem.count("-----BEGIN CERTIFICATE-----") != 1:
            raise PolicyError(
                "member_ca_pem is not exactly one PEM certificate", user_message=BAD_POLICY
            )
        try:
            certificate = x509.load_pem_x509_certificate(pem.encode("utf-8"))
            constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
        except (ValueError, UnicodeEncodeError, x509.ExtensionNotFound) as exc:
            raise PolicyError(
                f"member_ca_pem is not a CA certificate: {exc}", user_message=BAD_POLICY
            ) from exc
        if not constraints.value.ca:
            raise PolicyError("member_ca_pem is not a CA certificate", user_message=BAD_POLICY)
        return certificate

    def log_verifiers(self) -> tuple[Verifier, ...]:
        """The pinned log keys."""
        return tuple(log.verifier for log in self.policy.logs)

    def witness_verifiers(self) -> tuple[Verifier, ...]:
        """The pinned witness keys."""
        return tuple(witness.verifier for witness in self.policy.witnesses)

    def fingerprints(self) -> tuple[KeyFingerprint, ...]:
        """What to show a person importing this descriptor: every pinned key and the member CA."""
        certificate = self.member_ca_certificate()
        ca_digest = hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()
        items = [
            KeyFingerprint("log", log.verifier.name, key_fingerprint(log.verifier))
            for log in self.policy.logs
        ]
        items += [
            KeyFingerprint("witness", f"{w.name} ({w.verifier.name})", key_fingerprint(w.verifier))
            for w in self.policy.witnesses
        ]
        items.append(
            KeyFingerprint("member CA", certificate.subject.rfc4514_string(), _grouped(ca_digest))
        )
        return tuple(items)


def parse_descriptor(data: bytes | str) -> NetworkDescriptor:
    """Parse an ``exporter-desk-network/v1`` descriptor (UTF-8 JSON object).

    Raises:
        PolicyError: if it is not UTF-8 JSON, has duplicate, missing or unknown keys or non-string
            values, the wrong format, or an invalid origin, URL, CA certificate or policy.
    """
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if not isinstance(data, bytes | bytearray):
        raise PolicyError("descriptor is not bytes", user_message=BAD_POLICY)
    if len(data) > MAX_DESCRIPTOR_SIZE:
        raise PolicyError("descriptor is too large", user_message=BAD_POLICY)
    try:
        document = json.loads(bytes(data).decode("utf-8"), object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError) as exc:
        raise PolicyError(f"descriptor is not UTF-8 JSON: {exc}", user_message=BAD_POLICY) from exc
    if not isinstance(document, dict):
        raise PolicyError("descriptor is not a JSON object", user_message=BAD_POLICY)
    if set(document) != set(_DESCRIPTOR_KEYS):
        raise PolicyError(
            f"descriptor keys are {sorted(document)}, expected {sorted(_DESCRIPTOR_KEYS)}",
            user_message=BAD_POLICY,
        )
    if not all(isinstance(document[key], str) for key in _DESCRIPTOR_KEYS):
        raise PolicyError("descriptor values must all be strings", user_message=BAD_POLICY)
    if document["format"] != DESCRIPTOR_FORMAT:
        raise PolicyError(
            f"descriptor format {document['format'][:40]!r} is not {DESCRIPTOR_FORMAT}",
            user_message=(
                "This network descriptor has a format this version of Exporter Desk does not "
                "know. Update Exporter Desk, or ask the operator for a compatible descriptor."
            ),
        )
    return NetworkDescriptor(
        origin=document["origin"],
        api_url=document["api_url"],
        member_ca_pem=document["member_ca_pem"],
        policy_text=document["policy"],
    )


def format_descriptor(descriptor: NetworkDescriptor) -> bytes:
    """Return a descriptor as indented UTF-8 JSON with its keys in a fixed order."""
    document = {
        "format": DESCRIPTOR_FORMAT,
        "origin": descriptor.origin,
        "api_url": descriptor.api_url,
        "member_ca_pem": descriptor.member_ca_pem,
        "policy": descriptor.policy_text,
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise ValueError(f"duplicate key {key!r}")
        document[key] = value
    return document


# --- checking a receipt ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReceiptCheck:
    """A receipt that passed every check of :func:`verify_receipt`.

    ``cosigners`` maps each policy witness that counted to the time of its cosignature.
    ``checkpoint_time`` is the upper median of those times (the newest of two, the middle one of
    three): "registered no later than" as vouched for by most witnesses, so that neither one
    witness with a fast or slow clock, nor a later re-cosigning, moves it much. None when the
    policy asks for no witness and none cosigned.
    """

    entry: Entry
    index: int
    leaf_hash: bytes
    checkpoint: Checkpoint
    cosigners: Mapping[str, int]
    checkpoint_time: int | None


def verify_receipt(
    receipt: Receipt, descriptor: NetworkDescriptor, now: int | None = None
) -> ReceiptCheck:
    """Check a receipt offline against a pinned network, in the numbered steps below.

    ``now`` (seconds since the epoch), when given, keeps cosignatures dated more than
    :data:`COSIGNATURE_CLOCK_SKEW` seconds in the future from counting. The entry's own issuer
    signature is not checked here: that needs the issuer's certificate, from the signed PDF.

    Raises:
        ReceiptError: if the receipt has no entry or it does not parse, the checkpoint is not of
            this network, or the witness cosignatures do not meet the policy's quorum.
        NoteError: if the checkpoint is not validly signed by the pinned log.
        ProofError: if the inclusion proof does not lead from the entry to the checkpoint root.
    """
    # 1. The receipt carries an entry, and it parses.
    if receipt.extra is None:
        raise ReceiptError("the receipt carries no entry in its extra line")
    try:
        entry = Entry.parse(receipt.extra)
    except EntryError as exc:
        raise ReceiptError(
            f"the receipt's entry is malformed: {exc}", user_message=exc.user_message
        ) from exc

    # 2. The checkpoint is of this network and signed by its pinned log key.
    try:
        verified = open_checkpoint(
            receipt.checkpoint, descriptor.log_verifiers(), descriptor.witness_verifiers()
        )
    except CheckpointError as exc:
        raise ReceiptError(
            f"the receipt's checkpoint is not of network {descriptor.origin!r}: {exc}",
            user_message=(
                "The registration receipt comes from a different trust network than the one "
                "pinned in your settings."
            ),
        ) from exc
    checkpoint = verified.checkpoint
    if not verified.log_ok:
        raise NoteError(
            f"the checkpoint is not signed by the log key of {descriptor.origin!r}",
            user_message="The registration receipt is not signed by the trust network's log.",
        )

    # 3. The inclusion proof leads from the entry's leaf hash to the checkpoint's root.
    leaf = leaf_hash(receipt.extra)
    verify_inclusion(leaf, receipt.index, checkpoint.size, receipt.proof, checkpoint.root_hash)

    # 4. Enough pinned witnesses cosigned the checkpoint to meet the policy's quorum.
    counted: dict[str, int] = {}
    future: list[str] = []
    names = {w.verifier: w.name for w in descriptor.policy.witnesses}
    for cosignature in verified.cosignatures:
        name = names[cosignature.verifier]
        if now is not None and cosignature.timestamp > now + COSIGNATURE_CLOCK_SKEW:
            future.append(name)
            continue
        counted[name] = cosignature.timestamp
    if not descriptor.policy.is_satisfied(counted):
        detail = f"; dated in the future: {', '.join(future)}" if future else ""
        unknown = [name for name in verified.unknown_signers if name != checkpoint.origin]
        if unknown and not future:
            raise OutdatedTrustRootError(
                f"cosigned by {sorted(counted) or 'no pinned witness'} and by keys not pinned "
                f"({', '.join(unknown)}), which does not meet quorum {descriptor.policy.quorum!r}",
                user_message=(
                    f"This receipt is vouched for by witnesses that your copy of the network "
                    f"{descriptor.origin} does not know ({', '.join(unknown)}): your trust root "
                    "for it is out of date. Refresh the network (Settings, or 'exporter-desk "
                    "network refresh') and verify again."
                ),
                unknown_signers=tuple(unknown),
            )
        raise QuorumError(
            f"cosigned by {sorted(counted) or 'no witness'}, which does not meet quorum "
            f"{descriptor.policy.quorum!r}{detail}",
            user_message=(
                "Not enough of the trust network's independent witnesses vouch for this "
                "registration receipt, so it cannot be confirmed."
            ),
        )

    # 5. The time the witnesses vouch for.
    times = sorted(counted.values())
    return ReceiptCheck(
        entry=entry,
        index=receipt.index,
        leaf_hash=leaf,
        checkpoint=checkpoint,
        cosigners=MappingProxyType(counted),
        checkpoint_time=times[len(times) // 2] if times else None,
    )
