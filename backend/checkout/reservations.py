"""Stock held for a checkout's lines while its customer checks out (the channel's
`reserve_stock_duration_minutes`; none when it is null)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min

from backend.inventory.models import Reservation

from .fetch import CheckoutInfo


def hold_stock(info: CheckoutInfo) -> None:
    """Hold the checkout's lines' stock for the channel's reservation time.

    The write is the inventory's (`backend.inventory.reservations`, branch `stock`); until it
    lands the first customer to complete gets the stock, as with reservations off."""
    return None


def stock_reservation_expires(info: CheckoutInfo) -> datetime | None:
    """When the checkout's earliest stock hold ends (Saleor's `stockReservationExpires`)."""
    if not info.lines:
        return None
    return Reservation.objects.filter(checkout_line__checkout_id=info.token).aggregate(
        expires=Min("reserved_until")
    )["expires"]
