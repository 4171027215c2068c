"""What an import needs from the store: the keys of existing records, and records by id in bulk.

An import of 10,000 rows matches each row against what is already there; one query per table
(not one per row) builds the lookup, and existing records are loaded a page at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from exporter_desk.domain import Party, PartyId, Product, ProductId
from exporter_desk.store._repository import MAX_PAGE
from exporter_desk.store.database import Store


def product_ids_by_sku(store: Store) -> dict[str, ProductId]:
    """Every product's id by its SKU (SKUs are unique)."""
    rows = store._session.rows("SELECT sku, id FROM products")
    return {row[0]: ProductId(row[1]) for row in rows}


@dataclass(frozen=True, slots=True)
class PartyKeys:
    """How an imported party finds the one it updates: the same registration id in the same
    country, else the same English name (case and spacing ignored) in the same country."""

    by_registration: dict[tuple[str, str], PartyId]
    by_name: dict[tuple[str, str], PartyId]


def party_name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def party_keys(store: Store) -> PartyKeys:
    by_registration: dict[tuple[str, str], PartyId] = {}
    by_name: dict[tuple[str, str], PartyId] = {}
    for row in store._session.rows(
        "SELECT id, country, registration_id, name_en FROM parties ORDER BY id"
    ):
        id_ = PartyId(row["id"])
        if row["registration_id"]:
            by_registration.setdefault((row["country"], row["registration_id"]), id_)
        by_name.setdefault((row["country"], party_name_key(row["name_en"])), id_)
    return PartyKeys(by_registration, by_name)


def load_products(store: Store, ids: Sequence[ProductId]) -> dict[ProductId, Product]:
    """The products with these ids (missing ones left out), read a page at a time."""
    found: dict[ProductId, Product] = {}
    for start in range(0, len(ids), MAX_PAGE):
        for product in store.products._load(ids[start : start + MAX_PAGE]):
            assert product.id is not None
            found[product.id] = product
    return found


def load_parties(store: Store, ids: Sequence[PartyId]) -> dict[PartyId, Party]:
    """The parties with these ids (missing ones left out), read a page at a time."""
    found: dict[PartyId, Party] = {}
    for start in range(0, len(ids), MAX_PAGE):
        for party in store.parties._load(ids[start : start + MAX_PAGE]):
            assert party.id is not None
            found[party.id] = party
    return found


__all__ = [
    "PartyKeys",
    "load_parties",
    "load_products",
    "party_keys",
    "party_name_key",
    "product_ids_by_sku",
]
