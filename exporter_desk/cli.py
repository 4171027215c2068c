"""`exporter-desk`: the desktop app by default, and its subcommands for scripts and people."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from exporter_desk import __version__
from exporter_desk.errors import ExporterError

if TYPE_CHECKING:
    from exporter_desk.store import Store

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
    demo.set_defaults(run=_run_demo)

    export = command("export", "export the whole database")
    export.add_argument("--json", action="store_true", required=True, help="as JSON (required)")
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    export.set_defaults(run=_run_export)

    info = command("info", "show the data folder and what it holds")
    info.set_defaults(run=_run_info)
    return parser


def _open(args: argparse.Namespace) -> Store:
    from exporter_desk.store import open_store
    from exporter_desk.store.database import data_dir

    folder = data_dir(args.data)
    folder.mkdir(parents=True, exist_ok=True)
    return open_store(folder / "exporter-desk.sqlite3")


def _run_demo(args: argparse.Namespace, out: TextIO) -> int:
    from exporter_desk.services.demo import seed_demo

    if not args.seed:
        print("Nothing to do: use 'exporter-desk demo --seed' to fill the data folder.", file=out)
        return 2
    with _open(args) as store:
        result = seed_demo(store)
        print(f"Sample data saved in {store.path}:", file=out)
        for name, count in asdict(result).items():
            print(f"  {name.replace('_', ' ')}: {count}", file=out)
    return 0


def _run_export(args: argparse.Namespace, out: TextIO) -> int:
    from exporter_desk.store.export import export_json

    with _open(args) as store:
        data = export_json(store)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    else:
        print(text, file=out)
    return 0


def _run_info(args: argparse.Namespace, out: TextIO) -> int:
    with _open(args) as store:
        print(f"Data folder: {store.path.parent}", file=out)
        for name in ("parties", "products", "contracts", "invoices", "shipments", "deals"):
            print(f"  {name}: {getattr(store, name).count()}", file=out)
    return 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the process exit code (0 ok, 1 failed, 2 usage)."""
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace, TextIO], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help(out)
        return 0
    try:
        return run(args, out)
    except ExporterError as exc:
        log.debug("command failed", exc_info=True)
        print(f"exporter-desk: {exc.user_message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
