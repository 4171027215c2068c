"""The frozen app's entry point: ``exporter_desk.cli.main`` with what a bundle needs first.

PyInstaller runs this file as ``__main__`` of the executable (``exporter_desk.spec``).
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def _launch() -> int:
    multiprocessing.freeze_support()
    # A windowed Windows or macOS executable starts without a console: sys.stdout and
    # sys.stderr are None, and the first print would raise. Send them to nothing instead.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    from exporter_desk.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(_launch())
