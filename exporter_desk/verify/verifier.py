"""``verify_pdf``: may I trust this PDF? Offline, against pinned trust roots, in nine numbered
steps that match the methods of :class:`_Verification` one for one (DESIGN.md section 4).

The issued-document format it checks (DESIGN.md section 3): revision 1 is the rendered document
R, registered in the trust network's log by its SHA-256 and length; revision 2 embeds the receipt
``receipt.tlog-proof`` (C2SP tlog-proof@v1, the log entry in its ``extra`` line); revision 3 is a
PAdES signature over the whole file. Revision 1 may embed ``document.json``; if a visible
signature is wanted, its ``signature_box`` member reserves the blank box for it::

    "signature_box": {"page": 0, "rect": [x0, y0, x1, y1]}

with ``page`` the 0-based page index and ``rect`` in PDF points in the page's default user space
(what :class:`exporter_desk.signing.SealAppearance` takes). A visible signature anywhere else, or
any visible signature when no box is recorded, is TAMPERED: it could paint over the content.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko_certvalidator import ValidationContext

from exporter_desk.errors import ExporterError
from exporter_desk.trustnet import (
    RECEIPT_NAME,
    Checkpoint,
    Entry,
    EntryError,
    NetworkDescriptor,
    NoteError,
    OutdatedTrustRootError,
    ProofError,
    QuorumError,
    Receipt,
    ReceiptCheck,
    ReceiptError,
    TrustnetError,
    parse_note,
    parse_proof,
    verify_receipt,
)
from exporter_desk.trustnet.receipt import MAX_RECEIPT_SIZE
from exporter_desk.verify import (
    _appended,
    _lint,
    _online,
    _pdf,
    _revisions,
    _signature,
)
from exporter_desk.verify._lazy_pyhanko import EmbeddedPdfSignature
from exporter_desk.verify._outcome import Fail, Skip, date_text, from_epoch
from exporter_desk.verify._pdf import Damaged, Deadline, OpenedPdf, OutOfTime
from exporter_desk.verify.reasons import Reason, document_kind, reason
from exporter_desk.verify.trust import DEFAULT_LIMITS, Limits, OnlineChecker, Trust
from exporter_desk.verify.verdict import (
    Check,
    CheckStatus,
    DocumentInfo,
    IssuerInfo,
    RegistrationInfo,
    Result,
    Step,
    Verdict,
    decide_result,
)

__all__ = ["RECEIPT_NAME", "verify_pdf"]

log = logging.getLogger(__name__)

ISSUED_REVISIONS: Final = 3
_CLOCK_SKEW: Final = timedelta(minutes=10)


def verify_pdf(
    source: bytes | Path,
    trust: Trust,
    *,
    now: datetime | None = None,
    online: OnlineChecker | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Verdict:
    """Judge an issued PDF. Offline unless ``online`` is given; never raises for a bad file.

    1. **Parse** defensively within ``limits`` (size, oversized tokens screened before parsing,
       revisions, objects, decoded bytes, time); find the signature fields: exactly one
       signature (document time stamps aside), and none removed by a later revision.
    2. **Signature**: pyHanko checks integrity and the signer's chain against the trust roots
       (pinned networks' member CAs, the user's CAs), offline, at the signing time it claims.
    3. **Coverage**: the signed byte range ends a revision; anything after it is TAMPERED unless
       it is checked to be validation data (/DSS) or a document time stamp that a trusted
       authority vouches for, and nothing else (see :mod:`._appended`).
    4. **Receipt**: exactly one ``receipt.tlog-proof`` in the signed revision; its entry's digest
       is SHA-256 of the first ``length`` bytes, ``length`` ends revision 1 (%%EOF + EOL),
       revision 1 uses no byte after it, and the signature is the third revision.
    5. **Revisions**: every later revision only adds (see :mod:`._revisions`): no override of a
       revision-1 object beyond the bookkeeping roles, signature widgets only inside the
       recorded signature box.
    6. **Content**: revision 1 has no JavaScript, actions, annotations, form or optional content.
    7. **Issuer**: the entry's issuer is the signer's certificate fingerprint, and the entry's
       signature verifies with the signer's key.
    8. **Registration**: the receipt verifies against the pinned network's policy (log key,
       inclusion proof, witness quorum), and was witnessed while the signer's certificate was valid.
    9. **Status** (online only): a fresher checkpoint consistent with the receipt's, and neither
       a superseding entry nor a revocation of the issuer. Offline, the verdict is "as of" the
       receipt's witnessed checkpoint time.

    Call it from a worker thread: pyHanko runs its own event loop, so the calling thread must
    not be running one.

    Time: the budget is cooperative, checked between the steps and inside our loops over the
    file's objects; with the size and decode limits it bounds ordinary hostile files. One
    pyHanko call on a crafted object can still run past it: where that matters (batches, the
    app), run it in a worker process with a hard deadline (``services.verify_batch``).
    Memory: an allocation that fails (``MemoryError``, as a worker's memory limit makes it) is
    raised to the caller, not reported as a finding about the file.

    Raises:
        ValueError: ``now`` is not timezone-aware (a programming error).
        RuntimeError: called from a thread that is running an asyncio event loop.
    """
    if now is not None and now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass  # no loop in this thread: as it should be
    else:
        raise RuntimeError("verify_pdf runs pyHanko's event loop: call it from a worker thread")
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return _Verification(trust, moment, online, limits).run(source)


_NO_SIGNATURE = Skip(reason("skip.no_signature"))
_NO_RECEIPT = Skip(reason("skip.no_receipt"))


class _Verification:
    """The state that one run of the plan builds up, step by step."""

    def __init__(
        self, trust: Trust, now: datetime, online: OnlineChecker | None, limits: Limits
    ) -> None:
        self.trust = trust
        self.now = now
        self.online = online
        self.limits = limits
        self.deadline = Deadline(limits)
        self.data = b""
        self.complete = False
        self.opened: OpenedPdf | None = None
        self.embedded: Any = None
        self.signed_at: datetime | None = None
        self.signer: x509.Certificate | None = None
        self.issuer: IssuerInfo | None = None
        self.signed_index: int | None = None
        self.receipt: Receipt | None = None
        self.entry: Entry | None = None
        self.network: NetworkDescriptor | None = None
        self.registration: ReceiptCheck | None = None
        self.registration_info: RegistrationInfo | None = None
        self.as_of: datetime | None = None
        self.stopped: Skip | None = None

    def run(self, source: bytes | Path) -> Verdict:
        plan = (
            (Step.PARSE, lambda: self.step_1_parse(source)),
            (Step.SIGNATURE, self.step_2_signature),
            (Step.COVERAGE, self.step_3_coverage),
            (Step.RECEIPT, self.step_4_receipt),
            (Step.REVISIONS, self.step_5_revisions),
            (Step.CONTENT, self.step_6_content),
            (Step.ISSUER, self.step_7_issuer),
            (Step.REGISTRATION, self.step_8_registration),
            (Step.STATUS, self.step_9_status),
        )
        checks = tuple(self._perform(step, action) for step, action in plan)
        entry = self.entry
        return Verdict(
            result=decide_result(checks),
            checks=checks,
            issuer=self.issuer,
            document=None
            if entry is None
            else DocumentInfo(
                entry.kind, entry.number, entry.digest, entry.length, entry.time, entry.supersedes
            ),
            registration=self.registration_info,
            as_of=self.as_of,
            signed_at=self.signed_at,
            file_sha256=hashlib.sha256(self.data).hexdigest() if self.complete else None,
        )

    def _perform(self, step: Step, action: Any) -> Check:
        """Run one step, turning what it raises into its check."""
        if self.stopped is not None:
            return Check(step, CheckStatus.NOT_APPLICABLE, self.stopped.reason)
        damaged = Result.UNREADABLE if step is Step.PARSE else Result.TAMPERED
        try:
            self.deadline.check()
            passed: Reason = action()
        except Skip as skip:
            return Check(step, CheckStatus.NOT_APPLICABLE, skip.reason)
        except Fail as fail:
            if fail.stop:
                self.stopped = Skip(reason("skip.step_failed", step=step.number))
            return Check(step, CheckStatus.FAILED, fail.reason, fail.outcome, fail.detail)
        except OutOfTime as exc:
            return self._out_of_time(step, str(exc))
        except MemoryError:  # the machine's (or the worker's) limit, not a finding about the file
            raise
        except Exception as exc:  # pyHanko raises anything on hostile input (incl. Damaged)
            if not _is_input_failure(exc):
                if step is Step.PARSE:  # the later steps need what it would have read
                    self.stopped = Skip(reason("skip.step_incomplete", step=step.number))
                return self._incomplete(step, exc)
            if step is Step.PARSE:
                self.stopped = Skip(reason("skip.unreadable"))
            return Check(
                step,
                CheckStatus.FAILED,
                reason("check.damaged" if step is not Step.PARSE else "parse.not_pdf"),
                damaged,
                f"{type(exc).__name__}: {exc}"[:500],
            )
        return Check(step, CheckStatus.PASSED, passed)

    def _incomplete(self, step: Step, exc: Exception) -> Check:
        """The check of a step that failed with an error of our own: logged with its traceback,
        and the verdict says the check could not be completed (never TAMPERED for our bug)."""
        log.error(
            "verification step %d (%s) failed unexpectedly", step.number, step.id, exc_info=exc
        )
        return Check(
            step,
            CheckStatus.FAILED,
            reason("check.internal_error"),
            Result.INCOMPLETE,
            f"{type(exc).__name__}: {exc}"[:500],
        )

    def _out_of_time(self, step: Step, detail: str = "") -> Check:
        """The check of the step during which the time ran out; the later steps do not apply."""
        if self.stopped is not None:
            return Check(step, CheckStatus.NOT_APPLICABLE, self.stopped.reason)
        self.stopped = Skip(reason("skip.out_of_time"))
        return Check(
            step,
            CheckStatus.FAILED,
            reason("check.out_of_time", budget=float(self.limits.time_budget)),
            Result.UNREADABLE,
            detail or "time budget spent",
        )

    # --- 1. parse ---------------------------------------------------------------------------

    def step_1_parse(self, source: bytes | Path) -> Reason:
        self.data = self._read(source)
        after = _pdf.entries_after_first_signature(self.data)
        if (
            after is not None
            and after[1] > _appended.MAX_UPDATE_OBJECTS * self.limits.max_revisions
        ):
            raise Fail(
                Result.TAMPERED,
                reason("parse.objects_after_signature", count=after[1]),
                f"{after[1]} xref entries after offset {after[0]}",
                stop=True,
            )
        try:
            self.opened = opened = _pdf.open_pdf(self.data, self.limits, self.deadline)
        except OutOfTime:
            raise
        except _pdf.Oversized as exc:
            raise Fail(
                Result.UNREADABLE,
                reason("parse.oversized_part"),
                str(exc)[:500],
                stop=True,
            ) from exc
        except Exception as exc:  # pyHanko raises anything on hostile input
            if not _is_input_failure(exc):
                raise
            raise Fail(
                Result.UNREADABLE,
                reason("parse.unreadable"),
                f"{type(exc).__name__}: {exc}"[:500],
                stop=True,
            ) from exc
        last = len(opened.revisions) - 1
        root = opened.root(last)
        regular: list[tuple[int, _pdf.SignatureField]] = []
        damaged: list[str] = []
        for item in _pdf.signature_fields(root, self.limits):
            if item.value is None:
                continue
            kind, end = _signature.signature_kind(item.value.get_object(), len(self.data))
            if kind == _signature.REGULAR:
                regular.append((end, item))
            elif kind != _signature.TIMESTAMP:
                damaged.append(f"{item.name or '?'}: {kind}")
        if not regular and not damaged:
            removed = self._signed_before(opened, last)
            if removed is not None:
                raise Fail(
                    Result.TAMPERED,
                    reason("parse.signature_removed", revision=removed + 1),
                    f"a signature field up to revision {removed}, none in revision {last + 1}",
                    stop=True,
                )
            if _pdf.get(root, "/Perms") is not None:
                damaged.append("/Perms without a signature")
            else:
                raise Fail(
                    Result.UNSIGNED,
                    reason("parse.unsigned"),
                    stop=True,
                )
        if not regular:
            raise Fail(
                Result.TAMPERED,
                reason("parse.signature_damaged"),
                "; ".join(damaged),
                stop=True,
            )
        regular.sort(key=lambda pair: pair[0])
        first = regular[0][1]
        try:
            self.embedded = EmbeddedPdfSignature(opened.reader, first.field, first.name)
        except Exception as exc:  # pyHanko raises anything on a malformed signature
            if not _is_input_failure(exc):
                raise
            raise Fail(
                Result.TAMPERED,
                reason("parse.signature_unreadable"),
                f"{type(exc).__name__}: {exc}"[:500],
                stop=True,
            ) from exc
        if len(regular) > 1 or damaged:
            names = ", ".join(repr(item.name) for _, item in regular)
            raise Fail(
                Result.TAMPERED,
                reason("parse.several_signatures", count=len(regular) + len(damaged)),
                f"signatures {names}; damaged: {damaged}",
            )
        size, limit = _size_text(len(self.data)), _size_text(self.limits.max_file_size)
        return reason(
            "parse.passed",
            revisions=len(opened.revisions),
            field=str(first.name),
            size=size,
            limit=limit,
        )

    def _signed_before(self, opened: OpenedPdf, last: int) -> int | None:
        """The first revision after one whose form held a signature value, if any."""
        signed = None
        for index in range(last):
            try:
                fields = list(_pdf.signature_fields(opened.root(index), self.limits))
            except Damaged:
                continue
            if any(item.value is not None for item in fields):
                signed = index
            elif signed is not None:
                return index
        return None if signed is None else signed + 1

    def _read(self, source: bytes | Path) -> bytes:
        limit = self.limits.max_file_size
        too_large = Fail(
            Result.UNREADABLE,
            reason("parse.too_large", limit=_size_text(limit)),
            f"more than {limit} bytes",
            stop=True,
        )
        if isinstance(source, Path):
            try:
                with source.open("rb") as handle:
                    data = handle.read(limit + 1)
            except OSError as exc:
                raise Fail(
                    Result.UNREADABLE,
                    reason("parse.cannot_open", error=str(exc.strerror or exc)),
                    repr(exc),
                    stop=True,
                ) from exc
        else:
            data = bytes(source)
        if len(data) > limit:
            raise too_large
        self.complete = True
        return data

    # --- 2. signature -----------------------------------------------------------------------

    def step_2_signature(self) -> Reason:
        if self.embedded is None:
            raise _NO_SIGNATURE
        claimed = self.embedded.self_reported_timestamp
        if isinstance(claimed, datetime) and claimed.utcoffset() is not None:
            self.signed_at = claimed.astimezone(UTC)
        moment = min(self.signed_at, self.now) if self.signed_at is not None else self.now
        context = ValidationContext(
            trust_manager=_signature.trust_manager(self.trust),
            allow_fetching=False,
            moment=moment,
            revocation_mode="soft-fail",
        )
        try:
            status = _signature.validate_signature(self.embedded, context)
        except Exception as exc:  # pyHanko raises many types on a malformed CMS blob
            if not _is_input_failure(exc):
                raise
            raise Fail(
                Result.TAMPERED,
                reason("signature.malformed"),
                f"{type(exc).__name__}: {exc}"[:500],
            ) from exc
        self.signer = x509.load_der_x509_certificate(status.signing_cert.dump())
        root = _signature.anchor_root(self.trust, status) if status.trusted else None
        self.issuer = _signature.issuer_info(self.signer, None if root is None else root.label)
        who = _signature.who(self.issuer)
        if not status.intact:
            raise Fail(Result.TAMPERED, reason("signature.digest_mismatch"), "digest mismatch")
        if not status.valid:
            raise Fail(
                Result.TAMPERED, reason("signature.invalid", who=who), "signature value invalid"
            )
        if not status.trusted:
            indication = str(status.trust_problem_indic)
            when = moment.strftime("%Y-%m-%d %H:%M UTC")
            if "NO_POE" in indication or "EXPIRED" in indication or "NOT_YET" in indication:
                why = reason("signature.not_valid_then", who=who, time=when)
            elif "REVOKED" in indication:
                why = reason("signature.revoked", who=who)
            else:
                bare = _signature.who(self.issuer, bare=True)
                why = reason("signature.untrusted", who=bare)
            raise Fail(Result.UNTRUSTED_ISSUER, why, indication)
        anchor = root.reason if root else reason("anchor.unknown")
        return reason("signature.passed", who=who, anchor=anchor)

    # --- 3. coverage ------------------------------------------------------------------------

    def step_3_coverage(self) -> Reason:
        opened = self.opened
        if self.embedded is None or opened is None:
            raise _NO_SIGNATURE
        byte_range = _pdf.numbers(self.embedded.sig_object.get_object().raw_get("/ByteRange"), 4)
        if byte_range is None:
            raise Damaged("/ByteRange is not four numbers")
        start, gap_start, gap_end, tail = (int(v) for v in byte_range)
        signed_end = gap_end + tail
        data = self.data
        gap = data[gap_start:gap_end]
        if (
            start != 0
            or not 0 < gap_start < gap_end <= signed_end <= len(data)
            or not (gap.startswith(b"<") and gap.endswith(b">"))
            or bytes(gap[1:-1]).strip(b"0123456789abcdefABCDEF")
        ):
            raise Fail(
                Result.TAMPERED,
                reason("coverage.gaps"),
                f"byte range {byte_range}",
            )
        ends = {rev.end: rev.index for rev in opened.revisions}
        ends.update({rev.eof: rev.index for rev in opened.revisions})
        if signed_end not in ends:
            raise Fail(
                Result.TAMPERED,
                reason("coverage.partial_revision"),
                f"signed range ends at {signed_end}, not at the end of a revision",
            )
        self.signed_index = signed = ends[signed_end]
        later = opened.revisions[signed + 1 :]
        for revision in later:
            rejection = _appended.permitted_update(
                opened, signed, revision.index, self.limits, self.deadline, self._check_stamp
            )
            if rejection is not None:
                raise Fail(
                    Result.TAMPERED,
                    reason(
                        "coverage.update_not_permitted",
                        revision=revision.index + 1,
                        rejection=rejection.reason,
                    ),
                    f"revision {revision.index + 1}: {rejection.detail}"[:500],
                )
        end = opened.revisions[-1].end
        trailing = data[end:]
        if trailing.strip(b"\x00\t\n\f\r "):
            raise Fail(
                Result.TAMPERED,
                reason("coverage.trailing_bytes", count=len(trailing)),
                f"{len(trailing)} trailing bytes after offset {end}",
            )
        if later:
            return reason("coverage.passed_with_updates", revision=signed + 1, count=len(later))
        return reason("coverage.passed")

    def _check_stamp(self, field: Any, name: str) -> str | None:
        """None if the document time stamp in ``field`` is intact and its authority trusted."""
        opened = self.opened
        assert opened is not None
        context = ValidationContext(
            trust_manager=_signature.trust_manager(self.trust),
            allow_fetching=False,
            moment=self.now,
            revocation_mode="soft-fail",
        )
        try:
            embedded = EmbeddedPdfSignature(opened.reader, field, name)
            status = _signature.validate_timestamp(embedded, context)
        except Exception as exc:  # pyHanko raises many types on a malformed CMS blob
            if not _is_input_failure(exc):
                raise
            return f"{type(exc).__name__}: {exc}"[:300]
        if not (status.intact and status.valid and status.trusted):
            return (
                f"intact {status.intact}, valid {status.valid}, trusted {status.trusted}: "
                f"{status.trust_problem_indic}"
            )
        return None

    # --- 4. receipt -------------------------------------------------------------------------

    def step_4_receipt(self) -> Reason:
        opened, signed = self.opened, self.signed_index
        if opened is None or signed is None:
            raise _NO_SIGNATURE
        specs = _pdf.embedded_files(opened.root(signed), RECEIPT_NAME, self.limits)
        if not specs:
            raise Fail(
                Result.NOT_REGISTERED,
                reason("receipt.missing"),
            )
        if len(specs) > 1:
            raise Fail(
                Result.TAMPERED,
                reason("receipt.several", count=len(specs)),
            )
        try:
            receipt = parse_proof(_pdf.read_embedded_file(specs[0], MAX_RECEIPT_SIZE))
            if receipt.extra is None:
                raise ReceiptError("the receipt carries no entry")
            entry = Entry.parse(receipt.extra)
        except (Damaged, TrustnetError) as exc:
            raise Fail(
                Result.NOT_REGISTERED,
                reason("receipt.damaged"),
                str(exc)[:500],
            ) from exc
        self.receipt, self.entry = receipt, entry
        data, first = self.data, opened.revisions[0]
        if (
            entry.length > len(data)
            or hashlib.sha256(data[: entry.length]).hexdigest() != entry.digest
        ):
            raise Fail(
                Result.TAMPERED,
                reason(
                    "receipt.other_document", kind=document_kind(entry.kind), number=entry.number
                ),
                f"SHA-256 of the first {entry.length} bytes is not {entry.digest}",
            )
        outside = [offset for offset in first.offsets if offset >= entry.length]
        outside += [number for number in first.object_streams if number not in first.live]
        if (
            entry.length not in (first.eof, first.end)
            or first.tail_startxref != first.startxref
            or outside
        ):
            raise Fail(
                Result.TAMPERED,
                reason("receipt.not_revision_one"),
                f"length {entry.length}; revision 1 ends at {first.eof}/{first.end}; "
                f"startxref {first.tail_startxref} vs {first.startxref}; outside {outside[:5]}",
            )
        if signed + 1 != ISSUED_REVISIONS:
            raise Fail(
                Result.TAMPERED,
                reason("receipt.wrong_revision", revision=signed + 1),
                f"signed revision {signed + 1}",
            )
        return reason(
            "receipt.passed",
            kind=document_kind(entry.kind),
            number=entry.number,
            length=entry.length,
        )

    # --- 5. revisions -----------------------------------------------------------------------

    def step_5_revisions(self) -> Reason:
        opened = self.opened
        if opened is None:
            raise _NO_SIGNATURE
        box = _revisions.read_signature_box(opened, self.limits)
        last = len(opened.revisions) - 1
        shown = None if self.signed_index is None else frozenset({self.signed_index, last})
        findings = _revisions.compare_revisions(opened, box, shown, self.limits, self.deadline)
        if findings:
            more = len(findings) - 1
            raise Fail(
                Result.TAMPERED,
                reason("revisions.more", finding=findings[0].reason, count=more)
                if more
                else findings[0].reason,
                "; ".join(f.detail for f in findings),
            )
        later = len(opened.revisions) - 1
        return reason("revisions.passed", count=later)

    # --- 6. content -------------------------------------------------------------------------

    def step_6_content(self) -> Reason:
        opened = self.opened
        if opened is None:
            raise _NO_SIGNATURE
        findings = _lint.lint_revision_one(opened, self.limits, self.deadline)
        if findings:
            raise Fail(
                Result.TAMPERED,
                reason("content.forbidden", items=tuple(f.reason for f in findings)),
                "; ".join(f.detail for f in findings),
            )
        return reason("content.passed")

    # --- 7. issuer --------------------------------------------------------------------------

    def step_7_issuer(self) -> Reason:
        entry, signer, issuer = self.entry, self.signer, self.issuer
        if entry is None:
            raise _NO_RECEIPT
        if signer is None or issuer is None:
            raise _NO_SIGNATURE
        if entry.issuer != issuer.fingerprint:
            raise Fail(
                Result.TAMPERED,
                reason("issuer.other", certificate=entry.issuer[:16], who=_signature.who(issuer)),
                f"entry issuer {entry.issuer}, signer {issuer.fingerprint}",
            )
        key = signer.public_key()
        try:
            if not isinstance(key, ec.EllipticCurvePublicKey):
                raise EntryError("the signer's key is not an EC key")
            entry.verify_signature(key)
        except EntryError as exc:
            raise Fail(
                Result.TAMPERED,
                reason("issuer.entry_signature"),
                str(exc),
            ) from exc
        return reason("issuer.passed", who=_signature.who(issuer))

    # --- 8. registration --------------------------------------------------------------------

    def step_8_registration(self) -> Reason:
        receipt, entry = self.receipt, self.entry
        if receipt is None or entry is None:
            raise _NO_RECEIPT
        origin = Checkpoint.parse(parse_note(receipt.checkpoint).text).origin
        networks = self.trust.networks_of(origin)
        if not networks:
            raise Fail(
                Result.NOT_REGISTERED,
                reason("registration.not_pinned", origin=origin),
                f"no pinned network {origin!r}",
            )
        failure: TrustnetError | None = None
        check: ReceiptCheck | None = None
        for network in networks:
            try:
                check = verify_receipt(receipt, network, now=int(self.now.timestamp()))
            except TrustnetError as exc:
                failure = exc
                continue
            self.network = network
            break
        if check is None:
            assert failure is not None
            raise _receipt_failure(failure, origin)
        when = from_epoch(check.checkpoint_time)
        if when is not None:
            if when < entry.time - _CLOCK_SKEW:
                raise Fail(
                    Result.NOT_REGISTERED,
                    reason("registration.checkpoint_before_entry"),
                    f"checkpoint {when}, entry {entry.time}",
                )
            signer = self.signer
            if signer is not None and not (
                signer.not_valid_before_utc - _CLOCK_SKEW
                <= when
                <= signer.not_valid_after_utc + _CLOCK_SKEW
            ):
                raise Fail(
                    Result.UNTRUSTED_ISSUER,
                    reason("registration.outside_validity", time=date_text(when)),
                    f"checkpoint {when} outside certificate validity",
                )
        self.registration = check
        self.as_of = when
        witnesses = tuple(sorted(check.cosigners))
        self.registration_info = RegistrationInfo(
            origin=origin,
            log_index=check.index,
            tree_size=check.checkpoint.size,
            leaf_hash=check.leaf_hash.hex(),
            checkpoint_time=when,
            witnesses=witnesses,
        )
        return reason(
            "registration.passed",
            index=str(check.index),
            origin=origin,
            count=len(witnesses),
            witnesses=", ".join(witnesses) or reason("registration.no_witnesses"),
            time=date_text(when) if when is not None else reason("time.unwitnessed"),
        )

    # --- 9. status --------------------------------------------------------------------------

    def step_9_status(self) -> Reason:
        check, network = self.registration, self.network
        if check is None or network is None:
            raise Skip(reason("status.no_registration"))
        as_of = (
            date_text(self.as_of) if self.as_of is not None else reason("time.receipt_checkpoint")
        )
        if self.online is None:
            raise Skip(reason("status.offline", time=as_of))
        try:
            status = self.online.fetch_status(network, check)
        except (ExporterError, OSError) as exc:
            raise Skip(reason("status.unreachable", time=as_of)) from exc
        self.deadline.check()
        passed, fresh = _online.judge_online(status, check, network)
        self.as_of = fresh or self.as_of
        return passed


# --- helpers -----------------------------------------------------------------------------------

# The libraries that parse what the file holds: what they raise says the input is malformed.
_PARSERS: Final = frozenset(
    {"pyhanko", "pyhanko_certvalidator", "asn1crypto", "cryptography", "oscrypto", "uritools"}
)


def _is_input_failure(exc: BaseException) -> bool:
    """Whether ``exc`` says the file is malformed (our :class:`Damaged`, or an error raised
    inside a parsing library, seen from the innermost frame outside the standard library),
    rather than a bug of ours (raised in our code, or anywhere else)."""
    if isinstance(exc, Damaged | RecursionError):  # cycles and nesting in the file recurse
        return True
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        frames.append(str(tb.tb_frame.f_globals.get("__name__", "")))
        tb = tb.tb_next
    for module in reversed(frames):
        top = module.partition(".")[0]
        if top in _PARSERS:
            return True
        if top not in sys.stdlib_module_names:
            return False
    return False


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    return f"{max(1, round(size / 1024))} KB"


def _receipt_failure(exc: TrustnetError, origin: str) -> Fail:
    detail = str(exc)[:500]
    if isinstance(exc, NoteError):
        return Fail(
            Result.NOT_REGISTERED, reason("registration.log_signature", origin=origin), detail
        )
    if isinstance(exc, ProofError):
        return Fail(Result.NOT_REGISTERED, reason("registration.inclusion_proof"), detail)
    if isinstance(exc, OutdatedTrustRootError):
        # Witnesses this verifier does not know vouch for the receipt: the pinned descriptor
        # predates a rotation. Not a forgery; the check cannot be completed until it is refreshed.
        return Fail(
            Result.INCOMPLETE,
            reason(
                "registration.trust_root_outdated",
                origin=origin,
                witnesses=", ".join(exc.unknown_signers),
            ),
            detail,
        )
    if isinstance(exc, QuorumError):
        return Fail(Result.NOT_REGISTERED, reason("registration.quorum", origin=origin), detail)
    return Fail(Result.NOT_REGISTERED, reason("registration.unconfirmed"), detail)
