"""The certificate of origin in its generic form: the exporter's own declaration of origin.

Boxes after the common CO layouts: exporter, consignee, producer, transport and route, then per
item the description, packages, HS code, quantity and gross weight, then the declaration that
the goods originate in the invoice's country of origin. It is not certified by a chamber of
commerce, and says so.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from reportlab.platypus import Flowable

from exporter_desk.documents._format import (
    format_date,
    format_port,
    format_weight,
    vessel_text,
)
from exporter_desk.documents._issue import Checks, finish, new_layout, party_id, prepare, validated
from exporter_desk.documents._parts import (
    CONSIGNEE,
    goods_per_line,
    package_noun,
    party_field,
    signature,
)
from exporter_desk.documents._record import JsonObject, decimal_text, party_record, record_object
from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.context import OriginContext, RenderOptions
from exporter_desk.documents.layout import (
    Column,
    DocumentLayout,
    Field,
    ItemRow,
    Label,
    RenderedDocument,
)
from exporter_desk.domain import (
    DocumentKind,
    Party,
    Shipment,
    country_name,
    format_hs_code,
    format_quantity,
)

__all__ = ["TITLE", "data", "number", "render"]

KIND = DocumentKind.CERTIFICATE_OF_ORIGIN
TITLE = TITLES[KIND]
_NUMBER = Label("Certificate No.", "证书号")
_KG = Decimal("0.01")


def number(ctx: OriginContext) -> str:
    return ctx.number or ctx.invoice.number


def _check(ctx: OriginContext) -> tuple[Party, Party, Shipment]:
    inv = ctx.invoice
    c = Checks(KIND, number(ctx))
    c.need(number(ctx), "the certificate number")
    c.need(ctx.exporter, "the exporter")
    c.need(ctx.consignee, "the consignee")
    c.need(ctx.shipment, "the shipment (means of transport and route)")
    c.need(inv.origin_country, "the country of origin on the invoice")
    c.need(inv.lines, "at least one line item")
    c.same_id(inv.seller_id, party_id(ctx.exporter), "the exporter is not the invoice's seller")
    if ctx.consignee is not None:
        consignee = inv.consignee_id if inv.consignee_id is not None else inv.buyer_id
        c.same_id(consignee, ctx.consignee.id, "the consignee is not the invoice's")
    if ctx.shipment is not None:
        c.same_id(inv.shipment_id, ctx.shipment.id, "the shipment is not the invoice's")
    if ctx.packing_list is not None:
        c.same_id(ctx.packing_list.invoice_id, inv.id, "the packing list is for another invoice")
    c.done()
    validated(inv, ctx.exporter, ctx.consignee, ctx.producer, ctx.shipment, ctx.packing_list)
    assert ctx.exporter and ctx.consignee and ctx.shipment  # checked above
    return ctx.exporter, ctx.consignee, ctx.shipment


def _data(ctx: OriginContext) -> JsonObject:
    inv = ctx.invoice
    goods = goods_per_line(inv.lines, ctx.packing_list)
    pl = ctx.packing_list
    return {
        "date": inv.date.isoformat(),
        "origin_country": inv.origin_country,
        "invoice": {"number": inv.number, "date": inv.date.isoformat(), "marks": inv.marks},
        "parties": {
            "exporter": party_record(ctx.exporter),
            "consignee": party_record(ctx.consignee),
            "producer": party_record(ctx.producer),
        },
        "shipment": None if ctx.shipment is None else record_object(ctx.shipment),
        "goods": [
            {
                "description_en": line.description_en,
                "hs_code": line.hs_code,
                "quantity": decimal_text(line.quantity),
                "unit": line.unit.value,
                "packages": None if g is None else g.packages,
                "gross_kg": None if g is None else decimal_text(g.gross_kg),
            }
            for line, g in zip(inv.lines, goods, strict=True)
        ],
        "packing": None
        if pl is None
        else {
            "number": pl.number,
            "packages": pl.package_count(),
            "gross_kg": decimal_text(pl.gross_kg()),
        },
    }


def data(ctx: OriginContext) -> JsonObject:
    """The embedded data. Raises: as ``render`` does for missing or inconsistent data."""
    _check(ctx)
    return _data(ctx)


def render(ctx: OriginContext, options: RenderOptions) -> RenderedDocument:
    """Raises: MissingDocumentDataError, InconsistentDocumentDataError, ValidationError,
    DocumentLayoutError."""
    exporter, consignee, shipment = _check(ctx)
    inv = ctx.invoice
    issue = prepare(KIND, number(ctx), _data(ctx), options)
    layout = new_layout(issue, exporter, options, title=TITLE, number_label=_NUMBER)
    origin = country_name(inv.origin_country).upper()

    left = [
        party_field(Label("1. Exporter", "1. 出口商"), exporter, options, contact=False),
        party_field(Label(f"2. {CONSIGNEE.en}", f"2. {CONSIGNEE.zh}"), consignee, options),
    ]
    if ctx.producer is not None:
        left.append(party_field(Label("3. Producer", "3. 生产商"), ctx.producer, options))
    route = (
        f"{vessel_text(shipment)}\nFrom {format_port(shipment.port_of_loading)} "
        f"to {format_port(shipment.port_of_discharge)}"
    )
    if shipment.etd:
        route += f"\nSailing on or about {format_date(shipment.etd)}"
    if shipment.transport_document_no:
        route += f"\n{shipment.mode.document_name} No. {shipment.transport_document_no}"
    right = [
        Field(Label("Certificate No.", "证书号"), number(ctx)),
        Field(
            Label("Country of origin", "原产国"),
            origin,
            strong_first_line=True,
        ),
        Field(Label("Country of destination", "目的国"), country_name(consignee.country).upper()),
        Field(
            Label("Invoice No. and date", "发票号及日期"),
            f"{inv.number} of {format_date(inv.date)}",
        ),
        Field(Label("Means of transport and route", "运输方式及路线"), route),
    ]
    if inv.payment.lc_number:
        right.append(Field(Label("L/C No.", "信用证号"), inv.payment.lc_number))
    marks = [Field(Label("Marks and numbers", "唛头"), inv.marks or "N/M", width=1.2)]
    if ctx.packing_list is not None:
        pl = ctx.packing_list
        count = pl.package_count()
        noun = package_noun({p.package_type for p in pl.packages}, count)
        marks.append(
            Field(
                Label("Packages and gross weight", "件数及毛重"),
                f"{count:,} {noun}\nG.W. {format_weight(pl.gross_kg())} KGS",
            )
        )
    story: list[Flowable] = [
        layout.field_columns(left, right, left_share=0.56),
        layout.fields([marks]),
        layout.spacer(3),
        _goods_table(layout, ctx, origin),
    ]
    declaration = layout.declaration(
        "The undersigned, as exporter of the goods described above, hereby declares that the "
        f"above details and statements are correct and that all the goods originate in {origin}. "
        "This declaration is made by the exporter under its own responsibility; it has not been "
        "certified by a chamber of commerce or other authority.",
        f"下列签署人作为上述货物的出口商，特此声明以上各项及陈述正确无误，所有货物均原产于 {origin}。"
        "本声明由出口商自行负责出具，未经商会或其他机构认证。",
    )
    story.append(
        signature(
            layout,
            issue,
            exporter,
            options,
            on=inv.date,
            declaration=declaration,
            role=Label("Declared by the exporter", "出口商声明"),
        )
    )
    return finish(layout, story, issue)


def _goods_table(layout: DocumentLayout, ctx: OriginContext, origin: str) -> Flowable:
    inv = ctx.invoice
    goods = goods_per_line(inv.lines, ctx.packing_list)
    weighed = all(g is not None for g in goods)
    columns = [
        Column(Label("Item", "项号"), 0.45, "right"),
        Column(
            Label("Description of goods; number and kind of packages", "货物描述；件数及包装种类"),
            3.6,
        ),
        Column(Label("HS code", "商品编码"), 1.05),
        Column(Label("Origin", "原产国"), 0.95),
        Column(Label("Quantity", "数量"), 1.2, "right"),
        Column(
            Label("Gross weight (kg)", "毛重（kg）"),
            1.1,
            "right",
            summed=weighed,
            format_sum=lambda d: f"{d.quantize(_KG, ROUND_HALF_UP):,}",
        ),
    ]
    rows = []
    for n, (line, g) in enumerate(zip(inv.lines, goods, strict=True), start=1):
        description = line.description_en
        if g is not None:
            description += f"\n{g.packages:,} {g.package_noun}"
        rows.append(
            ItemRow(
                (
                    str(n),
                    description,
                    format_hs_code(line.hs_code),
                    origin,
                    f"{format_quantity(line.quantity)} {line.unit.value}",
                    "—" if g is None else format_weight(g.gross_kg),
                ),
                (g.gross_kg,) if weighed and g is not None else (),
            )
        )
    return layout.line_items(columns, rows, total_label=Label("Total", "合计") if weighed else None)
