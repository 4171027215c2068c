"""Write every document of the sample deal, in English and bilingual, plus a pack, as PDF and PNG.

Run: ``uv run python benchmarks/render_samples.py --out DIR``. Page 1 of each PDF is rendered to
``<name>-1.png`` with ``pdftoppm -png -r 60`` (all pages with ``--all-pages``), so that a person
can look at them. Prints one line per file: name, pages, size, time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import time
from pathlib import Path

from exporter_desk.documents import RenderOptions, pack_for_deal, render_document
from exporter_desk.documents.samples import (
    sample_contexts,
    sample_pack_items,
    sample_pack_parties,
)
from exporter_desk.domain.samples import sample_book

CREATED = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def _png(pdf: Path, all_pages: bool, resolution: int) -> None:
    tool = shutil.which("pdftoppm")
    if tool is None:
        print("  (pdftoppm not installed: no PNG)", file=sys.stderr)
        return
    pages = [] if all_pages else ["-f", "1", "-l", "1"]
    subprocess.run(
        [tool, "-png", "-r", str(resolution), *pages, str(pdf), str(pdf.with_suffix(""))],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="folder for the PDFs and PNGs")
    parser.add_argument("--all-pages", action="store_true", help="a PNG of every page")
    parser.add_argument("--resolution", type=int, default=60, help="PNG resolution (dpi)")
    parser.add_argument("--paper", choices=["A4", "LETTER"], default="A4")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    book = sample_book()
    contexts = sample_contexts(book)
    for language in ("en", "en+zh"):
        options = RenderOptions(
            created=CREATED,
            paper=args.paper,
            language=language,
            mark="ORIGINAL",
            network_origin="trust.exporter-desk.example/log",
            place="Shanghai",
        )
        suffix = "en" if language == "en" else "en-zh"
        for kind, context in contexts.items():
            start = time.perf_counter()
            rendered = render_document(kind, context, options)
            elapsed = time.perf_counter() - start
            path = out / f"{kind.value}-{suffix}.pdf"
            path.write_bytes(rendered.pdf)
            _png(path, args.all_pages, args.resolution)
            print(
                f"{path.name:40} {rendered.page_count:>2} p  {len(rendered.pdf) / 1024:7.1f} KiB"
                f"  {elapsed * 1000:6.0f} ms"
            )
        start = time.perf_counter()
        pack = pack_for_deal(book.deal, sample_pack_parties(book), sample_pack_items(book), options)
        elapsed = time.perf_counter() - start
        path = out / f"pack-{suffix}.pdf"
        path.write_bytes(pack)
        _png(path, args.all_pages, args.resolution)
        print(f"{path.name:40}       {len(pack) / 1024:7.1f} KiB  {elapsed * 1000:6.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
