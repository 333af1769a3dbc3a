"""Promo codes: a voucher code on the checkout, and what it takes off (spread exactly over lines
and vendors' shipping by `backend.discounts.vouchers`)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from backend.catalog.models import CollectionProduct
from backend.discounts.models import VoucherCode
from backend.discounts.vouchers import (
    DiscountableLine,
    VoucherContext,
    VoucherDiscount,
    VoucherError,
    find_voucher_code,
    normalize_customer_key,
    voucher_discount,
)
from plugins.framework.manager import PluginsManager, get_plugins_manager

from .access import lock_checkout
from .changes import finish_change, touch
from .delivery import quote_delivery
from .error_codes import CheckoutErrorCode
from .errors import checkout_error
from .fetch import CheckoutInfo, fetch_checkout_info
from .pricing import calculate_prices

ZERO = Decimal(0)


def customer_key(info: CheckoutInfo) -> str | None:
    return normalize_customer_key(info.customer_email or None, info.customer_phone or None)


def voucher_context(
    info: CheckoutInfo, shipping_by_vendor: Mapping[int, Decimal]
) -> VoucherContext:
    """The checkout as a voucher judges it (one query for the products' collections)."""
    prices = calculate_prices(info)
    product_ids = {line.product.pk for line in info.lines}
    collections: dict[int, set[int]] = {}
    for product_id, collection_id in CollectionProduct.objects.filter(
        product_id__in=product_ids
    ).values_list("product_id", "collection_id"):
        collections.setdefault(product_id, set()).add(collection_id)
    user = info.checkout.user
    return VoucherContext(
        channel_id=info.checkout.channel_id,
        currency=info.checkout.currency,
        lines=tuple(
            DiscountableLine(
                key=str(line.line.id),
                variant_id=line.variant.pk,
                product_id=line.product.pk,
                category_id=line.product.category_id,
                collection_ids=frozenset(collections.get(line.product.pk, ())),
                vendor_id=line.vendor_id,
                quantity=line.quantity,
                unit_price=line.selling_amount or ZERO,
                total=prices.lines[line.line.id].total_price.gross,
            )
            for line in info.lines
        ),
        subtotal=prices.subtotal.gross,
        shipping_by_vendor=dict(shipping_by_vendor),
        customer_key=customer_key(info),
        user_is_staff=bool(user is not None and user.is_staff),
        now=timezone.now(),
    )


def checkout_voucher(
    info: CheckoutInfo, shipping_by_vendor: Mapping[int, Decimal]
) -> VoucherDiscount | None:
    """What the checkout's code takes off now; None without a code or when it no longer
    applies (completion refuses such a checkout with VOUCHER_NOT_APPLICABLE)."""
    code = info.checkout.voucher_code
    if not code:
        return None
    try:
        found = find_voucher_code(code, channel_id=info.checkout.channel_id, now=timezone.now())
        return voucher_discount(found, voucher_context(info, shipping_by_vendor))
    except VoucherError:
        return None


def _voucher_error(error: VoucherError) -> Exception:
    return checkout_error(
        "promo_code", error.message, CheckoutErrorCode(str(error.code.value).lower())
    )


def add_promo_code(
    *,
    token: UUID,
    requestor: Any,
    promo_code: str,
    manager: PluginsManager | None = None,
) -> CheckoutInfo:
    """Put a voucher code on the checkout; refused (INVALID, VOUCHER_NOT_APPLICABLE) when it
    cannot be used on it now."""
    manager = manager or get_plugins_manager()
    with transaction.atomic():
        checkout = lock_checkout(token, requestor=requestor)
        info = fetch_checkout_info(checkout)
        parcels = quote_delivery(info, manager=manager).parcel_prices
        try:
            found = find_voucher_code(
                promo_code, channel_id=checkout.channel_id, now=timezone.now()
            )
            voucher_discount(found, voucher_context(info, parcels))
        except VoucherError as error:
            raise _voucher_error(error) from error
        checkout.voucher_code = found.code
        touch(checkout, "voucher_code")
        return finish_change(checkout, manager=manager, delivery_may_change=False)


def remove_promo_code(
    *,
    token: UUID,
    requestor: Any,
    promo_code: str | None = None,
    voucher_code_id: int | None = None,
    manager: PluginsManager | None = None,
) -> CheckoutInfo:
    """Take the checkout's voucher code off (by the code, or by the VoucherCode's id); a code
    the checkout does not carry changes nothing, as in Saleor."""
    with transaction.atomic():
        checkout = lock_checkout(token, requestor=requestor)
        current = (checkout.voucher_code or "").lower()
        named = (promo_code or "").strip().lower()
        if voucher_code_id is not None:
            named = (
                VoucherCode.objects.filter(pk=voucher_code_id)
                .values_list("code", flat=True)
                .first()
                or ""
            ).lower()
        if current and named == current:
            checkout.voucher_code = None
            touch(checkout, "voucher_code")
        return finish_change(checkout, manager=manager, delivery_may_change=False)
