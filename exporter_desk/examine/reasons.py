"""The catalogue of the examiner's explanations: why a discrepancy matters (the UCP 600 article
or ISBP paragraph) and what to do about it, each a stable code with an English and a Simplified
Chinese template (rendered as :mod:`exporter_desk._catalogue` says)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from exporter_desk._catalogue import Reason, reason, register

__all__ = ["CATALOGUE", "Reason", "reason"]

_CONFLICT_EN = (
    "UCP 600 art. 14(d): data in a document must not conflict with data in any other "
    "stipulated document or the credit."
)
_CONFLICT_ZH = "UCP 600 第 14(d) 条：单据中的数据不得与任何其他规定单据或信用证中的数据相矛盾。"
_MERCHANTING_EN = (
    "Merchanting trade: the bank cannot see a customs declaration, so it checks that both "
    "contracts, both invoices and the transport document tell one consistent story."
)
_MERCHANTING_ZH = "转口贸易：银行看不到报关单，因此会核对两份合同、两张发票和运输单据是否前后一致。"

CATALOGUE: Final[Mapping[str, tuple[str, str]]] = {
    # --- why it matters ------------------------------------------------------------------------
    "why.invoice_currency": (
        "UCP 600 art. 18(a)(iii): a commercial invoice must be made out in the same currency as "
        "the credit.",
        "UCP 600 第 18(a)(iii) 条：商业发票必须以与信用证相同的币种开立。",
    ),
    "why.invoice_amount": (
        "UCP 600 art. 18(b) and 30: a bank may refuse an invoice for more than the amount "
        "permitted by the credit.",
        "UCP 600 第 18(b) 条和第 30 条：发票金额超过信用证允许的金额时，银行可以拒收。",
    ),
    "why.latest_shipment": (
        "UCP 600 art. 20(a)(ii) and field 44C: a later on-board date is a discrepancy no "
        "correction of documents can cure.",
        "UCP 600 第 20(a)(ii) 条及 44C 栏：装船日期晚于规定是无法通过更正单据消除的不符点。",
    ),
    "why.partial_shipment": (
        "UCP 600 art. 31: several transport documents for one presentation are a partial "
        "shipment unless they show the same voyage and destination.",
        "UCP 600 第 31 条：一次交单中有多份运输单据即为分批装运，除非它们显示同一航次和目的地。",
    ),
    "why.transhipment": (
        "UCP 600 art. 20(b)-(c): unloading from one vessel and reloading to another is "
        "transhipment.",
        "UCP 600 第 20(b)-(c) 条：从一艘船卸下再装上另一艘船即为转运。",
    ),
    "why.expiry": (
        "UCP 600 art. 6(d)(i): a presentation must be made on or before the expiry date.",
        "UCP 600 第 6(d)(i) 条：必须在有效期当日或之前交单。",
    ),
    "why.insurance_cif": (
        "UCP 600 art. 28: under CIF or CIP the seller presents the insurance document.",
        "UCP 600 第 28 条：按 CIF 或 CIP 成交时，由卖方提交保险单据。",
    ),
    "why.invoice_issuer": (
        "UCP 600 art. 18(a)(i): a commercial invoice must appear to have been issued by the "
        "beneficiary.",
        "UCP 600 第 18(a)(i) 条：商业发票必须看似由受益人出具。",
    ),
    "why.invoice_applicant": (
        "UCP 600 art. 18(a)(ii): a commercial invoice must be made out in the name of the "
        "applicant.",
        "UCP 600 第 18(a)(ii) 条：商业发票必须以申请人为抬头。",
    ),
    "why.trade_term": (
        "ISBP 821 C8: the trade term stated in the credit's goods must appear on the invoice.",
        "ISBP 821 C8：信用证货物描述中注明的贸易术语必须出现在发票上。",
    ),
    "why.presentation_period": (
        "UCP 600 art. 14(c): documents must be presented within the period the credit states "
        "(field 48), else 21 calendar days after shipment.",
        "UCP 600 第 14(c) 条：单据必须在信用证规定的期限（48 栏）内提交，未规定时为装运后 21 个日历日内。",
    ),
    "why.insurance_currency": (
        "UCP 600 art. 28(f)(i): the insurance must be in the currency of the credit.",
        "UCP 600 第 28(f)(i) 条：保险必须以信用证的币种投保。",
    ),
    "why.insurance_date": (
        "UCP 600 art. 28(e): the insurance document must be dated no later than the date of "
        "shipment, unless it shows cover from that date.",
        "UCP 600 第 28(e) 条：保险单据的日期不得晚于装运日期，除非其显示保险自该日起生效。",
    ),
    "why.documents_required": (
        "UCP 600 art. 14(a) and 17: each stipulated document must be presented, at least one "
        "original of each, as many originals as the credit requires.",
        "UCP 600 第 14(a) 条和第 17 条：每份规定单据都必须提交，每份至少一份正本，正本份数须符合信用证要求。",
    ),
    "why.goods_description": (
        "UCP 600 art. 18(c): the description of the goods in the invoice must correspond with "
        "that in the credit.",
        "UCP 600 第 18(c) 条：发票中的货物描述必须与信用证中的描述相符。",
    ),
    "why.ports": (
        "UCP 600 art. 20(a)(iii): the transport document must indicate the ports stated in the "
        "credit.",
        "UCP 600 第 20(a)(iii) 条：运输单据必须注明信用证规定的港口。",
    ),
    "why.insurance_110": (
        "UCP 600 art. 28(f)(ii): the cover is at least 110% of the CIF or CIP value.",
        "UCP 600 第 28(f)(ii) 条：保险金额至少为 CIF 或 CIP 价值的 110%。",
    ),
    "why.merchanting_currency": (
        _MERCHANTING_EN + " Banks require both legs to settle in one currency through one account.",
        _MERCHANTING_ZH + "银行要求两段交易以同一币种、通过同一账户结算。",
    ),
    "why.merchanting_quantity": (
        _MERCHANTING_EN + " Selling more than was bought means goods of unknown origin.",
        _MERCHANTING_ZH + "卖出多于买入，意味着有来源不明的货物。",
    ),
    "why.merchanting_loss": (
        _MERCHANTING_EN + " A loss-making deal is a sign of a wrong price or of a deal that is "
        "not what it seems.",
        _MERCHANTING_ZH + "亏损的交易说明价格有误，或交易并非表面所见。",
    ),
    "why.merchanting_margin": (
        _MERCHANTING_EN + " A margin far from the company's usual one draws the bank's questions "
        "(price manipulation, money laundering).",
        _MERCHANTING_ZH + "利润率与公司惯常水平相差甚远，会引起银行质询（价格操纵、洗钱）。",
    ),
    "why.merchanting_reuse": (
        _MERCHANTING_EN + " One set of goods financed twice under one B/L is the classic "
        "merchanting fraud; banks refuse it.",
        _MERCHANTING_ZH + "同一批货物凭同一份提单重复融资是典型的转口贸易欺诈，银行会拒绝。",
    ),
    "why.conflict": (_CONFLICT_EN, _CONFLICT_ZH),
    "why.conflict_marks": (
        _CONFLICT_EN + " ISBP 821 A23: marks must agree across documents.",
        _CONFLICT_ZH + "ISBP 821 A23：各单据上的唛头必须一致。",
    ),
    "why.conflict_descriptions": (
        _CONFLICT_EN + " ISBP 821 C3: the goods may be described in general terms, never in "
        "conflicting ones.",
        _CONFLICT_ZH + "ISBP 821 C3：货物可以用统称描述，但不得相互矛盾。",
    ),
    "why.purchase_invoice": (
        "Banks financing a merchanting deal check that the purchase is invoiced as contracted.",
        "为转口贸易融资的银行会核对采购是否按合同开票。",
    ),
    # --- what to do ----------------------------------------------------------------------------
    "fix.reissue_in_currency": (
        "Re-issue the invoice in {currency}.",
        "以 {currency} 重新开具发票。",
    ),
    "fix.reduce_invoice": (
        "Reduce the invoice to the credit amount, or have the credit amount increased.",
        "将发票金额减至信用证金额，或请申请人增加信用证金额。",
    ),
    "fix.amend_latest_shipment": (
        "Ask the applicant to amend the latest shipment date (MT707 44C) before presenting.",
        "交单前请申请人修改最迟装运日（MT707 44C）。",
    ),
    "fix.one_transport_document": (
        "Ship under one transport document, or have 43P amended to ALLOWED.",
        "凭一份运输单据装运，或请修改 43P 栏为 ALLOWED（允许）。",
    ),
    "fix.correct_vessel": (
        "Correct the vessel, or have 43T amended to ALLOWED.",
        "更正船名，或请修改 43T 栏为 ALLOWED（允许）。",
    ),
    "fix.extend_expiry": (
        "Ask for an extension of the expiry (MT707 31E) before presenting.",
        "交单前申请延长有效期（MT707 31E）。",
    ),
    "fix.attach_insurance": (
        "Attach the insurance certificate to the deal.",
        "将保险凭证附到该交易中。",
    ),
    "fix.invoice_beneficiary": (
        "Issue the invoice in the beneficiary's name, or have the credit amended.",
        "以受益人名义开具发票，或请修改信用证。",
    ),
    "fix.invoice_to_applicant": (
        "Make the invoice out to the applicant as named in field 50.",
        "按 50 栏所列名称，以申请人为发票抬头。",
    ),
    "fix.invoice_incoterm": (
        "Issue the invoice on {incoterm} terms.",
        "按 {incoterm} 条件开具发票。",
    ),
    "fix.present_sooner": (
        "Present sooner; a late presentation cannot be corrected.",
        "尽早交单；逾期交单无法补救。",
    ),
    "fix.insurance_currency": (
        "Have the insurer issue the cover in {currency}.",
        "请保险人以 {currency} 出具保险。",
    ),
    "fix.insurance_date": (
        "Have the insurer date the cover no later than the on-board date.",
        "请保险人将保险日期定为不晚于装船日期。",
    ),
    "fix.attach_document": (
        "Attach the document, in the originals the credit requires.",
        "按信用证要求的正本份数附上该单据。",
    ),
    "fix.describe_as_credit": (
        "Describe the goods on the invoice as the credit does (45A).",
        "按信用证（45A 栏）的描述在发票上描述货物。",
    ),
    "fix.correct_port": (
        "Correct the port, or have the credit amended.",
        "更正港口，或请修改信用证。",
    ),
    "fix.insurance_110": (
        "Ask the insurer for cover of at least 110% of the invoice value.",
        "请保险人按不低于发票金额 110% 投保。",
    ),
    "fix.one_currency": ("Agree both contracts in one currency.", "两份合同约定同一币种。"),
    "fix.sales_quantity": (
        "Correct the sales quantity, or buy the difference under the purchase contract.",
        "更正销售数量，或按采购合同补购差额。",
    ),
    "fix.check_unit_prices": (
        "Check the unit prices of both contracts.",
        "核对两份合同的单价。",
    ),
    "fix.check_prices": (
        "Check the prices, or attach an explanation to the deal.",
        "核对价格，或为该交易附上说明。",
    ),
    "fix.check_transport_number": (
        "Check the transport document number; a shipment belongs to one deal.",
        "核对运输单据号码；一批货物只属于一笔交易。",
    ),
    "fix.confirm_packages": (
        "Confirm the number of packages with the issuer, or correct the packing list.",
        "与出单人确认件数，或更正装箱单。",
    ),
    "fix.same_marks": (
        "Use the same shipping marks on the invoice and the packing list.",
        "在发票和装箱单上使用相同的唛头。",
    ),
    "fix.correct_containers": (
        "Correct the container numbers on the shipment, or ask the carrier.",
        "更正货运中的集装箱号，或向承运人确认。",
    ),
    "fix.supplier_currency": (
        "Ask the supplier to invoice in the contract currency.",
        "请供应商以合同币种开票。",
    ),
    "fix.quantities": (
        "Correct the packing list or the invoice so that the quantities agree.",
        "更正装箱单或发票，使数量一致。",
    ),
    "fix.describe_as_invoice": (
        "Describe the goods on the packing list as on the invoice.",
        "按发票的描述在装箱单上描述货物。",
    ),
    "fix.confirm_weight": (
        "Confirm the {weight} weight with the issuer of the {document}, or correct the packing "
        "list.",
        "与{document}的出单人确认{weight}，或更正装箱单。",
    ),
    "fix.seal_number": (
        "Check the seal number on the container and correct the document.",
        "核对集装箱上的封号并更正单据。",
    ),
    "fix.carrier_data": (
        "Copy the carrier's data onto the shipment, or ask the carrier to correct the document.",
        "将承运人的数据抄到货运中，或请承运人更正单据。",
    ),
    "fix.supplier_correct_invoice": (
        "Ask the supplier to correct the invoice, or amend the purchase contract.",
        "请供应商更正发票，或修改采购合同。",
    ),
    "weight.net": ("net", "净重"),
    "weight.gross": ("gross", "毛重"),
    "received.supplier_invoice": ("supplier's invoice", "供应商发票"),
    "received.bill_of_lading": ("bill of lading", "提单"),
    "received.air_waybill": ("air waybill", "空运单"),
    "received.cmr": ("cmr consignment note", "CMR 公路运单"),
    "received.rail_note": ("rail consignment note", "铁路运单"),
    "received.insurance_certificate": ("insurance certificate", "保险凭证"),
    "received.inspection_certificate": ("inspection certificate", "检验证书"),
    "received.other": ("other document", "其他单据"),
}
"""code -> (English template, Simplified Chinese template)."""
register(CATALOGUE)
