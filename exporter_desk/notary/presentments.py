"""Presentments on the node: blinding business keys, the private record, and the bank's queries.

A member bank records that it received or financed a document. It sends, over its
authenticated API, the document's canonical business key
(:mod:`exporter_desk.trustnet.presentment`) and the leaf hash of the document's entry; the node
blinds both with HMAC-SHA256 under a secret that only it holds (``presentment.key`` beside the
database, never in the log), and the log's public ``presentment`` entry carries only:

* ``issuer``: the bank's member fingerprint (the bank signs the entry; nobody records for it);
* ``number``: HMAC(secret, bank, blinded key): the same bank's second presentment of a key is
  caught by the log's uniqueness rule, yet two banks' entries for one key do not match;
* ``digest``: HMAC(secret, bank, document leaf hash): which document, only for the network;
* ``time``: when, as the bank signed it; ``length`` 1.

A reader of the log without the secret learns that a member recorded a presentment at a time,
nothing about which document or key; even two presentments of one key look unrelated. The
private row (table ``presentments``, log migration 2) keeps the blinded key (not the key), the
document's entry, the amount financed and the bank's consent to be named. Members meet through
:meth:`PresentmentDesk.lookup`: "presented on DATE", naming the bank only if it consented, and
its amount only to itself. The issuer of a document sees which of its documents were presented
(:meth:`PresentmentDesk.documents`).

All SQL of presentments is in this module, in portable SQL, for the PostgreSQL store to port.
Requests are limited per member by their own token bucket: a flood is refused with 429.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from exporter_desk.notary._files import SecretVault
from exporter_desk.notary.batch import EntryItem, Registration
from exporter_desk.notary.errors import ApiError, bad_request, rate_limited
from exporter_desk.notary.members import MemberInfo
from exporter_desk.notary.ratelimit import RateLimiter
from exporter_desk.notary.signatures import verify_entry_signature
from exporter_desk.notary.storage import Connection
from exporter_desk.trustnet import Entry, EntryError, leaf_hash
from exporter_desk.trustnet.presentment import PRESENTMENT_KIND, is_canonical_key

__all__ = ["SECRET_FILE", "PresentmentDesk", "PresentmentSecret"]

SECRET_FILE = "presentment.key"
"""The secret's file name in the log's data directory (0600, like the other private keys)."""

_NOT_DOCUMENTS = frozenset({"enrolment", "revocation", PRESENTMENT_KIND})
_MAX_ANSWERS = 50
_MAX_DOCUMENTS = 10_000
_HEX64 = frozenset("0123456789abcdef")


class PresentmentSecret:
    """The network's blinding key: 32 random bytes, made on first use, kept in the vault."""

    def __init__(self, path: Path, vault: SecretVault) -> None:
        self._path = path
        self._vault = vault
        self._key: bytes | None = None
        self._lock = threading.Lock()

    def key(self) -> bytes:
        with self._lock:
            if self._key is None:
                if not self._vault.exists(self._path):
                    encoded = base64.b64encode(secrets.token_bytes(32)) + b"\n"
                    self._vault.write(self._path, encoded)
                text = self._vault.read(self._path, "presentment secret").strip()
                key = base64.b64decode(text, validate=True)
                if len(key) != 32:
                    raise ValueError(f"{self._path}: the presentment secret is not 32 bytes")
                self._key = key
            return self._key

    def _mac(self, label: str, *parts: str) -> str:
        message = "\n".join((f"exporter-desk/{label}/v1", *parts)).encode("utf-8")
        return hmac.new(self.key(), message, hashlib.sha256).hexdigest()

    def blinded_key(self, canonical_key: str) -> str:
        """What the private record and the lookup match on: HMAC of the business key."""
        return self._mac("presentment-key", canonical_key)

    def entry_number(self, bank: str, blinded_key: str) -> str:
        """The public entry's ``number``: per bank, so two banks' entries for a key differ."""
        return self._mac("presentment-number", bank, blinded_key)

    def entry_digest(self, bank: str, document_leaf: str) -> str:
        """The public entry's ``digest``: names the document for the network only."""
        return self._mac("presentment-document", bank, document_leaf)


@dataclass(frozen=True, slots=True)
class _Document:
    index: int
    issuer: str
    kind: str
    number: str


@dataclass(frozen=True, slots=True)
class PendingPresentment:
    """A checked request whose entry is on its way to the sequencer."""

    leaf_hash: str
    item: EntryItem | None
    earlier: dict[str, Any] | None


def _is_hex64(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX64


def _iso(entry: Entry) -> str:
    return entry.time.strftime("%Y-%m-%dT%H:%M:%SZ")


class PresentmentDesk:
    """The node's presentment service; its methods are synchronous and thread-safe.

    ``authenticate`` is the log's token check (401/403); ``conn`` a connection of its own to the
    log database (SQLite or PostgreSQL, ``notary.storage``), already migrated to version 2.
    """

    def __init__(
        self,
        conn: Connection,
        secret: PresentmentSecret,
        authenticate: Callable[[str | None], MemberInfo],
        *,
        rate: float,
        burst: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._secret = secret
        self._authenticate = authenticate
        self._limiter = RateLimiter(rate, burst)
        self._clock = clock

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # --- the requests ---------------------------------------------------------------------------

    def member(self, authorization: str | None) -> MemberInfo:
        """The caller, authenticated and within its presentment rate.

        Raises:
            ApiError: 401/403 as the log's authentication; 429 over the rate.
        """
        member = self._authenticate(authorization)
        wait = self._limiter.take(member.fingerprint)
        if wait > 0:
            raise rate_limited(wait)
        return member

    def lookup(self, member: MemberInfo, body: Mapping[str, Any]) -> dict[str, Any]:
        """Who presented this key before: ``{"presented": [...], "entry": {...} | null}``.

        Each earlier presentment gives its ``date``, ``mine`` (the caller's own), ``bank`` (its
        name only if that bank consented, or if it is the caller's) and, for the caller's own,
        the ``amount`` and ``currency``. With a ``document`` (leaf hash of its entry), ``entry``
        gives the ``number`` and ``digest`` the caller's presentment entry must carry.

        Raises:
            ApiError: 400 malformed key or document; 404 the document is not in this log.
        """
        key = self._key_of(body)
        blinded = self._secret.blinded_key(key)
        entry = None
        document = body.get("document")
        if document is not None:
            leaf = self._leaf_of(body)
            self._document(leaf)
            entry = {
                "kind": PRESENTMENT_KIND,
                "number": self._secret.entry_number(member.fingerprint, blinded),
                "digest": self._secret.entry_digest(member.fingerprint, leaf),
                "length": 1,
            }
        return {"presented": self._presented(member, blinded), "entry": entry}

    def prepare(self, member: MemberInfo, body: Mapping[str, Any]) -> PendingPresentment:
        """Check a presentment and keep its private row (pending); return the log's work item.

        ``item`` is None when this bank already recorded this key (``earlier`` says when).

        Raises:
            ApiError: 400 malformed body, entry, amount, or an entry that does not carry the
                blinded values; 403 an entry of another member (``wrong_issuer``), with a bad
                signature, or of the document's own issuer (``own_document``); 404 the document
                is not in this log.
        """
        key = self._key_of(body)
        leaf = self._leaf_of(body)
        document = self._document(leaf)
        amount, currency = self._amount_of(body)
        consent = body.get("consent", False)
        if not isinstance(consent, bool):
            raise bad_request("'consent' must be true or false")
        raw = body.get("entry")
        try:
            data = base64.b64decode(raw if isinstance(raw, str) else "", validate=True)
            entry = Entry.parse(data)
        except (binascii.Error, ValueError, EntryError) as exc:
            raise bad_request(f"'entry' is not a base64 exporter-desk-entry/v1: {exc}") from exc
        if entry.issuer != member.fingerprint:
            raise ApiError(
                403,
                "wrong_issuer",
                f"the entry's issuer {entry.issuer} is not the token's member {member.fingerprint}",
                user_message="A bank can record presentments only in its own name.",
            )
        blinded = self._secret.blinded_key(key)
        expected = (
            PRESENTMENT_KIND,
            self._secret.entry_number(member.fingerprint, blinded),
            self._secret.entry_digest(member.fingerprint, leaf),
            1,
            None,
        )
        if (entry.kind, entry.number, entry.digest, entry.length, entry.supersedes) != expected:
            raise bad_request(
                "the entry does not carry this presentment's blinded number and digest; "
                "ask POST /v1/presentments/lookup with the document for them"
            )
        verify_entry_signature(entry, member.public_key)
        if document.issuer == member.fingerprint:
            raise ApiError(
                403,
                "own_document",
                "a member cannot record a presentment of a document it issued",
                user_message="A presentment is recorded by the bank that received the document, "
                "not by its issuer.",
            )
        entry_leaf = leaf_hash(data).hex()
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                row = self._conn.execute(
                    "SELECT leaf_hash, log_index, presented_at FROM presentments "
                    "WHERE bank = ? AND blinded_key = ?",
                    (member.fingerprint, blinded),
                ).fetchone()
                if row is not None and row[1] is not None:
                    self._conn.execute("ROLLBACK")
                    return PendingPresentment(
                        str(row[0]), None, {"index": int(row[1]), "date": str(row[2])}
                    )
                if row is not None:  # an earlier attempt that never reached the log
                    self._conn.execute("DELETE FROM presentments WHERE leaf_hash = ?", (row[0],))
                self._conn.execute(
                    "INSERT INTO presentments (leaf_hash, blinded_key, bank, document_index, "
                    "document_issuer, document_kind, document_number, presented_at, amount, "
                    "currency, consent, log_index, created) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                    (
                        entry_leaf,
                        blinded,
                        member.fingerprint,
                        document.index,
                        document.issuer,
                        document.kind,
                        document.number,
                        _iso(entry),
                        amount,
                        currency,
                        int(consent),
                        int(self._clock()),
                    ),
                )
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        return PendingPresentment(entry_leaf, EntryItem(entry, data, leaf_hash(data)), None)

    def recorded(self, pending: PendingPresentment, registration: Registration) -> None:
        """The log has the entry: the presentment counts from now on."""
        with self._lock:
            self._conn.execute(
                "UPDATE presentments SET log_index = ? WHERE leaf_hash = ?",
                (registration.index, pending.leaf_hash),
            )

    def withdraw(self, pending: PendingPresentment) -> None:
        """The log refused the entry: forget the pending row."""
        with self._lock:
            self._conn.execute(
                "DELETE FROM presentments WHERE leaf_hash = ? AND log_index IS NULL",
                (pending.leaf_hash,),
            )

    def documents(self, member: MemberInfo) -> dict[str, Any]:
        """The presentments of documents the caller issued: ``{"documents": [...]}``, each with
        ``index``, ``kind``, ``number``, ``date`` and ``bank`` (named only with its consent)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT p.document_index, p.document_kind, p.document_number, p.presented_at, "
                "p.consent, m.name FROM presentments p "
                "LEFT JOIN members m ON m.fingerprint = p.bank "
                "WHERE p.document_issuer = ? AND p.log_index IS NOT NULL "
                "ORDER BY p.document_index, p.presented_at LIMIT ?",
                (member.fingerprint, _MAX_DOCUMENTS),
            ).fetchall()
        return {
            "documents": [
                {
                    "index": int(index),
                    "kind": str(kind),
                    "number": str(number),
                    "date": str(date),
                    "bank": str(name) if consent and name is not None else None,
                }
                for index, kind, number, date, consent, name in rows
            ]
        }

    # --- parts ----------------------------------------------------------------------------------

    def _presented(self, member: MemberInfo, blinded: str) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT p.bank, p.presented_at, p.consent, p.amount, p.currency, m.name "
                "FROM presentments p LEFT JOIN members m ON m.fingerprint = p.bank "
                "WHERE p.blinded_key = ? AND p.log_index IS NOT NULL "
                "ORDER BY p.presented_at LIMIT ?",
                (blinded, _MAX_ANSWERS),
            ).fetchall()
        answers = []
        for bank, date, consent, amount, currency, name in rows:
            mine = bank == member.fingerprint
            answer: dict[str, Any] = {
                "date": str(date),
                "mine": mine,
                "bank": str(name) if (mine or consent) and name is not None else None,
            }
            if mine:
                answer["amount"] = amount
                answer["currency"] = currency
            answers.append(answer)
        return answers

    def _document(self, leaf: str) -> _Document:
        with self._lock:
            row = self._conn.execute(
                "SELECT idx, issuer, kind, number FROM entries WHERE leaf_hash = ?",
                (bytes.fromhex(leaf),),
            ).fetchone()
        if row is None or row[2] in _NOT_DOCUMENTS:
            raise ApiError(
                404,
                "document_unknown",
                f"no document entry with leaf hash {leaf} in this log",
                user_message=(
                    "This document is not registered with the network your bank is a member "
                    "of, so its presentment cannot be recorded there."
                ),
            )
        return _Document(int(row[0]), str(row[1]), str(row[2]), str(row[3]))

    @staticmethod
    def _key_of(body: Mapping[str, Any]) -> str:
        key = body.get("key")
        if not is_canonical_key(key):
            raise bad_request(
                "'key' must be a canonical business key (invoice|SELLER|NUMBER|AMOUNT|CUR or "
                "transport|CARRIER|NUMBER)"
            )
        return str(key)

    @staticmethod
    def _leaf_of(body: Mapping[str, Any]) -> str:
        leaf = body.get("document")
        if not _is_hex64(leaf):
            raise bad_request("'document' must be the leaf hash of the document's entry (hex)")
        return str(leaf)

    @staticmethod
    def _amount_of(body: Mapping[str, Any]) -> tuple[str | None, str | None]:
        amount, currency = body.get("amount"), body.get("currency")
        if amount is None and currency is None:
            return None, None
        if not isinstance(amount, str) or not isinstance(currency, str):
            raise bad_request("'amount' and 'currency' are given together, as strings")
        try:
            value = Decimal(amount)
        except InvalidOperation as exc:
            raise bad_request(f"'amount' {amount[:40]!r} is not a decimal") from exc
        if not value.is_finite() or value <= 0 or value >= Decimal(10) ** 18 or len(amount) > 40:
            raise bad_request("'amount' must be a positive decimal")
        if len(currency) != 3 or not currency.isascii() or not currency.isupper():
            raise bad_request("'currency' must be a three-letter code")
        return format(value, "f"), currency
