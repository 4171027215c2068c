"""The GUI's door to the use cases in ``exporter_desk.services`` that do long work.

Each function runs on a worker thread, never the GUI thread, and imports its service when first
called, so that the app starts fast (pyHanko and reportlab load on first use).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from exporter_desk.domain import DocumentKind, IssuedDocument
from exporter_desk.errors import ExporterError
from exporter_desk.signing import Keystore
from exporter_desk.store import Store, database_path, open_store
from exporter_desk.verify import Verdict

PASSPHRASE_ENV = "EXPORTER_DESK_PASSPHRASE"  # the variable the CLI uses too


def load_verifier(data_dir: Path) -> Callable[[Path], Verdict]:
    """``verify(path) -> Verdict`` with the pinned trust networks of ``data_dir`` loaded once.

    Calls ``services.trust.load_trust(data_dir)`` and ``services.verifying.verify_file``.

    Raises:
        ExporterError: the trust settings cannot be read.
    """
    from exporter_desk.services.trust import load_trust
    from exporter_desk.services.verifying import verify_file

    trust = load_trust(data_dir)

    def verify(path: Path) -> Verdict:
        return verify_file(path, trust)

    return verify


def open_keystore(data_dir: Path) -> Keystore:
    """The company's keystore: the OS keyring, else the encrypted key file
    (``services.keystores.open_keystore``) opened with $EXPORTER_DESK_PASSPHRASE. The GUI does
    not ask for that passphrase yet: without a keyring and the variable, this raises
    ``PassphraseNeededError``, whose message explains what to do."""
    from exporter_desk.services.keystores import open_keystore as open_

    return open_(data_dir, lambda: os.environ.get(PASSPHRASE_ENV))


def issue_document(
    data_dir: Path,
    kind: str,
    source_id: int,
    *,
    paper: str,
    progress: Callable[[int, str], None],
) -> IssuedDocument:
    """Render, register and sign one document (``services.issuing.issue_document``).

    Runs on a worker thread with its own store connection (SQLite connections are per thread,
    and issuing takes too long for the GUI's database thread), its keystore and the network
    chosen in Settings (``services.network.open_network``).
    """
    from exporter_desk.services.issuing import IssueOptions
    from exporter_desk.services.issuing import issue_document as issue
    from exporter_desk.services.network import open_network

    def report(step: str, fraction: float) -> None:
        progress(int(fraction * 100), step)

    with open_store(database_path(data_dir)) as store:
        keystore = open_keystore(data_dir)
        with open_network(data_dir, store, keystore) as network:
            return issue(
                store,
                keystore,
                data_dir,
                network,
                DocumentKind(kind),
                source_id,
                options=IssueOptions(paper=paper),
                progress=report,
            )


def build_pack(
    data_dir: Path,
    of: str,
    record_id: int,
    target: Path,
    *,
    originals: int,
    copies: int,
    paper: str,
    progress: Callable[[int, str], None],
) -> Path:
    """Write the document pack of a deal (``of == "deals"``) or a shipment to ``target``
    (``services.packs.pack_deal`` / ``pack_shipment``)."""
    from exporter_desk.services.packs import PackOptions, pack_deal, pack_shipment

    options = PackOptions(originals=originals, copies=copies, paper=paper)
    progress(10, "render")
    with open_store(database_path(data_dir)) as store:
        if of == "deals":
            data = pack_deal(store, record_id, options)
        else:
            data = pack_shipment(store, record_id, options)
    progress(90, "write")
    temporary = target.with_name(f".{target.name}.part")
    try:
        temporary.write_bytes(data)
        temporary.replace(target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ExporterError(
            f"cannot write {target}: {exc}",
            user_message=f"The pack could not be saved to {target}: {exc.strerror or exc}.",
        ) from exc
    return target


def use_local_network(data_dir: Path, store: Store) -> str:
    """Set up the built-in local network and enrol the company (``open_local_network``);
    returns its origin. Needs the company profile and runs on the database thread."""
    from exporter_desk.services.network import open_local_network

    with open_local_network(data_dir, store, open_keystore(data_dir)) as network:
        return network.descriptor.origin


__all__ = [
    "build_pack",
    "issue_document",
    "load_verifier",
    "open_keystore",
    "use_local_network",
]
