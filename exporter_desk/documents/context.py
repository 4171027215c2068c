"""What a renderer takes: the data bundles the caller resolves from the store, and the options.

A context holds domain objects exactly as stored; mandatory parts are typed ``| None`` on purpose,
so that a caller who could not find the buyer (say) gets a ``MissingDocumentDataError`` naming
it, instead of a half-filled PDF. Renderers check a context in this order: missing parts, parts
that do not belong together (ids that disagree), then each domain object's ``validated()``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.layout import Language, Paper, SignatureBox
from exporter_desk.domain import (
    Contract,
    DocumentKind,
    Invoice,
    PackingList,
    Party,
    Shipment,
)
from exporter_desk.errors import ExporterError

__all__ = [
    "DEFAULT_BENEFICIARY_STATEMENT",
    "BeneficiaryCertificateContext",
    "BillOfExchangeContext",
    "ContractContext",
    "DocumentContext",
    "DocumentDataError",
    "InconsistentDocumentDataError",
    "InvoiceContext",
    "MarkText",
    "MissingDocumentDataError",
    "OriginContext",
    "PackingContext",
    "RenderOptions",
    "SealBox",
    "ShippingInstructionContext",
]

MarkText = Literal["ORIGINAL", "COPY", "DRAFT"]

DEFAULT_BENEFICIARY_STATEMENT = (
    "One full set of non-negotiable copies of the shipping documents has been sent to the "
    "applicant by courier within 3 days after the date of shipment."
)


@dataclass(frozen=True, slots=True)
class SealBox:
    """Where the issuer's visible signature will go, recorded in ``document.json`` so that a
    verifier accepts a signature appearance there and nowhere else: a 0-based page index and
    (x1, y1, x2, y2) in whole PDF points, inside the blank box the layout reserved."""

    page: int
    rect: tuple[int, int, int, int]

    @classmethod
    def inside(cls, box: SignatureBox) -> SealBox:
        """The whole-point rectangle just inside a layout's reserved box."""
        x1, y1, x2, y2 = box.box
        return cls(box.page_index, (math.ceil(x1), math.ceil(y1), math.floor(x2), math.floor(y2)))

    def as_json(self) -> dict[str, object]:
        return {"page": self.page, "rect": list(self.rect)}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to print: paper, languages, copy mark, the issue time written into the file.

    ``created`` is the PDF's creation time (timezone-aware); it is part of the bytes, so the same
    data and the same ``created`` give the same file. ``network_origin`` is the trust network the
    document will be registered with, printed in the QR code (left out when empty). ``place`` is
    the place of issue printed beside the signature; empty means the issuer's country.

    Raises (constructor):
        ValueError: a naive ``created``, or an unknown paper, language or mark.
    """

    created: dt.datetime
    paper: Paper = "A4"
    language: Language = "en"
    mark: MarkText | None = None
    network_origin: str = ""
    logo_png: bytes | None = None
    place: str = ""
    signature_box: SealBox | None = None

    def __post_init__(self) -> None:
        if self.created.tzinfo is None:
            raise ValueError("RenderOptions.created must be timezone-aware")
        if self.paper not in ("A4", "LETTER"):
            raise ValueError(f"paper must be 'A4' or 'LETTER', not {self.paper!r}")
        if self.language not in ("en", "en+zh"):
            raise ValueError(f"language must be 'en' or 'en+zh', not {self.language!r}")
        if self.mark not in (None, "ORIGINAL", "COPY", "DRAFT"):
            raise ValueError(f"mark must be 'ORIGINAL', 'COPY', 'DRAFT' or None, not {self.mark!r}")
        if any(ch.isspace() or not ch.isprintable() for ch in self.network_origin):
            raise ValueError(f"network_origin has spaces or controls: {self.network_origin!r}")

    @property
    def bilingual(self) -> bool:
        return self.language == "en+zh"


# -- the contexts ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InvoiceContext:
    """A commercial or proforma invoice and everything it prints.

    ``consignee``, ``notify``, ``shipment`` and ``contract`` are needed when the invoice refers
    to them (its ``*_id`` is set); ``packing_list``, when given, adds the number of packages and
    the weights under the marks.
    """

    invoice: Invoice
    seller: Party | None
    buyer: Party | None
    consignee: Party | None = None
    notify: Party | None = None
    shipment: Shipment | None = None
    contract: Contract | None = None
    packing_list: PackingList | None = None


@dataclass(frozen=True, slots=True)
class PackingContext:
    """A packing list with the invoice it belongs to and the shipment it travels on."""

    packing_list: PackingList
    invoice: Invoice | None
    seller: Party | None
    buyer: Party | None
    shipment: Shipment | None
    consignee: Party | None = None
    notify: Party | None = None


@dataclass(frozen=True, slots=True)
class ContractContext:
    """A sales or purchase contract and its two parties (the kind comes from the contract)."""

    contract: Contract
    seller: Party | None
    buyer: Party | None


@dataclass(frozen=True, slots=True)
class OriginContext:
    """A certificate of origin declared by the exporter for the goods of one invoice.

    ``number`` defaults to the invoice number (the log tells documents apart by kind and number).
    ``packing_list``, when given, adds packages and gross weights; ``producer`` is printed when
    it is not the exporter (a merchanting trade).
    """

    invoice: Invoice
    exporter: Party | None
    consignee: Party | None
    shipment: Shipment | None
    packing_list: PackingList | None = None
    producer: Party | None = None
    number: str = ""


@dataclass(frozen=True, slots=True)
class ShippingInstructionContext:
    """The shipper's letter of instruction to the forwarder for one shipment.

    ``bl_consignee`` is the consignee as the B/L must show it when an L/C asks for an order B/L
    ("TO ORDER OF DEUTSCHE BANK AG"); empty means the consignee party. ``freight`` None derives
    PREPAID (C and D rules) or COLLECT (E and F rules) from the Incoterm. ``number`` and ``date``
    default to the invoice's.
    """

    invoice: Invoice
    packing_list: PackingList | None
    shipment: Shipment | None
    shipper: Party | None
    forwarder: Party | None
    consignee: Party | None
    notify: Party | None = None
    bl_consignee: str = ""
    bl_originals: int = 3
    bl_copies: int = 3
    freight: Literal["prepaid", "collect"] | None = None
    instructions: str = ""
    number: str = ""
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class BeneficiaryCertificateContext:
    """The beneficiary's certificate an L/C asks for: one statement per certified fact."""

    invoice: Invoice
    beneficiary: Party | None
    applicant: Party | None
    shipment: Shipment | None = None
    statements: tuple[str, ...] = (DEFAULT_BENEFICIARY_STATEMENT,)
    number: str = ""
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class BillOfExchangeContext:
    """A draft drawn for the invoice total, in one or two parts (First and Second of exchange).

    ``drawee`` defaults to the issuing bank named in the L/C terms (UCP 600 forbids drafts on
    the applicant), or to the buyer under D/P and D/A. ``payee`` ("pay to the order of")
    defaults to the drawer's bank.
    """

    invoice: Invoice
    drawer: Party | None
    buyer: Party | None
    drawee: Party | None = None
    payee: str = ""
    number: str = ""
    date: dt.date | None = None
    parts: int = 2


DocumentContext = (
    InvoiceContext
    | PackingContext
    | ContractContext
    | OriginContext
    | ShippingInstructionContext
    | BeneficiaryCertificateContext
    | BillOfExchangeContext
)


# -- errors ------------------------------------------------------------------------------------


class DocumentDataError(ExporterError):
    """The data given cannot make this document; nothing was rendered."""

    def __init__(
        self,
        message: str,
        *,
        user_message: str,
        kind: DocumentKind,
        number: str,
        items: Sequence[str],
    ) -> None:
        super().__init__(message, user_message=user_message)
        self.kind = kind
        self.number = number
        self.items = tuple(items)


class MissingDocumentDataError(DocumentDataError):
    """Something the document must show is missing: ``missing`` names each item."""

    def __init__(self, kind: DocumentKind, number: str, missing: Sequence[str]) -> None:
        what = _document_name(kind, number)
        listed = "; ".join(missing)
        super().__init__(
            f"{kind.value} {number!r}: missing {listed}",
            user_message=f"{what} cannot be printed: it needs {listed}. "
            "Add the missing data and print it again.",
            kind=kind,
            number=number,
            items=missing,
        )

    @property
    def missing(self) -> tuple[str, ...]:
        return self.items


class InconsistentDocumentDataError(DocumentDataError):
    """The parts given do not belong together (another invoice's shipment, say)."""

    def __init__(self, kind: DocumentKind, number: str, problems: Sequence[str]) -> None:
        what = _document_name(kind, number)
        listed = "; ".join(problems)
        super().__init__(
            f"{kind.value} {number!r}: inconsistent data: {listed}",
            user_message=f"{what} cannot be printed: {listed}. Correct the data and print it again.",
            kind=kind,
            number=number,
            items=problems,
        )

    @property
    def problems(self) -> tuple[str, ...]:
        return self.items


def _document_name(kind: DocumentKind, number: str) -> str:
    label = TITLES[kind].en
    return f"{label} {number}" if number.strip() else f"This {label.lower()}"
