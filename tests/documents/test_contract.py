"""Sales and purchase contracts: parties, goods, the clauses, and both signatures on one page."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from exporter_desk.documents import (
    ContractContext,
    InconsistentDocumentDataError,
    MissingDocumentDataError,
    render_document,
)
from exporter_desk.domain import DocumentKind
from tests.documents._data import many_lines, options
from tests.documents._pdf import (
    assert_inside_margins,
    assert_qpdf_clean,
    embedded_json,
    flat,
    text,
    words,
    write,
)

SC = DocumentKind.SALES_CONTRACT
PC = DocumentKind.PURCHASE_CONTRACT


def _ctx(contexts: dict[DocumentKind, object], kind: DocumentKind) -> ContractContext:
    ctx = contexts[kind]
    assert isinstance(ctx, ContractContext)
    return ctx


def test_sales_contract_has_goods_price_and_every_clause(
    contexts: dict[DocumentKind, object], tmp_path: Path
) -> None:
    doc = render_document(SC, _ctx(contexts, SC), options(language="en+zh"))
    path = write(tmp_path, doc.pdf)
    text = flat(path)
    for expected in (
        "Sales Contract",
        "销售合同",
        "HY-S-2026-047",
        "The Seller",
        "The Buyer",
        "Hanse Werkzeughandel GmbH",
        "Cordless drill 18 V, 2 batteries, case",
        "Total contract value, CIF Hamburg (USD)",
        "65,300.00",
        "SAY US DOLLARS SIXTY-FIVE THOUSAND THREE HUNDRED ONLY",
        "CIF Hamburg (Incoterms® 2020), Cost, Insurance and Freight.",
        "Shipment between 07 Nov 2026 and 02 Dec 2026. Partial shipments not allowed; "
        "transhipment allowed.",
        "Export standard cartons",
        "Irrevocable L/C at sight, L/C No. DEUT-LC-26-889120",
        "All risks for 110% of the invoice value, as per ICC (A).",
        "Quantity and quality as per supplier's inspection certificate.",
        "Force majeure",
        "不可抗力",
        "China International Economic and Trade Arbitration Commission (CIETAC), Shanghai",
        "made out in two originals in English and Chinese",
    ):
        assert expected in text, expected
    assert_qpdf_clean(path)
    assert_inside_margins(path)
    _raw, data = embedded_json(doc.pdf)
    assert data["kind"] == "sales-contract"
    assert data["totals"]["total"] == "65300.00"  # type: ignore[index]


def test_both_parties_sign_on_one_page_and_the_issuer_first(
    contexts: dict[DocumentKind, object], tmp_path: Path
) -> None:
    for kind, first, second in ((SC, "Seller", "Buyer"), (PC, "Buyer", "Seller")):
        doc = render_document(kind, _ctx(contexts, kind), options())
        ours, theirs = doc.signature_boxes
        assert ours.page_index == theirs.page_index == doc.page_count - 1
        assert ours.box[1] > theirs.box[1]  # ours above theirs
        path = write(tmp_path, doc.pdf, f"{kind.value}.pdf")
        _w, _h, found = words(path, doc.page_count)
        roles = [w for w in found if w.text in ("Seller", "Buyer") and w.x0 < 200]
        role_order = [w.text for w in sorted(roles, key=lambda w: w.y0)][-2:]
        assert role_order == [first, second], kind


def test_purchase_contract_is_headed_by_the_buyer(
    contexts: dict[DocumentKind, object], tmp_path: Path
) -> None:
    path = write(tmp_path, render_document(PC, _ctx(contexts, PC), options()).pdf)
    text = flat(path, 1)
    assert text.startswith("Shanghai Huayang International Trading Co., Ltd.")  # the issuer
    assert "Saigon Precision Tools Joint Stock Company" in text
    assert "To be covered by the Buyer." in flat(path)  # FOB: the buyer insures
    assert "Vietnam International Arbitration Centre (VIAC)" in flat(path)


def test_a_long_contract_keeps_headings_with_their_text(
    contexts: dict[DocumentKind, object], tmp_path: Path
) -> None:
    ctx = _ctx(contexts, SC)
    ctx = replace(ctx, contract=replace(ctx.contract, lines=many_lines(40)))
    doc = render_document(SC, ctx, options(language="en+zh"))
    path = write(tmp_path, doc.pdf)
    assert doc.page_count >= 3
    assert_inside_margins(path)
    heading = re.compile(r"^\s*\d+\. [A-Z][a-z].* / \d+\. ")  # "9. Arbitration / 9. 仲裁"
    for page in range(1, doc.page_count + 1):
        lines = [line for line in text(path, page, "-layout").splitlines() if line.strip()]
        body = lines[:-1]  # the last line is the footer
        assert not heading.match(body[-1]), (page, body[-1])  # no heading alone at the foot


def test_kind_must_match_the_contract(contexts: dict[DocumentKind, object]) -> None:
    with pytest.raises(InconsistentDocumentDataError) as info:
        render_document(PC, _ctx(contexts, SC), options())
    assert info.value.user_message == (
        "Purchase Contract HY-S-2026-047 cannot be printed: contract HY-S-2026-047 is a sales "
        "contract, not a purchase contract. Correct the data and print it again."
    )


def test_needs_both_parties(contexts: dict[DocumentKind, object]) -> None:
    with pytest.raises(MissingDocumentDataError) as info:
        render_document(SC, replace(_ctx(contexts, SC), seller=None, buyer=None), options())
    assert info.value.missing == ("the seller", "the buyer")
