"""Lines of one invoice or contract from a spreadsheet (a buyer's order, a supplier's quote).

A row whose SKU names a product takes the product's description, HS code, unit and price for
the cells it leaves empty. A row whose SKU (or, without one, whose English description) is already on the document's
lines updates that line, so a re-import does not duplicate it; other rows are added after the
existing lines. Every line
is checked with ``LineItem.problems()``, then the whole document with its own ``problems()``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from exporter_desk.domain import (
    ContractId,
    InvoiceId,
    LineItem,
    Product,
    Unit,
)
from exporter_desk.domain.errors import DomainError
from exporter_desk.services.importing._rows import ImportPlan, PlannedRow, _Parsed
from exporter_desk.services.importing.fields import ImportTable
from exporter_desk.store import Store
from exporter_desk.store.upsert import load_products, product_ids_by_sku

Report = Callable[[int, str, str], None]


def _document(store: Store, table: ImportTable, target_id: int | None) -> Any:
    """Raises: NotFoundError; ValueError without a target (a caller bug)."""
    if target_id is None:
        raise ValueError("importing lines needs the invoice or contract they go into")
    if table is ImportTable.INVOICE_LINES:
        return store.invoices.get(InvoiceId(target_id))
    return store.contracts.get(ContractId(target_id))


def _line_from(values: dict[str, Any], product: Product | None) -> LineItem:
    base: dict[str, Any] = {
        "description_en": "",
        "description_zh": "",
        "hs_code": "",
        "unit": Unit.PCS,
        "unit_price": Decimal(0),
        "sku": "",
    }
    if product is not None:
        base |= {
            "description_en": product.description_en,
            "description_zh": product.description_zh,
            "hs_code": product.hs_code,
            "unit": product.unit,
            "unit_price": product.unit_price,
            "sku": product.sku,
        }
    base |= values
    return LineItem(
        description_en=base["description_en"],
        hs_code=base["hs_code"],
        quantity=base.get("quantity", Decimal(0)),
        unit=base["unit"],
        unit_price=base["unit_price"],
        product_id=product.id if product is not None else None,
        sku=base["sku"],
        description_zh=base["description_zh"],
    )


def line_key(line: LineItem) -> tuple[str, str]:
    """What identifies a line within one document: its SKU, else its description."""
    if line.sku:
        return ("sku", line.sku)
    return ("description", " ".join(line.description_en.casefold().split()))


def plan_lines(
    store: Store,
    table: ImportTable,
    target_id: int | None,
    parsed: list[_Parsed],
    report: Report,
) -> list[PlannedRow]:
    document = _document(store, table, target_id)
    skus = product_ids_by_sku(store)
    wanted = [skus[p.values["sku"]] for p in parsed if p.values.get("sku") in skus]
    products = load_products(store, wanted)
    on_document = {line_key(line): line for line in document.lines}
    seen: dict[tuple[str, str], int] = {}
    planned: list[PlannedRow] = []
    for item in parsed:
        sku = item.values.get("sku", "")
        product = products.get(skus[sku]) if sku in skus else None
        try:
            line = _line_from(item.values, product)
            problems = line.problems()
        except DomainError as exc:
            report(item.row, "", exc.user_message)
            continue
        key = line_key(line)
        if key in seen:
            name = "sku" if key[0] == "sku" else "description_en"
            report(item.row, name, f"Row {seen[key]} already holds this line.")
            continue
        seen[key] = item.row
        for problem in problems:
            if problem.field not in item.bad:
                report(item.row, problem.field, problem.message)
                item.bad.add(problem.field)
        if item.bad or problems:
            continue
        old = on_document.get(key)
        if old is None:
            planned.append(PlannedRow(item.row, "add", line))
        elif old == line:
            planned.append(PlannedRow(item.row, "unchanged", line))
        else:
            planned.append(PlannedRow(item.row, "update", line))
    return planned


def commit_lines(store: Store, plan: ImportPlan) -> None:
    """Raises: ValidationError when the document with its new lines has problems (nothing is
    written); NotFoundError when it was deleted since the dry run."""
    with store.transaction():
        document = _document(store, plan.table, plan.target_id)
        changed = {
            line_key(r.record): r.record
            for r in plan.rows
            if r.action == "update" and isinstance(r.record, LineItem)
        }
        lines = [changed.get(line_key(line), line) for line in document.lines]
        lines += [
            r.record for r in plan.rows if r.action == "add" and isinstance(r.record, LineItem)
        ]
        updated = dataclasses.replace(document, lines=tuple(lines))
        if plan.table is ImportTable.INVOICE_LINES:
            store.invoices.save(updated)
        else:
            store.contracts.save(updated)


__all__ = ["commit_lines", "line_key", "plan_lines"]
