"""Parties: round trips with roles and bank, role replacement, refusing to delete a used party."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc

from exporter_desk.domain import PartyRole, ValidationError
from exporter_desk.store import InUseError, NotFoundError, Store, TooLargeError
from tests.store.conftest import USCC, World, buyer, dump, exporter, supplier


def test_the_fixture_registration_number_is_a_valid_uscc() -> None:
    assert uscc.is_valid(USCC)


def test_every_party_round_trips_exactly(store: Store) -> None:
    for party in (exporter(), supplier(), buyer()):
        saved = store.parties.save(party)
        assert saved.id is not None
        loaded = store.parties.get(saved.id)
        assert loaded == party
        assert loaded.roles == party.roles
        assert loaded.bank == party.bank
        assert loaded.id == saved.id


def test_saving_again_replaces_the_roles(store: Store) -> None:
    saved = store.parties.save(buyer())
    changed = replace(saved, roles=frozenset({PartyRole.NOTIFY}), bank=None)
    store.parties.save(changed)
    assert store.parties.get(saved.id) == changed  # type: ignore[arg-type]
    assert store.parties.with_role(PartyRole.BUYER) == []
    assert [p.id for p in store.parties.with_role(PartyRole.NOTIFY)] == [saved.id]


def test_parties_list_by_name_ignoring_case(store: Store, world: World) -> None:
    names = [p.name_en for p in store.parties.list(order_by="name")]
    assert names == sorted(names, key=str.lower)
    assert store.parties.count() == 3


def test_a_party_on_an_invoice_cannot_be_deleted(store: Store, world: World) -> None:
    before = dump(store)
    with pytest.raises(InUseError) as caught:
        store.parties.delete(world.buyer.id)  # type: ignore[arg-type]
    assert caught.value.users == {"invoices": 1, "contracts": 1}
    assert "cannot be deleted: it is used by 1 invoices, 1 contracts" in (caught.value.user_message)
    assert dump(store) == before


def test_an_unused_party_is_deleted_with_its_roles_and_search_entry(
    store: Store, world: World
) -> None:
    store.parties.delete(world.supplier.id)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError) as caught:
        store.parties.get(world.supplier.id)  # type: ignore[arg-type]
    assert "party (#2) no longer exists" in caught.value.user_message
    assert store.parties.search("Saigon") == []
    assert store._session.scalar("SELECT count(*) FROM party_roles WHERE party_id = 2") == 0
    with pytest.raises(NotFoundError):
        store.parties.delete(world.supplier.id)  # type: ignore[arg-type]


def test_a_party_with_a_bad_registration_number_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        store.parties.save(replace(exporter(), registration_id="91310000MA1FL4CT3X"))
    assert caught.value.messages_for("registration_id")
    assert store.parties.count() == 0


def test_a_ten_megabyte_phone_number_is_refused_by_the_store(store: Store) -> None:
    with pytest.raises(TooLargeError) as caught:
        store.parties.save(replace(buyer(), phone="1" * 10_000_000))
    assert "The phone of the party is 10,000,000 characters long" in caught.value.user_message
    assert store.parties.count() == 0


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=3, max_size=200).filter(
        lambda s: any(len(word) >= 3 for word in s.split())
    ),
    data=st.data(),
)
def test_any_name_round_trips_and_is_found_by_any_part_of_a_word(
    store: Store, name: str, data: st.DataObject
) -> None:
    saved = store.parties.save(replace(buyer(), name_en=name, registration_id=""))
    assert store.parties.get(saved.id).name_en == name  # type: ignore[arg-type]
    word = data.draw(st.sampled_from([w for w in name.split() if len(w) >= 3]))
    start = data.draw(st.integers(0, len(word) - 3))
    end = data.draw(st.integers(start + 3, len(word)))
    assert saved.id in [p.id for p in store.parties.search(word[start:end], limit=1000)]
