"""Settling what stayed pending: a refund or a charge whose gateway answer never came (a
timeout, a gateway that answers later) is asked about again, never sent again.

`settle_pending_transactions` runs periodically (celery beat): each transaction with a pending
amount, untouched for a while, is put to its gateway's `transaction_status_requested` hook, and
every settled outcome it reports is recorded once (`apply_gateway_result`; a result already
recorded under the same reference is a no-op).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from backend.checkout.models import Checkout
from backend.orders.models import Order
from plugins.framework.interface import PaymentGatewayError
from plugins.framework.manager import PluginsManager, get_plugins_manager

from .models import TransactionItem
from .sessions import apply_gateway_result, session_data
from .sources import PaymentSource, checkout_source, order_source

logger = logging.getLogger(__name__)

QUIET_FOR = timedelta(minutes=2)
BATCH = 100
PENDING = (
    Q(charge_pending_value__gt=0)
    | Q(authorize_pending_value__gt=0)
    | Q(refund_pending_value__gt=0)
    | Q(cancel_pending_value__gt=0)
)


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
    # `data.pending` tells the gateway what is waiting, by kind, in the transaction's currency.
    session = session_data(
        item, source, action="STATUS", amount=item.charged_value, data={"pending": pending}
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


def settle_pending_transactions(*, now=None, limit: int = BATCH) -> int:
    """Every transaction pending for more than QUIET_FOR, asked about once; the number of
    outcomes recorded. Idempotent."""
    now = now or timezone.now()
    manager = get_plugins_manager()
    items = TransactionItem.objects.filter(PENDING, modified_at__lt=now - QUIET_FOR).order_by(
        "modified_at"
    )[:limit]
    return sum(settle_pending(item, manager=manager) for item in items)
