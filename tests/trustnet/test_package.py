"""The protocol package is pure: importing it loads no HTTP client (only trustnet.client does)."""

from __future__ import annotations

import ast
import subprocess
import sys


def _loaded_after(statement: str) -> list[str]:
    probe = (
        f"import sys; {statement}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'requests', 'urllib3'} "
        "or m == 'exporter_desk.trustnet.client'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    return loaded


def test_importing_the_protocol_loads_no_http_client() -> None:
    assert _loaded_after("import exporter_desk.trustnet") == []


def test_the_client_module_is_the_one_that_brings_http() -> None:
    loaded = _loaded_after("import exporter_desk.trustnet.client")
    assert "requests" in loaded and "exporter_desk.trustnet.client" in loaded
