"""The sequencer: the only writer of the log. Batches work, appends, checkpoints, cosigns, answers.

One task on the server's event loop (or one thread, in the local network) owns the write
connection; the publisher, a second task (or thread), talks to the witnesses. A batch closes when the
publisher is free, when ``max_batch`` items wait, or when the oldest has waited ``max_delay``
seconds (see :meth:`Sequencer._take_batch`). For each batch:

1. in one ``BEGIN IMMEDIATE`` transaction: decide each item (uniqueness, supersession, the
   invitation, the member's status), insert the accepted entries and the tree nodes, sign the new
   checkpoint with the log key, and commit (durable: ``synchronous = FULL``);
2. ask the witnesses to cosign that checkpoint and store the cosigned note;
3. once a checkpoint meets the policy's quorum, answer every waiting item it covers with a
   receipt (c2sp.org/tlog-proof@v1: the entry, its index, an inclusion proof, the checkpoint).

On a shared database (PostgreSQL) a node runs these steps only while it holds the lease on
``sequencer_head``, and step 1 begins by compare-and-swapping that row (the stored size and root
must be the ones this node extends; see :mod:`exporter_desk.notary.storage.head`): a second node
on the same database stands by, and a fork is never signed.

A crash after step 1 loses nothing acknowledged: nothing is acknowledged before step 3, and on
restart the sequencer cosigns the latest checkpoint again; a client that resubmits the same entry
gets its receipt (idempotent by leaf hash).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass

from exporter_desk.notary.batch import (
    Batch,
    EntryItem,
    EntryWindow,
    Registration,
    RevocationItem,
    Sequenced,
    WorkItem,
)
from exporter_desk.notary.cosign import Cosigner
from exporter_desk.notary.errors import ApiError, unavailable
from exporter_desk.notary.members import MemberDirectory, Registrar
from exporter_desk.notary.storage import Connection, LostLeadership, SequencerHead
from exporter_desk.notary.tree import TreeStore
from exporter_desk.trustnet import (
    Checkpoint,
    Receipt,
    Signer,
    TrustPolicy,
    add_cosignatures,
    format_proof,
    inclusion_proof_from,
    root_from_subtrees,
    sign_checkpoint,
)

__all__ = ["Sequencer", "settle"]

_log = logging.getLogger(__name__)

_NODE_CACHE_LIMIT = 200_000
"""Tree nodes kept in memory (about 150 bytes each); past this the cache starts again."""


@dataclass(slots=True)
class _Waiter:
    sequenced: Sequenced
    future: Future[Registration]


class Sequencer:
    """Owns the write connection; see the module docstring for the life of a batch."""

    def __init__(
        self,
        conn: Connection,
        *,
        origin: str,
        log_signer: Signer,
        registrar: Registrar,
        members: MemberDirectory,
        cosigner: Cosigner,
        policy: TrustPolicy,
        max_batch: int = 256,
        max_delay: float = 0.1,
        clock: Callable[[], float] = time.time,
        window: EntryWindow | None = None,
        on_published: Callable[[int, str], None] | None = None,
        head: SequencerHead | None = None,
    ) -> None:
        self._conn = conn
        # Told (size, cosigned note) of each checkpoint that meets the quorum, from the
        # publisher's thread: the tiles publisher (notary.tiles) takes it from there.
        self._on_published = on_published
        self._head = head
        # Without a head (SQLite) this node is the only writer: the data directory's lock.
        self._leading = head is None
        self._next_lease_check = 0.0
        self._window = window or EntryWindow()
        self._tree = TreeStore(conn)
        self._origin = origin
        self._signer = log_signer
        self._registrar = registrar
        self._members = members
        self._cosigner = cosigner
        self._policy = policy
        self._max_batch = max_batch
        self._max_delay = max_delay
        self._clock = clock
        self._pending: deque[tuple[WorkItem, Future[Registration], float]] = deque()
        self._pending_lock = threading.Lock()
        self._wakeup = threading.Event()
        self._notify: Callable[[], None] = self._wakeup.set
        self._waiters: list[_Waiter] = []
        self._nodes: dict[tuple[int, int], bytes] = {}
        self._size = self._tree.size()
        latest = conn.execute(
            "SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1"
        ).fetchone()
        self._signed: tuple[int, str] | None = None if latest is None else (latest[0], latest[1])
        self._published: tuple[int, str] | None = self._latest_quorum()
        self._cosigned: list[tuple[int, str, bool, dict[str, int]]] = []
        self._cosigned_lock = threading.Lock()
        self._publish_needed = threading.Event()
        self._notify_publisher: Callable[[], None] = self._publish_needed.set
        self._next_admin_poll = 0.0
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._failed: BaseException | None = None

    # --- the public face ---------------------------------------------------------------------

    @property
    def size(self) -> int:
        """The number of entries in the log (committed)."""
        return self._size

    @property
    def published(self) -> tuple[int, str] | None:
        """Size and note of the latest checkpoint that meets the quorum, if any."""
        return self._published

    @property
    def is_leading(self) -> bool:
        """Whether this node sequences (always, without a shared database's head)."""
        return self._leading

    def submit(self, item: WorkItem) -> Future[Registration]:
        """Queue an item (from any thread); the future gets its :class:`Registration` or an
        :class:`ApiError`."""
        future: Future[Registration] = Future()
        self.submit_many([(item, future)])
        return future

    def submit_many(self, work: list[tuple[WorkItem, Future[Registration]]]) -> None:
        """Queue items whose futures the caller made; one wake-up for all of them."""
        if self._failed is not None or self._stopping.is_set():
            for _, future in work:
                settle(future, exception=unavailable("the log is shutting down"))
            return
        now = time.monotonic()
        with self._pending_lock:
            self._pending.extend((item, future, now) for item, future in work)
        self._notify()

    def withdraw(self, future: Future[Registration]) -> bool:
        """Take back a queued item that no batch has taken yet; return whether it was."""
        with self._pending_lock:
            for position, (_, queued, _) in enumerate(self._pending):
                if queued is future:
                    del self._pending[position]
                    return True
        return False

    def start(self) -> None:
        """Run the sequencer on a thread of its own (and start the publisher thread)."""
        self._lead()  # on a shared database: take the lease now if it is free
        self._start_publisher()
        thread = threading.Thread(target=self._run, name="sequencer", daemon=True)
        self._threads.append(thread)
        thread.start()

    async def run_async(self) -> None:
        """Run the sequencer as a task of the running event loop until :meth:`stop`.

        In a server this is cheaper than a thread: the handlers that submit and the sequencer
        share the loop's thread instead of handing the GIL back and forth for every entry. A
        batch runs synchronously on the loop (a few milliseconds, most of it in SQLite).
        """
        self._lead()  # on a shared database: take the lease now if it is free
        loop = asyncio.get_running_loop()
        loop_thread = threading.get_ident()
        event = asyncio.Event()

        publish_needed = asyncio.Event()

        def setter(target: asyncio.Event) -> Callable[[], None]:
            def notify() -> None:
                if threading.get_ident() == loop_thread:
                    target.set()
                else:
                    with contextlib.suppress(RuntimeError):  # the loop is closing
                        loop.call_soon_threadsafe(target.set)

            return notify

        self._notify = setter(event)
        self._notify_publisher = setter(publish_needed)
        publisher = asyncio.create_task(self._run_publisher_async(publish_needed))
        publish_needed.set()  # a checkpoint left uncosigned by a crash is cosigned now
        event.set()  # items submitted before we started
        try:
            while not self._stopping.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), self._wait_time())
                event.clear()
                self.step(self._take_batch())
        except BaseException as exc:
            if not isinstance(exc, asyncio.CancelledError):
                self._failed = exc
                _log.exception("the sequencer stopped")
            self._fail_all(unavailable("the log's sequencer stopped"))
            raise
        finally:
            publish_needed.set()
            publisher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await publisher

    def request_stop(self) -> None:
        """Ask the sequencer to stop after the batch in hand (does not wait)."""
        self._stopping.set()
        self._notify()
        self._notify_publisher()

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the batch in hand, fail what is still queued, and stop the threads.

        With :meth:`run_async`, await that task first: this only joins the threads.
        """
        self.request_stop()
        for thread in self._threads:
            thread.join(timeout)
        self._fail_all(unavailable("the log stopped before answering"))

    # --- batching --------------------------------------------------------------------------------

    def _start_publisher(self) -> None:
        thread = threading.Thread(target=self._run_publisher, name="publisher", daemon=True)
        self._threads.append(thread)
        thread.start()
        self._publish_needed.set()  # a checkpoint left uncosigned by a crash is cosigned now

    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                self._wakeup.wait(self._wait_time())
                self._wakeup.clear()
                self.step(self._take_batch())
        except BaseException as exc:  # keep serving reads; refuse writes with 503
            self._failed = exc
            _log.exception("the sequencer stopped")
            self._fail_all(unavailable("the log's sequencer failed"))

    def _is_publishing(self) -> bool:
        """Whether the publisher is still busy with a checkpoint we signed."""
        signed, published = self._signed, self._published
        return signed is not None and (published is None or published[0] < signed[0])

    def _wait_time(self) -> float:
        """How long to sleep before the next look at the queue (woken earlier by events)."""
        with self._pending_lock:
            oldest = self._pending[0][2] if self._pending else None
        if oldest is None:
            return 0.25
        return max(0.0005, oldest + self._max_delay - time.monotonic())

    def _take_batch(self) -> list[tuple[WorkItem, Future[Registration]]]:
        """The batch to sequence now, or nothing yet.

        A batch closes as soon as the publisher is free to take its checkpoint: while the
        witnesses are cosigning the previous one, entries gather instead (up to ``max_batch``,
        or until the oldest has waited ``max_delay``). So a lone entry is sequenced at once, and
        under load each batch holds what arrived during one round trip to the witnesses.
        """
        with self._pending_lock:
            if not self._pending:
                return []
            due = (
                not self._is_publishing()
                or len(self._pending) >= self._max_batch
                or time.monotonic() - self._pending[0][2] >= self._max_delay
            )
            if not due:
                return []
            count = min(len(self._pending), self._max_batch)
            taken = [self._pending.popleft() for _ in range(count)]
        return [(item, future) for item, future, _ in taken]

    def step(self, work: list[tuple[WorkItem, Future[Registration]]]) -> None:
        """One turn of the sequencer: sequence ``work`` (and due admin requests), store the
        cosignatures the publisher collected, answer what the latest published checkpoint covers.
        """
        if not self._lead():
            for _, future in work:
                settle(future, exception=_standby())
            return
        now = time.monotonic()
        if now >= self._next_admin_poll:
            self._next_admin_poll = now + 0.25
            work = work + self._admin_requests()
        self._answer()  # first: what the publisher just published need not wait for a commit
        with self._cosigned_lock:
            cosigned, self._cosigned = self._cosigned, []
        if work or cosigned:
            self._sequence(work, cosigned)
            self._answer()  # duplicates of entries already published

    # --- the lease (shared databases only) -----------------------------------------------------

    def _lead(self) -> bool:
        """Renew our lease, or try to take it; return whether this node sequences now."""
        head = self._head
        if head is None:
            return True
        now = time.monotonic()
        if now < self._next_lease_check:
            return self._leading
        self._next_lease_check = now + head.ttl / 3
        try:
            if self._leading:
                if not head.renew():
                    self._step_down("the lease passed to another node")
            elif head.try_acquire():
                self._take_over()
            else:
                self._follow()
        except Exception:  # the database is unreachable: we cannot know that we still lead
            _log.exception("the log's database cannot be reached; will try again")
            if self._leading:
                self._step_down("the log's database cannot be reached")
        return self._leading

    def _rollback(self) -> None:
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except Exception:
            if self._head is None:
                raise
            # A shared database's connection is opened again at the next statement.
            _log.exception("the rollback failed: the connection to the database was lost")

    def _take_over(self) -> None:
        """Start sequencing from the stored state, which another node may have moved."""
        self._nodes.clear()
        self._follow()
        self._leading = True
        _log.info(
            "this node (%s) now sequences the log, from size %d",
            self._head.holder if self._head else "-",
            self._size,
        )
        self._notify_publisher()  # the last checkpoint may still lack its cosignatures

    def _follow(self) -> None:
        """Refresh the state a standby serves reads from (size, checkpoints, members)."""
        self._size = self._tree.size()
        latest = self._conn.execute(
            "SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1"
        ).fetchone()
        self._signed = None if latest is None else (int(latest[0]), str(latest[1]))
        self._published = self._latest_quorum()
        self._members.load(self._conn)

    def _step_down(self, why: str) -> None:
        _log.warning("this node stops sequencing: %s", why)
        self._leading = False
        self._next_lease_check = 0.0
        self._nodes.clear()
        with self._cosigned_lock:
            self._cosigned = []
        error = unavailable("another node of the log took over; submit again")
        with self._pending_lock:
            pending, self._pending = list(self._pending), deque()
        for _, future, _ in pending:
            settle(future, exception=error)
        for waiter in self._waiters:
            settle(waiter.future, exception=error)
        self._waiters = []

    def release(self) -> None:
        """Give up the lease (after :meth:`stop`), so a standby takes over at once."""
        if self._head is not None and self._leading:
            self._leading = False
            try:
                self._head.release()
            except Exception:  # unreachable: the lease then simply runs out
                _log.exception("could not release the sequencer lease")

    # --- step 1: sequence ----------------------------------------------------------------------

    def _sequence(
        self,
        work: list[tuple[WorkItem, Future[Registration]]],
        cosigned: list[tuple[int, str, bool, dict[str, int]]],
    ) -> None:
        conn = self._conn
        batch = Batch(
            conn,
            self._size,
            members=self._members,
            registrar=self._registrar,
            clock=self._clock,
            window=self._window,
        )
        outcomes: list[Sequenced | ApiError] = []
        if len(self._nodes) > _NODE_CACHE_LIMIT:
            self._nodes.clear()
        try:
            conn.execute("BEGIN IMMEDIATE")
            if self._head is not None:  # compare-and-swap: the head is ours and unchanged
                self._head.claim(self._size, root_from_subtrees(self._size, self._subtree_hash))
            batch.prefetch([item for item, _ in work if isinstance(item, EntryItem)])
            for item, _ in work:
                try:
                    outcomes.append(batch.apply(item))
                except ApiError as refusal:
                    outcomes.append(refusal)
            batch.finish()
            new_size = self._size
            if batch.leaves:
                new_size = self._tree.append(batch.leaves, self._size, cache=self._nodes)
                root = root_from_subtrees(new_size, self._subtree_hash)
                if self._head is not None:
                    self._head.advance(new_size, root)
                note = sign_checkpoint(Checkpoint(self._origin, new_size, root), self._signer)
                conn.execute(
                    "INSERT INTO checkpoints (size, note, quorum, created) VALUES (?, ?, 0, ?)",
                    (new_size, note, int(self._clock())),
                )
            self._store_cosigned(cosigned)
            conn.execute("COMMIT")
        except LostLeadership as lost:
            self._rollback()
            self._step_down(str(lost))  # first: a client that learns of the refusal sees it
            for _, future in work:
                settle(future, exception=_standby())
            return
        except Exception:
            _log.exception("batch of %d items failed; rolled back", len(work))
            self._rollback()
            self._nodes.clear()  # it may hold nodes of the rolled-back append
            for _, future in work:
                settle(future, exception=unavailable("the log could not store the batch"))
            with self._cosigned_lock:  # keep them for the next transaction
                self._cosigned[:0] = cosigned
            return
        self._size = new_size
        if batch.leaves:
            self._signed = (new_size, note)
            self._notify_publisher()
        for action in batch.after_commit:
            action()
        for (_, future), outcome in zip(work, outcomes, strict=True):
            if isinstance(outcome, ApiError):
                settle(future, exception=outcome)
            else:
                self._waiters.append(_Waiter(outcome, future))

    def _store_cosigned(self, cosigned: list[tuple[int, str, bool, dict[str, int]]]) -> None:
        for size, note, quorum, known_sizes in cosigned:
            self._conn.execute(
                "UPDATE checkpoints SET note = ?, quorum = ? WHERE size = ?",
                (note, int(quorum), size),
            )
            self._conn.executemany(
                "INSERT INTO witness_sizes (name, size) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET size = excluded.size",
                list(known_sizes.items()),
            )

    def _admin_requests(self) -> list[tuple[WorkItem, Future[Registration]]]:
        rows = self._conn.execute(
            "SELECT id, fingerprint FROM admin_requests "
            "WHERE action = 'revoke' AND done_index IS NULL AND error IS NULL ORDER BY id"
        ).fetchall()
        return [(RevocationItem(int(row[0]), str(row[1])), Future()) for row in rows]

    # --- the publisher thread ------------------------------------------------------------------

    def _run_publisher(self) -> None:
        retry_at = 0.0
        while not self._stopping.is_set():
            self._publish_needed.wait(timeout=max(0.01, retry_at - time.monotonic()))
            self._publish_needed.clear()
            target = self._publish_target(retry_at)
            if target is None:
                continue
            try:
                quorum = self._published_with(*target, self._cosigner.cosign(*target))
            except Exception:
                _log.exception("publishing checkpoint %d failed", target[1])
                quorum = False
            retry_at = 0.0 if quorum else time.monotonic() + 0.5

    async def _run_publisher_async(self, needed: asyncio.Event) -> None:
        retry_at = 0.0
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(needed.wait(), max(0.01, retry_at - time.monotonic()))
            needed.clear()
            target = self._publish_target(retry_at)
            if target is None:
                continue
            try:
                quorum = self._published_with(*target, await self._cosigner.cosign_async(*target))
            except Exception:
                _log.exception("publishing checkpoint %d failed", target[1])
                quorum = False
            retry_at = 0.0 if quorum else time.monotonic() + 0.5

    def _publish_target(self, retry_at: float) -> tuple[str, int] | None:
        """The signed checkpoint (note, size) to have cosigned now, if any."""
        if self._stopping.is_set() or time.monotonic() < retry_at or not self._leading:
            return None
        signed, published = self._signed, self._published
        if signed is None or (published is not None and published[0] >= signed[0]):
            return None
        return signed[1], signed[0]

    def _published_with(self, note: str, size: int, lines: dict[str, str]) -> bool:
        """Record the cosignatures of checkpoint ``size``; publish it if they meet the quorum.

        The cosigned note is answered with at once; the sequencer stores it in its next
        transaction (a crash before that only means the witnesses are asked again on restart).
        """
        cosigned = add_cosignatures(note, lines.values()) if lines else note
        quorum = self._policy.is_satisfied(lines)
        with self._cosigned_lock:
            self._cosigned.append((size, cosigned, quorum, self._cosigner.known_sizes))
        if quorum:
            self._published = (size, cosigned)
            if self._on_published is not None:
                self._on_published(size, cosigned)
        else:
            _log.warning(
                "checkpoint %d cosigned by %s only: quorum %r not met; will retry",
                size,
                sorted(lines) or "no witness",
                self._policy.quorum,
            )
        self._notify()
        return quorum

    # --- step 3: answer ------------------------------------------------------------------------

    def _answer(self) -> None:
        if not self._waiters:
            return
        published = self._published
        still: list[_Waiter] = []
        for waiter in self._waiters:
            if waiter.future.done():
                continue  # the client gave up waiting; a retry will find the entry
            if published is None or waiter.sequenced.index >= published[0]:
                still.append(waiter)
                continue
            size, note = published
            proof = inclusion_proof_from(waiter.sequenced.index, size, self._subtree_hash)
            receipt = format_proof(
                Receipt(
                    extra=waiter.sequenced.data,
                    index=waiter.sequenced.index,
                    proof=tuple(proof),
                    checkpoint=note,
                )
            )
            settle(
                waiter.future,
                result=Registration(waiter.sequenced.index, receipt, waiter.sequenced.duplicate),
            )
        self._waiters = still

    def cached_subtree_hash(self, start: int, end: int) -> bytes | None:
        """The hash of a perfect subtree if the node cache holds it (safe from any thread)."""
        level = (end - start).bit_length() - 1
        return self._nodes.get((level, start >> level))

    def _subtree_hash(self, start: int, end: int) -> bytes:
        # Stored nodes never change, so the cache (shared with TreeStore.append) never goes stale.
        level = (end - start).bit_length() - 1
        key = (level, start >> level)
        digest = self._nodes.get(key)
        if digest is None:
            digest = self._nodes[key] = self._tree.subtree_hash(start, end)
        return digest

    # --- helpers -------------------------------------------------------------------------------

    def _latest_quorum(self) -> tuple[int, str] | None:
        row = self._conn.execute(
            "SELECT size, note FROM checkpoints WHERE quorum = 1 ORDER BY size DESC LIMIT 1"
        ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def _fail_all(self, error: ApiError) -> None:
        with self._pending_lock:
            pending, self._pending = list(self._pending), deque()
        for _, future, _ in pending:
            settle(future, exception=error)
        for waiter in self._waiters:
            settle(waiter.future, exception=error)
        self._waiters = []


def _standby() -> ApiError:
    return unavailable("this node of the log is a standby; another node sequences")


def settle(
    future: Future[Registration],
    *,
    result: Registration | None = None,
    exception: BaseException | None = None,
) -> None:
    """Complete ``future`` unless it is already done (a client that gave up cancels it)."""
    if future.done():
        return
    try:
        if exception is not None:
            future.set_exception(exception)
        elif result is not None:
            future.set_result(result)
    except InvalidStateError:
        pass  # cancelled by the waiting client in the meantime
