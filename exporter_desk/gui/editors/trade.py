"""What the contract and invoice editors share: parties, trade and payment terms, line items,
live totals with weights and volume, and the tabs they sit in."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from exporter_desk.domain import (
    DomainError,
    Incoterm,
    Invoice,
    InvoiceId,
    LineItem,
    PackingList,
    PartyId,
    PaymentMethod,
    PaymentTerms,
    Problem,
    Product,
    ProductId,
    TradeTerms,
    Unit,
    format_amount,
    format_quantity,
)
from exporter_desk.domain.codes import all_currencies
from exporter_desk.gui import labels
from exporter_desk.gui.choices import party_choices
from exporter_desk.gui.editors._parse import money_text, number, text_of
from exporter_desk.gui.editors.base import EditorDialog
from exporter_desk.gui.editors.lines import LineDraft, LinesTable, cell_problems
from exporter_desk.gui.errors import ErrorPresenter
from exporter_desk.gui.fitting import scrolling
from exporter_desk.gui.forms import ErrorLabel, Form
from exporter_desk.gui.ports import COMMON_PORTS
from exporter_desk.gui.tasks import TaskManager
from exporter_desk.gui.widgets import (
    CodeEdit,
    DateEdit,
    EnumCombo,
    IntSpin,
    OptionalDateEdit,
    RecordPicker,
    TextEdit,
)
from exporter_desk.store import NotFoundError, Store

translate = QCoreApplication.translate

# Stand-ins while a required party is not chosen yet: distinct, so "buyer and seller must
# differ" is not reported for two empty fields; the form reports the missing choice itself.
_NO_SELLER = PartyId(-1)
_NO_BUYER = PartyId(-2)


def _incoterm_items() -> list[tuple[str, str]]:
    return [(term.value, term.label) for term in Incoterm]


class TradeEditor(EditorDialog):
    """The shared half of the contract and invoice editors (see the module docstring)."""

    SCROLLS = False  # the tabs of fields scroll; the totals below them stay in view

    draft_requested = Signal(str, object)  # table, a new unsaved object to edit

    def __init__(
        self, tasks: TaskManager, presenter: ErrorPresenter, parent: QWidget | None = None
    ) -> None:
        super().__init__(tasks, presenter, parent)
        self.products: dict[str, Product] = {}
        self.number = TextEdit()
        self.date = DateEdit()
        self.seller = RecordPicker(tasks, party_choices)
        self.buyer = RecordPicker(tasks, party_choices)
        self.currency = CodeEdit(all_currencies())
        self.currency.setMaximumWidth(80)
        self.incoterm = CodeEdit(_incoterm_items())
        self.incoterm.setMaximumWidth(80)
        self.incoterm_place = TextEdit()
        self.incoterm_place.setMinimumWidth(120)  # "Hamburg", "Rotterdam" whole
        self.port_of_loading = CodeEdit(COMMON_PORTS)
        self.port_of_discharge = CodeEdit(COMMON_PORTS)
        self.method: EnumCombo[PaymentMethod] = EnumCombo(
            list(PaymentMethod), labels.payment_method
        )
        self.days = IntSpin(0, 10_000)
        self.advance = TextEdit()
        self.advance.setMaximumWidth(110)
        self.lc_number = TextEdit()
        self.issuing_bank = TextEdit()
        self.lc_expiry = OptionalDateEdit()
        self.payment_notes = TextEdit()
        self.lines = LinesTable(tasks)
        self.lines.product_added.connect(self._remember_product)
        self.lines_errors = ErrorLabel()
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.totals.setWordWrap(True)
        self.words = QLabel()
        self.words.setObjectName("hint")
        self.words.setWordWrap(True)

        self.header_form = self.add_form(Form())
        self.terms_form = self.add_form(Form())
        terms_row = QWidget()
        terms_layout = QHBoxLayout(terms_row)
        terms_layout.setContentsMargins(0, 0, 0, 0)
        terms_layout.addWidget(self.currency)
        terms_layout.addWidget(self.incoterm)
        terms_layout.addWidget(self.incoterm_place, 1)
        ports = QWidget()
        ports_layout = QHBoxLayout(ports)
        ports_layout.setContentsMargins(0, 0, 0, 0)
        ports_layout.addWidget(self.port_of_loading)
        ports_layout.addWidget(QLabel("→"))
        ports_layout.addWidget(self.port_of_discharge)
        self.terms_form.add_row(
            ("terms.currency", "terms.incoterm", "terms.incoterm_place"),
            lambda: translate("TradeEditor", "Currency, Incoterm, place"),
            terms_row,
        )
        self.terms_form.add_row(
            ("terms.port_of_loading", "terms.port_of_discharge"),
            lambda: translate("TradeEditor", "Port of loading → discharge"),
            ports,
        )
        self.terms_form.add_row(
            "payment.method", lambda: translate("TradeEditor", "Payment"), self.method
        )
        self.terms_form.add_row("payment.days", lambda: translate("TradeEditor", "Days"), self.days)
        self.terms_form.add_row(
            "payment.advance_percent",
            lambda: translate("TradeEditor", "Advance (%)"),
            self.advance,
        )
        self.terms_form.add_row(
            "payment.lc_number", lambda: translate("TradeEditor", "L/C number"), self.lc_number
        )
        self.terms_form.add_row(
            "payment.issuing_bank",
            lambda: translate("TradeEditor", "Issuing bank"),
            self.issuing_bank,
        )
        self.terms_form.add_row(
            "payment.lc_expiry", lambda: translate("TradeEditor", "L/C expiry"), self.lc_expiry
        )
        self.terms_form.add_row(
            "payment.notes",
            lambda: translate("TradeEditor", "Payment notes"),
            self.payment_notes,
        )
        self.more_form = self.add_form(Form())

        details = QWidget()
        details_layout = QHBoxLayout(details)
        details_layout.addWidget(self.header_form, 1)
        details_layout.addWidget(self.terms_form, 1)
        goods = QWidget()
        self.goods_layout = QVBoxLayout(goods)
        self.goods_layout.addWidget(self.lines, 3)
        self.goods_layout.addWidget(self.lines_errors)
        self.tabs = QTabWidget()
        self.tabs.addTab(scrolling(details), "")
        self.tabs.addTab(goods, "")
        self.tabs.addTab(scrolling(self.more_form), "")
        self.body.addWidget(self.tabs, 1)
        self.body.addWidget(self.totals)
        self.body.addWidget(self.words)
        self.currency.set_value("USD")
        self.incoterm.set_value(Incoterm.FOB.value)

    def validate(self) -> list[Problem]:
        problems = super().validate()
        self.show_payment_rows()
        return problems

    def show_payment_rows(self) -> None:
        """Show the payment fields the chosen method uses (L/C fields for an L/C, the advance
        for T/T); a field that still holds something stays, so its problem can be seen."""
        method = self.method.value()
        rows: tuple[tuple[str, bool, bool], ...] = (
            ("payment.advance_percent", method is PaymentMethod.TT, bool(self.advance.text())),
            ("payment.lc_number", method is PaymentMethod.LC, bool(self.lc_number.text())),
            ("payment.issuing_bank", method is PaymentMethod.LC, bool(self.issuing_bank.text())),
            ("payment.lc_expiry", method is PaymentMethod.LC, bool(self.lc_expiry.text())),
        )
        for path, applies, filled in rows:
            self.terms_form.set_row_visible(path, applies or filled)

    def track_trade_fields(self) -> None:
        """Register the shared inputs (after the subclass added its own header rows)."""
        for key, widget in (
            ("number", self.number),
            ("date", self.date),
            ("seller", self.seller),
            ("buyer", self.buyer),
            ("currency", self.currency),
            ("incoterm", self.incoterm),
            ("incoterm_place", self.incoterm_place),
            ("port_of_loading", self.port_of_loading),
            ("port_of_discharge", self.port_of_discharge),
            ("method", self.method),
            ("days", self.days),
            ("advance", self.advance),
            ("lc_number", self.lc_number),
            ("issuing_bank", self.issuing_bank),
            ("lc_expiry", self.lc_expiry),
            ("payment_notes", self.payment_notes),
            ("lines", self.lines),
        ):
            self.track(key, widget)

    def add_party_rows(self) -> None:
        self.header_form.add_row("number", lambda: translate("TradeEditor", "Number"), self.number)
        self.header_form.add_row("date", lambda: translate("TradeEditor", "Date"), self.date)
        self.header_form.add_row(
            "seller_id", lambda: translate("TradeEditor", "Seller"), self.seller
        )
        self.header_form.add_row("buyer_id", lambda: translate("TradeEditor", "Buyer"), self.buyer)

    def retranslate_fields(self) -> None:
        self.tabs.setTabText(0, translate("TradeEditor", "Parties and terms"))
        self.tabs.setTabText(1, translate("TradeEditor", "Goods"))
        self.tabs.setTabText(2, translate("TradeEditor", "Clauses and notes"))
        self.method.retranslate()
        self.seller.setPlaceholderText(translate("TradeEditor", "type part of the name"))
        self.buyer.setPlaceholderText(translate("TradeEditor", "type part of the name"))
        self.validate()

    def record_title(self) -> str:
        return self.number.text()

    # -- building ----------------------------------------------------------------------------

    def build_parties(self, problems: list[Problem]) -> tuple[PartyId, PartyId]:
        seller, buyer = self.seller.value(), self.buyer.value()
        if seller is None:
            problems.append(
                Problem("seller_id", translate("TradeEditor", "Choose the seller from the list."))
            )
        if buyer is None:
            problems.append(
                Problem("buyer_id", translate("TradeEditor", "Choose the buyer from the list."))
            )
        return (
            PartyId(seller) if seller is not None else _NO_SELLER,
            PartyId(buyer) if buyer is not None else _NO_BUYER,
        )

    def build_terms(self, problems: list[Problem]) -> tuple[TradeTerms, PaymentTerms]:
        try:
            incoterm = Incoterm.parse(self.incoterm.value())
        except DomainError as exc:
            problems.append(Problem("terms.incoterm", exc.user_message))
            incoterm = Incoterm.EXW
        terms = TradeTerms(
            currency=self.currency.value(),
            incoterm=incoterm,
            incoterm_place=self.incoterm_place.value().strip(),
            port_of_loading=self.port_of_loading.value(),
            port_of_discharge=self.port_of_discharge.value(),
        )
        payment = PaymentTerms(
            method=self.method.value(),
            days=self.days.value(),
            advance_percent=number(
                "payment.advance_percent", self.advance.value(), problems, what="percentage"
            ),
            lc_number=self.lc_number.value().strip(),
            issuing_bank=self.issuing_bank.value().strip(),
            lc_expiry=self.lc_expiry.value(),
            notes=self.payment_notes.value().strip(),
        )
        return terms, payment

    def build_lines(self, problems: list[Problem]) -> tuple[LineItem, ...]:
        items = []
        for index, draft in enumerate(self.lines.lines.rows):
            prefix = f"lines.{index}"
            try:
                unit = Unit(draft.unit.strip().upper())
            except ValueError:
                problems.append(
                    Problem(
                        f"{prefix}.unit", translate("TradeEditor", "Choose a unit from the list.")
                    )
                )
                unit = Unit.PCS
            items.append(
                LineItem(
                    description_en=draft.description_en.strip(),
                    hs_code=draft.hs_code.strip(),
                    quantity=number(
                        f"{prefix}.quantity", draft.quantity, problems, what="quantity"
                    ),
                    unit=unit,
                    unit_price=number(
                        f"{prefix}.unit_price", draft.unit_price, problems, what="unit price"
                    ),
                    product_id=ProductId(draft.product_id) if draft.product_id else None,
                    sku=draft.sku.strip(),
                    description_zh=draft.description_zh.strip(),
                )
            )
        self._last_lines = tuple(items)
        return self._last_lines

    # -- loading -----------------------------------------------------------------------------

    def load_trade(
        self,
        *,
        number_: str,
        date: dt.date,
        seller: int,
        buyer: int,
        terms: TradeTerms,
        payment: PaymentTerms,
        lines: tuple[LineItem, ...],
    ) -> None:
        self.number.set_value(number_)
        self.date.set_value(date)
        self.seller.set_value(seller)
        self.buyer.set_value(buyer)
        self.currency.set_value(terms.currency)
        self.incoterm.set_value(terms.incoterm.value)
        self.incoterm_place.set_value(terms.incoterm_place)
        self.port_of_loading.set_value(terms.port_of_loading)
        self.port_of_discharge.set_value(terms.port_of_discharge)
        self.method.set_value(payment.method)
        self.days.set_value(payment.days)
        self.advance.set_value(text_of(payment.advance_percent) if payment.advance_percent else "")
        self.lc_number.set_value(payment.lc_number)
        self.issuing_bank.set_value(payment.issuing_bank)
        self.lc_expiry.set_value(payment.lc_expiry)
        self.payment_notes.set_value(payment.notes)
        self.lines.set_value(
            tuple(
                LineDraft(
                    description_en=line.description_en,
                    hs_code=line.hs_code,
                    quantity=text_of(line.quantity),
                    unit=line.unit.value,
                    unit_price=money_text(line.unit_price),
                    sku=line.sku,
                    description_zh=line.description_zh,
                    product_id=line.product_id,
                )
                for line in lines
            )
        )
        wanted = [line.product_id for line in lines if line.product_id is not None]
        if wanted:
            self.tasks.run_db(lambda store: _products(store, wanted), self._on_products_loaded)

    @Slot(object)
    def _on_products_loaded(self, products: list[Product]) -> None:
        for product in products:
            self.products[product.sku] = product
        self.validate()

    @Slot(object)
    def _remember_product(self, product: Product) -> None:
        self.products[product.sku] = product

    # -- showing -----------------------------------------------------------------------------

    def show_other_problems(self, problems: list[Problem]) -> list[Problem]:
        self.lines.lines.show_results(self._amounts(), cell_problems(problems, "lines"))
        line_messages = []
        rest = []
        for problem in problems:
            if problem.field == "lines":
                line_messages.append(problem.message)
            elif problem.field.startswith("lines."):
                row = problem.field.split(".")[1]
                line_messages.append(
                    translate("TradeEditor", "Line {row}: {message}").format(
                        row=int(row) + 1 if row.isdigit() else row, message=problem.message
                    )
                )
            else:
                rest.append(problem)
        self.lines_errors.show_messages(line_messages)
        return rest

    def _amounts(self) -> list[str]:
        currency = self.currency.value()
        if any(p.field == "terms.currency" for p in self.problems):
            return ["" for _ in self.lines.lines.rows]
        amounts = []
        for index, line in enumerate(self._last_lines):
            bad = any(
                p.field in (f"lines.{index}.quantity", f"lines.{index}.unit_price")
                for p in self.problems
            )
            try:
                amounts.append("" if bad else format_amount(line.amount(currency).amount, currency))
            except DomainError:
                amounts.append("")
        return amounts

    _last_lines: tuple[LineItem, ...] = ()

    def show_totals(self, invoice: Invoice, *, charges: bool) -> None:
        """Totals, weights and volume of ``invoice`` (a contract is shown as its invoice)."""
        currency = invoice.currency
        if any(p.field == "terms.currency" for p in self.problems):
            self.totals.setText(
                translate("TradeEditor", "Totals appear once the currency is valid.")
            )
            self.words.setText("")
            return
        try:
            subtotal = invoice.subtotal()
            total = invoice.total()
        except DomainError:
            self.totals.setText(translate("TradeEditor", "Totals appear once the lines are valid."))
            self.words.setText("")
            return
        parts = [
            translate("TradeEditor", "Goods: {amount}").format(
                amount=f"{currency} {format_amount(subtotal.amount, currency)}"
            )
        ]
        if charges and invoice.charges:
            parts.append(
                translate("TradeEditor", "Charges: {amount}").format(
                    amount=f"{currency} {format_amount(total.amount - subtotal.amount, currency)}"
                )
            )
        parts.append(
            "<b>"
            + translate("TradeEditor", "Total: {amount}").format(
                amount=f"{currency} {format_amount(total.amount, currency)}"
            )
            + "</b>"
        )
        parts.append(self._weights(invoice))
        self.totals.setText("&nbsp;&nbsp;·&nbsp;&nbsp;".join(p for p in parts if p))
        try:
            self.words.setText(invoice.amount_in_words())
        except DomainError:
            self.words.setText("")

    def _weights(self, invoice: Invoice) -> str:
        if not invoice.lines:
            return ""
        try:
            packed = PackingList.from_invoice(
                replace(invoice, id=InvoiceId(0)),
                self.products,
                number="-",
                date=invoice.date,
            )
        except DomainError:
            return translate("TradeEditor", "weights: pick each line's product to see them")
        quantity = sum((line.quantity for line in invoice.lines), Decimal(0))
        return translate(
            "TradeEditor",
            "{packages} packages, net {net} kg, gross {gross} kg, {volume} m³ (quantity {quantity})",
        ).format(
            packages=packed.package_count(),
            net=format_quantity(packed.net_kg()),
            gross=format_quantity(packed.gross_kg()),
            volume=f"{packed.volume_m3():.3f}",
            quantity=format_quantity(quantity),
        )

    def build(self) -> tuple[Any, list[Problem]]:
        raise NotImplementedError


def _products(store: Store, ids: list[ProductId]) -> list[Product]:
    found = []
    for product_id in dict.fromkeys(ids):
        try:
            found.append(store.products.get(product_id))
        except NotFoundError:
            continue
    return found


__all__ = ["TradeEditor"]
