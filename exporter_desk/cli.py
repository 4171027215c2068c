"""`exporter-desk`: the desktop app by default, and its subcommands for scripts and people."""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from exporter_desk.errors import ExporterError

if TYPE_CHECKING:
    from exporter_desk.services.verifying import FileVerdict
    from exporter_desk.signing import Keystore
    from exporter_desk.store import Store
    from exporter_desk.verify import Verdict
    from exporter_desk.verify.pack import PackVerdict

log = logging.getLogger("exporter_desk")


class _VersionAction(argparse.Action):
    """``--version``: the installed version, read only when asked for (reading it is slow)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from exporter_desk import __version__

        print(f"{parser.prog} {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="exporter-desk",
        description="Exporter Desk: trade documents for small exporters, registered and signed.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version")
    parser.add_argument(
        "--data",
        metavar="DIR",
        help="data folder (default: $EXPORTER_DESK_DATA, else the platform's data folder)",
    )
    # --data is accepted before or after the command: `exporter-desk demo --seed --data DIR`.
    data_option = argparse.ArgumentParser(add_help=False)
    data_option.add_argument(
        "--data",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data folder (overrides the one given before the command)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, parents=[data_option])

    demo = command("demo", "fill a data folder with a sample company and deal")
    demo.add_argument("--seed", action="store_true", help="save the sample data in the database")
    demo.add_argument(
        "--out",
        metavar="DIR",
        help="also issue every sample document into DIR, with DIR/network.json to verify them",
    )
    demo.set_defaults(run=_run_demo)

    verify = command("verify", "verify issued PDFs offline and print the verdicts")
    verify.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        type=Path,
        help="PDF files, or folders: every PDF directly in the folder",
    )
    verify.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes checking files side by side (default: one per core)",
    )
    verify.add_argument("--json", action="store_true", help="print the verdicts as JSON")
    verify.add_argument(
        "--network",
        metavar="DESCRIPTOR",
        action="append",
        type=Path,
        default=[],
        help="trust this network descriptor (network.json); may be repeated",
    )
    verify.add_argument(
        "--online", action="store_true", help="also ask the networks for news (superseded, revoked)"
    )
    verify.add_argument(
        "--tiles-url",
        metavar="URL",
        action="append",
        default=[],
        help="with --online: read a network's log from its C2SP tlog-tiles at URL; may be repeated",
    )
    verify.set_defaults(run=_run_verify)

    present = command(
        "present", "record that your bank received or financed a verified document (presentment)"
    )
    present.add_argument("file", metavar="FILE", type=Path)
    present.add_argument("--amount", metavar="AMOUNT", help="the amount financed (kept private)")
    present.add_argument("--currency", metavar="CODE", help="its currency (default: EUR)")
    present.add_argument(
        "--consent", action="store_true", help="let other banks see your bank's name"
    )
    present.add_argument("--carrier", help="identify a transport document by its carrier...")
    present.add_argument("--transport-document", metavar="NUMBER", help="...and its number")
    present.set_defaults(run=_run_present)

    export = command("export", "export the whole database as JSON, or one list as a spreadsheet")
    what = export.add_mutually_exclusive_group(required=True)
    what.add_argument("--json", action="store_true", help="the whole database as JSON")
    what.add_argument(
        "--table",
        choices=["parties", "products", "contracts", "invoices", "shipments", "deals", "documents"],
        help="one list, as .xlsx or .csv (needs --out)",
    )
    export.add_argument("--format", choices=["xlsx", "csv"], help="of --table (default: --out's)")
    export.add_argument("--order", default="id", metavar="KEY", help="sort key of --table (id)")
    export.add_argument("--desc", action="store_true", help="sort --table descending")
    export.add_argument("--search", default="", metavar="WORDS", help="only matching records")
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    export.set_defaults(run=_run_export)

    imp = command("import", "import parties, products or an invoice's lines from .xlsx or .csv")
    imp.add_argument(
        "--table",
        required=True,
        choices=["parties", "products", "invoice-lines", "contract-lines"],
    )
    imp.add_argument("--into", type=int, metavar="ID", help="the invoice or contract of the lines")
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="map a column (title or letter) to a field; FIELD empty leaves it out; repeatable",
    )
    imp.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="one value for every row (such as currency=USD); repeatable",
    )
    imp.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    imp.add_argument("--json", action="store_true", help="print the result as JSON")
    imp.set_defaults(run=_run_import)

    bak = command("backup", "write one archive to move the company to another computer")
    bak.add_argument("--out", required=True, metavar="FILE", type=Path, help="the archive")
    bak.add_argument(
        "--with-key",
        action="store_true",
        help="also the signing key and network keys, encrypted with a passphrase "
        "($EXPORTER_DESK_BACKUP_PASSPHRASE, else asked)",
    )
    bak.set_defaults(run=_run_backup)

    pack = command(
        "pack", "build a document pack of an invoice, a shipment or a deal from its issued PDFs"
    )
    which = pack.add_mutually_exclusive_group(required=True)
    which.add_argument("--deal", type=int, metavar="ID", help="the deal's id")
    which.add_argument("--shipment", type=int, metavar="ID", help="the shipment's id")
    which.add_argument("--invoice", type=int, metavar="ID", help="the invoice's id")
    pack.add_argument("--out", required=True, metavar="FILE", type=Path, help="the PDF to write")
    pack.add_argument(
        "--include",
        nargs="+",
        metavar="KIND",
        help="only these documents (e.g. commercial-invoice packing-list); default: what the "
        "credit requires, else every document that can be made",
    )
    pack.add_argument(
        "--issue", action="store_true", help="first issue the included documents not yet issued"
    )
    pack.add_argument(
        "--bank",
        action="store_true",
        help="the deal's bank pack: issue what is missing, add the cover of deal summary, "
        "examination and verification, and issue the pack itself (registered and signed)",
    )
    pack.add_argument("--originals", type=int, default=3, metavar="N", help="originals (3)")
    pack.add_argument("--copies", type=int, default=2, metavar="N", help="copies (2)")
    pack.add_argument(
        "--chinese", action="store_true", help="bilingual labels (English + Simplified Chinese)"
    )
    pack.add_argument("--letter", action="store_true", help="US Letter paper instead of A4")
    pack.set_defaults(run=_run_pack)

    network = command("network", "the trust networks this installation trusts")
    network_commands = network.add_subparsers(dest="network_command", required=True)
    network_commands.add_parser(
        "list",
        help="every trusted network: since when and from which source",
        parents=[data_option],
    ).set_defaults(run=_run_network_list)
    network_add = network_commands.add_parser(
        "add",
        help="trust a network from its descriptor (network.json) or its operator's trust root",
        parents=[data_option],
    )
    network_add.add_argument("file", metavar="FILE", type=Path)
    network_add.add_argument(
        "--fingerprint",
        metavar="HEX",
        help="the network fingerprint the operator gave you; without it, the command shows the "
        "fingerprint and trusts nothing",
    )
    network_add.set_defaults(run=_run_network_add)
    network_commands.add_parser(
        "refresh", help="fetch the networks pinned from a trust root again", parents=[data_option]
    ).set_defaults(run=_run_network_refresh)

    credit = command("credit", "letters of credit")
    credit_commands = credit.add_subparsers(dest="credit_command", metavar="ACTION", required=True)
    credit_parse = credit_commands.add_parser("parse", help="print what an MT700 text file says")
    credit_parse.add_argument("file", metavar="FILE", type=Path, help="the MT700 text")
    credit_parse.add_argument("--json", action="store_true", help="print it as JSON")
    credit_parse.set_defaults(run=_run_credit_parse)

    examine = command("examine", "examine a deal's documents against each other and its credit")
    examine.add_argument("--deal", type=int, required=True, metavar="ID", help="the deal's id")
    examine.add_argument("--json", action="store_true", help="print the discrepancies as JSON")
    examine.set_defaults(run=_run_examine)

    monitor = command(
        "monitor",
        "follow the trust network's log and alert on documents registered in the company's "
        "name that this installation did not issue, a revoked certificate, or a split view",
    )
    monitor.add_argument("--once", action="store_true", help="one pass, then exit")
    monitor.add_argument(
        "--interval",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="seconds between passes (1 to 3600; default 60); Ctrl-C stops",
    )
    monitor.add_argument(
        "--acknowledge", action="store_true", help="mark every open alert as read, then exit"
    )
    monitor.set_defaults(run=_run_monitor)

    info = command("info", "show the data folder and what it holds")
    info.set_defaults(run=_run_info)

    restore = command(
        "restore",
        "put back a backup: an archive from 'backup --out' (the whole data folder) or a daily "
        "database backup (default: the latest)",
    )
    restore.add_argument(
        "backup",
        nargs="?",
        type=Path,
        metavar="FILE",
        help="an archive written by 'backup --out', or a database backup "
        "(default: the latest daily backup)",
    )
    restore.set_defaults(run=_run_restore)
    return parser


def _open(args: argparse.Namespace, *, write: bool) -> Store:
    """The data folder's database: read-only for commands that only read (the file cannot
    change), else for writing, after the daily backup."""
    from exporter_desk.services.datafolder import open_for_reading, open_for_writing
    from exporter_desk.store.database import data_dir

    folder = data_dir(args.data)
    return open_for_writing(folder) if write else open_for_reading(folder)


def _run_demo(args: argparse.Namespace, out: TextIO) -> int:
    from exporter_desk.services.demo import seed_demo

    if not args.seed and not args.out:
        print(
            "Nothing to do: 'exporter-desk demo --seed' fills the data folder; "
            "'exporter-desk demo --out DIR' also issues the sample documents.",
            file=out,
        )
        return 2
    if args.out and args.data is None:
        args.data = str(Path(args.out) / "data")
    with _open(args, write=True) as store:
        result = seed_demo(store)
        print(f"Sample data saved in {store.path}:", file=out)
        for name, count in asdict(result).items():
            print(f"  {name.replace('_', ' ')}: {count}", file=out)
        if args.out:
            from exporter_desk.services.demo import issue_demo_documents

            written = issue_demo_documents(
                store,
                _keystore(store.path.parent),
                store.path.parent,
                Path(args.out),
                progress=lambda line: print(line, file=out),
            )
            print(f"{len(written)} files in {args.out}; check them with:", file=out)
            print(
                f"  exporter-desk verify {args.out}/*.pdf --network {args.out}/network.json",
                file=out,
            )
    return 0


def _ask_passphrase() -> str | None:
    """The key-file passphrase: $EXPORTER_DESK_PASSPHRASE, else asked in a terminal."""
    import getpass
    import os

    if os.environ.get("EXPORTER_DESK_PASSPHRASE"):
        return os.environ["EXPORTER_DESK_PASSPHRASE"]
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass("Passphrase for the encrypted key file: ")
    return None


def _keystore(folder: Path) -> Keystore:
    from exporter_desk.services.keystores import open_keystore

    return open_keystore(folder, _ask_passphrase)


def _run_verify(args: argparse.Namespace, out: TextIO) -> int:
    # Only what a verdict needs: the workers load pyHanko; no store, no GUI, no HTTP client
    # unless --online (tests/test_verify_path.py keeps it so).
    from exporter_desk.locations import data_dir
    from exporter_desk.services.trust import load_trust, read_descriptor_file
    from exporter_desk.services.verify_batch import pdfs_in_folder, verify_many
    from exporter_desk.services.verifying import online_checker, verdicts_to_json

    if args.jobs is not None and args.jobs < 1:
        print("exporter-desk verify: --jobs needs a number of 1 or more", file=sys.stderr)
        return 2
    files: list[Path] = []
    missing: list[Path] = []
    for path in args.files:
        if path.is_dir():
            found = pdfs_in_folder(path)
            if not found:
                print(f"exporter-desk verify: no PDF files in {path}", file=sys.stderr)
                return 2
            files += found
        elif path.is_file():
            files.append(path)
        else:
            missing.append(path)
    if missing:
        print(
            f"exporter-desk verify: no such file: {', '.join(map(str, missing))}", file=sys.stderr
        )
        return 2
    extra = tuple(read_descriptor_file(path) for path in args.network)
    folder = data_dir(args.data)
    if args.online and folder.is_dir():
        _refresh_trust_roots(folder)
    trust = load_trust(folder if folder.is_dir() else None, extra)
    show_progress = len(files) > 1 and sys.stderr.isatty()

    def progress(done: int, total: int, path: Path) -> None:
        end = "\n" if done == total else ""
        print(f"\rchecked {done} of {total} files", end=end, file=sys.stderr, flush=True)

    results: list[FileVerdict] = []
    try:
        for item in verify_many(
            files,
            trust,
            jobs=args.jobs,
            online=(
                functools.partial(online_checker, tiles_urls=tuple(args.tiles_url))
                if args.online
                else None
            ),
            progress=progress if show_progress else None,
        ):
            results.append(item)
            if not args.json:
                if item.pack is not None:
                    print(_describe_pack(item.path, item.pack), file=out)
                else:
                    print(_describe(item.path, item.verdict), file=out)
    except KeyboardInterrupt:
        out.flush()
        print(
            f"\nexporter-desk verify: cancelled after {len(results)} of {len(files)} files",
            file=sys.stderr,
        )
        return 130  # 128 + SIGINT, what the shell reports for Ctrl-C
    if args.json:
        print(verdicts_to_json(results), file=out)
    elif args.online:
        try:
            presented = _presentment_warnings(folder, results)
        except ExporterError as exc:  # the verdicts stand; say why presentments are missing
            print(f"Presentments not checked: {exc.user_message}", file=sys.stderr)
        else:
            for item in results:
                if item.path in presented:
                    label = "" if len(results) == 1 else f" ({item.path.name})"
                    print(f"  Presentment{label}: {presented[item.path]}", file=out)
    out.flush()  # a reader that went away fails here, inside main, not at exit
    authentic = all(item.result.value == "authentic" for item in results)
    return 0 if authentic else 1


def _refresh_trust_roots(folder: Path) -> None:
    """Online, first learn the operators' key and witness rotations of the networks pinned from
    a trust root (TUF); a refresh that fails leaves the pin as it was and is said on stderr."""
    from exporter_desk.services.trust import TUF_SUFFIX, trust_dir

    if not any(trust_dir(folder).glob(f"*{TUF_SUFFIX}")):
        return  # nothing pinned from a trust root: TUF is not even loaded
    from exporter_desk.services.trust_roots import refresh_networks

    for outcome in refresh_networks(folder):
        if outcome.error is not None:
            print(f"{outcome.origin}: not refreshed. {outcome.error}", file=sys.stderr)


def _presentment_warnings(folder: Path, results: Sequence[FileVerdict]) -> dict[Path, str]:
    """A bank's installation asks its network whether each document was presented before."""
    from exporter_desk.locations import DATABASE_FILE_NAME

    if not (folder / DATABASE_FILE_NAME).exists():
        return {}  # no company here, so no bank membership to ask with: the store stays unloaded
    from exporter_desk.services.datafolder import open_for_reading
    from exporter_desk.services.presenting import presentment_warning

    warnings: dict[Path, str] = {}
    with open_for_reading(folder) as store:
        try:
            keystore = _keystore(folder)
        except ExporterError as exc:  # no key to ask with: the verdicts stand on their own
            log.info("no presentment check: %s", exc)
            return {}
        for item in results:
            if item.pack is not None:
                continue
            try:
                warning = presentment_warning(folder, store, keystore, item.path, item.verdict)
            except ExporterError as exc:
                warning = f"could not be checked: {exc.user_message}"
            if warning is not None:
                warnings[item.path] = warning
    return warnings


def _run_present(args: argparse.Namespace, out: TextIO) -> int:
    from decimal import Decimal, InvalidOperation

    from exporter_desk.services.presenting import present_file

    amount = None
    if args.amount is not None:
        try:
            amount = Decimal(args.amount.replace(",", ""))
        except InvalidOperation:
            print(
                f"exporter-desk present: --amount {args.amount!r} is not a number", file=sys.stderr
            )
            return 2
        if not args.currency:
            print(
                "exporter-desk present: give the currency of --amount with --currency "
                "(such as USD)",
                file=sys.stderr,
            )
            return 2
    with _open(args, write=False) as store:
        folder = store.path.parent
        done = present_file(
            folder,
            store,
            _keystore(folder),
            args.file,
            amount=amount,
            currency=args.currency if amount is not None else None,
            consent=args.consent,
            carrier=args.carrier,
            transport_document=args.transport_document,
        )
    document, record = done.document, done.record
    verb = "was already recorded" if record.duplicate else "recorded"
    print(
        f"{args.file}: presentment of {document.kind} {document.number} {verb} "
        f"on {record.date.date().isoformat()} (log index {record.index})",
        file=out,
    )
    warning = done.status.warning()
    print(
        f"  {'Warning: ' + warning if warning else 'not presented to another bank before'}",
        file=out,
    )
    return 0


def _run_monitor(args: argparse.Namespace, out: TextIO) -> int:
    import threading

    from exporter_desk.services import monitoring
    from exporter_desk.trustnet.client import HttpTransport

    with _open(args, write=True) as store:
        if args.acknowledge:
            count = monitoring.acknowledge_alerts(
                store, [a.id for a in monitoring.open_alerts(store, limit=10_000)]
            )
            print(f"{count} alerts marked as read.", file=out)
            return 0
        monitoring.company_fingerprint(store)  # nothing to watch without a certificate
        folder = store.path.parent
        descriptor = monitoring.monitored_network(folder, store)
        closers = []
        if descriptor is not None:
            transport = HttpTransport(descriptor.api_url)
            closers.append(transport.close)
            source: monitoring.LogSource = transport
        else:
            from exporter_desk.services.network import open_network

            connection = open_network(folder, store, _keystore(folder))
            closers.append(connection.close)
            descriptor, source = connection.descriptor, monitoring.source_of(connection)

        def report(result: monitoring.MonitorReport) -> None:
            print(
                f"{result.network}: checked {result.verified_size} of {result.size} entries "
                f"({result.entries_read} new), {len(result.new_alerts)} new alerts",
                file=out,
            )
            for alert in result.new_alerts:
                where = f" (entry {alert.log_index})" if alert.log_index is not None else ""
                print(f"ALERT {alert.kind}{where}: {monitoring.advice(alert.kind)}", file=out)
                print(f"  {alert.detail}", file=out)
            out.flush()

        def failed(error: ExporterError) -> None:
            print(f"exporter-desk: {error.user_message}", file=sys.stderr)

        stop = threading.Event()
        try:
            monitoring.run_monitor(
                store, source, descriptor, interval=args.interval, stop=stop,
                on_report=report, on_error=failed, max_polls=1 if args.once else None,
            )  # fmt: skip
        except KeyboardInterrupt:
            stop.set()
        finally:
            for close in closers:
                close()
        still_open = monitoring.open_alerts(store)
        if still_open:
            print(
                f"{len(still_open)} alerts not yet read; 'exporter-desk monitor --acknowledge' "
                "marks them as read.",
                file=out,
            )
        return 1 if still_open else 0


def _describe(path: Path, verdict: Verdict) -> str:
    lines = [f"{path}: {verdict.result.display}"]
    if verdict.issuer is not None:
        reg = f" ({verdict.issuer.registration_id})" if verdict.issuer.registration_id else ""
        name = f"{verdict.issuer.company_name}{reg}"
        if verdict.issuer.trusted_by is not None:
            lines.append(f"  issuer: {name}, vouched for by {verdict.issuer.trusted_by}")
        else:  # anyone can write any name into a certificate of their own
            lines.append(
                f'  issuer: unverified: the certificate claims to be "{name}", but nothing you '
                "trust vouches for that name"
            )
    if verdict.document is not None:
        lines.append(f"  document: {verdict.document.kind} {verdict.document.number}")
    if verdict.registration is not None:
        reg_info = verdict.registration
        when = reg_info.checkpoint_time.isoformat() if reg_info.checkpoint_time else "unknown time"
        witnesses = ", ".join(reg_info.witnesses) or "none"
        lines.append(
            f"  registered: {reg_info.origin} #{reg_info.log_index}, as of {when}; "
            f"witnesses: {witnesses}"
        )
    for check in verdict.checks:
        if check.status.value == "failed":
            lines.append(f"  x {check.reason_en}")
    return "\n".join(lines)


def _describe_pack(path: Path, pack: PackVerdict) -> str:
    kind = "issued pack" if pack.is_issued else "pack for printing, not itself signed"
    own = _describe(Path("pack itself"), pack.container).replace("\n", "\n  ")
    lines = [f"{path}: {pack.result.display} ({kind}; {len(pack.originals)} originals)", f"  {own}"]
    for original in pack.originals:
        lines.append(f"  original {original.label} {original.number}: {original.result.display}")
        for finding in original.findings:
            lines.append(f"    x {finding.en}")
        if original.verdict is not None:
            lines += [f"    x {c.reason_en}" for c in original.verdict.failures]
    lines += [f"  x {finding.en}" for finding in pack.findings]
    return "\n".join(lines)


def _run_export(args: argparse.Namespace, out: TextIO) -> int:
    from exporter_desk.store.export import export_json

    if args.table:
        return _run_export_table(args, out)
    with _open(args, write=False) as store:
        data = export_json(store)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    if args.out:
        from exporter_desk.services._files import write_atomically

        write_atomically(Path(args.out), (text + "\n").encode("utf-8"))
    else:
        print(text, file=out)
    return 0


def _run_export_table(args: argparse.Namespace, out: TextIO) -> int:
    from exporter_desk.services.exporting import ExportTable, export_table

    if not args.out:
        print("exporter-desk export --table: give the file to write with --out", file=sys.stderr)
        return 2
    path = Path(args.out)
    if args.format and path.suffix.lower() != f".{args.format}":
        path = path.with_name(path.name + f".{args.format}")
    with _open(args, write=False) as store:
        try:
            count = export_table(
                store,
                ExportTable(args.table),
                path,
                order_by=args.order,
                descending=args.desc,
                query=args.search,
            )
        except ValueError as exc:  # an --order the table does not sort by
            print(f"exporter-desk export: {exc}", file=sys.stderr)
            return 2
    print(f"{count:,} {args.table} written to {path}", file=out)
    return 0


def _pairs(options: list[str], flag: str) -> dict[str, str] | None:
    pairs = {}
    for option in options:
        name, sep, value = option.partition("=")
        if not sep or not name.strip():
            print(f"exporter-desk import: {flag} {option!r} is not FIELD=VALUE", file=sys.stderr)
            return None
        pairs[name.strip()] = value.strip()
    return pairs


def _run_import(args: argparse.Namespace, out: TextIO) -> int:
    from exporter_desk.services.importing import (
        FIELDS,
        ImportTable,
        apply_map_options,
        commit_import,
        plan_import,
        remember_mapping,
        suggest_mapping,
    )
    from exporter_desk.services.spreadsheets import open_spreadsheet

    table = ImportTable(args.table)
    if table.is_lines and args.into is None:
        print(f"exporter-desk import: --table {table.value} needs --into ID", file=sys.stderr)
        return 2
    defaults = _pairs(args.set, "--set")
    if defaults is None:
        return 2
    unknown = set(defaults) - {spec.name for spec in FIELDS[table]}
    if unknown:
        print(f"exporter-desk import: no field {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    with _open(args, write=not args.dry_run) as store, open_spreadsheet(args.file) as sheet:
        mapping = apply_map_options(
            table, sheet.header, suggest_mapping(store, table, sheet.header), args.map
        )
        plan = plan_import(store, sheet, table, mapping, defaults=defaults, target_id=args.into)
        result = None
        if plan.is_valid and not args.dry_run:
            result = commit_import(store, plan)
            remember_mapping(store, table, sheet.header, mapping)
        columns = {sheet.header[i] or f"column {i + 1}": name for i, name in mapping.items()}
    report: dict[str, object] = {
        "file": str(args.file),
        "table": table.value,
        "mapping": columns,
        "rows": plan.rows_read,
        "valid": plan.is_valid,
        "dry_run": bool(args.dry_run),
        "added": plan.count("add"),
        "updated": plan.count("update"),
        "skipped": plan.count("unchanged"),
        "written": result is not None,
        "problems": [asdict(p) for p in plan.problems],
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2), file=out)
    else:
        print(
            f"{args.file}: {plan.rows_read:,} rows; "
            + ", ".join(f"{k}: {v:,}" for k, v in _counts(report).items()),
            file=out,
        )
        for problem in plan.problems:
            print(
                f"  row {problem.row}, {problem.column or problem.field}: {problem.message}",
                file=out,
            )
        if result is not None:
            print(
                f"Imported: {result.added} added, {result.updated} updated, {result.skipped} skipped.",
                file=out,
            )
        elif plan.problems:
            count = len(plan.problems)
            noun = "problem" if count == 1 else "problems"
            print(f"Nothing was imported: {count:,} {noun} to fix.", file=out)
        elif args.dry_run:
            print("Dry run: every row is valid; nothing was written.", file=out)
    return 0 if plan.is_valid else 1


def _counts(report: dict[str, object]) -> dict[str, object]:
    action = "would be " if report["dry_run"] or not report["written"] else ""
    return {f"{action}{k}": report[k] for k in ("added", "updated", "skipped")}


def _archive_passphrase(confirm: bool) -> str | None:
    import getpass
    import os

    if os.environ.get("EXPORTER_DESK_BACKUP_PASSPHRASE"):
        return os.environ["EXPORTER_DESK_BACKUP_PASSPHRASE"]
    if sys.stdin is None or not sys.stdin.isatty():
        return None
    first = getpass.getpass("Passphrase for the keys in the backup: ")
    if confirm and getpass.getpass("Again: ") != first:
        print("exporter-desk: the two passphrases differ", file=sys.stderr)
        return None
    return first


def _run_network_list(args: argparse.Namespace, out: TextIO) -> int:
    from exporter_desk.services.trust import compute_network_fingerprint
    from exporter_desk.services.trust_roots import network_sources
    from exporter_desk.store import data_dir

    pinned = network_sources(data_dir(args.data))
    if not pinned:
        print("No trusted networks. Add one with 'exporter-desk network add FILE'.", file=out)
    for item in pinned:
        print(f"{item.descriptor.origin}", file=out)
        print(f"  fingerprint: {compute_network_fingerprint(item.descriptor)}", file=out)
        print(f"  source:      {item.source}{' ' + item.detail if item.detail else ''}", file=out)
        print(f"  since:       {item.since or 'unknown'}", file=out)
        if item.source == "trust-root":
            print(f"  refreshed:   {item.refreshed or 'never'}", file=out)
    return 0


def _run_network_add(args: argparse.Namespace, out: TextIO) -> int:
    import shutil

    from exporter_desk.services.trust import (
        compute_network_fingerprint,
        describe_descriptor,
        pin_network,
    )
    from exporter_desk.services.trust_roots import (
        TrustRoot,
        pin_from_trust_root,
        preview_trust_root,
        read_network_file,
    )
    from exporter_desk.store import data_dir

    folder = data_dir(args.data)
    found = read_network_file(args.file)
    metadata = None
    if isinstance(found, TrustRoot):
        descriptor, metadata = preview_trust_root(found)
    else:
        descriptor = found
    try:
        fingerprint = compute_network_fingerprint(descriptor)
        print(describe_descriptor(descriptor), file=out)
        given = "".join((args.fingerprint or "").split()).upper()
        if given != fingerprint.replace(" ", ""):
            if args.fingerprint:
                print(
                    f"The fingerprint you gave ({args.fingerprint}) is not this network's "
                    f"({fingerprint}): nothing was trusted. Ask the operator again.",
                    file=sys.stderr,
                )
                return 1
            print(
                "\nCompare the fingerprint with the one the network's operator gave you, then run "
                f"again with --fingerprint '{fingerprint}'. Nothing was trusted yet.",
                file=out,
            )
            return 1
        if isinstance(found, TrustRoot) and metadata is not None:
            pin_from_trust_root(folder, found, descriptor, metadata)
            metadata = None
        else:
            pin_network(folder, descriptor, detail=args.file.name)
    finally:
        if metadata is not None:
            shutil.rmtree(metadata, ignore_errors=True)
    print(f"Trusted {descriptor.origin}.", file=out)
    return 0


def _run_network_refresh(args: argparse.Namespace, out: TextIO) -> int:
    from exporter_desk.services.trust_roots import refresh_networks
    from exporter_desk.store import data_dir

    outcomes = refresh_networks(data_dir(args.data))
    if not outcomes:
        print("No network is pinned from a trust root; nothing to refresh.", file=out)
    failed = 0
    for outcome in outcomes:
        if outcome.error is not None:
            failed += 1
            print(f"{outcome.origin}: not refreshed. {outcome.error}", file=out)
        else:
            news = "updated" if outcome.changed else "unchanged"
            print(f"{outcome.origin}: refreshed, {news}.", file=out)
    return 1 if failed else 0


def _run_backup(args: argparse.Namespace, out: TextIO) -> int:
    from exporter_desk.services.archive import backup_archive
    from exporter_desk.store import data_dir

    folder = data_dir(args.data)
    keystore, passphrase = None, None
    if args.with_key:
        passphrase = _archive_passphrase(confirm=True)
        if passphrase is None:
            print(
                "exporter-desk backup --with-key: give a passphrase "
                "(set EXPORTER_DESK_BACKUP_PASSPHRASE in scripts)",
                file=sys.stderr,
            )
            return 2
        keystore = _keystore(folder)
    summary = backup_archive(folder, args.out, keystore=keystore, key_passphrase=passphrase)
    keys = "with the keys (encrypted)" if summary.with_keys else "without keys"
    print(
        f"Backup written to {summary.path}: {summary.files} files, {summary.size:,} bytes, {keys}",
        file=out,
    )
    return 0


def _run_restore_archive(args: argparse.Namespace, out: TextIO) -> int:
    from exporter_desk.services.archive import read_manifest, restore_archive
    from exporter_desk.store import data_dir

    folder = data_dir(args.data)
    manifest = read_manifest(args.archive)
    passphrase = _archive_passphrase(confirm=False) if manifest.get("with_keys") else None
    summary = restore_archive(
        args.archive, folder, key_passphrase=passphrase, open_keystore=_keystore
    )
    print(f"Restored {summary.files} files into {summary.data_dir}.", file=out)
    if summary.set_aside is not None:
        print(f"Your previous data folder is kept as {summary.set_aside}.", file=out)
    if summary.keys_in_archive and not summary.keys_restored:
        print(
            "The keys in the backup were not restored (no passphrase given): documents verify, "
            "but issuing needs the signing key.",
            file=out,
        )
    return 0


def _run_pack(args: argparse.Namespace, out: TextIO) -> int:
    from exporter_desk.domain import DocumentKind
    from exporter_desk.services.packs import PackOptions, export_pack, plan_pack
    from exporter_desk.services.preferences import DocumentLanguage, Paper

    if not (0 <= args.originals <= 10 and 0 <= args.copies <= 10):
        print("exporter-desk pack: --originals and --copies go from 0 to 10", file=sys.stderr)
        return 2
    if args.bank and args.deal is None:
        print("exporter-desk pack: --bank needs --deal", file=sys.stderr)
        return 2
    kinds = {kind.value for kind in DocumentKind if kind is not DocumentKind.BANK_PACK}
    unknown = [k for k in args.include or [] if k not in kinds]
    if unknown:
        print(
            f"exporter-desk pack: unknown --include {', '.join(unknown)}; "
            f"choose from {', '.join(sorted(kinds))}",
            file=sys.stderr,
        )
        return 2
    options = PackOptions(
        originals=args.originals,
        copies=args.copies,
        language=DocumentLanguage.BILINGUAL if args.chinese else DocumentLanguage.ENGLISH,
        paper=Paper.LETTER if args.letter else Paper.A4,
    )
    with _open(args, write=bool(args.bank or args.issue)) as store:
        plan = plan_pack(
            store, invoice=args.invoice, shipment=args.shipment, deal=args.deal, options=options
        )
        if args.include:
            plan = plan.ticking(args.include)
        for c in plan.candidates:
            mark = "x" if c.ticked else " "
            state = (
                "issued"
                if c.is_issued
                else ("lacks " + "; ".join(c.missing) if c.missing else "not issued")
            )
            print(f"  [{mark}] {c.kind.value} {c.number}: {state}", file=out)
        if not (args.bank or args.issue):
            written = export_pack(store, plan, args.out, options)
        else:
            from exporter_desk.services.network import open_network

            folder = store.path.parent
            keystore = _keystore(folder)
            # The network chosen in Settings, as the GUI's packs use (the local one by default).
            with open_network(folder, store, keystore) as network:
                written = export_pack(
                    store,
                    plan,
                    args.out,
                    options,
                    issuing=(keystore, folder, network),
                    bank=bool(args.bank),
                    progress=lambda line: print(f"  {line}", file=out),
                )
    doc = written.bank_pack
    if doc is not None and written.path is None:
        print(
            f"Bank pack {doc.number} waits for the network; run the outbox and export it again.",
            file=out,
        )
        return 1
    if doc is not None:
        print(
            f"Bank pack {doc.number} issued ({doc.status.value}); "
            f"written to {args.out} ({written.size:,} bytes)",
            file=out,
        )
        return 0
    print(f"Pack written to {args.out} ({written.size:,} bytes)", file=out)
    return 0


def _run_credit_parse(args: argparse.Namespace, out: TextIO) -> int:
    """Exit 0 when the credit was read completely, 1 when lines were unplaced or fields miss."""
    from exporter_desk.services.crediting import read_mt700_file

    reading = read_mt700_file(args.file)
    if args.json:
        import json

        from exporter_desk.domain.swift import reading_to_dict

        print(json.dumps(reading_to_dict(reading), ensure_ascii=False, indent=2), file=out)
    else:
        from exporter_desk.services.crediting import describe_reading

        print(describe_reading(reading), file=out)
    complete = not (reading.unplaced or reading.missing or reading.credit.problems())
    return 0 if complete else 1


def _run_examine(args: argparse.Namespace, out: TextIO) -> int:
    """Exit 0 when the deal examines clean, 1 when any discrepancy is found."""
    from exporter_desk.domain.deal import DealId
    from exporter_desk.services.examining import discrepancies_to_json, examine_deal

    with _open(args, write=False) as store:
        found = examine_deal(store, DealId(args.deal))
    if args.json:
        print(discrepancies_to_json(found), file=out)
    elif not found:
        print(f"Deal {args.deal}: no discrepancies found.", file=out)
    else:
        noun = "discrepancy" if len(found) == 1 else "discrepancies"
        print(f"Deal {args.deal}: {len(found)} {noun}.", file=out)
        for item in found:
            print(f"- [{item.severity.value}] {item.rule}: {item.message}", file=out)
            print(f"    why: {item.why}", file=out)
            print(f"    fix: {item.fix}", file=out)
    return 1 if found else 0


def _run_info(args: argparse.Namespace, out: TextIO) -> int:
    from exporter_desk.services.datafolder import check_database, is_folder_writable

    with _open(args, write=False) as store:
        check_database(store)
        print(f"Data folder: {store.path.parent}", file=out)
        if not is_folder_writable(store.path.parent):
            print("  (read-only: it can be read and exported, not changed)", file=out)
        for name in ("parties", "products", "contracts", "invoices", "shipments", "deals"):
            print(f"  {name}: {getattr(store, name).count()}", file=out)
        notes = store.migration_notes()
        if notes:
            print(f"Values an upgrade could not convert, kept as typed ({len(notes)}):", file=out)
            for note in notes:
                print(
                    f"  {note.table_name} #{note.row_key} {note.column_name}: {note.problem}",
                    file=out,
                )
    return 0


def _run_restore(args: argparse.Namespace, out: TextIO) -> int:
    """One command for both kinds of backup: a moving archive (a zip) or a database copy."""
    import zipfile

    from exporter_desk.services.datafolder import restore_backup
    from exporter_desk.store.database import data_dir

    if args.backup is not None and zipfile.is_zipfile(args.backup):
        args.archive = args.backup
        return _run_restore_archive(args, out)

    restored = restore_backup(data_dir(args.data), args.backup)
    print(f"Restored {restored.backup.name} into {restored.database}.", file=out)
    if restored.set_aside is not None:
        print(f"The previous database file was kept as {restored.set_aside}.", file=out)
    return 0


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    """The subcommands ``parser`` knows (``demo``, ``verify``, ...)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return [str(name) for name in action.choices]
    return []


def _split_files(argv: list[str], commands: Iterable[str]) -> tuple[list[str], list[Path]]:
    """Without a command, PDF paths (a file dropped on the app icon) go to the Verify screen."""
    if any(arg in commands for arg in argv):
        return argv, []
    files = [Path(arg) for arg in argv if arg.lower().endswith(".pdf")]
    return [arg for arg in argv if not arg.lower().endswith(".pdf")], files


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line (the desktop app when no command is given); return the exit code
    (0 ok, 1 failed, 2 usage)."""
    out = out or sys.stdout
    parser = build_parser()
    arguments, files = _split_files(
        list(sys.argv[1:] if argv is None else argv), command_names(parser)
    )
    args = parser.parse_args(arguments)
    run: Callable[[argparse.Namespace, TextIO], int] | None = getattr(args, "run", None)
    if run is None:
        from exporter_desk.gui.app import run as run_gui
        from exporter_desk.store import data_dir

        return run_gui(data_dir(args.data), files)
    try:
        return run(args, out)
    except BrokenPipeError:
        # The reader stopped reading (`exporter-desk verify --json | head`): not our failure.
        # Point stdout at devnull so that the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what the shell reports for a command cut off this way
    except ExporterError as exc:
        log.debug("command failed", exc_info=True)
        print(f"exporter-desk: {exc.user_message}", file=sys.stderr)
        return 1
    except OSError as exc:  # a file of the user's that the command could not read or write
        log.debug("command failed", exc_info=True)
        where = f" '{exc.filename}'" if exc.filename else ""
        print(f"exporter-desk: could not use{where}: {exc.strerror or exc}.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
