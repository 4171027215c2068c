"""The product editor: what customs, invoices and packing lists need to know about a product."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from exporter_desk.domain import (
    Dimensions,
    PackageType,
    Problem,
    Product,
    ProductId,
    Unit,
    format_hs_code,
)
from exporter_desk.domain.codes import all_countries, all_currencies
from exporter_desk.gui import labels
from exporter_desk.gui.editors._parse import money_text, number, text_of
from exporter_desk.gui.editors.base import EditorDialog
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.forms import Form
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import CodeEdit, EnumCombo, IntSpin, MultiLineEdit, TextEdit
from exporter_desk.store import Store

translate = QCoreApplication.translate


def _unit_label(unit: Unit) -> str:
    return unit.value


def _package_label(package: PackageType) -> str:
    return labels.package_type(package)


class ProductEditor(EditorDialog):
    table = "products"

    def __init__(
        self, tasks: TaskManager, presenter: ErrorPresenter, parent: QWidget | None = None
    ) -> None:
        super().__init__(tasks, presenter, parent)
        self.sku = TextEdit()
        self.sku.setMaximumWidth(260)
        self.description_en = MultiLineEdit(2)
        self.description_zh = MultiLineEdit(2)
        self.hs_code = TextEdit()
        self.hs_code.setMaximumWidth(200)
        self.hs_hint = QLabel()
        self.hs_hint.setObjectName("hint")
        self.unit: EnumCombo[Unit] = EnumCombo(list(Unit), _unit_label)
        self.unit_price = TextEdit()
        self.unit_price.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.currency = CodeEdit(all_currencies())
        self.currency.setMaximumWidth(110)
        self.net_weight = TextEdit()
        self.gross_weight = TextEdit()
        self.origin = CodeEdit(all_countries())
        self.origin.setMaximumWidth(220)
        self.package_type: EnumCombo[PackageType] = EnumCombo(list(PackageType), _package_label)
        self.units_per_package = IntSpin(0, 1_000_000)
        self.length_edit = TextEdit()
        self.width_edit = TextEdit()
        self.height_edit = TextEdit()
        self.volume = QLabel()

        price = QWidget()
        price_row = QHBoxLayout(price)
        price_row.setContentsMargins(0, 0, 0, 0)
        price_row.addWidget(self.currency)
        price_row.addWidget(self.unit_price, 1)
        hs = QWidget()
        hs_row = QHBoxLayout(hs)
        hs_row.setContentsMargins(0, 0, 0, 0)
        hs_row.addWidget(self.hs_code)
        hs_row.addWidget(self.hs_hint, 1)
        dims = QWidget()
        dims_row = QHBoxLayout(dims)
        dims_row.setContentsMargins(0, 0, 0, 0)
        for edit in (self.length_edit, self.width_edit, self.height_edit):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            dims_row.addWidget(edit)
        dims_row.addWidget(self.volume)

        form = self.add_form(Form())
        form.add_row("sku", lambda: translate("ProductEditor", "SKU"), self.sku)
        form.add_row(
            "description_en",
            lambda: translate("ProductEditor", "English description"),
            self.description_en,
        )
        form.add_row(
            "description_zh",
            lambda: translate("ProductEditor", "Chinese description"),
            self.description_zh,
        )
        form.add_row("hs_code", lambda: translate("ProductEditor", "HS code"), hs)
        form.add_row("unit", lambda: translate("ProductEditor", "Unit"), self.unit)
        form.add_row(
            ("unit_price", "currency"), lambda: translate("ProductEditor", "Unit price"), price
        )
        form.add_row(
            "net_weight_kg",
            lambda: translate("ProductEditor", "Net weight per unit (kg)"),
            self.net_weight,
        )
        form.add_row(
            "gross_weight_kg",
            lambda: translate("ProductEditor", "Gross weight per unit (kg)"),
            self.gross_weight,
        )
        form.add_row(
            "origin_country", lambda: translate("ProductEditor", "Country of origin"), self.origin
        )
        form.add_row(
            "package_type", lambda: translate("ProductEditor", "Package"), self.package_type
        )
        form.add_row(
            "units_per_package",
            lambda: translate("ProductEditor", "Units per package"),
            self.units_per_package,
        )
        form.add_row(
            ("package.length_cm", "package.width_cm", "package.height_cm", "package"),
            lambda: translate("ProductEditor", "Package size L x W x H (cm)"),
            dims,
        )
        self.body.addWidget(form)
        self.body.addStretch(1)

        for key, widget in (
            ("sku", self.sku),
            ("description_en", self.description_en),
            ("description_zh", self.description_zh),
            ("hs_code", self.hs_code),
            ("unit", self.unit),
            ("currency", self.currency),
            ("unit_price", self.unit_price),
            ("net_weight_kg", self.net_weight),
            ("gross_weight_kg", self.gross_weight),
            ("origin_country", self.origin),
            ("package_type", self.package_type),
            ("units_per_package", self.units_per_package),
            ("length", self.length_edit),
            ("width", self.width_edit),
            ("height", self.height_edit),
        ):
            self.track(key, widget)
        self.currency.set_value("USD")
        self.units_per_package.setValue(1)
        self.resize(720, 640)
        self.restore_geometry()
        self.retranslate()

    def subject(self) -> str:
        return translate("ProductEditor", "Product")

    def record_title(self) -> str:
        return self.sku.text()

    def retranslate_fields(self) -> None:
        self.length_edit.setPlaceholderText(translate("ProductEditor", "length"))
        self.width_edit.setPlaceholderText(translate("ProductEditor", "width"))
        self.height_edit.setPlaceholderText(translate("ProductEditor", "height"))
        self.hs_code.setPlaceholderText("8471.30")
        self.package_type.retranslate()

    def build(self) -> tuple[Product, list[Problem]]:
        problems: list[Problem] = []
        dims_text = (self.length_edit.value(), self.width_edit.value(), self.height_edit.value())
        package = None
        if any(t.strip() for t in dims_text):
            package = Dimensions(
                number("package.length_cm", dims_text[0], problems, what="length"),
                number("package.width_cm", dims_text[1], problems, what="width"),
                number("package.height_cm", dims_text[2], problems, what="height"),
            )
        product = Product(
            sku=self.sku.value().strip(),
            description_en=self.description_en.value().strip(),
            hs_code=self.hs_code.value().strip(),
            unit=self.unit.value(),
            unit_price=number("unit_price", self.unit_price.value(), problems, what="unit price"),
            currency=self.currency.value(),
            net_weight_kg=number("net_weight_kg", self.net_weight.value(), problems, what="weight"),
            gross_weight_kg=number(
                "gross_weight_kg", self.gross_weight.value(), problems, what="weight"
            ),
            origin_country=self.origin.value(),
            package_type=self.package_type.value(),
            units_per_package=self.units_per_package.value(),
            package=package,
            description_zh=self.description_zh.value().strip(),
            id=ProductId(self.record_id) if self.record_id is not None else None,
        )
        return product, problems

    def after_validate(self, obj: Any) -> None:
        product: Product = obj
        hs_ok = not any(p.field == "hs_code" for p in self.problems)
        self.hs_hint.setText(format_hs_code(product.hs_code) if hs_ok else "")
        volume_ok = product.package is not None and not any(
            p.field.startswith("package") for p in self.problems
        )
        if volume_ok and product.package is not None:
            self.volume.setText(
                translate("ProductEditor", "{volume} m³ per package").format(
                    volume=f"{product.package.volume_m3:.4f}"
                )
            )
        else:
            self.volume.setText("")

    def load(self, obj: Any) -> None:
        product: Product = obj
        self.record_id = product.id
        self.sku.set_value(product.sku)
        self.description_en.set_value(product.description_en)
        self.description_zh.set_value(product.description_zh)
        self.hs_code.set_value(format_hs_code(product.hs_code))  # stored 846729, shown 8467.29
        self.unit.set_value(product.unit)
        self.currency.set_value(product.currency)
        self.unit_price.set_value(money_text(product.unit_price))
        self.net_weight.set_value(text_of(product.net_weight_kg))
        self.gross_weight.set_value(text_of(product.gross_weight_kg))
        self.origin.set_value(product.origin_country)
        self.package_type.set_value(product.package_type)
        self.units_per_package.set_value(product.units_per_package)
        package = product.package
        self.length_edit.set_value(text_of(package.length_cm) if package else "")
        self.width_edit.set_value(text_of(package.width_cm) if package else "")
        self.height_edit.set_value(text_of(package.height_cm) if package else "")

    def save_job(self, obj: Any) -> Callable[[Store], Product]:
        product: Product = obj
        return lambda store: store.products.save(product)

    def fetch_job(self, id_: int) -> Callable[[Store], Product]:
        return lambda store: store.products.get(ProductId(id_))


__all__ = ["ProductEditor"]
