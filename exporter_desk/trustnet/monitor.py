"""Following a log as a monitor: a compact range over every entry read, and one pass's checks.

A monitor keeps O(log n) hashes, the :class:`Frontier` (the roots of the perfect subtrees that
make up the tree of the entries read so far). Appending each fetched entry and then comparing the
frontier's root with a witnessed checkpoint's root (or, when a pass stops part-way, checking a
consistency proof from the frontier's root to the checkpoint) proves that every entry read is the
log's own, without one inclusion proof per entry.

:func:`follow` runs one pass, in the numbered steps of its docstring, against a
:class:`LogSource` (the HTTP client, or the in-process local network) and a :class:`Watch` (what
this installation issued); it returns what it found as data (:class:`Finding`) and the state to
keep. It does no storage and keeps no clock: the caller persists the state and the findings
together, and passes ``now``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from exporter_desk.trustnet.checkpoint import Checkpoint, checkpoint_body, open_checkpoint
from exporter_desk.trustnet.entry import Entry
from exporter_desk.trustnet.errors import (
    EntryError,
    NoteError,
    ProofError,
    QuorumError,
    TrustnetError,
)
from exporter_desk.trustnet.merkle import EMPTY_ROOT, HASH_SIZE, leaf_hash, verify_consistency
from exporter_desk.trustnet.policy import NetworkDescriptor

__all__ = [
    "AlertKind",
    "Finding",
    "Frontier",
    "LogSource",
    "MonitorState",
    "PassResult",
    "Watch",
    "follow",
    "open_witnessed_checkpoint",
]

COSIGNATURE_CLOCK_SKEW = 600
"""Cosignatures dated further in the future than this (seconds) do not count (as receipts)."""
ENTRIES_PER_REQUEST = 1000


class AlertKind(StrEnum):
    FOREIGN_ENTRY = "foreign-entry"
    """An entry under the company's certificate that this installation did not issue."""
    FOREIGN_ENROLMENT = "foreign-enrolment"
    """A certificate enrolled under the company's registration id that is not the company's."""
    REVOKED = "revoked"
    """The company's certificate was revoked."""
    SPLIT_VIEW = "split-view"
    """The log showed a checkpoint (or entries) inconsistent with one seen before."""


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the company must hear about. ``key`` identifies it across passes (the same
    finding seen again is the same alert); ``detail`` is technical evidence (entry, roots)."""

    kind: AlertKind
    key: str
    detail: str
    index: int | None = None


def _popcount(value: int) -> int:
    return bin(value).count("1")


@dataclass(frozen=True, slots=True)
class Frontier:
    """The tree of the first ``size`` entries as its perfect subtrees' roots, largest first.

    There is one hash per set bit of ``size`` (RFC 9162's decomposition of a tree), so the
    state is at most 64 hashes whatever the log's size.
    """

    size: int = 0
    hashes: tuple[bytes, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.size, bool) or not isinstance(self.size, int) or self.size < 0:
            raise ProofError(f"frontier size {self.size!r} is not a size")
        if len(self.hashes) != _popcount(self.size):
            raise ProofError(
                f"a frontier of size {self.size} has {_popcount(self.size)} hashes, "
                f"not {len(self.hashes)}"
            )
        if any(not isinstance(h, bytes) or len(h) != HASH_SIZE for h in self.hashes):
            raise ProofError("a frontier hash is not 32 bytes")

    def extended(self, entries: Iterable[bytes]) -> Frontier:
        """The frontier after appending ``entries`` (raw entry bytes, in log order)."""
        return self.extended_by_leaf_hashes(leaf_hash(data) for data in entries)

    def extended_by_leaf_hashes(self, leaves: Iterable[bytes]) -> Frontier:
        stack = list(self.hashes)
        size = self.size
        sha256 = hashlib.sha256
        for digest in leaves:
            # Each trailing one bit of ``size`` is a perfect subtree the new leaf completes.
            carry = size
            while carry & 1:
                digest = sha256(b"\x01" + stack.pop() + digest).digest()
                carry >>= 1
            stack.append(digest)
            size += 1
        return Frontier(size, tuple(stack))

    def root(self) -> bytes:
        """The RFC 9162 root hash of the tree of ``size`` entries."""
        if not self.hashes:
            return EMPTY_ROOT
        root = self.hashes[-1]
        for left in reversed(self.hashes[:-1]):
            root = hashlib.sha256(b"\x01" + left + root).digest()
        return root

    def to_bytes(self) -> bytes:
        return b"".join(self.hashes)

    @classmethod
    def from_bytes(cls, size: int, data: bytes) -> Frontier:
        """Raises: ProofError if ``data`` is not ``popcount(size)`` 32-byte hashes."""
        if len(data) != HASH_SIZE * _popcount(size):
            raise ProofError(f"stored frontier of size {size} has {len(data)} bytes")
        return cls(size, tuple(data[i : i + HASH_SIZE] for i in range(0, len(data), HASH_SIZE)))


class LogSource(Protocol):
    """What a monitor reads from a log; implementations raise ``TrustnetError`` subclasses.

    ``entries`` returns at least one and at most ``count`` entries from ``start`` (which is
    below the size of the latest checkpoint), as the exact stored bytes.
    """

    def checkpoint(self) -> str: ...

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]: ...

    def entries(self, start: int, count: int) -> list[bytes]: ...

    def member(self, fingerprint: str) -> dict[str, Any]: ...


class Watch(Protocol):
    """The company as this installation knows it.

    ``fingerprints``: its certificates (hex SHA-256 of the DER); ``registration_id``: the id
    its certificates carry, None if it has none; ``is_ours``: whether this installation issued
    the entry (its bytes are in the outbox or the document register).
    """

    @property
    def fingerprints(self) -> frozenset[str]: ...

    @property
    def registration_id(self) -> str | None: ...

    def is_ours(self, data: bytes, entry: Entry) -> bool: ...


@dataclass(frozen=True, slots=True)
class MonitorState:
    """What a monitor keeps between passes.

    ``checkpoint``: the latest witnessed checkpoint note accepted (None before the first);
    ``frontier``: the entries read and proven so far (its size may lag the checkpoint's);
    ``foreign``: certificates enrolled under the company's id that are not the company's.
    """

    checkpoint: str | None = None
    frontier: Frontier = field(default_factory=Frontier)
    foreign: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PassResult:
    state: MonitorState
    findings: tuple[Finding, ...]
    checkpoint: Checkpoint
    entries_read: int

    @property
    def is_caught_up(self) -> bool:
        return self.state.frontier.size >= self.checkpoint.size


def open_witnessed_checkpoint(
    note: str, descriptor: NetworkDescriptor, *, now: int | None = None
) -> Checkpoint:
    """The checkpoint in ``note``, signed by the pinned log and cosigned by a quorum.

    Raises:
        CheckpointError: not a checkpoint of this network.
        NoteError: not signed by the pinned log key (or a known signature fails).
        QuorumError: the cosignatures (not dated in the future) do not meet the policy.
    """
    verified = open_checkpoint(note, descriptor.log_verifiers(), descriptor.witness_verifiers())
    if not verified.log_ok:
        raise NoteError(f"the checkpoint is not signed by the log key of {descriptor.origin!r}")
    names = {w.verifier: w.name for w in descriptor.policy.witnesses}
    counted = {
        names[c.verifier]: c.timestamp
        for c in verified.cosignatures
        if now is None or c.timestamp <= now + COSIGNATURE_CLOCK_SKEW
    }
    if not descriptor.policy.is_satisfied(counted):
        raise QuorumError(
            f"cosigned by {sorted(counted) or 'no witness'}, which does not meet quorum "
            f"{descriptor.policy.quorum!r}",
            user_message="Not enough of the trust network's witnesses vouch for its latest "
            "checkpoint; the monitor tries again later.",
        )
    return verified.checkpoint


def _split_view(old: Checkpoint, new: Checkpoint, why: str) -> Finding:
    return Finding(
        AlertKind.SPLIT_VIEW,
        key=f"split-view:{new.size}:{new.root_hash.hex()}",
        detail=(
            f"{why}: seen before size {old.size} root {old.root_hash.hex()}, "
            f"now size {new.size} root {new.root_hash.hex()}"
        ),
    )


def follow(
    source: LogSource,
    descriptor: NetworkDescriptor,
    state: MonitorState,
    watch: Watch,
    *,
    now: int | None = None,
    limit: int = 100_000,
) -> PassResult:
    """One pass: read and check at most ``limit`` new entries of the log.

    1. Fetch the latest checkpoint; it must be signed by the pinned log and a witness quorum.
    2. Compare it with the checkpoint seen before: the same size with another root, or a
       consistency proof that fails (either way round), is a split view; the pass stops there
       and keeps the old state. An older but consistent checkpoint is stale: keep the old one.
    3. Read the entries after the frontier, ``ENTRIES_PER_REQUEST`` a request, appending each
       to the frontier and checking it against ``watch`` (:func:`_check_entry`).
    4. Prove what was read: the frontier's root is the checkpoint's root, or, if the pass
       stopped before the checkpoint's size, a consistency proof leads from it to that root.
       Otherwise the log served entries that are not its tree: a split view, nothing kept.
    5. Ask for the company's membership: a revoked certificate is a finding.

    Raises:
        TrustnetError: step 1 failed, or the log could not be read (NetworkUnavailableError);
            nothing is to be kept, try again later.
    """
    if limit < 1:
        raise ValueError("a pass reads at least one entry")
    # 1.
    note = source.checkpoint()
    new = open_witnessed_checkpoint(note, descriptor, now=now)

    # 2.
    target, target_note = new, note
    if state.checkpoint is not None:
        old = Checkpoint.parse(checkpoint_body(state.checkpoint))
        if new.size == old.size and new.root_hash != old.root_hash:
            finding = _split_view(old, new, "two checkpoints of one size with different roots")
            return PassResult(state, (finding,), old, 0)
        if new.size != old.size:
            small, large = (old, new) if new.size > old.size else (new, old)
            try:
                proof = source.consistency_proof(small.size, large.size) if small.size else []
                if small.size:
                    verify_consistency(
                        small.size, large.size, proof, small.root_hash, large.root_hash
                    )
            except ProofError as exc:
                finding = _split_view(old, new, f"the consistency proof fails ({exc})")
                return PassResult(state, (finding,), old, 0)
            if new.size < old.size:
                target, target_note = old, state.checkpoint

    # 3.
    frontier = state.frontier
    foreign = set(state.foreign)
    tentative: list[Finding] = []
    end = min(target.size, frontier.size + limit)
    position = frontier.size
    while position < end:
        batch = source.entries(position, min(ENTRIES_PER_REQUEST, end - position))
        if not batch or len(batch) > end - position:
            raise TrustnetError(f"the log answered {len(batch)} entries from {position}")
        for offset, data in enumerate(batch):
            tentative.extend(_check_entry(source, watch, foreign, position + offset, data))
        frontier = frontier.extended(batch)
        position += len(batch)
    read = position - state.frontier.size

    # 4.
    if read:
        try:
            if frontier.size == target.size:
                if frontier.root() != target.root_hash:
                    raise ProofError(
                        f"the entries lead to root {frontier.root().hex()}, the checkpoint "
                        f"says {target.root_hash.hex()}"
                    )
            else:
                proof = source.consistency_proof(frontier.size, target.size)
                verify_consistency(
                    frontier.size, target.size, proof, frontier.root(), target.root_hash
                )
        except ProofError as exc:
            finding = Finding(
                AlertKind.SPLIT_VIEW,
                key=f"bad-entries:{state.frontier.size}:{target.size}:{target.root_hash.hex()}",
                detail=f"the log served entries {state.frontier.size} to {position - 1} that "
                f"are not those of its checkpoint of size {target.size}: {exc}",
            )
            return PassResult(state, (finding,), target, 0)

    # 5.
    findings = list(tentative)
    for fingerprint in sorted(watch.fingerprints):
        try:
            member = source.member(fingerprint)
        except TrustnetError:
            continue  # not a member of this network (yet): nothing to be revoked
        if member.get("status") == "revoked":
            findings.append(_revoked(fingerprint, member.get("revoked_index")))

    kept = MonitorState(checkpoint=target_note, frontier=frontier, foreign=frozenset(foreign))
    return PassResult(kept, tuple(_unique(findings)), target, read)


def _revoked(fingerprint: str, index: object) -> Finding:
    return Finding(
        AlertKind.REVOKED,
        key=f"revoked:{fingerprint}",
        detail=f"certificate {fingerprint} is revoked in the log",
        index=index if isinstance(index, int) else None,
    )


def _check_entry(
    source: LogSource, watch: Watch, foreign: set[str], index: int, data: bytes
) -> list[Finding]:
    """What entry ``index`` tells the company (``foreign`` grows with foreign enrolments)."""
    try:
        entry = Entry.parse(data)
    except EntryError:
        return []  # not ours to judge: the log accepted it, and it names nobody we know
    ours = watch.fingerprints
    if entry.kind == "enrolment":
        fingerprint = entry.number
        if fingerprint in ours or fingerprint in foreign or watch.registration_id is None:
            return []
        try:
            member = source.member(fingerprint)
        except TrustnetError:
            return []
        if member.get("registration_id") != watch.registration_id:
            return []
        foreign.add(fingerprint)
        return [
            Finding(
                AlertKind.FOREIGN_ENROLMENT,
                key=f"enrolment:{fingerprint}",
                detail=f"certificate {fingerprint} of {member.get('name', '?')!s:.100} was "
                f"enrolled under registration id {watch.registration_id} at entry {index}",
                index=index,
            )
        ]
    if entry.kind == "revocation":
        return [_revoked(entry.number, index)] if entry.number in ours else []
    if entry.issuer in foreign or (entry.issuer in ours and not watch.is_ours(data, entry)):
        return [
            Finding(
                AlertKind.FOREIGN_ENTRY,
                key=f"entry:{leaf_hash(data).hex()}",
                detail=f"entry {index}: {entry.kind} {entry.number} issued "
                f"{entry.time.isoformat()} under certificate {entry.issuer}",
                index=index,
            )
        ]
    return []


def _unique(findings: Sequence[Finding]) -> list[Finding]:
    seen: dict[str, Finding] = {}
    for finding in findings:
        seen.setdefault(finding.key, finding)
    return list(seen.values())
