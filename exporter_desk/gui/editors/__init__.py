"""Record editors: one window per record, validating as the user types.

Each editor's module loads when its class is first asked for (``from ... import DealEditor``
works as before): importing a helper of this package, such as ``editors._parse``, then loads no
editor, which keeps the app's start light and the deal view's imports free of cycles.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from exporter_desk.gui.editors.base import EditorDialog
    from exporter_desk.gui.editors.contract import ContractEditor
    from exporter_desk.gui.editors.deal import DealEditor
    from exporter_desk.gui.editors.invoice import InvoiceEditor
    from exporter_desk.gui.editors.party import PartyEditor
    from exporter_desk.gui.editors.product import ProductEditor
    from exporter_desk.gui.editors.shipment import ShipmentEditor

_MODULES = {
    "ContractEditor": "contract",
    "DealEditor": "deal",
    "EditorDialog": "base",
    "InvoiceEditor": "invoice",
    "PartyEditor": "party",
    "ProductEditor": "product",
    "ShipmentEditor": "shipment",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = [
    "ContractEditor",
    "DealEditor",
    "EditorDialog",
    "InvoiceEditor",
    "PartyEditor",
    "ProductEditor",
    "ShipmentEditor",
]
