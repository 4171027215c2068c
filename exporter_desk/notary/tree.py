"""The log's Merkle tree in its database: leaves and perfect-subtree hashes, proofs in O(log n) reads.

A node at ``(level, index)`` is the hash of leaves ``[index << level, (index + 1) << level)``;
appending a leaf stores its level-0 node and every perfect subtree it completes, so any proof or
root needs at most about 2 log2(n) single-row lookups (``merkle.*_from`` functions).

The connection is owned by the caller; appends happen inside the caller's transaction, so the
leaves, the nodes and the checkpoint that covers them commit together or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from exporter_desk.notary.storage._base import Connection
from exporter_desk.trustnet import merkle

SCHEMA = """
CREATE TABLE IF NOT EXISTS tree_nodes (
    level INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    hash BLOB NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;
"""


class TreeStore:
    """Append-only Merkle tree over a connection of the log's storage."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        if isinstance(conn, sqlite3.Connection):
            # A bare SQLite file (tests, benchmarks) gets its table here; a storage back end's
            # migrations create it for every other connection.
            conn.executescript(SCHEMA)

    def size(self) -> int:
        row = self._conn.execute("SELECT max(idx) FROM tree_nodes WHERE level = 0").fetchone()
        return 0 if row[0] is None else int(row[0]) + 1

    def subtree_hash(self, start: int, end: int) -> bytes:
        """Hash of the perfect, aligned subtree of leaves ``[start, end)``."""
        width = end - start
        level = width.bit_length() - 1
        row = self._conn.execute(
            "SELECT hash FROM tree_nodes WHERE level = ? AND idx = ?", (level, start >> level)
        ).fetchone()
        if row is None:
            raise LookupError(f"subtree [{start}, {end}) is not stored")
        return bytes(row[0])

    def append(
        self,
        leaf_hashes: Sequence[bytes],
        size: int,
        *,
        cache: dict[tuple[int, int], bytes] | None = None,
    ) -> int:
        """Append leaves to a tree of ``size`` leaves; return the new size.

        ``size`` is what the caller believes the size is (read in the same transaction), so a
        concurrent writer cannot interleave. ``cache`` (``(level, idx) -> hash``), if given, is
        consulted before the database and receives every new node: a writer that keeps it saves
        the reads of its next appends and proofs. (Stored nodes never change, so it never goes
        stale; a caller whose transaction rolls back must clear it.)
        """
        rows: list[tuple[int, int, bytes]] = []
        pending: dict[tuple[int, int], bytes] = {} if cache is None else cache

        def lookup(level: int, idx: int) -> bytes:
            key = (level, idx)
            found = pending.get(key)
            if found is not None:
                return found
            return self.subtree_hash(idx << level, (idx + 1) << level)

        for leaf in leaf_hashes:
            index = size
            level, idx, node = 0, index, leaf
            pending[(0, idx)] = node
            rows.append((0, idx, node))
            while idx & 1:
                left = lookup(level, idx - 1)
                node = merkle.node_hash(left, node)
                level, idx = level + 1, idx >> 1
                pending[(level, idx)] = node
                rows.append((level, idx, node))
            size += 1
        self._conn.executemany("INSERT INTO tree_nodes (level, idx, hash) VALUES (?, ?, ?)", rows)
        return size

    def root(self, size: int) -> bytes:
        return merkle.root_from_subtrees(size, self.subtree_hash)

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        return merkle.inclusion_proof_from(index, size, self.subtree_hash)

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        return merkle.consistency_proof_from(old_size, new_size, self.subtree_hash)


__all__ = ["TreeStore"]
