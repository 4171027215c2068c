"""`exporter-desk-notary`: run a trust-network log or witness node."""

from __future__ import annotations

import argparse
import sys

from exporter_desk import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="exporter-desk-notary",
        description="Run an Exporter Desk trust-network node (log, witness, enrolment).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    parser.parse_args(argv)
    parser.print_help(sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
