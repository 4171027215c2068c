"""The HTTP faces of the node (Starlette on uvicorn): the log API and the tlog-witness API.

Log API (JSON errors ``{"error": code, "message": text}``; ``message`` is for people)::

    POST /v1/entries            Authorization: Bearer <api token>; body: the signed
                                exporter-desk-entry/v1 bytes (at most 64 KiB; entries are < 1 KiB)
        200 text/plain          the receipt (c2sp.org/tlog-proof@v1), headers Entry-Index and
                                Entry-Status: registered | duplicate (same entry, or same document
                                under the same number: the first registration's receipt)
        400 malformed_entry | time_in_future | time_too_old | time_before_enrolment (the
            entry's time is outside the window around the log's clock; see batch.EntryWindow)
        401 unauthorized (+ WWW-Authenticate)
        403 bad_signature | wrong_issuer | reserved_kind | member_revoked
        409 number_taken | superseded_unknown | already_superseded
        413 too_large      429 rate_limited (+ Retry-After)
        503 receipt_pending (logged, not yet witnessed: submit again) | unavailable
    POST /v1/members            {"invitation": code, "csr_pem": PEM}
        200 {"fingerprint", "certificate_pem", "api_token", "member_ca_pem", "index",
             "receipt"}         (receipt null if the witnesses are late; the token is shown once)
        400 bad_request | bad_csr   403 invitation_invalid   409 already_enrolled |
        key_already_enrolled (the CSR's key belongs to a member already)   413
        429 (per client address, X-Forwarded-For from trusted proxies only; and per code)
    GET  /v1/checkpoint         200 text/plain: the latest checkpoint a quorum cosigned
                                (503 no_checkpoint before the first one)
    GET  /v1/entries/{index}    200 text/plain: the entry bytes; 400, 404
    GET  /v1/entries?start=&count=            200 {"start", "entries": [base64...]}: up to
                                count (at most 1000) committed entries from start, in order; 400
    GET  /v1/proofs/inclusion?index=&size=    200 {"index", "size", "proof": [base64...]}; 400
    GET  /v1/proofs/consistency?old=&new=     200 {"old", "new", "proof": [base64...]}; 400
    GET  /v1/lookup?issuer=&kind=&number=     200 {"issuer", "kind", "number", "issuer_status",
                                "current", "entries": [{"index", "digest", "time", "leaf_hash",
                                "supersedes", "superseded_by", "status"}]}; 400
    GET  /v1/members/{fingerprint}            200 {"fingerprint", "name", "registration_id",
                                "role", "status": active | revoked, "enrolled_index",
                                "revoked_index", "certificate_pem"}; 400, 404
    GET  /tuf/metadata/{N.}ROLE.json, /tuf/targets/HASH.network.json
                                the network's TUF repository (notary.trust_root); 404
    POST /v1/presentments/lookup  Authorization: Bearer <api token>; {"key": canonical business
                                key, "document": leaf hash of the document's entry (optional)}
        200 {"presented": [{"date", "mine", "bank" (name only with that bank's consent),
             "amount", "currency" (own presentments only)}], "entry": {"kind", "number",
             "digest", "length"} | null (what the caller's presentment entry must carry)}
        400 bad_request   401   403 member_revoked   404 document_unknown   429 (+ Retry-After)
    POST /v1/presentments       Authorization: Bearer <api token>; {"key", "document", "entry":
                                base64 of the signed presentment entry, "amount", "currency"
                                (optional, private to the bank), "consent": bool}
        200 {"status": registered | duplicate, "index", "date", "receipt" (null if duplicate)}
        400 bad_request | time_*   401   403 wrong_issuer | bad_signature | own_document |
            member_revoked
        404 document_unknown   409   429 (+ Retry-After)   503 receipt_pending
    GET  /v1/presentments/documents   Authorization: Bearer <api token>
        200 {"documents": [{"index", "kind", "number", "date", "bank"}]}: presentments of the
            documents the caller issued   401   429
    (see notary.presentments for what the log reveals; a presentment entry sent to
    POST /v1/entries is refused with 403 presentment_via_entries)
    any other route 404 not_found; another method 405 method_not_allowed
    any route: 414 url_too_large, 431 headers_too_large, 408 request_timeout, 503 busy (too
    many connections), answered by the connection guard (notary.connections) before the app

Witness API: ``POST /add-checkpoint`` exactly as c2sp.org/tlog-witness (plain-text errors; 409
with ``text/x.tlog.size``; 413 for a body over 64 KiB).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import Future
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from exporter_desk.notary.batch import Registration
from exporter_desk.notary.errors import (
    MAX_BODY_SIZE,
    ApiError,
    bad_request,
    receipt_pending,
    too_large,
)
from exporter_desk.notary.log import LogService
from exporter_desk.notary.ratelimit import client_address
from exporter_desk.notary.trust_root import published_file
from exporter_desk.notary.witness import MAX_REQUEST_SIZE, Witness

__all__ = ["log_app", "witness_app"]

_log = logging.getLogger(__name__)

Handler = Callable[[Request], Awaitable[Response]]


def error_response(error: ApiError) -> JSONResponse:
    headers = dict(error.headers)
    if error.retry_after is not None:
        headers["Retry-After"] = str(error.retry_after)
    return JSONResponse(
        {"error": error.code, "message": error.user_message},
        status_code=error.status,
        headers=headers,
    )


async def read_body(request: Request, limit: int) -> bytes:
    """Read the body, refusing (413) as soon as it exceeds ``limit`` bytes.

    Raises:
        ApiError: 413 if it is too large, 400 if Content-Length is malformed.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise bad_request("Content-Length is not a number")
        if int(declared) > limit:
            raise too_large(limit)
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _api(handler: Handler) -> Handler:
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except ApiError as error:
            return error_response(error)

    return wrapped


class _LoopBridge:
    """Hands the sequencer's results to the event loop, many per wake-up.

    ``asyncio.wrap_future`` wakes the loop once per future, from the sequencer's thread; at a
    few thousand receipts a second those wake-ups (and the GIL hand-overs they cause) cost more
    than the receipts. Here a batch of results is delivered with one wake-up.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._loop_thread = threading.get_ident()
        self._lock = threading.Lock()
        self._ready: list[tuple[asyncio.Future[Registration], Future[Registration]]] = []
        self._scheduled = False

    def attach(self, future: Future[Registration]) -> asyncio.Future[Registration]:
        waiter: asyncio.Future[Registration] = self._loop.create_future()
        future.add_done_callback(lambda done: self._done(waiter, done))
        return waiter

    def _done(self, waiter: asyncio.Future[Registration], done: Future[Registration]) -> None:
        with self._lock:
            self._ready.append((waiter, done))
            if self._scheduled:
                return
            self._scheduled = True
        if threading.get_ident() == self._loop_thread:  # the sequencer runs on the loop
            self._loop.call_soon(self._deliver)
            return
        with contextlib.suppress(RuntimeError):  # a closed loop has nobody waiting
            self._loop.call_soon_threadsafe(self._deliver)

    def _deliver(self) -> None:
        with self._lock:
            ready, self._ready = self._ready, []
            self._scheduled = False
        for waiter, done in ready:
            if waiter.done():
                continue
            if done.cancelled():
                waiter.cancel()
            elif (error := done.exception()) is not None:
                waiter.set_exception(error)
            else:
                waiter.set_result(done.result())


def log_app(service: LogService, *, manage_lifecycle: bool = True) -> ASGIApp:
    """The log's Starlette app; with ``manage_lifecycle`` it starts and closes ``service``."""
    bridges: dict[asyncio.AbstractEventLoop, _LoopBridge] = {}

    async def await_registration(
        future: Future[Registration], *, cancel_on_timeout: bool = True
    ) -> Registration:
        loop = asyncio.get_running_loop()
        bridge = bridges.get(loop)
        if bridge is None:
            bridge = bridges[loop] = _LoopBridge(loop)
        waiter = bridge.attach(future)
        try:
            return await asyncio.wait_for(waiter, service.settings.receipt_timeout)
        except TimeoutError:
            if cancel_on_timeout:
                future.cancel()  # the sequencer need not build a receipt nobody waits for
            raise receipt_pending() from None

    async def post_entry(request: Request) -> Response:
        raise AssertionError("POST /v1/entries is served by _EntriesFastPath")

    trusted = service.settings.trusted_proxies

    @_api
    async def post_member(request: Request) -> Response:
        peer = request.client.host if request.client else None
        client = client_address(peer, request.headers.getlist("x-forwarded-for"), trusted)
        service.check_enrolment_rate(client)
        body = await read_body(request, MAX_BODY_SIZE)
        try:
            document = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise bad_request(f"the body is not UTF-8 JSON: {exc}") from exc
        if not isinstance(document, dict):
            raise bad_request('the body must be {"invitation": ..., "csr_pem": ...}')
        item, token = service.prepare_enrolment(document.get("invitation"), document.get("csr_pem"))
        future = service.submit(item)
        registration: Registration | None = None
        try:
            registration = await await_registration(future, cancel_on_timeout=False)
        except ApiError as error:
            if error.code != "receipt_pending":
                raise
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, service.enrolment_timed_out, item, future)
        return JSONResponse(service.enrolment_result(item, token, registration).as_json())

    async def read_json(request: Request) -> dict[str, Any]:
        body = await read_body(request, MAX_BODY_SIZE)
        try:
            document = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise bad_request(f"the body is not UTF-8 JSON: {exc}") from exc
        if not isinstance(document, dict):
            raise bad_request("the body must be a JSON object")
        return document

    desk = service.presentments

    @_api
    async def post_presentment_lookup(request: Request) -> Response:
        member = desk.member(request.headers.get("authorization"))
        body = await read_json(request)
        loop = asyncio.get_running_loop()
        return JSONResponse(await loop.run_in_executor(None, desk.lookup, member, body))

    @_api
    async def post_presentment(request: Request) -> Response:
        member = desk.member(request.headers.get("authorization"))
        body = await read_json(request)
        loop = asyncio.get_running_loop()
        pending = await loop.run_in_executor(None, desk.prepare, member, body)
        if pending.item is None:
            earlier = pending.earlier or {}
            return JSONResponse({"status": "duplicate", "receipt": None, **earlier})
        try:
            registration = await await_registration(
                service.submit(pending.item), cancel_on_timeout=False
            )
        except ApiError as error:
            if error.code != "receipt_pending":  # pending: a retry of the same entry settles it
                await loop.run_in_executor(None, desk.withdraw, pending)
            raise
        await loop.run_in_executor(None, desk.recorded, pending, registration)
        return JSONResponse(
            {
                "status": "duplicate" if registration.duplicate else "registered",
                "index": registration.index,
                "date": pending.item.entry.time.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "receipt": registration.receipt,
            }
        )

    @_api
    async def get_presented_documents(request: Request) -> Response:
        member = desk.member(request.headers.get("authorization"))
        loop = asyncio.get_running_loop()
        return JSONResponse(await loop.run_in_executor(None, desk.documents, member))

    @_api
    async def get_checkpoint(request: Request) -> Response:
        return PlainTextResponse(service.checkpoint(), headers={"Cache-Control": "no-store"})

    @_api
    async def get_entry(request: Request) -> Response:
        data = service.reads.entry(request.path_params["index"])
        return Response(data, media_type="text/plain; charset=us-ascii")

    @_api
    async def get_entries(request: Request) -> Response:
        params = request.query_params
        return JSONResponse(service.reads.entries(params.get("start"), params.get("count")))

    @_api
    async def get_inclusion(request: Request) -> Response:
        params = request.query_params
        return JSONResponse(service.reads.inclusion_proof(params.get("index"), params.get("size")))

    @_api
    async def get_consistency(request: Request) -> Response:
        params = request.query_params
        return JSONResponse(service.reads.consistency_proof(params.get("old"), params.get("new")))

    @_api
    async def get_lookup(request: Request) -> Response:
        params = request.query_params
        return JSONResponse(
            service.reads.lookup(params.get("issuer"), params.get("kind"), params.get("number"))
        )

    @_api
    async def get_crl(request: Request) -> Response:
        return Response(service.revocation_list(), media_type="application/pkix-crl")

    @_api
    async def get_trust_root(request: Request) -> Response:
        # The network's TUF repository (notary.trust_root), read-only; 404 for anything else.
        relative = request.path_params["path"]
        data = published_file(service.keys.files.root, relative)
        if data is None:
            raise HTTPException(404, f"no such file: {relative[:200]}")
        cache = "no-cache" if relative.endswith("timestamp.json") else "max-age=31536000"
        return Response(data, media_type="application/json", headers={"Cache-Control": cache})

    @_api
    async def get_member(request: Request) -> Response:
        return JSONResponse(service.reads.member(request.path_params["fingerprint"]))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not manage_lifecycle:
            yield
            return
        sequencer = asyncio.create_task(service.run())
        try:
            yield
        finally:
            service.sequencer.request_stop()
            with contextlib.suppress(Exception):
                await sequencer
            await asyncio.get_running_loop().run_in_executor(None, service.close)

    app = Starlette(
        routes=[
            Route("/v1/entries", post_entry, methods=["POST"]),  # for the 405 on other methods
            Route("/v1/entries", get_entries, methods=["GET"]),
            Route("/v1/entries/{index}", get_entry, methods=["GET"]),
            Route("/v1/checkpoint", get_checkpoint, methods=["GET"]),
            Route("/v1/proofs/inclusion", get_inclusion, methods=["GET"]),
            Route("/v1/proofs/consistency", get_consistency, methods=["GET"]),
            Route("/v1/lookup", get_lookup, methods=["GET"]),
            Route("/v1/members", post_member, methods=["POST"]),
            Route("/v1/members/{fingerprint}", get_member, methods=["GET"]),
            Route("/v1/crl", get_crl, methods=["GET"]),
            Route("/tuf/{path:path}", get_trust_root, methods=["GET"]),
            Route("/v1/presentments", post_presentment, methods=["POST"]),
            Route("/v1/presentments/lookup", post_presentment_lookup, methods=["POST"]),
            Route("/v1/presentments/documents", get_presented_documents, methods=["GET"]),
        ],
        exception_handlers={HTTPException: _http_error, Exception: _internal_error},
        lifespan=lifespan,
    )
    return _EntriesFastPath(app, service, await_registration)


class _EntriesFastPath:
    """``POST /v1/entries`` in plain ASGI, everything else through Starlette.

    Submissions are the one route where thousands of requests a second are expected; here
    Starlette's middleware, routing and request objects would cost more than the entry's own
    checks. Behaviour (limits, status codes, JSON errors) is that of the other routes.
    """

    def __init__(
        self,
        app: Starlette,
        service: LogService,
        await_registration: Callable[[Future[Registration]], Awaitable[Registration]],
    ) -> None:
        self._app = app
        self._service = service
        self._await_registration = await_registration

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/v1/entries" or scope["method"] != "POST":
            await self._app(scope, receive, send)
            return
        try:
            status, headers, body = await self._post_entry(scope, receive)
        except ApiError as error:
            status, headers, body = _error_parts(error)
        except Exception as exc:
            _log.error("internal error on POST /v1/entries", exc_info=exc)
            status, headers, body = (
                500,
                [(b"content-type", b"application/json")],
                (b'{"error":"internal","message":"internal error; the request was not processed"}'),
            )
        headers.append((b"content-length", str(len(body)).encode("ascii")))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _post_entry(
        self, scope: Scope, receive: Receive
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        authorization: str | None = None
        declared: bytes | None = None
        for name, value in scope["headers"]:
            if name == b"authorization":
                authorization = value.decode("latin-1")
            elif name == b"content-length":
                declared = value
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_SIZE):
            raise too_large() if declared.isdigit() else bad_request("bad Content-Length")
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise bad_request("the client disconnected")
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > MAX_BODY_SIZE:
                raise too_large()
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        item = self._service.prepare_entry(authorization, b"".join(chunks), verify=False)
        registration = await self._await_registration(self._service.submit_unverified(item))
        status = b"duplicate" if registration.duplicate else b"registered"
        return (
            200,
            [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"entry-index", str(registration.index).encode("ascii")),
                (b"entry-status", status),
            ],
            registration.receipt.encode("utf-8"),
        )


def _error_parts(error: ApiError) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    headers = [(b"content-type", b"application/json")]
    headers += [
        (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in error.headers.items()
    ]
    if error.retry_after is not None:
        headers.append((b"retry-after", str(error.retry_after).encode("ascii")))
    body = json.dumps({"error": error.code, "message": error.user_message}).encode("utf-8")
    return error.status, headers, body


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    code = {404: "not_found", 405: "method_not_allowed"}.get(status, "bad_request")
    message = {
        404: f"no such route: {request.url.path[:200]}",
        405: f"{request.method} is not allowed on {request.url.path[:200]}",
    }.get(status, str(getattr(exc, "detail", "bad request")))
    headers = getattr(exc, "headers", None) or {}
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)


async def _internal_error(request: Request, exc: Exception) -> Response:
    _log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(
        {"error": "internal", "message": "internal error; the request was not processed"},
        status_code=500,
    )


def witness_app(witness: Witness) -> Starlette:
    """The witness's Starlette app: ``POST /add-checkpoint`` (c2sp.org/tlog-witness)."""

    async def add_checkpoint(request: Request) -> Response:
        try:
            body = await read_body(request, MAX_REQUEST_SIZE)
        except ApiError as error:  # 413 over the size limit, 400 a malformed Content-Length
            return PlainTextResponse(str(error) + "\n", status_code=error.status)
        # Fast (a signature check and one small transaction), but it may wait on another
        # process's lock: keep it off the event loop.
        reply = await asyncio.get_running_loop().run_in_executor(None, witness.add_checkpoint, body)
        # Set verbatim: a 409 must be exactly text/x.tlog.size, without a charset parameter.
        return Response(
            reply.body, status_code=reply.status, headers={"Content-Type": reply.content_type}
        )

    return Starlette(
        routes=[Route("/add-checkpoint", add_checkpoint, methods=["POST"])],
        exception_handlers={HTTPException: _witness_http_error, Exception: _internal_error},
    )


async def _witness_http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    return PlainTextResponse(f"{status} {getattr(exc, 'detail', '')}\n", status_code=status)
