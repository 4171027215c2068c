"""The bill of exchange: a set of two drafts for the invoice total, on the right drawee."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from exporter_desk.documents import (
    BillOfExchangeContext,
    InconsistentDocumentDataError,
    MissingDocumentDataError,
    render_document,
)
from exporter_desk.domain import DocumentKind, PaymentMethod, PaymentTerms
from tests.documents._data import options
from tests.documents._pdf import (
    assert_inside_margins,
    assert_qpdf_clean,
    embedded_json,
    flat,
    write,
)

BE = DocumentKind.BILL_OF_EXCHANGE


@pytest.fixture
def draft(contexts: dict[DocumentKind, object]) -> BillOfExchangeContext:
    ctx = contexts[BE]
    assert isinstance(ctx, BillOfExchangeContext)
    return ctx


def test_first_and_second_of_exchange_for_the_invoice_total(
    draft: BillOfExchangeContext, tmp_path: Path
) -> None:
    doc = render_document(BE, draft, options(language="en+zh"))
    path = write(tmp_path, doc.pdf)
    words = flat(path)
    total = "USD 67,837.40"
    amount_words = draft.invoice.amount_in_words()
    for expected in (
        "Bill of Exchange",
        "汇票",
        "Exchange for / 汇票金额",
        total,
        "At SIGHT of this FIRST of Exchange (SECOND of the same tenor and date being unpaid) pay "
        f"to the order of BANK OF CHINA, SHANGHAI BRANCH the sum of {amount_words}.",
        "At SIGHT of this SECOND of Exchange (FIRST of the same tenor and date being unpaid)",
        "Drawn under documentary credit No. DEUT-LC-26-889120 issued by Deutsche Bank AG, "
        "Hamburg, invoice No. HY-CI-2026-0112. Value received.",
        "To (drawee) / 付款人 Deutsche Bank AG, Hamburg",
        draft.invoice.amount_in_words_zh(),
    ):
        assert expected in words, expected
    assert doc.page_count == 1
    first, second = doc.signature_boxes
    assert first.box[1] > second.box[1]
    _raw, data = embedded_json(doc.pdf)
    assert data["amount"] == "67837.40" and data["tenor"] == "SIGHT" and data["parts"] == 2
    assert_qpdf_clean(path)
    assert_inside_margins(path)


def test_dp_draft_is_drawn_on_the_buyer_at_the_usance(
    draft: BillOfExchangeContext, tmp_path: Path
) -> None:
    invoice = replace(draft.invoice, payment=PaymentTerms(PaymentMethod.DA, days=60))
    doc = render_document(BE, replace(draft, invoice=invoice, parts=1), options())
    words = flat(write(tmp_path, doc.pdf))
    assert "At 60 DAYS AFTER SIGHT of this SOLE of Exchange pay to the order of" in words
    assert "To (drawee) Hanse Werkzeughandel GmbH" in words
    assert "documents against acceptance" in words
    assert len(doc.signature_boxes) == 1


def test_tt_has_no_draft(draft: BillOfExchangeContext) -> None:
    invoice = replace(draft.invoice, payment=PaymentTerms(PaymentMethod.TT))
    with pytest.raises(InconsistentDocumentDataError) as info:
        render_document(BE, replace(draft, invoice=invoice), options())
    assert "a draft is drawn only under L/C, D/P or D/A" in info.value.user_message


def test_lc_draft_needs_its_drawee_bank(draft: BillOfExchangeContext) -> None:
    payment = replace(draft.invoice.payment, issuing_bank="")
    with pytest.raises(MissingDocumentDataError) as info:
        render_document(
            BE, replace(draft, invoice=replace(draft.invoice, payment=payment)), options()
        )
    assert info.value.missing == ("the drawee (the issuing bank of the L/C)",)
