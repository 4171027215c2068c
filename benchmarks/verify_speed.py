"""How fast verification feels (issue 17): the command, one file in process, and a batch on
every core, each next to its yardstick, printed as one table in one run.

Run: ``uv run python benchmarks/verify_speed.py [--runs N] [--batch N] [--inproc N]``.

It makes the demo company's issued documents (``exporter-desk demo --out``, real registration
and signatures) in a temporary folder, then measures:

* whole process: ``exporter-desk verify FILE`` (median of N runs), next to ``pdfsig FILE`` and
  to a bare ``python -c "import pyhanko.sign.validation"`` (what any Python verifier pays);
* one file in process, warm: ``verify_pdf`` next to pyHanko's bare validation of the same file
  (open, find the signature, ``validate_pdf_signature`` against the member CA), interleaved;
  target within 1.2x;
* a batch of N files (copies of the demo documents): ``exporter-desk verify`` with ``--jobs 1``
  and with every core; target: every core at most 0.6x of one core on 2 cores. A checkout
  without ``--jobs`` runs the batch once, on one core.

If ``benchmarks/window_timing.py`` exists (cold start and drop times of the window), its output
is appended. Network: none (the demo's network is in the data folder, checks are offline).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_INPROC_RATIO = 1.2
TARGET_BATCH_RATIO = 0.6


def _exe() -> list[str]:
    script = Path(sys.executable).with_name("exporter-desk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "exporter_desk.cli"]


def _timed(command: Sequence[str], *, check: Callable[[int], bool] = lambda rc: rc == 0) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if not check(done.returncode):
        raise SystemExit(f"{command[:3]} failed ({done.returncode}): {done.stderr[-500:]!r}")
    return elapsed


def _median_run(command: Sequence[str], runs: int, **kwargs: object) -> float:
    _timed(command, **kwargs)  # type: ignore[arg-type]  # warm the page cache
    return statistics.median(_timed(command, **kwargs) for _ in range(runs))  # type: ignore[arg-type]


def _make_documents(folder: Path) -> tuple[list[Path], Path]:
    env = dict(os.environ)
    env.setdefault("EXPORTER_DESK_PASSPHRASE", "verify-speed-benchmark")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = folder / "demo"
    subprocess.run(
        [*_exe(), "demo", "--out", str(out), "--data", str(folder / "data")],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    return sorted(out.glob("*.pdf")), out / "network.json"


def _in_process(pdf: Path, network: Path, runs: int) -> tuple[float, float]:
    """Median milliseconds of ``verify_pdf`` and of pyHanko's bare validation, warm."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from exporter_desk.services.trust import read_descriptor_file
    from exporter_desk.verify import Result, Trust, verify_pdf

    descriptor = read_descriptor_file(network)
    trust = Trust(networks=(descriptor,))
    ca = descriptor.member_ca_certificate().public_bytes(Encoding.DER)
    root = asn1_x509.Certificate.load(ca)
    data = pdf.read_bytes()

    def ours() -> None:
        if verify_pdf(data, trust).result is not Result.AUTHENTIC:
            raise SystemExit("verify_pdf did not find the demo document AUTHENTIC")

    def bare() -> None:
        signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
        if not validate_pdf_signature(signature, ValidationContext(trust_roots=[root])).intact:
            raise SystemExit("pyHanko did not find the demo document intact")

    for _ in range(3):
        ours()
        bare()
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        for fn, into in ((ours, mine), (bare, theirs)):
            start = time.perf_counter()
            fn()
            into.append((time.perf_counter() - start) * 1000)
    return statistics.median(mine), statistics.median(theirs)


def _has_jobs() -> bool:
    shown = subprocess.run([*_exe(), "verify", "--help"], capture_output=True, text=True)
    return "--jobs" in shown.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each whole process")
    parser.add_argument("--inproc", type=int, default=60, help="runs of the in-process pair")
    parser.add_argument("--batch", type=int, default=1000, help="files in the batch")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    rows: list[tuple[str, str, str, str]] = []  # what, ours, yardstick, target / verdict

    with tempfile.TemporaryDirectory(prefix="verify-speed-") as tmp:
        folder = Path(tmp)
        pdfs, network = _make_documents(folder)
        empty = folder / "no-data"
        first = next(p for p in pdfs if "commercial-invoice" in p.name)
        common = ["--network", str(network), "--data", str(empty)]

        one = _median_run([*_exe(), "verify", str(first), *common], args.runs)
        bare_import = _median_run(
            [sys.executable, "-c", "import pyhanko.sign.validation"], args.runs
        )
        pdfsig = shutil.which("pdfsig")
        sig = (
            _median_run([pdfsig, str(first)], args.runs, check=lambda rc: rc in (0, 1, 2))
            if pdfsig
            else None
        )
        rows.append(
            (
                f"verify one file, whole process (median of {args.runs})",
                f"{one * 1000:.0f} ms",
                f"pdfsig {sig * 1000:.0f} ms" if sig is not None else "pdfsig missing",
                "under 1 s: " + ("ok" if one < 1.0 else "MISSED"),
            )
        )
        rows.append(
            (
                "python -c 'import pyhanko.sign.validation'",
                f"{bare_import * 1000:.0f} ms",
                "",
                f"verify / bare import {one / bare_import:.2f}x",
            )
        )

        mine, theirs = _in_process(first, network, args.inproc)
        ratio = mine / theirs
        rows.append(
            (
                f"one file in process, warm (median of {args.inproc})",
                f"{mine:.1f} ms",
                f"pyHanko bare {theirs:.1f} ms",
                f"{ratio:.2f}x, target <= {TARGET_INPROC_RATIO}x: "
                + ("ok" if ratio <= TARGET_INPROC_RATIO else "MISSED"),
            )
        )

        batch = folder / "batch"
        batch.mkdir()
        files = []
        for i in range(args.batch):
            source = pdfs[i % len(pdfs)]
            target = batch / f"{i:05d}-{source.name}"
            os.link(source, target)
            files.append(str(target))
        if _has_jobs():
            single = _timed([*_exe(), "verify", "--jobs", "1", *files, *common])
            every = _timed([*_exe(), "verify", "--jobs", str(cores), *files, *common])
            share = every / single
            rows.append((f"batch of {args.batch}, --jobs 1", f"{single:.1f} s", "", ""))
            rows.append(
                (
                    f"batch of {args.batch}, --jobs {cores} (every core)",
                    f"{every:.1f} s",
                    f"{share:.2f}x of one core",
                    f"target <= {TARGET_BATCH_RATIO}x: "
                    + ("ok" if share <= TARGET_BATCH_RATIO else "MISSED"),
                )
            )
        else:
            single = _timed([*_exe(), "verify", *files, *common])
            rows.append((f"batch of {args.batch}, one core (no --jobs)", f"{single:.1f} s", "", ""))
            rows.append((f"batch of {args.batch}, every core", "n/a", "", "no --jobs here"))

    width = max(len(row[0]) for row in rows)
    print(f"{cores} cores; {len(pdfs)} demo documents\n")
    print(f"{'what':<{width}}  {'ours':>9}  {'yardstick':<22}  target")
    print("-" * (width + 60))
    for what, ours, yardstick, verdict in rows:
        print(f"{what:<{width}}  {ours:>9}  {yardstick:<22}  {verdict}")

    window = HERE / "window_timing.py"
    if window.exists():
        print("\nwindow (benchmarks/window_timing.py):")
        sys.stdout.flush()
        subprocess.run([sys.executable, str(window)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
