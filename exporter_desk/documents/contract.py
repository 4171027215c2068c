"""Sales and purchase contracts: the parties, the goods and price, then the numbered clauses.

The clauses are those of a standard export contract: delivery (Incoterms 2020), time of
shipment, packing, payment, insurance, inspection, force majeure, arbitration, other terms.
Both parties sign; the issuer's block comes first, so ``signature_boxes[0]`` is always ours
(the seller's on a sales contract, the buyer's on a purchase contract).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from exporter_desk.documents._format import format_date, format_port, place_of_issue
from exporter_desk.documents._issue import (
    Checks,
    Issue,
    finish,
    new_layout,
    party_id,
    prepare,
    validated,
)
from exporter_desk.documents._parts import goods_table, keep_together, party_field
from exporter_desk.documents._record import (
    JsonObject,
    line_record,
    money_record,
    party_record,
    record_object,
)
from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.context import ContractContext, RenderOptions
from exporter_desk.documents.layout import (
    AMOUNT_IN_WORDS_LABEL,
    DocumentLayout,
    Field,
    Label,
    RenderedDocument,
)
from exporter_desk.domain import (
    Contract,
    ContractKind,
    DocumentKind,
    Party,
    amount_in_words_en,
    amount_in_words_zh,
)

__all__ = ["PURCHASE_TITLE", "SALES_TITLE", "data", "number", "render"]

SALES_TITLE = TITLES[DocumentKind.SALES_CONTRACT]
PURCHASE_TITLE = TITLES[DocumentKind.PURCHASE_CONTRACT]
_NUMBER = Label("Contract No.", "合同编号")
_KIND = {
    ContractKind.SALES: DocumentKind.SALES_CONTRACT,
    ContractKind.PURCHASE: DocumentKind.PURCHASE_CONTRACT,
}

_FORCE_MAJEURE = (
    "Neither party is liable for failure or delay in performing this contract caused by events "
    "beyond its reasonable control, such as war, fire, flood, earthquake, epidemic or acts of "
    "government. The affected party shall notify the other in writing within 14 days of the "
    "event and provide a certificate issued by a competent authority. If the event lasts more "
    "than 60 days, either party may terminate this contract by written notice without liability.",
    "因战争、火灾、水灾、地震、疫情或政府行为等超出一方合理控制的事件，致使该方不能履行或延迟履行本合同的，"
    "该方不承担责任。受影响方应在事件发生后14天内书面通知对方，并提供有关主管机构出具的证明。"
    "如该事件持续超过60天，任何一方均可书面通知对方终止本合同而不承担责任。",
)


def number(ctx: ContractContext) -> str:
    return ctx.contract.number


def _check(ctx: ContractContext, kind: DocumentKind) -> tuple[Party, Party]:
    contract = ctx.contract
    c = Checks(kind, contract.number)
    c.need(contract.number, "the contract number")
    c.need(ctx.seller, "the seller")
    c.need(ctx.buyer, "the buyer")
    c.need(contract.lines, "at least one line item")
    c.agree(
        _KIND[contract.kind] is kind,
        f"contract {contract.number} is a {contract.kind.value} contract, not a {TITLES[kind].en.lower()}",
    )
    c.same_id(contract.seller_id, party_id(ctx.seller), "the seller is not the contract's")
    c.same_id(contract.buyer_id, party_id(ctx.buyer), "the buyer is not the contract's")
    c.done()
    validated(contract, ctx.seller, ctx.buyer)
    assert ctx.seller is not None and ctx.buyer is not None  # checked above
    return ctx.seller, ctx.buyer


def _data(ctx: ContractContext) -> JsonObject:
    contract = ctx.contract
    cur = contract.currency
    body = record_object(contract)
    body["lines"] = [line_record(line, cur) for line in contract.lines]
    total = contract.total().amount
    return {
        "date": contract.date.isoformat(),
        "contract": body,
        "parties": {"seller": party_record(ctx.seller), "buyer": party_record(ctx.buyer)},
        "totals": {
            "currency": cur,
            "total": money_record(contract.total()),
            "amount_in_words": amount_in_words_en(total, cur),
            "amount_in_words_zh": amount_in_words_zh(total, cur),
        },
    }


def data(ctx: ContractContext, kind: DocumentKind) -> JsonObject:
    """The embedded data. Raises: as ``render`` does for missing or inconsistent data."""
    _check(ctx, kind)
    return _data(ctx)


def render(ctx: ContractContext, options: RenderOptions, kind: DocumentKind) -> RenderedDocument:
    """Render ``ctx`` as ``kind`` (sales or purchase contract, which must match the contract).

    Raises: MissingDocumentDataError, InconsistentDocumentDataError, ValidationError,
    DocumentLayoutError.
    """
    seller, buyer = _check(ctx, kind)
    contract = ctx.contract
    ours = seller if contract.kind is ContractKind.SALES else buyer
    issue = prepare(kind, contract.number, _data(ctx), options)
    title = SALES_TITLE if contract.kind is ContractKind.SALES else PURCHASE_TITLE
    layout = new_layout(issue, ours, options, title=title, number_label=_NUMBER)
    cur = contract.currency
    total = contract.total().amount

    references = [
        Field(_NUMBER, contract.number),
        Field(Label("Date", "日期"), format_date(contract.date)),
        Field(Label("Place of signing", "签约地点"), place_of_issue(options.place, ours)),
        Field(Label("Currency", "币种"), cur),
    ]
    parties = [
        party_field(Label("The Seller", "卖方"), seller, options),
        party_field(Label("The Buyer", "买方"), buyer, options),
    ]
    story: list[Flowable] = [
        layout.field_columns(parties, references, left_share=0.64),
        layout.spacer(3),
        layout.paragraph(
            "The Seller and the Buyer have agreed to sell and buy the goods below on the terms "
            "and conditions of this contract."
            + ("\n买卖双方同意按照本合同的条款买卖下列货物。" if options.bilingual else "")
        ),
        layout.spacer(2),
        _heading(layout, 1, Label("Goods, quantity and price", "品名、数量及价格")),
        goods_table(
            layout,
            contract.lines,
            cur,
            options,
            total_label=Label(
                f"Total contract value, {contract.terms.incoterm.value} "
                f"{contract.terms.incoterm_place} ({cur})",
                f"合同总值（{cur}）",
            ),
        ),
        layout.fields(
            [
                [
                    Field(
                        AMOUNT_IN_WORDS_LABEL,
                        amount_in_words_en(total, cur)
                        + ("\n" + amount_in_words_zh(total, cur) if options.bilingual else ""),
                    )
                ]
            ]
        ),
    ]
    for n, (label, text, text_zh) in enumerate(_clauses(contract, options), start=2):
        clause = [layout.spacer(1.5), _heading(layout, n, label), layout.paragraph(text)]
        if options.bilingual and text_zh:
            clause.append(layout.paragraph(text_zh, small=True))
        story.append(KeepTogether(clause))  # never a heading alone at the foot of a page
    # both parties sign on one page
    story.append(keep_together(_signatures(layout, issue, contract, seller, buyer, options)))
    return finish(layout, story, issue)


def _heading(layout: DocumentLayout, n: int, label: Label) -> Flowable:
    return layout.section_title(Label(f"{n}. {label.en}", f"{n}. {label.zh}" if label.zh else ""))


def _clauses(contract: Contract, options: RenderOptions) -> list[tuple[Label, str, str]]:
    """(heading, English text, Chinese text for fixed wording) of clauses 2 onwards."""
    terms = contract.terms
    rule = terms.incoterm
    early, late = contract.delivery_earliest, contract.delivery_latest
    if early and late:
        when = f"between {format_date(early)} and {format_date(late)}"
    elif late:
        when = f"not later than {format_date(late)}"
    elif early:
        when = f"not earlier than {format_date(early)}"
    else:
        when = "as agreed by the parties in writing"
    ports = []
    if terms.port_of_loading:
        ports.append(f"Port of loading: {format_port(terms.port_of_loading)}.")
    if terms.port_of_discharge:
        ports.append(f"Port of discharge: {format_port(terms.port_of_discharge)}.")
    partial = "allowed" if contract.partial_shipment else "not allowed"
    tranship = "allowed" if contract.transhipment else "not allowed"
    payment = contract.payment
    pay = payment.describe() + "."
    if payment.lc_expiry:
        pay += f" The L/C expires on {format_date(payment.lc_expiry)}."
    if payment.notes:
        pay += f" {payment.notes}"
    if contract.insurance:
        insurance = contract.insurance
    elif rule.seller_insures:
        insurance = (
            f"To be covered by the Seller for 110% of the invoice value, with at least the cover "
            f"that Incoterms® 2020 requires for {rule.value}."
        )
    else:
        insurance = "To be covered by the Buyer."
    inspection = contract.inspection or (
        "The Seller inspects the goods before shipment. The Buyer may re-inspect them at the "
        "destination; any claim must be made in writing within 30 days after arrival, supported "
        "by a survey report of a recognised surveyor."
    )
    arbitration = (
        "Any dispute arising from or in connection with this contract shall first be settled by "
        f"friendly negotiation; failing that, it shall be submitted to {contract.arbitration} for "
        "arbitration under its rules in force when arbitration is applied for. The award is "
        "final and binding upon both parties."
    )
    arbitration_zh = (
        "凡因本合同引起的或与本合同有关的任何争议，双方应首先友好协商解决；协商不成的，应提交"
        f"{contract.arbitration}，按照申请仲裁时该会现行有效的仲裁规则进行仲裁。仲裁裁决是终局的，对双方均有约束力。"
    )
    languages = "English and Chinese" if options.bilingual else "English"
    other = (
        f"This contract is made out in two originals in {languages}, one for each party, and "
        "comes into force when signed by both parties."
    )
    if contract.notes:
        other = f"{contract.notes}\n{other}"
    return [
        (Label("Terms of delivery", "交货条件"), f"{terms.describe()}, {rule.label}.", ""),
        (
            Label("Time of shipment", "装运期"),
            f"Shipment {when}. Partial shipments {partial}; transhipment {tranship}. "
            + " ".join(ports),
            "",
        ),
        (Label("Packing", "包装"), contract.packing or "Export standard packing.", ""),
        (Label("Payment", "付款"), pay, ""),
        (Label("Insurance", "保险"), insurance, ""),
        (Label("Inspection and claims", "检验及索赔"), inspection, ""),
        (Label("Force majeure", "不可抗力"), *_FORCE_MAJEURE),
        (Label("Arbitration", "仲裁"), arbitration, arbitration_zh),
        (
            Label("Other terms", "其他条款"),
            other,
            "本合同一式两份，双方各执一份，经双方签字后生效。",
        ),
    ]


def _signatures(
    layout: DocumentLayout,
    issue: Issue,
    contract: Contract,
    seller: Party,
    buyer: Party,
    options: RenderOptions,
) -> list[Flowable]:
    """Both parties' blocks, the issuer's first (and only it carries the QR code)."""
    on = format_date(contract.date)
    place = place_of_issue(options.place, seller if contract.kind is ContractKind.SALES else buyer)
    blocks = [
        (Label("The Seller", "卖方"), seller),
        (Label("The Buyer", "买方"), buyer),
    ]
    if contract.kind is ContractKind.PURCHASE:
        blocks.reverse()
    out: list[Flowable] = []
    for index, (role, party) in enumerate(blocks):
        fields = [Field(role, party.name_en, strong_first_line=True)]
        if index == 0:
            fields.append(Field(Label("Place and date", "地点及日期"), f"{place}, {on}"))
        else:
            fields.append(Field(Label("Date", "日期"), " "))
        out.append(
            layout.signature_block(
                fields,
                caption=Label("Authorised signature and company seal", "授权签字及公司盖章"),
                qr_payload=issue.qr_payload if index == 0 else None,
            )
        )
    return out
