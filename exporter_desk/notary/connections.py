"""Connection guards of the node's HTTP servers, under the ASGI app, for httptools and h11 alike.

uvicorn leaves a server open to three cheap attacks that no ASGI middleware can stop, because
they happen before (or instead of) a request reaching the app:

* **huge heads**: neither parser bounds the request line or the headers by default (httptools
  buffers a 250 MB header and hands it on). Here the bytes of a request head are counted as they
  arrive, before the parser sees them: past :attr:`ConnectionLimits.max_url` on the request line
  the answer is 414, past :attr:`ConnectionLimits.max_head` for the whole head it is 431, and the
  connection is closed. The exact sizes are checked again once the head is parsed.
* **idle sockets**: a connection that never sends a byte is never closed. Here each connection
  must deliver a whole request within :attr:`ConnectionLimits.request_timeout` of becoming idle
  (its opening, or the end of the previous response); the clock stops while the app works.
* **descriptor exhaustion**: connections are not capped. Here at most
  :attr:`ConnectionLimits.max_connections` are open; a new one beyond that closes the connection
  that has waited longest without a request in progress, or, if every connection is busy, is
  answered 503 and closed. Real clients get through a flood of idle sockets.

:func:`server_config` builds the uvicorn configuration with these guards; the CLI's servers and
the tests use it, with ``parser`` ``"auto"`` (httptools when installed, else h11), ``"httptools"``
or ``"h11"``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Protocol

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from exporter_desk.notary.errors import SetupError

__all__ = ["ConnectionLimits", "Parser", "guarded_protocol", "server_config"]

_log = logging.getLogger(__name__)

Parser = Literal["auto", "httptools", "h11"]

_REQUEST_LINE_SLACK = 32
"""Bytes of a request line besides the URL: method, spaces, ``HTTP/1.1``, CRLF."""


_LINGER_SECONDS = 2.0
_LINGER_BYTES = 4 * 1024 * 1024
"""After a refusal, how long and how much of what the client still sends is read and dropped."""


@dataclass(frozen=True, slots=True)
class ConnectionLimits:
    """What one client may hold of a server; the defaults are the production ones.

    ``max_url`` bounds the request target (path and query), ``max_head`` the request line and
    headers together, ``request_timeout`` the seconds a connection may take to deliver a whole
    request (head and body) after it opened or its previous response ended, ``keep_alive`` the
    seconds an idle kept-alive connection stays open, ``max_connections`` the open connections.
    ``json_errors`` answers refusals as the log API's JSON (``{"error", "message"}``), otherwise
    as plain text (the witness API).
    """

    max_url: int = 8 * 1024
    max_head: int = 16 * 1024
    request_timeout: float = 10.0
    keep_alive: float = 5.0
    max_connections: int = 1024
    json_errors: bool = True

    def __post_init__(self) -> None:
        if self.max_url < 256 or self.max_head < self.max_url:
            raise SetupError(
                f"max_url {self.max_url} / max_head {self.max_head}",
                user_message="The URL limit must be at least 256 bytes and the header limit "
                "at least the URL limit.",
            )
        if self.request_timeout <= 0 or self.keep_alive <= 0 or self.max_connections < 2:
            raise SetupError(
                "timeouts must be positive and max_connections at least 2",
                user_message="Time-outs must be positive and the connection limit at least 2.",
            )


_REASONS = {
    408: b"Request Timeout",
    414: b"URI Too Long",
    431: b"Request Header Fields Too Large",
    503: b"Service Unavailable",
}
_CODES = {408: "request_timeout", 414: "url_too_large", 431: "headers_too_large", 503: "busy"}
_MESSAGES = {
    408: "the request was not received in time",
    414: "the request URL is too long",
    431: "the request headers are too large",
    503: "the server has too many open connections; try again in a moment",
}


def _refusal(status: int, json_errors: bool) -> tuple[bytes, bytes]:
    """The content type and body of a refusal the guard answers itself."""
    if json_errors:
        body = json.dumps({"error": _CODES[status], "message": _MESSAGES[status]}).encode()
        return b"application/json", body
    return b"text/plain; charset=utf-8", _MESSAGES[status].encode() + b"\n"


def _raw_refusal(status: int, json_errors: bool) -> bytes:
    content_type, body = _refusal(status, json_errors)
    head = [
        b"HTTP/1.1 %d %s" % (status, _REASONS[status]),
        b"content-type: " + content_type,
        b"content-length: %d" % len(body),
        b"connection: close",
    ]
    if status == 503:
        head.append(b"retry-after: 1")
    return b"\r\n".join(head) + b"\r\n\r\n" + body


class _Guarded(Protocol):
    """What :class:`_Guard` needs of a protocol (both parsers' subclasses provide it)."""

    @property
    def transport(self) -> asyncio.Transport: ...

    @property
    def loop(self) -> asyncio.AbstractEventLoop: ...

    def guard_in_head(self) -> bool:
        """The parser waits for, or reads, a request head."""

    def guard_request_received(self) -> bool:
        """The request in progress has been received completely (head and body)."""

    def guard_busy(self) -> bool:
        """The app is working on a request of this connection."""

    def guard_close(self) -> None:
        """Close the connection without an answer."""


class _Registry:
    """A server's open connections, and those without a request in progress, oldest first."""

    def __init__(self) -> None:
        self.live: set[Any] = set()
        self.idle: OrderedDict[Any, None] = OrderedDict()

    def drop(self, connection: object) -> None:
        self.live.discard(connection)
        self.idle.pop(connection, None)


class _Guard:
    """The guard's state for one connection; the protocol subclasses call it at each event."""

    def __init__(self, protocol: _Guarded, limits: ConnectionLimits, registry: _Registry) -> None:
        self.protocol = protocol
        self.limits = limits
        self.registry = registry
        self.head_bytes = 0  # bytes of the head in progress, as received
        self.line_done = False  # the head in progress has its request line complete
        self.timer: asyncio.TimerHandle | None = None
        self.refused = False
        self.drained = 0

    def opened(self) -> bool:
        """Admit the connection, making room if needed; False if it was refused."""
        registry = self.registry
        if len(registry.live) >= self.limits.max_connections:
            if registry.idle:
                victim, _ = registry.idle.popitem(last=False)
                registry.drop(victim)
                victim.guard_close()
            else:
                self.refuse(503)
                return False
        registry.live.add(self.protocol)
        self.update()
        return True

    def closed(self) -> None:
        self.registry.drop(self.protocol)
        self._stop_timer()

    def before_data(self, data: bytes) -> bool:
        """Count head bytes before the parser sees them; False if the head is too large."""
        if self.refused:
            self.drain(data)
            return False
        if not self.protocol.guard_in_head():
            return True
        limits = self.limits
        if not self.line_done:
            newline = data.find(b"\n")
            line = self.head_bytes + (len(data) if newline < 0 else newline)
            if line > limits.max_url + _REQUEST_LINE_SLACK:
                self.refuse(414)
                return False
            self.line_done = newline >= 0
        self.head_bytes += len(data)
        if self.head_bytes > limits.max_head + _REQUEST_LINE_SLACK and not self._ends_head(data):
            self.refuse(431)
            return False
        return True

    def _ends_head(self, data: bytes) -> bool:
        # A chunk may carry the end of an allowed head and a body: the head must end in time.
        end = data.find(b"\r\n\r\n")
        if end < 0:
            return False
        head = self.head_bytes - len(data) + end
        return head <= self.limits.max_head + _REQUEST_LINE_SLACK

    def head_done(self) -> None:
        self.head_bytes = 0
        self.line_done = False

    def update(self) -> None:
        """Re-derive, after an event, whether the connection waits on its client."""
        protocol = self.protocol
        if self.refused or protocol.transport is None or protocol.transport.is_closing():
            return
        if not protocol.guard_in_head():
            self.head_done()
        busy = protocol.guard_busy()
        if busy:
            self.registry.idle.pop(protocol, None)
        elif protocol not in self.registry.idle:
            self.registry.idle[protocol] = None
        waiting = not busy or not protocol.guard_request_received()
        if waiting and self.timer is None:
            self.timer = protocol.loop.call_later(self.limits.request_timeout, self._timed_out)
        elif not waiting:
            self._stop_timer()

    def _timed_out(self) -> None:
        self.timer = None
        protocol = self.protocol
        if protocol.transport is None or protocol.transport.is_closing():
            return
        if self.head_bytes and not protocol.guard_busy():
            self.refuse(408)  # a request was begun: say why it is dropped
        else:
            protocol.guard_close()

    def refuse(self, status: int) -> None:
        """Answer ``status`` without the app, then close the connection.

        The close lingers (as nginx's does): what the client still sends is read and dropped
        for a moment, up to a bound, so that closing with unread data does not reset the
        connection and destroy the answer before the client reads it.
        """
        self.refused = True
        self._stop_timer()
        registry, protocol = self.registry, self.protocol
        if protocol in registry.live:  # it still holds a descriptor: the first to make room
            registry.idle[protocol] = None
            registry.idle.move_to_end(protocol, last=False)
        transport = self.protocol.transport
        if transport is None or transport.is_closing():
            return
        transport.write(_raw_refusal(status, self.limits.json_errors))
        if transport.can_write_eof():
            transport.write_eof()
        self.protocol.loop.call_later(_LINGER_SECONDS, self.protocol.guard_close)

    def drain(self, data: bytes) -> None:
        """Drop what a refused client still sends; close once it sent too much."""
        self.drained += len(data)
        if self.drained > _LINGER_BYTES:
            self.protocol.guard_close()

    def _stop_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None


class _HeadLimit:
    """The exact check, on the parsed head, of what :class:`_Guard` bounded on the bytes."""

    def __init__(self, app: Any, limits: ConnectionLimits) -> None:
        self._app = app
        self._limits = limits

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            status = 0
            url = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
            if url > self._limits.max_url:
                status = 414
            elif url + sum(len(k) + len(v) + 4 for k, v in scope["headers"]) > (
                self._limits.max_head
            ):
                status = 431
            if status:
                content_type, body = _refusal(status, self._limits.json_errors)
                await send(
                    {
                        "type": "http.response.start",
                        "status": status,
                        "headers": [
                            (b"content-type", content_type),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self._app(scope, receive, send)


def guarded_protocol(limits: ConnectionLimits, parser: Parser = "auto") -> type[asyncio.Protocol]:
    """A uvicorn HTTP protocol class with the guards, for one server (it holds the registry)."""
    if parser == "auto":
        try:
            import httptools  # noqa: F401
        except ImportError:  # pragma: no cover - httptools ships for every platform we support
            parser = "h11"
        else:
            parser = "httptools"
    registry = _Registry()
    if parser == "h11":
        return type("GuardedH11Protocol", (_GuardedH11,), {"_limits": limits, "_reg": registry})
    return type(
        "GuardedHttpToolsProtocol", (_GuardedHttpTools,), {"_limits": limits, "_reg": registry}
    )


class _GuardedHttpTools(HttpToolsProtocol):
    _limits: ClassVar[ConnectionLimits]
    _reg: ClassVar[_Registry]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.app = _HeadLimit(self.app, self._limits)
        self._guard = _Guard(self, self._limits, self._reg)
        self._head_done = False
        self._message_done = False

    def guard_in_head(self) -> bool:
        return not self._head_done or self._message_done

    def guard_request_received(self) -> bool:
        return self._message_done

    def guard_busy(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def guard_close(self) -> None:
        if not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self.transport = transport
        if self._guard.opened():
            super().connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        self._guard.closed()
        if self.flow is not None:  # refused before uvicorn knew it
            super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._guard.before_data(data):
            super().data_received(data)
            self._guard.update()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_done = self._message_done = False

    def on_headers_complete(self) -> None:
        self._head_done = True
        self._guard.head_done()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._message_done = True
        self._guard.head_done()  # the bytes after it start the next head
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._guard.update()


class _GuardedH11(H11Protocol):
    _limits: ClassVar[ConnectionLimits]
    _reg: ClassVar[_Registry]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.app = _HeadLimit(self.app, self._limits)
        self._guard = _Guard(self, self._limits, self._reg)

    def guard_in_head(self) -> bool:
        return self.conn.their_state is h11.IDLE

    def guard_request_received(self) -> bool:
        return self.conn.their_state is not h11.IDLE and self.conn.their_state is not h11.SEND_BODY

    def guard_busy(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def guard_close(self) -> None:
        if not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self.transport = transport
        if self._guard.opened():
            super().connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        self._guard.closed()
        if self.flow is not None:
            super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._guard.before_data(data):
            super().data_received(data)
            self._guard.update()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._guard.update()


def server_config(
    app: Any,
    *,
    host: str,
    port: int,
    limits: ConnectionLimits | None = None,
    parser: Parser = "auto",
    lifespan: Literal["on", "off"] = "off",
) -> uvicorn.Config:
    """uvicorn's configuration for a node server with the connection guards."""
    limits = limits or ConnectionLimits()
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=guarded_protocol(limits, parser),
        loop="auto",  # uvloop where available (not on Windows)
        lifespan=lifespan,
        log_level="warning",
        access_log=False,
        proxy_headers=False,  # the log reads X-Forwarded-For itself, from trusted proxies only
        server_header=False,
        timeout_keep_alive=limits.keep_alive,  # type: ignore[arg-type]  # float works
        # Above our own head limit, so that the guard answers 431 before h11 answers 400.
        h11_max_incomplete_event_size=limits.max_head + 4 * _REQUEST_LINE_SLACK,
        timeout_graceful_shutdown=5,
    )
