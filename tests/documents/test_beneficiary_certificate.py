"""The beneficiary's certificate of an L/C presentation."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from exporter_desk.documents import (
    DEFAULT_BENEFICIARY_STATEMENT,
    BeneficiaryCertificateContext,
    InconsistentDocumentDataError,
    MissingDocumentDataError,
    render_document,
)
from exporter_desk.domain import DocumentKind, PaymentMethod, PaymentTerms
from tests.documents._data import options
from tests.documents._pdf import assert_qpdf_clean, embedded_json, flat, write

BC = DocumentKind.BENEFICIARY_CERTIFICATE


@pytest.fixture
def certificate(contexts: dict[DocumentKind, object]) -> BeneficiaryCertificateContext:
    ctx = contexts[BC]
    assert isinstance(ctx, BeneficiaryCertificateContext)
    return ctx


def test_certifies_each_statement_under_the_credit(
    certificate: BeneficiaryCertificateContext, tmp_path: Path
) -> None:
    statements = (DEFAULT_BENEFICIARY_STATEMENT, "Shipment advice was faxed to the applicant.")
    doc = render_document(
        BC, replace(certificate, statements=statements), options(language="en+zh")
    )
    path = write(tmp_path, doc.pdf)
    words = flat(path)
    for expected in (
        "Beneficiary's Certificate",
        "受益人证明",
        "HY-BC-2026-0112 of 02 Nov 2026",
        "DEUT-LC-26-889120 Issued by Deutsche Bank AG, Hamburg Expiry 01 Jan 2027",
        "HY-CI-2026-0112 of 02 Nov 2026 USD 67,837.40",
        "To: Deutsche Bank AG, Hamburg",
        "We, the beneficiary of the above documentary credit, hereby certify that:",
        f"1. {DEFAULT_BENEFICIARY_STATEMENT}",
        "2. Shipment advice was faxed to the applicant.",
    ):
        assert expected in words, expected
    _raw, data = embedded_json(doc.pdf)
    assert data["statements"] == list(statements)
    assert_qpdf_clean(path)


def test_belongs_to_an_lc_presentation(certificate: BeneficiaryCertificateContext) -> None:
    invoice = replace(certificate.invoice, payment=PaymentTerms(PaymentMethod.TT, days=30))
    with pytest.raises(InconsistentDocumentDataError) as info:
        render_document(BC, replace(certificate, invoice=invoice), options())
    assert "is paid by T/T, and a beneficiary's certificate belongs to an L/C presentation" in (
        info.value.user_message
    )


def test_needs_a_statement(certificate: BeneficiaryCertificateContext) -> None:
    with pytest.raises(MissingDocumentDataError) as info:
        render_document(BC, replace(certificate, statements=("  ",)), options())
    assert info.value.missing == ("at least one statement to certify",)
