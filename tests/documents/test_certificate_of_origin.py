"""The exporter's certificate of origin: the goods, their packages and weights, the declaration."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from exporter_desk.documents import MissingDocumentDataError, OriginContext, render_document
from exporter_desk.domain import DocumentKind
from tests.documents._data import options
from tests.documents._pdf import (
    assert_inside_margins,
    assert_qpdf_clean,
    embedded_json,
    flat,
    text,
    write,
)

CO = DocumentKind.CERTIFICATE_OF_ORIGIN


@pytest.fixture
def origin(contexts: dict[DocumentKind, object]) -> OriginContext:
    ctx = contexts[CO]
    assert isinstance(ctx, OriginContext)
    return ctx


def test_declares_the_origin_of_each_item_with_packages_and_weights(
    origin: OriginContext, tmp_path: Path
) -> None:
    doc = render_document(CO, origin, options(language="en+zh"))
    path = write(tmp_path, doc.pdf)
    words = flat(path)
    for expected in (
        "Certificate of Origin",
        "原产地证明书",
        "HY-CO-2026-0112",
        "1. Exporter",
        "2. Consignee",
        "3. Producer",
        "Saigon Precision Tools Joint Stock Company",
        "Country of origin / 原产国 VIETNAM",
        "Country of destination / 目的国 GERMANY",
        "HY-CI-2026-0112 of 02 Nov 2026",
        "From VNSGN, Vietnam to DEHAM, Germany",
        "450 CARTONS G.W. 6,120.00 KGS",
        "all the goods originate in VIETNAM",
        "has not been certified by a chamber of commerce",
    ):
        assert expected in words, expected
    layout_text = text(path, 1, "-layout")
    for description, cartons, gross in (
        ("Cordless drill 18 V, 2 batteries, case", "200 CARTONS", "2,480.00"),
        ("Angle grinder 125 mm, 900 W", "200 CARTONS", "2,640.00"),
        ("HSS drill bit set, 13 pieces", "50 CARTONS", "1,000.00"),
    ):
        assert re.search(
            rf"{re.escape(description)}\s+[\d.]+\s+VIETNAM\s+[\d,]+ \w+\s+{gross}", layout_text
        )
        assert cartons in words
    assert re.search(r"Total / 合计\s+6,120.00", layout_text)
    _raw, data = embedded_json(doc.pdf)
    assert data["origin_country"] == "VN"
    goods = data["goods"]
    assert isinstance(goods, list)
    assert [(g["packages"], g["gross_kg"]) for g in goods] == [
        (200, "2480.0"),  # exact: 200 x 4 sets x 3.1 kg
        (200, "2640.0"),
        (50, "1000.0"),
    ]
    assert_qpdf_clean(path)
    assert_inside_margins(path)


def test_without_packing_list_it_prints_no_weights(origin: OriginContext, tmp_path: Path) -> None:
    doc = render_document(CO, replace(origin, packing_list=None), options())
    words = flat(write(tmp_path, doc.pdf))
    assert (
        "CARTONS" not in words
        and "Total" not in words.split("Gross weight")[1].split("The undersigned")[0]
    )


def test_needs_the_country_of_origin(origin: OriginContext) -> None:
    ctx = replace(origin, invoice=replace(origin.invoice, origin_country=""), shipment=None)
    with pytest.raises(MissingDocumentDataError) as info:
        render_document(CO, ctx, options())
    assert info.value.user_message == (
        "Certificate of Origin HY-CO-2026-0112 cannot be printed: it needs the shipment (means "
        "of transport and route); the country of origin on the invoice. Add the missing data "
        "and print it again."
    )
