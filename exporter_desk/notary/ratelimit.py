"""Per-client token buckets: a steady rate with a burst allowance, and how long to wait if empty;
and who the client is when the node runs behind a reverse proxy.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from exporter_desk.notary.errors import SetupError

__all__ = ["Network", "RateLimiter", "client_address", "parse_trusted_proxies"]

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_trusted_proxies(texts: Iterable[str]) -> tuple[Network, ...]:
    """Parse ``--trusted-proxy`` values: addresses or networks (``10.0.0.0/8``, ``::1``).

    Raises:
        SetupError: for a value that is neither.
    """
    networks: list[Network] = []
    for text in texts:
        try:
            networks.append(ipaddress.ip_network(text.strip(), strict=False))
        except ValueError as exc:
            raise SetupError(
                f"trusted proxy {text!r}: {exc}",
                user_message=f"--trusted-proxy {text!r} is not an IP address or network.",
            ) from exc
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def client_address(
    peer: str | None, forwarded_for: Sequence[str], trusted: Sequence[Network]
) -> str:
    """The address a request came from, for rate limits.

    ``peer`` is the TCP peer. Only if it is a trusted proxy is ``X-Forwarded-For`` (every such
    header, in order) believed, and then read from the right: each proxy appends the address
    it received the request from, so the rightmost address that is not itself a trusted proxy
    is the client. Anything further left was written by the client and proves nothing.
    """
    if peer is None:
        return "unknown"
    current = _address(peer)
    if current is None or not any(current in network for network in trusted):
        return peer
    hops = [hop for value in forwarded_for for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # a trusted proxy would not write this: stop at the last proxy we believe
        current = address
        if not any(address in network for network in trusted):
            break
    return str(current)


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets keyed by client (a member fingerprint, an address); thread-safe.

    ``clock`` is injectable (monotonic seconds) so tests need not sleep.
    """

    def __init__(
        self,
        rate: float,
        burst: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 100_000,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._max_clients = max_clients
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Spend one token of ``client``; return 0.0 if allowed, else the seconds until one is."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= self._max_clients:
                    self._forget_full(now)
                bucket = self._buckets[client] = _Bucket(self.burst, now)
            else:
                bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
                bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        # A bucket that has refilled completely carries no information: drop those first.
        full = [
            key
            for key, bucket in self._buckets.items()
            if bucket.tokens + (now - bucket.updated) * self.rate >= self.burst
        ]
        for key in full or list(self._buckets)[: len(self._buckets) // 2]:
            del self._buckets[key]
