"""Importing parties and products from a spreadsheet: map the columns, dry-run, then commit.

The flow the GUI and the CLI share:

1. ``open_spreadsheet(path)`` reads the header (services/spreadsheets).
2. ``suggest_mapping`` maps columns to fields: the mapping remembered for this layout of
   columns, else obvious titles ("HS Code", "品名", "Unit Price") map themselves.
3. ``plan_import`` is the dry run: every row is turned into the domain object and checked with
   the domain's own ``problems()``; each problem names its row and column. Nothing is written.
4. ``commit_import`` writes the plan in one transaction, only when it has no problem: a record
   with the same SKU (products), or the same registration id or English name in the same country
   (parties), is updated, never duplicated; an identical one is skipped.

An empty cell never erases what an existing record holds; a cell that a spreadsheet would run
as a formula (``=cmd|...``) is refused, not imported.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from exporter_desk.domain import (
    BankAccount,
    Dimensions,
    PackageType,
    Party,
    PartyId,
    Product,
    ProductId,
    Unit,
)
from exporter_desk.domain.codes import (
    normalize_registration_id,
)
from exporter_desk.domain.errors import DomainError, Problem
from exporter_desk.services.importing._rows import (
    ImportPlan,
    ImportResult,
    PlannedRow,
    RowProblem,
    _parse_row,
    _Parsed,
)
from exporter_desk.services.importing.errors import ImportHasProblemsError
from exporter_desk.services.importing.fields import (
    _NESTED,
    FIELDS,
    PROGRESS_EVERY,
    ImportTable,
    Progress,
    column_label,
    verify_mapping,
)
from exporter_desk.services.importing.lines import commit_lines, plan_lines
from exporter_desk.services.spreadsheets import (
    Spreadsheet,
)
from exporter_desk.store import Store
from exporter_desk.store.upsert import (
    load_parties,
    load_products,
    party_keys,
    party_name_key,
    product_ids_by_sku,
)


def plan_import(
    store: Store,
    sheet: Spreadsheet,
    table: ImportTable,
    mapping: dict[int, str],
    *,
    defaults: dict[str, str] | None = None,
    progress: Progress | None = None,
    target_id: int | None = None,
) -> ImportPlan:
    """The dry run: read every row, build and check its record; write nothing.

    For lines, ``target_id`` is the invoice or contract they go into.

    Raises:
        MappingError: when a required field has no column and no default.
        NotFoundError: when the invoice or contract of ``target_id`` does not exist.
    """
    verify_mapping(table, mapping, defaults)
    columns = {name: index for index, name in mapping.items()}
    labels = {name: column_label(sheet.header, index) for name, index in columns.items()}
    problems: list[RowProblem] = []

    def report(row: int, name: str, message: str) -> None:
        where = labels.get(name) or ("default" if name in (defaults or {}) else "")
        problems.append(RowProblem(row, where, name, message))

    total = sheet.total_rows or 0
    parsed: list[_Parsed] = []
    for count, row in enumerate(sheet.rows(), start=1):
        parsed.append(_parse_row(table, row, mapping, defaults or {}, sheet, report))
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count, max(total, count) * 2)
    read = len(parsed)
    if table.is_lines:
        lines = plan_lines(store, table, target_id, parsed, report)
        if progress is not None:
            progress(read * 2, read * 2)
        problems.sort(key=lambda p: p.row)
        return ImportPlan(table, tuple(lines), tuple(problems), read, target_id)

    matcher = _Matcher(store, table)
    seen: dict[Any, int] = {}
    for item in parsed:
        item.key = matcher.key(item.values)
        if item.key is None:
            continue
        if item.key in seen:
            name = "sku" if table is ImportTable.PRODUCTS else "name_en"
            report(item.row, name, f"Row {seen[item.key]} already holds this {matcher.what}.")
            item.bad.add(name)
            continue
        seen[item.key] = item.row
        item.existing = matcher.find(item.key)
    existing = matcher.load([p.existing for p in parsed if p.existing is not None])

    planned: list[PlannedRow] = []
    for count, item in enumerate(parsed, start=1):
        old = existing.get(item.existing) if item.existing is not None else None
        record = _build(table, item, old, report)
        if record is not None and not item.bad:
            if old is None:
                planned.append(PlannedRow(item.row, "add", record))
            elif record == old:
                planned.append(PlannedRow(item.row, "unchanged", record))
            else:
                planned.append(PlannedRow(item.row, "update", record))
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(read + count, read * 2)
    if progress is not None:
        progress(read * 2, read * 2)
    problems.sort(key=lambda p: p.row)
    return ImportPlan(table, tuple(planned), tuple(problems), read)


class _Matcher:
    """Finds the existing record an imported row updates."""

    def __init__(self, store: Store, table: ImportTable) -> None:
        self._store = store
        self._table = table
        if table is ImportTable.PRODUCTS:
            self.what = "SKU"
            self._skus = product_ids_by_sku(store)
        else:
            self.what = "party (same registration id, or same name and country)"
            self._parties = party_keys(store)

    def key(self, values: dict[str, Any]) -> Any:
        if self._table is ImportTable.PRODUCTS:
            sku = values.get("sku")
            return sku or None
        country = values.get("country", "")
        registration = values.get("registration_id", "")
        if registration and country:
            with contextlib.suppress(DomainError):
                registration = normalize_registration_id(country, registration)
            return ("id", country, registration, party_name_key(values.get("name_en", "")))
        name = values.get("name_en", "")
        return ("name", country, "", party_name_key(name)) if name else None

    def find(self, key: Any) -> int | None:
        if self._table is ImportTable.PRODUCTS:
            return self._skus.get(key)
        _kind, country, registration, name = key
        found = self._parties.by_registration.get((country, registration)) if registration else None
        return found if found is not None else self._parties.by_name.get((country, name))

    def load(self, ids: list[int]) -> dict[int, Party | Product]:
        if self._table is ImportTable.PRODUCTS:
            products = load_products(self._store, [ProductId(i) for i in ids])
            return {int(k): v for k, v in products.items()}
        parties = load_parties(self._store, [PartyId(i) for i in ids])
        return {int(k): v for k, v in parties.items()}


def _product_values(p: Product) -> dict[str, Any]:
    return {
        "sku": p.sku,
        "description_en": p.description_en,
        "description_zh": p.description_zh,
        "hs_code": p.hs_code,
        "unit": p.unit,
        "unit_price": p.unit_price,
        "currency": p.currency,
        "net_weight_kg": p.net_weight_kg,
        "gross_weight_kg": p.gross_weight_kg,
        "origin_country": p.origin_country,
        "package_type": p.package_type,
        "units_per_package": p.units_per_package,
        "package_length_cm": p.package.length_cm if p.package else None,
        "package_width_cm": p.package.width_cm if p.package else None,
        "package_height_cm": p.package.height_cm if p.package else None,
    }


def _party_values(p: Party) -> dict[str, Any]:
    bank = p.bank
    return {
        "name_en": p.name_en,
        "name_zh": p.name_zh,
        "address_en": p.address_en,
        "address_zh": p.address_zh,
        "country": p.country,
        "registration_id": p.registration_id,
        "roles": p.roles,
        "contact": p.contact,
        "email": p.email,
        "phone": p.phone,
        "bank_name": bank.bank_name if bank else "",
        "bank_account_number": bank.account_number if bank else "",
        "bank_swift": bank.swift if bank else "",
        "bank_address": bank.bank_address if bank else "",
        "bank_account_name": bank.account_name if bank else "",
    }


_PRODUCT_DEFAULTS: dict[str, Any] = {
    "sku": "",
    "description_en": "",
    "description_zh": "",
    "hs_code": "",
    "unit": Unit.PCS,
    "unit_price": Decimal(0),
    "currency": "",
    "net_weight_kg": Decimal(0),
    "gross_weight_kg": None,  # the net weight when not given
    "origin_country": "",
    "package_type": PackageType.CARTON,
    "units_per_package": 1,
    "package_length_cm": None,
    "package_width_cm": None,
    "package_height_cm": None,
}
_PARTY_DEFAULTS: dict[str, Any] = {
    spec.name: "" for spec in FIELDS[ImportTable.PARTIES] if spec.name != "roles"
} | {"roles": frozenset()}


def _build(
    table: ImportTable,
    item: _Parsed,
    old: Party | Product | None,
    report: Callable[[int, str, str], None],
) -> Party | Product | None:
    """The record this row makes (``old`` updated with the row's filled cells), checked."""
    problems: list[Problem] = []
    try:
        if table is ImportTable.PRODUCTS:
            assert old is None or isinstance(old, Product)
            values = (_product_values(old) if old else dict(_PRODUCT_DEFAULTS)) | item.values
            record: Party | Product = _make_product(values, old, item, report)
        else:
            assert old is None or isinstance(old, Party)
            values = (_party_values(old) if old else dict(_PARTY_DEFAULTS)) | item.values
            if old is not None and "roles" in item.values:
                values["roles"] = old.roles | item.values["roles"]
            record = _make_party(values, old)
        problems = record.problems()
    except DomainError as exc:  # a domain that refuses bad values at construction
        found = getattr(exc, "problems", None)
        problems = list(found) if found else [Problem("", exc.user_message)]
        record = None  # type: ignore[assignment]
    for problem in problems:
        name = _NESTED.get(problem.field, problem.field)
        if name not in item.bad:
            report(item.row, name, problem.message)
            item.bad.add(name)
    return record if not problems else None


def _make_product(
    values: dict[str, Any],
    old: Product | None,
    item: _Parsed,
    report: Callable[[int, str, str], None],
) -> Product:
    dims = [values[f"package_{d}_cm"] for d in ("length", "width", "height")]
    package = None
    if all(d is not None for d in dims):
        package = Dimensions(dims[0], dims[1], dims[2])
    elif any(d is not None for d in dims):
        name = next(
            f"package_{d}_cm"
            for d, v in zip(("length", "width", "height"), dims, strict=True)
            if v is None
        )
        report(item.row, name, "Give the package's length, width and height, or none of them.")
        item.bad.add(name)
    gross = values["gross_weight_kg"]
    product = Product(
        sku=values["sku"],
        description_en=values["description_en"],
        hs_code=values["hs_code"],
        unit=values["unit"],
        unit_price=values["unit_price"],
        currency=values["currency"],
        net_weight_kg=values["net_weight_kg"],
        gross_weight_kg=values["net_weight_kg"] if gross is None else gross,
        origin_country=values["origin_country"],
        package_type=values["package_type"],
        units_per_package=values["units_per_package"],
        package=package,
        description_zh=values["description_zh"],
    )
    return dataclasses.replace(product, id=old.id) if old is not None else product


def _make_party(values: dict[str, Any], old: Party | None) -> Party:
    bank = None
    if any(values[f] for f in _NESTED.values() if f.startswith("bank_")):
        bank = BankAccount(
            bank_name=values["bank_name"],
            account_number=values["bank_account_number"],
            swift=values["bank_swift"],
            bank_address=values["bank_address"],
            account_name=values["bank_account_name"],
        )
    registration = values["registration_id"]
    if registration:
        with contextlib.suppress(DomainError):  # problems() explains it
            registration = normalize_registration_id(values["country"], registration)
    party = Party(
        name_en=values["name_en"],
        address_en=values["address_en"],
        country=values["country"],
        roles=values["roles"],
        name_zh=values["name_zh"],
        address_zh=values["address_zh"],
        registration_id=registration,
        contact=values["contact"],
        email=values["email"],
        phone=values["phone"],
        bank=bank,
    )
    return dataclasses.replace(party, id=old.id) if old is not None else party


# -- the commit ------------------------------------------------------------------------------


def commit_import(
    store: Store, plan: ImportPlan, *, progress: Progress | None = None
) -> ImportResult:
    """Write the plan in one transaction: every row goes in, or (on any error, a cancel
    included) none does.

    Raises:
        ImportHasProblemsError: when the dry run found problems; nothing is written.
        DuplicateError / NotFoundError: when the data changed since the dry run (rolled back).
    """
    if plan.problems:
        raise ImportHasProblemsError(len(plan.problems))
    if plan.table.is_lines:
        commit_lines(store, plan)
        return ImportResult(
            plan.table, plan.count("add"), plan.count("update"), plan.count("unchanged")
        )
    writes = [r.record for r in plan.rows if r.action != "unchanged"]
    with store.transaction():
        for start in range(0, len(writes), PROGRESS_EVERY):
            batch = writes[start : start + PROGRESS_EVERY]
            if plan.table is ImportTable.PRODUCTS:
                store.products.save_many([r for r in batch if isinstance(r, Product)])
            else:
                for party in batch:
                    assert isinstance(party, Party)
                    store.parties.save(party)
            if progress is not None:
                progress(start + len(batch), len(writes))
    if progress is not None:
        progress(len(writes), len(writes))
    return ImportResult(
        plan.table, plan.count("add"), plan.count("update"), plan.count("unchanged")
    )


__all__ = ["commit_import", "plan_import"]
