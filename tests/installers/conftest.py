"""The installers' scripts (``installers/*.py``) loaded as modules, for the tests beside them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"


def load(relative: str) -> ModuleType:
    """Import ``installers/<relative>`` (a script, not a package) under a private name."""
    path = ROOT / relative
    name = "_installers_" + path.stem
    if name in sys.modules:
        return sys.modules[name]
    if str(INSTALLERS) not in sys.path:
        sys.path.insert(0, str(INSTALLERS))  # build.py imports app_meta beside it
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
