"""The contract with the document renderer, on real invoices from ``documents.layout``: revision 1
records the blank box of its signature block in document.json, the seal goes into that box, and
the issued file is AUTHENTIC; the same seal anywhere else is TAMPERED.

Until the renderer writes ``signature_box`` itself, these tests render twice (the layout is
deterministic, and the attachment does not move the box).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from exporter_desk.documents.layout import (
    Attachment,
    Column,
    CompanyHeader,
    DocumentLayout,
    Field,
    ItemRow,
    Label,
    Mark,
    RenderedDocument,
    TotalLine,
)
from exporter_desk.signing import SigningCredentials
from exporter_desk.verify import Result, Step, Trust, verify_pdf
from tests.verify._build import TestLog, issue


def render(number: str, rows: int, data: dict[str, object]) -> RenderedDocument:
    layout = DocumentLayout(
        title=Label("Commercial Invoice", "商业发票"),
        document_number=number,
        company=CompanyHeader(name="ACME Trading Co., Ltd.", name_zh="上海艾克米贸易有限公司"),
        created=datetime(2025, 3, 14, 9, 30, tzinfo=UTC),
        language="en+zh",
        mark=Mark("ORIGINAL", "正本"),
    )
    columns = [
        Column(Label("No.", "序号"), 0.5),
        Column(Label("Description", "品名"), 4.0),
        Column(Label("Amount (USD)", "金额（美元）"), 1.5, "right", summed=True),
    ]
    items = [
        ItemRow((str(n), f"Ball valve DN{n}", f"{n * 10}.00"), (Decimal(n * 10),))
        for n in range(1, rows + 1)
    ]
    total = sum((item.amounts[0] for item in items), Decimal(0))
    story = [
        layout.line_items(columns, items),
        layout.totals([TotalLine(Label("Total", "总计"), f"{total:,}", strong=True)]),
        layout.signature_block(
            [Field(Label("Place and date of issue", "签发地点及日期"), "Shanghai, 14 March 2025")],
            qr_payload=f"exporter-desk:v1;number={number}",
        ),
    ]
    return layout.render(story, attachments=[Attachment.json(data)])


def render_with_box(number: str, rows: int) -> tuple[bytes, int, tuple[int, int, int, int]]:
    """Revision 1 whose document.json records its signature box, in whole points (inward)."""
    data: dict[str, object] = {"kind": "commercial-invoice", "number": number}
    first = render(number, rows, data)
    placed = first.signature_boxes[0]
    x0, y0, x1, y1 = placed.box
    box = (math.ceil(x0), math.ceil(y0), math.floor(x1), math.floor(y1))
    data["signature_box"] = {"page": placed.page_index, "rect": list(box)}
    final = render(number, rows, data)
    assert final.signature_boxes == first.signature_boxes
    return final.pdf, placed.page_index, box


@pytest.mark.parametrize("rows", [8, 70], ids=["one-page", "several-pages"])
def test_rendered_invoice_sealed_in_its_box_is_authentic(
    rows: int, acme: SigningCredentials, log: TestLog, trust: Trust, now: datetime
) -> None:
    number = f"CI-2025-{rows:04d}"
    revision_one, page, box = render_with_box(number, rows)
    pdf = issue(revision_one, acme, log, when=now, number=number, seal_box=box, seal_page=page).pdf
    verdict = verify_pdf(pdf, trust, now=now)
    assert verdict.result is Result.AUTHENTIC, verdict.to_json()
    assert verdict.document is not None and verdict.document.number == number


def test_rendered_invoice_sealed_over_its_line_items_is_tampered(
    acme: SigningCredentials, log: TestLog, trust: Trust, now: datetime
) -> None:
    revision_one, _page, _box = render_with_box("CI-2025-0099", 8)
    pdf = issue(
        revision_one, acme, log, when=now, number="CI-2025-0099", seal_box=(60, 500, 300, 560)
    ).pdf
    verdict = verify_pdf(pdf, trust, now=now)
    assert verdict.result is Result.TAMPERED
    first = list(verdict.check(Step.REVISIONS).reason.parts())[:2]  # the first finding
    assert any(
        why.code.startswith("revision.signature_") and dict(why.params)["revision"] == 3
        for why in first
    ), verdict.check(Step.REVISIONS).reason_en
