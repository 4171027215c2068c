"""The C2SP tlog-policy grammar (c2sp.org/tlog-policy): logs, witnesses, groups and the quorum.

Re-exported by :mod:`exporter_desk.trustnet.policy`, which adds descriptors and receipt checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from exporter_desk.trustnet.errors import NoteError, PolicyError
from exporter_desk.trustnet.note import (
    SIGNATURE_TYPE_COSIGNATURE_V1,
    SIGNATURE_TYPE_ED25519,
    Verifier,
    parse_verifier_key,
)

MAX_POLICY_SIZE = 1 << 16
MAX_POLICY_ITEMS = 256
"""At most this many logs, witnesses and groups each (the spec asks implementations for 32)."""

BAD_POLICY = (
    "The trust policy of this network is invalid. Import the network descriptor again from its "
    "operator."
)
_NONE = "none"
_FIELD_SEPARATOR = re.compile(r"[ \t]+")
_DECIMAL = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class PolicyLog:
    """A trusted log: its Ed25519 (0x01) key, named after its origin, and an optional URL."""

    verifier: Verifier
    url: str | None = None


@dataclass(frozen=True, slots=True)
class PolicyWitness:
    """A trusted witness: its policy-local name, its cosigning (0x04) key and an optional URL."""

    name: str
    verifier: Verifier
    url: str | None = None


@dataclass(frozen=True, slots=True)
class PolicyGroup:
    """A group that witnesses a checkpoint when at least ``threshold`` of its members do."""

    name: str
    threshold: int
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TrustPolicy:
    """A parsed tlog-policy: the logs, the witnesses, the groups and the quorum rule's name."""

    logs: tuple[PolicyLog, ...]
    witnesses: tuple[PolicyWitness, ...]
    groups: tuple[PolicyGroup, ...]
    quorum: str

    def is_satisfied(self, witnessed: Iterable[str]) -> bool:
        """Tell whether the witnesses named ``witnessed`` (policy names) meet the quorum."""
        have = set(witnessed)
        if self.quorum == _NONE:
            return True
        groups = {group.name: group for group in self.groups}

        def witnesses(name: str) -> bool:
            group = groups.get(name)
            if group is None:
                return name in have
            return sum(witnesses(member) for member in group.members) >= group.threshold

        return witnesses(self.quorum)


def parse_policy(text: str | bytes) -> TrustPolicy:
    """Parse a tlog-policy text, exactly per c2sp.org/tlog-policy.

    Log keys must be Ed25519 (0x01) and witness keys cosignature (0x04) keys. Names are compared
    as the octet strings they are.

    Raises:
        PolicyError: on a forbidden octet, an unknown keyword, a malformed line, an invalid or
            duplicate key, a reserved, duplicate or undefined name, a name used twice as a group
            member, a threshold outside [1, n], or not exactly one quorum line.
    """
    builder = _PolicyBuilder()
    for number, raw in enumerate(_policy_text(text).split("\n"), start=1):
        stripped = raw.strip(" \t")
        if not stripped or stripped.startswith("#"):
            continue
        try:
            builder.add(_FIELD_SEPARATOR.split(stripped))
        except PolicyError as exc:
            raise PolicyError(f"policy line {number}: {exc}", user_message=BAD_POLICY) from exc
    return builder.build()


def format_policy(policy: TrustPolicy) -> str:
    """Return a policy's canonical text: logs, witnesses, groups (numeric thresholds), quorum.

    Names that were not UTF-8 in the parsed policy come back as surrogate escapes: encode the
    text with ``errors="surrogateescape"`` to get the original octets.
    """
    lines = [
        " ".join(filter(None, ("log", log.verifier.verifier_key(), log.url))) for log in policy.logs
    ]
    lines += [
        " ".join(filter(None, ("witness", w.name, w.verifier.verifier_key(), w.url)))
        for w in policy.witnesses
    ]
    lines += [" ".join(("group", g.name, str(g.threshold), *g.members)) for g in policy.groups]
    lines.append(f"quorum {policy.quorum}")
    return "\n".join(lines) + "\n"


def _policy_text(text: str | bytes) -> str:
    if isinstance(text, str):
        try:
            data = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError as exc:
            raise PolicyError("policy text is not encodable", user_message=BAD_POLICY) from exc
    elif isinstance(text, bytes | bytearray):
        data = bytes(text)
    else:
        raise PolicyError("policy is not text", user_message=BAD_POLICY)
    if len(data) > MAX_POLICY_SIZE:
        raise PolicyError(
            f"policy is {len(data)} bytes, more than {MAX_POLICY_SIZE}", user_message=BAD_POLICY
        )
    for octet in data:
        if (octet < 0x20 and octet not in (0x09, 0x0A)) or octet == 0x7F:
            raise PolicyError(
                f"policy contains invalid octet 0x{octet:02x}", user_message=BAD_POLICY
            )
    # Non-ASCII octets are opaque: keep them one-to-one, even when they are not UTF-8.
    return data.decode("utf-8", "surrogateescape")


class _PolicyBuilder:
    def __init__(self) -> None:
        self.logs: list[PolicyLog] = []
        self.witnesses: list[PolicyWitness] = []
        self.groups: list[PolicyGroup] = []
        self.defined: set[str] = set()
        self.used_as_member: set[str] = set()
        self.quorums: list[str] = []

    def add(self, fields: list[str]) -> None:
        keyword, arguments = fields[0], fields[1:]
        if keyword == "log":
            self._log(arguments)
        elif keyword == "witness":
            self._witness(arguments)
        elif keyword == "group":
            self._group(arguments)
        elif keyword == "quorum":
            self._quorum(arguments)
        else:
            raise PolicyError(f"unknown keyword {keyword[:20]!r}")

    def _log(self, arguments: list[str]) -> None:
        if len(arguments) not in (1, 2):
            raise PolicyError("invalid log definition: expected 'log <vkey> [<url>]'")
        verifier = _policy_key(arguments[0], SIGNATURE_TYPE_ED25519, "log")
        if any(log.verifier.public_key == verifier.public_key for log in self.logs):
            raise PolicyError("duplicate log public key")
        self._count(self.logs, "logs")
        self.logs.append(PolicyLog(verifier, arguments[1] if len(arguments) == 2 else None))

    def _witness(self, arguments: list[str]) -> None:
        if len(arguments) not in (2, 3):
            raise PolicyError(
                "invalid witness definition: expected 'witness <name> <vkey> [<url>]'"
            )
        name = self._new_name(arguments[0])
        verifier = _policy_key(arguments[1], SIGNATURE_TYPE_COSIGNATURE_V1, "witness")
        if any(w.verifier.public_key == verifier.public_key for w in self.witnesses):
            raise PolicyError("duplicate witness public key")
        self._count(self.witnesses, "witnesses")
        self.witnesses.append(
            PolicyWitness(name, verifier, arguments[2] if len(arguments) == 3 else None)
        )
        self.defined.add(name)

    def _group(self, arguments: list[str]) -> None:
        if len(arguments) < 3:
            raise PolicyError("invalid group definition: expected 'group <name> <k> <name>...'")
        name, threshold_text, members = self._new_name(arguments[0]), arguments[1], arguments[2:]
        for member in members:
            if member not in self.defined:
                raise PolicyError(f"unknown member {member[:40]!r} in group {name[:40]!r}")
            if member in self.used_as_member:
                raise PolicyError(f"{member[:40]!r} is listed as a group member more than once")
            self.used_as_member.add(member)
        if threshold_text == "all":
            threshold = len(members)
        elif threshold_text == "any":
            threshold = 1
        elif _DECIMAL.fullmatch(threshold_text) and len(threshold_text) <= 6:
            threshold = int(threshold_text)
        else:
            raise PolicyError(f"invalid threshold {threshold_text[:20]!r}")
        if not 1 <= threshold <= len(members):
            raise PolicyError(f"threshold {threshold} is outside [1, {len(members)}]")
        self._count(self.groups, "groups")
        self.groups.append(PolicyGroup(name, threshold, tuple(members)))
        self.defined.add(name)

    def _quorum(self, arguments: list[str]) -> None:
        if len(arguments) != 1:
            raise PolicyError("invalid quorum definition: expected 'quorum <name>'")
        name = arguments[0]
        if name != _NONE and name not in self.defined:
            raise PolicyError(f"quorum {name[:40]!r} not defined on a preceding line")
        self.quorums.append(name)

    def _new_name(self, name: str) -> str:
        if name == _NONE:
            raise PolicyError("the name 'none' is reserved")
        if name in self.defined:
            raise PolicyError(f"duplicate name {name[:40]!r}")
        return name

    @staticmethod
    def _count(items: list[Any], what: str) -> None:
        if len(items) >= MAX_POLICY_ITEMS:
            raise PolicyError(f"more than {MAX_POLICY_ITEMS} {what}")

    def build(self) -> TrustPolicy:
        if len(self.quorums) != 1:
            raise PolicyError(
                f"a policy needs exactly one quorum line, found {len(self.quorums)}",
                user_message=BAD_POLICY,
            )
        return TrustPolicy(
            tuple(self.logs), tuple(self.witnesses), tuple(self.groups), self.quorums[0]
        )


def _policy_key(text: str, key_type: int, role: str) -> Verifier:
    try:
        verifier = parse_verifier_key(text)
    except NoteError as exc:
        raise PolicyError(f"invalid {role} vkey: {exc}") from exc
    if verifier.key_type != key_type:
        kind = "a log (0x01)" if key_type == SIGNATURE_TYPE_ED25519 else "a cosignature (0x04)"
        raise PolicyError(f"{role} key type 0x{verifier.key_type:02x} is not {kind} key type")
    return verifier
