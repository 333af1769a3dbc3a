"""Notes on an order's timeline (staff, or a vendor about its part)."""

from __future__ import annotations

from typing import Any

from backend.core.errors import field_error

from .error_codes import OrderNoteAddErrorCode
from .events import actor_ids, order_event, record_events
from .models import Order, OrderEvent, OrderEvents


def add_note(*, order: Order, message: str, requestor: Any) -> OrderEvent:
    """Append NOTE_ADDED with the message (blank is refused: REQUIRED on `message`)."""
    text = (message or "").strip()
    if not text:
        raise field_error("message", "The note is empty.", OrderNoteAddErrorCode.REQUIRED)
    [event] = record_events(
        [order_event(order, OrderEvents.NOTE_ADDED, **actor_ids(requestor), message=text)]
    )
    Order.objects.filter(pk=order.pk).update(updated_at=event.date)
    return event
