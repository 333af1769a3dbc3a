"""A transaction's owner (a checkout, or the order it became) and the totals it keeps.

Every change to a transaction takes its owner's row lock first, then the transaction's: so
two callbacks for two transactions of one checkout, or a callback racing `checkoutComplete`,
run one after the other, and each sees the other's committed amounts when it sums them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction as db_transaction
from django.db.models import Sum

from backend.checkout.models import Checkout
from backend.orders.lock_objects import lock_order
from backend.orders.models import Order
from backend.orders.payment import refresh_order_payment
from plugins.framework.manager import PluginsManager

from .models import TransactionItem

ZERO = Decimal(0)


@dataclass
class Owner:
    """The locked checkout or order a transaction belongs to (exactly one is set)."""

    checkout: Checkout | None = None
    order: Order | None = None

    @property
    def channel_slug(self) -> str:
        source = self.checkout if self.checkout is not None else self.order
        assert source is not None
        return source.channel.slug


def lock_owner(*, checkout_token: Any = None, order_id: Any = None) -> Owner:
    """Lock the checkout's or the order's row (raises DoesNotExist when it is gone)."""
    if not db_transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_owner needs a transaction: a lock outside one is released.")
    if order_id is not None:
        return Owner(order=lock_order(order_id))
    checkout = (
        Checkout.objects.select_for_update(of=("self",))
        .select_related("channel")
        .get(token=checkout_token)
    )
    return Owner(checkout=checkout)


def lock_transaction_with_owner(transaction_id: int) -> tuple[TransactionItem, Owner]:
    """The transaction and its owner, both locked, owner first.

    The owner is read before it is locked; when the checkout was completed in between (its
    transactions moved to the order, the checkout deleted), the read is repeated for the
    order."""
    for _attempt in range(3):
        checkout_token, order_id = TransactionItem.objects.values_list(
            "checkout_id", "order_id"
        ).get(pk=transaction_id)
        try:
            owner = (
                lock_owner(checkout_token=checkout_token, order_id=order_id)
                if checkout_token or order_id
                else Owner()
            )
        except Checkout.DoesNotExist:
            continue  # completed meanwhile: the transaction now belongs to the order
        item = TransactionItem.objects.select_for_update(of=("self",)).get(pk=transaction_id)
        if (item.checkout_id, item.order_id) == (checkout_token, order_id):
            return item, owner
    raise RuntimeError(f"Transaction {transaction_id} keeps moving between owners.")


def refresh_checkout_totals(checkout: Checkout) -> None:
    """Store what the checkout's transactions have charged and cover (with pending amounts, as
    Saleor counts them for a checkout's authorize status)."""
    sums = TransactionItem.objects.filter(checkout_id=checkout.pk).aggregate(
        charged=Sum("charged_value"),
        charge_pending=Sum("charge_pending_value"),
        authorized=Sum("authorized_value"),
        authorize_pending=Sum("authorize_pending_value"),
    )
    charged, charge_pending, authorized, authorize_pending = (
        sums[key] or ZERO
        for key in ("charged", "charge_pending", "authorized", "authorize_pending")
    )
    checkout.total_charged_amount = charged
    checkout.total_authorized_amount = charged + charge_pending + authorized + authorize_pending
    Checkout.objects.filter(pk=checkout.pk).update(
        total_charged_amount=checkout.total_charged_amount,
        total_authorized_amount=checkout.total_authorized_amount,
    )


def refresh_owner(
    owner: Owner, *, requestor: Any = None, manager: PluginsManager | None = None
) -> None:
    if owner.checkout is not None:
        refresh_checkout_totals(owner.checkout)
    elif owner.order is not None:
        refresh_order_payment(owner.order, requestor=requestor, manager=manager)
