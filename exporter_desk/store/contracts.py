"""Contracts (sales and purchase) with their line items."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

from exporter_desk.domain import Contract, ContractId, ContractKind, PartyId
from exporter_desk.store._convert import check_sizes, date_text, text_date, text_day
from exporter_desk.store._repository import Repository
from exporter_desk.store._trade import (
    line_from,
    line_row,
    payment_from,
    payment_row,
    terms_from,
    terms_row,
)

_USAGES = (
    ("invoices", "SELECT count(*) FROM invoices WHERE contract_id = ?", 1),
    (
        "deals",
        "SELECT count(*) FROM deals WHERE ? IN (purchase_contract_id, sales_contract_id)",
        1,
    ),
)


class ContractRepository(Repository[Contract, ContractId]):
    subject = "contract"
    table = "contracts"
    fts_columns = ("number", "seller", "buyer")
    order_columns: ClassVar[dict[str, str]] = {
        "id": "id",
        "number": "number",
        "date": "date",
    }

    def save(self, contract: Contract) -> Contract:
        """Insert or update a contract; its lines are replaced in the same transaction.

        Raises:
            ValidationError: when the contract has problems; nothing is written.
            DuplicateError: when another contract of the same kind has the number.
            MissingReferenceError: when a party or product it names does not exist.
            TooLargeError, NotFoundError.
        """
        contract.validated()
        row = _row(contract)
        lines = [line_row(line, contract.currency) for line in contract.lines]
        check_sizes(self.subject, row)
        for line_columns in lines:
            check_sizes(self.subject, line_columns)
        with self._s.transaction():
            self._require("seller_id", "parties", "party", contract.seller_id)
            self._require("buyer_id", "parties", "party", contract.buyer_id)
            for line in contract.lines:
                self._require("product_id", "products", "product", line.product_id)
            self._require_unique(
                "number",
                contract.number,
                contract.id,
                "kind = ? AND number = ?",
                (contract.kind.value, contract.number),
            )
            id_ = self._upsert(contract.id, row)
            self._replace_children("contract_lines", "contract_id", id_, lines)
        return replace(contract, id=ContractId(id_))

    def delete(self, id_: ContractId) -> None:
        """Raises: InUseError when an invoice or deal refers to it; NotFoundError."""
        self._delete(id_, _USAGES)

    def _load(self, ids: Sequence[int]) -> builtins.list[Contract]:
        rows = self._rows_by_id(ids)
        lines = self._children("contract_lines", "contract_id", list(rows))
        contracts = []
        for id_ in ids:
            row = rows.get(id_)
            if row is None:
                continue
            contracts.append(
                Contract(
                    kind=ContractKind(row["kind"]),
                    number=row["number"],
                    date=text_day(row["date"]),
                    seller_id=PartyId(row["seller_id"]),
                    buyer_id=PartyId(row["buyer_id"]),
                    terms=terms_from(row),
                    payment=payment_from(row),
                    lines=tuple(line_from(line) for line in lines[id_]),
                    delivery_earliest=text_date(row["delivery_earliest"]),
                    delivery_latest=text_date(row["delivery_latest"]),
                    partial_shipment=bool(row["partial_shipment"]),
                    transhipment=bool(row["transhipment"]),
                    packing=row["packing"],
                    inspection=row["inspection"],
                    insurance=row["insurance"],
                    arbitration=row["arbitration"],
                    notes=row["notes"],
                    id=ContractId(id_),
                )
            )
        return contracts


def _row(contract: Contract) -> dict[str, Any]:
    return {
        "kind": contract.kind.value,
        "number": contract.number,
        "date": date_text(contract.date),
        "seller_id": contract.seller_id,
        "buyer_id": contract.buyer_id,
        **terms_row(contract.terms),
        **payment_row(contract.payment),
        "delivery_earliest": date_text(contract.delivery_earliest),
        "delivery_latest": date_text(contract.delivery_latest),
        "partial_shipment": int(contract.partial_shipment),
        "transhipment": int(contract.transhipment),
        "packing": contract.packing,
        "inspection": contract.inspection,
        "insurance": contract.insurance,
        "arbitration": contract.arbitration,
        "notes": contract.notes,
        "total_minor": contract.total().minor,
    }


__all__ = ["ContractRepository"]
