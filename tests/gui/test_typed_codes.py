"""Codes typed into an editor are stored canonical and shown back in their display form."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from exporter_desk.domain import Product
from exporter_desk.gui.editors import PartyEditor, ProductEditor
from exporter_desk.gui.sources import ProductColumn, ProductSource
from exporter_desk.store import Store
from tests.gui.conftest import Desk
from tests.gui.test_editors import save_and_wait, type_text


def _stored(store: Store, sku: str) -> tuple[str, str]:
    row = store._session.one("SELECT hs_code, currency FROM products WHERE sku = ?", (sku,))
    assert row is not None
    return str(row[0]), str(row[1])


@pytest.mark.parametrize(
    "typed",
    ["8467.29", "8467 29", "８４６７．２９", "８４６７　２９"],
    ids=["dotted", "spaced", "full-width-dot", "ideographic-space"],
)
def test_an_hs_code_typed_in_the_product_editor_is_stored_canonical(
    desk: Desk, qtbot: QtBot, typed: str
) -> None:
    editor = desk.window.open_editor("products")
    assert isinstance(editor, ProductEditor)
    qtbot.keyClicks(editor.sku, "HY-IW20")
    qtbot.keyClicks(editor.description_en, "Impact wrench 20 V")
    type_text(editor.hs_code, typed)
    qtbot.keyClicks(editor.unit_price, "45.9")
    qtbot.keyClicks(editor.net_weight, "2.1")
    qtbot.keyClicks(editor.gross_weight, "2.5")
    qtbot.keyClicks(editor.origin, "VN")
    assert editor.problems == []
    assert editor.hs_hint.text() == "8467.29"
    save_and_wait(qtbot, editor)

    assert desk.db(lambda store: _stored(store, "HY-IW20")) == ("846729", "USD")
    product = desk.db(lambda store: store.products.by_sku("HY-IW20"))
    assert isinstance(product, Product) and product.hs_code == "846729"
    # shown back in its display form, never as typed nor as the bare digits
    assert editor.hs_code.value() == "8467.29"
    reopened = desk.window.open_editor("products", product.id)
    assert isinstance(reopened, ProductEditor)
    qtbot.waitUntil(lambda: reopened.hs_code.value() != "")
    assert reopened.hs_code.value() == "8467.29"
    # the products list prints the display form and the price at the currency's decimals
    [row] = desk.db(lambda store: ProductSource().search(store, "HY-IW20", 5))  # type: ignore[misc]
    assert row.cells[ProductColumn.HS_CODE] == "8467.29"
    assert row.cells[ProductColumn.PRICE] == "USD 45.90"


def test_bank_codes_typed_in_the_party_editor_are_stored_canonical(
    desk: Desk, qtbot: QtBot
) -> None:
    editor = desk.window.open_editor("parties")
    assert isinstance(editor, PartyEditor)
    qtbot.keyClicks(editor.name_en, "Hanse Trading GmbH")
    qtbot.keyClicks(editor.address_en, "Grosse Elbstrasse 145, Hamburg")
    editor.country.clear()
    qtbot.keyClicks(editor.country, "de")
    qtbot.keyClicks(editor.registration_id, "de 136 695 976")
    qtbot.keyClicks(editor.bank_name, "Deutsche Bank")
    qtbot.keyClicks(editor.account_number, "de89 3704 0044 0532 0130 00")
    qtbot.keyClicks(editor.swift, "deutdeff")
    assert editor.problems == []
    save_and_wait(qtbot, editor)
    row = desk.db(
        lambda store: tuple(
            store._session.one(
                "SELECT country, registration_id, bank_account_number, bank_swift FROM parties "
                "WHERE name_en = 'Hanse Trading GmbH'"
            )
        )
    )
    assert row == ("DE", "DE136695976", "DE89370400440532013000", "DEUTDEFF")
    assert editor.account_number.value() == "DE89 3704 0044 0532 0130 00"
