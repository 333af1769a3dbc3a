"""checkoutComplete: the checkout becomes an order, once.

One transaction: the checkout row is locked; a checkout already completed (a retry, a double
click, a second tab waiting on the lock) returns the order it became instead of placing another
(`Order.checkout_token` is unique besides). The checkout must be complete (contact, addresses,
delivery, lines on sale, a voucher that still applies) and the channel must take unpaid orders
(payments come later). Prices are frozen into an `OrderDraft`, `place_order` writes the order,
stock is allocated to its lines (InsufficientStock undoes everything), the voucher use is
counted, and the checkout is deleted. Hooks and messages are sent when the transaction commits.
As in Saleor's checkoutComplete, short stock (INSUFFICIENT_STOCK, naming the variants) and a
voucher that no longer applies or has run out of uses (VOUCHER_NOT_APPLICABLE) are errors of the
checkout as a whole: they carry no field.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone
from graphql_relay import to_global_id

from backend.discounts.vouchers import VoucherError, claim_voucher_usage
from backend.inventory.allocation import InsufficientStock, StockLine, allocate_stocks
from backend.inventory.stock_plan import stock_rules_of
from backend.orders.drafts import DraftLine, DraftVendorPart, OrderDraft
from backend.orders.models import Order
from backend.orders.payment import refresh_order_payment
from backend.orders.placement import place_order
from plugins.framework.manager import PluginsManager, get_plugins_manager

from .access import may_change
from .error_codes import CheckoutErrorCode
from .errors import checkout_error, not_found
from .fetch import CheckoutInfo, checkouts_by_token, fetch_checkout_info
from .models import Checkout, CheckoutLine
from .pricing import CheckoutPrices
from .promo import customer_key
from .rules import check_lines_sellable
from .summary import price_checkout

_ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "street_address_1",
    "street_address_2",
    "city",
    "city_area",
    "postal_code",
    "country",
    "country_area",
    "phone",
)


def _address_values(address) -> dict[str, Any] | None:
    if address is None:
        return None
    return {field: getattr(address, field) for field in _ADDRESS_FIELDS}


def _completed_order(token: UUID, requestor: Any) -> Order | None:
    """The order a checkout already became, for whoever may see it: its customer, or anyone
    holding the token of a guest's checkout."""
    order = Order.objects.filter(checkout_token=token).first()
    if order is None:
        return None
    if order.user_id is not None and order.user_id != getattr(requestor, "pk", None):
        return None
    return order


def check_ready(info: CheckoutInfo, *, delivery_chosen: bool, voucher_lost: bool) -> None:
    """Saleor's refusals for a checkout that cannot become an order yet."""
    checkout = info.checkout
    if not info.lines:
        raise checkout_error(
            "lines", "Cannot complete an empty checkout.", CheckoutErrorCode.NO_LINES
        )
    if not info.customer_email and not info.customer_phone:
        raise checkout_error(
            "email",
            "Checkout needs an e-mail or a phone number to be completed.",
            CheckoutErrorCode.EMAIL_NOT_SET,
        )
    if info.is_shipping_required:
        if checkout.collection_point_id is None and checkout.shipping_address is None:
            raise checkout_error(
                "shipping_address",
                "Shipping address is not set.",
                CheckoutErrorCode.SHIPPING_ADDRESS_NOT_SET,
            )
        if not checkout.shipping_method_id and checkout.collection_point_id is None:
            raise checkout_error(
                "shipping_method",
                "Shipping method is not set.",
                CheckoutErrorCode.SHIPPING_METHOD_NOT_SET,
            )
        if checkout.shipping_method_id and not delivery_chosen:
            raise checkout_error(
                "shipping_method",
                "Shipping method is not valid for your shipping address.",
                CheckoutErrorCode.INVALID_SHIPPING_METHOD,
            )
    if checkout.billing_address is None:
        raise checkout_error(
            "billing_address",
            "Billing address is not set.",
            CheckoutErrorCode.BILLING_ADDRESS_NOT_SET,
        )
    check_lines_sellable(info.lines, now=timezone.now())
    if voucher_lost:
        raise checkout_error(
            "voucher_code",
            "Voucher is not applicable to this checkout.",
            CheckoutErrorCode.VOUCHER_NOT_APPLICABLE,
        )


def build_order_draft(
    info: CheckoutInfo, prices: CheckoutPrices, *, voucher, delivery
) -> OrderDraft:
    """The order as the checkout prices it now: every amount frozen."""
    checkout = info.checkout
    lines = []
    for line in info.lines:
        line_prices = prices.lines[line.line.id]
        variant = line.variant
        lines.append(
            DraftLine(
                variant_id=variant.pk,
                vendor_id=line.vendor_id,
                quantity=line.quantity,
                product_name=line.product.name,
                variant_name=variant.name,
                product_sku=variant.sku,
                product_variant_id=to_global_id("ProductVariant", variant.pk),
                is_shipping_required=line.is_shipping_required,
                unit_price=line_prices.unit_price,
                undiscounted_unit_price=line_prices.undiscounted_unit_price,
                total_price=line_prices.total_price,
                undiscounted_total_price=line_prices.undiscounted_total_price,
                tax_rate=line_prices.tax_rate,
                unit_discount=line_prices.undiscounted_unit_price.gross
                - line_prices.unit_price.gross,
                unit_discount_reason=voucher.name if voucher and line_prices.discount else "",
            )
        )
    method = delivery.chosen_method
    return OrderDraft(
        channel_id=checkout.channel_id,
        currency=checkout.currency,
        lines=tuple(lines),
        vendor_parts=tuple(
            DraftVendorPart(
                vendor_id=part.vendor_id,
                subtotal=part.subtotal,
                shipping_price=part.shipping_price,
                weight=part.weight,
            )
            for part in prices.vendors
        ),
        subtotal=prices.subtotal,
        shipping_price=prices.shipping_price,
        total=prices.total,
        undiscounted_total=prices.undiscounted_total,
        language_code=checkout.language_code,
        user_id=checkout.user_id,
        user_email=info.customer_email,
        customer_phone=info.customer_phone,
        checkout_token=checkout.token,
        billing_address=_address_values(checkout.billing_address),
        shipping_address=_address_values(checkout.shipping_address),
        shipping_method_id=method.id if method else "",
        shipping_method_name=method.name if method else "",
        shipping_tax_rate=prices.shipping_tax_rate,
        collection_point_id=checkout.collection_point_id,
        voucher_code=voucher.code if voucher else "",
        voucher_code_id=voucher.voucher_code_id if voucher else None,
        discount_amount=prices.discount,
        discount_name=voucher.name if voucher else "",
        customer_note=checkout.customer_note,
        weight=sum((part.weight for part in prices.vendors), Decimal(0)),
        metadata=dict(checkout.metadata),
    )


def complete_checkout(
    *,
    token: UUID,
    requestor: Any,
    metadata: dict[str, str] | None = None,
    manager: PluginsManager | None = None,
) -> Order:
    """Place the checkout's order (or return the one it already became); see the module."""
    manager = manager or get_plugins_manager(requestor=requestor)
    with transaction.atomic():
        locked = checkouts_by_token([token], lock=True)
        checkout: Checkout | None = locked[0] if locked else None
        if checkout is None:
            order = _completed_order(token, requestor)
            if order is None:
                raise not_found(token)
            return order
        if not may_change(checkout, requestor):
            raise not_found(token)
        if metadata:
            checkout.metadata = {**checkout.metadata, **metadata}
        info = fetch_checkout_info(checkout)
        prices, delivery, voucher = price_checkout(info, manager=manager)
        check_ready(
            info,
            delivery_chosen=delivery.chosen_method is not None,
            voucher_lost=bool(checkout.voucher_code) and voucher is None,
        )
        total = prices.total.gross
        if checkout.total_authorized_amount < total and not info.channel.allow_unpaid_orders:
            raise checkout_error(
                "id",
                "The checkout's payments do not cover its total, and the channel does not take "
                "unpaid orders.",
                CheckoutErrorCode.CHECKOUT_NOT_FULLY_PAID,
            )
        draft = build_order_draft(info, prices, voucher=voucher, delivery=delivery)
        user = checkout.user if checkout.user_id else None
        order = place_order(draft, user=user, manager=manager, channel=info.channel)
        try:
            allocate_stocks(
                [
                    StockLine(variant_id=line.variant_id, quantity=line.quantity, line_id=line.pk)
                    for line in order.lines.all()
                    if line.variant_id is not None
                ],
                channel_id=checkout.channel_id,
                checkout_token=checkout.token,
                collection_point_id=checkout.collection_point_id,
                rules=stock_rules_of(info.channel, checkout.collection_point),
            )
        except InsufficientStock as error:
            raise checkout_error(
                None,
                "Insufficient product stock.",
                CheckoutErrorCode.INSUFFICIENT_STOCK,
                variants=[item.variant_id for item in error.items],
            ) from error
        if voucher is not None:
            try:
                claim_voucher_usage(
                    voucher_code_id=voucher.voucher_code_id, customer_key=customer_key(info)
                )
            except VoucherError as error:
                raise checkout_error(
                    None, error.message, CheckoutErrorCode.VOUCHER_NOT_APPLICABLE
                ) from error
        _move_payments(checkout, order, requestor=requestor, manager=manager)
        _delete_completed(checkout.token)
        return order


def _move_payments(
    checkout: Checkout, order: Order, *, requestor: Any, manager: PluginsManager
) -> None:
    """The checkout's payment transactions become the order's (one UPDATE); an order they
    pay is announced as paid."""
    checkout.payment_transactions.update(order=order, checkout=None)
    if checkout.total_authorized_amount > 0:
        refresh_order_payment(order, requestor=requestor, manager=manager)


def _delete_completed(token: UUID) -> None:
    """The checkout and its lines, gone in two statements: the allocation already released the
    lines' reservations, and nothing else refers to them (the order keeps the token as a value),
    so the ORM's cascade would only read rows to find nothing to cascade to."""
    CheckoutLine.objects.filter(checkout_id=token)._raw_delete(using=DEFAULT_DB_ALIAS)
    Checkout.objects.filter(token=token)._raw_delete(using=DEFAULT_DB_ALIAS)
