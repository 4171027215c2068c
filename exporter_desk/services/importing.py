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
import hashlib
import json
import re
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from exporter_desk.domain import (
    BankAccount,
    Dimensions,
    PackageType,
    Party,
    PartyId,
    PartyRole,
    Product,
    ProductId,
    Unit,
)
from exporter_desk.domain.codes import (
    normalize_country,
    normalize_currency,
    normalize_hs_code,
    normalize_registration_id,
)
from exporter_desk.domain.errors import DomainError, Problem
from exporter_desk.errors import ExporterError
from exporter_desk.services.spreadsheets import (
    Cell,
    Row,
    Spreadsheet,
    is_formula_like,
    parse_decimal,
)
from exporter_desk.store import Store
from exporter_desk.store.upsert import (
    load_parties,
    load_products,
    party_keys,
    party_name_key,
    product_ids_by_sku,
)

Progress = Callable[[int, int], None]
"""``progress(done, total)``; it may raise (a cancelled dialog) to stop the work."""

PROGRESS_EVERY = 250
MAPPING_SETTING = "import.mapping"


class ImportTable(StrEnum):
    PARTIES = "parties"
    PRODUCTS = "products"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()


def _f(name: str, label: str, *aliases: str, required: bool = False) -> FieldSpec:
    return FieldSpec(name, label, required, aliases)


FIELDS: dict[ImportTable, tuple[FieldSpec, ...]] = {
    ImportTable.PRODUCTS: (
        _f(
            "sku",
            "SKU",
            "sku",
            "itemno",
            "itemnumber",
            "item",
            "itemcode",
            "articleno",
            "article",
            "partno",
            "partnumber",
            "productcode",
            "productno",
            "code",
            "ref",
            "货号",
            "产品编号",
            "商品编号",
            "编号",
            "型号",
            "款号",
            "物料编码",
            required=True,
        ),
        _f(
            "description_en",
            "Description (English)",
            "description",
            "descriptionen",
            "englishdescription",
            "desc",
            "productname",
            "name",
            "goods",
            "descriptionofgoods",
            "commodity",
            "englishname",
            "英文品名",
            "英文名称",
            "英文描述",
            "品名英文",
            required=True,
        ),
        _f(
            "description_zh",
            "Description (Chinese)",
            "品名",
            "中文品名",
            "中文名称",
            "商品名称",
            "产品名称",
            "中文描述",
            "名称",
            "descriptionzh",
            "chinesedescription",
            "chinesename",
        ),
        _f(
            "hs_code",
            "HS code",
            "hscode",
            "hs",
            "hstariff",
            "tariffcode",
            "hts",
            "htscode",
            "commoditycode",
            "customscode",
            "商品编码",
            "海关编码",
            "hs编码",
            "税则号",
            "海关商品编码",
            required=True,
        ),
        _f(
            "unit",
            "Unit",
            "unit",
            "uom",
            "units",
            "unitofmeasure",
            "单位",
            "计量单位",
            required=True,
        ),
        _f(
            "unit_price",
            "Unit price",
            "unitprice",
            "price",
            "priceperunit",
            "单价",
            "价格",
            required=True,
        ),
        _f("currency", "Currency", "currency", "cur", "ccy", "币种", "币制", "货币", required=True),
        _f("net_weight_kg", "Net weight (kg)", "netweight", "nw", "netweightkg", "净重"),
        _f("gross_weight_kg", "Gross weight (kg)", "grossweight", "gw", "grossweightkg", "毛重"),
        _f(
            "origin_country",
            "Country of origin",
            "origin",
            "countryoforigin",
            "origincountry",
            "coo",
            "madein",
            "原产国",
            "原产地",
            required=True,
        ),
        _f(
            "package_type",
            "Package type",
            "packagetype",
            "package",
            "packing",
            "包装",
            "包装方式",
            "包装种类",
        ),
        _f(
            "units_per_package",
            "Units per package",
            "unitsperpackage",
            "qtypercarton",
            "pcsperctn",
            "pcsctn",
            "perpackage",
            "qtyperpackage",
            "每箱数量",
            "装箱数",
        ),
        _f("package_length_cm", "Package length (cm)", "length", "lengthcm", "长", "长度"),
        _f("package_width_cm", "Package width (cm)", "width", "widthcm", "宽", "宽度"),
        _f("package_height_cm", "Package height (cm)", "height", "heightcm", "高", "高度"),
    ),
    ImportTable.PARTIES: (
        _f(
            "name_en",
            "Name (English)",
            "name",
            "nameen",
            "company",
            "companyname",
            "englishname",
            "英文名称",
            "公司英文名称",
            "英文名",
            required=True,
        ),
        _f(
            "name_zh",
            "Name (Chinese)",
            "namezh",
            "chinesename",
            "中文名称",
            "公司名称",
            "名称",
            "公司",
            "中文名",
        ),
        _f(
            "address_en",
            "Address (English)",
            "address",
            "addressen",
            "englishaddress",
            "英文地址",
            required=True,
        ),
        _f("address_zh", "Address (Chinese)", "addresszh", "chineseaddress", "地址", "中文地址"),
        _f(
            "country",
            "Country",
            "country",
            "countrycode",
            "国家",
            "国别",
            "国家代码",
            required=True,
        ),
        _f(
            "registration_id",
            "Registration id",
            "registrationid",
            "regid",
            "taxid",
            "vat",
            "vatno",
            "vatnumber",
            "uscc",
            "统一社会信用代码",
            "税号",
            "信用代码",
        ),
        _f("roles", "Roles", "roles", "role", "type", "类型", "角色"),
        _f("contact", "Contact", "contact", "contactperson", "attn", "联系人"),
        _f("email", "E-mail", "email", "mail", "邮箱", "电子邮件", "电子邮箱"),
        _f("phone", "Phone", "phone", "tel", "telephone", "mobile", "电话", "手机", "联系电话"),
        _f("bank_name", "Bank", "bank", "bankname", "开户行", "开户银行", "银行"),
        _f(
            "bank_account_number",
            "Account number",
            "account",
            "accountnumber",
            "accountno",
            "iban",
            "账号",
            "银行账号",
        ),
        _f("bank_swift", "SWIFT / BIC", "swift", "bic", "swiftcode", "swiftbic"),
        _f("bank_address", "Bank address", "bankaddress", "银行地址"),
        _f("bank_account_name", "Account name", "accountname", "beneficiary", "户名", "账户名称"),
    ),
}

# Domain fields (dotted, as Problem.field names them) that import fields feed.
_NESTED = {
    "bank.bank_name": "bank_name",
    "bank.account_number": "bank_account_number",
    "bank.swift": "bank_swift",
    "bank.bank_address": "bank_address",
    "bank.account_name": "bank_account_name",
    "package.length_cm": "package_length_cm",
    "package.width_cm": "package_width_cm",
    "package.height_cm": "package_height_cm",
}

_UNIT_ALIASES: dict[str, Unit] = {
    **{u.value.casefold(): u for u in Unit},
    **{u.name.casefold(): u for u in Unit},
    **dict.fromkeys(
        ("pc", "piece", "pieces", "ea", "each", "件", "个", "只", "台", "支"), Unit.PCS
    ),
    **dict.fromkeys(("set", "套"), Unit.SET),
    **dict.fromkeys(("pair", "pr", "双", "对"), Unit.PAIR),
    **dict.fromkeys(("dozen", "dz", "dzn", "打"), Unit.DOZEN),
    **dict.fromkeys(("kg", "kgm", "千克", "公斤"), Unit.KG),
    **dict.fromkeys(("t", "ton", "tons", "tonne", "tonnes", "tne", "吨"), Unit.MT),
    **dict.fromkeys(("meter", "metre", "meters", "metres", "mtr", "米"), Unit.M),
    **dict.fromkeys(("sqm", "mtk", "平方米"), Unit.M2),
    **dict.fromkeys(("cbm", "mtq", "立方米"), Unit.M3),
    **dict.fromkeys(("litre", "liter", "litres", "liters", "ltr", "升"), Unit.L),
    **dict.fromkeys(("roll", "ro", "卷"), Unit.ROLL),
    **dict.fromkeys(("ctn", "carton", "cartons", "ct", "箱"), Unit.CARTON),
}
_PACKAGE_ALIASES: dict[str, PackageType] = {
    **{p.value.casefold(): p for p in PackageType},
    **{p.value.casefold() + "s": p for p in PackageType},
    **dict.fromkeys(("ctn", "ctns", "纸箱"), PackageType.CARTON),
    **dict.fromkeys(("木箱",), PackageType.CASE),
    **dict.fromkeys(("板条箱",), PackageType.CRATE),
    **dict.fromkeys(("托盘", "plt"), PackageType.PALLET),
    **dict.fromkeys(("袋",), PackageType.BAG),
    **dict.fromkeys(("桶",), PackageType.DRUM),
    **dict.fromkeys(("卷",), PackageType.ROLL),
    **dict.fromkeys(("捆",), PackageType.BUNDLE),
    **dict.fromkeys(("包",), PackageType.BALE),
}
_ROLE_ALIASES: dict[str, PartyRole] = {
    **{r.value: r for r in PartyRole},
    **dict.fromkeys(("customer", "client", "客户", "买方", "买家"), PartyRole.BUYER),
    **dict.fromkeys(("vendor", "factory", "供应商", "供货商", "工厂", "卖方"), PartyRole.SUPPLIER),
    **dict.fromkeys(("出口商", "出口方"), PartyRole.EXPORTER),
    **dict.fromkeys(("收货人",), PartyRole.CONSIGNEE),
    **dict.fromkeys(("notifyparty", "通知人", "通知方"), PartyRole.NOTIFY),
    **dict.fromkeys(("freightforwarder", "货代"), PartyRole.FORWARDER),
    **dict.fromkeys(("银行",), PartyRole.BANK),
}


# -- errors ----------------------------------------------------------------------------------


class ImportError_(ExporterError):
    """Base of the import's errors (the trailing underscore keeps the builtin visible)."""


class MappingError(ImportError_):
    """The column mapping names a column or field that does not exist, or misses a field."""


class ImportHasProblemsError(ImportError_):
    def __init__(self, count: int) -> None:
        super().__init__(
            f"refusing to import: {count} problems",
            user_message=f"Nothing was imported: the file has {count:,} problem"
            f"{'' if count == 1 else 's'} to fix first (see the list by row and column).",
        )
        self.count = count


# -- mapping ---------------------------------------------------------------------------------


def normalize_title(title: str) -> str:
    """``"Unit Price (USD)"`` -> ``"unitprice"``; ``"品名："`` -> ``"品名"``."""
    text = re.sub(r"[(\[（【].*?[)\]）】]", "", title.casefold())
    return "".join(ch for ch in text if ch.isalnum())


def column_letter(index: int) -> str:
    """0 -> ``A``, 26 -> ``AA``: how spreadsheets name columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


def column_label(header: Sequence[str], index: int) -> str:
    title = header[index] if index < len(header) else ""
    return f"{column_letter(index)} ({title})" if title else column_letter(index)


def field_spec(table: ImportTable, name: str) -> FieldSpec:
    for spec in FIELDS[table]:
        if spec.name == name:
            return spec
    raise KeyError(name)


def auto_mapping(table: ImportTable, header: Sequence[str]) -> dict[int, str]:
    """Columns whose titles obviously name a field; each field goes to its first such column."""
    by_alias: dict[str, str] = {}
    for spec in FIELDS[table]:
        for alias in (normalize_title(spec.name), *spec.aliases):
            by_alias.setdefault(alias, spec.name)
    mapping: dict[int, str] = {}
    for index, title in enumerate(header):
        name = by_alias.get(normalize_title(title))
        if name is not None and name not in mapping.values():
            mapping[index] = name
    return mapping


def layout_key(table: ImportTable, header: Sequence[str]) -> str:
    """The same columns in the same order give the same key, whatever the file is called."""
    text = "\x1f".join(normalize_title(t) for t in header)
    return f"{MAPPING_SETTING}.{table.value}.{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def suggest_mapping(store: Store, table: ImportTable, header: Sequence[str]) -> dict[int, str]:
    """The mapping remembered for this layout, else the obvious one."""
    saved = store.settings.get(layout_key(table, header))
    if saved:
        try:
            pairs = json.loads(saved)
            known = {spec.name for spec in FIELDS[table]}
            mapping = {
                int(i): str(name)
                for i, name in pairs
                if name in known and 0 <= int(i) < len(header)
            }
        except (ValueError, TypeError):
            mapping = {}
        if mapping:
            return mapping
    return auto_mapping(table, header)


def remember_mapping(
    store: Store, table: ImportTable, header: Sequence[str], mapping: dict[int, str]
) -> None:
    store.settings.set(
        layout_key(table, header), json.dumps(sorted(mapping.items()), ensure_ascii=False)
    )


def apply_map_options(
    table: ImportTable, header: Sequence[str], mapping: dict[int, str], options: Iterable[str]
) -> dict[int, str]:
    """``COLUMN=FIELD`` options over ``mapping``; COLUMN is a title or a letter, FIELD may be
    empty (``"Notes="``) to leave that column out.

    Raises:
        MappingError: for a column or field that does not exist.
    """
    result = dict(mapping)
    known = {spec.name for spec in FIELDS[table]}
    for option in options:
        column, sep, name = option.rpartition("=")
        column, name = column.strip(), name.strip()
        if not sep or not column:
            raise MappingError(
                f"bad --map {option!r}",
                user_message=f"'{option}' is not COLUMN=FIELD (for example \"HS Code=hs_code\").",
            )
        index = _find_column(header, column)
        if index is None:
            raise MappingError(
                f"no column {column!r}",
                user_message=f"The file has no column '{column}'. Its columns are: "
                + ", ".join(column_label(header, i) for i in range(len(header)))
                + ".",
            )
        if name and name not in known:
            raise MappingError(
                f"no field {name!r}",
                user_message=f"'{name}' is not a field of {table.value}. The fields are: "
                + ", ".join(sorted(known))
                + ".",
            )
        result = {i: f for i, f in result.items() if i != index and f != name}
        if name:
            result[index] = name
    return result


def _find_column(header: Sequence[str], column: str) -> int | None:
    for index, title in enumerate(header):
        if title == column:
            return index
    for index, title in enumerate(header):
        if title.casefold() == column.casefold():
            return index
    if column.isalpha() and column.isascii():
        for index in range(len(header)):
            if column_letter(index) == column.upper():
                return index
    return None


def verify_mapping(
    table: ImportTable, mapping: dict[int, str], defaults: dict[str, str] | None = None
) -> None:
    """Raises: MappingError when a required field has neither a column nor a default."""
    covered = set(mapping.values()) | set(defaults or {})
    missing = [spec for spec in FIELDS[table] if spec.required and spec.name not in covered]
    if missing:
        raise MappingError(
            f"unmapped required fields: {', '.join(s.name for s in missing)}",
            user_message="Choose a column for: "
            + ", ".join(f"{s.label} ({s.name})" for s in missing)
            + ".",
        )


# -- the dry run -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One problem of one row, in the words a person fixes it by: row, column, what is wrong."""

    row: int
    column: str
    field: str
    message: str


Action = Literal["add", "update", "unchanged"]


@dataclass(frozen=True, slots=True)
class PlannedRow:
    row: int
    action: Action
    record: Party | Product


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import would do; ``problems`` empty means it may be committed."""

    table: ImportTable
    rows: tuple[PlannedRow, ...]
    problems: tuple[RowProblem, ...]
    rows_read: int

    @property
    def is_valid(self) -> bool:
        return not self.problems and self.rows_read > 0

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)


@dataclass(frozen=True, slots=True)
class ImportResult:
    table: ImportTable
    added: int
    updated: int
    skipped: int


@dataclass(slots=True)
class _Parsed:
    row: int
    values: dict[str, Any]
    bad: set[str] = field(default_factory=set)
    key: Any = None
    existing: int | None = None


def plan_import(
    store: Store,
    sheet: Spreadsheet,
    table: ImportTable,
    mapping: dict[int, str],
    *,
    defaults: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """The dry run: read every row, build and check its record; write nothing.

    Raises:
        MappingError: when a required field has no column and no default.
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


def _cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if hasattr(cell, "isoformat"):
        return str(cell.isoformat())
    return " ".join(str(cell).split()) if "\n" not in str(cell) else str(cell).strip()


def _parse_row(
    table: ImportTable,
    row: Row,
    mapping: dict[int, str],
    defaults: dict[str, str],
    sheet: Spreadsheet,
    report: Callable[[int, str, str], None],
) -> _Parsed:
    item = _Parsed(row.number, {})
    raw: dict[str, Cell] = dict(defaults)
    for index, name in mapping.items():
        cell = row.cells[index] if index < len(row.cells) else None
        if cell is not None and not (isinstance(cell, str) and not cell.strip()):
            raw[name] = cell
    for name, cell in raw.items():
        if isinstance(cell, str) and is_formula_like(cell):
            report(
                row.number,
                name,
                f"'{cell[:40]}' is a spreadsheet formula; Exporter Desk imports values only "
                "(copy the column and paste it as values).",
            )
            item.bad.add(name)
            continue
        try:
            item.values[name] = _convert(table, name, cell, sheet.decimal_comma)
        except ValueError as exc:
            report(row.number, name, str(exc))
            item.bad.add(name)
    return item


_DECIMAL_FIELDS = {
    "unit_price",
    "net_weight_kg",
    "gross_weight_kg",
    "package_length_cm",
    "package_width_cm",
    "package_height_cm",
}


def _convert(table: ImportTable, name: str, cell: Cell, decimal_comma: bool) -> Any:
    """A cell as the field's type. Raises: ValueError with the sentence to show."""
    if name in _DECIMAL_FIELDS:
        try:
            return parse_decimal(cell, decimal_comma=decimal_comma)
        except ValueError:
            raise ValueError(f"'{_cell_text(cell)}' is not a number.") from None
    if name == "units_per_package":
        try:
            number = parse_decimal(cell, decimal_comma=decimal_comma)
        except ValueError:
            number = Decimal("0.5")
        if number != number.to_integral_value():
            raise ValueError(f"'{_cell_text(cell)}' is not a whole number.")
        return int(number)
    text = _cell_text(cell)
    if name == "unit":
        unit = _UNIT_ALIASES.get(text.casefold().rstrip("."))
        if unit is None:
            raise ValueError(
                f"'{text}' is not a unit; use one of {', '.join(u.value for u in Unit)}."
            )
        return unit
    if name == "package_type":
        package = _PACKAGE_ALIASES.get(text.casefold())
        if package is None:
            raise ValueError(
                f"'{text}' is not a package type; use one of "
                f"{', '.join(p.value for p in PackageType)}."
            )
        return package
    if name == "roles":
        roles = set()
        for word in re.split(r"[,;/、，；\s]+", text.casefold()):
            if not word:
                continue
            role = _ROLE_ALIASES.get(word)
            if role is None:
                raise ValueError(
                    f"'{word}' is not a role; use {', '.join(r.value for r in PartyRole)}."
                )
            roles.add(role)
        return frozenset(roles)
    # Codes are made canonical by the domain's own normalisers; a code they refuse stays as
    # typed, and the record's problems() says what is wrong with it.
    normalizer = _NORMALIZERS.get(name)
    if normalizer is not None:
        try:
            return normalizer(text)
        except DomainError:
            return text
    return text


_NORMALIZERS: dict[str, Callable[[str], str]] = {
    "hs_code": normalize_hs_code,
    "currency": normalize_currency,
    "country": normalize_country,
    "origin_country": normalize_country,
}


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


__all__ = [
    "FIELDS",
    "FieldSpec",
    "ImportHasProblemsError",
    "ImportPlan",
    "ImportResult",
    "ImportTable",
    "MappingError",
    "PlannedRow",
    "RowProblem",
    "apply_map_options",
    "auto_mapping",
    "column_label",
    "column_letter",
    "commit_import",
    "field_spec",
    "layout_key",
    "plan_import",
    "remember_mapping",
    "suggest_mapping",
    "verify_mapping",
]
