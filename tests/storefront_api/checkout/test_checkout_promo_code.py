"""checkoutAddPromoCode and checkoutRemovePromoCode: what each kind of voucher takes off, spread
over lines and parcels exactly to the poisha, Saleor's refusals, and Checkout.voucher."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from backend.checkout.models import Checkout
from backend.core.permissions import PermissionEnum
from backend.discounts.models import DiscountValueType, VoucherType
from tests.conftest import grant
from tests.voucher_factories import make_voucher

from .conftest import (
    CHECKOUT_FIELDS,
    ERROR_FIELDS,
    create_checkout,
    line,
    method_id,
    ready_checkout,
)

# As a Saleor storefront sends them (checkoutId, the argument it still uses).
ADD = f"""
mutation($checkoutId: ID, $promoCode: String!) {{
  checkoutAddPromoCode(checkoutId: $checkoutId, promoCode: $promoCode) {{
    checkout {{ {CHECKOUT_FIELDS} }} {ERROR_FIELDS}
  }}
}}"""
REMOVE = f"""
mutation($checkoutId: ID, $promoCode: String, $promoCodeId: ID) {{
  checkoutRemovePromoCode(
    checkoutId: $checkoutId, promoCode: $promoCode, promoCodeId: $promoCodeId
  ) {{
    checkout {{ voucherCode discount {{ amount }} totalPrice {{ gross {{ amount }} }} }}
    {ERROR_FIELDS}
  }}
}}"""
VOUCHER = "query($id: ID) { checkout(id: $id) { voucherCode voucher { name code } } }"

pytestmark = pytest.mark.usefixtures("bangladesh")


def add_code(client, checkout: dict, code: str) -> dict:
    return client.execute(ADD, {"checkoutId": checkout["id"], "promoCode": code})[
        "checkoutAddPromoCode"
    ]


def _errors(result) -> list[tuple]:
    return [(error["field"], error["code"]) for error in result["errors"]]


def _amount(money: dict) -> Decimal:
    return Decimal(str(money["amount"]))


def assert_exact(checkout: dict) -> None:
    """Every line's gross = net + tax to the poisha, and the lines add up to the subtotal."""
    for part in ("gross", "net", "tax"):
        lines_sum = sum(_amount(item["totalPrice"][part]) for item in checkout["lines"])
        assert lines_sum == _amount(checkout["subtotalPrice"][part]), part
    for item in checkout["lines"]:
        price = item["totalPrice"]
        assert _amount(price["gross"]) == _amount(price["net"]) + _amount(price["tax"])
    total = checkout["totalPrice"]
    assert _amount(total["gross"]) == _amount(total["net"]) + _amount(total["tax"])


@pytest.fixture
def awkward_cart(api_client, shop) -> dict:
    """Three lines whose prices do not split evenly: 1 x 33.33, 3 x 17.17, 7 x 9.99 = 154.77."""
    variants = [shop.product(shop.gazipur_vendor, price) for price in ("33.33", "17.17", "9.99")]
    result = create_checkout(
        api_client,
        [line(variants[0], 1), line(variants[1], 3), line(variants[2], 7)],
        email="karim@example.com",
    )
    assert result["errors"] == []
    return result["checkout"]


def test_a_percentage_off_the_order_is_spread_exactly_over_the_lines(
    api_client, shop, awkward_cart
):
    # given 10% off the whole order
    make_voucher(
        "EID10", discount_value_type=DiscountValueType.PERCENTAGE, value="10", channel=shop.channel
    )
    # when the code is applied
    result = add_code(api_client, awkward_cart, "eid10")
    # then 15.48 comes off (10% of 154.77, rounded half up), spread exactly over the lines
    assert result["errors"] == []
    checkout = result["checkout"]
    assert checkout["voucherCode"] == "EID10"
    assert checkout["discount"] == {"amount": 15.48}
    assert checkout["subtotalPrice"]["gross"]["amount"] == 139.29
    assert sum(_amount(item["undiscountedTotalPrice"]) for item in checkout["lines"]) == Decimal(
        "154.77"
    )
    discounts = [
        _amount(item["undiscountedTotalPrice"]) - _amount(item["totalPrice"]["gross"])
        for item in checkout["lines"]
    ]
    assert sum(discounts) == Decimal("15.48")
    assert all(part > 0 for part in discounts)
    assert_exact(checkout)
    assert Checkout.objects.get().voucher_code == "EID10"


def test_a_fixed_amount_off_the_order(api_client, shop, awkward_cart):
    make_voucher("TAKA50", value="50.00", channel=shop.channel)
    checkout = add_code(api_client, awkward_cart, "TAKA50")["checkout"]
    assert checkout["discount"] == {"amount": 50.0}
    assert checkout["totalPrice"]["gross"]["amount"] == 104.77
    assert_exact(checkout)


def test_a_shipping_voucher_comes_off_each_vendors_parcel(api_client, shop):
    # given two vendors' parcels by post (৳50 + ৳100) and a voucher for 50% off shipping
    make_voucher(
        "FREESHIP",
        type=VoucherType.SHIPPING,
        discount_value_type=DiscountValueType.PERCENTAGE,
        value="50",
        channel=shop.channel,
    )
    checkout = ready_checkout(
        api_client,
        [line(shop.gazipur_variant), line(shop.rangpur_variant)],
        delivery=method_id(shop.postal),
    )
    # when the code is applied
    checkout = add_code(api_client, checkout, "FREESHIP")["checkout"]
    # then ৳75 comes off shipping, each parcel its share; the goods keep their prices
    assert checkout["discount"] == {"amount": 75.0}
    assert [part["price"]["amount"] for part in checkout["vendorShipping"]] == [25.0, 50.0]
    assert checkout["shippingPrice"]["gross"]["amount"] == 75.0
    assert checkout["subtotalPrice"]["gross"]["amount"] == 172.5
    assert checkout["totalPrice"]["gross"]["amount"] == 247.5
    assert_exact(checkout)


def test_a_product_voucher_takes_off_only_its_products(api_client, shop):
    # given ৳10 off each unit of the Gazipur vendor's product
    code = make_voucher(
        "SHARI10", type=VoucherType.SPECIFIC_PRODUCT, value="10.00", channel=shop.channel
    )
    code.voucher.products.add(shop.gazipur_variant.product)
    checkout = create_checkout(
        api_client, [line(shop.gazipur_variant, 2), line(shop.rangpur_variant, 1)]
    )["checkout"]
    # when it is applied
    checkout = add_code(api_client, checkout, "SHARI10")["checkout"]
    # then only that line is cheaper, by ৳10 a unit
    totals = [item["totalPrice"]["gross"]["amount"] for item in checkout["lines"]]
    assert totals == [210.0, 57.5]
    assert checkout["lines"][0]["unitPrice"]["gross"]["amount"] == 105.0
    assert checkout["discount"] == {"amount": 20.0}
    assert_exact(checkout)


def test_a_vendor_voucher_takes_off_only_that_vendors_goods(api_client, shop):
    code = make_voucher(
        "RANGPUR",
        type=VoucherType.SPECIFIC_PRODUCT,
        discount_value_type=DiscountValueType.PERCENTAGE,
        value="20",
        channel=shop.channel,
    )
    code.voucher.vendors.add(shop.rangpur_vendor)
    checkout = create_checkout(
        api_client, [line(shop.gazipur_variant), line(shop.rangpur_variant, 3)]
    )["checkout"]
    checkout = add_code(api_client, checkout, "RANGPUR")["checkout"]
    assert [item["totalPrice"]["gross"]["amount"] for item in checkout["lines"]] == [115.0, 138.0]
    assert checkout["discount"] == {"amount": 34.5}
    assert_exact(checkout)


def test_a_product_voucher_for_products_not_in_the_cart_is_not_applicable(api_client, shop):
    code = make_voucher(
        "OTHER", type=VoucherType.SPECIFIC_PRODUCT, value="10.00", channel=shop.channel
    )
    code.voucher.products.add(shop.rangpur_variant.product)
    checkout = create_checkout(api_client, [line(shop.gazipur_variant)])["checkout"]
    result = add_code(api_client, checkout, "OTHER")
    assert result["checkout"] is None
    assert _errors(result) == [("promoCode", "VOUCHER_NOT_APPLICABLE")]
    assert Checkout.objects.get().voucher_code is None


def test_below_the_minimum_spend_is_not_applicable(api_client, shop):
    make_voucher("BIG", value="100.00", min_spent="500.00", channel=shop.channel)
    checkout = create_checkout(api_client, [line(shop.gazipur_variant, 4)])["checkout"]
    result = add_code(api_client, checkout, "BIG")
    assert _errors(result) == [("promoCode", "VOUCHER_NOT_APPLICABLE")]
    assert "500" in result["errors"][0]["message"]
    # and at the minimum it applies
    checkout = create_checkout(api_client, [line(shop.gazipur_variant, 5)])["checkout"]
    assert add_code(api_client, checkout, "BIG")["checkout"]["discount"] == {"amount": 100.0}


@pytest.mark.parametrize(
    "code_fields",
    [
        {},  # a code nobody issued
        {
            "end_date": timezone.now() - timedelta(days=1),
            "start_date": timezone.now() - timedelta(days=9),
        },
        {"start_date": timezone.now() + timedelta(days=1)},
    ],
    ids=["unknown", "ended", "not-started"],
)
def test_an_unknown_ended_or_future_code_is_invalid(api_client, shop, code_fields):
    if code_fields:
        make_voucher("EID10", channel=shop.channel, **code_fields)
    checkout = create_checkout(api_client, [line(shop.gazipur_variant)])["checkout"]
    result = add_code(api_client, checkout, "EID10")
    assert _errors(result) == [("promoCode", "INVALID")]
    assert Checkout.objects.get().voucher_code is None


def test_remove_by_code_or_by_its_id(api_client, shop):
    code = make_voucher("TAKA50", value="50.00", channel=shop.channel)
    checkout = create_checkout(api_client, [line(shop.gazipur_variant)])["checkout"]
    for removal in ({"promoCode": "taka50"}, {"promoCodeId": to_global_id("VoucherCode", code.pk)}):
        add_code(api_client, checkout, "TAKA50")
        result = api_client.execute(REMOVE, {"checkoutId": checkout["id"], **removal})[
            "checkoutRemovePromoCode"
        ]
        assert result == {
            "checkout": {
                "voucherCode": None,
                "discount": {"amount": 0.0},
                "totalPrice": {"gross": {"amount": 115.0}},
            },
            "errors": [],
        }


def test_removing_a_code_the_checkout_does_not_carry_changes_nothing(api_client, shop):
    make_voucher("TAKA50", value="50.00", channel=shop.channel)
    checkout = create_checkout(api_client, [line(shop.gazipur_variant)])["checkout"]
    add_code(api_client, checkout, "TAKA50")
    result = api_client.execute(REMOVE, {"checkoutId": checkout["id"], "promoCode": "OTHER"})[
        "checkoutRemovePromoCode"
    ]
    assert result["errors"] == []
    assert result["checkout"]["voucherCode"] == "TAKA50"


@pytest.mark.parametrize(
    ("removal", "field"),
    [({}, "promoCode"), ({"promoCodeId": to_global_id("Voucher", 1)}, "promoCodeId")],
)
def test_remove_needs_a_code_or_a_voucher_code_id(api_client, shop, removal, field):
    checkout = create_checkout(api_client, [line(shop.gazipur_variant)])["checkout"]
    result = api_client.execute(REMOVE, {"checkoutId": checkout["id"], **removal})[
        "checkoutRemovePromoCode"
    ]
    assert _errors(result) == [(field, "GRAPHQL_ERROR")]


def test_the_voucher_is_for_discount_managers(api_client, shop, staff_user):
    make_voucher("TAKA50", value="50.00", channel=shop.channel, name="Eid offer")
    checkout = create_checkout(api_client, [line(shop.gazipur_variant)])["checkout"]
    add_code(api_client, checkout, "TAKA50")
    # a shopper reads the code, not the voucher (Saleor: MANAGE_DISCOUNTS)
    denied = api_client.execute_raw(VOUCHER, {"id": checkout["id"]})
    assert denied["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    grant(staff_user, PermissionEnum.MANAGE_DISCOUNTS, PermissionEnum.MANAGE_CHECKOUTS)
    data = api_client.as_user(staff_user).execute(VOUCHER, {"id": checkout["id"]})
    assert data["checkout"] == {
        "voucherCode": "TAKA50",
        "voucher": {"name": "Eid offer", "code": "TAKA50"},
    }


def test_a_checkout_without_a_code_has_no_voucher(api_client, shop, staff_user):
    grant(staff_user, PermissionEnum.MANAGE_DISCOUNTS, PermissionEnum.MANAGE_CHECKOUTS)
    checkout = create_checkout(api_client, [line(shop.gazipur_variant)])["checkout"]
    data = api_client.as_user(staff_user).execute(VOUCHER, {"id": checkout["id"]})
    assert data["checkout"] == {"voucherCode": None, "voucher": None}
