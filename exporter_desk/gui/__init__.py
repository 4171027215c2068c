"""The desktop app (PySide6): windows, table models, editors, the verify panel, workers.

The only package that imports Qt. It holds no business rules: widgets collect input, call the
store or a service on a worker thread, and render the result. Start it with ``run``.
"""

from exporter_desk.gui.app import run

__all__ = ["run"]
