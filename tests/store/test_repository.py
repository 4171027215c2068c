"""Search shared by every repository: trigram FTS, short-query LIKE, hostile query text."""

from __future__ import annotations

import pytest

from exporter_desk.store import Store, TooLargeError
from exporter_desk.store._repository import MAX_QUERY, fts_phrase, like_pattern, search_tokens
from tests.store.conftest import World, dump

HOSTILE = [
    "'; DROP TABLE invoices; --",
    '"',
    '""',
    '"Müller',
    "*",
    "Mül*",
    "NEAR(",
    "NEAR(Müller Hamburg, 2)",
    "Müller OR 1=1",
    "Müller AND NOT Hamburg",
    "buyer:Müller",
    "^Müller",
    "(",
    ")",
    "{number buyer}: x",
    "%",
    "_",
    "\\",
    "%%%",
    "a\x00b",
    "Robert'); DELETE FROM parties; --",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_sql_and_fts_syntax_in_a_query_is_plain_text(
    store: Store, world: World, query: str
) -> None:
    before = dump(store)
    for repository in (
        store.parties,
        store.products,
        store.contracts,
        store.invoices,
        store.shipments,
        store.packing_lists,
        store.deals,
        store.documents,
    ):
        repository.search(query)  # must not raise
    assert dump(store) == before


def test_operators_and_wildcards_match_only_themselves(store: Store, world: World) -> None:
    assert store.invoices.search("Müller OR 1=1") == []  # "OR" is a word, "1=1" is absent
    assert store.invoices.search("Mül*") == []  # no prefix wildcard: '*' is a character
    assert store.invoices.search("%") == []  # LIKE's wildcard is escaped
    assert store.invoices.search("_") == []
    assert [i.id for i in store.invoices.search("CI-2025")] == [world.invoice.id]


def test_words_combine_with_and_in_any_order(store: Store, world: World) -> None:
    assert [p.id for p in store.parties.search("Handels Hamburg")] == [world.buyer.id]
    assert store.parties.search("Handels Shanghai") == []


def test_chinese_names_are_found_by_any_part_of_three_characters_or_more(
    store: Store, world: World
) -> None:
    assert [p.id for p in store.parties.search("明星进出口")] == [world.exporter.id]
    assert [p.id for p in store.parties.search("进出口")] == [world.exporter.id]
    assert [p.id for p in store.parties.search("世纪大道")] == [world.exporter.id]  # address


def test_two_character_queries_fall_back_to_like(store: Store, world: World) -> None:
    assert [p.id for p in store.parties.search("上海")] == [world.exporter.id]
    assert [p.id for p in store.parties.search("明星")] == [world.exporter.id]
    assert [p.id for p in store.parties.search("VN")] == []  # country is not indexed
    assert [p.id for p in store.parties.search("JS")] == [world.supplier.id]  # "JSC"
    assert [p.id for p in store.parties.search("gm")] == [world.buyer.id]  # any case: "GmbH"


def test_a_short_word_narrows_a_full_text_match(store: Store, world: World) -> None:
    assert [p.id for p in store.parties.search("Hamburg 14")] == [world.buyer.id]
    assert store.parties.search("Hamburg zz") == []


def test_registration_ids_hs_codes_skus_and_containers_are_searchable(
    store: Store, world: World
) -> None:
    assert [p.id for p in store.parties.search("MA1FL4CT3U")] == [world.exporter.id]
    assert [p.id for p in store.products.search("8539")] == [world.led.id]
    assert [p.id for p in store.products.search("TS-COT")] == [world.shirt.id]
    assert [p.id for p in store.products.search("面板灯")] == [world.led.id]
    assert [s.id for s in store.shipments.search("MSKU1234565")] == [world.shipment.id]
    assert [s.id for s in store.shipments.search("COSU6123456780")] == [world.shipment.id]
    assert [s.id for s in store.shipments.search("ARIES")] == [world.shipment.id]
    assert [s.id for s in store.shipments.search("CN2025881")] == [world.shipment.id]  # seal


def test_blank_queries_find_nothing_and_long_ones_are_refused(store: Store, world: World) -> None:
    assert store.parties.search("") == []
    assert store.parties.search(" \t\n ") == []
    with pytest.raises(TooLargeError) as caught:
        store.parties.search("x" * (MAX_QUERY + 1))
    assert "query" in caught.value.user_message


def test_search_is_limited_and_newest_first(store: Store, world: World) -> None:
    from dataclasses import replace

    for n in range(5):
        store.invoices.save(replace(world.invoice, id=None, number=f"BS-CI-2025-10{n}"))
    found = store.invoices.search("Müller", limit=3)
    assert [i.number for i in found] == ["BS-CI-2025-104", "BS-CI-2025-103", "BS-CI-2025-102"]


def test_quoting_helpers_neutralise_their_syntax() -> None:
    assert fts_phrase('say "hi"') == '"say ""hi"""'
    assert like_pattern("50%_off\\") == "%50\\%\\_off\\\\%"
    assert search_tokens("a\x00b\tc") == ["a", "b", "c"]


def test_every_list_order_is_served_by_an_index(store: Store) -> None:
    for repository in (
        store.parties,
        store.products,
        store.contracts,
        store.invoices,
        store.shipments,
        store.packing_lists,
        store.deals,
        store.documents,
    ):
        for order_by in repository.order_columns:
            for descending in (False, True):
                sql = repository._list_sql(order_by, descending)
                plan = " ".join(
                    row[3] for row in store._session.rows(f"EXPLAIN QUERY PLAN {sql}", (50, 0))
                )
                assert "TEMP B-TREE" not in plan, (repository.table, order_by, plan)
