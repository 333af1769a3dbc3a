"""What a code takes off a checkout: each rule of `voucher_discount` and `find_voucher_code`."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.discounts.models import DiscountValueType, VoucherType
from backend.discounts.vouchers import (
    DiscountableLine,
    VoucherContext,
    VoucherError,
    claim_voucher_usage,
    find_voucher_code,
    normalize_customer_key,
    voucher_discount,
)
from tests.factories import (
    CategoryFactory,
    ChannelFactory,
    CollectionFactory,
    ProductFactory,
    ProductVariantFactory,
)
from tests.voucher_factories import make_voucher

pytestmark = pytest.mark.django_db

D = Decimal


def line(key: str, total: str, *, quantity: int = 1, **ids) -> DiscountableLine:
    total_amount = D(total)
    return DiscountableLine(
        key=key,
        variant_id=ids.get("variant_id", 0),
        product_id=ids.get("product_id", 0),
        category_id=ids.get("category_id"),
        collection_ids=frozenset(ids.get("collection_ids", ())),
        vendor_id=ids.get("vendor_id", 0),
        quantity=quantity,
        unit_price=(total_amount / quantity).quantize(D("0.01")),
        total=total_amount,
    )


def product_line(key: str, product, total: str, *, quantity: int = 1) -> DiscountableLine:
    variant = product.variants.first() or ProductVariantFactory(product=product)
    return line(
        key,
        total,
        quantity=quantity,
        variant_id=variant.pk,
        product_id=product.pk,
        category_id=product.category_id,
        collection_ids=set(product.collections.values_list("pk", flat=True)),
        vendor_id=product.vendor_id,
    )


def context(*lines: DiscountableLine, channel=None, **overrides) -> VoucherContext:
    channel = channel or ChannelFactory()
    fields = {
        "channel_id": channel.pk,
        "currency": "BDT",
        "lines": lines,
        "subtotal": sum((item.total for item in lines), D("0.00")),
        "shipping_by_vendor": {},
        "customer_key": None,
        "user_is_staff": False,
        "now": timezone.now(),
    }
    fields.update(overrides)
    return VoucherContext(**fields)


def refusal(code, ctx) -> tuple[str, str, str]:
    with pytest.raises(VoucherError) as error:
        voucher_discount(code, ctx)
    return str(error.value.code), error.value.message, error.value.field


# --- the whole order --------------------------------------------------------------------------


def test_fixed_order_voucher_splits_over_lines_in_proportion():
    # given a ৳50 voucher and lines of ৳300 and ৳200
    code = make_voucher(value="50.00")
    # when
    discount = voucher_discount(code, context(line("a", "300.00"), line("b", "200.00")))
    # then
    assert discount.amount == D("50.00")
    assert discount.line_discounts == {"a": D("30.00"), "b": D("20.00")}
    assert (discount.code, discount.voucher_code_id, discount.voucher_type) == (
        "EID10",
        code.pk,
        "ENTIRE_ORDER",
    )
    assert discount.shipping_discount == D("0.00")


def test_fixed_order_voucher_never_exceeds_the_subtotal():
    code = make_voucher(value="1000.00")
    discount = voucher_discount(code, context(line("a", "120.50"), line("b", "79.50")))
    assert discount.amount == D("200.00")
    assert discount.line_discounts == {"a": D("120.50"), "b": D("79.50")}


def test_percentage_order_voucher_rounds_half_up_and_sums_exactly():
    # given 10% of ৳433.34 is ৳43.334
    code = make_voucher(discount_value_type=DiscountValueType.PERCENTAGE, value="10")
    lines = (line("a", "333.33"), line("b", "100.01"))
    # when
    discount = voucher_discount(code, context(*lines))
    # then the amount is rounded to the poisha and the lines add up to it exactly
    assert discount.amount == D("43.33")
    assert sum(discount.line_discounts.values()) == D("43.33")
    assert discount.line_discounts == {"a": D("33.33"), "b": D("10.00")}


def test_percentage_remainder_goes_to_the_largest_line():
    # given three equal-ish lines whose rounded shares do not add up
    code = make_voucher(discount_value_type=DiscountValueType.PERCENTAGE, value="50")
    lines = (line("a", "0.03"), line("b", "0.03"), line("c", "0.05"))
    # when 50% of 0.11 (0.055 -> 0.06) is split: 0.0164 -> 0.02, 0.02, 0.03 = 0.07
    discount = voucher_discount(code, context(*lines))
    # then the largest line gives the extra poisha back
    assert discount.amount == D("0.06")
    assert discount.line_discounts == {"a": D("0.02"), "b": D("0.02"), "c": D("0.02")}


# --- shipping ---------------------------------------------------------------------------------


def test_fixed_shipping_voucher_splits_over_vendors():
    code = make_voucher(type=VoucherType.SHIPPING, value="80.00")
    ctx = context(line("a", "500.00"), shipping_by_vendor={7: D("60.00"), 9: D("60.00")})
    discount = voucher_discount(code, ctx)
    assert discount.amount == D("80.00")
    assert discount.shipping_discount == D("80.00")
    assert discount.shipping_discount_by_vendor == {7: D("40.00"), 9: D("40.00")}
    assert discount.line_discounts == {}


def test_free_shipping_takes_off_all_shipping():
    code = make_voucher(
        "FREESHIP",
        type=VoucherType.SHIPPING,
        discount_value_type=DiscountValueType.PERCENTAGE,
        value="100",
    )
    ctx = context(line("a", "500.00"), shipping_by_vendor={7: D("70.00"), 9: D("130.00")})
    discount = voucher_discount(code, ctx)
    assert discount.amount == D("200.00")
    assert discount.shipping_discount_by_vendor == {7: D("70.00"), 9: D("130.00")}


def test_percentage_shipping_voucher_on_three_vendors_sums_exactly():
    code = make_voucher(
        type=VoucherType.SHIPPING, discount_value_type=DiscountValueType.PERCENTAGE, value="33"
    )
    shipping = {1: D("60.00"), 2: D("60.00"), 3: D("60.00")}
    discount = voucher_discount(code, context(line("a", "10.00"), shipping_by_vendor=shipping))
    assert discount.shipping_discount == D("59.40")
    assert sum(discount.shipping_discount_by_vendor.values()) == D("59.40")


def test_shipping_voucher_before_shipping_is_known_takes_nothing_off():
    code = make_voucher(type=VoucherType.SHIPPING, value="80.00")
    discount = voucher_discount(code, context(line("a", "10.00")))
    assert (discount.amount, discount.shipping_discount_by_vendor) == (D("0.00"), {})


# --- specific products ------------------------------------------------------------------------


def test_fixed_product_voucher_comes_off_each_matching_unit():
    # given ৳30 off a chosen product bought three times, and another product
    chosen, other = ProductFactory(), ProductFactory()
    code = make_voucher(type=VoucherType.SPECIFIC_PRODUCT, value="30.00")
    code.voucher.products.add(chosen)
    lines = (product_line("a", chosen, "300.00", quantity=3), product_line("b", other, "50.00"))
    # when
    discount = voucher_discount(code, context(*lines))
    # then only the chosen product's units are discounted
    assert discount.line_discounts == {"a": D("90.00")}
    assert discount.amount == D("90.00")


def test_fixed_product_voucher_is_at_most_the_unit_price():
    chosen = ProductFactory()
    code = make_voucher(type=VoucherType.SPECIFIC_PRODUCT, value="30.00")
    code.voucher.products.add(chosen)
    discount = voucher_discount(code, context(product_line("a", chosen, "40.00", quantity=2)))
    assert discount.line_discounts == {"a": D("40.00")}


def test_percentage_voucher_on_a_category_covers_its_subcategories():
    # given 10% off "Food", whose child "Rice" holds one product; a product elsewhere
    food = CategoryFactory(tree_path="0901.")
    rice = CategoryFactory(tree_path="0901.0001.", parent=food)
    elsewhere = CategoryFactory(tree_path="0902.")
    in_rice, outside = ProductFactory(category=rice), ProductFactory(category=elsewhere)
    code = make_voucher(
        type=VoucherType.SPECIFIC_PRODUCT,
        discount_value_type=DiscountValueType.PERCENTAGE,
        value="10",
    )
    code.voucher.categories.add(food)
    lines = (product_line("a", in_rice, "250.00"), product_line("b", outside, "100.00"))
    # when
    discount = voucher_discount(code, context(*lines))
    # then
    assert discount.line_discounts == {"a": D("25.00")}


def test_voucher_on_a_collection():
    collection = CollectionFactory()
    chosen, other = ProductFactory(), ProductFactory()
    collection.products.add(chosen)
    code = make_voucher(type=VoucherType.SPECIFIC_PRODUCT, value="5.00")
    code.voucher.collections.add(collection)
    lines = (product_line("a", chosen, "20.00"), product_line("b", other, "20.00"))
    assert voucher_discount(code, context(*lines)).line_discounts == {"a": D("5.00")}


def test_voucher_on_a_vendor_covers_its_products():
    chosen, other = ProductFactory(), ProductFactory()
    second_of_vendor = ProductFactory(vendor=chosen.vendor)
    code = make_voucher(
        type=VoucherType.SPECIFIC_PRODUCT,
        discount_value_type=DiscountValueType.PERCENTAGE,
        value="20",
    )
    code.voucher.vendors.add(chosen.vendor)
    lines = (
        product_line("a", chosen, "100.00"),
        product_line("b", second_of_vendor, "50.00"),
        product_line("c", other, "80.00"),
    )
    discount = voucher_discount(code, context(*lines))
    assert discount.line_discounts == {"a": D("20.00"), "b": D("10.00")}


def test_voucher_on_a_variant_covers_only_that_variant():
    product = ProductFactory()
    chosen, sibling = ProductVariantFactory(product=product), ProductVariantFactory(product=product)
    code = make_voucher(type=VoucherType.SPECIFIC_PRODUCT, value="10.00")
    code.voucher.variants.add(chosen)
    lines = (
        line("a", "50.00", variant_id=chosen.pk, product_id=product.pk),
        line("b", "50.00", variant_id=sibling.pk, product_id=product.pk),
    )
    assert voucher_discount(code, context(*lines)).line_discounts == {"a": D("10.00")}


def test_apply_once_per_order_discounts_only_the_cheapest_matching_unit():
    cheap, dear = ProductFactory(), ProductFactory()
    code = make_voucher(
        type=VoucherType.SPECIFIC_PRODUCT,
        discount_value_type=DiscountValueType.PERCENTAGE,
        value="50",
        apply_once_per_order=True,
    )
    code.voucher.products.add(cheap, dear)
    lines = (
        product_line("a", dear, "500.00", quantity=2),
        product_line("b", cheap, "90.00", quantity=3),
    )
    discount = voucher_discount(code, context(*lines))
    assert discount.line_discounts == {"b": D("15.00")}


def test_product_voucher_without_matching_lines_is_not_applicable():
    code = make_voucher(type=VoucherType.SPECIFIC_PRODUCT, value="10.00")
    code.voucher.products.add(ProductFactory())
    assert refusal(code, context(product_line("a", ProductFactory(), "50.00")))[0] == (
        "VOUCHER_NOT_APPLICABLE"
    )


# --- conditions -------------------------------------------------------------------------------


def test_minimum_spend_is_compared_with_the_subtotal():
    code = make_voucher(min_spent="500.00")
    assert refusal(code, context(line("a", "499.99")))[:1] == ("VOUCHER_NOT_APPLICABLE",)
    assert voucher_discount(code, context(line("a", "500.00"))).amount == D("50.00")


def test_minimum_quantity_counts_every_unit():
    code = make_voucher(min_checkout_items_quantity=3)
    assert refusal(code, context(line("a", "100.00", quantity=2)))[0] == "VOUCHER_NOT_APPLICABLE"
    lines = (line("a", "100.00", quantity=2), line("b", "100.00"))
    assert voucher_discount(code, context(*lines)).amount == D("50.00")


def test_an_empty_checkout_is_not_applicable():
    assert refusal(make_voucher(), context())[0] == "VOUCHER_NOT_APPLICABLE"


def test_staff_only_voucher():
    code = make_voucher(only_for_staff=True)
    assert refusal(code, context(line("a", "100.00")))[0] == "VOUCHER_NOT_APPLICABLE"
    staff = context(line("a", "100.00"), user_is_staff=True)
    assert voucher_discount(code, staff).amount == D("50.00")


def test_a_used_up_code_is_not_applicable():
    code = make_voucher(usage_limit=2)
    code.used = 2
    code.save(update_fields=["used"])
    assert refusal(code, context(line("a", "100.00")))[0] == "VOUCHER_NOT_APPLICABLE"


def test_once_per_customer_refuses_a_customer_who_used_it():
    # given a once-per-customer code that rina@example.com used
    code = make_voucher(apply_once_per_customer=True)
    claim_voucher_usage(voucher_code_id=code.pk, customer_key="rina@example.com")
    code.refresh_from_db()
    # then she is refused, in any case of her address, and another customer is not
    ctx = context(line("a", "100.00"), customer_key="Rina@Example.com")
    assert refusal(code, ctx) == (
        "VOUCHER_NOT_APPLICABLE",
        "This offer is valid only once per customer.",
        "promoCode",
    )
    other = context(line("a", "100.00"), customer_key="+8801712345678")
    assert voucher_discount(code, other).amount == D("50.00")


def test_the_customer_key_is_the_email_else_the_phone():
    assert normalize_customer_key(" Rina@Example.COM ", "+8801712345678") == "rina@example.com"
    assert normalize_customer_key(None, "+8801712345678") == "+8801712345678"
    assert normalize_customer_key("", "") is None


# --- finding a code ---------------------------------------------------------------------------


def test_a_code_is_found_in_any_case():
    code = make_voucher("EID10")
    channel = code.voucher.channel_listings.get().channel
    assert find_voucher_code(" eid10 ", channel_id=channel.pk, now=timezone.now()) == code


@pytest.mark.parametrize(
    "change",
    ["unknown", "inactive", "not started", "ended", "other channel"],
)
def test_codes_that_cannot_be_used_now_here_are_invalid(change):
    # given a code, made unusable one way
    code = make_voucher("EID10")
    channel = code.voucher.channel_listings.get().channel
    now = timezone.now()
    typed = "EID10"
    if change == "unknown":
        typed = "EID11"
    elif change == "inactive":
        code.is_active = False
        code.save()
    elif change == "not started":
        code.voucher.start_date = now + timedelta(minutes=1)
        code.voucher.save()
    elif change == "ended":
        code.voucher.end_date = now - timedelta(minutes=1)
        code.voucher.save()
    else:
        channel = ChannelFactory(slug="export", name="Export")
    # when it is looked up
    with pytest.raises(VoucherError) as error:
        find_voucher_code(typed, channel_id=channel.pk, now=now)
    # then Saleor's one answer, on promoCode
    assert (error.value.code, error.value.message, error.value.field) == (
        "INVALID",
        "Promo code is invalid",
        "promoCode",
    )


def test_a_code_found_earlier_is_judged_again_when_it_has_ended():
    # given a code applied to a checkout, whose voucher ends before the order is placed
    code = make_voucher(end_date=timezone.now() + timedelta(minutes=5))
    later = timezone.now() + timedelta(minutes=10)
    # when the checkout asks again
    assert refusal(code, context(line("a", "100.00"), now=later))[0] == "INVALID"
