"""Parties: companies with their roles and (optional) bank account."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

from exporter_desk.domain import BankAccount, Party, PartyId, PartyRole
from exporter_desk.store._convert import check_sizes
from exporter_desk.store._repository import Repository, placeholders

_USAGES = (
    (
        "invoices",
        "SELECT count(*) FROM invoices WHERE ? IN (seller_id, buyer_id, consignee_id, notify_id)",
        1,
    ),
    ("contracts", "SELECT count(*) FROM contracts WHERE ? IN (seller_id, buyer_id)", 1),
    ("shipments", "SELECT count(*) FROM shipments WHERE forwarder_id = ?", 1),
)


class PartyRepository(Repository[Party, PartyId]):
    subject = "party"
    table = "parties"
    fts_columns = ("name_en", "name_zh", "address_en", "address_zh", "registration_id")
    order_columns: ClassVar[dict[str, str]] = {
        "id": "id",
        "name": "name_en COLLATE NOCASE",
        "country": "country",
    }

    def save(self, party: Party) -> Party:
        """Insert (no id) or update (id) a party with its roles, in one transaction.

        Raises:
            ValidationError: when the party has problems; nothing is written.
            TooLargeError: for a field far larger than any real one.
            NotFoundError: when updating a party that no longer exists.
        """
        party.validated()
        row = _row(party)
        check_sizes(self.subject, row)
        with self._s.transaction():
            id_ = self._upsert(party.id, row)
            self._s.execute("DELETE FROM party_roles WHERE party_id = ?", (id_,))
            self._s.executemany(
                "INSERT INTO party_roles (party_id, role) VALUES (?, ?)",
                [(id_, role.value) for role in sorted(party.roles)],
            )
        return replace(party, id=PartyId(id_))

    def delete(self, id_: PartyId) -> None:
        """Raises: InUseError when an invoice or contract names the party; NotFoundError."""
        self._delete(id_, _USAGES)

    def with_role(self, role: PartyRole, limit: int = 200) -> builtins.list[Party]:
        """Parties holding ``role`` by name (the buyer picker), at most ``limit``."""
        rows = self._s.rows(
            "SELECT p.id FROM parties AS p JOIN party_roles AS r ON r.party_id = p.id "
            "WHERE r.role = ? ORDER BY p.name_en COLLATE NOCASE, p.id LIMIT ?",
            (role.value, limit),
        )
        return self._load([row[0] for row in rows])

    def _load(self, ids: Sequence[int]) -> builtins.list[Party]:
        rows = self._rows_by_id(ids)
        roles: dict[int, set[PartyRole]] = {id_: set() for id_ in rows}
        if rows:
            for role_row in self._s.rows(
                f"SELECT party_id, role FROM party_roles WHERE party_id IN "
                f"({placeholders(len(rows))})",
                tuple(rows),
            ):
                roles[role_row["party_id"]].add(PartyRole(role_row["role"]))
        parties = []
        for id_ in ids:
            row = rows.get(id_)
            if row is None:
                continue
            bank = None
            if row["bank_name"] is not None:
                bank = BankAccount(
                    bank_name=row["bank_name"],
                    account_number=row["bank_account_number"],
                    swift=row["bank_swift"],
                    bank_address=row["bank_address"],
                    account_name=row["bank_account_name"],
                )
            parties.append(
                Party(
                    name_en=row["name_en"],
                    address_en=row["address_en"],
                    country=row["country"],
                    roles=frozenset(roles[id_]),
                    name_zh=row["name_zh"],
                    address_zh=row["address_zh"],
                    registration_id=row["registration_id"],
                    contact=row["contact"],
                    email=row["email"],
                    phone=row["phone"],
                    bank=bank,
                    id=PartyId(id_),
                )
            )
        return parties


def _row(party: Party) -> dict[str, Any]:
    bank = party.bank
    return {
        "name_en": party.name_en,
        "name_zh": party.name_zh,
        "address_en": party.address_en,
        "address_zh": party.address_zh,
        "country": party.country,
        "registration_id": party.registration_id,
        "contact": party.contact,
        "email": party.email,
        "phone": party.phone,
        "bank_name": bank.bank_name if bank else None,
        "bank_account_number": bank.account_number if bank else None,
        "bank_swift": bank.swift if bank else None,
        "bank_address": bank.bank_address if bank else None,
        "bank_account_name": bank.account_name if bank else None,
    }


__all__ = ["PartyRepository"]
