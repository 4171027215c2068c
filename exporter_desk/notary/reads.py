"""Reading the log: entries, proofs, look-ups by document number, and members.

Each thread that reads gets its own connection of the log's storage (SQLite's WAL, and
PostgreSQL, let readers run beside the sequencer's writes); proofs cost O(log n) single-row reads (:class:`TreeStore`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from exporter_desk.notary.errors import bad_request, not_found
from exporter_desk.notary.members import MemberDirectory
from exporter_desk.notary.storage import Connection
from exporter_desk.notary.tree import TreeStore
from exporter_desk.trustnet import KINDS, ProofError
from exporter_desk.trustnet.encoding import encode_base64, encode_hash, parse_size

__all__ = ["MAX_ENTRIES_PER_READ", "LogReader"]

_HEX = frozenset("0123456789abcdef")

MAX_ENTRIES_PER_READ = 1000
"""The most entries one ``GET /v1/entries?start=&count=`` returns (about 700 KiB of JSON)."""


def _parse_time(value: object) -> datetime:
    """An entry time as stored (RFC 3339 text or Unix seconds); now when unknown."""
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, tz=UTC)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
    return datetime.now(UTC)


class LogReader:
    """The read side of a log; thread-safe. ``size`` tells the committed tree size."""

    def __init__(
        self, connect: Callable[[], Connection], members: MemberDirectory, size: Callable[[], int]
    ) -> None:
        self._connect = connect
        self._members = members
        self._size = size
        self._local = threading.local()
        self._connections: list[Connection] = []
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()

    def entry(self, index_text: str) -> bytes:
        """The exact bytes of entry ``index``.

        Raises:
            ApiError: 400 if the index is not a decimal; 404 if there is no such entry.
        """
        index = _size_param(index_text, "index")
        row = self._conn().execute("SELECT data FROM entries WHERE idx = ?", (index,)).fetchone()
        if row is None:
            raise not_found(f"no entry {index}")
        return bytes(row[0])

    def entries(self, start_text: str | None, count_text: str | None) -> dict[str, Any]:
        """Entries ``start`` .. ``start + count - 1`` (fewer at the end of the tree), in order.

        A monitor follows the log with this instead of one request per entry. Only committed
        entries (below the log's size) are returned; ``count`` is at most
        :data:`MAX_ENTRIES_PER_READ`. The bytes are base64, exactly as stored and hashed.

        Raises:
            ApiError: 400 unless ``0 <= start < the log's size`` and
                ``1 <= count <= MAX_ENTRIES_PER_READ``.
        """
        start = _size_param(start_text, "start")
        count = _size_param(count_text, "count")
        size = self._size()
        if not 1 <= count <= MAX_ENTRIES_PER_READ:
            raise bad_request(f"need 1 <= count <= {MAX_ENTRIES_PER_READ}")
        if not start < size:
            raise bad_request(f"need 0 <= start < {size} (the log's size)")
        end = min(start + count, size)
        rows = (
            self._conn()
            .execute(
                "SELECT idx, data FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx",
                (start, end),
            )
            .fetchall()
        )
        if [int(row[0]) for row in rows] != list(range(start, end)):
            raise not_found(f"entries {start} to {end - 1} are not all stored")
        return {
            "start": start,
            "entries": [encode_base64(bytes(row[1])) for row in rows],
        }

    def inclusion_proof(self, index_text: str | None, size_text: str | None) -> dict[str, Any]:
        """Raises: ApiError 400 unless ``0 <= index < size <= the log's size``."""
        index = _size_param(index_text, "index")
        size = _size_param(size_text, "size")
        if not index < size <= self._size():
            raise bad_request(f"need 0 <= index < size <= {self._size()}")
        proof = self._proof(lambda tree: tree.inclusion_proof(index, size))
        return {"index": index, "size": size, "proof": [encode_hash(h) for h in proof]}

    def consistency_proof(self, old_text: str | None, new_text: str | None) -> dict[str, Any]:
        """Raises: ApiError 400 unless ``1 <= old <= new <= the log's size``."""
        old = _size_param(old_text, "old")
        new = _size_param(new_text, "new")
        if not 1 <= old <= new <= self._size():
            raise bad_request(f"need 1 <= old <= new <= {self._size()}")
        proof = self._proof(lambda tree: tree.consistency_proof(old, new))
        return {"old": old, "new": new, "proof": [encode_hash(h) for h in proof]}

    def lookup(self, issuer: str | None, kind: str | None, number: str | None) -> dict[str, Any]:
        """Every entry registered under (issuer, kind, number), oldest first, with supersession.

        Raises:
            ApiError: 400 if a parameter is missing or malformed.
        """
        if issuer is None or not _is_hex64(issuer):
            raise bad_request("'issuer' must be 64 lowercase hex digits")
        if kind not in KINDS:
            raise bad_request(f"'kind' must be one of {', '.join(KINDS)}")
        if not number or len(number) > 64:
            raise bad_request("'number' must be 1 to 64 characters")
        rows = (
            self._conn()
            .execute(
                "SELECT e.idx, e.digest, e.entry_time, s.leaf_hash, e.superseded_by, e.leaf_hash "
                "FROM entries e LEFT JOIN entries s ON s.idx = e.supersedes "
                "WHERE e.issuer = ? AND e.kind = ? AND e.number = ? ORDER BY e.idx",
                (issuer, kind, number),
            )
            .fetchall()
        )
        entries = [
            {
                "index": int(row[0]),
                "digest": row[1],
                "time": row[2],
                "leaf_hash": bytes(row[5]).hex(),
                "supersedes": None if row[3] is None else bytes(row[3]).hex(),
                "superseded_by": row[4],
                "status": "superseded" if row[4] is not None else "current",
            }
            for row in rows
        ]
        member = self._members.get(issuer)
        return {
            "issuer": issuer,
            "kind": kind,
            "number": number,
            "issuer_status": None if member is None else ("active" if member.active else "revoked"),
            "current": entries[-1]["index"] if entries else None,
            "entries": entries,
        }

    def revoked_certificates(self) -> list[tuple[bytes, datetime]]:
        """DER certificates of revoked members with the time of their revocation entry."""
        rows = (
            self._conn()
            .execute(
                "SELECT m.certificate, e.entry_time FROM members m "
                "LEFT JOIN entries e ON e.idx = m.revoked_index WHERE m.status = 'revoked'"
            )
            .fetchall()
        )
        found = []
        for der, when in rows:
            moment = _parse_time(when)
            found.append((bytes(der), moment))
        return found

    def member(self, fingerprint: str) -> dict[str, Any]:
        """A member's (or the registrar's) status and certificate.

        Raises:
            ApiError: 400 if the fingerprint is malformed; 404 if no such member.
        """
        if not _is_hex64(fingerprint):
            raise bad_request("the fingerprint must be 64 lowercase hex digits")
        row = (
            self._conn()
            .execute(
                "SELECT name, registration_id, certificate, role, status, enrolled_index, "
                "revoked_index FROM members WHERE fingerprint = ?",
                (fingerprint,),
            )
            .fetchone()
        )
        if row is None:
            raise not_found(f"no member {fingerprint}")
        certificate = x509.load_der_x509_certificate(bytes(row[2]))
        return {
            "fingerprint": fingerprint,
            "name": row[0],
            "registration_id": row[1],
            "role": row[3],
            "status": row[4],
            "enrolled_index": row[5],
            "revoked_index": row[6],
            "certificate_pem": certificate.public_bytes(Encoding.PEM).decode("ascii"),
        }

    def invitation(self, code_hash: bytes) -> tuple[str, str, str | None, int] | None:
        """An invitation's (name, registration id, redeemed by, expiry), if it exists."""
        row = (
            self._conn()
            .execute(
                "SELECT name, registration_id, redeemed_by, expires FROM invitations "
                "WHERE code_hash = ?",
                (code_hash,),
            )
            .fetchone()
        )
        return None if row is None else (str(row[0]), str(row[1]), row[2], int(row[3]))

    def _conn(self) -> Connection:
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            self._local.tree = TreeStore(conn)
            with self._lock:
                self._connections.append(conn)
        return conn

    def _proof(self, compute: Callable[[TreeStore], list[bytes]]) -> list[bytes]:
        self._conn()
        try:
            return compute(self._local.tree)
        except (ProofError, LookupError) as exc:
            raise bad_request(f"no such proof: {exc}") from exc


def _size_param(text: str | None, name: str) -> int:
    value = None if text is None else parse_size(text)
    if value is None:
        raise bad_request(f"'{name}' must be a decimal number without leading zeros")
    return value


def _is_hex64(text: str) -> bool:
    return len(text) == 64 and set(text) <= _HEX
