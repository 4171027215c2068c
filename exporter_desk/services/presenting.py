"""Presentments for a bank, and the exporter's view of its presented documents.

A bank that verified a document records that it received or financed it (:func:`record`); any
member bank can ask whether the same document was presented before (:func:`look_up`), and the
document's issuer sees which of its documents were presented and when
(:func:`presented_documents`). The document is named by its business key, read from the
``document.json`` its issuer registered (revision 1 of the PDF, so nothing added later counts)
and made canonical by :mod:`exporter_desk.trustnet.presentment`; the network blinds it, and its
log shows none of it (see ``docs/presentments.md``).

Presentments live on a shared network reached over HTTP: the local network has one company.
"""

from __future__ import annotations

import base64
import io
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from exporter_desk.errors import ExporterError
from exporter_desk.services.identity import DEFAULT_PROFILE
from exporter_desk.services.network import LOCAL_NETWORK, NETWORK_SETTING, Connection
from exporter_desk.signing import Keystore, SigningCredentials
from exporter_desk.store import Store
from exporter_desk.trustnet import Entry, verify_receipt
from exporter_desk.trustnet.client import HttpTransport, NetworkUnavailableError
from exporter_desk.trustnet.presentment import (
    PRESENTMENT_KIND,
    canonical_invoice_key,
    canonical_transport_key,
)
from exporter_desk.trustnet.receipt import parse_proof
from exporter_desk.verify import Result, Verdict

__all__ = [
    "DocumentPresentment",
    "EarlierPresentment",
    "NoBusinessKeyError",
    "NotPresentableError",
    "Presented",
    "PresentedDocument",
    "PresentmentRecord",
    "PresentmentStatus",
    "PresentmentsUnavailableError",
    "business_key",
    "is_on_shared_network",
    "look_up",
    "present_file",
    "presented_documents",
    "presented_documents_of",
    "presentment_status",
    "presentment_warning",
    "read_presented_document",
    "record",
]

_log = logging.getLogger(__name__)
_INVOICES = frozenset({"commercial-invoice", "proforma-invoice"})
_MAX_RECORD = 4 * 1024 * 1024


class NotPresentableError(ExporterError):
    """The document is not authentic, or not registered with the bank's network."""


class NoBusinessKeyError(ExporterError):
    """The document does not say what identifies it (seller, number, amount; or carrier, B/L)."""


class PresentmentsUnavailableError(ExporterError):
    """Presentments need a shared network over HTTP, which the chosen network is not."""


@dataclass(frozen=True, slots=True)
class PresentedDocument:
    """A verified document as a bank presents it: where it is registered, and its key."""

    origin: str
    leaf_hash: str
    kind: str
    number: str
    key: str


@dataclass(frozen=True, slots=True)
class EarlierPresentment:
    """One earlier presentment of the same key; ``bank`` only with that bank's consent."""

    date: datetime
    bank: str | None
    mine: bool
    amount: Decimal | None = None
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class PresentmentStatus:
    """What the network knows of a key: its earlier presentments, oldest first."""

    earlier: tuple[EarlierPresentment, ...]

    @property
    def by_others(self) -> tuple[EarlierPresentment, ...]:
        return tuple(item for item in self.earlier if not item.mine)

    @property
    def mine(self) -> EarlierPresentment | None:
        return next((item for item in self.earlier if item.mine), None)

    def warning(self) -> str | None:
        """ "already presented to another bank on DATE (BANK)", or None."""
        others = self.by_others
        if not others:
            return None
        first = others[0]
        named = f" ({first.bank})" if first.bank else ""
        more = f", and {len(others) - 1} more time(s)" if len(others) > 1 else ""
        return f"already presented to another bank on {first.date.date().isoformat()}{named}{more}"


@dataclass(frozen=True, slots=True)
class PresentmentRecord:
    """A recorded presentment: its log index and date, ``duplicate`` if recorded before."""

    index: int
    date: datetime
    duplicate: bool
    receipt: str | None


@dataclass(frozen=True, slots=True)
class DocumentPresentment:
    """A presentment of one of the company's documents, for its document register."""

    index: int
    kind: str
    number: str
    date: datetime
    bank: str | None


def _parse_date(value: object) -> datetime:
    if not isinstance(value, str):
        raise NetworkUnavailableError("the network's answer has no presentment date")
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError as exc:
        raise NetworkUnavailableError(f"bad presentment date {value[:40]!r}") from exc


def _document_record(data: bytes) -> dict[str, Any]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        attachments = PdfReader(io.BytesIO(data)).attachments
        found = attachments.get("document.json") or []
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise NoBusinessKeyError(
            f"cannot read document.json: {exc}",
            user_message="The document's data (document.json) cannot be read.",
        ) from exc
    if len(found) != 1 or len(found[0]) > _MAX_RECORD:
        raise NoBusinessKeyError(
            f"{len(found)} document.json in revision 1",
            user_message="The document does not carry its data (document.json) exactly once, "
            "so what identifies it cannot be read. Enter the carrier and transport document "
            "number instead.",
        )
    try:
        record = json.loads(found[0].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NoBusinessKeyError(
            f"document.json is not JSON: {exc}",
            user_message="The document's data (document.json) is damaged.",
        ) from exc
    if not isinstance(record, dict):
        raise NoBusinessKeyError(
            "document.json is not an object",
            user_message="The document's data (document.json) is damaged.",
        )
    return record


def _text(record: dict[str, Any], *path: str) -> str:
    value: Any = record
    for name in path:
        value = value.get(name) if isinstance(value, dict) else None
    return value if isinstance(value, str) else ""


def business_key(
    kind: str,
    record: dict[str, Any],
    issuer_registration_id: str | None,
    *,
    carrier: str | None = None,
    transport_document: str | None = None,
) -> str:
    """The canonical key: an invoice's seller, number, total and currency; otherwise (or if
    given) the carrier and transport document number.

    Raises:
        NoBusinessKeyError: the document says neither.
        PresentmentKeyError: a part cannot be made canonical.
    """
    if carrier or transport_document:
        return canonical_transport_key(carrier or "", transport_document or "")
    if kind in _INVOICES:
        seller = _text(record, "parties", "seller", "registration_id") or (
            issuer_registration_id or ""
        )
        number = _text(record, "invoice", "number") or _text(record, "number")
        return canonical_invoice_key(
            seller,
            number,
            _text(record, "totals", "total"),
            _text(record, "totals", "currency"),
        )
    carrier_name = _text(record, "shipment", "carrier")
    bl_number = _text(record, "shipment", "transport_document_no")
    if carrier_name and bl_number:
        return canonical_transport_key(carrier_name, bl_number)
    raise NoBusinessKeyError(
        f"a {kind} has no invoice total nor transport document",
        user_message="This document names neither an invoice total nor a carrier and "
        "transport document number. Give the carrier and the transport document number.",
    )


def read_presented_document(
    path: Path,
    verdict: Verdict,
    *,
    carrier: str | None = None,
    transport_document: str | None = None,
) -> PresentedDocument:
    """The document a bank presents: only an authentic, registered one.

    Raises:
        NotPresentableError: the verdict is not AUTHENTIC.
        NoBusinessKeyError, PresentmentKeyError: no business key can be read.
    """
    if (
        verdict.result is not Result.AUTHENTIC
        or verdict.registration is None
        or verdict.document is None
    ):
        raise NotPresentableError(
            f"{path.name}: {verdict.result.value}",
            user_message=f"{path.name} is not an authentic registered document "
            f"({verdict.result.display}); a presentment records only authentic documents.",
        )
    with path.open("rb") as handle:
        revision = handle.read(verdict.document.length)
    record = _document_record(revision)
    key = business_key(
        verdict.document.kind,
        record,
        verdict.issuer.registration_id if verdict.issuer else None,
        carrier=carrier,
        transport_document=transport_document,
    )
    return PresentedDocument(
        origin=verdict.registration.origin,
        leaf_hash=verdict.registration.leaf_hash,
        kind=verdict.document.kind,
        number=verdict.document.number,
        key=key,
    )


def _http(connection: Connection, document: PresentedDocument | None = None) -> HttpTransport:
    transport = connection.transport
    if not isinstance(transport, HttpTransport):
        raise PresentmentsUnavailableError(
            "presentments need a shared network",
            user_message="Presentments are recorded on a shared trust network; the local "
            "network holds only your own company's documents. Join your banks' network in "
            "Settings > Networks.",
        )
    if document is not None and document.origin != connection.descriptor.origin:
        raise NotPresentableError(
            f"document on {document.origin}, bank on {connection.descriptor.origin}",
            user_message=f"The document is registered with {document.origin}, but your bank "
            f"is a member of {connection.descriptor.origin}: its presentment must be recorded "
            "on the network the document is registered with.",
        )
    return transport


def _status(answer: dict[str, Any]) -> PresentmentStatus:
    items = answer.get("presented")
    if not isinstance(items, list):
        raise NetworkUnavailableError("the network's answer has no list of presentments")
    earlier = []
    for item in items:
        if not isinstance(item, dict):
            raise NetworkUnavailableError("a presentment in the answer is not an object")
        amount = item.get("amount")
        try:
            value = Decimal(amount) if isinstance(amount, str) else None
        except InvalidOperation:
            value = None
        bank, currency = item.get("bank"), item.get("currency")
        earlier.append(
            EarlierPresentment(
                date=_parse_date(item.get("date")),
                bank=bank if isinstance(bank, str) else None,
                mine=item.get("mine") is True,
                amount=value,
                currency=currency if isinstance(currency, str) else None,
            )
        )
    return PresentmentStatus(tuple(earlier))


def look_up(connection: Connection, document: PresentedDocument) -> PresentmentStatus:
    """Whether (and when) the document's key was presented before, by this bank or another.

    Raises:
        PresentmentsUnavailableError, NotPresentableError: see :func:`_http`.
        RegistrationRefusedError: the network refused (not a member, bad key).
        NetworkUnavailableError: it cannot be reached now.
    """
    transport = _http(connection, document)
    return _status(transport.presentment_lookup(connection.token, document.key))


def record(
    connection: Connection,
    credentials: SigningCredentials,
    document: PresentedDocument,
    *,
    amount: Decimal | None = None,
    currency: str | None = None,
    consent: bool = False,
    now: datetime | None = None,
) -> tuple[PresentmentRecord, PresentmentStatus]:
    """Record the bank's presentment of ``document``; return it and the earlier ones.

    The bank signs its entry with its own key: the network records nothing in its name
    otherwise. The receipt is checked against the pinned network before it is accepted.

    Raises:
        as :func:`look_up`; ReceiptMismatchError or TrustnetError for a bad receipt.
    """
    transport = _http(connection, document)
    answer = transport.presentment_lookup(connection.token, document.key, document.leaf_hash)
    status = _status(answer)
    fields = answer.get("entry")
    if not isinstance(fields, dict):
        raise NetworkUnavailableError("the network did not give the presentment entry's fields")
    issuer = credentials.fingerprint
    entry = Entry.build(
        kind=PRESENTMENT_KIND,
        number=str(fields.get("number", "")),
        issuer=issuer,
        digest=str(fields.get("digest", "")),
        length=1,
        time=now or datetime.now(UTC),
    ).sign(credentials.key)
    body: dict[str, Any] = {
        "key": document.key,
        "document": document.leaf_hash,
        "entry": base64.b64encode(entry.format()).decode("ascii"),
        "consent": consent,
    }
    if amount is not None:
        body["amount"] = format(amount, "f")
        body["currency"] = (currency or "").upper()
    result = transport.present(connection.token, body)
    receipt = result.get("receipt")
    if isinstance(receipt, str):
        proof = parse_proof(receipt)
        if proof.extra != entry.format():
            raise NetworkUnavailableError("the presentment receipt carries another entry")
        verify_receipt(proof, connection.descriptor)
    index = result.get("index")
    if not isinstance(index, int):
        raise NetworkUnavailableError("the network's answer has no log index")
    return (
        PresentmentRecord(
            index=index,
            date=_parse_date(result.get("date")),
            duplicate=result.get("status") == "duplicate",
            receipt=receipt if isinstance(receipt, str) else None,
        ),
        status,
    )


def presented_documents(connection: Connection) -> list[DocumentPresentment]:
    """The presentments of the company's own documents, as the network reports them.

    Raises:
        PresentmentsUnavailableError: on the local network.
        RegistrationRefusedError, NetworkUnavailableError: as :func:`look_up`.
    """
    answer = _http(connection).presented_documents(connection.token)
    items = answer.get("documents")
    if not isinstance(items, list):
        raise NetworkUnavailableError("the network's answer has no list of documents")
    found = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("index"), int):
            raise NetworkUnavailableError("a presented document in the answer is malformed")
        bank = item.get("bank")
        found.append(
            DocumentPresentment(
                index=int(item["index"]),
                kind=str(item.get("kind", "")),
                number=str(item.get("number", "")),
                date=_parse_date(item.get("date")),
                bank=bank if isinstance(bank, str) else None,
            )
        )
    return found


# --- what the CLI and the GUI call --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Presented:
    """The outcome of presenting a file: the document, this bank's record, the earlier ones."""

    document: PresentedDocument
    record: PresentmentRecord
    status: PresentmentStatus


def present_file(
    data_dir: Path,
    store: Store,
    keystore: Keystore,
    path: Path,
    *,
    amount: Decimal | None = None,
    currency: str | None = None,
    consent: bool = False,
    carrier: str | None = None,
    transport_document: str | None = None,
    profile: str = DEFAULT_PROFILE,
) -> Presented:
    """Verify ``path`` and record this bank's presentment of it on the chosen network.

    Raises:
        NotPresentableError, NoBusinessKeyError, PresentmentKeyError, PresentmentsUnavailableError,
        NotEnrolledError, RegistrationRefusedError, NetworkUnavailableError, and the errors of
        loading the company's signing key.
    """
    from exporter_desk.services.identity import load_credentials
    from exporter_desk.services.network import open_network
    from exporter_desk.services.trust import load_trust
    from exporter_desk.services.verifying import verify_file

    verdict = verify_file(path, load_trust(data_dir))
    document = read_presented_document(
        path, verdict, carrier=carrier, transport_document=transport_document
    )
    credentials = load_credentials(store, keystore, profile)
    with open_network(data_dir, store, keystore, profile=profile) as connection:
        done, status = record(
            connection, credentials, document, amount=amount, currency=currency, consent=consent
        )
    return Presented(document, done, status)


def presentment_warning(
    data_dir: Path, store: Store, keystore: Keystore, path: Path, verdict: Verdict
) -> str | None:
    """For ``verify --online``: "already presented to another bank on DATE", or None when it
    was not, or when this installation cannot ask (see :func:`presentment_status`).

    Raises:
        RegistrationRefusedError, NetworkUnavailableError: the network could not answer.
    """
    status = presentment_status(data_dir, store, keystore, path, verdict)
    return None if status is None else status.warning()


def presentment_status(
    data_dir: Path, store: Store, keystore: Keystore, path: Path, verdict: Verdict
) -> PresentmentStatus | None:
    """The earlier presentments of a verified document, or None when this installation cannot
    ask: not a member of the shared network the document is registered with, or no business
    key in the document.

    Raises:
        RegistrationRefusedError, NetworkUnavailableError: the network could not answer.
    """
    from exporter_desk.services.network import open_network

    if verdict.registration is None or verdict.document is None or _on_local_network(store):
        return None
    try:
        document = read_presented_document(path, verdict)
        connection = open_network(data_dir, store, keystore)
    except ExporterError as exc:
        _log.info("no presentment check for %s: %s", path.name, exc)
        return None
    with connection:
        if (
            not isinstance(connection.transport, HttpTransport)
            or connection.descriptor.origin != document.origin
        ):
            return None
        return look_up(connection, document)


def presented_documents_of(
    data_dir: Path, store: Store, keystore: Keystore
) -> list[DocumentPresentment]:
    """The company's documents that banks presented, from the chosen network (none on the local
    network, where no bank is a member).

    Raises:
        NotEnrolledError, RegistrationRefusedError, NetworkUnavailableError.
    """
    from exporter_desk.services.network import open_network

    if _on_local_network(store):
        return []
    with open_network(data_dir, store, keystore) as connection:
        if not isinstance(connection.transport, HttpTransport):
            return []
        return presented_documents(connection)


def _on_local_network(store: Store) -> bool:
    """The local network has no banks; it is also open already in the app (one process only)."""
    return (store.settings.get(NETWORK_SETTING, LOCAL_NETWORK) or LOCAL_NETWORK) == LOCAL_NETWORK


def is_on_shared_network(store: Store) -> bool:
    """Whether the network chosen in Settings is a shared one, where presentments live."""
    return not _on_local_network(store)
