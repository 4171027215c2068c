"""Who a request comes from, for the rate limits: X-Forwarded-For only from trusted proxies."""

from __future__ import annotations

import pytest

from exporter_desk.notary.errors import SetupError
from exporter_desk.notary.ratelimit import RateLimiter, client_address, parse_trusted_proxies

PROXY = parse_trusted_proxies(["10.0.0.5", "fd00::/8"])


def test_without_trusted_proxies_the_peer_is_the_client() -> None:
    assert client_address("10.0.0.5", ["203.0.113.7"], ()) == "10.0.0.5"


def test_a_forwarded_for_header_from_an_untrusted_peer_is_ignored() -> None:
    assert client_address("198.51.100.1", ["203.0.113.7"], PROXY) == "198.51.100.1"


def test_behind_a_trusted_proxy_the_forwarded_client_counts() -> None:
    assert client_address("10.0.0.5", ["203.0.113.7"], PROXY) == "203.0.113.7"
    assert client_address("fd00::1", ["2001:db8::9"], PROXY) == "2001:db8::9"


def test_addresses_the_client_wrote_itself_are_not_believed() -> None:
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    assert client_address("10.0.0.5", ["1.2.3.4, 203.0.113.7"], PROXY) == "203.0.113.7"
    assert client_address("10.0.0.5", ["1.2.3.4", "203.0.113.7"], PROXY) == "203.0.113.7"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right() -> None:
    assert client_address("10.0.0.5", ["203.0.113.7, fd00::2"], PROXY) == "203.0.113.7"


def test_garbage_in_the_header_stops_at_the_last_believed_hop() -> None:
    assert client_address("10.0.0.5", ["evil, fd00::2"], PROXY) == "fd00::2"
    assert client_address("10.0.0.5", [], PROXY) == "10.0.0.5"


def test_a_trusted_proxy_that_is_not_an_address_is_refused() -> None:
    with pytest.raises(SetupError) as caught:
        parse_trusted_proxies(["proxy.example.com"])
    assert "not an IP address" in caught.value.user_message


def test_buckets_refill_at_the_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(1.0, 2.0, clock=lambda: now[0])
    assert limiter.take("a") == 0.0 and limiter.take("a") == 0.0
    assert limiter.take("a") == pytest.approx(1.0)
    assert limiter.take("b") == 0.0  # another client has its own bucket
    now[0] = 1.0
    assert limiter.take("a") == 0.0
