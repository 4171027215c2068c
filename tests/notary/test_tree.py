"""The SQLite tree answers every root and proof exactly as the reference computation does."""

from __future__ import annotations

import random
import sqlite3

import pytest

from exporter_desk.notary.tree import TreeStore
from exporter_desk.trustnet import merkle


@pytest.fixture
def tree(tmp_path):  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(tmp_path / "log.sqlite3")
    yield TreeStore(conn)
    conn.close()


def test_roots_and_proofs_match_the_reference_at_every_size(tree: TreeStore) -> None:
    rng = random.Random(7)
    leaves = [rng.randbytes(rng.randint(0, 40)) for _ in range(130)]
    size = 0
    while size < len(leaves):
        batch = leaves[size : size + rng.randint(1, 9)]
        size = tree.append([merkle.leaf_hash(leaf) for leaf in batch], size)
        assert tree.size() == size
        assert tree.root(size) == merkle.root_hash(leaves[:size])
        for index in rng.sample(range(size), min(4, size)):
            assert tree.inclusion_proof(index, size) == merkle.inclusion_proof(leaves[:size], index)
        for old in rng.sample(range(1, size + 1), min(4, size)):
            assert tree.consistency_proof(old, size) == merkle.consistency_proof(leaves[:size], old)


def test_old_roots_stay_answerable_after_appends(tree: TreeStore) -> None:
    leaves = [bytes([i]) for i in range(20)]
    tree.append([merkle.leaf_hash(leaf) for leaf in leaves[:7]], 0)
    tree.append([merkle.leaf_hash(leaf) for leaf in leaves[7:]], 7)
    assert tree.root(7) == merkle.root_hash(leaves[:7])
    proof = tree.inclusion_proof(3, 7)
    merkle.verify_inclusion(merkle.leaf_hash(leaves[3]), 3, 7, proof, merkle.root_hash(leaves[:7]))


def test_empty_tree_has_the_empty_root(tree: TreeStore) -> None:
    assert tree.size() == 0
    assert tree.root(0) == merkle.root_hash([])
