"""The packing list: what each package (or run of identical packages) holds, weighs and measures.

Totals are the packing list's own: weights rounded once to 0.01 kg and the volume once to
0.001 m3 after summing the exact figures, so the printed totals equal the stored ones.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from reportlab.platypus import Flowable

from exporter_desk.documents._format import (
    count_in_words,
    format_date,
    format_dimensions,
    format_volume,
    format_weight,
)
from exporter_desk.documents._issue import Checks, finish, new_layout, party_id, prepare, validated
from exporter_desk.documents._parts import (
    CONSIGNEE,
    keep_together,
    package_noun,
    party_field,
    signature,
    transport_rows,
)
from exporter_desk.documents._record import (
    JsonObject,
    decimal_text,
    package_record,
    party_record,
    record_object,
)
from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.context import PackingContext, RenderOptions
from exporter_desk.documents.layout import (
    Column,
    DocumentLayout,
    Field,
    ItemRow,
    Label,
    RenderedDocument,
    TotalLine,
)
from exporter_desk.domain import (
    DocumentKind,
    Invoice,
    PackageRange,
    Party,
    Shipment,
    format_quantity,
)

__all__ = ["TITLE", "data", "number", "render"]

KIND = DocumentKind.PACKING_LIST
TITLE = TITLES[KIND]
_NUMBER = Label("Packing list No.", "装箱单号")
_KG = Decimal("0.01")


def number(ctx: PackingContext) -> str:
    return ctx.packing_list.number


def _check(ctx: PackingContext) -> tuple[Invoice, Party, Party, Shipment]:
    pl = ctx.packing_list
    c = Checks(KIND, pl.number)
    c.need(pl.number, "the packing list number")
    c.need(pl.packages, "at least one package")
    c.need(ctx.invoice, "the invoice it belongs to")
    c.need(ctx.seller, "the seller")
    c.need(ctx.buyer, "the buyer")
    c.need(ctx.shipment, "the shipment")
    inv = ctx.invoice
    if inv is not None:
        if inv.consignee_id is not None:
            c.need(ctx.consignee, "the consignee named on the invoice")
        c.same_id(pl.invoice_id, inv.id, "the invoice given is not the packing list's")
        c.same_id(inv.seller_id, party_id(ctx.seller), "the seller is not the invoice's")
        c.same_id(inv.buyer_id, party_id(ctx.buyer), "the buyer is not the invoice's")
        if ctx.consignee is not None:
            c.same_id(inv.consignee_id, ctx.consignee.id, "the consignee is not the invoice's")
        if ctx.notify is not None:
            c.same_id(inv.notify_id, ctx.notify.id, "the notify party is not the invoice's")
    if ctx.shipment is not None:
        c.same_id(pl.shipment_id, ctx.shipment.id, "the shipment is not the packing list's")
    c.done()
    validated(pl, inv, ctx.seller, ctx.buyer, ctx.consignee, ctx.notify, ctx.shipment)
    assert inv is not None and ctx.seller and ctx.buyer and ctx.shipment  # checked above
    return inv, ctx.seller, ctx.buyer, ctx.shipment


def _data(ctx: PackingContext, inv: Invoice) -> JsonObject:
    pl = ctx.packing_list
    packing = record_object(pl)
    packing["packages"] = [package_record(p) for p in pl.packages]
    return {
        "date": pl.date.isoformat(),
        "packing_list": packing,
        "invoice": {"number": inv.number, "date": inv.date.isoformat()},
        "parties": {
            "seller": party_record(ctx.seller),
            "buyer": party_record(ctx.buyer),
            "consignee": party_record(ctx.consignee),
            "notify": party_record(ctx.notify),
        },
        "shipment": None if ctx.shipment is None else record_object(ctx.shipment),
        "totals": {
            "packages": pl.package_count(),
            "net_kg": decimal_text(pl.net_kg()),
            "gross_kg": decimal_text(pl.gross_kg()),
            "volume_m3": decimal_text(pl.volume_m3()),
        },
    }


def data(ctx: PackingContext) -> JsonObject:
    """The embedded data. Raises: as ``render`` does for missing or inconsistent data."""
    inv, _seller, _buyer, _shipment = _check(ctx)
    return _data(ctx, inv)


def render(ctx: PackingContext, options: RenderOptions) -> RenderedDocument:
    """Raises: MissingDocumentDataError, InconsistentDocumentDataError, ValidationError,
    DocumentLayoutError."""
    inv, seller, buyer, shipment = _check(ctx)
    pl = ctx.packing_list
    issue = prepare(KIND, pl.number, _data(ctx, inv), options)
    layout = new_layout(issue, seller, options, title=TITLE, number_label=_NUMBER)

    consignee = ctx.consignee or buyer
    parties = [
        party_field(
            Label("Shipper / Exporter", "发货人／出口商"),
            seller,
            options,
            contact=False,
            address_zh=False,
        ),
    ]
    if consignee is buyer or (buyer.id is not None and buyer.id == consignee.id):
        parties.append(party_field(Label("Buyer and consignee", "买方及收货人"), buyer, options))
    else:
        parties += [
            party_field(CONSIGNEE, consignee, options),
            party_field(Label("Buyer", "买方"), buyer, options),
        ]
    references = [
        Field(
            Label("Packing list No. and date", "装箱单号及日期"),
            f"{pl.number} of {format_date(pl.date)}",
        ),
        Field(
            Label("Invoice No. and date", "发票号及日期"),
            f"{inv.number} of {format_date(inv.date)}",
        ),
        Field(Label("Terms of delivery", "交货条件"), inv.terms.describe()),
    ]
    if inv.buyer_reference:
        references.append(Field(Label("Buyer's reference", "买方订单号"), inv.buyer_reference))
    if inv.payment.lc_number:
        references.append(Field(Label("L/C No.", "信用证号"), inv.payment.lc_number))
    if ctx.notify is not None:
        references.append(
            party_field(Label("Notify party", "通知人"), ctx.notify, options, min_lines=1)
        )

    count = pl.package_count()
    noun = package_noun({p.package_type for p in pl.packages}, count)
    story: list[Flowable] = [
        layout.field_columns(parties, references, left_share=0.54),
        layout.fields(transport_rows(shipment, inv.terms)),
        layout.fields(
            [
                [
                    Field(Label("Marks and numbers", "唛头"), pl.marks or "N/M", width=1.2),
                    Field(
                        Label("Number and kind of packages", "件数及包装种类"),
                        f"{count:,} {noun}\n{count_in_words(count, noun)}",
                        width=1.8,
                    ),
                ]
            ]
        ),
        layout.spacer(3),
        _packages_table(layout, pl.packages),
    ]
    declaration = layout.declaration(
        "We certify that the goods are packed and marked as stated above and that the weights "
        "and measurements are true and correct.",
        "兹证明上述货物的包装及唛头如上所列，重量及尺码真实无误。",
    )
    sign = signature(layout, issue, seller, options, on=pl.date, declaration=declaration)
    story.append(keep_together([_totals(layout, ctx), sign]))
    return finish(layout, story, issue)


def _rounded_kg(total: Decimal) -> str:
    return f"{total.quantize(_KG, ROUND_HALF_UP):,}"


def _packages_table(layout: DocumentLayout, packages: tuple[PackageRange, ...]) -> Flowable:
    columns = [
        Column(Label("Package Nos.", "箱号"), 0.8),
        Column(Label("Description of goods", "货物描述"), 2.9),
        Column(Label("Quantity", "数量"), 1.05, "right"),
        Column(
            Label("Packages", "件数"),
            0.85,
            "right",
            summed=True,
            format_sum=lambda d: f"{d:,}",
        ),
        Column(
            Label("Net weight (kg)", "净重（kg）"),
            1.0,
            "right",
            summed=True,
            format_sum=_rounded_kg,
        ),
        Column(
            Label("Gross weight (kg)", "毛重（kg）"),
            1.0,
            "right",
            summed=True,
            format_sum=_rounded_kg,
        ),
        Column(Label("Dimensions (cm)", "尺寸（cm）"), 1.05, "center"),
        Column(
            Label("Volume (m³)", "体积（m³）"), 0.9, "right", summed=True, format_sum=format_volume
        ),
    ]
    rows = []
    for p in packages:
        noun = package_noun({p.package_type}, p.count)
        per = package_noun({p.package_type}, 1).lower()
        description = [p.description]
        if p.sku:
            description.append(f"Art. No. {p.sku}")
        description.append(f"{format_quantity(p.quantity_per_package)} {p.unit.value} per {per}")
        dims = p.dimensions
        rows.append(
            ItemRow(
                (
                    p.numbers,
                    "\n".join(description),
                    f"{format_quantity(p.quantity)} {p.unit.value}",
                    f"{p.count:,}\n{noun}",
                    format_weight(p.net_kg),
                    format_weight(p.gross_kg),
                    format_dimensions(dims.length_cm, dims.width_cm, dims.height_cm)
                    if dims
                    else "—",
                    format_volume(p.volume_m3) if dims else "—",
                ),
                (Decimal(p.count), p.net_kg, p.gross_kg, p.volume_m3),
            )
        )
    return layout.line_items(columns, rows, total_label=Label("Total", "合计"))


def _totals(layout: DocumentLayout, ctx: PackingContext) -> Flowable:
    pl = ctx.packing_list
    count = pl.package_count()
    noun = package_noun({p.package_type for p in pl.packages}, count)
    return layout.totals(
        [
            TotalLine(Label("Total packages", "总件数"), f"{count:,} {noun}", strong=True),
            TotalLine(Label("Total net weight", "总净重"), f"{format_weight(pl.net_kg())} KGS"),
            TotalLine(Label("Total gross weight", "总毛重"), f"{format_weight(pl.gross_kg())} KGS"),
            TotalLine(Label("Total measurement", "总体积"), f"{format_volume(pl.volume_m3())} CBM"),
        ],
        share=0.5,
    )
