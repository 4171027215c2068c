"""The monitor's frontier: O(log n) hashes that give the same root as the whole tree."""

from __future__ import annotations

import pytest

from exporter_desk.trustnet import ProofError, merkle
from exporter_desk.trustnet.monitor import Frontier
from tests.trustnet import reference


def leaves(count: int) -> list[bytes]:
    return [f"entry {n}\n".encode() for n in range(count)]


@pytest.mark.parametrize("size", [*range(0, 70), 255, 256, 257, 1000])
def test_the_frontier_root_is_the_tree_root(size: int) -> None:
    frontier = Frontier().extended(leaves(size))
    assert frontier.size == size
    assert len(frontier.hashes) == bin(size).count("1")
    assert frontier.root() == merkle.root_hash(leaves(size))


def test_the_frontier_root_matches_the_naive_reference() -> None:
    data = leaves(37)
    assert Frontier().extended(data).root() == reference.mth(data)


def test_extending_in_uneven_chunks_gives_the_same_frontier() -> None:
    data = leaves(300)
    frontier = Frontier()
    start = 0
    for chunk in (1, 2, 5, 64, 100, 128):
        frontier = frontier.extended(data[start : start + chunk])
        start += chunk
    assert start == 300
    assert frontier == Frontier().extended(data)


def test_a_stored_frontier_round_trips() -> None:
    frontier = Frontier().extended(leaves(1234))
    assert Frontier.from_bytes(1234, frontier.to_bytes()) == frontier


def test_rejects_a_stored_frontier_of_the_wrong_length() -> None:
    frontier = Frontier().extended(leaves(5))
    with pytest.raises(ProofError, match="has 32 bytes"):
        Frontier.from_bytes(5, frontier.to_bytes()[:32])
    with pytest.raises(ProofError, match="hashes"):
        Frontier(6, frontier.hashes[:1])


def test_rejects_a_frontier_hash_that_is_not_32_bytes() -> None:
    with pytest.raises(ProofError, match="32 bytes"):
        Frontier(1, (b"short",))
