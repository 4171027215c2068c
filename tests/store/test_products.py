"""Products: exact decimals, unique SKUs, refusing to delete a product on a line."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter_desk.store import DuplicateError, InUseError, Store
from tests.store.conftest import World, led_panel, t_shirt


def test_products_round_trip_with_exact_decimals_and_package(store: Store) -> None:
    for product in (led_panel(), t_shirt()):
        saved = store.products.save(product)
        loaded = store.products.get(saved.id)  # type: ignore[arg-type]
        assert loaded == product
        assert str(loaded.unit_price) == str(product.unit_price)
        assert loaded.package == product.package
    found = store.products.by_sku("TS-COT-180")
    assert found is not None and found == t_shirt() and found.id is not None
    assert store.products.by_sku("nope") is None


def test_a_weight_given_with_an_exponent_is_stored_as_plain_text(store: Store) -> None:
    saved = store.products.save(
        replace(led_panel(), net_weight_kg=Decimal("2E+1"), gross_weight_kg=Decimal("21"))
    )
    stored = store._session.scalar("SELECT net_weight_kg FROM products WHERE id = ?", (saved.id,))
    assert stored == "20"
    assert store.products.get(saved.id).net_weight_kg == Decimal(20)  # type: ignore[arg-type]


def test_a_second_product_with_the_same_sku_is_refused(store: Store, world: World) -> None:
    with pytest.raises(DuplicateError) as caught:
        store.products.save(replace(led_panel(), description_en="Another panel"))
    assert "Another product already has the SKU 'LP-6060-40W'" in caught.value.user_message
    store.products.save(replace(world.led, unit_price=Decimal("13.10")))  # itself: fine


def test_a_product_on_an_invoice_line_cannot_be_deleted(store: Store, world: World) -> None:
    with pytest.raises(InUseError) as caught:
        store.products.delete(world.led.id)  # type: ignore[arg-type]
    assert caught.value.users == {"invoice lines": 1, "contract lines": 1}


def test_products_order_by_sku_and_description(store: Store, world: World) -> None:
    assert [p.sku for p in store.products.list(order_by="sku")] == ["LP-6060-40W", "TS-COT-180"]
    assert [p.sku for p in store.products.list(order_by="description")] == [
        "LP-6060-40W",
        "TS-COT-180",
    ]
    assert [p.sku for p in store.products.list(order_by="sku", descending=True)] == [
        "TS-COT-180",
        "LP-6060-40W",
    ]


_SKUS = iter(range(10**9))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    price=st.decimals(min_value=0, max_value=10**9, places=6, allow_nan=False),
    net=st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False),
    extra=st.decimals(min_value=0, max_value=1000, places=4, allow_nan=False),
    description=st.text(
        st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=200
    ).filter(str.strip),
)
def test_any_valid_price_weight_and_description_round_trip_exactly(
    store: Store, price: Decimal, net: Decimal, extra: Decimal, description: str
) -> None:
    product = replace(
        led_panel(),
        sku=f"H-{next(_SKUS)}",
        unit_price=price,
        net_weight_kg=net,
        gross_weight_kg=net + extra,
        description_en=description,
    )
    saved = store.products.save(product)
    loaded = store.products.get(saved.id)  # type: ignore[arg-type]
    assert loaded == product
    assert loaded.description_en == description
    for name in ("unit_price", "net_weight_kg", "gross_weight_kg"):
        assert getattr(loaded, name) == getattr(product, name)
