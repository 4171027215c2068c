"""Exporter Desk: trade paperwork for small exporters, registered and signed, verifiable offline."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("exporter-desk")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"

__all__ = ["__version__"]
