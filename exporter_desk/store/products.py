"""Products: what the company sells, one row each, found by SKU, description or HS code."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

from exporter_desk.domain import Dimensions, PackageType, Product, ProductId, Unit
from exporter_desk.store._convert import check_sizes, dec_or_none, dec_text, text_dec
from exporter_desk.store._repository import Repository
from exporter_desk.store.errors import NotFoundError

_USAGES = (
    ("invoice lines", "SELECT count(*) FROM invoice_lines WHERE product_id = ?", 1),
    ("contract lines", "SELECT count(*) FROM contract_lines WHERE product_id = ?", 1),
)


class ProductRepository(Repository[Product, ProductId]):
    subject = "product"
    table = "products"
    fts_columns = ("sku", "description_en", "description_zh", "hs_code")
    order_columns: ClassVar[dict[str, str]] = {
        "id": "id",
        "sku": "sku",
        "description": "description_en COLLATE NOCASE",
        "hs_code": "hs_code",
    }

    def save(self, product: Product) -> Product:
        """Insert or update a product; the SKU is unique.

        Raises:
            ValidationError: when the product has problems; nothing is written.
            DuplicateError: when another product has the same SKU.
            TooLargeError, NotFoundError.
        """
        product.validated()
        row = _row(product)
        check_sizes(self.subject, row)
        with self._s.transaction():
            self._require_unique("SKU", product.sku, product.id, "sku = ?", (product.sku,))
            id_ = self._upsert(product.id, row)
        return replace(product, id=ProductId(id_))

    def save_many(self, products: Sequence[Product]) -> None:
        """Insert (no id) or update (id) many products in one transaction, a batch per
        statement: an import of thousands of rows. Each product is validated as ``save`` does.

        Raises:
            ValidationError, TooLargeError: for the first product with problems; nothing is
                written.
            DuplicateError: when an SKU is already another product's; nothing is written.
            NotFoundError: when a product to update no longer exists; nothing is written.
        """
        inserts: builtins.list[dict[str, Any]] = []
        updates: builtins.list[tuple[Any, ...]] = []
        for product in products:
            product.validated()
            row = _row(product)
            check_sizes(self.subject, row)
            if product.id is None:
                inserts.append(row)
            else:
                updates.append((*row.values(), product.id))
        if not inserts and not updates:
            return
        columns = builtins.list((inserts[0] if inserts else _row(products[0])).keys())
        with self._s.transaction():
            if updates:
                assignments = ", ".join(f"{name} = ?" for name in columns)
                cursor = self._s.executemany(
                    f"UPDATE products SET {assignments}, "
                    "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
                    updates,
                )
                if cursor.rowcount != len(updates):
                    raise NotFoundError(self.subject, updates[0][-1])
            for row in inserts:
                self._require_unique("SKU", row["sku"], None, "sku = ?", (row["sku"],))
            self._s.executemany(
                f"INSERT INTO products ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                [tuple(row.values()) for row in inserts],
            )

    def by_sku(self, sku: str) -> Product | None:
        row = self._s.one("SELECT id FROM products WHERE sku = ?", (sku,))
        return None if row is None else self.get(ProductId(row[0]))

    def delete(self, id_: ProductId) -> None:
        """Raises: InUseError when a contract or invoice line names it; NotFoundError."""
        self._delete(id_, _USAGES)

    def _load(self, ids: Sequence[int]) -> builtins.list[Product]:
        rows = self._rows_by_id(ids)
        products = []
        for id_ in ids:
            row = rows.get(id_)
            if row is None:
                continue
            package = None
            if row["package_length_cm"] is not None:
                package = Dimensions(
                    text_dec(row["package_length_cm"]),
                    text_dec(row["package_width_cm"]),
                    text_dec(row["package_height_cm"]),
                )
            products.append(
                Product(
                    sku=row["sku"],
                    description_en=row["description_en"],
                    hs_code=row["hs_code"],
                    unit=Unit(row["unit"]),
                    unit_price=text_dec(row["unit_price"]),
                    currency=row["currency"],
                    net_weight_kg=text_dec(row["net_weight_kg"]),
                    gross_weight_kg=text_dec(row["gross_weight_kg"]),
                    origin_country=row["origin_country"],
                    package_type=PackageType(row["package_type"]),
                    units_per_package=row["units_per_package"],
                    package=package,
                    description_zh=row["description_zh"],
                    id=ProductId(id_),
                )
            )
        return products


def _row(product: Product) -> dict[str, Any]:
    package = product.package
    return {
        "sku": product.sku,
        "description_en": product.description_en,
        "description_zh": product.description_zh,
        "hs_code": product.hs_code,
        "unit": product.unit.value,
        "unit_price": dec_text(product.unit_price),
        "currency": product.currency,
        "net_weight_kg": dec_text(product.net_weight_kg),
        "gross_weight_kg": dec_text(product.gross_weight_kg),
        "origin_country": product.origin_country,
        "package_type": product.package_type.value,
        "units_per_package": product.units_per_package,
        "package_length_cm": dec_or_none(package.length_cm if package else None),
        "package_width_cm": dec_or_none(package.width_cm if package else None),
        "package_height_cm": dec_or_none(package.height_cm if package else None),
    }


__all__ = ["ProductRepository"]
