"""Who may read and change a checkout, and the lock every change takes.

Whoever holds a checkout's id may read and change it while it is unattached (the id is a random
UUID, as in Saleor); once attached to a customer it is theirs alone, and anyone else is told it
does not exist. Staff with MANAGE_CHECKOUTS may read any checkout.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from backend.core.permissions import PermissionEnum, has_permissions

from .errors import not_found
from .fetch import CheckoutInfo, checkouts_by_token
from .models import Checkout


def _requestor_user_id(requestor: Any) -> int | None:
    if requestor is None or getattr(requestor, "is_app", False):
        return None
    if not getattr(requestor, "is_authenticated", False):
        return None
    return requestor.pk


def may_change(checkout: Checkout, requestor: Any) -> bool:
    """The holder of an unattached checkout's id, or the customer it is attached to."""
    return checkout.user_id is None or checkout.user_id == _requestor_user_id(requestor)


def may_read(checkout: Checkout, requestor: Any) -> bool:
    return may_change(checkout, requestor) or has_permissions(
        requestor, [PermissionEnum.MANAGE_CHECKOUTS]
    )


def lock_checkout(token: UUID, *, requestor: Any) -> Checkout:
    """The checkout row, locked until the transaction ends (call inside one), with the rows
    `CheckoutInfo` needs joined; NOT_FOUND when there is none or it is not the requestor's."""
    found = checkouts_by_token([token], lock=True)
    if not found or not may_change(found[0], requestor):
        raise not_found(token)
    return found[0]


def readable_checkouts(tokens: list[UUID], *, requestor: Any) -> dict[UUID, Checkout]:
    """The checkouts among `tokens` the requestor may read, by token (one query)."""
    found = checkouts_by_token(tokens)
    return {checkout.token: checkout for checkout in found if may_read(checkout, requestor)}


def require_may_change(info: CheckoutInfo, requestor: Any) -> None:
    if not may_change(info.checkout, requestor):
        raise not_found(info.token)
