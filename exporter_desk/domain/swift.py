"""Reading SWIFT MT700 (issue of a documentary credit) and MT707 (amendment) text.

Public API (stable):

- ``parse_mt700(text) -> Mt700Reading``: ``credit`` (a ``LetterOfCredit`` filled with what was
  read; call ``credit.problems()`` for what is still missing), ``fields`` (every
  ``SwiftField(tag, value, line)`` in order), ``unplaced`` (``Unplaced(line, tag, text,
  reason)``: each field or line the parser could not place, and why) and ``missing`` (mandatory
  tags absent). It never guesses silently: a value it cannot read is left empty in the credit
  and listed in ``unplaced``.
- ``parse_mt707(text, credit) -> Mt707Reading``: ``amendment`` (an ``Amendment`` to pass to
  ``credit.amended``), ``credit_number`` (field 20), ``unplaced``.
- ``parse_swift_date("261102") -> date(2026, 11, 2)``; ``parse_swift_amount("USD123456,78")``
  -> ``("USD", Decimal("123456.78"))``.
- ``SwiftFormatError``: text that is not an MT700/MT707 at all (no field, too long).

Field format (SWIFT Category 7): each field starts a line with ``:TAG:``; lines that do not
start a field continue the previous one; 45A/46A/47A items begin with ``+``; dates are YYMMDD
(read as 20YY); amounts use a decimal comma. Envelope blocks (``{1:...}{2:...}{4:`` ... ``-}``)
are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from exporter_desk.domain.codes import Incoterm, parse_currency
from exporter_desk.domain.credit import (
    DEFAULT_PRESENTATION_DAYS,
    Amendment,
    LetterOfCredit,
    Permission,
    RequiredDocument,
    RequiredKind,
    credit_to_dict,
)
from exporter_desk.domain.errors import DomainError

MAX_TEXT = 100_000  # characters: an MT700 is at most about 10,000; more is not a credit
_FIELD = re.compile(r"^:([0-9]{2}[A-Z]?):(.*)$")
_ENVELOPE = re.compile(r"^\{[1-5]:.*(\{4:|\})$|^-\}(\{5:.*)?$")  # {1:..}{2:..}{4:  and  -}
_AMOUNT = re.compile(r"([A-Z]{3})([0-9]{1,15},[0-9]{0,3})")
_DATE = re.compile(r"[0-9]{6}")
_TOLERANCE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})")
_DAYS = re.compile(r"\b([0-9]{1,3})\b")
_MANDATORY = ("20", "31D", "32B", "46A", "50", "59")
_COUNT_WORDS = {
    "ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6, "SEVEN": 7, "EIGHT": 8,
    "NINE": 9, "TEN": 10,
}  # fmt: skip
_PLICATE = {"DUPLICATE": 2, "TRIPLICATE": 3, "QUADRUPLICATE": 4}
_KIND_WORDS: tuple[tuple[str, RequiredKind], ...] = (
    (r"PACKING\s+LIST", RequiredKind.PACKING_LIST),
    (r"CERTIFICATE\s+OF\s+ORIGIN", RequiredKind.CERTIFICATE_OF_ORIGIN),
    (r"INSPECTION", RequiredKind.INSPECTION_CERTIFICATE),
    (r"BENEFICIARY'?S?\s+CERTIFICATE", RequiredKind.BENEFICIARY_CERTIFICATE),
    (r"INSURANCE", RequiredKind.INSURANCE),
    (
        r"BILLS?\s+OF\s+LADING|\bB/L\b|AIR\s*WAYBILL|\bAWB\b|\bCMR\b|RAIL(WAY)?\s+CONSIGNMENT"
        r"|TRANSPORT\s+DOCUMENT|SEA\s*WAYBILL",
        RequiredKind.TRANSPORT_DOCUMENT,
    ),
    (r"INVOICE", RequiredKind.COMMERCIAL_INVOICE),
    (r"\bDRAFTS?\b", RequiredKind.DRAFT),
)
_PERMISSIONS = {
    "ALLOWED": Permission.ALLOWED,
    "PERMITTED": Permission.ALLOWED,
    "NOT ALLOWED": Permission.NOT_ALLOWED,
    "PROHIBITED": Permission.NOT_ALLOWED,
    "CONDITIONAL": Permission.CONDITIONAL,
}


class SwiftFormatError(DomainError):
    """The text is not a SWIFT message the parser can read at all."""


@dataclass(frozen=True, slots=True)
class SwiftField:
    tag: str
    value: str
    line: int  # 1-based line of the tag


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A field or line the reader could not place, and why (a sentence a person reads)."""

    line: int
    tag: str  # "" for a line outside any field
    text: str
    reason: str

    def __post_init__(self) -> None:
        reason = self.reason.strip()
        reason = reason[:1].upper() + reason[1:]
        object.__setattr__(self, "reason", reason if reason.endswith(".") else reason + ".")


@dataclass(frozen=True, slots=True)
class Mt700Reading:
    credit: LetterOfCredit
    fields: tuple[SwiftField, ...]
    unplaced: tuple[Unplaced, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Mt707Reading:
    credit_number: str
    amendment: Amendment
    fields: tuple[SwiftField, ...]
    unplaced: tuple[Unplaced, ...]


def parse_swift_date(text: str) -> dt.date:
    """``"261102"`` -> 2 November 2026 (YYMMDD, read as 20YY).

    Raises:
        SwiftFormatError: when it is not six digits of a real date.
    """
    if not _DATE.fullmatch(text):
        raise SwiftFormatError(
            f"not a YYMMDD date: {text!r}",
            user_message=f"'{text}' is not a SWIFT date; SWIFT writes dates as YYMMDD, "
            "such as 261102 for 2 November 2026.",
        )
    try:
        return dt.date(2000 + int(text[:2]), int(text[2:4]), int(text[4:6]))
    except ValueError as exc:
        raise SwiftFormatError(
            f"no such date: {text!r}", user_message=f"'{text}' is not a real date (YYMMDD)."
        ) from exc


def parse_swift_amount(text: str) -> tuple[str, Decimal]:
    """``"USD123456,78"`` -> ``("USD", Decimal("123456.78"))``; the currency is checked
    against ISO 4217.

    Raises:
        SwiftFormatError: for another shape; UnknownCodeError for an unknown currency.
    """
    match = _AMOUNT.fullmatch(text.strip())
    if match is None:
        raise SwiftFormatError(
            f"not a SWIFT amount: {text!r}",
            user_message=f"'{text}' is not a SWIFT amount; it is the currency code and the "
            "amount with a decimal comma, such as USD123456,78.",
        )
    currency = parse_currency(match.group(1))
    whole, _, fraction = match.group(2).partition(",")
    try:
        return currency, Decimal(f"{whole}.{fraction or '0'}")
    except InvalidOperation as exc:  # cannot happen for the regex above; kept for safety
        raise SwiftFormatError(f"bad amount {text!r}") from exc


def split_fields(text: str) -> tuple[list[SwiftField], list[Unplaced]]:
    """The message's fields in order, continuation lines joined with newlines.

    Raises:
        SwiftFormatError: for text over MAX_TEXT characters or without any field.
    """
    if len(text) > MAX_TEXT:
        raise SwiftFormatError(
            f"message of {len(text)} characters",
            user_message=f"The text is {len(text):,} characters long; an MT700 is at most "
            "about 10,000. Paste only the message.",
        )
    found: list[SwiftField] = []
    loose: list[Unplaced] = []
    tag, start = "", 0
    lines: list[str] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        line = raw.rstrip()
        match = _FIELD.match(line)
        if match:
            if tag:
                found.append(SwiftField(tag, "\n".join(lines).strip(), start))
            tag, lines, start = match.group(1), [match.group(2)], number
        elif _ENVELOPE.match(line.strip()):
            if tag:
                found.append(SwiftField(tag, "\n".join(lines).strip(), start))
            tag, lines = "", []
        elif tag:
            lines.append(line)
        elif line.strip():
            loose.append(Unplaced(number, "", line.strip(), "text outside any :TAG: field"))
    if tag:
        found.append(SwiftField(tag, "\n".join(lines).strip(), start))
    if not found:
        raise SwiftFormatError(
            "no SWIFT field found",
            user_message="No SWIFT field (a line such as ':20:LC123') was found; paste the "
            "MT700 text as the bank sent it.",
        )
    return found, loose


def items(text: str) -> list[str]:
    """The ``+`` items of 45A/46A/47A (one item when none starts with ``+``)."""
    parts: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("+") or not parts:
            parts.append(stripped.lstrip("+").strip())
        else:
            parts[-1] = f"{parts[-1]} {stripped}".strip()
    return [p for p in parts if p]


def required_document(item: str) -> RequiredDocument:
    """One 46A item: its kind from the earliest keyword, and its originals and copies."""
    upper = item.upper()
    kind, first = RequiredKind.OTHER, len(upper) + 1
    for pattern, candidate in _KIND_WORDS:
        match = re.search(pattern, upper)
        if match and match.start() < first:
            kind, first = candidate, match.start()
    originals, copies = _counts(upper, kind)
    return RequiredDocument(kind, originals, copies, " ".join(item.split()))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


def _counts(upper: str, kind: RequiredKind) -> tuple[int, int]:
    """Originals and copies an item asks for. UCP 600 art. 17(e): "in duplicate", "in two
    copies" and the like are met by one original and the rest in copies; art. 17(a): at least
    one original of each stipulated document."""
    number = r"([0-9]{1,2}|" + "|".join(_COUNT_WORDS) + r")"
    full_set = re.search(
        r"FULL\s+SET(?:\s+OF)?\s*\(?\s*([0-9])\s*/\s*([0-9])\s*\)?"  # FULL SET (3/3)
        r"|\b([0-9])\s*/\s*([0-9])\s+(?:SETS?|ORIGINALS?)\b",  # 2/3 SET OF ...
        upper,
    )
    originals_match = re.search(number + r"\s+ORIGINALS?\b", upper)
    copies_match = re.search(number + r"\s+(?:NON[- ]NEGOTIABLE\s+)?COP(?:Y|IES)\b", upper)
    copies = _count(copies_match.group(1)) if copies_match else 0
    if full_set:
        return int(full_set.group(1) or full_set.group(3)), copies
    if originals_match:
        return _count(originals_match.group(1)), copies
    if re.search(r"\bFULL\s+SET\b", upper):
        return 3, copies  # a full set as issued; carriers issue B/Ls in sets of three
    for word, value in _PLICATE.items():
        if word in upper:
            return 1, value - 1
    if copies_match and re.search(r"\bIN\s+" + number + r"\s+COPIES", upper):
        return 1, copies - 1  # "in 5 copies": one original and four copies (art. 17(e))
    if kind is RequiredKind.OTHER or re.match(r"(PHOTO)?COP(Y|IES)\b", upper):
        return 0, copies  # "COPY OF ..." asks for no original
    return 1, copies


# -- MT700 -----------------------------------------------------------------------------------

_TEXT_FIELDS = {
    "40A": "form",
    "40E": "applicable_rules",
    "41A": "available_with",
    "41D": "available_with",
    "42C": "drafts_at",
    "42A": "drawee",
    "42D": "drawee",
    "44A": "place_of_taking_in_charge",
    "44E": "port_of_loading",
    "44F": "port_of_discharge",
    "44B": "place_of_final_destination",
    "44D": "shipment_period",
    "45A": "goods",
    "47A": "additional_conditions",
    "49": "confirmation",
    "50": "applicant",
    "59": "beneficiary",
    "52A": "issuing_bank",
    "52D": "issuing_bank",
    "71D": "charges",
    "71B": "charges",
}
_IGNORED = {"27": "sequence of total"}  # structural: 1/1 for a credit in one message


class _Reader:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.unplaced: list[Unplaced] = []

    def refuse(self, f: SwiftField, reason: str) -> None:
        self.unplaced.append(Unplaced(f.line, f.tag, f.value, reason))

    def set(self, f: SwiftField, name: str, value: Any) -> None:
        if name in self.values:
            self.refuse(f, f"a second value for {name.replace('_', ' ')}; the first one is kept")
            return
        self.values[name] = value

    def date(self, f: SwiftField, name: str, text: str) -> None:
        try:
            self.set(f, name, parse_swift_date(text))
        except SwiftFormatError as exc:
            self.refuse(f, exc.user_message)


def parse_mt700(text: str) -> Mt700Reading:
    """Read an MT700; see the module docstring.

    Raises:
        SwiftFormatError: for text without any SWIFT field, or far too long.
    """
    found, loose = split_fields(text)
    reader = _Reader()
    reader.unplaced.extend(loose)
    for f in found:
        _read_700_field(reader, f)
    seen = {f.tag for f in found}
    missing = tuple(
        tag for tag in _MANDATORY if tag not in seen and not (tag == "59" and "59A" in seen)
    )
    values = reader.values
    credit = LetterOfCredit(
        number=values.pop("number", ""),
        currency=values.pop("currency", ""),
        amount=values.pop("amount", Decimal(0)),
        expiry_date=values.pop("expiry_date", None),
        **values,
    )
    return Mt700Reading(credit, tuple(found), tuple(reader.unplaced), missing)


def _read_700_field(reader: _Reader, f: SwiftField) -> None:
    tag, value = f.tag, f.value
    if tag in _IGNORED:
        return
    if tag == "20":
        if not value or len(value) > 16 or "\n" in value:
            reader.refuse(f, "the credit number is 1 to 16 characters on one line")
        else:
            reader.set(f, "number", value)
    elif tag == "31C":
        reader.date(f, "issue_date", value)
    elif tag == "31D":
        reader.date(f, "expiry_date", value[:6])
        if len(value) > 6:
            reader.set(f, "expiry_place", value[6:].strip())
    elif tag == "44C":
        reader.date(f, "latest_shipment_date", value)
    elif tag == "32B":
        try:
            currency, amount = parse_swift_amount(value)
        except DomainError as exc:
            reader.refuse(f, exc.user_message)
        else:
            reader.set(f, "currency", currency)
            reader.set(f, "amount", amount)
    elif tag == "39A":
        match = _TOLERANCE.fullmatch(value.strip())
        if match is None:
            reader.refuse(f, "a tolerance is written plus/minus percent, such as 10/10")
        else:
            reader.set(f, "tolerance_plus", Decimal(match.group(1)))
            reader.set(f, "tolerance_minus", Decimal(match.group(2)))
    elif tag in ("43P", "43T"):
        permission = _PERMISSIONS.get(" ".join(value.upper().split()))
        if permission is None:
            reader.refuse(f, "expected ALLOWED, NOT ALLOWED or CONDITIONAL")
        else:
            reader.set(f, "partial_shipment" if tag == "43P" else "transhipment", permission)
    elif tag == "46A":
        reader.set(f, "documents_text", value)
        reader.set(f, "documents", tuple(required_document(item) for item in items(value)))
    elif tag == "48":
        match = _DAYS.search(value)
        if match is None or not 1 <= int(match.group(1)) <= 365:
            reader.refuse(f, "no number of days found in the presentation period")
        else:
            reader.set(f, "presentation_days", int(match.group(1)))
    elif tag in ("59", "59A"):
        lines = value.split("\n")
        if lines and lines[0].startswith("/"):  # the beneficiary's account comes first
            lines = lines[1:]
        reader.set(f, "beneficiary", "\n".join(lines).strip())
    elif tag in _TEXT_FIELDS:
        name = _TEXT_FIELDS[tag]
        reader.set(f, name, value)
        if tag == "45A":
            _read_incoterm(reader, f)
    else:
        reader.refuse(f, f"field {tag} is not one the credit form holds")


def _read_incoterm(reader: _Reader, f: SwiftField) -> None:
    named = {term for term in Incoterm if re.search(rf"\b{term.value}\b", f.value.upper())}
    if len(named) == 1:
        reader.set(f, "incoterm", named.pop())
    elif len(named) > 1:
        terms = ", ".join(sorted(t.value for t in named))
        reader.refuse(f, f"the goods name several Incoterms ({terms}); choose the credit's one")


# -- MT707 -----------------------------------------------------------------------------------

_707_TEXT = {
    "44A": "place_of_taking_in_charge",
    "44E": "port_of_loading",
    "44F": "port_of_discharge",
    "44B": "place_of_final_destination",
    "44D": "shipment_period",
    "71D": "charges",
}
_707_ITEMS = {"45B": "goods", "46B": "documents_text", "47B": "additional_conditions"}


def parse_mt707(text: str, credit: LetterOfCredit) -> Mt707Reading:
    """Read an MT707 amending ``credit``; the updates hold absolute new values.

    Raises:
        SwiftFormatError: for text without any SWIFT field, or far too long.
    """
    found, loose = split_fields(text)
    unplaced = list(loose)
    updates: dict[str, Any] = {}
    number, sequence, date, narrative = "", 0, None, ""
    for f in found:
        tag, value = f.tag, f.value
        try:
            if tag == "20":
                number = value
            elif tag in ("21", "23", "27", "52A", "52D", "31C", "22A", "72Z"):
                continue
            elif tag == "26E":
                sequence = int(value)
            elif tag == "30":
                date = parse_swift_date(value)
            elif tag == "31E":
                updates["expiry_date"] = parse_swift_date(value)
            elif tag == "44C":
                updates["latest_shipment_date"] = parse_swift_date(value)
            elif tag in ("32B", "33B"):
                currency, amount = parse_swift_amount(value)
                if currency != credit.currency:
                    raise SwiftFormatError(
                        f"{tag} in {currency}",
                        user_message=f"the change is in {currency}, the credit in "
                        f"{credit.currency}",
                    )
                updates["amount_increase" if tag == "32B" else "amount_decrease"] = amount
            elif tag == "39A":
                match = _TOLERANCE.fullmatch(value.strip())
                if match is None:
                    raise SwiftFormatError(tag, user_message="a tolerance is written as 10/10")
                updates["tolerance_plus"] = Decimal(match.group(1))
                updates["tolerance_minus"] = Decimal(match.group(2))
            elif tag in _707_TEXT:
                updates[_707_TEXT[tag]] = value
            elif tag in _707_ITEMS:
                _amend_items(updates, credit, _707_ITEMS[tag], value)
            elif tag in ("79", "79Z"):
                narrative = value
            else:
                unplaced.append(Unplaced(f.line, tag, value, f"field {tag} is not read"))
        except (DomainError, ValueError) as exc:
            reason = exc.user_message if isinstance(exc, DomainError) else str(exc)
            unplaced.append(Unplaced(f.line, tag, value, reason))
    amendment = Amendment(sequence, date, tuple(updates.items()), narrative)
    return Mt707Reading(number, amendment, tuple(found), tuple(unplaced))


def _amend_items(updates: dict[str, Any], credit: LetterOfCredit, name: str, value: str) -> None:
    """45B/46B/47B: ``/ADD/`` appends, ``/REPALL/`` replaces; ``/DELETE/`` needs a person."""
    match = re.match(r"/(ADD|DELETE|REPALL)/\s*(.*)", value, re.DOTALL)
    if match is None:
        raise SwiftFormatError(name, user_message="expected /ADD/, /DELETE/ or /REPALL/")
    code, body = match.groups()
    if code == "DELETE":
        raise SwiftFormatError(
            name, user_message="a deletion must be applied by hand: say which item goes"
        )
    current = updates.get(name, getattr(credit, name))
    new = body.strip() if code == "REPALL" else f"{current}\n{body.strip()}".strip()
    updates[name] = new
    if name == "documents_text":
        updates["documents"] = tuple(required_document(item) for item in items(new))
    if name == "goods":
        terms = {t for t in Incoterm if re.search(rf"\b{t.value}\b", new.upper())}
        if len(terms) == 1:
            updates["incoterm"] = terms.pop()


def reading_to_dict(reading: Mt700Reading) -> dict[str, Any]:
    """The reading as JSON-ready data (``credit parse --json``)."""
    return {
        "credit": credit_to_dict(reading.credit),
        "unplaced": [
            {"line": u.line, "tag": u.tag, "text": u.text, "reason": u.reason}
            for u in reading.unplaced
        ],
        "missing": list(reading.missing),
        "problems": [{"field": p.field, "message": p.message} for p in reading.credit.problems()],
    }


__all__ = [
    "DEFAULT_PRESENTATION_DAYS",
    "MAX_TEXT",
    "Mt700Reading",
    "Mt707Reading",
    "SwiftField",
    "SwiftFormatError",
    "Unplaced",
    "items",
    "parse_mt700",
    "parse_mt707",
    "parse_swift_amount",
    "parse_swift_date",
    "reading_to_dict",
    "required_document",
    "split_fields",
]
