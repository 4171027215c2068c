"""The HTTP transport retries what may succeed later, a bounded number of times, and no more."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from exporter_desk.trustnet.client import (
    HttpTransport,
    NetworkUnavailableError,
    RegistrationRefusedError,
)


class ScriptedServer:
    """A real HTTP server on 127.0.0.1 answering from a script of (status, headers, body)."""

    def __init__(self, script: list[tuple[int, dict[str, str], bytes]]) -> None:
        self.script = list(script)
        self.requests: list[tuple[str, str, bytes, dict[str, str]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                outer.requests.append((self.command, self.path, body, dict(self.headers)))
                status, headers, payload = outer.script.pop(0) if outer.script else (500, {}, b"")
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> ScriptedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def sleeps() -> Iterator[list[float]]:
    yield []


def transport(url: str, sleeps: list[float], attempts: int = 3) -> HttpTransport:
    return HttpTransport(url, timeout=5, attempts=attempts, backoff=0.5, sleep=sleeps.append)


def test_submit_posts_the_entry_with_the_bearer_token(sleeps: list[float]) -> None:
    with ScriptedServer([(200, {}, b"receipt text")]) as server:
        assert transport(server.url, sleeps).submit(b"entry bytes", "tok") == "receipt text"
    method, path, body, headers = server.requests[0]
    assert (method, path, body) == ("POST", "/v1/entries", b"entry bytes")
    assert headers["Authorization"] == "Bearer tok"
    assert sleeps == []


def test_busy_server_is_retried_with_back_off_then_succeeds(sleeps: list[float]) -> None:
    script = [(503, {}, b""), (429, {"Retry-After": "2"}, b""), (200, {}, b"ok")]
    with ScriptedServer(script) as server:
        assert transport(server.url, sleeps).checkpoint() == "ok"
    assert len(server.requests) == 3
    assert sleeps == [0.5, 2.0]


def test_retries_stop_after_the_bound_and_say_the_network_is_unavailable(
    sleeps: list[float],
) -> None:
    with (
        ScriptedServer([(503, {}, b"")] * 10) as server,
        pytest.raises(NetworkUnavailableError) as caught,
    ):
        transport(server.url, sleeps, attempts=4).checkpoint()
    assert len(server.requests) == 4
    assert "outbox" in caught.value.user_message


def test_a_refusal_is_not_retried_and_carries_the_servers_message(sleeps: list[float]) -> None:
    body = json.dumps({"error": "conflict", "message": "HY-1 is already registered"}).encode()
    with (
        ScriptedServer([(409, {"Content-Type": "application/json"}, body)]) as server,
        pytest.raises(RegistrationRefusedError) as caught,
    ):
        transport(server.url, sleeps).submit(b"e", "t")
    assert len(server.requests) == 1
    assert caught.value.status == 409
    assert caught.value.user_message == (
        "The trust network refused the registration: HY-1 is already registered"
    )


def test_nobody_listening_is_network_unavailable(sleeps: list[float]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(NetworkUnavailableError):
        transport(f"http://127.0.0.1:{port}", sleeps, attempts=2).checkpoint()
    assert sleeps == [0.5]


def test_a_proof_that_is_not_base64_is_refused(sleeps: list[float]) -> None:
    body = json.dumps({"proof": ["not base64!"]}).encode()
    with ScriptedServer([(200, {}, body)]) as server, pytest.raises(NetworkUnavailableError):
        transport(server.url, sleeps).consistency_proof(1, 2)
