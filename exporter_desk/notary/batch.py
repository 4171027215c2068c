"""One batch of the sequencer: what each work item is, and how it is decided and written.

A :class:`Batch` lives inside the sequencer's open transaction. It reads, in a few queries, what
the uniqueness checks need (:meth:`Batch.prefetch`), decides each item in order against the log
and against the items before it in the same batch (:meth:`Batch.apply`), and writes the accepted
entries with ``executemany`` (:meth:`Batch.flush`). The rules:

* the same entry bytes again: a duplicate, answered with the stored entry;
* the same (issuer, kind, number) and the same document digest: a duplicate of that entry;
* the same (issuer, kind, number) and another digest: 409 ``number_taken``, unless the entry
  ``supersedes`` the current entry of that number (by leaf hash);
* ``supersedes`` must name an entry of the same issuer (409 ``superseded_unknown``) that nothing
  superseded yet (409 ``already_superseded``): a document's history never forks;
* a new entry's time must lie in the :class:`EntryWindow` around the log's clock (400
  ``time_in_future``, ``time_too_old``, ``time_before_enrolment``); an entry already in the log
  is answered whatever its time, so a resubmission always gets its receipt;
* an enrolment needs an unused, unexpired invitation and a key that no member (revoked or not)
  was enrolled with (409 ``key_already_enrolled``); a revoked member writes nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from exporter_desk.notary.errors import (
    ApiError,
    invitation_invalid,
    key_already_enrolled,
    member_revoked,
)
from exporter_desk.notary.members import MemberDirectory, MemberInfo, Registrar
from exporter_desk.notary.storage._base import Connection
from exporter_desk.trustnet import Entry, leaf_hash

__all__ = [
    "Batch",
    "EnrolmentItem",
    "EntryItem",
    "EntryWindow",
    "Registration",
    "RevocationItem",
    "Sequenced",
    "WorkItem",
]

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class EntryItem:
    """A member's entry: parsed, its issuer authenticated and its signature checked."""

    entry: Entry
    data: bytes
    leaf: bytes


@dataclass(frozen=True, slots=True)
class EnrolmentItem:
    """A new member (or the registrar itself), with the registrar-signed ``enrolment`` entry."""

    entry: Entry
    data: bytes
    leaf: bytes
    fingerprint: str
    name: str
    registration_id: str
    certificate_der: bytes
    token_hash: bytes | None
    role: str
    invitation_hash: bytes | None
    key_id: bytes  # members.public_key_id of the certified key


@dataclass(frozen=True, slots=True)
class RevocationItem:
    """An operator's revocation request (row ``request_id`` of ``admin_requests``)."""

    request_id: int
    fingerprint: str


WorkItem = EntryItem | EnrolmentItem | RevocationItem


@dataclass(frozen=True, slots=True)
class Registration:
    """The answer to an item: where its entry is, and the receipt that proves it."""

    index: int
    receipt: str
    duplicate: bool


@dataclass(frozen=True, slots=True)
class Sequenced:
    """Where an item's entry is (``data`` its bytes); a duplicate points at the stored one."""

    index: int
    data: bytes
    duplicate: bool


@dataclass(slots=True)
class _Known:
    """An entry the batch knows about, stored or sequenced in this batch."""

    index: int
    data: bytes
    digest: str
    issuer: str
    superseded_by: int | None


_Key = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class EntryWindow:
    """Which entry times the log accepts, in seconds around its own clock.

    An entry's ``time`` is its issuer's claim: when the issuing app created the entry, by the
    app's clock. It is not when the log registered it. The desktop app signs the entry when it
    issues a document and, offline, keeps it in its outbox until the network answers, so an
    honest entry may arrive days after its time. The window therefore accepts a new entry if

    * its time is at most ``max_ahead`` after the log's clock (a client clock running a little
      fast), and
    * at most ``max_age`` before it (the longest an entry may wait in an outbox; an older one is
      refused and its document must be issued again), and
    * not before the issuer's enrolment, less ``max_ahead`` (no member claims a time before it
      joined).

    Within the window a member can still date an entry up to ``max_age`` back. That is why no
    verifier takes the entry's time as the registration time: the log's proof of time is the
    checkpoint that covers the entry, cosigned (with timestamps) by the witnesses, and the
    verdict's "registered" time is that checkpoint's, never the entry's own claim.
    """

    max_ahead: float = 10 * 60.0
    max_age: float = 14 * 24 * 3600.0

    def check(self, entry: Entry, member: MemberInfo, now: float) -> None:
        """Raises: ApiError 400 if ``entry``'s time is outside the window."""
        when = entry.time.timestamp()
        if when > now + self.max_ahead:
            raise ApiError(
                400,
                "time_in_future",
                f"the entry is dated {entry.time.isoformat()}, more than {_span(self.max_ahead)} "
                f"after the log's clock ({_iso(now)})",
                user_message=(
                    "The computer's clock seems wrong: the document is dated in the future. Set "
                    "the clock right and issue the document again."
                ),
            )
        if when < now - self.max_age:
            raise ApiError(
                400,
                "time_too_old",
                f"the entry is dated {entry.time.isoformat()}, more than {_span(self.max_age)} "
                f"before the log's clock ({_iso(now)})",
                user_message=(
                    f"The document was created more than {_span(self.max_age)} ago and was not "
                    "registered in time, or the computer's clock is wrong. Check the clock and "
                    "issue the document again."
                ),
            )
        if when < member.enrolled_at - self.max_ahead:
            raise ApiError(
                400,
                "time_before_enrolment",
                f"the entry is dated {entry.time.isoformat()}, before its issuer enrolled "
                f"({_iso(member.enrolled_at)})",
                user_message=(
                    "The document is dated before your company joined this trust network, so "
                    "it cannot be registered with that date. Check the computer's clock and "
                    "issue the document again."
                ),
            )


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(int(seconds), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _span(seconds: float) -> str:
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:g} days"
    if seconds >= 2 * 3600:
        return f"{seconds / 3600:g} hours"
    return f"{seconds / 60:g} minutes"


class Batch:
    """The decisions and pending rows of one batch (see the module docstring)."""

    def __init__(
        self,
        conn: Connection,
        start: int,
        *,
        members: MemberDirectory,
        registrar: Registrar,
        clock: Callable[[], float],
        window: EntryWindow | None = None,
    ) -> None:
        self._conn = conn
        self._members = members
        self._registrar = registrar
        self._clock = clock
        self._window = window or EntryWindow()
        self._now = clock()
        self.start = start
        self.leaves: list[bytes] = []
        self.rows: list[tuple[Any, ...]] = []
        self.by_leaf: dict[bytes, _Known] = {}
        self.current: dict[_Key, _Known] = {}
        self.superseded: dict[int, int] = {}
        self.revoked: set[str] = set()
        self.enrolled_keys: dict[bytes, str] = {}
        self.after_commit: list[Callable[[], None]] = []

    @property
    def next_index(self) -> int:
        return self.start + len(self.leaves)

    def finish(self) -> None:
        """Write what is still pending: entry rows and supersession links."""
        self.flush()
        self._conn.executemany(
            "UPDATE entries SET superseded_by = ? WHERE idx = ?",
            [(new, old) for old, new in self.superseded.items()],
        )

    def prefetch(self, items: list[EntryItem]) -> None:
        """Read, in a few queries, every stored entry the batch's uniqueness checks need."""
        columns = "idx, data, digest, issuer, superseded_by, leaf_hash, kind, number"
        leaves = list({item.leaf for item in items})
        keys = list({(i.entry.issuer, i.entry.kind, i.entry.number) for i in items})
        rows: list[Any] = []
        for leaf_chunk in _chunks(leaves, 500):
            rows += self._conn.execute(
                f"SELECT {columns} FROM entries WHERE leaf_hash IN "
                f"({', '.join('?' * len(leaf_chunk))})",
                leaf_chunk,
            ).fetchall()
        for key_chunk in _chunks(keys, 300):
            values = ", ".join("(?, ?, ?)" for _ in key_chunk)
            rows += self._conn.execute(
                f"WITH k (issuer, kind, number) AS (VALUES {values}) "
                f"SELECT {', '.join('e.' + c for c in columns.split(', '))} FROM k "
                "JOIN entries e ON e.issuer = k.issuer AND e.kind = k.kind AND e.number = k.number",
                [value for key in key_chunk for value in key],
            ).fetchall()
        for idx, data, digest, issuer, superseded_by, leaf, kind, number in rows:
            known = _Known(int(idx), bytes(data), digest, issuer, superseded_by)
            self.by_leaf[bytes(leaf)] = known
            key = (issuer, kind, number)
            latest = self.current.get(key)
            if latest is None or latest.index < known.index:
                self.current[key] = known

    def apply(self, item: WorkItem) -> Sequenced:
        if isinstance(item, EntryItem):
            return self._apply_entry(item)
        self.flush()  # enrolments and revocations write rows that refer to entries
        if isinstance(item, EnrolmentItem):
            return self._apply_enrolment(item)
        return self._apply_revocation(item)

    def _apply_entry(self, item: EntryItem) -> Sequenced:
        entry = item.entry
        same = self.by_leaf.get(item.leaf)
        if same is not None:
            return Sequenced(same.index, same.data, duplicate=True)
        member = self._members.get(entry.issuer)
        if member is None or not member.active or entry.issuer in self.revoked:
            raise member_revoked()
        key = (entry.issuer, entry.kind, entry.number)
        current = self.current.get(key)
        if current is not None and current.digest == entry.digest:
            # The same document under the same number: already registered, answer with that.
            return Sequenced(current.index, current.data, duplicate=True)
        self._window.check(entry, member, self._now)
        superseded: int | None = None
        if entry.supersedes is not None:
            superseded = self._check_supersedes(entry, current)
        elif current is not None:
            raise ApiError(
                409,
                "number_taken",
                f"{entry.kind} {entry.number} of this issuer is registered (entry "
                f"{current.index}) with another digest",
                user_message=(
                    f"Another document was already registered as {entry.kind} {entry.number}. "
                    "To replace it, issue the new document as superseding the registered one."
                ),
            )
        sequenced = self._insert(entry, item.data, item.leaf, superseded)
        known = _Known(sequenced.index, item.data, entry.digest, entry.issuer, None)
        self.by_leaf[item.leaf] = known
        self.current[key] = known
        if superseded is not None:
            self.superseded[superseded] = sequenced.index
        return sequenced

    def _check_supersedes(self, entry: Entry, current: _Known | None) -> int:
        assert entry.supersedes is not None
        leaf = bytes.fromhex(entry.supersedes)
        target = self.by_leaf.get(leaf)
        if target is None:
            row = self._conn.execute(
                "SELECT idx, data, digest, issuer, superseded_by FROM entries WHERE leaf_hash = ?",
                (leaf,),
            ).fetchone()
            if row is not None:
                target = _Known(int(row[0]), bytes(row[1]), row[2], row[3], row[4])
        if target is None or target.issuer != entry.issuer:
            raise ApiError(
                409,
                "superseded_unknown",
                f"supersedes {entry.supersedes} names no entry of this issuer in the log",
                user_message=(
                    "The document says it replaces a registration that this network does not "
                    "have for your company. Check which document it supersedes."
                ),
            )
        successor = self.superseded.get(target.index, target.superseded_by)
        if successor is not None:
            raise ApiError(
                409,
                "already_superseded",
                f"entry {target.index} was already superseded by entry {successor}",
                user_message=(
                    "The document it replaces was already replaced by another one. Supersede the "
                    "latest version instead."
                ),
            )
        if current is not None and current.index != target.index:
            raise ApiError(
                409,
                "number_taken",
                f"{entry.kind} {entry.number} is currently entry {current.index}, but the entry "
                f"supersedes entry {target.index}",
                user_message=(
                    f"{entry.kind} {entry.number} has a newer registration than the one this "
                    "document replaces. Supersede the latest version instead."
                ),
            )
        return target.index

    def _apply_enrolment(self, item: EnrolmentItem) -> Sequenced:
        conn = self._conn
        now = int(self._clock())
        if item.invitation_hash is not None:
            invitation = conn.execute(
                "SELECT redeemed_by, expires FROM invitations WHERE code_hash = ?",
                (item.invitation_hash,),
            ).fetchone()
            if invitation is None or invitation[0] is not None or invitation[1] < now:
                raise invitation_invalid()
        if conn.execute(
            "SELECT 1 FROM members WHERE fingerprint = ?", (item.fingerprint,)
        ).fetchone():
            raise ApiError(
                409,
                "already_enrolled",
                f"certificate {item.fingerprint} is already enrolled",
                user_message=(
                    "This key is already enrolled. Create a new key and certificate request."
                ),
            )
        holder = self._members.holder_of_key(item.key_id) or self.enrolled_keys.get(item.key_id)
        if holder is not None:
            raise key_already_enrolled(holder)
        self.enrolled_keys[item.key_id] = item.fingerprint
        sequenced = self._insert(item.entry, item.data, item.leaf)
        self.flush()
        conn.execute(
            "INSERT INTO members (fingerprint, name, registration_id, certificate, token_hash, "
            "role, status, enrolled_index, created) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)",
            (
                item.fingerprint,
                item.name,
                item.registration_id,
                item.certificate_der,
                item.token_hash,
                item.role,
                sequenced.index,
                now,
            ),
        )
        if item.invitation_hash is not None:
            conn.execute(
                "UPDATE invitations SET redeemed_by = ?, redeemed_at = ? WHERE code_hash = ?",
                (item.fingerprint, now, item.invitation_hash),
            )
        self.after_commit.append(
            lambda: self._members.add(
                item.fingerprint, item.certificate_der, item.token_hash, item.role, now
            )
        )
        return sequenced

    def _apply_revocation(self, item: RevocationItem) -> Sequenced:
        conn = self._conn
        row = conn.execute(
            "SELECT certificate, role, status, revoked_index FROM members WHERE fingerprint = ?",
            (item.fingerprint,),
        ).fetchone()
        if row is None or row[1] != "member":
            problem = (
                "the registrar cannot be revoked"
                if row is not None
                else f"no member has certificate fingerprint {item.fingerprint}"
            )
            conn.execute(
                "UPDATE admin_requests SET error = ? WHERE id = ?", (problem, item.request_id)
            )
            raise ApiError(404, "unknown_member", problem)
        if row[2] == "revoked":  # asked twice: the first revocation stands
            conn.execute(
                "UPDATE admin_requests SET done_index = ? WHERE id = ?", (row[3], item.request_id)
            )
            data = conn.execute("SELECT data FROM entries WHERE idx = ?", (row[3],)).fetchone()[0]
            return Sequenced(int(row[3]), bytes(data), duplicate=True)
        entry, data = self._registrar.entry("revocation", bytes(row[0]), self._clock())
        sequenced = self._insert(entry, data, leaf_hash(data))
        self.flush()
        conn.execute(
            "UPDATE members SET status = 'revoked', revoked_index = ? WHERE fingerprint = ?",
            (sequenced.index, item.fingerprint),
        )
        conn.execute(
            "UPDATE admin_requests SET done_index = ? WHERE id = ?",
            (sequenced.index, item.request_id),
        )
        self.revoked.add(item.fingerprint)
        self.after_commit.append(lambda: self._members.revoke(item.fingerprint))
        return sequenced

    def _insert(
        self, entry: Entry, data: bytes, leaf: bytes, superseded: int | None = None
    ) -> Sequenced:
        index = self.next_index
        self.rows.append(
            (
                index,
                data,
                leaf,
                entry.issuer,
                entry.kind,
                entry.number,
                entry.digest,
                entry.time.strftime("%Y-%m-%dT%H:%M:%SZ"),
                superseded,
                int(self._clock()),
            )
        )
        self.leaves.append(leaf)
        return Sequenced(index, data, duplicate=False)

    def flush(self) -> None:
        if self.rows:
            self._conn.executemany(
                "INSERT INTO entries (idx, data, leaf_hash, issuer, kind, number, digest, "
                "entry_time, supersedes, sequenced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.rows,
            )
            self.rows.clear()


def _chunks(items: list[_T], size: int) -> Iterator[list[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
