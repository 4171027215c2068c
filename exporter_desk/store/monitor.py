"""The trust-network monitor's memory: where it is in each log, and the alerts it raised.

One ``monitor_state`` row per network (its origin): the size and root of the entries proven so
far, their frontier hashes, the latest witnessed checkpoint, and the certificates known as the
company's own or as foreign. ``monitor_alerts`` keeps every alert until the user acknowledges
it; an alert is identified by (network, key), so the same finding seen again is not repeated.
A pass's new state and its alerts are saved in one transaction.
"""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass

from exporter_desk.store._convert import instant_text, text_instant
from exporter_desk.store._session import Session
from exporter_desk.store.errors import NotFoundError

__all__ = [
    "ALERT_KINDS",
    "MONITOR_SCHEMA",
    "MonitorAlert",
    "MonitorRepository",
    "StoredMonitorState",
]

ALERT_KINDS = ("foreign-entry", "foreign-enrolment", "revoked", "split-view")
DETAIL_LIMIT = 4_000

MONITOR_SCHEMA = """
CREATE TABLE IF NOT EXISTS monitor_state (
    network TEXT PRIMARY KEY CHECK (length(network) BETWEEN 1 AND 300),
    size INTEGER NOT NULL CHECK (size >= 0),
    root_hash BLOB NOT NULL CHECK (length(root_hash) = 32),
    frontier BLOB NOT NULL CHECK (length(frontier) % 32 = 0 AND length(frontier) <= 2048),
    checkpoint TEXT CHECK (checkpoint IS NULL OR length(checkpoint) <= 65536),
    own_issuers TEXT NOT NULL DEFAULT '',
    foreign_issuers TEXT NOT NULL DEFAULT '',
    checked_at TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS monitor_alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    network TEXT NOT NULL CHECK (length(network) BETWEEN 1 AND 300),
    kind TEXT NOT NULL
        CHECK (kind IN ('foreign-entry', 'foreign-enrolment', 'revoked', 'split-view')),
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 300),
    log_index INTEGER CHECK (log_index >= 0),
    detail TEXT NOT NULL CHECK (length(detail) <= 4000),
    raised_at TEXT NOT NULL,
    acknowledged_at TEXT,
    UNIQUE (network, key)
) STRICT;
CREATE INDEX IF NOT EXISTS monitor_alerts_open ON monitor_alerts (acknowledged_at, id);
"""
"""Migration 8 (IF NOT EXISTS: a database whose version number was rewound may hold them)."""


@dataclass(frozen=True, slots=True)
class StoredMonitorState:
    network: str
    size: int
    root_hash: bytes
    frontier: bytes
    checkpoint: str | None
    own_issuers: frozenset[str]
    foreign_issuers: frozenset[str]
    checked_at: dt.datetime


@dataclass(frozen=True, slots=True)
class MonitorAlert:
    id: int
    network: str
    kind: str
    key: str
    log_index: int | None
    detail: str
    raised_at: dt.datetime
    acknowledged_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class NewAlert:
    kind: str
    key: str
    detail: str
    log_index: int | None = None


class MonitorRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def state(self, network: str) -> StoredMonitorState | None:
        row = self._s.one("SELECT * FROM monitor_state WHERE network = ?", (network,))
        if row is None:
            return None
        return StoredMonitorState(
            network=row["network"],
            size=int(row["size"]),
            root_hash=bytes(row["root_hash"]),
            frontier=bytes(row["frontier"]),
            checkpoint=row["checkpoint"],
            own_issuers=frozenset(str(row["own_issuers"]).split()),
            foreign_issuers=frozenset(str(row["foreign_issuers"]).split()),
            checked_at=text_instant(row["checked_at"]),
        )

    def save(
        self,
        state: StoredMonitorState,
        alerts: builtins.list[NewAlert],
        now: dt.datetime,
    ) -> builtins.list[MonitorAlert]:
        """Keep ``state`` and raise ``alerts`` in one transaction; return the alerts that are new
        (one already raised under the same key is not raised again)."""
        for alert in alerts:
            if alert.kind not in ALERT_KINDS:
                raise ValueError(f"unknown alert kind {alert.kind!r}")
        stamp = instant_text(now)
        raised: builtins.list[MonitorAlert] = []
        with self._s.transaction():
            self._s.execute(
                "INSERT INTO monitor_state (network, size, root_hash, frontier, checkpoint, "
                "own_issuers, foreign_issuers, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (network) DO UPDATE SET size = excluded.size, "
                "root_hash = excluded.root_hash, frontier = excluded.frontier, "
                "checkpoint = excluded.checkpoint, own_issuers = excluded.own_issuers, "
                "foreign_issuers = excluded.foreign_issuers, checked_at = excluded.checked_at",
                (
                    state.network,
                    state.size,
                    state.root_hash,
                    state.frontier,
                    state.checkpoint,
                    " ".join(sorted(state.own_issuers)),
                    " ".join(sorted(state.foreign_issuers)),
                    stamp,
                ),
            )
            for alert in alerts:
                cursor = self._s.execute(
                    "INSERT INTO monitor_alerts (network, kind, key, log_index, detail, "
                    "raised_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (network, key) DO NOTHING",
                    (
                        state.network,
                        alert.kind,
                        alert.key[:300],
                        alert.log_index,
                        alert.detail[:DETAIL_LIMIT],
                        stamp,
                    ),
                )
                if cursor.rowcount:
                    raised.append(self.get(int(cursor.lastrowid or 0)))
        return raised

    def get(self, alert_id: int) -> MonitorAlert:
        """Raises: NotFoundError."""
        row = self._s.one("SELECT * FROM monitor_alerts WHERE id = ?", (alert_id,))
        if row is None:
            raise NotFoundError("monitor alert", alert_id)
        return _alert(row)

    def alerts(self, *, open_only: bool = True, limit: int = 100) -> builtins.list[MonitorAlert]:
        """Alerts, newest first; ``open_only`` leaves out the acknowledged ones."""
        where = "WHERE acknowledged_at IS NULL " if open_only else ""
        rows = self._s.rows(
            f"SELECT * FROM monitor_alerts {where}ORDER BY id DESC LIMIT ?", (max(0, limit),)
        )
        return [_alert(row) for row in rows]

    def acknowledge(self, alert_ids: builtins.list[int], now: dt.datetime) -> int:
        """Mark alerts as seen by the user; return how many were open."""
        stamp = instant_text(now)
        count = 0
        with self._s.transaction():
            for alert_id in alert_ids:
                cursor = self._s.execute(
                    "UPDATE monitor_alerts SET acknowledged_at = ? "
                    "WHERE id = ? AND acknowledged_at IS NULL",
                    (stamp, alert_id),
                )
                count += cursor.rowcount
        return count

    def is_issued_here(self, entry: bytes, number: str, digest: str) -> bool:
        """Whether this installation issued the log entry ``entry``: its exact bytes are in the
        outbox, or the register holds a document of that number whose revision 1 has ``digest``.
        """
        if (
            self._s.one(
                "SELECT 1 FROM outbox WHERE entry_digest = ?", (hashlib.sha256(entry).hexdigest(),)
            )
            is not None
        ):
            return True
        return (
            self._s.one(
                "SELECT 1 FROM documents WHERE number = ? AND digest_r1 = ?", (number, digest)
            )
            is not None
        )


def _alert(row: sqlite3.Row) -> MonitorAlert:
    acknowledged = row["acknowledged_at"]
    return MonitorAlert(
        id=int(row["id"]),
        network=str(row["network"]),
        kind=str(row["kind"]),
        key=str(row["key"]),
        log_index=None if row["log_index"] is None else int(row["log_index"]),
        detail=str(row["detail"]),
        raised_at=text_instant(row["raised_at"]),
        acknowledged_at=None if acknowledged is None else text_instant(acknowledged),
    )
