"""The order's timeline: unsaved `OrderEvent` rows built here, written in bulk by the use case.

Each builder returns an event without saving it, so a use case writes all of its events in one
INSERT. Parameters use Saleor's OrderEvent field names (`message`, `email`, `email_type`,
`amount`, `quantity`, `lines`, `fulfilled_items`, `transaction_reference`, `composed_id`, ...),
which the API reads back unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from .models import Order, OrderEvent, OrderEvents


def order_event(
    order: Order,
    event_type: OrderEvents | str,
    *,
    user_id: int | None = None,
    app_id: int | None = None,
    **parameters: Any,
) -> OrderEvent:
    """An unsaved event; parameters with a None value are left out."""
    return OrderEvent(
        order=order,
        type=str(event_type),
        user_id=user_id,
        app_id=app_id,
        parameters={key: value for key, value in parameters.items() if value is not None},
    )


def line_parameters(lines: Iterable[tuple[Any, int]]) -> list[dict[str, Any]]:
    """Saleor's `lines` parameter: each order line's id, quantity and name at the time."""
    return [
        {
            "line_pk": str(line.pk),
            "quantity": quantity,
            "item": f"{line.product_name} ({line.variant_name})"
            if line.variant_name
            else line.product_name,
        }
        for line, quantity in lines
    ]


def amount_parameter(amount: Decimal) -> str:
    """Money is kept as a decimal string in JSON, never a float."""
    return str(amount)


def record_events(events: Sequence[OrderEvent]) -> list[OrderEvent]:
    """Write the events in one statement."""
    if not events:
        return []
    return OrderEvent.objects.bulk_create(events)


def actor_ids(requestor: Any) -> dict[str, int | None]:
    """`user_id` and `app_id` of whoever acts: a user, an app's requestor, or nobody."""
    if requestor is None:
        return {"user_id": None, "app_id": None}
    if getattr(requestor, "is_app", False):
        return {"user_id": None, "app_id": requestor.app.pk}
    if getattr(requestor, "is_authenticated", False):
        return {"user_id": requestor.pk, "app_id": None}
    return {"user_id": None, "app_id": None}


def email_sent_event(
    order: Order, *, recipient: str, email_type: str, requestor: Any = None
) -> OrderEvent | None:
    """EMAIL_SENT for a message to the customer (an SMS too: Saleor has one event for both);
    None when the order has nobody to tell."""
    if not recipient:
        return None
    return order_event(
        order,
        OrderEvents.EMAIL_SENT,
        **actor_ids(requestor),
        email=recipient,
        email_type=email_type,
    )
