"""RFC 9162 Merkle trees: published vectors, named corruptions, and a naive reference."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter_desk.trustnet import ProofError, TrustnetError
from exporter_desk.trustnet.merkle import (
    EMPTY_ROOT,
    MAX_TREE_SIZE,
    consistency_proof,
    consistency_proof_from,
    inclusion_proof,
    inclusion_proof_from,
    leaf_hash,
    node_hash,
    root_from_consistency_proof,
    root_from_inclusion_proof,
    root_from_subtrees,
    root_hash,
    verify_consistency,
    verify_inclusion,
)
from tests.trustnet import reference

VECTORS = Path(__file__).parent / "vectors" / "transparency-dev"

# transparency-dev/merkle proof/verify_test.go: the RFC 6962 test tree.
LEAVES = [
    b"",
    bytes.fromhex("00"),
    bytes.fromhex("10"),
    bytes.fromhex("2021"),
    bytes.fromhex("3031"),
    bytes.fromhex("40414243"),
    bytes.fromhex("5051525354555657"),
    bytes.fromhex("606162636465666768696a6b6c6d6e6f"),
]
ROOTS = [
    bytes.fromhex(h)
    for h in (
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    )
]
INCLUSION = [  # (1-based leaf, tree size, proof)
    (1, 1, []),
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (3, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        2,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
CONSISTENCY = [  # (size1, size2, proof)
    (1, 1, []),
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        6,
        7,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
]
SOME_HASH = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")


def _hexes(items: list[str]) -> list[bytes]:
    return [bytes.fromhex(item) for item in items]


# --- published vectors ----------------------------------------------------------------------------


def test_empty_tree_root_is_sha256_of_nothing() -> None:
    assert root_hash([]) == EMPTY_ROOT
    assert EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert root_from_subtrees(0, lambda start, end: b"") == EMPTY_ROOT


@pytest.mark.parametrize("size", range(1, 9))
def test_roots_match_rfc6962_vectors(size: int) -> None:
    assert root_hash(LEAVES[:size]) == ROOTS[size - 1]
    assert reference.mth(LEAVES[:size]) == ROOTS[size - 1]


@pytest.mark.parametrize(("leaf", "size", "proof"), INCLUSION)
def test_inclusion_proofs_match_rfc6962_vectors(leaf: int, size: int, proof: list[str]) -> None:
    assert inclusion_proof(LEAVES[:size], leaf - 1) == _hexes(proof)
    verify_inclusion(leaf_hash(LEAVES[leaf - 1]), leaf - 1, size, _hexes(proof), ROOTS[size - 1])


@pytest.mark.parametrize(("size1", "size2", "proof"), CONSISTENCY)
def test_consistency_proofs_match_rfc6962_vectors(size1: int, size2: int, proof: list[str]) -> None:
    assert consistency_proof(LEAVES[:size2], size1) == _hexes(proof)
    verify_consistency(size1, size2, _hexes(proof), ROOTS[size1 - 1], ROOTS[size2 - 1])


def _vector_files(kind: str) -> list[Path]:
    return sorted((VECTORS / kind).glob("*/*.json"))


def _b64(value: str) -> bytes:
    return base64.b64decode(value)


@pytest.mark.parametrize(
    "path", _vector_files("inclusion"), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_transparency_dev_inclusion_vectors(path: Path) -> None:
    case: dict[str, Any] = json.loads(path.read_text())
    proof = [_b64(item) for item in case["proof"] or []]
    arguments = (
        _b64(case["leafHash"]),
        case["leafIdx"],
        case["treeSize"],
        proof,
        _b64(case["root"]),
    )
    if case["wantErr"]:
        with pytest.raises(ProofError):
            verify_inclusion(*arguments)
    else:
        verify_inclusion(*arguments)


@pytest.mark.parametrize(
    "path", _vector_files("consistency"), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_transparency_dev_consistency_vectors(path: Path) -> None:
    case: dict[str, Any] = json.loads(path.read_text())
    proof = [_b64(item) for item in case["proof"] or []]
    arguments = (case["size1"], case["size2"], proof, _b64(case["root1"]), _b64(case["root2"]))
    if case["wantErr"]:
        with pytest.raises(ProofError):
            verify_consistency(*arguments)
    else:
        verify_consistency(*arguments)


# --- every named corruption of transparency-dev's verify_test.go, on every vector ----------------


def _inclusion_probes(
    index: int, size: int, proof: list[bytes], root: bytes, leaf: bytes
) -> list[tuple[str, tuple[Any, ...]]]:
    probes: list[tuple[str, tuple[Any, ...]]] = [
        ("leaf index - 1", (leaf, index - 1, size, proof, root)),
        ("leaf index + 1", (leaf, index + 1, size, proof, root)),
        ("leaf index ^ 2", (leaf, index ^ 2, size, proof, root)),
        ("tree size * 2", (leaf, index, size * 2, proof, root)),
        ("tree size / 2", (leaf, index, size // 2, proof, root)),
        ("wrong leaf", (b"WrongLeaf", index, size, proof, root)),
        ("empty root", (leaf, index, size, proof, EMPTY_ROOT)),
        ("random root", (leaf, index, size, proof, SOME_HASH)),
        ("trailing garbage", (leaf, index, size, [*proof, b""], root)),
        ("trailing root", (leaf, index, size, [*proof, root], root)),
        ("preceding garbage", (leaf, index, size, [b"", *proof], root)),
        ("preceding root", (leaf, index, size, [root, *proof], root)),
    ]
    for position in range(len(proof)):
        flipped = list(proof)
        flipped[position] = bytes([flipped[position][0] ^ 8]) + flipped[position][1:]
        probes.append((f"modified proof[{position}] bit 3", (leaf, index, size, flipped, root)))
    if proof:
        probes.append(("removed component", (leaf, index, size, proof[:-1], root)))
    if len(proof) > 1:
        inserted = [proof[0], SOME_HASH, *proof[1:]]
        probes.append(("inserted component", (leaf, index, size, inserted, root)))
    return probes


def _consistency_probes(
    size1: int, size2: int, root1: bytes, root2: bytes, proof: list[bytes]
) -> list[tuple[str, tuple[Any, ...]]]:
    probes: list[tuple[str, tuple[Any, ...]]] = [
        ("size1 - 1", (size1 - 1, size2, proof, root1, root2)),
        ("size1 + 1", (size1 + 1, size2, proof, root1, root2)),
        ("size1 ^ 2", (size1 ^ 2, size2, proof, root1, root2)),
        ("size2 * 2", (size1, size2 * 2, proof, root1, root2)),
        ("size2 / 2", (size1, size2 // 2, proof, root1, root2)),
        ("wrong root1", (size1, size2, proof, b"WrongRoot", root2)),
        ("wrong root2", (size1, size2, proof, root1, b"WrongRoot")),
        ("swapped roots", (size1, size2, proof, root2, root1)),
        ("empty proof", (size1, size2, [], root1, root2)),
        ("trailing garbage", (size1, size2, [*proof, b""], root1, root2)),
        ("trailing root1", (size1, size2, [*proof, root1], root1, root2)),
        ("trailing root2", (size1, size2, [*proof, root2], root1, root2)),
        ("preceding garbage", (size1, size2, [b"", *proof], root1, root2)),
        ("preceding root1", (size1, size2, [root1, *proof], root1, root2)),
        ("preceding root2", (size1, size2, [root2, *proof], root1, root2)),
        ("preceding proof[0]", (size1, size2, [proof[0], *proof], root1, root2)),
        ("truncated proof", (size1, size2, proof[:-1], root1, root2)),
    ]
    for position in range(len(proof)):
        flipped = list(proof)
        flipped[position] = bytes([flipped[position][0] ^ 16]) + flipped[position][1:]
        probes.append((f"modified proof[{position}] bit 4", (size1, size2, flipped, root1, root2)))
    return probes


_INCLUSION_PROBES = [
    pytest.param(arguments, id=f"{leaf}-of-{size}: {name}")
    for leaf, size, proof in INCLUSION
    for name, arguments in _inclusion_probes(
        leaf - 1, size, _hexes(proof), ROOTS[size - 1], leaf_hash(LEAVES[leaf - 1])
    )
]
_CONSISTENCY_PROBES = [
    pytest.param(arguments, id=f"{size1}-to-{size2}: {name}")
    for size1, size2, proof in CONSISTENCY
    if proof
    for name, arguments in _consistency_probes(
        size1, size2, ROOTS[size1 - 1], ROOTS[size2 - 1], _hexes(proof)
    )
]


@pytest.mark.parametrize("arguments", _INCLUSION_PROBES)
def test_rejects_corrupted_inclusion_proof(arguments: tuple[Any, ...]) -> None:
    with pytest.raises(ProofError):
        verify_inclusion(*arguments)


@pytest.mark.parametrize("arguments", _CONSISTENCY_PROBES)
def test_rejects_corrupted_consistency_proof(arguments: tuple[Any, ...]) -> None:
    with pytest.raises(ProofError):
        verify_consistency(*arguments)


# --- threats, one at a time -----------------------------------------------------------------------


def test_rejects_node_presented_as_leaf() -> None:
    # Second preimage: an interior node's hash, or its children's bytes, passed off as a leaf.
    leaves = [b"a", b"b", b"c", b"d"]
    root = root_hash(leaves)
    left = node_hash(leaf_hash(b"a"), leaf_hash(b"b"))
    right = node_hash(leaf_hash(b"c"), leaf_hash(b"d"))
    assert node_hash(left, right) == root
    with pytest.raises(ProofError, match="needs exactly 2"):
        verify_inclusion(left, 0, 4, [right], root)  # a size-2 proof against the size-4 tree
    with pytest.raises(ProofError, match="expected root"):
        verify_inclusion(leaf_hash(leaf_hash(b"a") + leaf_hash(b"b")), 0, 2, [right], root)


def test_rejects_truncated_proof() -> None:
    proof = inclusion_proof(LEAVES, 3)
    with pytest.raises(ProofError, match="needs exactly 3"):
        verify_inclusion(leaf_hash(LEAVES[3]), 3, 8, proof[:-1], ROOTS[7])


def test_rejects_extended_proof() -> None:
    proof = inclusion_proof(LEAVES, 3)
    with pytest.raises(ProofError, match="needs exactly 3"):
        verify_inclusion(leaf_hash(LEAVES[3]), 3, 8, [*proof, SOME_HASH], ROOTS[7])


def test_rejects_proof_for_another_index() -> None:
    proof = inclusion_proof(LEAVES, 3)
    with pytest.raises(ProofError, match="expected root"):
        verify_inclusion(leaf_hash(LEAVES[3]), 2, 8, proof, ROOTS[7])


@pytest.mark.parametrize(("index", "size"), [(0, 0), (1, 0), (1, 1), (2, 1), (8, 8), (-1, 8)])
def test_rejects_index_outside_tree(index: int, size: int) -> None:
    with pytest.raises(ProofError, match="not in a tree"):
        verify_inclusion(SOME_HASH, index, size, [], EMPTY_ROOT)


@pytest.mark.parametrize(
    ("leaf", "root"),
    [
        (b"", SOME_HASH),
        (SOME_HASH, b""),
        (SOME_HASH[:31], SOME_HASH),
        (SOME_HASH + b"\x00", SOME_HASH),
    ],
)
def test_rejects_hashes_that_are_not_32_bytes(leaf: bytes, root: bytes) -> None:
    with pytest.raises(ProofError, match="not 32"):
        verify_inclusion(leaf, 0, 1, [], root)


def test_rejects_proof_element_that_is_not_32_bytes_before_hashing() -> None:
    proof = inclusion_proof(LEAVES, 0)
    proof[1] = proof[1][:16]
    with pytest.raises(ProofError, match="proof hash 1 is 16 bytes"):
        verify_inclusion(leaf_hash(LEAVES[0]), 0, 8, proof, ROOTS[7])


@pytest.mark.parametrize("bad", [True, 1.0, "3", None])
def test_rejects_non_integer_index_and_size(bad: Any) -> None:
    with pytest.raises(ProofError):
        verify_inclusion(SOME_HASH, bad, 8, [], SOME_HASH)
    with pytest.raises(ProofError):
        verify_inclusion(SOME_HASH, 0, bad, [], SOME_HASH)
    with pytest.raises(ProofError):
        verify_consistency(bad, 8, [], SOME_HASH, SOME_HASH)


def test_rejects_sizes_beyond_two_to_the_64() -> None:
    with pytest.raises(ProofError, match="2\\^64"):
        verify_inclusion(SOME_HASH, 0, MAX_TREE_SIZE + 1, [], SOME_HASH)
    with pytest.raises(ProofError, match="2\\^64"):
        verify_consistency(1, MAX_TREE_SIZE + 1, [SOME_HASH], SOME_HASH, SOME_HASH)


def test_accepts_single_leaf_tree_with_empty_proof() -> None:
    digest = leaf_hash(b"data")
    verify_inclusion(digest, 0, 1, [], digest)
    assert root_from_inclusion_proof(digest, 0, 1, []) == digest


def test_accepts_equal_sizes_with_empty_proof_and_equal_roots() -> None:
    verify_consistency(5, 5, [], ROOTS[4], ROOTS[4])
    assert root_from_consistency_proof(5, 5, [], ROOTS[4]) == ROOTS[4]
    verify_consistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT)


def test_rejects_equal_sizes_with_different_roots() -> None:
    with pytest.raises(ProofError, match="new root"):
        verify_consistency(5, 5, [], ROOTS[4], ROOTS[5])


def test_rejects_equal_sizes_with_nonempty_proof() -> None:
    with pytest.raises(ProofError, match="not empty"):
        verify_consistency(5, 5, [EMPTY_ROOT], ROOTS[4], ROOTS[4])


def test_rejects_consistency_from_empty_tree() -> None:
    with pytest.raises(ProofError, match="empty tree"):
        verify_consistency(0, 1, [], EMPTY_ROOT, ROOTS[0])
    with pytest.raises(ProofError, match="empty tree"):
        consistency_proof(LEAVES, 0)


def test_rejects_tree_that_shrinks() -> None:
    with pytest.raises(ProofError, match="smaller"):
        verify_consistency(2, 1, [], ROOTS[1], ROOTS[0])
    with pytest.raises(ProofError, match="larger"):
        consistency_proof(LEAVES[:3], 4)


def test_rejects_consistency_proof_that_forks_the_old_tree() -> None:
    # A log that rewrote leaf 4 after signing size 6 cannot prove its new tree extends the old.
    forked = [*LEAVES[:4], b"rewritten", *LEAVES[5:]]
    with pytest.raises(ProofError, match="expected old root"):
        verify_consistency(6, 8, consistency_proof(forked, 6), ROOTS[5], root_hash(forked))
    forked = [*LEAVES[:2], b"rewritten", *LEAVES[3:]]
    with pytest.raises(ProofError, match="expected new root"):
        verify_consistency(4, 8, consistency_proof(forked, 4), ROOTS[3], root_hash(forked))


def test_node_hash_refuses_children_that_are_not_hashes() -> None:
    with pytest.raises(ProofError):
        node_hash(b"short", SOME_HASH)


def test_errors_are_trustnet_errors_and_not_value_errors() -> None:
    with pytest.raises(TrustnetError) as caught:
        verify_inclusion(SOME_HASH, 0, 0, [], SOME_HASH)
    assert not isinstance(caught.value, ValueError)


# --- proofs from stored subtree hashes (the server's path) ----------------------------------------


class Store:
    """Perfect subtree hashes as a server would store them, counting the reads."""

    def __init__(self, leaves: list[bytes]) -> None:
        self.hashes: dict[tuple[int, int], bytes] = {}
        self.reads = 0
        width = 1
        while width <= len(leaves):
            for start in range(0, len(leaves) - width + 1, width):
                self.hashes[(start, start + width)] = root_hash(leaves[start : start + width])
            width *= 2

    def get(self, start: int, end: int) -> bytes:
        size = end - start
        assert size & (size - 1) == 0 and start % size == 0, "only perfect, aligned subtrees"
        self.reads += 1
        return self.hashes[(start, end)]


def test_proofs_from_stored_subtrees_match_the_leaves() -> None:
    leaves = [f"entry {i}".encode() for i in range(300)]
    store = Store(leaves)
    for size in (1, 2, 3, 7, 64, 100, 255, 300):
        assert root_from_subtrees(size, store.get) == root_hash(leaves[:size])
        for index in {0, size // 3, size - 1}:
            assert inclusion_proof_from(index, size, store.get) == reference.path(
                index, leaves[:size]
            )
        for old in {1, size // 2 or 1, size - 1 or 1, size}:
            assert consistency_proof_from(old, size, store.get) == reference.proof(
                old, leaves[:size]
            )


@pytest.mark.parametrize("size", [10**6, 10**9 + 7, 2**40 - 1, MAX_TREE_SIZE])
def test_proofs_cost_logarithmic_reads(size: int) -> None:
    calls: list[tuple[int, int]] = []

    def get(start: int, end: int) -> bytes:
        width = end - start
        assert width & (width - 1) == 0 and start % width == 0
        calls.append((start, end))
        return bytes(32)

    bound = 2 * size.bit_length() + 2
    for produce in (
        lambda: inclusion_proof_from(size // 3, size, get),
        lambda: consistency_proof_from(size // 3 + 1, size, get),
        lambda: root_from_subtrees(size, get),
    ):
        calls.clear()
        produce()
        assert 0 < len(calls) <= bound


def test_rejects_stored_hash_of_wrong_length() -> None:
    with pytest.raises(ProofError, match="stored hash"):
        inclusion_proof_from(0, 4, lambda start, end: b"short")


# --- properties over random trees -----------------------------------------------------------------

_trees = st.lists(st.binary(max_size=8), min_size=1, max_size=70)
_FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(leaves=_trees, data=st.data())
def test_every_inclusion_proof_matches_reference_and_verifies(
    leaves: list[bytes], data: st.DataObject
) -> None:
    size = len(leaves)
    root = root_hash(leaves)
    assert root == reference.mth(leaves)
    index = data.draw(st.integers(0, size - 1))
    proof = inclusion_proof(leaves, index)
    assert proof == reference.path(index, leaves)
    verify_inclusion(leaf_hash(leaves[index]), index, size, proof, root)
    assert reference.rfc_verify_inclusion(index, size, leaf_hash(leaves[index]), proof, root)


@_FAST
@given(leaves=_trees, data=st.data())
def test_every_consistency_proof_matches_reference_and_verifies(
    leaves: list[bytes], data: st.DataObject
) -> None:
    size = len(leaves)
    old = data.draw(st.integers(1, size))
    proof = consistency_proof(leaves, old)
    assert proof == reference.proof(old, leaves)
    old_root, new_root = root_hash(leaves[:old]), root_hash(leaves)
    verify_consistency(old, size, proof, old_root, new_root)
    if old < size:
        assert reference.rfc_verify_consistency(old, size, old_root, new_root, proof)


def _mutations(proof: list[bytes], data: st.DataObject) -> Callable[[], list[bytes]]:
    def flip() -> list[bytes]:
        position = data.draw(st.integers(0, len(proof) - 1))
        byte = data.draw(st.integers(0, 31))
        bit = data.draw(st.integers(0, 7))
        changed = list(proof)
        element = bytearray(changed[position])
        element[byte] ^= 1 << bit
        changed[position] = bytes(element)
        return changed

    return flip


@_FAST
@given(leaves=st.lists(st.binary(max_size=8), min_size=2, max_size=70), data=st.data())
def test_any_tampered_inclusion_proof_fails(leaves: list[bytes], data: st.DataObject) -> None:
    size = len(leaves)
    root = root_hash(leaves)
    index = data.draw(st.integers(0, size - 1))
    proof = inclusion_proof(leaves, index)
    digest = leaf_hash(leaves[index])
    # (A different tree size is not a tampering the proof can reveal: the signed checkpoint binds
    # the size to the root, and the receipt check takes the size from there.)
    how = data.draw(st.sampled_from(["flip", "index", "truncate", "extend"]))
    if how == "flip":
        with pytest.raises(ProofError):
            verify_inclusion(digest, index, size, _mutations(proof, data)(), root)
    elif how == "index":
        other = data.draw(st.integers(0, size - 1).filter(lambda i: i != index))
        if leaves[other] != leaves[index] or proof != inclusion_proof(leaves, other):
            with pytest.raises(ProofError):
                verify_inclusion(digest, other, size, proof, root)
    elif how == "truncate":
        with pytest.raises(ProofError):
            verify_inclusion(digest, index, size, proof[:-1], root)
    else:
        extra = data.draw(st.binary(min_size=32, max_size=32))
        with pytest.raises(ProofError):
            verify_inclusion(digest, index, size, [*proof, extra], root)


@_FAST
@given(leaves=st.lists(st.binary(max_size=8), min_size=2, max_size=70), data=st.data())
def test_any_tampered_consistency_proof_fails(leaves: list[bytes], data: st.DataObject) -> None:
    size = len(leaves)
    old = data.draw(st.integers(1, size - 1))
    proof = consistency_proof(leaves, old)
    old_root, new_root = root_hash(leaves[:old]), root_hash(leaves)
    how = data.draw(st.sampled_from(["flip", "truncate", "extend", "old size"]))
    if how == "flip":
        with pytest.raises(ProofError):
            verify_consistency(old, size, _mutations(proof, data)(), old_root, new_root)
    elif how == "truncate":
        with pytest.raises(ProofError):
            verify_consistency(old, size, proof[:-1], old_root, new_root)
    elif how == "extend":
        with pytest.raises(ProofError):
            verify_consistency(old, size, [*proof, new_root], old_root, new_root)
    else:
        other = data.draw(st.integers(1, size).filter(lambda s: s != old))
        if root_hash(leaves[:other]) != old_root:  # equal-content prefixes may collide honestly
            with pytest.raises(ProofError):
                verify_consistency(other, size, proof, old_root, new_root)


_hash = st.binary(min_size=32, max_size=32)


@settings(max_examples=300, deadline=None)
@given(
    index=st.integers(0, 40),
    size=st.integers(0, 40),
    proof=st.lists(st.one_of(_hash, st.binary(max_size=40)), max_size=7),
    leaf=st.one_of(_hash, st.binary(max_size=40)),
    root=st.one_of(_hash, st.binary(max_size=40)),
)
def test_verifier_agrees_with_rfc9162_transcription_on_arbitrary_input(
    index: int, size: int, proof: list[bytes], leaf: bytes, root: bytes
) -> None:
    try:
        verify_inclusion(leaf, index, size, proof, root)
        ours = True
    except ProofError:
        ours = False
    well_formed = len(leaf) == 32 and len(root) == 32 and all(len(p) == 32 for p in proof)
    assert ours == (well_formed and reference.rfc_verify_inclusion(index, size, leaf, proof, root))
