"""Exporter Desk: trade paperwork for small exporters, registered and signed, verifiable offline.

``__version__`` is looked up on first use: reading the installed metadata costs tens of
milliseconds that ``exporter-desk verify`` should not pay.
"""

from __future__ import annotations

from typing import Any

__all__ = ["__version__"]


def __getattr__(name: str) -> Any:
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("exporter-desk")
    except PackageNotFoundError:  # running from a source tree without an install
        found = "0.0.0"
    globals()["__version__"] = found
    return found
