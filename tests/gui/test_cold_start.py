"""Opening the main window loads no PDF machinery: the app starts fast and light.

pyHanko, reportlab and pypdf take seconds to import on a slow laptop; they are needed only when a
document is issued, signed or verified, so they are imported where they are used.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys

HEAVY = ("pyhanko", "reportlab", "pypdf")

_PROBE = (
    "import sys; import exporter_desk.gui.main_window; "
    f"print(sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r}))"
)


def test_importing_the_main_window_loads_no_pdf_library() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert loaded == [], f"importing gui.main_window loads {loaded}; see python -X importtime"


def test_the_probe_would_see_a_pdf_library_that_is_loaded() -> None:
    probe = _PROBE.replace("import exporter_desk.gui.main_window", "import pypdf")
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "pypdf" in ast.literal_eval(result.stdout.strip().splitlines()[-1])
