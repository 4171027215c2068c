"""RFC 9162 §2.1 Merkle tree hashing, proofs, and their verification.

Three families, named for what they promise:

* ``leaf_hash`` / ``node_hash`` / ``root_hash`` / ``inclusion_proof`` / ``consistency_proof``
  compute from the raw entries (a client, a test, a small local log);
* ``inclusion_proof_from`` / ``consistency_proof_from`` / ``root_from_subtrees`` compute from a
  lookup of stored *perfect subtree* hashes, so a server answers any proof in O(log n) reads;
* ``root_from_*`` compute a root from a proof, and ``verify_*`` compare it: they return None or
  raise :class:`ProofError`, after checking sizes, indices, hash lengths and the exact proof
  length, before any hashing.

The verification follows transparency-dev/merkle ``proof/verify.go``, which is equivalent to the
RFC 9162 §2.1.3.2 / §2.1.4.2 algorithms (the tests cross-check it against a literal transcription
of the RFC and against a naive recursive reference).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from exporter_desk.trustnet.errors import ProofError

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "MAX_TREE_SIZE",
    "SubtreeHashLookup",
    "consistency_proof",
    "consistency_proof_from",
    "inclusion_proof",
    "inclusion_proof_from",
    "leaf_hash",
    "node_hash",
    "root_from_consistency_proof",
    "root_from_inclusion_proof",
    "root_from_subtrees",
    "root_hash",
    "verify_consistency",
    "verify_inclusion",
]

HASH_SIZE = 32
"""Length in bytes of every hash in the tree (SHA-256)."""

MAX_TREE_SIZE = 2**64 - 1
"""Largest tree size (and one more than the largest index) that checkpoints can express."""

EMPTY_ROOT = hashlib.sha256(b"").digest()
"""The root hash of the empty tree: SHA-256 of the empty string."""

SubtreeHashLookup = Callable[[int, int], bytes]
"""``get_subtree_hash(start, end)``: the stored hash of the perfect subtree over leaves
``[start, end)``, where ``end - start`` is a power of two and ``start`` a multiple of it. For a
single leaf (``end == start + 1``) that is the leaf hash."""

_LEAF_PREFIX = b"\x00"
_NODE_PREFIX = b"\x01"


# --- hashing -------------------------------------------------------------------------------------


def leaf_hash(data: bytes) -> bytes:
    """Return the RFC 9162 hash of a leaf: ``SHA-256(0x00 || data)``."""
    return hashlib.sha256(_LEAF_PREFIX + bytes(data)).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return the RFC 9162 hash of an interior node: ``SHA-256(0x01 || left || right)``.

    Raises:
        ProofError: if either child is not a 32-byte hash.
    """
    _check_hash("left child", left)
    _check_hash("right child", right)
    return _node(left, right)


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(_NODE_PREFIX + left + right).digest()


def root_hash(leaves: Sequence[bytes]) -> bytes:
    """Return the Merkle tree hash (MTH) of the raw entries ``leaves``.

    The empty tree's root is :data:`EMPTY_ROOT`. Runs in O(n) time and O(log n) memory.
    """
    # A stack of perfect subtrees of strictly decreasing height: the tree's right border.
    stack: list[tuple[int, bytes]] = []
    for data in leaves:
        height, digest = 0, leaf_hash(data)
        while stack and stack[-1][0] == height:
            _, left = stack.pop()
            height, digest = height + 1, _node(left, digest)
        stack.append((height, digest))
    if not stack:
        return EMPTY_ROOT
    root = stack[-1][1]
    for _, left in reversed(stack[:-1]):
        root = _node(left, root)
    return root


# --- proofs from the raw entries -----------------------------------------------------------------


def inclusion_proof(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """Return the RFC 9162 inclusion proof (audit path) of ``leaves[index]``, leaf side first.

    Raises:
        ProofError: if ``index`` is not in ``[0, len(leaves))``.
    """
    return inclusion_proof_from(index, len(leaves), _lookup_over(leaves))


def consistency_proof(leaves: Sequence[bytes], old_size: int) -> list[bytes]:
    """Return the RFC 9162 consistency proof from the first ``old_size`` leaves to all of them.

    Raises:
        ProofError: unless ``0 < old_size <= len(leaves)``.
    """
    return consistency_proof_from(old_size, len(leaves), _lookup_over(leaves))


def _lookup_over(leaves: Sequence[bytes]) -> SubtreeHashLookup:
    # The perfect subtrees of one proof are disjoint, so the proof costs O(n) in total.
    def get_subtree_hash(start: int, end: int) -> bytes:
        return root_hash(leaves[start:end])

    return get_subtree_hash


# --- proofs from stored subtree hashes ------------------------------------------------------------


def inclusion_proof_from(index: int, size: int, get_subtree_hash: SubtreeHashLookup) -> list[bytes]:
    """Return the inclusion proof of leaf ``index`` in the tree of ``size`` leaves.

    ``get_subtree_hash`` is called O(log size) times, only for perfect, aligned subtrees
    (see :data:`SubtreeHashLookup`).

    Raises:
        ProofError: if ``index`` is not in ``[0, size)``, or a looked-up hash is not 32 bytes.
    """
    _check_size("tree size", size)
    _check_index(index, size)
    siblings: list[bytes] = []  # collected root side first, returned leaf side first
    start, end, offset = 0, size, index
    while end - start > 1:
        split = _split(end - start)
        if offset < split:
            siblings.append(_range_hash(start + split, end, get_subtree_hash))
            end = start + split
        else:
            siblings.append(_range_hash(start, start + split, get_subtree_hash))
            start, offset = start + split, offset - split
    siblings.reverse()
    return siblings


def consistency_proof_from(
    old_size: int, new_size: int, get_subtree_hash: SubtreeHashLookup
) -> list[bytes]:
    """Return the RFC 9162 consistency proof from tree size ``old_size`` to ``new_size``.

    The proof is empty when the sizes are equal. ``get_subtree_hash`` is called O(log new_size)
    times, only for perfect, aligned subtrees.

    Raises:
        ProofError: unless ``0 < old_size <= new_size``, or if a looked-up hash is not 32 bytes.
    """
    _check_size("old size", old_size)
    _check_size("new size", new_size)
    if old_size == 0:
        raise ProofError("a consistency proof from the empty tree is meaningless")
    if old_size > new_size:
        raise ProofError(f"old size {old_size} is larger than new size {new_size}")
    if old_size == new_size:
        return []
    # SUBPROOF(m, D[start:end], whole) of RFC 9162 §2.1.4.1, unrolled top-down.
    nodes: list[bytes] = []
    start, end, remaining, whole = 0, new_size, old_size, True
    while True:
        size = end - start
        if remaining == size:
            if not whole:
                nodes.append(_range_hash(start, end, get_subtree_hash))
            break
        split = _split(size)
        if remaining <= split:
            nodes.append(_range_hash(start + split, end, get_subtree_hash))
            end = start + split
        else:
            nodes.append(_range_hash(start, start + split, get_subtree_hash))
            start, remaining, whole = start + split, remaining - split, False
    nodes.reverse()
    return nodes


def root_from_subtrees(size: int, get_subtree_hash: SubtreeHashLookup) -> bytes:
    """Return the root hash of the tree of ``size`` leaves from stored perfect subtree hashes.

    Calls ``get_subtree_hash`` once per perfect subtree on the tree's right border (at most 64).

    Raises:
        ProofError: if ``size`` is out of range or a looked-up hash is not 32 bytes.
    """
    _check_size("tree size", size)
    if size == 0:
        return EMPTY_ROOT
    return _range_hash(0, size, get_subtree_hash)


def _range_hash(start: int, end: int, get_subtree_hash: SubtreeHashLookup) -> bytes:
    """MTH of leaves [start, end) as it appears in the RFC 9162 recursion from the root."""
    size = end - start
    if size & (size - 1) == 0 and start % size == 0:
        digest = get_subtree_hash(start, end)
        if not isinstance(digest, bytes | bytearray) or len(digest) != HASH_SIZE:
            raise ProofError(
                f"the stored hash of subtree [{start}, {end}) is not {HASH_SIZE} bytes"
            )
        return bytes(digest)
    split = _split(size)
    return _node(
        _range_hash(start, start + split, get_subtree_hash),
        _range_hash(start + split, end, get_subtree_hash),
    )


def _split(size: int) -> int:
    """The largest power of two smaller than ``size`` (``size >= 2``): RFC 9162's k."""
    return 1 << ((size - 1).bit_length() - 1)


# --- verification ---------------------------------------------------------------------------------


def root_from_inclusion_proof(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes]
) -> bytes:
    """Return the root hash that ``proof`` leads to from ``leaf_hash`` at ``index`` of ``size``.

    Raises:
        ProofError: if ``index`` is not in ``[0, size)``, a hash is not 32 bytes, or the proof
            does not have exactly the length a tree of this size needs for this index.
    """
    _check_size("tree size", size)
    _check_index(index, size)
    _check_hash("leaf hash", leaf_hash)
    inner, border = _decompose(index, size)
    if len(proof) != inner + border:
        raise ProofError(
            f"inclusion proof has {len(proof)} hashes; index {index} in a tree of size {size} "
            f"needs exactly {inner + border}"
        )
    for position, digest in enumerate(proof):
        _check_hash(f"proof hash {position}", digest)
    root = _chain_inner(bytes(leaf_hash), proof[:inner], index)
    return _chain_border_right(root, proof[inner:])


def verify_inclusion(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Check that ``proof`` proves ``leaf_hash`` at ``index`` in the tree of ``size`` and ``root``.

    Raises:
        ProofError: on any malformed input (see :func:`root_from_inclusion_proof`) or when the
            computed root differs from ``root``.
    """
    _check_hash("root hash", root)
    computed = root_from_inclusion_proof(leaf_hash, index, size, proof)
    if computed != root:
        raise ProofError(
            f"inclusion proof leads to root {computed.hex()}, expected root {bytes(root).hex()}"
        )


def root_from_consistency_proof(
    old_size: int, new_size: int, proof: Sequence[bytes], old_root: bytes
) -> bytes:
    """Return the new root that ``proof`` leads to from ``old_root``, having checked the old root.

    ``old_size == new_size`` needs an empty proof and returns ``old_root``.

    Raises:
        ProofError: if the sizes are out of order or zero (a proof from the empty tree is
            meaningless), a hash is not 32 bytes, the proof has the wrong length, or the proof
            does not lead back to ``old_root``.
    """
    _check_size("old size", old_size)
    _check_size("new size", new_size)
    _check_hash("old root", old_root)
    if new_size < old_size:
        raise ProofError(f"new size {new_size} is smaller than old size {old_size}")
    if old_size == new_size:
        if proof:
            raise ProofError(f"sizes are equal ({old_size}) but the proof is not empty")
        return bytes(old_root)
    if old_size == 0:
        raise ProofError("a consistency proof from the empty tree is meaningless")
    if not proof:
        raise ProofError(f"empty consistency proof from size {old_size} to {new_size}")

    inner, border = _decompose(old_size - 1, new_size)
    shift = _trailing_zeros(old_size)
    inner -= shift  # the proof starts at the level of the largest perfect subtree ending at old
    # The proof carries the hash of that subtree, unless it is the whole old tree.
    starts_with_seed = old_size != 1 << shift
    expected = int(starts_with_seed) + inner + border
    if len(proof) != expected:
        raise ProofError(
            f"consistency proof has {len(proof)} hashes; from size {old_size} to {new_size} it "
            f"needs exactly {expected}"
        )
    for position, digest in enumerate(proof):
        _check_hash(f"proof hash {position}", digest)
    seed = bytes(proof[0]) if starts_with_seed else bytes(old_root)
    path = proof[1:] if starts_with_seed else proof

    mask = (old_size - 1) >> shift
    old_computed = _chain_border_right(_chain_inner_right(seed, path[:inner], mask), path[inner:])
    if old_computed != old_root:
        raise ProofError(
            f"consistency proof leads to old root {old_computed.hex()}, expected old root "
            f"{bytes(old_root).hex()}"
        )
    return _chain_border_right(_chain_inner(seed, path[:inner], mask), path[inner:])


def verify_consistency(
    old_size: int, new_size: int, proof: Sequence[bytes], old_root: bytes, new_root: bytes
) -> None:
    """Check that the tree of ``new_size`` and ``new_root`` extends that of ``old_size``.

    Raises:
        ProofError: on any malformed input (see :func:`root_from_consistency_proof`) or when
            either computed root differs from the given one.
    """
    _check_hash("new root", new_root)
    computed = root_from_consistency_proof(old_size, new_size, proof, old_root)
    if computed != new_root:
        raise ProofError(
            f"consistency proof leads to new root {computed.hex()}, expected new root "
            f"{bytes(new_root).hex()}"
        )


def _decompose(index: int, size: int) -> tuple[int, int]:
    """Split an inclusion proof into the part below and above where the paths to ``index`` and
    ``size - 1`` diverge; the sum is the exact proof length."""
    inner = (index ^ (size - 1)).bit_length()
    border = (index >> inner).bit_count()
    return inner, border


def _trailing_zeros(value: int) -> int:
    return (value & -value).bit_length() - 1


def _chain_inner(seed: bytes, proof: Sequence[bytes], index: int) -> bytes:
    for level, sibling in enumerate(proof):
        if (index >> level) & 1 == 0:
            seed = _node(seed, bytes(sibling))
        else:
            seed = _node(bytes(sibling), seed)
    return seed


def _chain_inner_right(seed: bytes, proof: Sequence[bytes], index: int) -> bytes:
    # Only the siblings to the left: the hash of the earlier version of this subtree.
    for level, sibling in enumerate(proof):
        if (index >> level) & 1 == 1:
            seed = _node(bytes(sibling), seed)
    return seed


def _chain_border_right(seed: bytes, proof: Sequence[bytes]) -> bytes:
    for sibling in proof:
        seed = _node(bytes(sibling), seed)
    return seed


# --- preconditions --------------------------------------------------------------------------------


def _check_hash(what: str, value: object) -> None:
    if not isinstance(value, bytes | bytearray):
        raise ProofError(f"{what} is {type(value).__name__}, not bytes")
    if len(value) != HASH_SIZE:
        raise ProofError(f"{what} is {len(value)} bytes, not {HASH_SIZE}")


def _check_size(what: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ProofError(f"{what} is {type(value).__name__}, not an integer")
    if not 0 <= value <= MAX_TREE_SIZE:
        raise ProofError(f"{what} {value} is outside [0, 2^64)")


def _check_index(index: object, size: int) -> None:
    if not isinstance(index, int) or isinstance(index, bool):
        raise ProofError(f"index is {type(index).__name__}, not an integer")
    if not 0 <= index < size:
        raise ProofError(f"index {index} is not in a tree of size {size}")
