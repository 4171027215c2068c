"""The GUI's door to the use cases in ``exporter_desk.services`` that do long work.

Each function runs on a worker thread, never the GUI thread, and imports its service when first
called, so that the app starts fast (pyHanko and reportlab load on first use).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from exporter_desk.domain import DocumentKind
from exporter_desk.gui.keys import KeystoreFactory
from exporter_desk.services.preferences import ONLINE_CHECKS, Paper
from exporter_desk.store import database_path, open_store

if TYPE_CHECKING:
    from exporter_desk.services.issuing import DrainResult, IssueResult
    from exporter_desk.services.verifying import FileVerdict
    from exporter_desk.trustnet import NetworkDescriptor
    from exporter_desk.verify import Verdict

ONLINE_CHECKS_SETTING = ONLINE_CHECKS  # "1": verifying asks the networks for news


def is_online(url: str) -> bool:
    """``services.verifying.is_online``, imported when first asked (the verifier loads late)."""
    from exporter_desk.services.verifying import is_online as reachable

    return reachable(url)


def online_checks_enabled(data_dir: Path) -> bool:
    """Settings > "online checks", read with a connection of the calling (worker) thread
    (read-only: verifying works in a read-only data folder too)."""
    from exporter_desk.services.datafolder import open_for_reading

    with open_for_reading(data_dir) as store:
        return store.settings.get(ONLINE_CHECKS_SETTING, "0") == "1"


def load_verifier(data_dir: Path) -> Callable[[Path], Verdict]:
    """``verify(path) -> Verdict`` with the pinned trust networks of ``data_dir`` loaded once.

    Each file is checked in a worker process kept warm for the next one (``VerifyPool``), so
    that a hostile file meets a hard deadline: the worker is killed and the file is UNREADABLE.
    This call starts the worker and waits until it has loaded the verifier. The worker stops
    when the returned function is dropped (``VerifyPage.reset_verifier``) or the app ends.

    With online checks on, step 9 asks each pinned network that has an http(s) address
    (``services.verifying.online_checker``, the same as ``exporter-desk verify --online``)
    whether the document was superseded or its issuer revoked since; other networks keep the
    offline "as of" verdict.

    Raises:
        ExporterError: the trust settings cannot be read, or no worker could start.
    """
    import weakref

    from exporter_desk.services.trust import load_trust
    from exporter_desk.services.verify_batch import VerifyPool
    from exporter_desk.services.verifying import online_checker

    trust = load_trust(data_dir)
    online = online_checker if online_checks_enabled(data_dir) else None
    pool = VerifyPool(trust, jobs=1, online=online)
    pool.warm()

    def verify(path: Path) -> Verdict:
        return pool.verify_one(path).verdict

    weakref.finalize(verify, pool.close)
    return verify


def verify_batch(
    data_dir: Path,
    paths: list[Path],
    progress: Callable[[int, int, Path], None],
    is_cancelled: Callable[[], bool],
) -> Iterator[FileVerdict]:
    """A folder's files on every core (``verify_many``), with the trust settings and the
    online-checks choice of ``data_dir``; verdicts in the order of ``paths``."""
    from exporter_desk.services.trust import load_trust
    from exporter_desk.services.verify_batch import verify_many
    from exporter_desk.services.verifying import online_checker

    trust = load_trust(data_dir)
    online = online_checker if online_checks_enabled(data_dir) else None
    yield from verify_many(
        paths, trust, online=online, progress=progress, is_cancelled=is_cancelled
    )


def issue_document(
    data_dir: Path,
    keystore: KeystoreFactory,
    kind: str,
    source_id: int,
    *,
    paper: str,
    progress: Callable[[int, str], None],
    visible_seal: bool = False,
    supersede: bool = False,
) -> IssueResult:
    """Render, register and sign one document (``services.issuing.issue``). Unchanged data
    issues nothing; changed data supersedes the registered document of the same kind and
    number only with ``supersede`` (else ``SupersedeRequiredError``: ask the user).

    Runs on a worker thread with its own store connection (SQLite connections are per thread,
    and issuing takes too long for the GUI's database thread), the keystore from ``keystore``
    (opened with the passphrase the GUI asked for) and the network chosen in Settings
    (``services.network.open_network``). ``visible_seal``: show the company seal (the image
    chosen in Settings, if any) in the document's signature box.
    """
    from exporter_desk.services.issuing import IssueOptions, issue
    from exporter_desk.services.network import open_network

    def report(step: str, fraction: float) -> None:
        progress(int(fraction * 100), step)

    with open_store(database_path(data_dir)) as store:
        keys = keystore()
        with open_network(data_dir, store, keys) as network:
            return issue(
                store,
                keys,
                data_dir,
                network,
                DocumentKind(kind),
                source_id,
                options=IssueOptions(paper=Paper.parse(paper), visible_seal=visible_seal),
                progress=report,
                supersede=supersede,
            )


def preview_document(
    data_dir: Path, kind: str, source_id: int, *, paper: str, progress: Callable[[int, str], None]
) -> Path:
    """Render a DRAFT of the document into the data folder's ``.drafts`` and return its path
    (``services.issuing.save_preview``: never registered, never signed); on a worker."""
    from exporter_desk.services.issuing import IssueOptions, save_preview

    progress(10, "render")
    options = IssueOptions(paper=Paper.parse(paper))
    with open_store(database_path(data_dir)) as store:
        return save_preview(store, data_dir, DocumentKind(kind), source_id, options=options)


def drain_outbox(
    data_dir: Path,
    keystore: KeystoreFactory,
    progress: Callable[[int, str], None],
    *,
    by_user: bool = False,
) -> DrainResult:
    """Register what waits in the outbox with the chosen network (``services.issuing.
    drain_outbox``); on a worker, with its own store connection."""
    from exporter_desk.services.issuing import drain_outbox as drain
    from exporter_desk.services.network import open_network

    progress(-1, "register")
    with open_store(database_path(data_dir)) as store:
        keys = keystore()
        with open_network(data_dir, store, keys) as network:
            return drain(store, keys, data_dir, network, ignore_backoff=by_user)


def join_network(
    data_dir: Path,
    keystore: KeystoreFactory,
    descriptor: NetworkDescriptor,
    invitation: str,
    progress: Callable[[int, str], None],
) -> str:
    """Enrol the company with ``descriptor``'s network by the operator's invitation and
    register documents with it from now on (``services.network.join_network``); returns the
    network's origin. Network I/O: on a worker, with its own store connection."""
    from exporter_desk.services.network import join_network as join

    progress(-1, "enrol")
    with open_store(database_path(data_dir)) as store:
        join(data_dir, store, keystore(), descriptor, invitation)
    return descriptor.origin


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
    (``services.packs.pack_deal`` / ``pack_shipment``, saved by ``services.packs.write_pack``
    as the CLI saves it: all of it or nothing)."""
    from exporter_desk.services.datafolder import open_for_reading
    from exporter_desk.services.packs import PackOptions, pack_deal, pack_shipment, write_pack

    options = PackOptions(originals=originals, copies=copies, paper=Paper.parse(paper))
    progress(10, "render")
    with open_for_reading(data_dir) as store:  # a pack only reads: fine in a read-only folder
        if of == "deals":
            data = pack_deal(store, record_id, options)
        else:
            data = pack_shipment(store, record_id, options)
    progress(90, "write")
    write_pack(target, data)
    return target


def use_local_network(
    data_dir: Path, keystore: KeystoreFactory, progress: Callable[[int, str], None]
) -> str:
    """Set up the built-in local network, enrol the company and register documents with it
    (``services.setup.use_local_network``); returns its origin. On the network thread, with
    its own store connection, like joining a network."""
    from exporter_desk.services.setup import use_local_network as use_local

    progress(-1, "enrol")
    with open_store(database_path(data_dir)) as store:
        return use_local(data_dir, store, keystore())


__all__ = [
    "ONLINE_CHECKS_SETTING",
    "build_pack",
    "drain_outbox",
    "is_online",
    "issue_document",
    "join_network",
    "load_verifier",
    "online_checks_enabled",
    "use_local_network",
    "verify_batch",
]
