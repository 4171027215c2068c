"""Installer benchmark: the frozen bundle's size, and its cold start next to running from source.

Run: ``uv run python benchmarks/installer_bench.py [--tarball FILE] [--runs N]``. Builds the
Linux bundle with ``installers/build.py`` (or unpacks ``--tarball``, built before) and prints:

- the build's time;
- the bundle's size on disk (what the installed app takes) and compressed (the tarball a user
  downloads);
- cold start to a usable window, frozen and from source (``python -m exporter_desk.cli``), in
  the same run on the same seeded data folder: from spawning the process until the app prints
  that its main window is shown and its event loop turns (EXPORTER_DESK_QUIT_AFTER_SHOWN,
  gui/startup.py). Runs alternate between the two; the first run of each is reported apart
  (files not yet in the page cache), the median and worst of the rest against the 1.5 s target
  of DESIGN.md section 9.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installers"))

from build import build, folder_size  # noqa: E402

from exporter_desk.gui.startup import QUIT_AFTER_SHOWN_ENV, SHOWN_LINE  # noqa: E402

TARGET_START = 1.5


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning ``command`` until it reports its window shown."""
    began = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    shown = None
    for line in process.stdout:
        if line.rstrip("\n") == SHOWN_LINE:
            shown = time.perf_counter() - began
    if process.wait(timeout=120) != 0 or shown is None:
        raise RuntimeError(f"{command[0]} did not show its window (exit {process.returncode})")
    return shown


def seed(data: Path) -> None:
    from exporter_desk.services.demo import seed_demo
    from exporter_desk.store import database_path, open_store

    with open_store(database_path(data)) as store:
        seed_demo(store)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tarball", type=Path, help="use this Linux tarball instead of building")
    parser.add_argument("--runs", type=int, default=6, help="starts of each kind (6)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="exporter-desk-installer-bench-") as tmp_name:
        tmp = Path(tmp_name)
        build_seconds = None
        if args.tarball:
            archive = args.tarball
        else:
            built = build(tmp / "build", quiet=True)
            build_seconds = built.seconds
            (archive,) = built.artefacts
        with tarfile.open(archive) as tar:
            tar.extractall(tmp / "unpacked", filter="tar")
        (top,) = (tmp / "unpacked").iterdir()
        bundle = top / "exporter-desk"
        du = subprocess.run(["du", "-sk", str(bundle)], capture_output=True, text=True, check=True)
        on_disk = int(du.stdout.split()[0]) * 1024
        file_bytes = folder_size(bundle)
        compressed = archive.stat().st_size

        data = tmp / "data"
        seed(data)
        env = {
            **os.environ,
            QUIT_AFTER_SHOWN_ENV: "1",
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(tmp / "config"),
        }
        commands = {
            "frozen": [str(bundle / "exporter-desk"), "--data", str(data)],
            "source": [sys.executable, "-m", "exporter_desk.cli", "--data", str(data)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(time_to_window(command, env))

    print(f"\n{'what':<52} {'value':>12}")
    if build_seconds is not None:
        print(f"{'build (PyInstaller + tarball)':<52} {build_seconds:>10.0f} s")
    print(f"{'bundle on disk (du)':<52} {on_disk / 1e6:>9.0f} MB")
    print(f"{'bundle, sum of file sizes':<52} {file_bytes / 1e6:>9.0f} MB")
    print(f"{'compressed: ' + archive.name:<52} {compressed / 1e6:>9.0f} MB")
    print(
        f"\n{'cold start to a usable window':<30} {'first':>9} {'median':>9} {'worst':>9} {'target':>9}  ok"
    )
    for name, runs in times.items():
        rest = runs[1:] or runs
        median = statistics.median(rest)
        mark = "yes" if median < TARGET_START else "NO"
        print(
            f"{name:<30} {runs[0] * 1000:>7.0f}ms {median * 1000:>7.0f}ms "
            f"{max(rest) * 1000:>7.0f}ms {TARGET_START * 1000:>7.0f}ms  {mark}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
