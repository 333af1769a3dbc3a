"""checkoutDeliveryMethodUpdate: choose a shipping method or a collection point."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import transaction

from plugins.framework.manager import PluginsManager, get_plugins_manager

from .access import lock_checkout
from .changes import finish_change, touch
from .delivery import available_collection_points, clear_delivery, quote_delivery
from .error_codes import CheckoutErrorCode
from .errors import checkout_error
from .fetch import CheckoutInfo, fetch_checkout_info


def update_delivery_method(
    *,
    token: UUID,
    requestor: Any,
    shipping_method_id: str | None = None,
    collection_point_id: int | None = None,
    manager: PluginsManager | None = None,
) -> CheckoutInfo:
    """Choose a shipping method (one the checkout is offered now) or a collection point (one
    that can hand over every line); neither clears the choice."""
    manager = manager or get_plugins_manager()
    with transaction.atomic():
        checkout = lock_checkout(token, requestor=requestor)
        info = fetch_checkout_info(checkout)
        if shipping_method_id is None and collection_point_id is None:
            clear_delivery(checkout)
            return finish_change(checkout, manager=manager)
        if not info.is_shipping_required:
            raise checkout_error(
                "delivery_method_id",
                "This checkout doesn't need shipping.",
                CheckoutErrorCode.SHIPPING_NOT_REQUIRED,
            )
        if shipping_method_id is not None:
            if checkout.shipping_address is None:
                raise checkout_error(
                    "delivery_method_id",
                    "Cannot choose a shipping method for a checkout without the shipping address.",
                    CheckoutErrorCode.SHIPPING_ADDRESS_NOT_SET,
                )
            quote = quote_delivery(info, manager=manager)
            method = next((m for m in quote.shipping_methods if m.id == shipping_method_id), None)
            if method is None:
                raise checkout_error(
                    "delivery_method_id",
                    "This shipping method is not applicable.",
                    CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE,
                )
            checkout.shipping_method_id = method.id
            checkout.shipping_method_name = method.name
            checkout.collection_point = None
        else:
            points = {point.pk: point for point in available_collection_points(info)}
            if collection_point_id not in points:
                raise checkout_error(
                    "delivery_method_id",
                    "This pick up point is not applicable.",
                    CheckoutErrorCode.DELIVERY_METHOD_NOT_APPLICABLE,
                )
            checkout.collection_point = points[collection_point_id]
            checkout.shipping_method_id = ""
            checkout.shipping_method_name = ""
        touch(checkout, "shipping_method_id", "shipping_method_name", "collection_point")
        # The choice was checked against the lines just read: neither needs reading again.
        return finish_change(checkout, manager=manager, lines=info.lines, delivery_may_change=False)
