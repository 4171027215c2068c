"""Attacks on issued documents, one test each, named after the attack: the verdict it must get,
the reason a person reads, and whether pyHanko's own validator calls the file valid (it does
for every attack on what the registered revision shows: that is why ``verify_pdf`` exists).

``test_tamper_matrix`` runs all of them once more and also asks poppler's ``pdfsig``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from exporter_desk.signing import (
    CertificateAuthority,
    SealAppearance,
    SigningCredentials,
    sign_pdf,
)
from exporter_desk.trustnet import generate_key
from exporter_desk.verify import CheckStatus, Result, Step, Trust, Verdict, verify_pdf
from exporter_desk.verify.reasons import Reason, reason
from tests.verify._build import (
    BOX,
    FAKE_TOTAL,
    RECEIPT_NAME,
    Issued,
    TestLog,
    add_annotation_over_total,
    add_document_time_stamp,
    add_dss,
    add_embedded_file,
    add_open_action_javascript,
    add_overlay_annotation,
    draw_revision_one,
    embed_receipt,
    hand_made_revision_one,
    issue,
    make_entry,
    pdfsig_says,
    pyhanko_calls_valid,
    replace_embedded_file,
    replace_page_content,
    update,
)

OVER_THE_TOTAL = (60, 588, 320, 632)


@dataclass(frozen=True)
class Kit:
    acme: SigningCredentials
    rogue: SigningCredentials
    log: TestLog
    trust: Trust
    now: datetime
    issued: Issued
    member_ca: CertificateAuthority


@pytest.fixture(scope="module")
def kit(
    acme: SigningCredentials,
    rogue: SigningCredentials,
    log: TestLog,
    trust: Trust,
    now: datetime,
    issued: Issued,
    member_ca: CertificateAuthority,
) -> Kit:
    return Kit(acme, rogue, log, trust, now, issued, member_ca)


def failed_steps(verdict: Verdict) -> list[Step]:
    return [c.step for c in verdict.checks if c.status is CheckStatus.FAILED]


# --- the attacks, as functions of the kit ---------------------------------------------------------


def byte_changed_inside_signed_range(k: Kit) -> bytes:
    pdf = bytearray(k.issued.pdf)
    position = pdf.index(b"ReportLab PDF Library")
    pdf[position] = ord("r")
    return bytes(pdf)


def page_content_replaced_after_signing(k: Kit) -> bytes:
    return update(k.issued.pdf, replace_page_content)


def annotation_over_total_added_after_signing(k: Kit) -> bytes:
    return update(k.issued.pdf, add_annotation_over_total)


def receipt_swapped_after_signing(k: Kit) -> bytes:
    other = draw_revision_one("INV-2025-0002", total=FAKE_TOTAL)
    receipt = k.log.register(
        make_entry(other, k.acme, when=k.now, number="INV-2025-0002"), when=k.now
    )
    return update(k.issued.pdf, lambda w: replace_embedded_file(w, RECEIPT_NAME, receipt.encode()))


def content_swap_hidden_in_receipt_revision(k: Kit) -> bytes:
    revision_one = draw_revision_one("INV-2025-0003")
    entry = make_entry(revision_one, k.acme, when=k.now, number="INV-2025-0003")
    receipt = k.log.register(entry, when=k.now)

    def receipt_and_swap(writer: object) -> None:
        add_embedded_file(writer, RECEIPT_NAME, receipt.encode())  # type: ignore[arg-type]
        replace_page_content(writer)  # type: ignore[arg-type]

    with_receipt = update(revision_one, receipt_and_swap)
    seal = SealAppearance(page=0, box=BOX, company_name=k.acme.identity.name)
    return sign_pdf(with_receipt, k.acme, now=k.now, appearance=seal)


def another_documents_receipt_embedded_then_signed(k: Kit) -> bytes:
    fake = draw_revision_one("INV-2025-0001", total=FAKE_TOTAL)
    seal = SealAppearance(page=0, box=BOX, company_name=k.acme.identity.name)
    return sign_pdf(embed_receipt(fake, k.issued.receipt), k.acme, now=k.now, appearance=seal)


def overlay_annotation_registered_in_revision_one(k: Kit) -> bytes:
    revision_one = draw_revision_one("INV-2025-0004", hook=add_overlay_annotation)
    return issue(revision_one, k.acme, k.log, when=k.now, number="INV-2025-0004").pdf


def open_action_javascript_registered_in_revision_one(k: Kit) -> bytes:
    revision_one = draw_revision_one("INV-2025-0005", hook=add_open_action_javascript)
    return issue(revision_one, k.acme, k.log, when=k.now, number="INV-2025-0005").pdf


def visible_signature_painted_over_the_total(k: Kit) -> bytes:
    revision_one = draw_revision_one("INV-2025-0006")
    return issue(
        revision_one, k.acme, k.log, when=k.now, number="INV-2025-0006", seal_box=OVER_THE_TOTAL
    ).pdf


def visible_signature_where_no_box_is_reserved(k: Kit) -> bytes:
    revision_one = draw_revision_one("INV-2025-0007", box=None)
    return issue(revision_one, k.acme, k.log, when=k.now, number="INV-2025-0007", seal_box=BOX).pdf


def sneaky_second_signature_covering_the_total(k: Kit) -> bytes:
    # Issued with an approval (not certifying) signature, which allows a later signature.
    revision_one = draw_revision_one("INV-2025-0008")
    entry = make_entry(revision_one, k.acme, when=k.now, number="INV-2025-0008")
    with_receipt = embed_receipt(revision_one, k.log.register(entry, when=k.now))
    seal = SealAppearance(page=0, box=BOX, company_name=k.acme.identity.name)
    signed = sign_pdf(with_receipt, k.acme, now=k.now, appearance=seal, certify=False)
    sneaky = SealAppearance(page=0, box=OVER_THE_TOTAL, company_name=FAKE_TOTAL)
    return sign_pdf(
        signed, k.rogue, now=k.now, appearance=sneaky, certify=False, field_name="Signature2"
    )


def byte_range_removed(k: Kit) -> bytes:
    return k.issued.pdf.replace(b"/ByteRange", b"/ByteRangX", 1)


def contents_removed(k: Kit) -> bytes:
    position = k.issued.pdf.rindex(b"/Contents <")
    return k.issued.pdf[:position] + b"/Contentz" + k.issued.pdf[position + len(b"/Contents") :]


def checkpoint_signed_by_an_unknown_log_key(k: Kit) -> bytes:
    impostor, _ = generate_key(k.log.origin)  # same name, another key
    revision_one = draw_revision_one("INV-2025-0009")
    entry = make_entry(revision_one, k.acme, when=k.now, number="INV-2025-0009")
    receipt = k.log.register(entry, when=k.now, log_signer=impostor)
    return issue(
        revision_one, k.acme, k.log, when=k.now, number="INV-2025-0009", receipt=receipt
    ).pdf


def receipt_below_the_witness_quorum(k: Kit) -> bytes:
    revision_one = draw_revision_one("INV-2025-0010")
    entry = make_entry(revision_one, k.acme, when=k.now, number="INV-2025-0010")
    receipt = k.log.register(entry, when=k.now, witnesses=[k.log.witnesses[0][0]])
    return issue(
        revision_one, k.acme, k.log, when=k.now, number="INV-2025-0010", receipt=receipt
    ).pdf


def registered_by_one_member_signed_by_another(k: Kit) -> bytes:
    # ACME registered it; Rogue (a valid member too) signs a copy, receipt and all.
    with_receipt = embed_receipt(k.issued.revision_one, k.issued.receipt)
    seal = SealAppearance(page=0, box=BOX, company_name=k.rogue.identity.name)
    return sign_pdf(with_receipt, k.rogue, now=k.now, appearance=seal)


def entry_signed_with_another_key(k: Kit) -> bytes:
    revision_one = draw_revision_one("INV-2025-0011")
    entry = make_entry(
        revision_one, k.acme, when=k.now, number="INV-2025-0011", issuer=k.rogue.fingerprint
    )  # names Rogue as issuer, but is signed with ACME's key
    receipt = k.log.register(entry, when=k.now)
    seal = SealAppearance(page=0, box=BOX, company_name=k.rogue.identity.name)
    return sign_pdf(embed_receipt(revision_one, receipt), k.rogue, now=k.now, appearance=seal)


def data_appended_after_the_signature(k: Kit) -> bytes:
    return k.issued.pdf + b"% total is really USD 99,999.00\n"


def extra_revision_before_the_signature(k: Kit) -> bytes:
    revision_one = draw_revision_one("INV-2025-0012")
    entry = make_entry(revision_one, k.acme, when=k.now, number="INV-2025-0012")
    with_receipt = embed_receipt(revision_one, k.log.register(entry, when=k.now))
    extra = update(with_receipt, lambda w: add_embedded_file(w, "notes.txt", b"hello"))
    seal = SealAppearance(page=0, box=BOX, company_name=k.acme.identity.name)
    return sign_pdf(extra, k.acme, now=k.now, appearance=seal)


def two_receipts(k: Kit) -> bytes:
    revision_one = draw_revision_one("INV-2025-0013")
    entry = make_entry(revision_one, k.acme, when=k.now, number="INV-2025-0013")
    receipt = k.log.register(entry, when=k.now)

    def both(writer: object) -> None:
        add_embedded_file(writer, RECEIPT_NAME, receipt.encode())  # type: ignore[arg-type]
        add_embedded_file(writer, RECEIPT_NAME, k.issued.receipt.encode())  # type: ignore[arg-type]

    seal = SealAppearance(page=0, box=BOX, company_name=k.acme.identity.name)
    return sign_pdf(update(revision_one, both), k.acme, now=k.now, appearance=seal)


def open_action_added_in_receipt_revision(k: Kit) -> bytes:
    revision_one = draw_revision_one("INV-2025-0014")
    entry = make_entry(revision_one, k.acme, when=k.now, number="INV-2025-0014")
    receipt = k.log.register(entry, when=k.now)

    def receipt_and_action(writer: object) -> None:
        from pyhanko.pdf_utils import generic

        add_embedded_file(writer, RECEIPT_NAME, receipt.encode())  # type: ignore[arg-type]
        action = generic.DictionaryObject(
            {
                generic.pdf_name("/S"): generic.pdf_name("/JavaScript"),
                generic.pdf_name("/JS"): generic.TextStringObject("app.alert('paid');"),
            }
        )
        writer.root[generic.pdf_name("/OpenAction")] = writer.add_object(action)  # type: ignore[attr-defined]
        writer.update_root()  # type: ignore[attr-defined]

    seal = SealAppearance(page=0, box=BOX, company_name=k.acme.identity.name)
    return sign_pdf(update(revision_one, receipt_and_action), k.acme, now=k.now, appearance=seal)


def revision_one_points_outside_the_registered_bytes(k: Kit) -> bytes:
    """Shadow content: revision 1's cross-reference table sends page 1's content stream to an
    offset just past the registered bytes, where the receipt revision carries another drawing.
    The registered digest still matches, and no later revision overrides anything."""
    import re

    from pypdf import PdfReader

    honest = draw_revision_one("INV-2025-0016")
    page = PdfReader(io.BytesIO(honest)).pages[0]
    number = page.raw_get("/Contents").idnum
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", honest).group(1))
    table = re.compile(rb"xref\s+0\s+\d+\s+").match(honest, start)
    assert table is not None
    entry = table.end() + 20 * number
    shadow = honest[:entry] + b"%010d" % len(honest) + honest[entry + 10 :]
    fake = f"BT /F1 14 Tf 72 600 Td ({FAKE_TOTAL}) Tj ET".encode()
    hidden = b"%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
        number,
        len(fake),
        fake,
    )
    entry_ = make_entry(shadow, k.acme, when=k.now, number="INV-2025-0016")
    with_receipt = embed_receipt(shadow + hidden, k.log.register(entry_, when=k.now))
    seal = SealAppearance(page=0, box=BOX, company_name=k.acme.identity.name)
    return sign_pdf(with_receipt, k.acme, now=k.now, appearance=seal)


def _issue_hand_made(k: Kit, number: str, catalog_extra: bytes, objects: bytes = b"") -> bytes:
    revision_one = hand_made_revision_one(catalog_extra, objects)
    return issue(revision_one, k.acme, k.log, when=k.now, number=number, seal_box=None).pdf


def javascript_behind_escaped_names_in_revision_one(k: Kit) -> bytes:
    # /Open#41ction is /OpenAction, /J#53 is /JS: no plain name gives the script away.
    return _issue_hand_made(
        k,
        "INV-2025-0017",
        b"/Open#41ction 6 0 R",
        b"6 0 obj\n<< /S /Java#53cript /J#53 (app.alert('paid in full')) >>\nendobj\n",
    )


def optional_content_layer_in_revision_one(k: Kit) -> bytes:
    # A layer that one viewer shows and another hides (or prints differently).
    return _issue_hand_made(
        k,
        "INV-2025-0018",
        b"/OCProperties << /OCGs [6 0 R] /D << /OFF [6 0 R] >> >>",
        b"6 0 obj\n<< /Type /OCG /Name (real total) >>\nendobj\n",
    )


def outline_item_with_a_launch_action_in_revision_one(k: Kit) -> bytes:
    return _issue_hand_made(
        k,
        "INV-2025-0019",
        b"/Outlines 6 0 R",
        b"6 0 obj\n<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>\nendobj\n"
        b"7 0 obj\n<< /Title (Payment details) /Parent 6 0 R "
        b"/A << /S /Launch /F (pay.exe) >> >>\nendobj\n",
    )


def font_swapped_through_an_info_dictionary_that_is_the_font(k: Kit) -> bytes:
    """Revision 1's trailer names its font dictionary as /Info; the receipt revision then
    rewrites "the metadata", which is the font every word of the page is drawn with. (Metadata
    may change after registration, so only knowing that this object is also drawn catches it.)"""
    from pyhanko.pdf_utils import generic

    revision_one = hand_made_revision_one(trailer_extra=b"/Info 5 0 R")
    entry = make_entry(revision_one, k.acme, when=k.now, number="INV-2025-0021")
    receipt = k.log.register(entry, when=k.now)

    def receipt_and_font(writer: Any) -> None:
        add_embedded_file(writer, RECEIPT_NAME, receipt.encode())
        writer.objects[(0, 5)] = generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Font"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
                generic.pdf_name("/BaseFont"): generic.pdf_name("/ZapfDingbats"),
            }
        )

    return sign_pdf(update(revision_one, receipt_and_font), k.acme, now=k.now)


def pages_reordered_in_receipt_revision(k: Kit) -> bytes:
    revision_one = draw_revision_one("INV-2025-0022", pages=2)
    entry = make_entry(revision_one, k.acme, when=k.now, number="INV-2025-0022")
    receipt = k.log.register(entry, when=k.now)

    def receipt_and_order(writer: Any) -> None:
        add_embedded_file(writer, RECEIPT_NAME, receipt.encode())
        pages = writer.root["/Pages"]
        kids = pages["/Kids"]
        kids.reverse()
        writer.update_container(pages)

    seal = SealAppearance(page=0, box=BOX, company_name=k.acme.identity.name)
    return sign_pdf(update(revision_one, receipt_and_order), k.acme, now=k.now, appearance=seal)


Attack = Callable[[Kit], bytes]


# --- one test per attack ----------------------------------------------------------------------


def parts(why: Reason) -> list[Reason]:
    """``why`` and every reason nested in it (the findings behind a headline)."""
    return list(why.parts())


def codes(why: Reason) -> set[str]:
    return set(why.codes())


def judge(k: Kit, attack: Attack) -> tuple[Verdict, bytes]:
    pdf = attack(k)
    return verify_pdf(pdf, k.trust, now=k.now), pdf


def test_byte_changed_inside_signed_range(kit: Kit) -> None:
    verdict, pdf = judge(kit, byte_changed_inside_signed_range)
    assert verdict.result is Result.TAMPERED
    assert verdict.check(Step.SIGNATURE).code == "signature.digest_mismatch"
    # The byte is in revision 1: the registered fingerprint does not match either.
    assert verdict.check(Step.RECEIPT).status is CheckStatus.FAILED
    assert not pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_page_content_replaced_after_signing(kit: Kit) -> None:
    verdict, pdf = judge(kit, page_content_replaced_after_signing)
    assert verdict.result is Result.TAMPERED
    coverage = verdict.check(Step.COVERAGE).reason
    assert (coverage.code, dict(coverage.params)["revision"]) == (
        "coverage.update_not_permitted",
        4,
    )
    assert reason("part.page_content", page=1) in parts(verdict.check(Step.REVISIONS).reason)
    assert not pyhanko_calls_valid(pdf, kit.member_ca.certificate)  # DocMDP: no changes


def test_annotation_over_total_added_after_signing(kit: Kit) -> None:
    verdict, _ = judge(kit, annotation_over_total_added_after_signing)
    assert verdict.result is Result.TAMPERED
    assert Step.COVERAGE in failed_steps(verdict)
    assert reason("revision.adds_annotation", revision=4, kind="FreeText", page=1) in parts(
        verdict.check(Step.REVISIONS).reason
    )


def test_receipt_swapped_after_signing(kit: Kit) -> None:
    verdict, _ = judge(kit, receipt_swapped_after_signing)
    assert verdict.result is Result.TAMPERED
    assert failed_steps(verdict) == [Step.COVERAGE]
    # The receipt is read from the signed revision, so the registration still checks out.
    assert verdict.check(Step.REGISTRATION).status is CheckStatus.PASSED


def test_content_swap_hidden_in_receipt_revision(kit: Kit) -> None:
    verdict, pdf = judge(kit, content_swap_hidden_in_receipt_revision)
    assert verdict.result is Result.TAMPERED
    assert failed_steps(verdict) == [Step.REVISIONS]
    replaced = reason("revision.replaces", revision=2, what=reason("part.page_content", page=1))
    assert replaced in parts(verdict.check(Step.REVISIONS).reason)[:2]  # the first finding
    assert "第 2 版替换了已登记文件中的第 1 页的页面内容" in verdict.check(Step.REVISIONS).reason_zh
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_another_documents_receipt_embedded_then_signed(kit: Kit) -> None:
    verdict, pdf = judge(kit, another_documents_receipt_embedded_then_signed)
    assert verdict.result is Result.TAMPERED
    assert verdict.headline.code == "receipt.other_document"
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_overlay_annotation_registered_in_revision_one(kit: Kit) -> None:
    verdict, pdf = judge(kit, overlay_annotation_registered_in_revision_one)
    assert verdict.result is Result.TAMPERED
    assert failed_steps(verdict) == [Step.CONTENT]
    assert verdict.headline.code == "content.forbidden"
    assert codes(verdict.headline) & {"lint.annotation", "lint.annotations_on_pages"}
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_open_action_javascript_registered_in_revision_one(kit: Kit) -> None:
    verdict, pdf = judge(kit, open_action_javascript_registered_in_revision_one)
    assert verdict.result is Result.TAMPERED
    assert failed_steps(verdict) == [Step.CONTENT]
    assert {"lint.javascript", "lint.open_action"} <= codes(verdict.headline)
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_visible_signature_painted_over_the_total(kit: Kit) -> None:
    verdict, pdf = judge(kit, visible_signature_painted_over_the_total)
    assert verdict.result is Result.TAMPERED
    assert failed_steps(verdict) == [Step.REVISIONS]
    outside = [p for p in parts(verdict.headline) if p.code == "revision.signature_outside_box"]
    assert outside and dict(outside[0].params)["rect"] == "[60 588 320 632]"
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_visible_signature_where_no_box_is_reserved(kit: Kit) -> None:
    verdict, _ = judge(kit, visible_signature_where_no_box_is_reserved)
    assert verdict.result is Result.TAMPERED
    assert "revision.signature_without_box" in codes(verdict.headline)


def test_invisible_signature_needs_no_reserved_box(kit: Kit) -> None:
    revision_one = draw_revision_one("INV-2025-0015", box=None)
    pdf = issue(
        revision_one, kit.acme, kit.log, when=kit.now, number="INV-2025-0015", seal_box=None
    ).pdf
    assert verify_pdf(pdf, kit.trust, now=kit.now).result is Result.AUTHENTIC


def test_sneaky_second_signature_covering_the_total(kit: Kit) -> None:
    verdict, pdf = judge(kit, sneaky_second_signature_covering_the_total)
    assert verdict.result is Result.TAMPERED
    assert verdict.headline == reason("parse.several_signatures", count=2)
    assert {Step.PARSE, Step.COVERAGE, Step.REVISIONS} <= set(failed_steps(verdict))
    assert "revision.signature_outside_box" in codes(verdict.check(Step.REVISIONS).reason)
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)  # the first signature: "valid"


def test_byte_range_removed(kit: Kit) -> None:
    verdict, pdf = judge(kit, byte_range_removed)
    assert verdict.result is Result.TAMPERED
    assert verdict.headline.code in {"parse.signature_damaged", "parse.signature_unreadable"}
    assert not pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_contents_removed(kit: Kit) -> None:
    verdict, _ = judge(kit, contents_removed)
    assert verdict.result is Result.TAMPERED
    assert verdict.headline.code in {"parse.signature_damaged", "parse.signature_unreadable"}


def test_checkpoint_signed_by_an_unknown_log_key(kit: Kit) -> None:
    verdict, pdf = judge(kit, checkpoint_signed_by_an_unknown_log_key)
    assert verdict.result is Result.NOT_REGISTERED
    assert failed_steps(verdict) == [Step.REGISTRATION]
    assert verdict.headline.code == "registration.log_signature"
    assert verdict.registration is None and verdict.as_of is None
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_receipt_below_the_witness_quorum(kit: Kit) -> None:
    verdict, pdf = judge(kit, receipt_below_the_witness_quorum)
    assert verdict.result is Result.NOT_REGISTERED
    assert verdict.headline.code == "registration.quorum"
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_registered_by_one_member_signed_by_another(kit: Kit) -> None:
    verdict, pdf = judge(kit, registered_by_one_member_signed_by_another)
    assert verdict.result is Result.TAMPERED
    assert failed_steps(verdict) == [Step.ISSUER]
    assert verdict.headline.code == "issuer.other"
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_entry_signed_with_another_key(kit: Kit) -> None:
    verdict, _ = judge(kit, entry_signed_with_another_key)
    assert verdict.result is Result.TAMPERED
    assert verdict.headline.code == "issuer.entry_signature"


def test_data_appended_after_the_signature(kit: Kit) -> None:
    verdict, _ = judge(kit, data_appended_after_the_signature)
    assert verdict.result is Result.TAMPERED
    assert verdict.headline.code == "coverage.trailing_bytes"


def test_extra_revision_before_the_signature(kit: Kit) -> None:
    verdict, _ = judge(kit, extra_revision_before_the_signature)
    assert verdict.result is Result.TAMPERED
    assert verdict.headline == reason("receipt.wrong_revision", revision=4)


def test_two_receipts(kit: Kit) -> None:
    verdict, _ = judge(kit, two_receipts)
    assert verdict.result is Result.TAMPERED
    assert verdict.headline == reason("receipt.several", count=2)


def test_open_action_added_in_receipt_revision(kit: Kit) -> None:
    verdict, pdf = judge(kit, open_action_added_in_receipt_revision)
    assert verdict.result is Result.TAMPERED
    assert reason("revision.catalog", revision=3, key="/OpenAction") in parts(verdict.headline)
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_revision_one_points_outside_the_registered_bytes(kit: Kit) -> None:
    verdict, pdf = judge(kit, revision_one_points_outside_the_registered_bytes)
    assert verdict.result is Result.TAMPERED
    assert failed_steps(verdict) == [Step.RECEIPT]
    assert verdict.headline.code == "receipt.not_revision_one"
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_hand_made_revision_one_without_tricks_is_authentic(kit: Kit) -> None:
    pdf = _issue_hand_made(kit, "INV-2025-0020", b"")
    assert verify_pdf(pdf, kit.trust, now=kit.now).result is Result.AUTHENTIC


def test_javascript_behind_escaped_names_in_revision_one(kit: Kit) -> None:
    verdict, pdf = judge(kit, javascript_behind_escaped_names_in_revision_one)
    assert verdict.result is Result.TAMPERED
    assert failed_steps(verdict) == [Step.CONTENT]
    assert {"lint.javascript", "lint.open_action"} <= codes(verdict.headline)
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_optional_content_layer_in_revision_one(kit: Kit) -> None:
    verdict, _ = judge(kit, optional_content_layer_in_revision_one)
    assert verdict.result is Result.TAMPERED
    assert "lint.layers" in codes(verdict.headline)
    assert "可选内容" in verdict.headline_zh


def test_outline_item_with_a_launch_action_in_revision_one(kit: Kit) -> None:
    verdict, _ = judge(kit, outline_item_with_a_launch_action_in_revision_one)
    assert verdict.result is Result.TAMPERED
    assert "lint.action" in codes(verdict.headline)


def test_document_time_stamp_added_after_signing_is_permitted(kit: Kit) -> None:
    pdf = add_document_time_stamp(kit.issued.pdf, kit.member_ca, kit.now)
    verdict = verify_pdf(pdf, kit.trust, now=kit.now)
    assert verdict.result is Result.AUTHENTIC, verdict.to_json()
    assert verdict.check(Step.COVERAGE).reason == reason(
        "coverage.passed_with_updates", revision=3, count=1
    )


def test_font_swapped_through_an_info_dictionary_that_is_the_font(kit: Kit) -> None:
    verdict, pdf = judge(kit, font_swapped_through_an_info_dictionary_that_is_the_font)
    assert verdict.result is Result.TAMPERED
    assert reason("part.font") in parts(verdict.check(Step.REVISIONS).reason)
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_pages_reordered_in_receipt_revision(kit: Kit) -> None:
    verdict, pdf = judge(kit, pages_reordered_in_receipt_revision)
    assert verdict.result is Result.TAMPERED
    assert reason("part.page_tree") in parts(verdict.check(Step.REVISIONS).reason)
    assert "revision 3 page objects" in verdict.check(Step.REVISIONS).detail  # the order check
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate)


def test_validation_data_added_after_signing_is_permitted(kit: Kit) -> None:
    pdf = update(kit.issued.pdf, add_dss)
    verdict = verify_pdf(pdf, kit.trust, now=kit.now)
    assert verdict.result is Result.AUTHENTIC, verdict.to_json()
    assert verdict.check(Step.COVERAGE).code == "coverage.passed_with_updates"


# --- the matrix: our verdict, pyHanko's and pdfsig's --------------------------------------------

MATRIX: list[tuple[Attack, Result, bool, str]] = [
    # attack, our verdict, pyHanko calls it valid, pdfsig says
    (byte_changed_inside_signed_range, Result.TAMPERED, False, "invalid"),
    (page_content_replaced_after_signing, Result.TAMPERED, False, "valid, not total"),
    (annotation_over_total_added_after_signing, Result.TAMPERED, False, "valid, not total"),
    (receipt_swapped_after_signing, Result.TAMPERED, False, "valid, not total"),
    (content_swap_hidden_in_receipt_revision, Result.TAMPERED, True, "valid"),
    (another_documents_receipt_embedded_then_signed, Result.TAMPERED, True, "valid"),
    (overlay_annotation_registered_in_revision_one, Result.TAMPERED, True, "valid"),
    (open_action_javascript_registered_in_revision_one, Result.TAMPERED, True, "valid"),
    (visible_signature_painted_over_the_total, Result.TAMPERED, True, "valid"),
    (visible_signature_where_no_box_is_reserved, Result.TAMPERED, True, "valid"),
    # pdfsig: both signatures valid, the first "not total", as in any two-signature document
    (sneaky_second_signature_covering_the_total, Result.TAMPERED, True, "valid, not total"),
    (byte_range_removed, Result.TAMPERED, False, "invalid"),
    (contents_removed, Result.TAMPERED, False, "invalid"),
    (checkpoint_signed_by_an_unknown_log_key, Result.NOT_REGISTERED, True, "valid"),
    (receipt_below_the_witness_quorum, Result.NOT_REGISTERED, True, "valid"),
    (registered_by_one_member_signed_by_another, Result.TAMPERED, True, "valid"),
    (entry_signed_with_another_key, Result.TAMPERED, True, "valid"),
    (data_appended_after_the_signature, Result.TAMPERED, True, "valid, not total"),
    (extra_revision_before_the_signature, Result.TAMPERED, True, "valid"),
    (two_receipts, Result.TAMPERED, True, "valid"),
    (open_action_added_in_receipt_revision, Result.TAMPERED, True, "valid"),
    (revision_one_points_outside_the_registered_bytes, Result.TAMPERED, True, "valid"),
    (javascript_behind_escaped_names_in_revision_one, Result.TAMPERED, True, "valid"),
    (optional_content_layer_in_revision_one, Result.TAMPERED, True, "valid"),
    (outline_item_with_a_launch_action_in_revision_one, Result.TAMPERED, True, "valid"),
    (font_swapped_through_an_info_dictionary_that_is_the_font, Result.TAMPERED, True, "valid"),
    (pages_reordered_in_receipt_revision, Result.TAMPERED, True, "valid"),
]


@pytest.mark.parametrize(
    ("attack", "ours", "pyhanko_valid", "pdfsig"),
    MATRIX,
    ids=[row[0].__name__ for row in MATRIX],
)
def test_tamper_matrix(
    kit: Kit,
    attack: Attack,
    ours: Result,
    pyhanko_valid: bool,
    pdfsig: str,
    nss_db: str,
    tmp_path: Path,
) -> None:
    verdict, pdf = judge(kit, attack)
    assert verdict.result is ours, verdict.to_json()
    assert pyhanko_calls_valid(pdf, kit.member_ca.certificate) is pyhanko_valid
    assert pdfsig_says(pdf, tmp_path, nss_db) == pdfsig
