"""Letters of credit for a person: read an MT700 file, describe what was read, save a credit
and apply an MT707 amendment to a stored credit.

Public API: ``read_mt700_file(path) -> Mt700Reading``, ``describe_reading(reading) -> str``,
``save_credit(store, credit)``, ``amend_credit(store, credit_id, mt707_text) ->
(LetterOfCredit, Mt707Reading)``; ``CreditFileError``.
"""

from __future__ import annotations

from pathlib import Path

from exporter_desk.domain.credit import CreditId, LetterOfCredit, credit_to_dict
from exporter_desk.domain.swift import (
    MAX_TEXT,
    Mt700Reading,
    Mt707Reading,
    parse_mt700,
    parse_mt707,
)
from exporter_desk.errors import ExporterError
from exporter_desk.store import Store


class CreditFileError(ExporterError):
    """The MT700 file cannot be read as text."""


def read_mt700_file(path: Path) -> Mt700Reading:
    """Raises: CreditFileError for an unreadable, binary or huge file; SwiftFormatError for
    text without any SWIFT field."""
    try:
        if path.stat().st_size > MAX_TEXT * 4:
            raise CreditFileError(
                f"{path}: too large",
                user_message=f"{path.name} is too large to be an MT700 message.",
            )
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise CreditFileError(
            f"cannot read {path}: {exc}",
            user_message=f"{path.name} cannot be read: {exc.strerror or exc}.",
        ) from exc
    except UnicodeDecodeError as exc:
        raise CreditFileError(
            f"{path} is not UTF-8 text",
            user_message=f"{path.name} is not a text file; save the MT700 as plain text.",
        ) from exc
    return parse_mt700(text)


def describe_reading(reading: Mt700Reading) -> str:
    """What the parser read, one field a line, then what it could not place."""
    lines = ["Letter of credit read from MT700:"]
    for name, value in credit_to_dict(reading.credit).items():
        if name in ("id", "deal_id", "amendments", "documents_text") or value in ("", None, []):
            continue
        if name == "documents":
            lines.append("  documents required:")
            for item in value:
                lines.append(
                    f"    - {item['kind']}: {item['originals']} original(s), "
                    f"{item['copies']} copy(ies): {item['wording']}"
                )
            continue
        text = str(value).replace("\n", "\n" + " " * 30)
        lines.append(f"  {name.replace('_', ' '):<27} {text}")
    if reading.missing:
        lines.append("Mandatory fields missing: " + ", ".join(reading.missing))
    for problem in reading.credit.problems():
        lines.append(f"Still to fill in: {problem.field}: {problem.message}")
    if reading.unplaced:
        lines.append("Lines not placed (enter them by hand if they matter):")
        for item in reading.unplaced:
            tag = f":{item.tag}:" if item.tag else "(no tag)"
            lines.append(f"  line {item.line} {tag} {item.text.splitlines()[0]}  -- {item.reason}")
    return "\n".join(lines)


def save_credit(store: Store, credit: LetterOfCredit) -> LetterOfCredit:
    """Raises: ValidationError, DuplicateError, MissingReferenceError (see the store)."""
    return store.credits.save(credit)


def amend_credit(
    store: Store, credit_id: CreditId, mt707_text: str
) -> tuple[LetterOfCredit, Mt707Reading]:
    """Apply an MT707 to a stored credit, keep the amendment in its history, save it.

    Raises:
        SwiftFormatError: for text without any SWIFT field.
        ValidationError: when the amended credit has problems (nothing is saved).
        NotFoundError: when the credit does not exist.
    """
    with store.transaction():
        credit = store.credits.get(credit_id)
        reading = parse_mt707(mt707_text, credit)
        amended = store.credits.save(credit.amended(reading.amendment))
    return amended, reading


__all__ = ["CreditFileError", "amend_credit", "describe_reading", "read_mt700_file", "save_credit"]
