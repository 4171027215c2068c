"""The cover sheet of a pack: the deal or shipment, its parties, and the list of documents with
their numbers, sets and pack pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether

from exporter_desk.documents._format import format_date, party_text
from exporter_desk.documents._issue import company_header
from exporter_desk.documents._pack_plan import PackEntry, PackPlan
from exporter_desk.documents._titles import TITLES
from exporter_desk.documents.context import RenderOptions
from exporter_desk.documents.layout import (
    Column,
    DocumentLayout,
    Field,
    ItemRow,
    Label,
    RenderedDocument,
)
from exporter_desk.domain import Party, country_name

__all__ = ["BANK_PACK_TITLE", "PACK_TITLE", "CoverSection", "PackParty", "render_cover"]

PackParty = tuple[str, Party]  # (role as printed, party)
PACK_TITLE = Label("Document Pack", "单据汇总")
BANK_PACK_TITLE = Label("Bank Presentation Pack", "银行交单汇总")


@dataclass(frozen=True, slots=True)
class CoverSection:
    """A part of the cover the caller composes (the bank pack's deal summary, examination,
    verification): a caption, then a table of ``rows`` under ``columns`` (names and relative
    widths), then ``note`` as running text. Any of the three may be empty."""

    title: Label
    columns: tuple[tuple[Label, float], ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    note: str = ""


def _sets_text(entry: PackEntry) -> str:
    parts = []
    if entry.originals:
        parts.append(f"{entry.originals} original{'s' if entry.originals > 1 else ''}")
    if entry.copies:
        parts.append(f"{entry.copies} cop{'ies' if entry.copies > 1 else 'y'}")
    return " + ".join(parts)


def _entry_label(entry: PackEntry, options: RenderOptions) -> str:
    if options.bilingual and entry.kind is not None and entry.label == TITLES[entry.kind].en:
        return f"{entry.label}\n{TITLES[entry.kind].zh}"
    return entry.label


def _pages_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def render_cover(
    plan: PackPlan,
    *,
    title: str,
    reference: str,
    parties: Sequence[PackParty],
    issuer: Party,
    details: Sequence[tuple[str, str]],
    options: RenderOptions,
    sections: Sequence[CoverSection] = (),
    cover_title: Label = PACK_TITLE,
) -> RenderedDocument:
    layout = DocumentLayout(
        title=cover_title,
        document_number=reference,
        company=company_header(issuer, options),
        created=options.created,
        paper=options.paper,
        language=options.language,
        number_label=Label("Reference", "编号"),
    )
    sets = sum(p.entry.sets for p in plan.entries)
    summary = [
        Field(Label("Pack", "汇总"), title, strong_first_line=True, width=2.2),
        Field(Label("Prepared on", "编制日期"), format_date(options.created.date())),
        Field(
            Label("Contents", "内容"),
            f"{len(plan.entries)} documents, {sets} sets\n{plan.total_pages} pages",
        ),
    ]
    rows = [summary]
    if details:
        rows.append([Field(Label(k), v) for k, v in details])
    story = [layout.fields(rows), layout.spacer(4)]
    if parties:
        story += [
            layout.section_title(Label("Parties", "当事方")),
            layout.spacer(1.5),
            layout.line_items(
                [
                    Column(Label("Role", "身份"), 1.1),
                    Column(Label("Name and address", "名称及地址"), 4.2),
                    Column(Label("Country", "国家"), 1.0),
                ],
                [
                    ItemRow(
                        (
                            role,
                            party_text(party, bilingual=options.bilingual, contact=False),
                            country_name(party.country),
                        )
                    )
                    for role, party in parties
                ],
                total_label=None,
            ),
            layout.spacer(4),
        ]
    story += [
        layout.section_title(Label("Documents", "单据清单")),
        layout.spacer(1.5),
        layout.line_items(
            [
                Column(Label("No.", "序号"), 0.45, "right"),
                Column(Label("Document", "单据"), 2.0),
                Column(Label("Number", "编号"), 1.7),
                Column(Label("Sets", "份数"), 1.6),
                Column(Label("Pages each", "每份页数"), 0.8, "right"),
                Column(Label("Pack pages", "汇总页码"), 1.0, "right"),
            ],
            [
                ItemRow(
                    (
                        str(n),
                        _entry_label(p.entry, options),
                        p.entry.number,
                        _sets_text(p.entry),
                        str(p.pages_each),
                        _pages_text(p.first_page, p.last_page),
                    )
                )
                for n, p in enumerate(plan.entries, start=1)
            ],
            total_label=None,
        ),
        layout.spacer(3),
    ]
    for section in sections:
        part: list[Flowable] = [layout.section_title(section.title), layout.spacer(1.5)]
        if section.columns and section.rows:
            part += [
                layout.line_items(
                    [Column(label, width) for label, width in section.columns],
                    [ItemRow(row) for row in section.rows],
                    total_label=None,
                ),
                layout.spacer(1.5),
            ]
        if section.note:
            part.append(layout.paragraph(section.note, small=True))
        # never a heading alone at the foot of a page (a long table still splits)
        story += [layout.spacer(2), KeepTogether(part)]
    story += [
        layout.spacer(3),
        layout.declaration(
            "Originals are marked ORIGINAL (an issued document carries its own mark) and copies "
            "COPY in the top margin of every page; each set follows the one before it. Every page keeps its own page number and shows its "
            "pack page number at the foot. Each document's issued, signed PDF is embedded "
            "in this file as an attachment, where it keeps its signature: the attachments are "
            "the documents of record, and Exporter Desk checks every printed page against them.",
            "正本每页上方标注 ORIGINAL（已签发的单据自带正本标记），副本标注 COPY；各份依次排列。每页保留本单据页码，并在页脚标注汇总页码。"
            "各单据已签发并签名的 PDF 作为附件嵌入本文件并保留其签名：附件为正式单据，Exporter Desk "
            "会逐页核对打印页与附件是否一致。",
        ),
    ]
    return layout.render(story)
