"""The commercial invoice: every field a bank or customs officer looks for, figures as stored."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from exporter_desk.documents import (
    InconsistentDocumentDataError,
    InvoiceContext,
    MissingDocumentDataError,
    RenderedDocument,
    document_data,
    format_qr_payload,
    parse_qr_payload,
    render_document,
)
from exporter_desk.documents.qr import QrPayload
from exporter_desk.domain import (
    DocumentKind,
    Incoterm,
    InvoiceKind,
    Party,
    PaymentMethod,
    PaymentTerms,
    TradeTerms,
    TransportMode,
    ValidationError,
    format_amount,
)
from exporter_desk.domain.samples import SampleBook
from tests.documents._data import currency_invoice, many_lines, options
from tests.documents._pdf import (
    assert_clean_revision_one,
    assert_inside_margins,
    assert_qpdf_clean,
    embedded_json,
    flat,
    page_count,
    text,
    write,
)

CI = DocumentKind.COMMERCIAL_INVOICE


@pytest.fixture(scope="module")
def rendered(
    invoice_ctx: InvoiceContext, tmp_path_factory: pytest.TempPathFactory
) -> tuple[RenderedDocument, Path]:
    doc = render_document(CI, invoice_ctx, options(language="en+zh", mark="ORIGINAL"))
    return doc, write(tmp_path_factory.mktemp("ci"), doc.pdf)


def test_prints_every_field_of_the_un_layout_key(
    rendered: tuple[RenderedDocument, Path], invoice_ctx: InvoiceContext
) -> None:
    doc, path = rendered
    assert doc.page_count == 1
    words = flat(path)
    inv = invoice_ctx.invoice
    for expected in (
        "Commercial Invoice",
        "商业发票",
        "ORIGINAL",
        "Shanghai Huayang International Trading Co., Ltd.",  # seller
        "Hanse Werkzeughandel GmbH",  # buyer and consignee
        "Grosse Elbstrasse 145, 22767 Hamburg, Germany",
        "Elbe Logistics Hamburg GmbH & Co. KG",  # notify party
        "HY-CI-2026-0112 of 02 Nov 2026",  # number and date
        "Contract HY-S-2026-047 of 05 Oct 2026",
        "Buyer's ref. PO 4500192837",
        "DEUT-LC-26-889120",  # L/C number, paid by L/C
        "Issued by Deutsche Bank AG, Hamburg",
        "CIF Hamburg (Incoterms® 2020)",
        "Irrevocable L/C at sight",
        "VIETNAM",  # country of origin
        "VNSGN, Vietnam",  # port of loading
        "DEHAM, Germany",  # port of discharge
        "OOCL GERMANY V.061W",  # vessel and voyage
        "OOLU2718456780",  # B/L
        "CSQU 305438 3 · 40HC · seal OOLGK8812",
        "HANSE WERKZEUG HAMBURG C/NO. 1-UP MADE IN VIET NAM",  # marks
        "450 CARTONS",
        "Ocean freight VNSGN-DEHAM",
        "Insurance, 110% all risks",
        "Total CIF Hamburg (USD)",
        "Account No.: 4563 5870 1234",
        "SWIFT / BIC: BKCHCNSHXXX",
        "We certify that this invoice is true and correct",
        "Authorised signature and company seal",
    ):
        assert expected in words, expected
    assert inv.amount_in_words() in words
    assert inv.amount_in_words_zh() in words


def test_line_items_and_totals_equal_the_stored_figures(
    rendered: tuple[RenderedDocument, Path], invoice_ctx: InvoiceContext
) -> None:
    _doc, path = rendered
    layout_text = text(path, 1, "-layout")
    inv = invoice_ctx.invoice
    for n, line in enumerate(inv.lines, start=1):
        amount = format_amount(line.amount("USD").amount, "USD")
        row = re.search(
            rf"^\s*{n}\s+{re.escape(line.description_en)}\s+([\d.]+)\s+([\d,]+)\s+(\w+)\s+"
            rf"([\d,.]+)\s+([\d,.]+)\s*$",
            layout_text,
            re.M,
        )
        assert row is not None, line.description_en
        hs, qty, unit, price, printed = row.groups()
        assert hs.replace(".", "") == line.hs_code
        assert Decimal(qty.replace(",", "")) == line.quantity
        assert unit == line.unit.value
        assert Decimal(price) == line.unit_price
        assert printed == amount
    words = flat(path)
    assert "65,300.00" in words  # value of goods: 30,800 + 26,100 + 8,400
    assert "+ 2,350.00" in words and "+ 187.40" in words
    assert format_amount(inv.total().amount, "USD") == "67,837.40"
    assert re.search(r"Total CIF Hamburg \(USD\) / 总金额（USD） 67,837.40", words)


def test_embedded_json_is_the_data_and_the_qr_names_its_digest(
    rendered: tuple[RenderedDocument, Path], invoice_ctx: InvoiceContext
) -> None:
    doc, _path = rendered
    raw, data = embedded_json(doc.pdf)
    assert data == {
        "format": "exporter-desk-document/v1",
        "kind": "commercial-invoice",
        "number": "HY-CI-2026-0112",
        **document_data(CI, invoice_ctx),
    }
    totals = data["totals"]
    assert isinstance(totals, dict)
    assert totals["total"] == "67837.40" and totals["subtotal"] == "65300.00"
    invoice = data["invoice"]
    assert isinstance(invoice, dict)
    assert [line["amount"] for line in invoice["lines"]] == ["30800.00", "26100.00", "8400.00"]
    assert invoice["lines"][0]["unit_price"] == "38.50"
    assert "id" not in invoice and "seller_id" not in invoice  # local ids mean nothing outside
    assert "signature_box" not in data  # unknowable before the render: see RenderedDocument
    # the QR payload is computed over these very bytes
    payload = QrPayload(CI, "HY-CI-2026-0112", hashlib.sha256(raw).hexdigest(), "trust.example/log")
    assert parse_qr_payload(format_qr_payload(payload)) == payload


def test_opens_in_pypdf_passes_qpdf_and_is_a_clean_revision_one(
    rendered: tuple[RenderedDocument, Path],
) -> None:
    doc, path = rendered
    assert page_count(doc.pdf) == doc.page_count
    assert_qpdf_clean(path)
    assert_clean_revision_one(doc.pdf)
    (box,) = doc.signature_boxes
    assert box.page_index == 0


def test_same_data_gives_identical_bytes(invoice_ctx: InvoiceContext) -> None:
    first = render_document(CI, invoice_ctx, options())
    assert render_document(CI, invoice_ctx, options()).pdf == first.pdf
    later = options(created=options().created.replace(hour=11))
    assert render_document(CI, invoice_ctx, later).pdf != first.pdf


@pytest.mark.parametrize(
    ("currency", "lines", "total", "words"),
    [
        (
            "JPY",
            ["4,784,000", "4,044,000", "1,302,000"],
            "10,479,250",
            "SAY JAPANESE YEN TEN MILLION FOUR HUNDRED SEVENTY-NINE THOUSAND TWO HUNDRED FIFTY ONLY",
        ),
        (
            "KWD",
            ["9,500.000", "8,046.000", "2,590.000"],
            "20,916.030",
            "SAY KUWAITI DINARS TWENTY THOUSAND NINE HUNDRED SIXTEEN AND FILS THIRTY ONLY",
        ),
    ],
)
def test_currencies_print_their_own_minor_units(
    invoice_ctx: InvoiceContext,
    tmp_path: Path,
    currency: str,
    lines: list[str],
    total: str,
    words: str,
) -> None:
    ctx = currency_invoice(invoice_ctx, currency)
    path = write(tmp_path, render_document(CI, ctx, options()).pdf)
    printed = flat(path)
    for amount in [*lines, total]:
        assert amount in printed
    assert f"Total CIF Hamburg ({currency}) {total}" in printed
    assert words in printed
    if currency == "JPY":
        assert "− 15,000" in printed  # a discount subtracts
        goods = printed.split("Description of goods")[1].split("Amount in words")[0]
        assert not re.search(r"\.00\b", goods)  # yen have no decimals
        assert re.search(r"\b5,980 4,784,000\b", goods)  # unit price and amount of line 1
    else:
        assert "+ 722.125" in printed and "+ 57.905" in printed
        assert "11.875" in printed  # unit price at the currency's three decimals


def test_200_lines_paginate_with_every_line_once_and_nothing_past_the_margins(
    invoice_ctx: InvoiceContext, tmp_path: Path
) -> None:
    invoice = replace(invoice_ctx.invoice, lines=many_lines(200), charges=())
    ctx = replace(invoice_ctx, invoice=invoice)
    doc = render_document(CI, ctx, options(language="en+zh"))
    path = write(tmp_path, doc.pdf)
    assert doc.page_count >= 5
    seen: list[int] = []
    for page in range(1, doc.page_count + 1):
        page_text = text(path, page)
        rows = [int(n) for n in re.findall(r"Spare part (\d{3}) for", page_text)]
        if rows:
            assert ("Carried forward" in page_text) is (rows[-1] < 200), page
            assert ("Brought forward" in page_text) is (rows[0] > 1), page
        seen += rows
    assert seen == list(range(1, 201))
    total = format_amount(invoice.total().amount, "USD")
    quantity = f"{sum(line.quantity for line in invoice.lines):,}"  # one unit: quantities add
    total_row = rf"Total CIF Hamburg \(USD\) / 总金额（USD）\s+{quantity}\s+{total}\s*$"
    assert re.search(total_row, text(path, None, "-layout"), re.M)
    assert doc.signature_boxes[0].page_index == doc.page_count - 1
    assert_inside_margins(path)


def test_long_company_name_and_chinese_address_wrap_inside_the_margins(
    invoice_ctx: InvoiceContext, tmp_path: Path
) -> None:
    name = ("Zhejiang Golden Bridge Hardware Tools Import and Export Manufacturing Company " * 2)[
        :120
    ]
    assert len(name) == 120
    seller = replace(
        _seller(invoice_ctx),
        name_en=name,
        address_zh="中国浙江省金华市永康市经济开发区金桥大道1888号五金科技园区A座十二楼1201室",
    )
    buyer = replace(
        _buyer(invoice_ctx),
        name_zh="汉萨工具贸易有限公司",
        address_zh="德国汉堡市易北大街145号，邮编22767，汉萨工具贸易有限公司采购部",
    )
    ctx = replace(invoice_ctx, seller=seller, buyer=buyer, consignee=buyer)
    path = write(tmp_path, render_document(CI, ctx, options(language="en+zh")).pdf)
    assert_inside_margins(path)
    words = flat(path, 1)
    assert "德国汉堡市易北大街145号" in words.replace(" ", "")
    assert name.split()[0] in words


def _seller(ctx: InvoiceContext) -> Party:
    assert ctx.seller is not None
    return ctx.seller


def _buyer(ctx: InvoiceContext) -> Party:
    assert ctx.buyer is not None
    return ctx.buyer


# -- what cannot be printed ------------------------------------------------------------------


def test_missing_buyer_and_lines_are_named_together(invoice_ctx: InvoiceContext) -> None:
    ctx = replace(invoice_ctx, buyer=None, invoice=replace(invoice_ctx.invoice, lines=()))
    with pytest.raises(MissingDocumentDataError) as info:
        render_document(CI, ctx, options())
    assert info.value.missing == ("the buyer", "at least one line item")
    assert info.value.user_message == (
        "Commercial Invoice HY-CI-2026-0112 cannot be printed: it needs the buyer; at least "
        "one line item. Add the missing data and print it again."
    )


def test_missing_origin_and_referenced_shipment_are_refused(invoice_ctx: InvoiceContext) -> None:
    ctx = replace(
        invoice_ctx, shipment=None, invoice=replace(invoice_ctx.invoice, origin_country="")
    )
    with pytest.raises(MissingDocumentDataError) as info:
        render_document(CI, ctx, options())
    assert "the shipment named on the invoice" in info.value.user_message
    assert "the country of origin of the goods" in info.value.user_message


def test_tt_payment_needs_the_sellers_bank(invoice_ctx: InvoiceContext) -> None:
    invoice = replace(invoice_ctx.invoice, payment=PaymentTerms(PaymentMethod.TT, days=30))
    ctx = replace(invoice_ctx, invoice=invoice, seller=replace(_seller(invoice_ctx), bank=None))
    with pytest.raises(MissingDocumentDataError) as info:
        render_document(CI, ctx, options())
    assert info.value.missing == ("the seller's bank account, for the payment instructions",)


def test_a_proforma_is_not_printed_as_a_commercial_invoice(invoice_ctx: InvoiceContext) -> None:
    ctx = replace(invoice_ctx, invoice=replace(invoice_ctx.invoice, kind=InvoiceKind.PROFORMA))
    with pytest.raises(InconsistentDocumentDataError) as info:
        render_document(CI, ctx, options())
    assert info.value.user_message == (
        "Commercial Invoice HY-CI-2026-0112 cannot be printed: invoice HY-CI-2026-0112 is a "
        "proforma invoice, not a commercial one. Correct the data and print it again."
    )


def test_another_partys_id_is_refused(invoice_ctx: InvoiceContext) -> None:
    stranger = replace(_buyer(invoice_ctx), id=99)  # type: ignore[arg-type]
    with pytest.raises(InconsistentDocumentDataError) as info:
        render_document(CI, replace(invoice_ctx, buyer=stranger), options())
    assert info.value.problems == ("the buyer is not the invoice's",)


def test_invalid_domain_data_is_refused_by_its_own_validation(invoice_ctx: InvoiceContext) -> None:
    bad = replace(invoice_ctx.invoice.lines[0], hs_code="99ABC")
    ctx = replace(invoice_ctx, invoice=replace(invoice_ctx.invoice, lines=(bad,)))
    with pytest.raises(ValidationError) as info:
        render_document(CI, ctx, options())
    assert info.value.messages_for("lines.0.hs_code")


def test_a_context_of_another_kind_is_a_programming_error(contexts: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(TypeError, match="InvoiceContext"):
        render_document(CI, contexts[DocumentKind.PACKING_LIST], options())


def test_a_consignee_other_than_the_buyer_gets_its_own_box(
    invoice_ctx: InvoiceContext, book: SampleBook, tmp_path: Path
) -> None:
    consignee = book.forwarder
    invoice = replace(invoice_ctx.invoice, consignee_id=consignee.id, notify_id=None)
    ctx = replace(invoice_ctx, invoice=invoice, consignee=consignee, notify=None)
    path = write(tmp_path, render_document(CI, ctx, options()).pdf)
    boxes = text(path, 1, "-layout")
    reading_order = [
        "Consignee",
        "Elbe Logistics Hamburg GmbH & Co. KG",
        "Buyer (if other than consignee)",
        "Hanse Werkzeughandel GmbH",
        "Notify party",
        "SAME AS CONSIGNEE",
    ]
    positions = [boxes.index(phrase) for phrase in reading_order]
    assert positions == sorted(positions)


def test_air_shipments_show_the_flight_and_the_air_waybill(
    invoice_ctx: InvoiceContext, tmp_path: Path
) -> None:
    assert invoice_ctx.shipment is not None
    air = replace(
        invoice_ctx.shipment,
        mode=TransportMode.AIR,
        flight="LH 8407",
        containers=(),
        transport_document_no="020-12345675",
        port_of_loading="VNSGN",
        port_of_discharge="DEFRA",
    )
    terms = TradeTerms("USD", Incoterm.CPT, "Frankfurt", "", "")
    invoice = replace(invoice_ctx.invoice, terms=terms)
    ctx = replace(invoice_ctx, shipment=air, invoice=invoice)
    words = flat(write(tmp_path, render_document(CI, ctx, options()).pdf))
    assert "Flight LH8407" in words and "AWB No." in words and "020-12345675" in words
    assert "CPT Frankfurt (Incoterms® 2020)" in words and "B/L No." not in words
