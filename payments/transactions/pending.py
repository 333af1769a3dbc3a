"""Settling what stayed pending: a refund or a charge whose gateway answer never came (a
timeout, a gateway that answers later) is asked about again, never sent again.

`settle_pending_transactions` runs periodically (celery beat). Each transaction with a pending
amount, or whose session still waits for the customer (a payment page whose notification may be
lost), is asked about when due (`checks.py`: after 2 minutes, then backing off) through its
gateway's `transaction_status_requested` hook; every settled outcome the gateway reports is
recorded once (`apply_gateway_result`: a result already recorded under the same reference is a
no-op). `data` tells the gateway what waits:
`{"pending": {"REFUND": "30.00", ...}, "awaiting_payment": true}`.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from backend.checkout.models import Checkout
from backend.orders.models import Order
from plugins.framework.base import implements
from plugins.framework.interface import PaymentGatewayError
from plugins.framework.manager import PluginsManager, get_plugins_manager

from .checks import next_check_after_asking
from .models import TransactionItem
from .sessions import apply_gateway_result, session_data
from .sources import PaymentSource, checkout_source, order_source

logger = logging.getLogger(__name__)

BATCH = 100


def _source(item: TransactionItem, manager: PluginsManager) -> PaymentSource | None:
    if item.order_id:
        order = Order.objects.select_related("channel", "billing_address", "shipping_address")
        return order_source(order.get(pk=item.order_id))
    if item.checkout_id:
        checkout = Checkout.objects.select_related("channel", "billing_address")
        return checkout_source(checkout.get(pk=item.checkout_id), manager=manager)
    return None


def settle_pending(item: TransactionItem, *, manager: PluginsManager) -> int:
    """Ask the item's gateway about it; the number of outcomes newly recorded."""
    source = _source(item, manager)
    if source is None:
        return 0
    pending = {
        kind: str(amount)
        for kind, amount in (
            ("CHARGE", item.charge_pending_value),
            ("AUTHORIZATION", item.authorize_pending_value),
            ("REFUND", item.refund_pending_value),
            ("CANCEL", item.cancel_pending_value),
        )
        if amount > 0
    }
    awaiting = item.status_check_until is not None and item.status_check_until > timezone.now()
    session = session_data(
        item,
        source,
        action="STATUS",
        amount=item.charged_value,
        data={"pending": pending, "awaiting_payment": awaiting},
    )
    try:
        results = manager.transaction_status_requested(session, gateway_id=item.app_identifier)
    except PaymentGatewayError as error:
        logger.warning("Gateway %s status query failed: %s", item.app_identifier, error)
        return 0
    recorded = 0
    for result in results:
        if not result.psp_reference:
            logger.error("Gateway %s reported an outcome without a reference", item.app_identifier)
            continue
        try:
            outcome = apply_gateway_result(item.pk, result, manager=manager, names_payment=False)
        except ValidationError as error:
            logger.error("Gateway %s status outcome refused: %s", item.app_identifier, error)
            continue
        recorded += 0 if outcome.already_processed else 1
    return recorded


def settle_pending_transactions(*, now: datetime | None = None, limit: int = BATCH) -> int:
    """Every transaction due for a status check, asked about once; the number of outcomes
    recorded. Idempotent."""
    now = now or timezone.now()
    manager = get_plugins_manager()
    items = TransactionItem.objects.filter(next_status_check_at__lte=now).order_by(
        "next_status_check_at"
    )[:limit]
    recorded = 0
    for item in items:
        if _answers_status_queries(item, manager):
            recorded += settle_pending(item, manager=manager)
            item.refresh_from_db()
            next_check = next_check_after_asking(item, now)
        else:
            next_check = None  # a gateway that cannot be asked (cash) is not asked again
        TransactionItem.objects.filter(pk=item.pk).update(next_status_check_at=next_check)
    return recorded


def _answers_status_queries(item: TransactionItem, manager: PluginsManager) -> bool:
    if item.order_id is not None:
        channel_slug = (
            Order.objects.filter(pk=item.order_id).values_list("channel__slug", flat=True).first()
        )
    elif item.checkout_id is not None:
        channel_slug = (
            Checkout.objects.filter(pk=item.checkout_id)
            .values_list("channel__slug", flat=True)
            .first()
        )
    else:
        return False
    plugin = manager.get_plugin(item.app_identifier, channel_slug)
    return bool(
        plugin is not None and plugin.active and implements(plugin, "transaction_status_requested")
    )
