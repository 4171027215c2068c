"""Talking to a trust network: one ``Transport`` interface, over HTTP or in process.

``TrustnetClient.register`` submits a signed entry and accepts the receipt only after checking
it against the pinned network descriptor (the receipt must carry exactly our entry, and
:func:`~exporter_desk.trustnet.policy.verify_receipt` must pass), so a misbehaving server cannot
hand us a receipt that a counterparty would later reject.

Failures come in two kinds that a caller treats differently: :class:`NetworkUnavailableError`
(try again later: the outbox keeps the entry) and :class:`RegistrationRefusedError` (the network
said no: retrying the same entry cannot help).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import requests

from exporter_desk.trustnet.encoding import decode_base64, decode_hash
from exporter_desk.trustnet.entry import Entry
from exporter_desk.trustnet.errors import NetworkUnavailableError, TrustnetError
from exporter_desk.trustnet.policy import NetworkDescriptor, ReceiptCheck, verify_receipt
from exporter_desk.trustnet.receipt import Receipt, parse_proof

__all__ = [
    "HttpTransport",
    "NetworkUnavailableError",
    "Registration",
    "RegistrationRefusedError",
    "Transport",
    "TrustnetClient",
]


class RegistrationRefusedError(TrustnetError):
    """The network refused the entry (conflict, revoked member, bad token...); retrying cannot help."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(
            f"{status} {code}: {message}",
            user_message=f"The trust network refused the registration: {message}",
        )
        self.status = status
        self.code = code


class Transport(Protocol):
    """How a client reaches a log. Implementations raise only the two errors above.

    ``submit`` returns the receipt text (``c2sp.org/tlog-proof@v1``) and is idempotent: the
    same entry bytes again return a receipt for the same index.
    """

    def submit(self, entry: bytes, token: str) -> str: ...

    def checkpoint(self) -> str: ...

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]: ...

    def inclusion_proof(self, index: int, size: int) -> list[bytes]: ...

    def entry(self, index: int) -> bytes: ...

    def lookup(self, issuer: str, kind: str, number: str) -> dict[str, Any]: ...

    def member(self, fingerprint: str) -> dict[str, Any]: ...


class HttpTransport:
    """The log's HTTP API with timeouts, bounded retries with back-off, and TLS verification.

    Retries only what may succeed later (connection errors, timeouts, 429, 502-504), at most
    ``attempts`` times, sleeping ``backoff * 2**n`` seconds (or the server's Retry-After, capped
    at ``max_sleep``) in between.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 15.0,
        attempts: int = 3,
        backoff: float = 0.5,
        max_sleep: float = 10.0,
        verify_tls: bool = True,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        self.base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._attempts = attempts
        self._backoff = backoff
        self._max_sleep = max_sleep
        self._verify = verify_tls
        self._session = session or requests.Session()
        self._sleep = sleep

    def close(self) -> None:
        self._session.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        url = f"{self.base_url}{path}"
        last: NetworkUnavailableError | None = None
        for attempt in range(self._attempts):
            if attempt:
                delay = min(self._backoff * 2 ** (attempt - 1), self._max_sleep)
                if last is not None and last.retry_after is not None:
                    delay = min(max(delay, last.retry_after), self._max_sleep)
                self._sleep(delay)
            try:
                response = self._session.request(
                    method, url, timeout=self._timeout, verify=self._verify, **kwargs
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                last = NetworkUnavailableError(f"{method} {url}: {exc}")
                continue
            except requests.RequestException as exc:
                raise NetworkUnavailableError(f"{method} {url}: {exc}") from exc
            if response.status_code in (429, 502, 503, 504):
                last = NetworkUnavailableError(
                    f"{method} {url}: HTTP {response.status_code}",
                    retry_after=_retry_after(response),
                )
                continue
            if response.status_code >= 500:
                raise NetworkUnavailableError(f"{method} {url}: HTTP {response.status_code}")
            if response.status_code >= 400:
                code, message = _error_of(response)
                raise RegistrationRefusedError(response.status_code, code, message)
            return response
        assert last is not None
        raise last

    def submit(self, entry: bytes, token: str) -> str:
        response = self._request(
            "POST",
            "/v1/entries",
            data=entry,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "text/plain"},
        )
        return response.text

    def checkpoint(self) -> str:
        return self._request("GET", "/v1/checkpoint").text

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        data = self._json(
            "GET", "/v1/proofs/consistency", params={"old": old_size, "new": new_size}
        )
        return _hashes(data.get("proof"))

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        data = self._json("GET", "/v1/proofs/inclusion", params={"index": index, "size": size})
        return _hashes(data.get("proof"))

    def entry(self, index: int) -> bytes:
        return self._request("GET", f"/v1/entries/{int(index)}").content

    def entries(self, start: int, count: int) -> list[bytes]:
        """Up to ``count`` entries from ``start`` in one request (the server caps ``count``).

        Raises:
            NetworkUnavailableError: also when the answer is malformed or not from ``start``.
            RegistrationRefusedError: 400 when ``start`` is at or past the log's size.
        """
        data = self._json("GET", "/v1/entries", params={"start": int(start), "count": int(count)})
        items = data.get("entries")
        if data.get("start") != start or not isinstance(items, list) or len(items) > count:
            raise NetworkUnavailableError(f"/v1/entries?start={start}: malformed answer")
        found: list[bytes] = []
        for item in items:
            decoded = decode_base64(item) if isinstance(item, str) else None
            if decoded is None:
                raise NetworkUnavailableError(f"/v1/entries?start={start}: an entry is not base64")
            found.append(decoded)
        return found

    def lookup(self, issuer: str, kind: str, number: str) -> dict[str, Any]:
        return self._json(
            "GET", "/v1/lookup", params={"issuer": issuer, "kind": kind, "number": number}
        )

    def member(self, fingerprint: str) -> dict[str, Any]:
        return self._json("GET", f"/v1/members/{fingerprint}")

    def redeem_invitation(self, invitation: str, csr_pem: str) -> dict[str, Any]:
        return self._json(
            "POST", "/v1/members", json={"invitation": invitation, "csr_pem": csr_pem}
        )

    # --- presentments (a member bank's requests; see notary.presentments) -----------------------

    def presentment_lookup(
        self, token: str, key: str, document: str | None = None
    ) -> dict[str, Any]:
        """Earlier presentments of a canonical business key, and (with ``document``, the leaf
        hash of the document's entry) the blinded fields of the caller's presentment entry."""
        body: dict[str, Any] = {"key": key}
        if document is not None:
            body["document"] = document
        return self._json("POST", "/v1/presentments/lookup", json=body, headers=_bearer(token))

    def present(self, token: str, body: dict[str, Any]) -> dict[str, Any]:
        """Record a presentment: ``key``, ``document``, ``entry`` (base64), ``amount``,
        ``currency``, ``consent``."""
        return self._json("POST", "/v1/presentments", json=body, headers=_bearer(token))

    def presented_documents(self, token: str) -> dict[str, Any]:
        """The presentments of the documents the caller issued."""
        return self._json("GET", "/v1/presentments/documents", headers=_bearer(token))

    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = self._request(method, path, **kwargs)
        try:
            data = response.json()
        except ValueError as exc:
            raise NetworkUnavailableError(f"{path}: the answer is not JSON") from exc
        if not isinstance(data, dict):
            raise NetworkUnavailableError(f"{path}: the answer is not a JSON object")
        return data


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.isdigit() else None


def _error_of(response: requests.Response) -> tuple[str, str]:
    try:
        data = response.json()
    except ValueError:
        return "error", response.text.strip()[:500] or f"HTTP {response.status_code}"
    if isinstance(data, dict):
        return str(data.get("error", "error")), str(data.get("message", ""))[:500]
    return "error", f"HTTP {response.status_code}"


def _hashes(value: object) -> list[bytes]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise NetworkUnavailableError("the proof is not a list of base64 hashes")
    hashes = [decode_hash(item) for item in value]
    if any(digest is None for digest in hashes):
        raise NetworkUnavailableError("the proof is not a list of base64 hashes")
    return [digest for digest in hashes if digest is not None]


@dataclass(frozen=True, slots=True)
class Registration:
    """A receipt that has been checked against the pinned network."""

    receipt_text: str
    receipt: Receipt
    check: ReceiptCheck


class ReceiptMismatchError(TrustnetError):
    """The network answered with a receipt that does not prove our entry."""


class TrustnetClient:
    """Registers entries with one network and checks every receipt before accepting it."""

    def __init__(self, descriptor: NetworkDescriptor, transport: Transport) -> None:
        self.descriptor = descriptor
        self.transport = transport

    def register(self, entry: Entry, token: str, *, now: int | None = None) -> Registration:
        """Submit ``entry`` and return its checked receipt.

        Raises:
            NetworkUnavailableError: try again later.
            RegistrationRefusedError: the network refused the entry.
            ReceiptMismatchError: the receipt is not for this entry.
            TrustnetError: the receipt does not verify against the pinned descriptor.
        """
        text = self.transport.submit(entry.format(), token)
        receipt = parse_proof(text)
        if receipt.extra != entry.format():
            raise ReceiptMismatchError(
                "the receipt carries another entry than the one submitted",
                user_message="The trust network answered with a receipt for another document; "
                "the registration was not accepted. Contact the network operator.",
            )
        check = verify_receipt(receipt, self.descriptor, now=now)
        return Registration(receipt_text=text, receipt=receipt, check=check)
