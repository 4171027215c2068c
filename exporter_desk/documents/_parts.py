"""Parts that several documents print the same way: party boxes, transport, goods, signature."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from reportlab.platypus import Flowable, KeepTogether

from exporter_desk.documents._format import (
    format_date,
    format_port,
    format_unit_price,
    party_text,
    place_of_issue,
    vessel_text,
)
from exporter_desk.documents._issue import Issue
from exporter_desk.documents.context import RenderOptions
from exporter_desk.documents.layout import Column, DocumentLayout, Field, ItemRow, Label
from exporter_desk.domain import (
    LineItem,
    PackageType,
    PackingList,
    Party,
    Shipment,
    TradeTerms,
    format_account_number,
    format_amount,
    format_container_number,
    format_hs_code,
    format_quantity,
)

__all__ = [
    "CONSIGNEE",
    "LineGoods",
    "bank_field",
    "containers_text",
    "goods_per_line",
    "goods_table",
    "keep_together",
    "package_noun",
    "party_field",
    "signature",
    "transport_rows",
]

CONSIGNEE = Label("Consignee", "收货人")
_FOR = Label("For and on behalf of", "代表")
_PLACE_DATE = Label("Place and date of issue", "签发地点及日期")


def party_field(
    label: Label,
    party: Party,
    options: RenderOptions,
    *,
    min_lines: int = 3,
    contact: bool = True,
    address_zh: bool = True,
) -> Field:
    text = party_text(party, bilingual=options.bilingual, contact=contact, address_zh=address_zh)
    return Field(label, text, min_lines=min_lines, strong_first_line=True)


def containers_text(shipment: Shipment) -> str:
    return "\n".join(
        " · ".join(
            p
            for p in (
                format_container_number(c.number),
                c.size_type,
                f"seal {c.seal}" if c.seal else "",
            )
            if p
        )
        for c in shipment.containers
    )


def transport_rows(
    shipment: Shipment | None, terms: TradeTerms, *, carrier: bool = False
) -> list[list[Field]]:
    """Vessel and ports; with a shipment also the transport document, sailing and containers."""
    if shipment is None:
        return [
            [
                Field(Label("Vessel / voyage", "船名／航次"), "To be advised"),
                Field(Label("Port of loading", "装运港"), format_port(terms.port_of_loading)),
                Field(Label("Port of discharge", "卸货港"), format_port(terms.port_of_discharge)),
            ]
        ]
    doc = shipment.mode.document_name
    second = [
        Field(Label(f"{doc} No.", "运输单据号"), shipment.transport_document_no or "To be advised"),
        Field(
            Label("Sailing on or about", "开航日期"),
            format_date(shipment.etd) if shipment.etd else "To be advised",
        ),
    ]
    if carrier:
        second.append(Field(Label("Carrier", "承运人"), shipment.carrier or "—"))
    if shipment.containers:
        label = Label("Container / type / seal", "集装箱号／箱型／封号")
        second.append(Field(label, containers_text(shipment), width=2.0))
    elif not carrier:
        second.append(Field(Label("Carrier", "承运人"), shipment.carrier or "—", width=2.0))
    return [
        [
            Field(Label("Vessel / voyage or flight", "船名航次／航班"), vessel_text(shipment)),
            Field(Label("Port of loading", "装运港"), format_port(shipment.port_of_loading)),
            Field(Label("Port of discharge", "卸货港"), format_port(shipment.port_of_discharge)),
            Field(Label("Place of delivery", "交货地"), shipment.place_of_delivery or "—"),
        ],
        second,
    ]


def bank_field(party: Party) -> Field | None:
    bank = party.bank
    if bank is None:
        return None
    lines = [
        f"Beneficiary: {bank.account_name or party.name_en}",
        f"Account No.: {format_account_number(bank.account_number)}",
        f"Bank: {bank.bank_name}" + (f", {bank.bank_address}" if bank.bank_address else ""),
    ]
    if bank.swift:
        lines.append(f"SWIFT / BIC: {bank.swift}")
    return Field(Label("Bank details for payment", "收款银行信息"), "\n".join(lines))


def _description(line: LineItem, bilingual: bool) -> str:
    parts = [line.description_en]
    if line.sku:
        parts.append(f"Art. No. {line.sku}")
    if bilingual and line.description_zh:
        parts.append(line.description_zh)
    return "\n".join(parts)


def goods_table(
    layout: DocumentLayout,
    lines: tuple[LineItem, ...],
    currency: str,
    options: RenderOptions,
    *,
    total_label: Label,
) -> Flowable:
    """No., description, HS code, quantity, unit, unit price and amount, totalled.

    Quantities are totalled only when every line has the same unit (SETS and PCS do not add).
    """
    one_unit = len({line.unit for line in lines}) == 1
    columns = [
        Column(Label("No.", "序号"), 0.42, "right"),
        Column(Label("Description of goods", "货物描述"), 3.5),
        Column(Label("HS code", "商品编码"), 1.05),
        Column(
            Label("Quantity", "数量"),
            1.05,
            "right",
            summed=one_unit,
            format_sum=format_quantity,
        ),
        Column(Label("Unit", "单位"), 0.62, "center"),
        Column(Label(f"Unit price ({currency})", f"单价（{currency}）"), 1.05, "right"),
        Column(
            Label(f"Amount ({currency})", f"金额（{currency}）"),
            1.4,
            "right",
            summed=True,
            format_sum=lambda d: format_amount(d, currency),
        ),
    ]
    rows = []
    for n, line in enumerate(lines, start=1):
        amount = line.amount(currency).amount
        cells = (
            str(n),
            _description(line, options.bilingual),
            format_hs_code(line.hs_code),
            format_quantity(line.quantity),
            line.unit.value,
            format_unit_price(line.unit_price, currency),
            format_amount(amount, currency),
        )
        sums = (line.quantity, amount) if one_unit else (amount,)
        rows.append(ItemRow(cells, sums))
    return layout.line_items(columns, rows, total_label=total_label)


@dataclass(frozen=True, slots=True)
class LineGoods:
    """What the packing list says of one invoice line's goods (matched by SKU)."""

    packages: int
    package_noun: str
    net_kg: Decimal
    gross_kg: Decimal
    volume_m3: Decimal


def package_noun(types: set[PackageType], count: int) -> str:
    """``CARTONS`` when all packages are cartons, else ``PACKAGES``; singular for one."""
    noun = next(iter(types)).value if len(types) == 1 else "PACKAGE"
    return noun if count == 1 else f"{noun}S"


def goods_per_line(
    lines: tuple[LineItem, ...], packing_list: PackingList | None
) -> list[LineGoods | None]:
    """Per invoice line, its packages and weights, when the packing list names its SKU once.

    None where it cannot be told: no packing list, a line without SKU, or two lines sharing it.
    """
    if packing_list is None:
        return [None] * len(lines)
    skus = [line.sku for line in lines]
    out: list[LineGoods | None] = []
    for line in lines:
        ranges = [p for p in packing_list.packages if line.sku and p.sku == line.sku]
        if not ranges or skus.count(line.sku) != 1:
            out.append(None)
            continue
        count = sum(p.count for p in ranges)
        out.append(
            LineGoods(
                packages=count,
                package_noun=package_noun({p.package_type for p in ranges}, count),
                net_kg=sum((p.net_kg for p in ranges), Decimal(0)),
                gross_kg=sum((p.gross_kg for p in ranges), Decimal(0)),
                volume_m3=sum((p.volume_m3 for p in ranges), Decimal(0)),
            )
        )
    return out


def signature(
    layout: DocumentLayout,
    issue: Issue,
    issuer: Party,
    options: RenderOptions,
    *,
    on: dt.date,
    declaration: Flowable | None = None,
    role: Label = _FOR,
    with_qr: bool = True,
) -> Flowable:
    """The issuer's signature block: declaration, for whom, place and date, QR, empty box."""
    fields = [
        Field(role, issuer.name_en, strong_first_line=True),
        Field(_PLACE_DATE, f"{place_of_issue(options.place, issuer)}, {format_date(on)}"),
    ]
    return layout.signature_block(
        fields, declaration=declaration, qr_payload=issue.qr_payload if with_qr else None
    )


def keep_together(parts: list[Flowable]) -> Flowable:
    """``parts`` on one page when they fit on one (a total with its signature, say).

    The layout's boxes are KeepTogethers themselves; nested, each would report reportlab's
    "infinite" KeepTogether height and the outer one would always break the page, so they are
    unwrapped into the outer one (``_content`` is the list KeepTogether was made from).
    """
    flat: list[Flowable] = []
    for part in parts:
        if isinstance(part, KeepTogether):
            flat.extend(part._content)
        else:
            flat.append(part)
    return KeepTogether(flat)
