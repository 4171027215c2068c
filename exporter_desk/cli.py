"""`exporter-desk`: the desktop app by default, and its subcommands."""

from __future__ import annotations

import argparse
import sys

from exporter_desk import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="exporter-desk", description="Exporter Desk")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    build_parser().parse_args(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
