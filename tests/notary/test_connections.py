"""The connection guards over real sockets, with both HTTP parsers uvicorn may use.

Each test starts the log's real app (over an in-process network) on a random 127.0.0.1 port and
attacks it the cheap ways: huge heads, long URLs, sockets that never speak, slow requests, more
sockets than it can hold. Each time, a real client is still served.
"""

from __future__ import annotations

import selectors
import socket
import time
from collections.abc import Iterator

import pytest
import requests

from exporter_desk.notary.connections import ConnectionLimits
from exporter_desk.notary.errors import SetupError
from exporter_desk.notary.local import LocalNetwork
from exporter_desk.notary.web import log_app
from tests.notary.helpers import Member, ServerThread, entry_bytes, new_key_and_csr

PARSERS = ["httptools", "h11"]


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def serve(net: LocalNetwork, parser: str, **limits: float) -> ServerThread:
    return ServerThread(
        log_app(net.service, manage_lifecycle=False),
        limits=ConnectionLimits(**limits),  # type: ignore[arg-type]
        parser=parser,  # type: ignore[arg-type]
    )


def is_served(url: str) -> bool:
    return requests.get(f"{url}/v1/crl", timeout=5).status_code == 200


def open_idle(port: int, count: int) -> list[socket.socket]:
    """``count`` connections that never send a byte."""
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sockets.append(sock)
    return sockets


def closed_by_server(sockets: list[socket.socket], timeout: float) -> int:
    """How many of ``sockets`` the server closed (EOF or reset) within ``timeout`` seconds."""
    selector = selectors.DefaultSelector()
    for sock in sockets:
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)
    closed = 0
    deadline = time.monotonic() + timeout
    try:
        while closed < len(sockets) and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=0.1):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                try:
                    data = sock.recv(4096)
                except ConnectionResetError:
                    data = b""
                if data == b"":
                    closed += 1
                    selector.unregister(sock)
    finally:
        selector.close()
    return closed


@pytest.fixture
def idle_sockets() -> Iterator[list[socket.socket]]:
    sockets: list[socket.socket] = []
    yield sockets
    for sock in sockets:
        sock.close()


# --- huge heads ------------------------------------------------------------------------------


def test_a_one_megabyte_header_gets_431_and_others_are_still_served(
    net: LocalNetwork, parser: str
) -> None:
    with serve(net, parser) as server:
        response = requests.get(
            f"{server.url}/v1/checkpoint", headers={"X-Padding": "a" * 1_000_000}, timeout=10
        )
        assert response.status_code == 431
        assert response.json()["error"] == "headers_too_large"
        assert response.headers["connection"] == "close"
        assert is_served(server.url)


def test_many_headers_that_add_up_past_the_limit_get_431(net: LocalNetwork, parser: str) -> None:
    with serve(net, parser) as server:
        headers = {f"X-Field-{n}": "b" * 500 for n in range(40)}  # 20 KB in all
        response = requests.get(f"{server.url}/v1/checkpoint", headers=headers, timeout=10)
        assert response.status_code == 431
        assert is_served(server.url)


def test_a_head_just_under_the_limits_is_served(net: LocalNetwork, parser: str) -> None:
    with serve(net, parser) as server:
        headers = {f"X-Field-{n}": "c" * 500 for n in range(24)}  # and the URL: 15 KB of 16 KiB
        response = requests.get(
            f"{server.url}/v1/crl",
            params={"padding": "n" * 3000},
            headers=headers,
            timeout=10,
        )
        assert response.status_code == 200, response.text


def test_a_long_url_gets_414_and_others_are_still_served(net: LocalNetwork, parser: str) -> None:
    with serve(net, parser) as server:
        response = requests.get(
            f"{server.url}/v1/lookup", params={"number": "x" * 100_000}, timeout=10
        )
        assert response.status_code == 414
        assert response.json()["error"] == "url_too_large"
        assert is_served(server.url)


def test_a_request_line_that_never_ends_gets_414(net: LocalNetwork, parser: str) -> None:
    with serve(net, parser) as server, socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.settimeout(5)
        sock.sendall(b"GET /" + b"a" * 20_000)
        assert sock.recv(100).startswith(b"HTTP/1.1 414 ")


# --- idle and slow connections -----------------------------------------------------------------


def test_idle_sockets_are_closed_after_the_timeout_while_real_requests_are_served(
    net: LocalNetwork, parser: str, idle_sockets: list[socket.socket]
) -> None:
    # The time-out is long enough that opening 500 sockets and one request fit well inside it
    # even on a loaded machine; the precondition below says so instead of failing obscurely.
    with serve(net, parser, request_timeout=4.0) as server:
        started = time.monotonic()
        idle_sockets += open_idle(server.port, 500)
        assert is_served(server.url)
        assert time.monotonic() - started < 3.5, "setting up took longer than the time-out"
        assert closed_by_server(idle_sockets[:20], timeout=0.2) == 0  # not before the time-out
        assert closed_by_server(idle_sockets, timeout=15) == 500
        assert time.monotonic() - started >= 3.9
        assert is_served(server.url)


def test_a_head_sent_too_slowly_is_answered_408_and_closed(net: LocalNetwork, parser: str) -> None:
    with serve(net, parser, request_timeout=1.0) as server:
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.settimeout(5)
            sock.sendall(b"GET /v1/checkpoint HTTP/1.1\r\nHost: x\r\n")  # and no more
            answer = sock.recv(1000)
            assert answer.startswith(b"HTTP/1.1 408 "), answer
            assert b"request_timeout" in answer
        assert is_served(server.url)


def test_a_body_sent_too_slowly_is_cut_off(net: LocalNetwork, parser: str) -> None:
    with serve(net, parser, request_timeout=1.0) as server:
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(
                b"POST /v1/entries HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\nexporter"
            )
            started = time.monotonic()
            assert closed_by_server([sock], timeout=6) == 1
            # cut by the 1 s request deadline, not by the 5 s keep-alive or never: the bound is
            # generous for a slow machine and still below what any other limit would give
            assert time.monotonic() - started < 4.5
        assert is_served(server.url)


def test_keep_alive_connections_serve_request_after_request(net: LocalNetwork, parser: str) -> None:
    key, csr = new_key_and_csr()
    enrolment = net.enrol("Steady Ltd", "S-1", csr)
    company = Member(key, enrolment.fingerprint, enrolment.api_token)
    with serve(net, parser, request_timeout=1.0) as server, requests.Session() as session:
        auth = {"Authorization": f"Bearer {company.token}"}
        for n in range(5):
            assert session.get(f"{server.url}/v1/crl", timeout=5).status_code == 200
            data = entry_bytes(company, f"K-{n}", b"doc %d" % n)
            posted = session.post(f"{server.url}/v1/entries", data=data, headers=auth, timeout=15)
            assert posted.status_code == 200, posted.text
            time.sleep(0.3)  # under the time-out each time, 1.5 s in all: not closed meanwhile


# --- too many connections ----------------------------------------------------------------------


def test_a_flood_of_idle_sockets_over_the_cap_does_not_lock_out_real_clients(
    net: LocalNetwork, parser: str, idle_sockets: list[socket.socket]
) -> None:
    with serve(net, parser, max_connections=50, request_timeout=60) as server:
        idle_sockets += open_idle(server.port, 300)
        for _ in range(3):
            assert is_served(server.url)
        # The oldest idle ones made room: at most 50 (with the real client's) are left open.
        assert closed_by_server(idle_sockets, timeout=5) >= 300 - 50
        assert closed_by_server(idle_sockets[-10:], timeout=0.2) == 0  # the newest stay


def test_limits_that_make_no_sense_are_refused() -> None:
    with pytest.raises(SetupError):
        ConnectionLimits(max_url=10)
    with pytest.raises(SetupError):
        ConnectionLimits(request_timeout=0)
