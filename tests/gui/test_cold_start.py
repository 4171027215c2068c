"""Opening the main window loads no PDF machinery: the app starts fast and light.

pyHanko, reportlab and pypdf take seconds to import on a slow laptop; they are needed only when a
document is issued, signed or verified, so they are imported where they are used. The same goes
for the spreadsheet and HTTP libraries, the x509 stack of the key store, number words, and our
own packages behind them. Each probe runs in a fresh interpreter (this test process has loaded
everything long ago); ``benchmarks/window_timing.py`` measures what the start costs.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest

HEAVY = (
    "pyhanko",
    "reportlab",
    "pypdf",
    "openpyxl",
    "requests",
    "cryptography",
    "asn1crypto",
    "keyring",
    "num2words",
)
# Ours: signing (x509, keyring), documents (reportlab), verify (the verdict's modules, then
# pyHanko), examine (the deal view), notary (the server).
HEAVY_OURS = ("signing", "documents", "verify", "examine", "notary")


def _loaded_after(statement: str) -> list[str]:
    """The heavy modules loaded after running ``statement`` in a fresh interpreter."""
    probe = (
        f"import sys; {statement}; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r} "
        f"or m.split('.')[:2] in [['exporter_desk', p] for p in {HEAVY_OURS!r}]))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize(
    "start",
    [
        "import exporter_desk.gui.main_window",
        # What `exporter-desk` imports before its window is shown.
        "import exporter_desk.cli, exporter_desk.gui.app",
    ],
)
def test_starting_the_window_loads_no_pdf_library(start: str) -> None:
    loaded = _loaded_after(start)
    assert loaded == [], f"{start} loads {loaded}; see python -X importtime"


def test_the_probe_would_see_a_pdf_library_that_is_loaded() -> None:
    assert "pypdf" in _loaded_after("import pypdf")
    assert "exporter_desk.signing" in _loaded_after("import exporter_desk.signing")
