"""Letters of credit, one row per credit, its fields (and amendment history) as JSON.

Public API: ``CreditRepository`` (``store.credits``): ``save(credit)``, ``get(id)``,
``for_deal(deal_id)`` (the deal's credits, oldest first), ``by_number(number)``, ``delete(id)``.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from exporter_desk.domain.credit import CreditId, LetterOfCredit, credit_from_dict, credit_to_dict
from exporter_desk.domain.deal import DealId
from exporter_desk.store._convert import check_sizes, date_text, dec_text
from exporter_desk.store._repository import Repository

_DATA_LIMIT = 200_000  # a credit's JSON: 46A/47A can be long, but not megabytes


class CreditRepository(Repository[LetterOfCredit, CreditId]):
    subject = "letter of credit"
    table = "credits"
    fts_columns = ()
    order_columns: ClassVar[dict[str, str]] = {"id": "id", "number": "number"}

    def save(self, credit: LetterOfCredit) -> LetterOfCredit:
        """Insert or update a credit (with its amendment history).

        Raises:
            ValidationError: when the credit has problems; nothing is written.
            DuplicateError: when another credit has the number.
            MissingReferenceError: when the deal does not exist.
            TooLargeError, NotFoundError.
        """
        credit.validated()
        data = credit_to_dict(replace(credit, id=None))
        data.pop("id", None)
        row = {
            "deal_id": credit.deal_id,
            "number": credit.number,
            "currency": credit.currency,
            "amount": dec_text(credit.amount),
            "expiry_date": date_text(credit.expiry_date),
            "data": json.dumps(data, ensure_ascii=False, sort_keys=True),
        }
        check_sizes(self.subject, row, {"data": _DATA_LIMIT})
        with self._s.transaction():
            self._require("deal_id", "deals", "deal", credit.deal_id)
            self._require_unique("number", credit.number, credit.id, "number = ?", (credit.number,))
            id_ = self._upsert(credit.id, row)
        return replace(credit, id=CreditId(id_))

    def for_deal(self, deal_id: DealId) -> builtins.list[LetterOfCredit]:
        """The deal's credits, oldest first (an index lookup)."""
        ids = [
            row[0]
            for row in self._s.rows(
                "SELECT id FROM credits WHERE deal_id = ? ORDER BY id", (deal_id,)
            )
        ]
        with self._s.snapshot():
            return self._load(ids)

    def by_number(self, number: str) -> LetterOfCredit | None:
        row = self._s.one("SELECT id FROM credits WHERE number = ?", (number,))
        return None if row is None else self.get(CreditId(row[0]))

    def delete(self, id_: CreditId) -> None:
        """Raises: NotFoundError."""
        self._delete(id_, ())

    def _load(self, ids: Sequence[int]) -> builtins.list[LetterOfCredit]:
        rows = self._rows_by_id(ids)
        found = []
        for id_ in ids:
            row = rows.get(id_)
            if row is None:
                continue
            data = json.loads(row["data"])
            data["id"] = id_
            data["deal_id"] = row["deal_id"]
            found.append(credit_from_dict(data))
        return found


__all__ = ["CreditRepository"]
