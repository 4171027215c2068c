"""One sequencer at a time on a shared database: a lease, and a compare-and-swap on the stored
checkpoint (table ``sequencer_head``, one row; PostgreSQL).

The rule, in the order the sequencer applies it:

1. **Lease.** A node sequences only while it holds the lease: ``holder`` is its id and
   ``lease_until`` (the database's clock, so the nodes' clocks do not matter) lies ahead. The
   holder renews it every third of the lease; another node takes it only once it has expired
   (:meth:`SequencerHead.try_acquire`). A node that dies (kill -9) stops renewing, and a standby
   takes over within one lease time.
2. **Compare-and-swap.** Each batch transaction begins with
   ``UPDATE sequencer_head ... WHERE holder = me AND size = my size AND root = my root``
   (:meth:`SequencerHead.claim`). The row lock it takes makes every other writer wait until the
   batch commits; if no row matched, the tree moved or the lease passed to another node, and the
   batch is rolled back *before anything is signed* (:class:`LostLeadership`). The batch's last
   write moves the head to the new size and root (:meth:`SequencerHead.advance`), in the same
   transaction as the leaves, the nodes and the checkpoint. So two sequencers can never both
   extend one checkpoint: a fork is never signed, even when a paused node wakes up believing it
   still leads.
"""

from __future__ import annotations

from exporter_desk.notary.storage._base import Connection

__all__ = ["LostLeadership", "SequencerHead"]

_NOW = "extract(epoch from clock_timestamp())"


class LostLeadership(Exception):
    """The stored checkpoint is not the one this sequencer extends, or another node holds the
    lease: this node must stop sequencing (nothing of the batch was signed or kept)."""


class SequencerHead:
    """The lease and compare-and-swap of one node (``holder``) over ``conn``, the sequencer's
    write connection; ``ttl`` is the lease time in seconds."""

    def __init__(self, conn: Connection, holder: str, ttl: float) -> None:
        self._conn = conn
        self.holder = holder
        self.ttl = ttl

    def try_acquire(self) -> bool:
        """Take the lease if it is free, expired or already ours; return whether we hold it."""
        cursor = self._conn.execute(
            f"UPDATE sequencer_head SET holder = ?, lease_until = {_NOW} + ? "
            f"WHERE id = 1 AND (holder = ? OR lease_until < {_NOW})",
            (self.holder, self.ttl, self.holder),
        )
        return cursor.rowcount == 1

    def renew(self) -> bool:
        """Extend our lease; False if it is no longer ours."""
        cursor = self._conn.execute(
            f"UPDATE sequencer_head SET lease_until = {_NOW} + ? WHERE id = 1 AND holder = ?",
            (self.ttl, self.holder),
        )
        return cursor.rowcount == 1

    def release(self) -> None:
        """Give the lease up now (a clean stop), so that a standby need not wait for it."""
        self._conn.execute(
            "UPDATE sequencer_head SET lease_until = 0 WHERE id = 1 AND holder = ?",
            (self.holder,),
        )

    def stored(self) -> tuple[int, bytes, str, float]:
        """The head as stored: size, root, holder, seconds left on the lease."""
        row = self._conn.execute(
            f"SELECT size, root, holder, lease_until - {_NOW} FROM sequencer_head WHERE id = 1"
        ).fetchone()
        return int(row[0]), bytes(row[1]), str(row[2]), float(row[3])

    def claim(self, size: int, root: bytes) -> None:
        """First statement of a batch transaction: lock the head if it is (size, root) and ours.

        Raises:
            LostLeadership: it is not; roll back.
        """
        cursor = self._conn.execute(
            f"UPDATE sequencer_head SET lease_until = {_NOW} + ? "
            "WHERE id = 1 AND holder = ? AND size = ? AND root = ?",
            (self.ttl, self.holder, size, root),
        )
        if cursor.rowcount != 1:
            raise LostLeadership(
                f"the stored checkpoint is not size {size} root {root.hex()} held by "
                f"{self.holder}: another sequencer moved it or holds the lease"
            )

    def advance(self, size: int, root: bytes) -> None:
        """Move the head to the batch's new checkpoint (the row is locked by :meth:`claim`)."""
        self._conn.execute(
            "UPDATE sequencer_head SET size = ?, root = ? WHERE id = 1 AND holder = ?",
            (size, root, self.holder),
        )
