"""`exporter-desk-notary`: run a trust-network log or witness node, and administer it.

    init     --data DIR --origin NAME --api-url URL [--witness VKEY=URL ...] [--quorum K]
             [--database postgresql://USER@HOST:PORT/DB]
    serve    --data DIR [--host 127.0.0.1] [--port 8080] [--trusted-proxy ADDR ...]
             [--tiles-dir DIR | --tiles-s3 URL --tiles-bucket NAME [--tiles-prefix P]]
             [--lease-seconds 10]
    enrol    --data DIR --name COMPANY --id REGID [--days 14]
    revoke   --data DIR --fingerprint F
    witnesses --data DIR --witness VKEY=URL ... [--quorum K]   (then restart, 'tuf publish')
    tuf init      --data DIR --url URL   (the repository's URL: API_URL/tuf/)
    tuf publish   --data DIR             (network.json changed: publish it to verifiers)
    tuf rotate    --data DIR --role root|targets|snapshot|timestamp
    tuf timestamp --data DIR             (re-sign the weekly timestamp; run it from cron)
    witness init  --data DIR --name NAME
    witness serve --data DIR [--host 127.0.0.1] [--port 8081] --log ORIGIN=VKEY ...

Both servers close connections that deliver no request within --request-timeout seconds, keep
at most --max-connections open (the oldest idle one makes room), and answer 414 / 431 to an
oversized URL / header block (see notary.connections). Behind a reverse proxy, give its address
as --trusted-proxy so that enrolment rate limits count the client named in X-Forwarded-For.

With --tiles-dir or --tiles-s3 the log also publishes each witnessed checkpoint as C2SP
tlog-tiles (tiles and entry bundles first, the checkpoint last) for readers and CDNs; the S3
credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment.

Storage: the log's SQLite file in the data directory, or, with init --database, a PostgreSQL
database (the URL is kept in DIR/database.url). Several `serve` nodes may share one PostgreSQL
database, each with a copy of the data directory: one sequences (it holds a lease on the stored
checkpoint), the others serve reads and take over within --lease-seconds when it dies.

Private keys live in the data directory, readable by the operator's account only (mode 0600):
a server has no desktop keyring. Protect and back up that directory.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from exporter_desk import __version__
from exporter_desk.notary._files import LogFiles, WitnessFiles, WriterLock
from exporter_desk.notary.batch import EntryWindow
from exporter_desk.notary.connections import ConnectionLimits, server_config
from exporter_desk.notary.errors import NotaryError, SetupError
from exporter_desk.notary.log import LogService, LogSettings
from exporter_desk.notary.provision import (
    WitnessSpec,
    create_invitation,
    init_log,
    init_witness,
    load_witness_signer,
    request_revocation,
)
from exporter_desk.notary.ratelimit import parse_trusted_proxies
from exporter_desk.notary.storage import open_log_storage
from exporter_desk.notary.tile_sinks import DirectorySink, S3Sink, TileSink
from exporter_desk.notary.trust_root import (
    ROLES,
    init_trust_root,
    publish_descriptor,
    resign_timestamp,
    rotate_key,
    set_witnesses,
)
from exporter_desk.notary.web import log_app, witness_app
from exporter_desk.notary.witness import Witness
from exporter_desk.trustnet import TrustnetError, Verifier, parse_verifier_key

__all__ = ["build_parser", "main"]

_WITNESS_ARG = re.compile(r"(?P<vkey>[^=].*?)(?:=(?P<url>https?://\S+))?")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="exporter-desk-notary",
        description="Run an Exporter Desk trust-network node (log, witness, enrolment).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    init = commands.add_parser("init", help="create a log: keys, member CA, network.json")
    init.add_argument("--data", type=Path, required=True, help="the log's data directory")
    init.add_argument("--origin", required=True, help="the log's name, e.g. log.example.com")
    init.add_argument("--api-url", required=True, help="where members reach the log's API")
    init.add_argument(
        "--witness",
        action="append",
        default=[],
        metavar="VKEY=URL",
        help="a witness: its verifier key (from 'witness init') '=' its URL; repeatable",
    )
    init.add_argument("--quorum", type=int, help="witnesses that must cosign (default: a majority)")
    init.add_argument(
        "--database",
        metavar="URL",
        help="keep the log in this PostgreSQL database (postgresql://...; default: SQLite file)",
    )

    serve = commands.add_parser("serve", help="run the log's HTTP API")
    serve.add_argument("--data", type=Path, required=True)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--rate", type=float, default=200.0, help="submissions/s per member")
    serve.add_argument("--burst", type=float, default=400.0, help="burst per member")
    serve.add_argument(
        "--enrol-rate", type=float, default=2.0, help="invitation redemptions/s per address"
    )
    serve.add_argument(
        "--presentment-rate", type=float, default=2.0, help="presentment requests/s per member"
    )
    serve.add_argument(
        "--presentment-burst", type=float, default=30.0, help="presentment burst per member"
    )
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDR",
        help="a reverse proxy (address or network) whose X-Forwarded-For is believed; repeatable",
    )
    serve.add_argument(
        "--max-entry-age-days",
        type=float,
        default=14.0,
        help="oldest entry time accepted, in days before now (entries wait in offline outboxes)",
    )
    _add_connection_options(serve)
    serve.add_argument("--batch-size", type=int, default=256, help="largest batch")
    serve.add_argument(
        "--batch-delay", type=float, default=0.1, help="longest an entry waits for its batch (s)"
    )
    tiles = serve.add_mutually_exclusive_group()
    tiles.add_argument("--tiles-dir", type=Path, help="publish tlog-tiles into this directory")
    tiles.add_argument("--tiles-s3", metavar="URL", help="publish tlog-tiles to this S3 endpoint")
    serve.add_argument("--tiles-bucket", help="the S3 bucket for --tiles-s3")
    serve.add_argument("--tiles-prefix", default="", help="key prefix inside the bucket")
    serve.add_argument(
        "--tiles-interval", type=float, default=1.0, help="seconds between tile publications"
    )
    serve.add_argument(
        "--lease-seconds",
        type=float,
        default=10.0,
        help="PostgreSQL: how soon a standby node takes over from a sequencer that stopped (s)",
    )

    enrol = commands.add_parser("enrol", help="create a one-time invitation code for a company")
    enrol.add_argument("--data", type=Path, required=True)
    enrol.add_argument("--name", required=True, help="the company's name, as certified")
    enrol.add_argument("--id", required=True, dest="registration_id", help="its registration id")
    enrol.add_argument("--days", type=int, default=14, help="days the code stays valid")

    revoke = commands.add_parser("revoke", help="revoke a member (recorded in the log)")
    revoke.add_argument("--data", type=Path, required=True)
    revoke.add_argument("--fingerprint", required=True, help="SHA-256 of the member certificate")
    revoke.add_argument("--timeout", type=float, default=30.0)

    witnesses = commands.add_parser(
        "witnesses", help="replace the network's witnesses and quorum in network.json"
    )
    witnesses.add_argument("--data", type=Path, required=True)
    witnesses.add_argument("--witness", action="append", default=[], metavar="VKEY=URL")
    witnesses.add_argument("--quorum", type=int, help="witnesses that must cosign (a majority)")

    tuf = commands.add_parser("tuf", help="publish the network's trust root through TUF")
    tuf_commands = tuf.add_subparsers(dest="tuf_command", required=True)
    tuf_init = tuf_commands.add_parser("init", help="create the TUF repository and its keys")
    tuf_init.add_argument("--data", type=Path, required=True)
    tuf_init.add_argument("--url", required=True, help="where verifiers fetch it (API_URL/tuf/)")
    tuf_publish = tuf_commands.add_parser("publish", help="publish the current network.json")
    tuf_publish.add_argument("--data", type=Path, required=True)
    tuf_rotate = tuf_commands.add_parser("rotate", help="replace one role's key")
    tuf_rotate.add_argument("--data", type=Path, required=True)
    tuf_rotate.add_argument("--role", required=True, choices=ROLES)
    tuf_timestamp = tuf_commands.add_parser("timestamp", help="re-sign the timestamp")
    tuf_timestamp.add_argument("--data", type=Path, required=True)

    witness = commands.add_parser("witness", help="a tlog-witness")
    witness_commands = witness.add_subparsers(dest="witness_command", required=True)
    witness_init = witness_commands.add_parser("init", help="create the witness key")
    witness_init.add_argument("--data", type=Path, required=True)
    witness_init.add_argument("--name", required=True, help="e.g. witness.example.com")
    witness_serve = witness_commands.add_parser("serve", help="run the witness's HTTP API")
    witness_serve.add_argument("--data", type=Path, required=True)
    witness_serve.add_argument("--host", default="127.0.0.1")
    witness_serve.add_argument("--port", type=int, default=8081)
    witness_serve.add_argument(
        "--log",
        action="append",
        default=[],
        metavar="ORIGIN=VKEY",
        help="a log to witness: its origin '=' its verifier key (or the key alone); repeatable",
    )
    _add_connection_options(witness_serve)
    return parser


def _add_connection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-connections",
        type=int,
        default=1024,
        help="open connections at most (also kept below the process's descriptor limit)",
    )
    parser.add_argument(
        "--request-timeout",
        type=float,
        default=10.0,
        help="seconds a connection has to send a whole request before it is closed",
    )
    parser.add_argument(
        "--http",
        choices=["auto", "httptools", "h11"],
        default="auto",
        help="HTTP parser (auto: httptools when installed, else h11)",
    )


def _descriptor_limit() -> int | None:
    try:
        import resource
    except ImportError:  # Windows: no such limit to stay under
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return None if soft == resource.RLIM_INFINITY else soft


def _limits(args: argparse.Namespace, *, json_errors: bool) -> ConnectionLimits:
    """The connection limits, the cap kept below the descriptor limit (with room for files)."""
    cap = args.max_connections
    soft = _descriptor_limit()
    if soft is not None:
        cap = max(2, min(cap, soft - 64))
    return ConnectionLimits(
        request_timeout=args.request_timeout, max_connections=cap, json_errors=json_errors
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        return _run(args)
    except NotaryError as exc:
        print(f"error: {exc.user_message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    if args.command == "init":
        descriptor = init_log(
            args.data,
            origin=args.origin,
            api_url=args.api_url,
            witnesses=[_witness_spec(text) for text in args.witness],
            quorum=args.quorum,
            database=args.database,
        )
        print(f"created log {descriptor.origin} in {args.data}")
        print(f"network descriptor: {LogFiles(args.data).descriptor}")
        for item in descriptor.fingerprints():
            print(f"  {item.role}: {item.name}\n    {item.fingerprint}")
        print("private keys are in the data directory (mode 0600): protect and back it up")
        return 0
    if args.command == "serve":
        return _serve_log(args)
    if args.command == "enrol":
        code = create_invitation(
            args.data, name=args.name, registration_id=args.registration_id, days=args.days
        )
        print(code)
        return 0
    if args.command == "revoke":
        return _revoke(args)
    if args.command == "witnesses":
        descriptor = set_witnesses(
            args.data, [_witness_spec(text) for text in args.witness], args.quorum
        )
        print(f"network.json now requires: {descriptor.policy.quorum}")
        print("restart the log, then run 'tuf publish' so that verifiers learn the new witnesses")
        return 0
    if args.command == "tuf":
        return _tuf(args)
    if args.witness_command == "init":
        print(init_witness(args.data, args.name))
        return 0
    return _serve_witness(args)


def _tuf(args: argparse.Namespace) -> int:
    if args.tuf_command == "init":
        path = init_trust_root(args.data, repository_url=args.url)
        print(f"trust root: {path}")
        print("give this file to verifiers ('exporter-desk network add FILE', or Settings)")
    elif args.tuf_command == "publish":
        print(f"published network.json as targets version {publish_descriptor(args.data)}")
    elif args.tuf_command == "rotate":
        version = rotate_key(args.data, args.role)
        print(f"the {args.role} key is replaced: root version {version}")
    else:
        resign_timestamp(args.data)
        print("timestamp re-signed")
    return 0


def _witness_spec(text: str) -> WitnessSpec:
    match = _WITNESS_ARG.fullmatch(text.strip())
    if match is None:
        raise SetupError(f"--witness {text!r} is not VKEY=URL")
    return WitnessSpec(match.group("vkey"), match.group("url"))


def _log_verifier(text: str) -> Verifier:
    """``ORIGIN=VKEY`` or ``VKEY``; the key's name must be the origin."""
    candidates = [text]
    for position, char in enumerate(text):
        if char == "=" and text[position + 1 :].startswith(text[:position] + "+"):
            candidates.insert(0, text[position + 1 :])
    for candidate in candidates:
        try:
            return parse_verifier_key(candidate)
        except TrustnetError:
            continue
    raise SetupError(
        f"--log {text!r} is not ORIGIN=VKEY",
        user_message=f"--log {text!r}: give the log's origin, '=', and its verifier key.",
    )


def _serve_log(args: argparse.Namespace) -> int:
    if args.max_entry_age_days <= 0:
        raise SetupError("--max-entry-age-days must be positive")
    settings = LogSettings(
        rate=args.rate,
        burst=args.burst,
        enrol_rate=args.enrol_rate,
        presentment_rate=args.presentment_rate,
        presentment_burst=args.presentment_burst,
        trusted_proxies=parse_trusted_proxies(args.trusted_proxy),
        entry_window=EntryWindow(max_age=args.max_entry_age_days * 86400.0),
        max_batch=args.batch_size,
        max_delay=args.batch_delay,
        tiles=_tile_sink(args),
        tiles_interval=args.tiles_interval,
        lease_seconds=args.lease_seconds,
    )
    if args.lease_seconds <= 0:
        raise SetupError("--lease-seconds must be positive")
    limits = _limits(args, json_errors=True)
    service = LogService(args.data, settings=settings)
    config = server_config(
        log_app(service),
        host=args.host,
        port=args.port,
        limits=limits,
        parser=args.http,
        lifespan="on",
    )
    logging.getLogger(__name__).info(
        "log %s serving on http://%s:%d", service.keys.descriptor.origin, args.host, args.port
    )
    uvicorn.Server(config).run()
    service.close()
    return 0


def _tile_sink(args: argparse.Namespace) -> TileSink | None:
    """Where ``serve`` publishes tiles, if anywhere (credentials only from the environment)."""
    if args.tiles_dir is not None:
        return DirectorySink(args.tiles_dir)
    if args.tiles_s3 is None:
        if args.tiles_bucket:
            raise SetupError("--tiles-bucket needs --tiles-s3 URL")
        return None
    if not args.tiles_bucket:
        raise SetupError(
            "--tiles-s3 needs --tiles-bucket", user_message="Give the bucket: --tiles-bucket NAME."
        )
    return S3Sink(args.tiles_s3, args.tiles_bucket, prefix=args.tiles_prefix)


def _serve_witness(args: argparse.Namespace) -> int:
    if not args.log:
        raise SetupError("give at least one --log ORIGIN=VKEY", user_message="No --log given.")
    witness = Witness(
        WitnessFiles(args.data).database,
        load_witness_signer(args.data),
        [_log_verifier(text) for text in args.log],
    )
    config = server_config(
        witness_app(witness),
        host=args.host,
        port=args.port,
        limits=_limits(args, json_errors=False),
        parser=args.http,
    )
    logging.getLogger(__name__).info(
        "witness %s serving on http://%s:%d", witness.name, args.host, args.port
    )
    try:
        uvicorn.Server(config).run()
    finally:
        witness.close()
    return 0


def _revoke(args: argparse.Namespace) -> int:
    request_id = request_revocation(args.data, args.fingerprint)
    files = LogFiles(args.data)
    probe = WriterLock(files.lock)
    service = None
    if open_log_storage(files).shared:
        # A shared database: our node sequences only if no server holds the lease.
        service = LogService(args.data)
        service.start()
    elif probe.try_acquire():
        # No server runs on this directory: sequence the revocation ourselves, then stop.
        probe.release()
        service = LogService(args.data)
        service.start()
    try:
        index = _wait_for_request(files, request_id, args.timeout)
        witnessed = True
        if service is not None:  # give the witnesses a moment; the server would retry anyway
            deadline = time.monotonic() + min(args.timeout, 10.0)
            while not _is_published(service, index) and time.monotonic() < deadline:
                time.sleep(0.05)
            witnessed = _is_published(service, index)
    finally:
        if service is not None:
            service.close()
    print(f"revoked {args.fingerprint} (log entry {index})")
    if not witnessed:
        print("the witnesses have not cosigned it yet; they will when the log server runs")
    return 0


def _wait_for_request(files: LogFiles, request_id: int, timeout: float) -> int:
    """The index of the entry that carried out admin request ``request_id``.

    Raises:
        SetupError: if the sequencer refused it, or did not get to it in time.
    """
    deadline = time.monotonic() + timeout
    conn = open_log_storage(files).connect()
    try:
        while time.monotonic() < deadline:
            row = conn.execute(
                "SELECT done_index, error FROM admin_requests WHERE id = ?", (request_id,)
            ).fetchone()
            if row is not None and row[1] is not None:
                raise SetupError(f"revocation refused: {row[1]}", user_message=str(row[1]))
            if row is not None and row[0] is not None:
                return int(row[0])
            time.sleep(0.05)
    finally:
        conn.close()
    raise SetupError(
        "the revocation was queued but not yet recorded",
        user_message=(
            "The revocation was queued but the log has not recorded it yet; it will be when the "
            "log server runs."
        ),
    )


def _is_published(service: LogService, index: int) -> bool:
    published = service.sequencer.published
    return published is not None and published[0] > index


if __name__ == "__main__":
    sys.exit(main())
