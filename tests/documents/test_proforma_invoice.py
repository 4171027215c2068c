"""The proforma invoice: an offer with its validity date and how to pay."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from exporter_desk.documents import (
    InconsistentDocumentDataError,
    InvoiceContext,
    MissingDocumentDataError,
    document_data,
    render_document,
)
from exporter_desk.domain import DocumentKind, PaymentMethod, PaymentTerms
from exporter_desk.domain.samples import SampleBook
from tests.documents._data import options
from tests.documents._pdf import (
    assert_inside_margins,
    assert_qpdf_clean,
    embedded_json,
    flat,
    write,
)

PI = DocumentKind.PROFORMA_INVOICE


@pytest.fixture
def proforma(contexts: dict[DocumentKind, object]) -> InvoiceContext:
    ctx = contexts[PI]
    assert isinstance(ctx, InvoiceContext)
    return ctx


def test_shows_validity_shipment_and_lc_instructions(
    proforma: InvoiceContext, tmp_path: Path
) -> None:
    doc = render_document(PI, proforma, options(language="en+zh"))
    path = write(tmp_path, doc.pdf)
    words = flat(path)
    for expected in (
        "Proforma Invoice",
        "形式发票",
        "HY-PI-2026-0047 of 28 Sep 2026",
        "Valid until",
        "28 Oct 2026",
        "Contract HY-S-2026-047 of 05 Oct 2026",
        "07 Nov 2026 to 02 Dec 2026",  # time of shipment from the contract
        "Not allowed",  # partial shipments
        "Please open an irrevocable documentary credit at sight for USD 65,300.00 in favour of "
        "Shanghai Huayang International Trading Co., Ltd., advised through Bank of China, "
        "Shanghai Branch (SWIFT BKCHCNSHXXX), subject to UCP 600",
        "Total CIF Hamburg (USD)",
        "SAY US DOLLARS SIXTY-FIVE THOUSAND THREE HUNDRED ONLY",
        "美元陆万伍仟叁佰元整",
        "valid until 28 Oct 2026",
    ):
        assert expected in words, expected
    assert "65,300.00" in words
    assert "Notify party" not in words  # no notify on an offer
    assert_qpdf_clean(path)
    assert_inside_margins(path)
    _raw, data = embedded_json(doc.pdf)
    assert data["kind"] == "proforma-invoice"
    assert {k: v for k, v in data.items() if k not in ("format", "kind", "number")} == (
        document_data(PI, proforma)
    )


def test_tt_with_advance_asks_for_the_advance_to_the_account(
    proforma: InvoiceContext, tmp_path: Path
) -> None:
    payment = PaymentTerms(PaymentMethod.TT, days=30, advance_percent=Decimal(30))
    ctx = replace(proforma, invoice=replace(proforma.invoice, payment=payment))
    words = flat(write(tmp_path, render_document(PI, ctx, options()).pdf))
    assert "Please remit 30% of USD 65,300.00 in advance by telegraphic transfer" in words
    assert "T/T 30% in advance, 70% balance 30 days after B/L date" in words
    assert "Account No.: 4563 5870 1234" in words


def test_needs_a_validity_date(proforma: InvoiceContext) -> None:
    ctx = replace(proforma, invoice=replace(proforma.invoice, valid_until=None))
    with pytest.raises(MissingDocumentDataError) as info:
        render_document(PI, ctx, options())
    assert info.value.user_message == (
        "Proforma Invoice HY-PI-2026-0047 cannot be printed: it needs the date until which the "
        "proforma is valid. Add the missing data and print it again."
    )


def test_a_commercial_invoice_is_not_a_proforma(
    contexts: dict[DocumentKind, object], book: SampleBook
) -> None:
    ctx = contexts[DocumentKind.COMMERCIAL_INVOICE]
    assert isinstance(ctx, InvoiceContext)
    with pytest.raises(InconsistentDocumentDataError) as info:
        render_document(PI, ctx, options())
    assert "is a commercial invoice, not a proforma one" in info.value.user_message
