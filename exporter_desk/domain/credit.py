"""Letters of credit: the documentary credit a buyer's bank opens for a deal, and its amendments.

Public API (stable; the packs and GUI helpers build on it):

- ``LetterOfCredit``: frozen; one field per MT700 field (the tag in each comment). Dates are
  ``dt.date``, the amount ``Decimal`` in ``currency`` (ISO 4217, canonical), the tolerance in
  percent (39A ``10/10`` -> ``tolerance_plus = tolerance_minus = Decimal(10)``), the ports as
  written in the credit (``port_of_loading_code`` gives the UN/LOCODE when the text names one).
  ``problems()`` / ``validated()`` as every domain object; ``max_amount()`` / ``min_amount()``
  apply the tolerance; ``presentation_deadline(shipped)`` applies field 48 (21 days by default,
  UCP 600 art. 14(c)) capped by the expiry; ``amended(amendment)`` returns the credit with an
  amendment applied and recorded in ``amendments`` (the history, oldest first).
- ``RequiredDocument(kind, originals, copies, wording)``: one item of 46A.
- ``RequiredKind``: what kind of document an item of 46A asks for.
- ``Permission``: 43P / 43T (ALLOWED, NOT_ALLOWED, CONDITIONAL).
- ``Amendment(sequence, date, updates, narrative)``: an MT707 or a hand amendment; ``updates``
  is a tuple of (field name of LetterOfCredit, new typed value); ``AmendmentRecord`` is what the
  history keeps: the sequence, date and each field's text before and after.
- ``credit_to_dict`` / ``credit_from_dict``: the JSON form (the store and ``--json`` use it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any, NewType

from exporter_desk.domain._checks import Checker
from exporter_desk.domain._fold import set_canonical
from exporter_desk.domain.codes import Incoterm, UnknownCodeError, parse_currency, parse_locode
from exporter_desk.domain.deal import DealId
from exporter_desk.domain.errors import Problem, raise_if_problems
from exporter_desk.domain.money import Money, round_money

CreditId = NewType("CreditId", int)

DEFAULT_PRESENTATION_DAYS = 21  # UCP 600 art. 14(c), when field 48 is silent
_ABOUT = re.compile(r"\b(ABOUT|APPROXIMATELY)\b")
_LOCODE_IN_TEXT = re.compile(r"\b([A-Z]{2}\s?[A-Z2-9]{3})\b")


class RequiredKind(StrEnum):
    COMMERCIAL_INVOICE = "commercial_invoice"
    PACKING_LIST = "packing_list"
    TRANSPORT_DOCUMENT = "transport_document"
    INSURANCE = "insurance"
    CERTIFICATE_OF_ORIGIN = "certificate_of_origin"
    INSPECTION_CERTIFICATE = "inspection_certificate"
    BENEFICIARY_CERTIFICATE = "beneficiary_certificate"
    DRAFT = "draft"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Permission(StrEnum):
    ALLOWED = "allowed"
    NOT_ALLOWED = "not_allowed"
    CONDITIONAL = "conditional"


@dataclass(frozen=True, slots=True)
class RequiredDocument:
    """One document the credit requires (an item of 46A)."""

    kind: RequiredKind
    originals: int = 1
    copies: int = 0
    wording: str = ""

    def problems(self) -> list[Problem]:
        check = Checker()
        if not 0 <= self.originals <= 99 or not 0 <= self.copies <= 99:
            check.add("originals", "Originals and copies are counts between 0 and 99.")
        check.text("wording", self.wording, "The wording")
        return check.problems


@dataclass(frozen=True, slots=True)
class Amendment:
    """An amendment (MT707 or typed by hand): the fields it changes, with their new values."""

    sequence: int
    date: dt.date | None
    updates: tuple[tuple[str, Any], ...]
    narrative: str = ""


@dataclass(frozen=True, slots=True)
class AmendmentRecord:
    """One amendment in a credit's history: each field's text before and after."""

    sequence: int
    date: dt.date | None
    changes: tuple[tuple[str, str, str], ...]  # (field, before, after)
    narrative: str = ""


@dataclass(frozen=True, slots=True)
class LetterOfCredit:
    number: str  # 20
    currency: str  # 32B
    amount: Decimal  # 32B
    expiry_date: dt.date | None  # 31D
    expiry_place: str = ""  # 31D
    issue_date: dt.date | None = None  # 31C
    deal_id: DealId | None = None
    form: str = "IRREVOCABLE"  # 40A
    applicable_rules: str = "UCP LATEST VERSION"  # 40E
    tolerance_plus: Decimal = Decimal(0)  # 39A, percent
    tolerance_minus: Decimal = Decimal(0)  # 39A, percent
    applicant: str = ""  # 50
    beneficiary: str = ""  # 59
    issuing_bank: str = ""  # 52a or the sender
    available_with: str = ""  # 41a
    drafts_at: str = ""  # 42C
    drawee: str = ""  # 42a
    partial_shipment: Permission | None = None  # 43P
    transhipment: Permission | None = None  # 43T
    place_of_taking_in_charge: str = ""  # 44A
    port_of_loading: str = ""  # 44E
    port_of_discharge: str = ""  # 44F
    place_of_final_destination: str = ""  # 44B
    latest_shipment_date: dt.date | None = None  # 44C
    shipment_period: str = ""  # 44D
    goods: str = ""  # 45A
    incoterm: Incoterm | None = None  # read from 45A when it names one
    documents: tuple[RequiredDocument, ...] = ()  # 46A
    documents_text: str = ""  # 46A as written
    additional_conditions: str = ""  # 47A
    charges: str = ""  # 71D
    presentation_days: int = DEFAULT_PRESENTATION_DAYS  # 48
    confirmation: str = ""  # 49
    amendments: tuple[AmendmentRecord, ...] = ()
    id: CreditId | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        set_canonical(self, currency=parse_currency)

    @property
    def port_of_loading_code(self) -> str:
        return _locode_in(self.port_of_loading)

    @property
    def port_of_discharge_code(self) -> str:
        return _locode_in(self.port_of_discharge)

    @property
    def is_about(self) -> bool:
        """UCP 600 art. 30(a): "about" before the amount or quantity allows 10% either way."""
        return _ABOUT.search(self.goods.upper()) is not None

    def max_amount(self) -> Money:
        plus = self.tolerance_plus or (Decimal(10) if self.is_about else Decimal(0))
        return Money(round_money(self.amount * (1 + plus / 100), self.currency), self.currency)

    def min_amount(self) -> Money:
        minus = self.tolerance_minus or (Decimal(10) if self.is_about else Decimal(0))
        return Money(round_money(self.amount * (1 - minus / 100), self.currency), self.currency)

    def presentation_deadline(self, shipped: dt.date) -> dt.date | None:
        """The last day to present: ``presentation_days`` after shipment, never after expiry."""
        deadline = shipped + dt.timedelta(days=self.presentation_days)
        if self.expiry_date is not None and self.expiry_date < deadline:
            return self.expiry_date
        return deadline

    def required(self, kind: RequiredKind) -> RequiredDocument | None:
        for item in self.documents:
            if item.kind is kind:
                return item
        return None

    def problems(self) -> list[Problem]:
        check = Checker()
        if check.required("number", self.number, "The credit number"):
            check.text("number", self.number, "The credit number", limit=16)
        check.code("currency", self.currency, parse_currency, "The currency")
        if self.amount <= 0:
            check.add("amount", "The credit amount must be more than zero.")
        if self.expiry_date is None:
            check.add("expiry_date", "The expiry date (31D) is required.")
        for name in ("tolerance_plus", "tolerance_minus"):
            if not Decimal(0) <= getattr(self, name) <= Decimal(100):
                check.add(name, "A tolerance is a percentage between 0 and 100.")
        if not 1 <= self.presentation_days <= 365:
            check.add("presentation_days", "The presentation period is 1 to 365 days.")
        if (
            self.latest_shipment_date
            and self.expiry_date
            and self.latest_shipment_date > self.expiry_date
        ):
            check.add("latest_shipment_date", "The latest shipment date is after the expiry.")
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str) and f.name not in ("number", "currency"):
                check.text(f.name, value, f.name.replace("_", " ").capitalize(), limit=10_000)
        for index, item in enumerate(self.documents):
            check.nested(f"documents.{index}", item.problems())
        return check.problems

    def validated(self) -> LetterOfCredit:
        """Raises: ValidationError listing every problem."""
        raise_if_problems("letter of credit", self.problems())
        return self

    def amended(self, amendment: Amendment) -> LetterOfCredit:
        """The credit with ``amendment`` applied and recorded in its history.

        An amount increase or decrease comes as the field ``amount_increase`` /
        ``amount_decrease`` (MT707 32B / 33B); every other update names a field of this class.

        Raises:
            TypeError: for an update naming no field of the credit (a programming error).
        """
        names = {f.name for f in fields(self)} - {"id", "amendments", "deal_id"}
        changes: list[tuple[str, str, str]] = []
        values: dict[str, Any] = {}
        for name, new in amendment.updates:
            if name in ("amount_increase", "amount_decrease"):
                current = values.get("amount", self.amount)
                new_amount = current + new if name == "amount_increase" else current - new
                changes.append(("amount", _text(current), _text(new_amount)))
                values["amount"] = new_amount
                continue
            if name not in names:
                raise TypeError(f"a credit has no field {name!r}")
            changes.append((name, _text(values.get(name, getattr(self, name))), _text(new)))
            values[name] = new
        record = AmendmentRecord(
            amendment.sequence, amendment.date, tuple(changes), amendment.narrative
        )
        return replace(self, **values, amendments=(*self.amendments, record))


def _locode_in(text: str) -> str:
    """The UN/LOCODE a port text names (``"HO CHI MINH CITY (VNSGN)"`` -> ``VNSGN``), or ""."""
    for match in _LOCODE_IN_TEXT.finditer(text.upper()):
        try:
            return parse_locode(match.group(1))
        except UnknownCodeError:
            continue
    return ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, RequiredDocument):
        return f"{value.kind.value} {value.originals}/{value.copies} {value.wording}".strip()
    return str(value)


# -- JSON form -----------------------------------------------------------------------------

_DATES = ("expiry_date", "issue_date", "latest_shipment_date")
_DECIMALS = ("amount", "tolerance_plus", "tolerance_minus")


def credit_to_dict(credit: LetterOfCredit) -> dict[str, Any]:
    """The credit as JSON-ready data (dates ISO, decimals as exact text)."""
    out: dict[str, Any] = {}
    for f in fields(credit):
        value = getattr(credit, f.name)
        if f.name == "documents":
            out[f.name] = [
                {
                    "kind": d.kind.value,
                    "originals": d.originals,
                    "copies": d.copies,
                    "wording": d.wording,
                }
                for d in value
            ]
        elif f.name == "amendments":
            out[f.name] = [
                {
                    "sequence": a.sequence,
                    "date": _text(a.date) or None,
                    "changes": [list(c) for c in a.changes],
                    "narrative": a.narrative,
                }
                for a in value
            ]
        elif value is None or isinstance(value, str | int):
            out[f.name] = value.value if isinstance(value, StrEnum) else value
        else:
            out[f.name] = _text(value)
    return out


def credit_from_dict(data: dict[str, Any]) -> LetterOfCredit:
    """The inverse of :func:`credit_to_dict`.

    Raises:
        KeyError, ValueError: for data that no ``credit_to_dict`` wrote (a programming error).
    """
    values: dict[str, Any] = dict(data)
    for name in _DATES:
        values[name] = dt.date.fromisoformat(data[name]) if data.get(name) else None
    for name in _DECIMALS:
        values[name] = Decimal(data[name])
    for name in ("partial_shipment", "transhipment"):
        values[name] = Permission(data[name]) if data.get(name) else None
    values["incoterm"] = Incoterm(data["incoterm"]) if data.get("incoterm") else None
    values["deal_id"] = DealId(data["deal_id"]) if data.get("deal_id") is not None else None
    values["id"] = CreditId(data["id"]) if data.get("id") is not None else None
    values["documents"] = tuple(
        RequiredDocument(RequiredKind(d["kind"]), d["originals"], d["copies"], d["wording"])
        for d in data.get("documents", ())
    )
    values["amendments"] = tuple(
        AmendmentRecord(
            a["sequence"],
            dt.date.fromisoformat(a["date"]) if a.get("date") else None,
            tuple((c[0], c[1], c[2]) for c in a["changes"]),
            a.get("narrative", ""),
        )
        for a in data.get("amendments", ())
    )
    return LetterOfCredit(**values)


__all__ = [
    "DEFAULT_PRESENTATION_DAYS",
    "Amendment",
    "AmendmentRecord",
    "CreditId",
    "LetterOfCredit",
    "Permission",
    "RequiredDocument",
    "RequiredKind",
    "credit_from_dict",
    "credit_to_dict",
]
