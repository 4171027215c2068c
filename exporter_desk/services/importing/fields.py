"""The fields a spreadsheet column can feed, the titles that map themselves, and the
mapping of columns to fields (remembered per layout of columns)."""

from __future__ import annotations

import hashlib
import json
import re
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from exporter_desk.domain import (
    PackageType,
    PartyRole,
    Unit,
)
from exporter_desk.services import preferences
from exporter_desk.services.importing.errors import MappingError
from exporter_desk.store import Store

Progress = Callable[[int, int], None]
"""``progress(done, total)``; it may raise (a cancelled dialog) to stop the work."""

PROGRESS_EVERY = 250
MAPPING_SETTING = preferences.IMPORT_MAPPING


class ImportTable(StrEnum):
    PARTIES = "parties"
    PRODUCTS = "products"
    INVOICE_LINES = "invoice-lines"  # lines added to (or updating) one invoice
    CONTRACT_LINES = "contract-lines"

    @property
    def is_lines(self) -> bool:
        return self in (ImportTable.INVOICE_LINES, ImportTable.CONTRACT_LINES)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()


def _f(name: str, label: str, *aliases: str, required: bool = False) -> FieldSpec:
    return FieldSpec(name, label, required, aliases)


_LINE_FIELDS = (
    _f("sku", "SKU", "sku", "itemno", "itemnumber", "item", "itemcode", "articleno",
       "article", "partno", "productcode", "code", "货号", "产品编号", "商品编号", "型号"),
    _f("description_en", "Description (English)", "description", "descriptionen",
       "descriptionofgoods", "goods", "commodity", "productname", "name", "英文品名",
       "英文名称", "货物描述"),
    _f("description_zh", "Description (Chinese)", "品名", "中文品名", "中文名称", "商品名称",
       "名称", "descriptionzh", "chinesedescription"),
    _f("hs_code", "HS code", "hscode", "hs", "tariffcode", "hts", "htscode", "商品编码",
       "海关编码", "hs编码"),
    _f("quantity", "Quantity", "quantity", "qty", "pcs", "数量", required=True),
    _f("unit", "Unit", "unit", "uom", "units", "单位"),
    _f("unit_price", "Unit price", "unitprice", "price", "单价", "价格"),
)  # fmt: skip

FIELDS: dict[ImportTable, tuple[FieldSpec, ...]] = {
    ImportTable.INVOICE_LINES: _LINE_FIELDS,
    ImportTable.CONTRACT_LINES: _LINE_FIELDS,
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
