"""How fast verification feels (issue 17): the command, one file in process, and a batch on
every core, each next to its yardstick, printed as one table in one run.

Run: ``uv run python benchmarks/verify_speed.py [--runs N] [--batch N] [--inproc N]
[--before CHECKOUT]``.

``--before`` names another checkout with its own synced ``.venv`` (``git worktree add
/tmp/base COMMIT && uv sync``): each figure is then measured for it and for this checkout in
turn, so that both see the same machine (on a shared machine the load moves by the minute).

It makes the demo company's issued documents (``exporter-desk demo --out``, real registration
and signatures) in a temporary folder, then measures:

* whole process: ``exporter-desk verify FILE`` (median of N runs), next to ``pdfsig FILE`` and
  to a bare ``python -c "import pyhanko.sign.validation"`` (what any Python verifier pays);
* one file in process, warm: ``verify_pdf`` next to pyHanko's bare validation of the same file
  (open, find the signature, ``validate_pdf_signature`` against the member CA), interleaved;
  target within 1.2x. A third figure runs that bare validation on the verifier's own stream
  (``verify._hex``: pyHanko's hex string reader at C speed for the verifier's reader only), so
  the table also shows what our checks cost beyond pyHanko's when both read the file alike;
* a batch of N files (copies of the demo documents): ``exporter-desk verify`` with ``--jobs 1``
  and with every core, in turn ``--batch-runs`` times, the median of each and of their ratio;
  target: every core at most 0.6x of one core on 2 cores. A checkout
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


def _exe(root: Path) -> list[str]:
    return [str(root / ".venv" / "bin" / "exporter-desk")]


def _timed(command: Sequence[str], *, check: Callable[[int], bool] = lambda rc: rc == 0) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if not check(done.returncode):
        raise SystemExit(f"{command[:3]} failed ({done.returncode}): {done.stderr[-500:]!r}")
    return elapsed


def _timed_cpu(command: Sequence[str]) -> tuple[float, float]:
    """Wall seconds and the CPU seconds of the command and its worker processes: on a shared
    machine the second shows whether the wall time was ours or the neighbours'."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = _timed(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _medians(commands: Sequence[Sequence[str]], runs: int) -> list[float]:
    """The median time of each command, the commands run in turn (after one warm-up each)."""
    for command in commands:
        _timed(command, check=lambda rc: rc in (0, 1, 2))
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for into, command in zip(times, commands, strict=True):
            into.append(_timed(command, check=lambda rc: rc in (0, 1, 2)))
    return [statistics.median(t) for t in times]


def _make_documents(root: Path, folder: Path) -> tuple[list[Path], Path]:
    env = dict(os.environ)
    env.setdefault("EXPORTER_DESK_PASSPHRASE", "verify-speed-benchmark")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = folder / "demo"
    subprocess.run(
        [*_exe(root), "demo", "--out", str(out), "--data", str(folder / "data")],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    return sorted(out.glob("*.pdf")), out / "network.json"


def _in_process(pdf: Path, network: Path, runs: int) -> tuple[float, float, float]:
    """Median milliseconds of ``verify_pdf``, of pyHanko's bare validation, and of that bare
    validation reading through the verifier's fast hex string reader (NaN where this checkout
    has none): warm, interleaved. The third shows what our own checks cost beyond pyHanko's
    work when both read the file alike."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from exporter_desk.services.trust import read_descriptor_file
    from exporter_desk.verify import Result, Trust, verify_pdf

    try:
        from exporter_desk.verify._hex import VerifierSource
    except ImportError:  # a checkout before the fast hex string reader
        VerifierSource = None

    descriptor = read_descriptor_file(network)
    trust = Trust(networks=(descriptor,))
    ca = descriptor.member_ca_certificate().public_bytes(Encoding.DER)
    root = asn1_x509.Certificate.load(ca)
    data = pdf.read_bytes()

    def ours() -> None:
        if verify_pdf(data, trust).result is not Result.AUTHENTIC:
            raise SystemExit("verify_pdf did not find the demo document AUTHENTIC")

    def bare(source: Callable[[bytes], io.BytesIO] = io.BytesIO) -> None:
        signature = PdfFileReader(source(data)).embedded_signatures[0]
        if not validate_pdf_signature(signature, ValidationContext(trust_roots=[root])).intact:
            raise SystemExit("pyHanko did not find the demo document intact")

    def bare_fast() -> None:
        assert VerifierSource is not None
        bare(VerifierSource)

    measured: list[tuple[Callable[[], None], list[float]]] = [(ours, []), (bare, [])]
    if VerifierSource is not None:
        measured.append((bare_fast, []))
    for _ in range(3):
        for fn, _into in measured:
            fn()
    for _ in range(runs):
        for fn, into in measured:
            start = time.perf_counter()
            fn()
            into.append((time.perf_counter() - start) * 1000)
    medians = [statistics.median(into) for _, into in measured]
    return medians[0], medians[1], medians[2] if len(medians) > 2 else float("nan")


def _in_process_of(root: Path, pdf: Path, network: Path, runs: int) -> tuple[float, float, float]:
    """``_in_process`` in the interpreter of the checkout ``root``."""
    done = subprocess.run(
        [
            str(root / ".venv" / "bin" / "python"),
            __file__,
            *("--inproc-only", str(pdf), str(network), "--inproc", str(runs)),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    mine, theirs, fast = done.stdout.split()
    return float(mine), float(theirs), float(fast)


def _has_jobs(root: Path) -> bool:
    shown = subprocess.run([*_exe(root), "verify", "--help"], capture_output=True, text=True)
    return "--jobs" in shown.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each whole process")
    parser.add_argument("--inproc", type=int, default=60, help="runs of the in-process pair")
    parser.add_argument("--batch", type=int, default=1000, help="files in the batch")
    parser.add_argument(
        "--batch-runs", type=int, default=3, help="runs of each batch, in turn (median)"
    )
    parser.add_argument("--before", type=Path, help="another checkout to measure beside this one")
    parser.add_argument("--inproc-only", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inproc_only:
        print(*_in_process(*args.inproc_only, args.inproc))
        return 0

    cores = os.cpu_count() or 1
    roots = ([args.before.resolve()] if args.before else []) + [HERE.parent]
    names = ["before", "after"] if args.before else ["this"]
    rows: list[tuple[str, list[str], str, str]] = []  # what, per checkout, yardstick, target

    with tempfile.TemporaryDirectory(prefix="verify-speed-") as tmp:
        folder = Path(tmp)
        pdfs, network = _make_documents(HERE.parent, folder)
        empty = folder / "no-data"
        first = next(p for p in pdfs if "commercial-invoice" in p.name)
        common = ["--network", str(network), "--data", str(empty)]

        pdfsig = shutil.which("pdfsig")
        commands = [[*_exe(root), "verify", str(first), *common] for root in roots]
        commands.append([sys.executable, "-c", "import pyhanko.sign.validation"])
        if pdfsig:
            commands.append([pdfsig, str(first)])
        timed = _medians(commands, args.runs)
        one = timed[: len(roots)]
        bare_import = timed[len(roots)]
        sig = timed[len(roots) + 1] if pdfsig else None
        rows.append(
            (
                f"verify one file, whole process (median of {args.runs})",
                [f"{t * 1000:.0f} ms" for t in one],
                f"pdfsig {sig * 1000:.0f} ms" if sig is not None else "pdfsig missing",
                "under 1 s: " + ("ok" if one[-1] < 1.0 else "MISSED"),
            )
        )
        rows.append(
            (
                "python -c 'import pyhanko.sign.validation'",
                [f"{bare_import * 1000:.0f} ms"] * len(roots),
                "",
                "verify / bare import: " + ", ".join(f"{t / bare_import:.2f}x" for t in one),
            )
        )

        pairs = [_in_process_of(root, first, network, args.inproc) for root in roots]
        ratios = [mine / theirs for mine, theirs, _ in pairs]
        rows.append(
            (
                f"one file in process, warm (median of {args.inproc})",
                [f"{mine:.1f} ms" for mine, _, _ in pairs],
                "pyHanko bare " + ", ".join(f"{theirs:.1f} ms" for _, theirs, _ in pairs),
                "ratio " + ", ".join(f"{r:.2f}x" for r in ratios) + f"; target <= "
                f"{TARGET_INPROC_RATIO}x: "
                + ("ok" if ratios[-1] <= TARGET_INPROC_RATIO else "MISSED"),
            )
        )
        rows.append(
            (
                "  pyHanko bare, reading as the verifier reads",
                [f"{fast:.1f} ms" if fast == fast else "n/a" for _, _, fast in pairs],
                "",
                "verify / this: "
                + ", ".join(
                    f"{mine / fast:.2f}x" if fast == fast else "n/a" for mine, _, fast in pairs
                ),
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
        single: list[str] = []
        every: list[str] = []
        shares: list[float] = []
        cpu: list[str] = []
        for root in roots:
            if _has_jobs(root):
                # In turn, then the median of each: the load of a shared machine moves by the
                # minute, and one pair of runs can land on either side of a change in it.
                runs: list[tuple[float, float, float, float]] = []
                for _ in range(args.batch_runs):
                    alone, alone_cpu = _timed_cpu(
                        [*_exe(root), "verify", "--jobs", "1", *files, *common]
                    )
                    spread, spread_cpu = _timed_cpu(
                        [*_exe(root), "verify", "--jobs", str(cores), *files, *common]
                    )
                    runs.append((alone, spread, alone_cpu, spread_cpu))
                alone, spread, alone_cpu, spread_cpu = (
                    statistics.median(run[i] for run in runs) for i in range(4)
                )
                single.append(f"{alone:.1f} s")
                every.append(f"{spread:.1f} s")
                shares.append(statistics.median(run[1] / run[0] for run in runs))
                cpu.append(f"cpu {alone_cpu:.1f} s / {spread_cpu:.1f} s")
            else:
                wall, used = _timed_cpu([*_exe(root), "verify", *files, *common])
                single.append(f"{wall:.1f} s")
                every.append("n/a")
                cpu.append(f"cpu {used:.1f} s")
        rows.append(
            (
                f"batch of {args.batch}, --jobs 1 (median of {args.batch_runs})",
                single,
                "; ".join(cpu),
                "",
            )
        )
        rows.append(
            (
                f"batch of {args.batch}, --jobs {cores} (every core)",
                every,
                ", ".join(f"{share:.2f}x of one core" for share in shares),
                f"target <= {TARGET_BATCH_RATIO}x: "
                + ("ok" if shares and shares[-1] <= TARGET_BATCH_RATIO else "MISSED"),
            )
        )

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    width = max(len(row[0]) for row in rows)
    print(f"{cores} cores, load average {load:.1f}; {len(pdfs)} demo documents\n")
    header = "  ".join(f"{name:>9}" for name in names)
    print(f"{'what':<{width}}  {header}  {'yardstick':<22}  target")
    print("-" * (width + 60 + 11 * len(names)))
    for what, values, yardstick, verdict in rows:
        shown = "  ".join(f"{value:>9}" for value in values)
        print(f"{what:<{width}}  {shown}  {yardstick:<22}  {verdict}")

    window = HERE / "window_timing.py"
    if window.exists():
        print("\nwindow (benchmarks/window_timing.py):")
        sys.stdout.flush()
        subprocess.run([sys.executable, str(window)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
