"""The log node without HTTP: checks what clients send, hands it to the sequencer, answers reads.

:class:`LogService` is what both the Starlette app and the in-process local network call. Every
check that can refuse a request happens here, before anything reaches the sequencer, so a
refused request writes nothing; the sequencer then decides what depends on the log's state
(uniqueness, supersession, the invitation being unused).
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from exporter_desk.notary._files import FILE_VAULT, SecretVault, WriterLock
from exporter_desk.notary.batch import (
    EnrolmentItem,
    EntryItem,
    EntryWindow,
    Registration,
    WorkItem,
)
from exporter_desk.notary.ca import public_key_of
from exporter_desk.notary.cosign import ConfiguredWitness, Cosigner, HttpWitnessEndpoint
from exporter_desk.notary.errors import (
    MAX_BODY_SIZE,
    ApiError,
    bad_request,
    invitation_invalid,
    key_already_enrolled,
    member_revoked,
    rate_limited,
    receipt_pending,
    too_large,
    unavailable,
)
from exporter_desk.notary.members import (
    MemberDirectory,
    MemberInfo,
    hash_secret,
    new_api_token,
    normalise_invitation_code,
    public_key_id,
)
from exporter_desk.notary.presentments import SECRET_FILE, PresentmentDesk, PresentmentSecret
from exporter_desk.notary.provision import REGISTRAR_NAME, LogKeys, load_log
from exporter_desk.notary.ratelimit import Network, RateLimiter
from exporter_desk.notary.reads import LogReader
from exporter_desk.notary.sequencer import Sequencer
from exporter_desk.notary.signatures import SignatureChecker, verify_entry_signature
from exporter_desk.notary.storage import (
    Connection,
    LogStorage,
    SequencerHead,
    open_log_storage,
)
from exporter_desk.notary.tile_sinks import TileSink
from exporter_desk.notary.tiles import TilePublisher
from exporter_desk.notary.tree import TreeStore
from exporter_desk.trustnet import (
    Entry,
    EntryError,
    certificate_fingerprint,
    consistency_proof_from,
    leaf_hash,
)

__all__ = ["MAX_BODY_SIZE", "Enrolment", "LogService", "LogSettings"]

_RESERVED_KINDS = frozenset({"enrolment", "revocation"})


@dataclass(frozen=True, slots=True)
class LogSettings:
    """Tunables of a log node; the defaults are the production ones.

    Enrolment attempts are limited twice: per client address (``enrol_rate``/``enrol_burst``;
    behind a reverse proxy the address comes from ``X-Forwarded-For``, believed only from
    ``trusted_proxies``) and per invitation code (``invitation_rate``/``invitation_burst``), so
    neither a flood from one address nor a flood on one code locks out anyone else.
    ``entry_window`` bounds entry times (see :class:`~exporter_desk.notary.batch.EntryWindow`).
    ``tiles``, if set, is where witnessed checkpoints are also published as C2SP tlog-tiles, at
    most one per ``tiles_interval`` seconds (see :mod:`exporter_desk.notary.tiles`).
    ``lease_seconds``: on a shared (PostgreSQL) database, how long the sequencer's lease lasts
    without renewal, so how soon a standby node takes over from one that died.
    """

    rate: float = 200.0
    burst: float = 400.0
    enrol_rate: float = 2.0
    enrol_burst: float = 20.0
    invitation_rate: float = 1 / 60
    invitation_burst: float = 5.0
    trusted_proxies: tuple[Network, ...] = ()
    entry_window: EntryWindow = field(default_factory=EntryWindow)
    presentment_rate: float = 2.0
    presentment_burst: float = 30.0
    max_batch: int = 256
    max_delay: float = 0.1
    receipt_timeout: float = 10.0
    tiles: TileSink | None = None
    tiles_retry_delay: float = 1.0
    tiles_interval: float = 1.0

    lease_seconds: float = 10.0


@dataclass(frozen=True, slots=True)
class Enrolment:
    """What a new member receives: its certificate, API token, the CA, and the log's receipt."""

    fingerprint: str
    certificate_pem: str
    api_token: str
    member_ca_pem: str
    index: int
    receipt: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "certificate_pem": self.certificate_pem,
            "api_token": self.api_token,
            "member_ca_pem": self.member_ca_pem,
            "index": self.index,
            "receipt": self.receipt,
        }


class LogService:
    """A running log: its keys, the sequencer thread, the members, and read connections."""

    def __init__(
        self,
        data_dir: Path,
        *,
        witnesses: Sequence[ConfiguredWitness] | None = None,
        settings: LogSettings | None = None,
        clock: Callable[[], float] = time.time,
        vault: SecretVault = FILE_VAULT,
    ) -> None:
        self.keys: LogKeys = load_log(data_dir, vault)
        self.settings = settings or LogSettings()
        self._clock = clock
        self.storage: LogStorage = open_log_storage(self.keys.files)
        # A SQLite file has one node; on a shared database the sequencer's lease decides.
        self._lock: WriterLock | None = None
        if not self.storage.shared:
            self._lock = WriterLock(self.keys.files.lock)
            self._lock.acquire()
        self._closed = False
        self._write = self._proof_conn = None
        try:
            self._write = self.storage.connect()
            self.members = MemberDirectory()
            self.members.load(self._write)
            self._proof_conn = proof_conn = self.storage.connect()
            proof_tree = TreeStore(proof_conn)
            proof_lock = threading.Lock()

            def subtree_hash(start: int, end: int) -> bytes:
                digest = self.sequencer.cached_subtree_hash(start, end)
                if digest is None:
                    with proof_lock:
                        digest = proof_tree.subtree_hash(start, end)
                return digest

            def consistency(old: int, new: int) -> list[bytes]:
                # Mostly from the sequencer's node cache: the witnesses want recent subtrees.
                return consistency_proof_from(old, new, subtree_hash)

            self.tiles: TilePublisher | None = None
            self._tile_entries: _EntryReader | None = None
            if self.settings.tiles is not None:
                self._tile_entries = _EntryReader(self.storage.connect())
                self.tiles = TilePublisher(
                    self.settings.tiles,
                    self._tile_entries,
                    retry_delay=self.settings.tiles_retry_delay,
                    min_interval=self.settings.tiles_interval,
                )
            known = dict(self._write.execute("SELECT name, size FROM witness_sizes").fetchall())
            self._cosigner = Cosigner(
                self._default_witnesses() if witnesses is None else witnesses,
                consistency,
                known_sizes=known,
            )
            self.sequencer = Sequencer(
                self._write,
                origin=self.keys.descriptor.origin,
                log_signer=self.keys.log_signer,
                registrar=self.keys.registrar,
                members=self.members,
                cosigner=self._cosigner,
                policy=self.keys.descriptor.policy,
                max_batch=self.settings.max_batch,
                max_delay=self.settings.max_delay,
                clock=clock,
                window=self.settings.entry_window,
                on_published=None if self.tiles is None else self.tiles.offer,
                head=None
                if not self.storage.shared
                else SequencerHead(self._write, _node_id(), self.settings.lease_seconds),
            )
        except BaseException:
            for conn in (self._proof_conn, self._write):
                if conn is not None:
                    conn.close()
            if self._lock is not None:
                self._lock.release()
            raise
        self.reads = LogReader(self.storage.connect, self.members, lambda: self.sequencer.size)
        self._signatures = SignatureChecker(self.members, self.sequencer)
        self._limiter = RateLimiter(self.settings.rate, self.settings.burst)
        self._enrol_limiter = RateLimiter(self.settings.enrol_rate, self.settings.enrol_burst)
        self._invitation_limiter = RateLimiter(
            self.settings.invitation_rate, self.settings.invitation_burst
        )
        self.presentments = PresentmentDesk(
            self.storage.connect(),
            PresentmentSecret(self.keys.files.root / SECRET_FILE, vault),
            self.authenticate,
            rate=self.settings.presentment_rate,
            burst=self.settings.presentment_burst,
            clock=clock,
        )

    def _default_witnesses(self) -> list[ConfiguredWitness]:
        return [
            ConfiguredWitness(w.name, w.verifier, HttpWitnessEndpoint(w.url))
            for w in self.keys.descriptor.policy.witnesses
            if w.url is not None
        ]

    # --- life cycle ----------------------------------------------------------------------------

    def start(self) -> None:
        """Run the sequencer on its own thread (the local network, the CLI's one-shot runs)."""
        self._start_tiles()
        self.sequencer.start()
        self._enrol_registrar()

    async def run(self) -> None:
        """Run the sequencer on the running event loop (the server) until it is stopped."""
        self._start_tiles()
        self._enrol_registrar()
        await self.sequencer.run_async()

    def _start_tiles(self) -> None:
        """Start the tiles publisher, with the latest witnessed checkpoint (after a restart,
        the storage may be behind it)."""
        if self.tiles is None:
            return
        published = self.sequencer.published
        if published is not None:
            self.tiles.offer(*published)
        self.tiles.start()

    def _enrol_registrar(self) -> None:
        """The first start enrols the registrar: the log's entry 0."""
        registrar = self.keys.registrar
        if self.members.get(registrar.fingerprint) is not None:
            return
        entry, data = registrar.entry("enrolment", registrar.certificate_der, self._clock())
        key_id = public_key_id(public_key_of(registrar.certificate))
        self.sequencer.submit(
            EnrolmentItem(
                entry=entry,
                data=data,
                leaf=leaf_hash(data),
                fingerprint=registrar.fingerprint,
                name=REGISTRAR_NAME,
                registration_id=self.keys.descriptor.origin[:64],
                certificate_der=registrar.certificate_der,
                token_hash=None,
                role="registrar",
                invitation_hash=None,
                key_id=key_id,
            )
        )

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._signatures.stop()
        self.sequencer.stop()
        if self.tiles is not None:
            self.tiles.stop()
        if self._tile_entries is not None:
            self._tile_entries.close()
        self.sequencer.release()
        self._cosigner.close()
        self.presentments.close()
        self.reads.close()
        if self._proof_conn is not None:
            self._proof_conn.close()
        if self._write is not None:
            self._write.close()
        if self._lock is not None:
            self._lock.release()

    # --- submissions ---------------------------------------------------------------------------

    def prepare_entry(
        self, authorization: str | None, body: bytes, *, verify: bool = True
    ) -> EntryItem:
        """Check a submission completely; return the item for the sequencer.

        With ``verify=False`` the issuer's signature is left to :meth:`submit_unverified`.

        Raises:
            ApiError: 401 no or unknown token; 403 revoked member, entry of another issuer,
                reserved kind, or bad signature; 429 over the member's rate; 400 malformed entry;
                503 on a standby node. (400 ``time_*`` comes from the sequencer.)
        """
        self._check_sequencing()
        member = self.authenticate(authorization)
        wait = self._limiter.take(member.fingerprint)
        if wait > 0:
            raise rate_limited(wait)
        if len(body) > MAX_BODY_SIZE:
            raise too_large()
        try:
            entry = Entry.parse(body)
        except EntryError as exc:
            raise ApiError(
                400,
                "malformed_entry",
                f"the entry is not a canonical exporter-desk-entry/v1: {exc}",
                user_message=(
                    "The registration record is malformed and was refused. This is a bug in the "
                    f"sending application: {exc}"
                ),
            ) from exc
        if entry.issuer != member.fingerprint:
            raise ApiError(
                403,
                "wrong_issuer",
                f"the entry's issuer {entry.issuer} is not the token's member {member.fingerprint}",
                user_message=(
                    "The document was signed with a certificate other than your company's "
                    "enrolled one. Sign with the enrolled certificate."
                ),
            )
        if entry.kind in _RESERVED_KINDS:
            raise ApiError(
                403,
                "reserved_kind",
                f"only the registrar records {entry.kind} entries",
                user_message="Members cannot register enrolment or revocation records.",
            )
        if entry.kind == "presentment":
            raise ApiError(
                403,
                "presentment_via_entries",
                "presentments are recorded with POST /v1/presentments",
                user_message="Presentments are recorded through the presentment service.",
            )
        if verify:
            verify_entry_signature(entry, member.public_key)
        # The entry's time is checked by the sequencer (EntryWindow), after it knows whether the
        # entry is already in the log: a resubmission is answered whatever the entry's age.
        return EntryItem(entry, body, leaf_hash(body))

    def _check_sequencing(self) -> None:
        """Raises: ApiError 503 on a standby node of a shared database (its member list may lag,
        and only the node that sequences can answer a submission)."""
        if not self.sequencer.is_leading:
            raise unavailable("this node of the log is a standby; another node sequences")

    def authenticate(self, authorization: str | None) -> MemberInfo:
        """Return the active member whose API token the ``Authorization`` header carries.

        Raises:
            ApiError: 401 if the header is missing, not ``Bearer <token>``, or the token is
                unknown; 403 if the member is revoked.
        """
        scheme, _, token = (authorization or "").strip().partition(" ")
        member = (
            self.members.by_token(token.strip())
            if scheme.lower() == "bearer" and token.strip()
            else None
        )
        if member is None or member.role != "member":
            raise ApiError(
                401,
                "unauthorized",
                "a valid API token is required: Authorization: Bearer <token>",
                user_message=(
                    "The trust network did not accept your API token. Check the network settings, "
                    "or enrol again."
                ),
                headers={"WWW-Authenticate": 'Bearer realm="exporter-desk"'},
            )
        if not member.active:
            raise member_revoked()
        return member

    def submit(self, item: WorkItem) -> Future[Registration]:
        """Queue an item for the sequencer (nothing is refused here)."""
        return self.sequencer.submit(item)

    def submit_unverified(self, item: EntryItem) -> Future[Registration]:
        """Check the entry's signature on the signature thread, then queue it (or fail 403).

        ECDSA verification releases the GIL: on that thread it runs on another core while the
        event loop goes on parsing requests.
        """
        return self._signatures.submit(item)

    def register(self, authorization: str | None, body: bytes) -> Registration:
        """Check, sequence and wait for the receipt (synchronous).

        Raises:
            ApiError: as :meth:`prepare_entry`, or as the sequencer decides (409), or 503 if no
                receipt could be produced within ``receipt_timeout`` (resubmit to get it).
        """
        return self.wait(self.submit(self.prepare_entry(authorization, body)))

    def wait(self, future: Future[Registration]) -> Registration:
        try:
            return future.result(timeout=self.settings.receipt_timeout)
        except FutureTimeout:
            future.cancel()
            raise receipt_pending() from None

    # --- enrolment -----------------------------------------------------------------------------

    def prepare_enrolment(self, invitation: object, csr_pem: object) -> tuple[EnrolmentItem, str]:
        """Check an invitation and a CSR, issue the certificate; return the item and the token.

        Raises:
            ApiError: 400 malformed fields or CSR; 403 invalid invitation; 409 the CSR's key is
                already enrolled (the sequencer checks it again, race-free); 429 this code was
                tried too often.
        """
        self._check_sequencing()
        if not isinstance(invitation, str) or not 1 <= len(invitation) <= 100:
            raise bad_request("'invitation' must be the invitation code (a string)")
        if not isinstance(csr_pem, str):
            raise bad_request("'csr_pem' must be a PEM certificate request (a string)")
        code_hash = hash_secret(normalise_invitation_code(invitation))
        wait = self._invitation_limiter.take(code_hash.hex())
        if wait > 0:
            raise rate_limited(wait)
        row = self.reads.invitation(code_hash)
        now = self._clock()
        if row is None or row[2] is not None or row[3] < now:
            raise invitation_invalid()
        name, registration_id = str(row[0]), str(row[1])
        certificate = self.keys.ca.issue_from_csr(
            csr_pem,
            name=name,
            registration_id=registration_id,
            now=datetime.fromtimestamp(now, tz=UTC),
            crl_url=self.crl_url,
        )
        der = certificate.public_bytes(Encoding.DER)
        key_id = public_key_id(public_key_of(certificate))
        holder = self.members.holder_of_key(key_id)
        if holder is not None:
            raise key_already_enrolled(holder)
        token = new_api_token()
        entry, data = self.keys.registrar.entry("enrolment", der, now)
        item = EnrolmentItem(
            entry=entry,
            data=data,
            leaf=leaf_hash(data),
            fingerprint=certificate_fingerprint(der),
            name=name,
            registration_id=registration_id,
            certificate_der=der,
            token_hash=hash_secret(token),
            role="member",
            invitation_hash=code_hash,
            key_id=key_id,
        )
        return item, token

    def check_enrolment_rate(self, client: str) -> None:
        """Raises: ApiError 429 if ``client`` (an address) tries invitations too fast.

        The limit per invitation code is in :meth:`prepare_enrolment`.
        """
        wait = self._enrol_limiter.take(client)
        if wait > 0:
            raise rate_limited(wait)

    def enrolment_result(
        self, item: EnrolmentItem, token: str, registration: Registration | None
    ) -> Enrolment:
        """What the new member gets; ``registration`` None if the witnesses are late."""
        certificate = x509.load_der_x509_certificate(item.certificate_der)
        index = registration.index if registration else self.reads.member(item.fingerprint)
        return Enrolment(
            fingerprint=item.fingerprint,
            certificate_pem=certificate.public_bytes(Encoding.PEM).decode("ascii"),
            api_token=token,
            member_ca_pem=self.keys.ca.certificate_pem,
            index=index if isinstance(index, int) else int(index["enrolled_index"]),
            receipt=registration.receipt if registration else None,
        )

    def enrolment_timed_out(self, item: EnrolmentItem, future: Future[Registration]) -> None:
        """After the wait for an enrolment's receipt timed out: decide what the client learns.

        The API token exists only in this request, so an enrolment that was committed must be
        answered (without its receipt) rather than refused. Returns if it was committed.

        Raises:
            ApiError: 503 if it was not (the invitation is still unused), or the sequencer's
                refusal.
        """
        if self.sequencer.withdraw(future):
            raise unavailable("the enrolment could not be recorded in time; try again")
        deadline = time.monotonic() + 30
        while not future.done() and time.monotonic() < deadline:
            if self.members.get(item.fingerprint) is not None:
                return  # committed; only the witnesses are late
            time.sleep(0.01)
        if future.done() and not future.cancelled():
            error = future.exception()
            if error is not None:
                raise error
        if self.members.get(item.fingerprint) is None:
            raise unavailable("the enrolment could not be recorded in time; try again")

    def enrol(self, invitation: str, csr_pem: str) -> Enrolment:
        """Redeem an invitation with a CSR (synchronous).

        Raises:
            ApiError: as :meth:`prepare_enrolment`, or 403/409 as the sequencer decides.
        """
        item, token = self.prepare_enrolment(invitation, csr_pem)
        future = self.submit(item)
        try:
            registration: Registration | None = future.result(self.settings.receipt_timeout)
        except FutureTimeout:
            self.enrolment_timed_out(item, future)
            registration = None
        return self.enrolment_result(item, token, registration)

    @property
    def crl_url(self) -> str:
        """Where member certificates say their revocation list is (``GET /v1/crl``)."""
        return self.keys.descriptor.api_url.rstrip("/") + "/v1/crl"

    def revocation_list(self) -> bytes:
        """The member CA's current CRL (DER): every revoked member certificate."""
        revoked = [
            (x509.load_der_x509_certificate(der).serial_number, when)
            for der, when in self.reads.revoked_certificates()
        ]
        return self.keys.ca.revocation_list(
            revoked, now=datetime.fromtimestamp(self._clock(), tz=UTC)
        )

    # --- reads ---------------------------------------------------------------------------------

    def checkpoint(self) -> str:
        """The latest checkpoint that meets the policy's quorum.

        Raises:
            ApiError: 503 if there is none yet.
        """
        published = self.sequencer.published
        if published is None:
            raise ApiError(
                503,
                "no_checkpoint",
                "no checkpoint has been cosigned by a quorum of witnesses yet",
                user_message="The trust network has not published a witnessed checkpoint yet.",
                retry_after=1,
            )
        return published[1]


class _EntryReader:
    """Entries ``[start, end)`` for the tiles publisher, on a read connection of its own."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._lock = threading.Lock()

    def __call__(self, start: int, end: int) -> list[bytes]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT data FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx", (start, end)
            ).fetchall()
        return [bytes(row[0]) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _node_id() -> str:
    """This process's name in the sequencer lease: host, process id, and a random tag."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
