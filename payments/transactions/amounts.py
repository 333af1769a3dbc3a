"""How one event moves a transaction's amounts, and the statuses its owner derives from them.

The rules follow Saleor's meaning of each field: `charged` is what the customer has paid and not
had back, a refund request moves money from `charged` to `refund pending` until the gateway says
yes (to `refunded`) or no (back to `charged`); a charge of an authorization moves it from
`authorized`; a cancel releases an authorization. A result that no request announced (a refund
made in the gateway's portal, a charge from a redirect page) takes from the same places.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from .enums import TransactionEventType as E

ZERO = Decimal(0)


@dataclass
class Amounts:
    authorized: Decimal = ZERO
    authorize_pending: Decimal = ZERO
    charged: Decimal = ZERO
    charge_pending: Decimal = ZERO
    refunded: Decimal = ZERO
    refund_pending: Decimal = ZERO
    canceled: Decimal = ZERO
    cancel_pending: Decimal = ZERO

    @classmethod
    def of(cls, item: Any) -> Amounts:
        return cls(**{f.name: getattr(item, f"{f.name}_value") for f in fields(cls)})

    def store(self, item: Any) -> None:
        for f in fields(self):
            setattr(item, f"{f.name}_value", getattr(self, f.name))


def _take(available: Decimal, wanted: Decimal) -> Decimal:
    return min(max(available, ZERO), wanted)


def apply_event(
    amounts: Amounts, event_type: str, amount: Decimal, *, from_authorization: bool = False
) -> Amounts:
    """The amounts after `event_type` of `amount`; never negative. `from_authorization`: a
    failed charge was the capture of an authorization, which stays authorized."""
    a = Amounts(**vars(amounts))
    if event_type == E.AUTHORIZATION_REQUEST:
        a.authorize_pending += amount
    elif event_type == E.AUTHORIZATION_SUCCESS:
        a.authorize_pending -= _take(a.authorize_pending, amount)
        a.authorized += amount
    elif event_type == E.AUTHORIZATION_FAILURE:
        a.authorize_pending -= _take(a.authorize_pending, amount)
    elif event_type == E.AUTHORIZATION_ADJUSTMENT:
        a.authorized = amount
    elif event_type == E.CHARGE_REQUEST:
        a.authorized -= _take(a.authorized, amount)
        a.charge_pending += amount
    elif event_type == E.CHARGE_SUCCESS:
        from_pending = _take(a.charge_pending, amount)
        a.charge_pending -= from_pending
        a.authorized -= _take(a.authorized, amount - from_pending)
        a.charged += amount
    elif event_type == E.CHARGE_FAILURE:
        back = _take(a.charge_pending, amount)
        a.charge_pending -= back
        if from_authorization:
            a.authorized += back
    elif event_type == E.CHARGE_BACK:
        a.charged -= _take(a.charged, amount)
    elif event_type == E.REFUND_REQUEST:
        a.charged -= amount
        a.refund_pending += amount
    elif event_type == E.REFUND_SUCCESS:
        from_pending = _take(a.refund_pending, amount)
        a.refund_pending -= from_pending
        a.charged -= _take(a.charged, amount - from_pending)
        a.refunded += amount
    elif event_type == E.REFUND_FAILURE:
        back = _take(a.refund_pending, amount)
        a.refund_pending -= back
        a.charged += back
    elif event_type == E.REFUND_REVERSE:
        a.refunded -= _take(a.refunded, amount)
        a.charged += amount
    elif event_type == E.CANCEL_REQUEST:
        moved = _take(a.authorized, amount)
        a.authorized -= moved
        a.cancel_pending += moved
    elif event_type == E.CANCEL_SUCCESS:
        from_pending = _take(a.cancel_pending, amount)
        a.cancel_pending -= from_pending
        a.authorized -= _take(a.authorized, amount - from_pending)
        a.canceled += amount
    elif event_type == E.CANCEL_FAILURE:
        back = _take(a.cancel_pending, amount)
        a.cancel_pending -= back
        a.authorized += back
    if a.charged < 0:
        raise ValueError("A refund request cannot exceed what was charged.")
    return a
