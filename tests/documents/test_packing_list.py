"""The packing list: packages, contents, weights, measurements and totals as stored."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from exporter_desk.documents import (
    InconsistentDocumentDataError,
    MissingDocumentDataError,
    PackingContext,
    RenderedDocument,
    render_document,
)
from exporter_desk.domain import DocumentKind, PackageRange, PackageType, Unit
from exporter_desk.domain.product import Dimensions
from tests.documents._data import options
from tests.documents._pdf import (
    assert_inside_margins,
    assert_qpdf_clean,
    embedded_json,
    flat,
    text,
    write,
)

PL = DocumentKind.PACKING_LIST


@pytest.fixture(scope="module")
def packing(contexts: dict[DocumentKind, object]) -> PackingContext:
    ctx = contexts[PL]
    assert isinstance(ctx, PackingContext)
    return ctx


@pytest.fixture(scope="module")
def rendered(
    packing: PackingContext, tmp_path_factory: pytest.TempPathFactory
) -> tuple[RenderedDocument, Path]:
    doc = render_document(PL, packing, options(language="en+zh"))
    return doc, write(tmp_path_factory.mktemp("pl"), doc.pdf)


def test_each_package_range_with_contents_weights_and_volume(
    rendered: tuple[RenderedDocument, Path], packing: PackingContext
) -> None:
    _doc, path = rendered
    layout_text = text(path, 1, "-layout")
    for p in packing.packing_list.packages:
        row = re.search(
            rf"^\s*{p.first}-{p.last}\s+{re.escape(p.description)}\s+([\d,]+) (\w+)\s+"
            rf"(\d+)\s+([\d,.]+)\s+([\d,.]+)\s+([\d.]+ x [\d.]+ x [\d.]+)\s+([\d.]+)\s*$",
            layout_text,
            re.M,
        )
        assert row is not None, p.description
        qty, unit, count, net, gross, dims, volume = row.groups()
        assert Decimal(qty.replace(",", "")) == p.quantity and unit == p.unit.value
        assert int(count) == p.count
        assert Decimal(net.replace(",", "")) == p.net_kg
        assert Decimal(gross.replace(",", "")) == p.gross_kg
        assert p.dimensions is not None
        assert (
            dims == f"{p.dimensions.length_cm} x {p.dimensions.width_cm} x {p.dimensions.height_cm}"
        )
        assert Decimal(volume) == p.volume_m3.quantize(Decimal("0.001"))


def test_totals_equal_the_packing_lists_own(
    rendered: tuple[RenderedDocument, Path], packing: PackingContext
) -> None:
    doc, path = rendered
    pl = packing.packing_list
    assert (pl.package_count(), pl.net_kg(), pl.gross_kg(), pl.volume_m3()) == (
        450,
        Decimal("5260.00"),
        Decimal("6120.00"),
        Decimal("23.618"),
    )
    words = flat(path)
    total_row = r"^\s*Total / 合计\s+450\s+5,260.00\s+6,120.00\s+23.618\s*$"
    assert re.search(total_row, text(path, 1, "-layout"), re.M)
    assert "Total packages / 总件数 450 CARTONS" in words
    assert "Total net weight / 总净重 5,260.00 KGS" in words
    assert "Total gross weight / 总毛重 6,120.00 KGS" in words
    assert "Total measurement / 总体积 23.618 CBM" in words
    assert "SAY TOTAL FOUR HUNDRED FIFTY (450) CARTONS ONLY" in words
    assert "CSQU 305438 3 · 40HC · seal OOLGK8812" in words
    assert "HY-PL-2026-0112 of 02 Nov 2026" in words and "HY-CI-2026-0112 of 02 Nov 2026" in words
    _raw, data = embedded_json(doc.pdf)
    assert data["totals"] == {
        "packages": 450,
        "net_kg": "5260.00",
        "gross_kg": "6120.00",
        "volume_m3": "23.618",
    }
    assert_qpdf_clean(path)


def test_150_ranges_paginate_with_carried_weights(packing: PackingContext, tmp_path: Path) -> None:
    box = Dimensions(Decimal("60"), Decimal("40"), Decimal("35.5"))
    ranges = tuple(
        PackageRange(
            first=n * 3 + 1,
            last=n * 3 + 3,
            package_type=PackageType.CASE if n % 2 else PackageType.CARTON,
            description=f"Valve body DN{n + 15}",
            quantity_per_package=Decimal(12),
            unit=Unit.PCS,
            net_kg_per_package=Decimal("10.125") + Decimal(n) / 1000,
            gross_kg_per_package=Decimal("11.5"),
            dimensions=box,
        )
        for n in range(150)
    )
    pl = replace(packing.packing_list, packages=ranges)
    doc = render_document(PL, replace(packing, packing_list=pl), options())
    path = write(tmp_path, doc.pdf)
    assert doc.page_count >= 3
    words = flat(path)
    assert f"{pl.net_kg():,}" in words and f"{pl.gross_kg():,}" in words
    assert f"{pl.volume_m3():,}" in words
    assert "450 PACKAGES" in words  # cartons and cases together
    assert "Carried forward" in words and "Brought forward" in words
    assert_inside_margins(path)


def test_needs_a_shipment_and_packages(packing: PackingContext) -> None:
    ctx = replace(packing, shipment=None, packing_list=replace(packing.packing_list, packages=()))
    with pytest.raises(MissingDocumentDataError) as info:
        render_document(PL, ctx, options())
    assert info.value.user_message == (
        "Packing List HY-PL-2026-0112 cannot be printed: it needs at least one package; the "
        "shipment. Add the missing data and print it again."
    )


def test_another_invoice_is_refused(packing: PackingContext) -> None:
    assert packing.invoice is not None
    other = replace(packing.invoice, id=7)  # type: ignore[arg-type]
    with pytest.raises(InconsistentDocumentDataError) as info:
        render_document(PL, replace(packing, invoice=other), options())
    assert info.value.problems == ("the invoice given is not the packing list's",)
