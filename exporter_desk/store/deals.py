"""Deals: the purchase and sales contracts of one back-to-back trade."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from exporter_desk.domain import ContractId, Deal, DealId, DealLegs
from exporter_desk.store._convert import check_sizes
from exporter_desk.store._repository import Repository
from exporter_desk.store.contracts import ContractRepository

_USAGES = (
    ("letters of credit", "SELECT count(*) FROM credits WHERE deal_id = ?", 1),
    ("received documents", "SELECT count(*) FROM received_documents WHERE deal_id = ?", 1),
)


class DealRepository(Repository[Deal, DealId]):
    subject = "deal"
    table = "deals"
    fts_columns = ("reference", "notes")
    order_columns: ClassVar[dict[str, str]] = {
        "id": "id",
        "reference": "reference",
    }

    def save(self, deal: Deal) -> Deal:
        """Insert or update a deal.

        Raises:
            ValidationError: when the deal has problems; nothing is written.
            DuplicateError: when another deal has the reference.
            MissingReferenceError: when a leg's contract does not exist.
            TooLargeError, NotFoundError.
        """
        deal.validated()
        row = {
            "reference": deal.reference,
            "purchase_contract_id": deal.purchase_contract_id,
            "sales_contract_id": deal.sales_contract_id,
            "notes": deal.notes,
        }
        check_sizes(self.subject, row)
        with self._s.transaction():
            self._require(
                "purchase_contract_id", "contracts", "contract", deal.purchase_contract_id
            )
            self._require("sales_contract_id", "contracts", "contract", deal.sales_contract_id)
            self._require_unique(
                "reference", deal.reference, deal.id, "reference = ?", (deal.reference,)
            )
            id_ = self._upsert(deal.id, row)
        return replace(deal, id=DealId(id_))

    def legs(self, deal: Deal) -> DealLegs | None:
        """The deal with both contracts loaded, or None while a leg is missing."""
        if deal.purchase_contract_id is None or deal.sales_contract_id is None:
            return None
        contracts = ContractRepository(self._s)
        return DealLegs(
            deal,
            contracts.get(deal.purchase_contract_id),
            contracts.get(deal.sales_contract_id),
        )

    def delete(self, id_: DealId) -> None:
        """Raises: InUseError when an issued document, a credit or a received document refers
        to it; NotFoundError."""
        self._delete(id_, _USAGES)

    def _load(self, ids: Sequence[int]) -> builtins.list[Deal]:
        rows = self._rows_by_id(ids)
        deals = []
        for id_ in ids:
            row = rows.get(id_)
            if row is None:
                continue
            purchase, sales = row["purchase_contract_id"], row["sales_contract_id"]
            deals.append(
                Deal(
                    reference=row["reference"],
                    purchase_contract_id=None if purchase is None else ContractId(purchase),
                    sales_contract_id=None if sales is None else ContractId(sales),
                    notes=row["notes"],
                    id=DealId(id_),
                )
            )
        return deals


__all__ = ["DealRepository"]
