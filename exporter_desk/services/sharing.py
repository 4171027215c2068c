"""Sharing the network our documents are registered with, so that others can verify them.

A counterparty who has our network's descriptor (a public file: origin, API address, member CA,
trust policy) pins it and then verifies our documents offline. :func:`network_share` finds the
descriptor of the network chosen in Settings (the built-in local one by default), with a short
fingerprint to read over the phone and a QR code of it; :func:`export_network` writes the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics.barcode import qrencoder

from exporter_desk.errors import ExporterError
from exporter_desk.notary.local import LOCAL_API_URL
from exporter_desk.services._files import write_atomically
from exporter_desk.services.network import LOCAL_NETWORK, NETWORK_SETTING
from exporter_desk.services.trust import compute_network_fingerprint, pinned_networks
from exporter_desk.store import Store
from exporter_desk.trustnet import NetworkDescriptor, format_descriptor

__all__ = [
    "NetworkExportError",
    "NetworkShare",
    "NoNetworkYetError",
    "compute_network_fingerprint",
    "compute_qr_modules",
    "export_network",
    "network_share",
]


class NoNetworkYetError(ExporterError):
    """The network documents register with has not been set up yet."""


class NetworkExportError(ExporterError):
    """The descriptor file cannot be written."""


def compute_qr_modules(text: str) -> list[list[bool]]:
    """The QR code of ``text`` (error correction M, smallest version), dark = True."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    count = code.getModuleCount()
    return [[bool(code.isDark(row, col)) for col in range(count)] for row in range(count)]


@dataclass(frozen=True, slots=True)
class NetworkShare:
    """What to give a counterparty: the descriptor, its fingerprint and a QR payload."""

    descriptor: NetworkDescriptor
    fingerprint: str
    is_local: bool

    @property
    def qr_text(self) -> str:
        return f"exporter-desk-network:{self.descriptor.origin}#{self.fingerprint.replace(' ', '')}"

    @property
    def file_name(self) -> str:
        safe = "".join(ch if ch.isalnum() or ch in "._-" else "-" for ch in self.descriptor.origin)
        return f"{safe.strip('-') or 'network'}.json"


def network_share(data_dir: Path, store: Store) -> NetworkShare:
    """The network documents are registered with (Settings), ready to share.

    Raises:
        NoNetworkYetError: the local network was not set up yet, or the chosen network is not
            pinned any more.
    """
    origin = store.settings.get(NETWORK_SETTING, LOCAL_NETWORK) or LOCAL_NETWORK
    pinned = pinned_networks(data_dir)
    if origin == LOCAL_NETWORK:
        found = [d for d in pinned if d.api_url == LOCAL_API_URL]
    else:
        found = [d for d in pinned if d.origin == origin]
    if not found:
        raise NoNetworkYetError(
            f"network {origin} has no pinned descriptor in {data_dir}",
            user_message="Your network is not set up yet: finish the setup assistant or issue "
            "a first document, then export the network file.",
        )
    descriptor = found[0]
    return NetworkShare(
        descriptor=descriptor,
        fingerprint=compute_network_fingerprint(descriptor),
        is_local=descriptor.api_url == LOCAL_API_URL,
    )


def export_network(share: NetworkShare, path: Path) -> Path:
    """Write the shared network's descriptor to ``path`` (atomically).

    Raises:
        NetworkExportError: the file cannot be written.
    """
    try:
        write_atomically(path, format_descriptor(share.descriptor))
    except OSError as exc:
        raise NetworkExportError(
            f"cannot write {path}: {exc}",
            user_message=f"The network file could not be saved to {path}: {exc.strerror or exc}.",
        ) from exc
    return path
