"""Record editors: one window per record, validating as the user types."""

from exporter_desk.gui.editors.base import EditorDialog
from exporter_desk.gui.editors.contract import ContractEditor
from exporter_desk.gui.editors.deal import DealEditor
from exporter_desk.gui.editors.invoice import InvoiceEditor
from exporter_desk.gui.editors.party import PartyEditor
from exporter_desk.gui.editors.product import ProductEditor
from exporter_desk.gui.editors.shipment import ShipmentEditor

__all__ = [
    "ContractEditor",
    "DealEditor",
    "EditorDialog",
    "InvoiceEditor",
    "PartyEditor",
    "ProductEditor",
    "ShipmentEditor",
]
