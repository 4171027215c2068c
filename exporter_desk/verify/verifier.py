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


_NO_SIGNATURE = Skip("Not checked: there is no usable signature.", "未检查：没有可用的签名。")
_NO_RECEIPT = Skip(
    "Not checked: there is no usable registration receipt.", "未检查：没有可用的登记回执。"
)


_KIND_ZH = {
    "commercial-invoice": "商业发票",
    "proforma-invoice": "形式发票",
    "packing-list": "装箱单",
    "sales-contract": "销售合同",
    "purchase-contract": "采购合同",
    "certificate-of-origin": "原产地证明",
    "shipping-instruction": "托运单",
    "beneficiary-certificate": "受益人证明",
    "bill-of-exchange": "汇票",
    "bank-pack": "银行交单包",
}
"""The Chinese name of each document kind an entry names, for the reasons a person reads."""


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
            return Check(step, CheckStatus.NOT_APPLICABLE, self.stopped.en, self.stopped.zh)
        damaged = Result.UNREADABLE if step is Step.PARSE else Result.TAMPERED
        try:
            self.deadline.check()
            passed: tuple[str, str] = action()
        except Skip as skip:
            return Check(step, CheckStatus.NOT_APPLICABLE, skip.en, skip.zh)
        except Fail as fail:
            if fail.stop:
                self.stopped = Skip(
                    f"Not checked, because step {step.number} failed.",
                    f"未检查，因为第 {step.number} 步未通过。",
                )
            return Check(step, CheckStatus.FAILED, fail.en, fail.zh, fail.outcome, fail.detail)
        except OutOfTime as exc:
            return self._out_of_time(step, str(exc))
        except MemoryError:  # the machine's (or the worker's) limit, not a finding about the file
            raise
        except Exception as exc:  # pyHanko raises anything on hostile input (incl. Damaged)
            if not _is_input_failure(exc):
                if step is Step.PARSE:  # the later steps need what it would have read
                    self.stopped = Skip(
                        "Not checked, because step 1 could not be completed.",
                        "未检查，因为第 1 步未能完成。",
                    )
                return self._incomplete(step, exc)
            if step is Step.PARSE:
                self.stopped = Skip(
                    "Not checked: the file could not be read.", "未检查：无法读取该文件。"
                )
            return Check(
                step,
                CheckStatus.FAILED,
                "Part of the file is damaged or malformed, so this could not be checked."
                if step is not Step.PARSE
                else "This file is not a readable PDF document.",
                "文件的一部分已损坏或格式不正确，无法完成此项检查。"
                if step is not Step.PARSE
                else "该文件不是可读取的 PDF 文件。",
                damaged,
                f"{type(exc).__name__}: {exc}"[:500],
            )
        return Check(step, CheckStatus.PASSED, passed[0], passed[1])

    def _incomplete(self, step: Step, exc: Exception) -> Check:
        """The check of a step that failed with an error of our own: logged with its traceback,
        and the verdict says the check could not be completed (never TAMPERED for our bug)."""
        log.error(
            "verification step %d (%s) failed unexpectedly", step.number, step.id, exc_info=exc
        )
        return Check(
            step,
            CheckStatus.FAILED,
            "This check could not be completed because of an unexpected error in Exporter Desk "
            "itself, so no verdict can be given on it; the details were logged.",
            "由于 Exporter Desk 自身出现意外错误，此项检查未能完成，因此无法给出结论；详情已记入日志。",
            Result.INCOMPLETE,
            f"{type(exc).__name__}: {exc}"[:500],
        )

    def _out_of_time(self, step: Step, detail: str = "") -> Check:
        """The check of the step during which the time ran out; the later steps do not apply."""
        if self.stopped is not None:
            return Check(step, CheckStatus.NOT_APPLICABLE, self.stopped.en, self.stopped.zh)
        self.stopped = Skip(
            "Not checked: the time allowed for this file ran out.",
            "未检查：本文件的检查时间已用完。",
        )
        budget = f"{self.limits.time_budget:g}"
        return Check(
            step,
            CheckStatus.FAILED,
            f"Checking took longer than the {budget} seconds allowed and was stopped; the file "
            "may be built to slow checkers down.",
            f"检查超过了允许的 {budget} 秒，已被中止；该文件可能是为拖慢检查而特意构造的。",
            Result.UNREADABLE,
            detail or "time budget spent",
        )

    # --- 1. parse ---------------------------------------------------------------------------

    def step_1_parse(self, source: bytes | Path) -> tuple[str, str]:
        self.data = self._read(source)
        after = _pdf.entries_after_first_signature(self.data)
        if (
            after is not None
            and after[1] > _appended.MAX_UPDATE_OBJECTS * self.limits.max_revisions
        ):
            raise Fail(
                Result.TAMPERED,
                f"The file was changed after it was signed: about {after[1]:,} objects were "
                "written after the signature, far more than validation data or a time stamp "
                "take. Only those may follow the signature.",
                f"文件在签名后被改动：签名之后写入了约 {after[1]:,} 个对象，远多于验证数据或时间戳"
                "所需。签名之后只允许追加这两类内容。",
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
                "Part of this file is far larger than anything an issued document holds, so it "
                "was not read: reading it could exhaust this computer's memory.",
                "该文件的某一部分远大于任何签发文件所含的内容，为免耗尽本机内存，未予读取。",
                str(exc)[:500],
                stop=True,
            ) from exc
        except Exception as exc:  # pyHanko raises anything on hostile input
            if not _is_input_failure(exc):
                raise
            raise Fail(
                Result.UNREADABLE,
                "This file is not a readable PDF document (it is damaged, truncated, encrypted, "
                "or not a PDF at all).",
                "该文件不是可读取的 PDF 文件（已损坏、被截断、已加密，或根本不是 PDF）。",
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
                    f"The document was signed, but revision {removed + 1} removed the signature "
                    "from it (it replaced the document catalog or dropped its form), so that it "
                    "reads as unsigned.",
                    f"该文件原有签名，但第 {removed + 1} 版将签名移除（替换了文件目录或删除了表单），"
                    "使其看似未签名。",
                    f"a signature field up to revision {removed}, none in revision {last + 1}",
                    stop=True,
                )
            if _pdf.get(root, "/Perms") is not None:
                damaged.append("/Perms without a signature")
            else:
                raise Fail(
                    Result.UNSIGNED,
                    "This PDF is not signed, so nothing vouches for who issued it or that it is "
                    "unchanged.",
                    "该 PDF 没有签名，无法证明其签发方，也无法证明其未被改动。",
                    stop=True,
                )
        if not regular:
            raise Fail(
                Result.TAMPERED,
                "The document's signature is damaged (parts of it were removed or altered), so it "
                "cannot be checked.",
                "文件的签名已损坏（部分内容被删除或修改），无法检查。",
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
                "The document's signature is damaged, so it cannot be checked.",
                "文件的签名已损坏，无法检查。",
                f"{type(exc).__name__}: {exc}"[:500],
                stop=True,
            ) from exc
        if len(regular) > 1 or damaged:
            names = ", ".join(repr(item.name) for _, item in regular)
            raise Fail(
                Result.TAMPERED,
                f"The file has {len(regular) + len(damaged)} signatures where an issued document "
                "has exactly one; a later signature can change what the document shows.",
                f"该文件有 {len(regular) + len(damaged)} 个签名，而签发的文件只应有一个；"
                "后加的签名可能改变文件显示的内容。",
                f"signatures {names}; damaged: {damaged}",
            )
        size, limit = _size_text(len(self.data)), _size_text(self.limits.max_file_size)
        return (
            f"A readable PDF of {len(opened.revisions)} revisions with one signature "
            f"({first.name}); {size}, within the {limit} a verification reads.",
            f"可读取的 PDF，共 {len(opened.revisions)} 个版本，有一个签名（{first.name}）；"
            f"大小 {size}，未超过检查所读取的上限 {limit}。",
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
            f"The file is larger than {_size_text(limit)}, the most a verification reads (an "
            "issued document is far smaller); it was not read.",
            f"该文件超过 {_size_text(limit)}，即检查所读取的上限（签发的文件远小于此），未予读取。",
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
                    f"The file could not be opened: {exc.strerror or exc}.",
                    "无法打开该文件。",
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

    def step_2_signature(self) -> tuple[str, str]:
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
                "The signature is damaged or in a form that cannot be checked.",
                "签名已损坏，或其格式无法检查。",
                f"{type(exc).__name__}: {exc}"[:500],
            ) from exc
        self.signer = x509.load_der_x509_certificate(status.signing_cert.dump())
        root = _signature.anchor_root(self.trust, status) if status.trusted else None
        self.issuer = _signature.issuer_info(self.signer, None if root is None else root.label)
        who, who_zh = _signature.who(self.issuer), _signature.who(self.issuer, zh=True)
        bare = _signature.who(self.issuer, bare=True)
        bare_zh = _signature.who(self.issuer, zh=True, bare=True)
        if not status.intact:
            raise Fail(
                Result.TAMPERED,
                "The file was changed after it was signed: its content no longer matches the "
                "signature.",
                "文件在签名后被改动过：其内容与签名不再相符。",
                "digest mismatch",
            )
        if not status.valid:
            raise Fail(
                Result.TAMPERED,
                f"The signature does not verify with the certificate of {who}: it was forged or "
                "damaged.",
                f"签名无法用 {who_zh} 的证书验证：签名是伪造的或已损坏。",
                "signature value invalid",
            )
        if not status.trusted:
            indication = str(status.trust_problem_indic)
            when = moment.strftime("%Y-%m-%d %H:%M UTC")
            if "NO_POE" in indication or "EXPIRED" in indication or "NOT_YET" in indication:
                en = f"The certificate of {who} was not valid at the signing time it claims ({when})."
                zh = f"{who_zh} 的证书在其声称的签名时间（{when}）并不有效。"
            elif "REVOKED" in indication:
                en, zh = f"The certificate of {who} has been revoked.", f"{who_zh} 的证书已被吊销。"
            else:
                en = (
                    f"The signer's certificate names {bare}, but it was not issued by a trust "
                    "network you have pinned or a certificate authority you trust, so nothing "
                    "vouches for who signed."
                )
                zh = (
                    f"签名人的证书名为 {bare_zh}，但它既非由您已固定的信任网络签发，也非由您信任的证书机构签发，"
                    "因此无法确认签名人的身份。"
                )
            raise Fail(Result.UNTRUSTED_ISSUER, en, zh, indication)
        anchor, anchor_zh = (
            (root.label, root.label_zh) if root else ("a trusted root", "受信任的根证书")
        )
        return (
            f"Intact signature by {who}, whose certificate is vouched for by {anchor}.",
            f"签名完整，签名人为 {who_zh}，其证书由{anchor_zh}担保。",
        )

    # --- 3. coverage ------------------------------------------------------------------------

    def step_3_coverage(self) -> tuple[str, str]:
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
                "The signature leaves parts of the file unsigned besides its own value, so those "
                "parts could have been changed.",
                "签名未覆盖除签名值以外的部分文件内容，这些部分可能已被改动。",
                f"byte range {byte_range}",
            )
        ends = {rev.end: rev.index for rev in opened.revisions}
        ends.update({rev.eof: rev.index for rev in opened.revisions})
        if signed_end not in ends:
            raise Fail(
                Result.TAMPERED,
                "The signature covers only part of a revision of the file.",
                "签名只覆盖了文件某个版本的一部分。",
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
                    f"The file was changed after it was signed: revision {revision.index + 1} was "
                    f"added after the signature, and {rejection.en}. Only validation data or a "
                    "document time stamp from a trusted authority may follow the signature.",
                    f"文件在签名后被改动：签名之后添加了第 {revision.index + 1} 版，且{rejection.zh}。"
                    "签名之后只允许追加验证数据或受信任机构的文档时间戳。",
                    f"revision {revision.index + 1}: {rejection.detail}"[:500],
                )
        end = opened.revisions[-1].end
        trailing = data[end:]
        if trailing.strip(b"\x00\t\n\f\r "):
            raise Fail(
                Result.TAMPERED,
                f"{len(trailing)} bytes were appended after the end of the signed file.",
                f"在已签名文件的末尾之后追加了 {len(trailing)} 个字节。",
                f"{len(trailing)} trailing bytes after offset {end}",
            )
        if later:
            return (
                f"The signature covers the file up to revision {signed + 1}; each of the "
                f"{len(later)} later revision(s) was checked to add only validation data or a "
                "document time stamp from a trusted authority.",
                f"签名覆盖至第 {signed + 1} 版；其后的 {len(later)} 个版本经检查仅添加了验证数据或"
                "受信任机构的文档时间戳。",
            )
        return ("The signature covers the whole file.", "签名覆盖整个文件。")

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

    def step_4_receipt(self) -> tuple[str, str]:
        opened, signed = self.opened, self.signed_index
        if opened is None or signed is None:
            raise _NO_SIGNATURE
        specs = _pdf.embedded_files(opened.root(signed), RECEIPT_NAME, self.limits)
        if not specs:
            raise Fail(
                Result.NOT_REGISTERED,
                "The document carries no registration receipt: it was signed without being "
                "registered with a trust network, or before its registration completed.",
                "该文件没有登记回执：它在未向信任网络登记（或登记尚未完成）时就被签名了。",
            )
        if len(specs) > 1:
            raise Fail(
                Result.TAMPERED,
                f"The document carries {len(specs)} registration receipts where there must be one.",
                f"该文件带有 {len(specs)} 份登记回执，而只应有一份。",
            )
        try:
            receipt = parse_proof(_pdf.read_embedded_file(specs[0], MAX_RECEIPT_SIZE))
            if receipt.extra is None:
                raise ReceiptError("the receipt carries no entry")
            entry = Entry.parse(receipt.extra)
        except (Damaged, TrustnetError) as exc:
            raise Fail(
                Result.NOT_REGISTERED,
                "The registration receipt is damaged, so the registration cannot be confirmed.",
                "登记回执已损坏，无法确认登记。",
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
                f"The registration receipt is for another document: the fingerprint it records "
                f"for {entry.kind} {entry.number} does not match this file.",
                f"该登记回执属于另一份文件：其记录的 {entry.kind} {entry.number} 的指纹与本文件不符。",
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
                "The registered part of the file is not a complete revision 1 on its own, so the "
                "registered bytes do not determine what the document shows.",
                "已登记的部分并非独立完整的第 1 版，因此登记的字节不能决定文件显示的内容。",
                f"length {entry.length}; revision 1 ends at {first.eof}/{first.end}; "
                f"startxref {first.tail_startxref} vs {first.startxref}; outside {outside[:5]}",
            )
        if signed + 1 != ISSUED_REVISIONS:
            raise Fail(
                Result.TAMPERED,
                f"The signature is on revision {signed + 1}, but an issued document is signed in "
                "revision 3 (registered document, receipt, signature).",
                f"签名位于第 {signed + 1} 版，而签发的文件应在第 3 版签名（已登记文件、回执、签名）。",
                f"signed revision {signed + 1}",
            )
        return (
            f"The receipt registers exactly this document: {entry.kind} {entry.number}, the "
            f"first {entry.length} bytes (revision 1).",
            f"回执登记的正是本文件：{_KIND_ZH.get(entry.kind, entry.kind)} {entry.number}，"
            f"即前 {entry.length} 个字节（第 1 版）。",
        )

    # --- 5. revisions -----------------------------------------------------------------------

    def step_5_revisions(self) -> tuple[str, str]:
        opened = self.opened
        if opened is None:
            raise _NO_SIGNATURE
        box = _revisions.read_signature_box(opened, self.limits)
        last = len(opened.revisions) - 1
        shown = None if self.signed_index is None else frozenset({self.signed_index, last})
        findings = _revisions.compare_revisions(opened, box, shown, self.limits, self.deadline)
        if findings:
            more = len(findings) - 1
            en_more = f" ({more} more change(s) of this kind were found.)" if more else ""
            zh_more = f"（另发现 {more} 处此类改动。）" if more else ""
            raise Fail(
                Result.TAMPERED,
                findings[0].en + en_more,
                findings[0].zh + zh_more,
                "; ".join(f.detail for f in findings),
            )
        later = len(opened.revisions) - 1
        return (
            f"The {later} revision(s) after revision 1 only add the receipt, the signature and "
            "metadata; every page is exactly as registered.",
            f"第 1 版之后的 {later} 个版本只添加了回执、签名和元数据；每一页都与登记时完全相同。",
        )

    # --- 6. content -------------------------------------------------------------------------

    def step_6_content(self) -> tuple[str, str]:
        opened = self.opened
        if opened is None:
            raise _NO_SIGNATURE
        findings = _lint.lint_revision_one(opened, self.limits, self.deadline)
        if findings:
            en = ", ".join(f.en for f in findings)
            zh = "、".join(f.zh for f in findings)
            raise Fail(
                Result.TAMPERED,
                f"The registered document contains {en}, which can make a viewer show something "
                "other than what was registered.",
                f"已登记的文件包含{zh}，可能使阅读器显示与登记内容不同的东西。",
                "; ".join(f.detail for f in findings),
            )
        return (
            "The registered document holds plain pages: no scripts, actions, annotations, forms "
            "or layers.",
            "已登记的文件只有普通页面：没有脚本、动作、批注、表单或图层。",
        )

    # --- 7. issuer --------------------------------------------------------------------------

    def step_7_issuer(self) -> tuple[str, str]:
        entry, signer, issuer = self.entry, self.signer, self.issuer
        if entry is None:
            raise _NO_RECEIPT
        if signer is None or issuer is None:
            raise _NO_SIGNATURE
        if entry.issuer != issuer.fingerprint:
            raise Fail(
                Result.TAMPERED,
                f"The document was registered by another issuer (certificate "
                f"{entry.issuer[:16]}…) than {_signature.who(issuer)}, who signed it: a document registered "
                "by one company was re-signed by another.",
                f"该文件的登记方（证书 {entry.issuer[:16]}…）与签名人 {_signature.who(issuer, zh=True)} 不是同一方："
                "一家公司登记的文件被另一家公司重新签名。",
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
                "The registration record was not signed by this document's signer, or it was "
                "altered after signing.",
                "登记记录并非由本文件的签名人签署，或在签署后被改动过。",
                str(exc),
            ) from exc
        return (
            f"The registered issuer is the signer, {_signature.who(issuer)}, and the issuer's signature on "
            "the registration record is valid.",
            f"登记的签发方即签名人 {_signature.who(issuer, zh=True)}，且签发方对登记记录的签名有效。",
        )

    # --- 8. registration --------------------------------------------------------------------

    def step_8_registration(self) -> tuple[str, str]:
        receipt, entry = self.receipt, self.entry
        if receipt is None or entry is None:
            raise _NO_RECEIPT
        origin = Checkpoint.parse(parse_note(receipt.checkpoint).text).origin
        networks = self.trust.networks_of(origin)
        if not networks:
            raise Fail(
                Result.NOT_REGISTERED,
                f"The document was registered with the trust network {origin}, which you have not "
                "pinned; import its network descriptor to check the registration.",
                f"该文件在信任网络 {origin} 登记，而您尚未固定该网络；请导入其网络描述文件后再检查登记。",
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
                    "The receipt's checkpoint is dated before the registration record it "
                    "contains, which cannot happen.",
                    "回执中检查点的日期早于其所含的登记记录，这不可能发生。",
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
                    f"The trust network recorded this document on {date_text(when)}, when the signer's "
                    "certificate was not valid.",
                    f"信任网络于 {date_text(when)} 记录了该文件，而当时签名人的证书并不有效。",
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
        stamp = date_text(when) if when is not None else "an unwitnessed time"
        stamp_zh = date_text(when) if when is not None else "未经见证的时间"
        return (
            f"Recorded as entry {check.index} of the log {origin}, confirmed by "
            f"{len(witnesses)} witness(es) ({', '.join(witnesses) or 'none required'}) on {stamp}.",
            f"已记录为日志 {origin} 的第 {check.index} 条，由 {len(witnesses)} 个见证方"
            f"（{', '.join(witnesses) or '无需见证'}）于 {stamp_zh} 确认。",
        )

    # --- 9. status --------------------------------------------------------------------------

    def step_9_status(self) -> tuple[str, str]:
        check, network = self.registration, self.network
        if check is None or network is None:
            raise Skip(
                "Not checked: there is no confirmed registration to look up.",
                "未检查：没有已确认的登记可供查询。",
            )
        as_of = date_text(self.as_of) if self.as_of is not None else "the receipt's checkpoint"
        as_of_zh = date_text(self.as_of) if self.as_of is not None else "回执检查点的时间"
        if self.online is None:
            raise Skip(
                f"Checked offline: this verdict holds as of {as_of}. Check online to learn whether "
                "the document was superseded or the issuer's membership revoked since.",
                f"离线检查：本结论截至 {as_of_zh} 有效。联网检查可了解此后该文件是否已被取代，"
                "或签发方的成员资格是否已被撤销。",
            )
        try:
            status = self.online.fetch_status(network, check)
        except (ExporterError, OSError) as exc:
            raise Skip(
                f"The trust network could not be reached; this verdict holds as of {as_of}.",
                f"无法连接信任网络；本结论截至 {as_of_zh} 有效。",
            ) from exc
        self.deadline.check()
        en, zh, fresh = _online.judge_online(status, check, network)
        self.as_of = fresh or self.as_of
        return en, zh


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
            Result.NOT_REGISTERED,
            f"The receipt's checkpoint is not signed by the pinned log key of {origin}: it may "
            "be forged.",
            f"回执中的检查点并非由已固定的 {origin} 日志密钥签署，可能是伪造的。",
            detail,
        )
    if isinstance(exc, ProofError):
        return Fail(
            Result.NOT_REGISTERED,
            "The receipt's inclusion proof does not lead to the log's checkpoint: the receipt "
            "was altered or belongs to another record.",
            "回执中的包含证明无法对应到日志检查点：回执已被改动，或属于另一条记录。",
            detail,
        )
    if isinstance(exc, QuorumError):
        return Fail(
            Result.NOT_REGISTERED,
            f"Too few of the independent witnesses that {origin}'s policy requires vouch for "
            "the receipt's checkpoint, so the registration cannot be confirmed.",
            f"为回执检查点担保的独立见证方少于 {origin} 的策略要求，无法确认登记。",
            detail,
        )
    return Fail(
        Result.NOT_REGISTERED,
        exc.user_message,
        "无法依据已固定的信任网络确认该登记回执。",
        detail,
    )
