"""Stock held for a checkout's lines while its customer checks out (the channel's
`reserve_stock_duration_minutes`; none when it is null)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min

from backend.inventory.allocation import InsufficientStock, StockLine
from backend.inventory.models import Reservation
from backend.inventory.reservations import release_reservations, reserve_stocks

from .error_codes import CheckoutErrorCode
from .errors import checkout_error
from .fetch import CheckoutInfo


def hold_stock(info: CheckoutInfo) -> None:
    """Hold exactly the checkout's lines' stock for the channel's reservation time (inside the
    caller's transaction: a refusal undoes the change that asked for it)."""
    minutes = info.channel.reserve_stock_duration_minutes
    if not minutes:
        return
    lines = [
        StockLine(variant_id=line.variant.pk, quantity=line.quantity, line_id=line.line.id)
        for line in info.lines
    ]
    if not lines:
        release_reservations(checkout_token=info.token)
        return
    try:
        reserve_stocks(
            lines,
            channel_id=info.checkout.channel_id,
            checkout_token=info.token,
            ttl_minutes=minutes,
            collection_point_id=info.checkout.collection_point_id,
        )
    except InsufficientStock as error:
        raise checkout_error(
            "quantity",
            "Insufficient product stock.",
            CheckoutErrorCode.INSUFFICIENT_STOCK,
            variants=[item.variant_id for item in error.items],
        ) from error


def stock_reservation_expires(info: CheckoutInfo) -> datetime | None:
    """When the checkout's earliest stock hold ends (Saleor's `stockReservationExpires`)."""
    if not info.lines:
        return None
    return Reservation.objects.filter(checkout_line__checkout_id=info.token).aggregate(
        expires=Min("reserved_until")
    )["expires"]
