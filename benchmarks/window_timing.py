"""Window timing: cold start to a usable main window, and the first and later drops on Verify.

Run: ``uv run python benchmarks/window_timing.py [--runs N] [--drop-runs N] [--json]``.
Prints a table of medians (``--json``: one JSON object, for ``benchmarks/verify_speed.py``).

Everything runs in fresh ``python`` processes started the way ``exporter-desk`` starts the app
(``cli.main(["--data", DIR])``, nothing imported before it) on a data folder with the demo
company set up as the user's own, offscreen Qt, empty QSettings:

- **cold start**: from spawning the process to the main window's first paint, with the event
  loop idle after it (a zero timer fires after the paint): the window is there and answers.
  Also, to the first list (the Invoices screen) showing its rows.
- **bytecode**: Python reads each module's compiled bytecode from a cache (here kept in the
  benchmark's temporary folder and filled by an untimed start), as an installed app does; one
  row also shows starts with no cache at all, every module compiled from source
  (``PYTHONDONTWRITEBYTECODE=1``, as this repository's sandbox runs).
- **GUI stall**: the longest the event loop went without turning in the two seconds after the
  window was shown (a 10 ms timer measures its own lateness): background work at start-up,
  such as loading the verifier, must not freeze the window.
- **first drop / later drop**: a person opens Verify, then drops a demo-signed PDF on the drop
  zone (the drop zone's ``files_dropped`` signal, as a real drop emits it) ``--drop-after``
  seconds after the window was shown; the time from the drop to the verdict on the file's card.
  The first drop pays whatever loading the app left for it; later drops are the other demo
  PDFs, dropped one at a time.

Compare two commits by running this same script with each worktree's environment, e.g.
``cd /tmp/base && uv run python /path/to/benchmarks/window_timing.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

# The child imports only what the app itself would: the parent's tools are imported in main().

RUNS = 7
DROP_RUNS = 3
SOURCE_RUNS = 3
DROP_AFTER = 2.0  # seconds from the window shown to the first drop: a person's reach
STALL_WINDOW = 2.0  # seconds after the first paint in which the event loop is watched
TICK_MS = 10
TARGET_START = 1.0
PASSPHRASE = "window-timing-passphrase"


# -- the child: one start of the app ---------------------------------------------------------


def child(data: Path, pdfs: list[Path], spawned: float, drop_after: float | None) -> None:
    """Start the app as ``exporter-desk`` does and print one JSON line of figures.

    Nothing of the app or of Qt is imported before ``cli.main`` imports it, in its own order: a
    finder on ``sys.meta_path`` hooks the window's probe into ``gui.app`` as it is loaded."""
    figures: dict[str, Any] = {}
    import importlib.abc
    import importlib.machinery

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
            if name != "exporter_desk.gui.app":
                return None
            sys.meta_path.remove(self)
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            load = spec.loader.exec_module

            def exec_module(module: Any) -> None:
                load(module)
                create = module.create_main_window

                def create_and_watch(data_dir: Path) -> Any:
                    made = create(data_dir)
                    watch(made[0], figures, spawned, drop_after, pdfs)
                    return made

                module.create_main_window = create_and_watch

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, Finder())
    from exporter_desk.cli import main as exporter_desk  # the program, as the launcher runs it

    figures["exit"] = exporter_desk(["--data", str(data)])
    print("FIGURES " + json.dumps(figures), flush=True)


def watch(
    window: Any, figures: dict[str, Any], spawned: float, drop_after: float | None, pdfs: list[Path]
) -> None:
    """Hook a probe on the main window as it is made (Qt is loaded by then)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class Probe(QObject):
        """Watches the window: first paint, loop idle, first rows, stalls; then the drops."""

        def __init__(self, window: Any) -> None:
            super().__init__(window)
            self.window = window
            self.painted = False
            self.last_tick = 0.0
            self.stall = 0.0
            self.ticks: QTimer | None = None
            self.shown_at = 0.0
            window.installEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not self.painted and event.type() == QEvent.Type.Paint:
                self.painted = True
                figures["painted"] = time.time() - spawned
                QTimer.singleShot(0, self.idle)
            return False

        def idle(self) -> None:
            self.shown_at = time.time()
            figures["idle"] = self.shown_at - spawned
            self.last_tick = time.perf_counter()
            self.ticks = QTimer(self)
            self.ticks.setInterval(TICK_MS)
            self.ticks.timeout.connect(self.tick)
            self.ticks.start()

        def tick(self) -> None:
            now = time.perf_counter()
            self.stall = max(self.stall, now - self.last_tick - TICK_MS / 1000)
            self.last_tick = now
            if "rows" not in figures and self._rows() > 0:
                figures["rows"] = time.time() - spawned
            if time.time() - self.shown_at < STALL_WINDOW or "rows" not in figures:
                return
            if "stall" not in figures:
                figures["stall"] = self.stall
                if drop_after is None:
                    QApplication.quit()
                    return
            if time.time() - self.shown_at >= drop_after:
                assert self.ticks is not None
                self.ticks.stop()
                QTimer.singleShot(0, self.drops)

        def _rows(self) -> int:
            page = self.window.current_page()
            model = getattr(page, "model", None)
            return int(model.rowCount()) if model is not None else 0

        def drops(self) -> None:
            try:
                figures["drops"] = self._drop_each()
            except BaseException as exc:  # a slot must not swallow the failure: report it
                figures["error"] = repr(exc)
            QApplication.quit()

        def _drop_each(self) -> list[float]:
            from exporter_desk.gui.main_window import Screen

            page = self.window.show_screen(Screen.VERIFY)
            wait(lambda: True)  # the Verify screen is drawn before the file arrives
            times = []
            for path in pdfs:
                begin = time.perf_counter()
                page.drop_zone.files_dropped.emit([path])
                card = page.cards[-1]
                wait(lambda c=card: c.verdict is not None or c.error is not None)
                times.append(time.perf_counter() - begin)
                if card.verdict is None or card.verdict.result.name != "AUTHENTIC":
                    raise RuntimeError(f"{path.name}: {card.verdict or card.error!r}")
            return times

    def wait(condition: Any, timeout: float = 60.0) -> None:
        from PySide6.QtCore import QEventLoop

        loop = QEventLoop()
        wake = QTimer()  # the loop wakes at least every 5 ms to look at the condition
        wake.start(5)
        deadline = time.monotonic() + timeout
        loop.processEvents()
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the window did not answer in time")
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        wake.stop()

    Probe(window)


# -- the parent ------------------------------------------------------------------------------


def prepare(folder: Path) -> tuple[Path, list[Path]]:
    """A data folder with the demo company, and the demo documents issued on its network."""
    data, out = folder / "data", folder / "pdfs"
    env = {**os.environ, "EXPORTER_DESK_PASSPHRASE": PASSPHRASE}
    command = ["demo", "--seed", "--out", str(out), "--data", str(data)]
    subprocess.run(
        [sys.executable, "-m", "exporter_desk.cli", *command],
        check=True,
        capture_output=True,
        env=env,
    )
    pdfs = sorted(out.glob("*.pdf"))
    if len(pdfs) < 2:
        raise SystemExit("the demo issued fewer than two PDFs")
    # A company that is set up: the set-up assistant does not open on start.
    from exporter_desk.store import database_path, open_store

    with open_store(database_path(data)) as store:
        seller = store.invoices.list(0, 1)[0].seller_id
        store.settings.set("company.party_id", str(seller))
    return data, pdfs


def spawn(
    data: Path, pdfs: list[Path], drop_after: float | None, *, compiled: bool = True
) -> dict[str, Any]:
    """One start of the app, with settings of its own: each starts on Invoices, as on a first
    start (a drop run leaves the window on Verify, which a later start would restore).

    ``compiled``: Python reads its modules' bytecode from a cache (kept in the benchmark's
    folder, filled by an untimed start), as an installed app does; else every module is
    compiled from source at each start (``PYTHONDONTWRITEBYTECODE=1`` and no cache)."""
    settings = Path(tempfile.mkdtemp(prefix="settings-", dir=data.parent))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(settings),
        "EXPORTER_DESK_PASSPHRASE": PASSPHRASE,
        "PYTHONPYCACHEPREFIX": str(data.parent / "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not compiled:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = str(data.parent / "no-pycache")
    args = [sys.executable, __file__, "--child", str(data), repr(time.time())]
    if drop_after is not None:
        args += ["--drop", repr(drop_after), *map(str, pdfs)]
    out = subprocess.run(args, capture_output=True, text=True, env=env, timeout=180)
    lines = [line for line in out.stdout.splitlines() if line.startswith("FIGURES ")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"the app did not start and quit cleanly:\n{out.stdout}\n{out.stderr}")
    figures: dict[str, Any] = json.loads(lines[-1].removeprefix("FIGURES "))
    if "error" in figures:
        raise SystemExit(f"dropping the demo PDFs failed: {figures['error']}\n{out.stderr}")
    return figures


def summary(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "worst": max(values), "runs": values}


def measure(runs: int, drop_runs: int, drop_after: float, source_runs: int) -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="exporter-desk-window-timing-") as tmp:
        data, pdfs = prepare(Path(tmp))
        # Untimed: fills the bytecode cache, and the OS caches the files, as for a user.
        spawn(data, pdfs, drop_after)
        starts = [spawn(data, pdfs, None) for _ in range(runs)]
        drops = [spawn(data, pdfs, drop_after)["drops"] for _ in range(drop_runs)]
        sources = [spawn(data, pdfs, None, compiled=False) for _ in range(source_runs)]
    return {
        "cold_start_s": summary([f["idle"] for f in starts]),
        "cold_start_from_source_s": summary([f["idle"] for f in sources]),
        "first_paint_s": summary([f["painted"] for f in starts]),
        "first_rows_s": summary([f["rows"] for f in starts]),
        "gui_stall_s": summary([f["stall"] for f in starts]),
        "first_drop_s": summary([d[0] for d in drops]),
        "later_drop_s": summary([statistics.median(d[1:]) for d in drops]),
        "drop_after_s": drop_after,
        "target_cold_start_s": TARGET_START,
        "runs": runs,
        "drop_runs": drop_runs,
        "source_runs": source_runs,
        "python": sys.executable,
        "load_average": [load_before, os.getloadavg()[0]],  # other work on the machine
    }


def table(result: dict[str, Any]) -> str:
    rows = [
        ("cold start: window painted, loop idle", "cold_start_s", TARGET_START),
        ("cold start: first list rows shown", "first_rows_s", None),
        ("cold start, no bytecode cache (all compiled)", "cold_start_from_source_s", None),
        ("longest GUI stall, 2 s after shown", "gui_stall_s", None),
        (
            f"first drop on Verify ({result['drop_after_s']:.1f} s after shown)",
            "first_drop_s",
            None,
        ),
        ("later drops on Verify", "later_drop_s", None),
    ]
    lines = [f"{'what':<46} {'median':>9} {'worst':>9} {'target':>9}  ok"]
    for what, key, target in rows:
        median, worst = result[key]["median"], result[key]["worst"]
        goal = f"{target * 1000:>7.0f}ms" if target else f"{'':>9}"
        mark = ("yes" if median < target else "NO") if target else ""
        lines.append(f"{what:<46} {median * 1000:>7.0f}ms {worst * 1000:>7.0f}ms {goal}  {mark}")
    before, after = result["load_average"]
    lines.append(f"(load average {before:.1f} before, {after:.1f} after; {result['python']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="cold starts measured")
    parser.add_argument("--drop-runs", type=int, default=DROP_RUNS, help="processes that drop")
    parser.add_argument("--drop-after", type=float, default=DROP_AFTER)
    parser.add_argument(
        "--source-runs", type=int, default=SOURCE_RUNS, help="cold starts without bytecode cache"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--child", nargs=2, metavar=("DATA", "T0"), help=argparse.SUPPRESS)
    parser.add_argument("--drop", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        drop_after = float(args.drop[0]) if args.drop else None
        pdfs = [Path(p) for p in args.drop[1:]] if args.drop else []
        child(Path(args.child[0]), pdfs, float(args.child[1]), drop_after)
        return 0
    global statistics, subprocess, tempfile
    import statistics
    import subprocess
    import tempfile

    result = measure(args.runs, args.drop_runs, args.drop_after, args.source_runs)
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
