"""`exporter-desk`: the desktop app by default, and its subcommands for scripts and people."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from exporter_desk import __version__
from exporter_desk.errors import ExporterError

if TYPE_CHECKING:
    from exporter_desk.services.verifying import FileVerdict, NetworkOnlineChecker
    from exporter_desk.signing import Keystore
    from exporter_desk.store import Store
    from exporter_desk.verify import Trust, Verdict
    from exporter_desk.verify.pack import PackVerdict

log = logging.getLogger("exporter_desk")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="exporter-desk",
        description="Exporter Desk: trade documents for small exporters, registered and signed.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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
    verify.add_argument("files", nargs="+", metavar="FILE", type=Path)
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
    from exporter_desk.services.trust import load_trust, read_descriptor_file
    from exporter_desk.services.verifying import verdicts_to_json, verify_files
    from exporter_desk.store import data_dir

    missing = [path for path in args.files if not path.is_file()]
    if missing:
        print(
            f"exporter-desk verify: no such file: {', '.join(map(str, missing))}", file=sys.stderr
        )
        return 2
    extra = tuple(read_descriptor_file(path) for path in args.network)
    folder = data_dir(args.data)
    trust = load_trust(folder if folder.is_dir() else None, extra)
    online = _online_checker(trust, folder) if args.online else None
    results = verify_files(args.files, trust, online=online)
    if args.json:
        print(verdicts_to_json(results), file=out)
    else:
        presented: dict[Path, str] = {}
        if args.online:
            try:
                presented = _presentment_warnings(folder, results)
            except ExporterError as exc:  # the verdicts stand; say why presentments are missing
                print(f"Presentments not checked: {exc.user_message}", file=sys.stderr)
        for item in results:
            if item.pack is not None:
                print(_describe_pack(item.path, item.pack), file=out)
            else:
                print(_describe(item.path, item.verdict), file=out)
            if item.path in presented:
                print(f"  Presentment: {presented[item.path]}", file=out)
    out.flush()  # a reader that went away fails here, inside main, not at exit
    authentic = all(item.result.value == "authentic" for item in results)
    return 0 if authentic else 1


def _presentment_warnings(folder: Path, results: Sequence[FileVerdict]) -> dict[Path, str]:
    """A bank's installation asks its network whether each document was presented before."""
    from exporter_desk.services.datafolder import open_for_reading
    from exporter_desk.services.presenting import presentment_warning
    from exporter_desk.store import database_path

    if not database_path(folder).exists():
        return {}
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
    with _open(args, write=False) as store:
        folder = store.path.parent
        done = present_file(
            folder,
            store,
            _keystore(folder),
            args.file,
            amount=amount,
            currency=(args.currency or "EUR") if amount is not None else None,
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


def _online_checker(trust: Trust, folder: Path) -> NetworkOnlineChecker:
    from exporter_desk.services.verifying import NetworkOnlineChecker
    from exporter_desk.trustnet.client import HttpTransport, Transport

    transports: dict[str, Transport] = {}
    for network in trust.networks:
        if network.api_url.startswith(("http://", "https://")):
            transports[network.origin] = HttpTransport(network.api_url, attempts=2)
    return NetworkOnlineChecker(transports)


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
    from exporter_desk.services.packs import (
        PackOptions,
        build_pack,
        issue_bank_pack,
        issue_missing,
        plan_pack,
        write_pack,
    )

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
        language="en+zh" if args.chinese else "en",
        paper="LETTER" if args.letter else "A4",
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
        if args.bank or args.issue:
            from exporter_desk.services.network import open_local_network

            folder = store.path.parent
            keystore = _keystore(folder)
            with open_local_network(folder, store, keystore) as network:
                if args.bank:
                    doc = issue_bank_pack(
                        store,
                        keystore,
                        folder,
                        network,
                        plan,
                        options=options,
                        progress=lambda line: print(f"  {line}", file=out),
                    )
                    data = Path(doc.path).read_bytes() if doc.path else b""
                    if not data:
                        print(
                            f"Bank pack {doc.number} waits for the network; "
                            "run the outbox and export it again.",
                            file=out,
                        )
                        return 1
                    write_pack(args.out, data)
                    print(
                        f"Bank pack {doc.number} issued ({doc.status.value}); "
                        f"written to {args.out} ({len(data):,} bytes)",
                        file=out,
                    )
                    return 0
                plan = issue_missing(
                    store,
                    keystore,
                    folder,
                    network,
                    plan,
                    progress=lambda line: print(f"  {line}", file=out),
                )
        data = build_pack(store, plan, options)
    write_pack(args.out, data)
    print(f"Pack written to {args.out} ({len(data):,} bytes)", file=out)
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
