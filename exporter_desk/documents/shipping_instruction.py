"""The shipping instruction (shipper's letter of instruction): what the forwarder books and
how the B/L must read — parties as on the B/L, freight terms, originals, goods, marks."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from reportlab.platypus import Flowable

from exporter_desk.documents._format import (
    count_in_words,
    format_date,
    format_volume,
    format_weight,
    freight_payable,
    party_text,
)
from exporter_desk.documents._issue import Checks, finish, new_layout, party_id, prepare, validated
from exporter_desk.documents._parts import (
    goods_per_line,
    keep_together,
    package_noun,
    party_field,
    signature,
    transport_rows,
)
from exporter_desk.documents._record import JsonObject, decimal_text, party_record, record_object
from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.context import RenderOptions, ShippingInstructionContext
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
    PackingList,
    Party,
    Shipment,
    TransportMode,
    format_hs_code,
)

__all__ = ["TITLE", "data", "number", "render"]

KIND = DocumentKind.SHIPPING_INSTRUCTION
TITLE = TITLES[KIND]
_NUMBER = Label("Instruction No.", "托运单号")
_KG = Decimal("0.01")
_WORDS = ("NIL", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE")


def number(ctx: ShippingInstructionContext) -> str:
    return ctx.number or ctx.invoice.number


def _freight(ctx: ShippingInstructionContext) -> str:
    return ctx.freight.upper() if ctx.freight else freight_payable(ctx.invoice.terms.incoterm)


def _check(
    ctx: ShippingInstructionContext,
) -> tuple[Party, Party, Party, Shipment, PackingList]:
    inv = ctx.invoice
    c = Checks(KIND, number(ctx))
    c.need(number(ctx), "the instruction number")
    c.need(ctx.shipper, "the shipper")
    c.need(ctx.forwarder, "the forwarder to instruct")
    c.need(ctx.consignee, "the consignee")
    c.need(ctx.shipment, "the shipment (booking)")
    c.need(ctx.packing_list, "the packing list (packages, weights and measurement)")
    c.agree(0 <= ctx.bl_originals <= 9, "the number of original B/Ls must be 0 to 9")
    c.agree(0 <= ctx.bl_copies <= 20, "the number of B/L copies must be 0 to 20")
    c.same_id(inv.seller_id, party_id(ctx.shipper), "the shipper is not the invoice's seller")
    if ctx.shipment is not None:
        c.same_id(inv.shipment_id, ctx.shipment.id, "the shipment is not the invoice's")
    if ctx.packing_list is not None:
        c.same_id(ctx.packing_list.invoice_id, inv.id, "the packing list is for another invoice")
    c.done()
    validated(inv, ctx.shipper, ctx.forwarder, ctx.consignee, ctx.notify, ctx.shipment)
    validated(ctx.packing_list)
    assert ctx.shipper and ctx.forwarder and ctx.consignee and ctx.shipment and ctx.packing_list
    return ctx.shipper, ctx.forwarder, ctx.consignee, ctx.shipment, ctx.packing_list


def _data(ctx: ShippingInstructionContext) -> JsonObject:
    inv = ctx.invoice
    pl = ctx.packing_list
    return {
        "date": (ctx.date or inv.date).isoformat(),
        "invoice": {"number": inv.number, "date": inv.date.isoformat()},
        "parties": {
            "shipper": party_record(ctx.shipper),
            "forwarder": party_record(ctx.forwarder),
            "consignee": party_record(ctx.consignee),
            "notify": party_record(ctx.notify),
        },
        "bl_consignee": ctx.bl_consignee,
        "bl_originals": ctx.bl_originals,
        "bl_copies": ctx.bl_copies,
        "freight": _freight(ctx),
        "instructions": ctx.instructions,
        "lc_number": inv.payment.lc_number,
        "marks": pl.marks if pl is not None else inv.marks,
        "shipment": None if ctx.shipment is None else record_object(ctx.shipment),
        "totals": None
        if pl is None
        else {
            "packing_list": pl.number,
            "packages": pl.package_count(),
            "net_kg": decimal_text(pl.net_kg()),
            "gross_kg": decimal_text(pl.gross_kg()),
            "volume_m3": decimal_text(pl.volume_m3()),
        },
    }


def data(ctx: ShippingInstructionContext) -> JsonObject:
    """The embedded data. Raises: as ``render`` does for missing or inconsistent data."""
    _check(ctx)
    return _data(ctx)


def render(ctx: ShippingInstructionContext, options: RenderOptions) -> RenderedDocument:
    """Raises: MissingDocumentDataError, InconsistentDocumentDataError, ValidationError,
    DocumentLayoutError."""
    shipper, forwarder, consignee, shipment, pl = _check(ctx)
    inv = ctx.invoice
    on = ctx.date or inv.date
    issue = prepare(KIND, number(ctx), _data(ctx), options)
    layout = new_layout(issue, shipper, options, title=TITLE, number_label=_NUMBER)

    doc = shipment.mode.document_name  # B/L by sea, AWB by air, ...
    bl_consignee = ctx.bl_consignee.strip()
    if bl_consignee:
        consignee_field = Field(
            Label(f"Consignee (as on the {doc})", "收货人（运输单据所示）"),
            bl_consignee,
            min_lines=3,
            strong_first_line=True,
        )
    else:
        consignee_field = party_field(
            Label(f"Consignee (as on the {doc})", "收货人（运输单据所示）"), consignee, options
        )
    notify = ctx.notify or (consignee if bl_consignee else None)
    left = [
        party_field(Label("Shipper", "发货人"), shipper, options),
        consignee_field,
        Field(Label("Notify party", "通知人"), "SAME AS CONSIGNEE", min_lines=1)
        if notify is None
        else party_field(Label("Notify party", "通知人"), notify, options),
    ]
    originals = ctx.bl_originals
    right = [
        party_field(Label("To (forwarder)", "致（货代）"), forwarder, options),
        Field(
            Label("Instruction No. and date", "托运单号及日期"),
            f"{number(ctx)} of {format_date(on)}",
        ),
        Field(
            Label("Booking / invoice", "订舱号／发票号"),
            f"Shipment {shipment.reference}\nInvoice {inv.number}",
        ),
        Field(
            Label(f"Freight and {doc}", "运费及运输单据"),
            f"FREIGHT {_freight(ctx)}\n{originals}/{originals} ({_WORDS[originals]}) ORIGINALS, "
            f"{ctx.bl_copies} NON-NEGOTIABLE COPIES",
            strong_first_line=True,
        ),
    ]
    if inv.payment.lc_number:
        right.append(Field(Label("L/C No.", "信用证号"), inv.payment.lc_number))
    count = pl.package_count()
    noun = package_noun({p.package_type for p in pl.packages}, count)
    story: list[Flowable] = [
        layout.field_columns(left, right, left_share=0.5),
        layout.fields(transport_rows(shipment, inv.terms, carrier=True)),
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
        _goods_table(layout, ctx, pl),
    ]
    totals = layout.totals(
        [
            TotalLine(Label("Total packages", "总件数"), f"{count:,} {noun}", strong=True),
            TotalLine(Label("Total gross weight", "总毛重"), f"{format_weight(pl.gross_kg())} KGS"),
            TotalLine(Label("Total measurement", "总体积"), f"{format_volume(pl.volume_m3())} CBM"),
        ]
    )
    instructions = [
        layout.spacer(3),
        layout.section_title(Label("Instructions to the forwarder", "托运要求")),
        layout.paragraph("\n".join(_instructions(ctx, consignee, options))),
    ]
    sign = signature(
        layout, issue, shipper, options, on=on, role=Label("For the shipper", "发货人")
    )
    story.append(keep_together([totals, *instructions, sign]))
    return finish(layout, story, issue)


def _document_wording(ctx: ShippingInstructionContext) -> str:
    if ctx.shipment is None or ctx.shipment.mode is TransportMode.SEA:
        return "on board ocean B/L"
    return ctx.shipment.mode.document_name


def _instructions(
    ctx: ShippingInstructionContext, consignee: Party, options: RenderOptions
) -> list[str]:
    inv = ctx.invoice
    doc = ctx.shipment.mode.document_name if ctx.shipment else "B/L"
    lines = [
        f"Please book the shipment above and issue a clean {_document_wording(ctx)} "
        f'marked "FREIGHT {_freight(ctx)}", showing the marks and particulars as stated.',
    ]
    if ctx.bl_consignee.strip():
        real = party_text(consignee, bilingual=options.bilingual, contact=False)
        lines.append(
            f"Consignee on the {doc}: {ctx.bl_consignee.strip()}. The goods are for "
            f"{real.splitlines()[0]}."
        )
    if inv.payment.lc_number:
        lines.append(f"Show L/C No. {inv.payment.lc_number} on the {doc}.")
    lines.append(f"Send us the draft {doc} for approval before issuing the originals.")
    lines.append(
        f"Documents enclosed: commercial invoice {inv.number}; packing list "
        f"{ctx.packing_list.number if ctx.packing_list else '—'}."
    )
    if ctx.instructions.strip():
        lines.append(ctx.instructions.strip())
    return [f"{n}. {text}" for n, text in enumerate(lines, start=1)]


def _goods_table(
    layout: DocumentLayout, ctx: ShippingInstructionContext, pl: PackingList
) -> Flowable:
    inv = ctx.invoice
    goods = goods_per_line(inv.lines, pl)
    known = all(g is not None for g in goods)
    columns = [
        Column(Label("Item", "项号"), 0.45, "right"),
        Column(Label("Description of goods", "货物描述"), 3.4),
        Column(Label("HS code", "商品编码"), 1.05),
        Column(
            Label("Packages", "件数"),
            1.0,
            "right",
            summed=known,
            format_sum=lambda d: f"{d:,}",
        ),
        Column(
            Label("Gross weight (kg)", "毛重（kg）"),
            1.1,
            "right",
            summed=known,
            format_sum=lambda d: f"{d.quantize(_KG, ROUND_HALF_UP):,}",
        ),
        Column(
            Label("Volume (m³)", "体积（m³）"), 1.0, "right", summed=known, format_sum=format_volume
        ),
    ]
    rows = []
    for n, (line, g) in enumerate(zip(inv.lines, goods, strict=True), start=1):
        cells = (
            str(n),
            line.description_en,
            format_hs_code(line.hs_code),
            "—" if g is None else f"{g.packages:,}\n{g.package_noun}",
            "—" if g is None else format_weight(g.gross_kg),
            "—" if g is None else format_volume(g.volume_m3),
        )
        sums = (Decimal(g.packages), g.gross_kg, g.volume_m3) if known and g is not None else ()
        rows.append(ItemRow(cells, sums))
    return layout.line_items(columns, rows, total_label=Label("Total", "合计") if known else None)
