"""Step 9, online: what the trust network says now, believed only as far as it verifies
against the pinned policy (C2SP checkpoint signatures and witness quorum, RFC 9162 consistency,
receipts of the superseding entry and of the issuer's revocation)."""

from __future__ import annotations

from datetime import datetime

from exporter_desk.trustnet import (
    CheckpointError,
    NetworkDescriptor,
    NoteError,
    ProofError,
    ReceiptCheck,
    TrustnetError,
    open_checkpoint,
    verify_consistency,
    verify_receipt,
)
from exporter_desk.verify._outcome import Fail, Skip, date_text, from_epoch
from exporter_desk.verify.reasons import Reason, document_kind, reason
from exporter_desk.verify.trust import OnlineStatus
from exporter_desk.verify.verdict import Result

__all__ = ["judge_online"]


def judge_online(
    status: OnlineStatus, check: ReceiptCheck, network: NetworkDescriptor
) -> tuple[Reason, datetime | None]:
    """Check what the network answered against its pinned policy; return the reason of a
    passed step 9 and the witnessed time of the fresher checkpoint.

    Raises:
        Skip: the answer does not verify (then it is ignored, as if offline).
        Fail: the log's history was rewritten, the document superseded, or the issuer revoked.
    """
    unverifiable = Skip(reason("status.unverifiable"))
    try:
        opened = open_checkpoint(
            status.checkpoint, network.log_verifiers(), network.witness_verifiers()
        )
    except (NoteError, CheckpointError) as exc:
        raise unverifiable from exc
    names = {w.verifier: w.name for w in network.policy.witnesses}
    counted = {names[c.verifier]: c.timestamp for c in opened.cosignatures}
    if not opened.log_ok or not network.policy.is_satisfied(counted):
        raise unverifiable
    latest = opened.checkpoint
    try:
        verify_consistency(
            check.checkpoint.size,
            latest.size,
            status.consistency_proof,
            check.checkpoint.root_hash,
            latest.root_hash,
        )
    except ProofError as exc:
        raise Fail(
            Result.NOT_REGISTERED,
            reason("status.history_rewritten"),
            str(exc),
        ) from exc
    times = sorted(counted.values())
    fresh = from_epoch(times[len(times) // 2] if times else None)
    entry = check.entry
    if status.superseded_by is not None:
        try:
            newer = verify_receipt(status.superseded_by, network)
        except TrustnetError as exc:
            raise unverifiable from exc
        if newer.entry.supersedes == check.leaf_hash.hex() and newer.entry.issuer == entry.issuer:
            # When it was registered is what the witnesses vouch for, never the entry's own time
            # (the issuer's claim, which the log accepts within days of its clock).
            witnessed = from_epoch(newer.checkpoint_time)
            when = (
                reason("when.by", time=date_text(witnessed))
                if witnessed
                else reason("when.unwitnessed")
            )
            raise Fail(
                Result.NOT_REGISTERED,
                reason(
                    "status.superseded",
                    kind=document_kind(newer.entry.kind),
                    number=newer.entry.number,
                    when=when,
                ),
                f"superseded by log entry {newer.index}",
            )
    if status.revocation is not None:
        try:
            revoked = verify_receipt(status.revocation, network)
        except TrustnetError as exc:
            raise unverifiable from exc
        if revoked.entry.kind == "revocation" and revoked.entry.number == entry.issuer:
            raise Fail(
                Result.UNTRUSTED_ISSUER,
                reason("status.revoked", time=date_text(revoked.entry.time)),
                f"revocation at log entry {revoked.index}",
            )
    stamp = date_text(fresh) if fresh is not None else reason("time.now")
    return reason("status.passed", time=stamp, size=latest.size), fresh
