"""The bank pack's cover sections and record: the deal summary (legs, margin, goods and funds
flow), the examiner's result (or "no discrepancies" with the rules run), each original's
verification, and the documents received from others."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from exporter_desk.documents import CoverSection
from exporter_desk.documents.layout import Label
from exporter_desk.domain import DealId
from exporter_desk.domain.money import Money
from exporter_desk.examine import RULES, Discrepancy
from exporter_desk.services.examining import DealSummary, deal_summary, examine_deal
from exporter_desk.store import Store
from exporter_desk.verify import Trust, Verdict

__all__ = ["BankCover", "bank_cover"]


class BankCover:
    """What the bank pack's cover shows, gathered once (the sections and the record agree)."""

    def __init__(
        self,
        summary: DealSummary,
        found: Sequence[Discrepancy],
        verdicts: Sequence[tuple[str, str, Verdict]],
        received: Sequence[tuple[str, str, str, str, str]],
        credit_number: str | None,
    ) -> None:
        self.summary = summary
        self.found = tuple(found)
        self.verdicts = tuple(verdicts)
        self.received = tuple(received)
        self.credit_number = credit_number
        self.rules = tuple(rule.__name__ for rule in RULES)

    def sections(self) -> list[CoverSection]:
        return [
            self._deal(),
            self._examination(),
            self._verification(),
            self._received(),
        ]

    def record(self, number: str) -> dict[str, object]:
        return {
            "format": "exporter-desk-bank-pack/v1",
            "kind": "bank-pack",
            "number": number,
            "deal": self.summary.reference,
            "credit": self.credit_number,
            "rules_run": list(self.rules),
            "discrepancies": [
                {"rule": d.rule, "severity": d.severity.value, "message": d.message}
                for d in self.found
            ],
            "verification": [
                {"document": label, "number": num, "result": v.result.value}
                for label, num, v in self.verdicts
            ],
        }

    def _deal(self) -> CoverSection:
        s = self.summary
        rows = tuple(
            (
                f.currency,
                _money(f.purchase),
                _money(f.sales),
                _money(f.margin),
                "—" if f.margin_rate is None else f"{f.margin_rate:.2f} %",
            )
            for f in s.figures
        )
        goods = s.goods
        flow = " → ".join(
            part
            for part in (
                f"origin {goods.origin}" if goods.origin else "",
                f"loaded at {goods.port_of_loading}" if goods.port_of_loading else "",
                f"discharged at {goods.port_of_discharge}" if goods.port_of_discharge else "",
                f"delivered to {goods.destination}" if goods.destination else "",
            )
            if part
        )
        funds = "\n".join(
            f"{leg.leg.title()} leg: {leg.payer or '—'} pays {leg.payee or '—'} in {leg.currency} "
            f"by {leg.method}" + (f", to {leg.bank} {leg.account}" if leg.bank else "")
            for leg in s.funds
        )
        note = f"Goods flow: {flow or 'not yet known'}\nFunds flow:\n{funds or 'not yet known'}"
        if s.flags:
            note += "\n" + "\n".join(f"Note: {flag}" for flag in s.flags)
        return CoverSection(
            Label("Deal summary: legs and margin", "交易概要：买卖两端及利润"),
            (
                (Label("Currency", "币种"), 0.8),
                (Label("Purchase leg", "采购"), 1.6),
                (Label("Sales leg", "销售"), 1.6),
                (Label("Margin", "利润"), 1.6),
                (Label("Margin rate", "利润率"), 1.0),
            ),
            rows,
            note,
        )

    def _examination(self) -> CoverSection:
        title = Label("Examination against the letter of credit", "按信用证审单结果")
        credit = f"Credit {self.credit_number}. " if self.credit_number else "No credit on file. "
        if not self.found:
            return CoverSection(
                title,
                note=f"{credit}No discrepancies. Rules run ({len(self.rules)}): "
                + ", ".join(self.rules)
                + ".",
            )
        return CoverSection(
            title,
            (
                (Label("Severity", "严重程度"), 0.9),
                (Label("Rule", "规则"), 1.9),
                (Label("Discrepancy", "不符点"), 4.2),
            ),
            tuple((d.severity.value, d.rule, d.message) for d in self.found),
            f"{credit}{len(self.found)} discrepancies found by {len(self.rules)} rules.",
        )

    def _verification(self) -> CoverSection:
        return CoverSection(
            Label("Verification of each original", "各正本验证结果"),
            (
                (Label("Document", "单据"), 2.0),
                (Label("Number", "编号"), 1.7),
                (Label("Verdict", "结论"), 1.4),
                (Label("Registered", "登记"), 2.0),
            ),
            tuple(
                (label, number, v.result.display, _registered(v))
                for label, number, v in self.verdicts
            ),
            "Each original is embedded in this file with its own signature; "
            "exporter-desk verify checks them again, and every printed page against them.",
        )

    def _received(self) -> CoverSection:
        title = Label("Documents received from others", "收到的他方单据")
        if not self.received:
            return CoverSection(title, note="None recorded for this deal.")
        return CoverSection(
            title,
            (
                (Label("Document", "单据"), 1.8),
                (Label("Number", "编号"), 1.5),
                (Label("Issuer", "出具方"), 2.0),
                (Label("Date", "日期"), 1.0),
                (Label("Verdict", "结论"), 1.0),
            ),
            self.received,
        )


def _money(value: Money | None) -> str:
    return "—" if value is None else str(value)


def _registered(verdict: Verdict) -> str:
    reg = verdict.registration
    if reg is None:
        return "—"
    when = reg.checkpoint_time.strftime("%Y-%m-%d %H:%M UTC") if reg.checkpoint_time else ""
    return f"#{reg.log_index} {when}".strip()


def bank_cover(
    store: Store,
    deal_id: DealId,
    originals: Sequence[tuple[str, str, Path]],
    trust: Trust,
    credit_number: str | None,
    *,
    now: dt.datetime,
) -> BankCover:
    """Gather the cover: ``originals`` are (label, number, signed PDF) of the pack's documents."""
    from exporter_desk.verify import verify_pdf

    verdicts = [
        (label, number, verify_pdf(path, trust, now=now)) for label, number, path in originals
    ]
    received = [
        (
            doc.kind.label,
            doc.number or "—",
            doc.issuer or "—",
            doc.date.isoformat() if doc.date else "—",
            doc.verdict or "—",
        )
        for doc in store.received.for_deal(deal_id)
    ]
    return BankCover(
        deal_summary(store, deal_id),
        examine_deal(store, deal_id, presentation_date=now.date()),
        verdicts,
        received,
        credit_number,
    )
