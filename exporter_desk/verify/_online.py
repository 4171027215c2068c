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
from exporter_desk.verify.trust import OnlineStatus
from exporter_desk.verify.verdict import Result

__all__ = ["judge_online"]


def judge_online(
    status: OnlineStatus, check: ReceiptCheck, network: NetworkDescriptor
) -> tuple[str, str, datetime | None]:
    """Check what the network answered against its pinned policy; return the reasons of a
    passed step 9 and the witnessed time of the fresher checkpoint.

    Raises:
        Skip: the answer does not verify (then it is ignored, as if offline).
        Fail: the log's history was rewritten, the document superseded, or the issuer revoked.
    """
    unverifiable = Skip(
        "The trust network's answer could not be verified against its pinned keys, so it was "
        "ignored; this verdict holds as of the receipt's checkpoint.",
        "信任网络的答复无法用已固定的密钥验证，已被忽略；本结论以回执检查点的时间为准。",
    )
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
            "The trust network's current log does not contain the log this receipt came from: "
            "its history was rewritten, so the registration can no longer be relied on.",
            "信任网络当前的日志不包含本回执所依据的日志：其历史已被改写，登记不再可靠。",
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
            when_en = f"by {date_text(witnessed)}" if witnessed else "at an unwitnessed time"
            when_zh = f"不晚于 {date_text(witnessed)}" if witnessed else "于未经见证的时间"
            raise Fail(
                Result.NOT_REGISTERED,
                f"The issuer replaced this document: {newer.entry.kind} {newer.entry.number} was "
                f"registered {when_en} to supersede it. Ask the issuer for the current version.",
                f"签发方已取代本文件：{newer.entry.kind} {newer.entry.number} {when_zh}"
                "登记以取代本文件。请向签发方索取现行版本。",
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
                f"The trust network revoked the issuer's membership on {date_text(revoked.entry.time)}.",
                f"信任网络已于 {date_text(revoked.entry.time)} 撤销签发方的成员资格。",
                f"revocation at log entry {revoked.index}",
            )
    stamp = date_text(fresh) if fresh is not None else "now"
    return (
        f"Checked online as of {stamp}: the log ({latest.size} entries) still holds the "
        "registration, the document is not superseded and the issuer's membership stands.",
        f"已于 {stamp} 联网检查：日志（共 {latest.size} 条）仍包含该登记，文件未被取代，"
        "签发方的成员资格有效。",
        fresh,
    )
