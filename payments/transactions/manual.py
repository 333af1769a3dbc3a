"""Transactions recorded by hand or by an app: cash received, `transactionCreate` and
`transactionUpdate` (apps and staff with HANDLE_PAYMENTS); `reports.py` has
`transactionEventReport`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError
from django.db import transaction as db_transaction

from backend.core.errors import field_error
from backend.core.models import field_max_length
from backend.orders.error_codes import OrderErrorCode
from backend.orders.events import actor_ids, order_event, record_events
from backend.orders.models import ChargeStatus, Order, OrderEvents, OrderStatus
from plugins.framework.manager import PluginsManager

from .enums import TransactionAction
from .enums import TransactionEventType as E
from .error_codes import TransactionErrorCode
from .events import actor, record_event
from .models import TransactionItem
from .owners import Owner, lock_owner, lock_transaction_with_owner
from .sources import PaymentSource

ZERO = Decimal(0)
CASH_GATEWAY = "haat.payments.cash"
NOT_PAYABLE = (OrderStatus.DRAFT, OrderStatus.CANCELED, OrderStatus.EXPIRED)


@dataclass(frozen=True)
class AmountsInput:
    """Absolute amounts an app reports for its transaction (None: unchanged)."""

    authorized: Decimal | None = None
    charged: Decimal | None = None
    refunded: Decimal | None = None
    canceled: Decimal | None = None


def _check_currency(currency: str | None, expected: str) -> None:
    if currency is not None and currency != expected:
        raise field_error(
            "currency",
            f"The amounts must be in {expected}, the currency of the checkout or order.",
            TransactionErrorCode.INCORRECT_CURRENCY,
        )


def _apply_amounts(
    item: TransactionItem,
    owner: Owner,
    amounts: AmountsInput,
    *,
    psp_reference: str,
    requestor: Any,
    manager: PluginsManager | None,
) -> None:
    """Move the transaction to the reported amounts with the events Saleor records for it."""
    steps: list[tuple[str, Decimal]] = []
    if amounts.authorized is not None and amounts.authorized != item.authorized_value:
        steps.append((E.AUTHORIZATION_ADJUSTMENT, amounts.authorized))
    if amounts.charged is not None:
        delta = amounts.charged - item.charged_value
        if delta > 0:
            steps.append((E.CHARGE_SUCCESS, delta))
        elif delta < 0:
            steps.append((E.CHARGE_BACK, -delta))
    if amounts.refunded is not None:
        delta = amounts.refunded - item.refunded_value
        if delta > 0:
            steps.append((E.REFUND_SUCCESS, delta))
        elif delta < 0:
            steps.append((E.REFUND_REVERSE, -delta))
    if amounts.canceled is not None:
        delta = amounts.canceled - item.canceled_value
        if delta < 0:
            raise field_error(
                "amount_canceled",
                "A canceled amount cannot go down.",
                TransactionErrorCode.INVALID,
            )
        if delta > 0:
            steps.append((E.CANCEL_SUCCESS, delta))
    for event_type, amount in steps:
        record_event(
            item,
            owner,
            event_type=event_type,
            amount=amount,
            # Hand-reported changes are each their own fact: no reference to deduplicate on.
            psp_reference="",
            requestor=requestor,
            manager=manager,
        )
    if psp_reference:
        item.psp_reference = psp_reference


_URL = URLValidator(schemes=["http", "https"])


def check_texts(**texts: str | None) -> None:
    """Names, references and URLs fit their columns (a longer one is INVALID, never a database
    error) and URLs are web addresses."""
    for field, text in texts.items():
        if text is None:
            continue
        column = "psp_reference" if field == "event_psp_reference" else field
        limit = field_max_length(TransactionItem, column)
        if len(text) > limit:
            raise field_error(
                field, f"At most {limit} characters are allowed.", TransactionErrorCode.INVALID
            )
        if column == "external_url" and text:
            try:
                _URL(text)
            except ValidationError:
                raise field_error(
                    field, "Enter a valid http(s) URL.", TransactionErrorCode.INVALID
                ) from None


def check_metadata_keys(
    metadata: dict[str, str] | None, private_metadata: dict[str, str] | None
) -> None:
    for field, items in (("metadata", metadata), ("private_metadata", private_metadata)):
        if any(not key.strip() for key in items or {}):
            raise field_error(
                field, "Metadata key cannot be empty.", TransactionErrorCode.METADATA_KEY_REQUIRED
            )


def merge_metadata(
    item: TransactionItem,
    metadata: dict[str, str] | None,
    private_metadata: dict[str, str] | None,
) -> bool:
    """Set the given keys in the (locked) item's metadata, keeping the others; whether any
    were given. A blank key is METADATA_KEY_REQUIRED."""
    check_metadata_keys(metadata, private_metadata)
    if metadata:
        item.metadata = {**item.metadata, **metadata}
    if private_metadata:
        item.private_metadata = {**item.private_metadata, **private_metadata}
    return bool(metadata or private_metadata)


def _validate_amounts(amounts: AmountsInput) -> None:
    for name, value in vars(amounts).items():
        if value is not None and (value < 0 or value.as_tuple().exponent < -2):
            raise field_error(
                f"amount_{name}",
                "Amounts are positive, with at most two decimal places.",
                TransactionErrorCode.INVALID,
            )


def _record_info(
    item: TransactionItem,
    owner: Owner,
    message: str | None,
    psp_reference: str | None,
    *,
    requestor: Any,
    manager: PluginsManager,
) -> None:
    """The INFO event an app's `transactionEvent` input asks for, when it asks for one."""
    if message is None and psp_reference is None:
        return
    record_event(
        item,
        owner,
        event_type=E.INFO,
        amount=ZERO,
        psp_reference=psp_reference or "",
        message=message or "",
        requestor=requestor,
        manager=manager,
    )


def _reference_taken():
    return field_error(
        "psp_reference",
        "Another transaction already has this reference.",
        TransactionErrorCode.UNIQUE,
    )


def create_transaction(
    *,
    source: PaymentSource,
    name: str = "",
    message: str = "",
    psp_reference: str = "",
    available_actions: list[str] | None = None,
    amounts: AmountsInput,
    currency: str | None = None,
    external_url: str = "",
    metadata: dict[str, str] | None = None,
    private_metadata: dict[str, str] | None = None,
    event_message: str | None = None,
    event_psp_reference: str | None = None,
    app_identifier: str = "",
    requestor: Any,
    manager: PluginsManager,
) -> TransactionItem:
    """An app's (or a cashier's) transaction with the amounts it already holds."""
    check_texts(
        name=name,
        psp_reference=psp_reference,
        external_url=external_url,
        event_psp_reference=event_psp_reference,
    )
    _check_currency(currency, source.currency)
    _validate_amounts(amounts)
    check_metadata_keys(metadata, private_metadata)
    try:
        with db_transaction.atomic():
            owner = lock_owner(**source.owner_filter)
            item = TransactionItem.objects.create(
                name=name,
                message=message[:512],
                psp_reference=psp_reference,
                available_actions=list(available_actions or []),
                currency=source.currency,
                external_url=external_url,
                checkout=source.checkout,
                order=source.order,
                app_identifier=app_identifier,
                metadata=metadata or {},
                private_metadata=private_metadata or {},
                **actor(requestor),
            )
            _apply_amounts(
                item, owner, amounts, psp_reference="", requestor=requestor, manager=manager
            )
            _record_info(
                item,
                owner,
                event_message,
                event_psp_reference,
                requestor=requestor,
                manager=manager,
            )
            item.save()
    except IntegrityError:
        raise _reference_taken() from None
    return item


def update_transaction(
    *,
    transaction_id: int,
    may_update: Callable[[TransactionItem], None] | None = None,
    name: str | None = None,
    message: str | None = None,
    psp_reference: str | None = None,
    available_actions: list[str] | None = None,
    amounts: AmountsInput,
    currency: str | None = None,
    external_url: str | None = None,
    metadata: dict[str, str] | None = None,
    private_metadata: dict[str, str] | None = None,
    event_message: str | None = None,
    event_psp_reference: str | None = None,
    requestor: Any,
    manager: PluginsManager,
) -> TransactionItem:
    """Change what an app (or staff) says of its transaction: the amounts move with the events
    Saleor records for them; metadata keys are merged into the stored ones. `may_update(item)`
    is asked with the locked transaction first (the API's rule: apps change their own)."""
    check_texts(
        name=name,
        psp_reference=psp_reference,
        external_url=external_url,
        event_psp_reference=event_psp_reference,
    )
    _validate_amounts(amounts)
    try:
        with db_transaction.atomic():
            item, owner = lock_transaction_with_owner(transaction_id)
            if may_update is not None:
                may_update(item)
            _check_currency(currency, item.currency)
            if name is not None:
                item.name = name
            if message is not None:
                item.message = message[:512]
            if available_actions is not None:
                item.available_actions = list(available_actions)
            if external_url is not None:
                item.external_url = external_url
            merge_metadata(item, metadata, private_metadata)
            _apply_amounts(
                item,
                owner,
                amounts,
                psp_reference=psp_reference or "",
                requestor=requestor,
                manager=manager,
            )
            _record_info(
                item,
                owner,
                event_message,
                event_psp_reference,
                requestor=requestor,
                manager=manager,
            )
            item.save()
    except IntegrityError:
        raise _reference_taken() from None
    return item


def _open_cash_transaction(order: Order) -> TransactionItem | None:
    """The cash transaction the customer opened by choosing cash at checkout, still unpaid:
    the cash received settles it rather than opening a second one."""
    return (
        TransactionItem.objects.select_for_update(of=("self",))
        .filter(
            order=order,
            app_identifier=CASH_GATEWAY,
            charged_value=0,
            refunded_value=0,
            psp_reference="",
        )
        .order_by("pk")
        .first()
    )


def mark_order_as_paid(
    *,
    order_id: Any,
    transaction_reference: str = "",
    requestor: Any,
    manager: PluginsManager,
    may_collect: Any = None,
) -> Order:
    """Cash received for an unpaid order (cash on delivery, at the centre): a cash transaction
    charged with what is still owed, with the receipt's reference (a receipt pays one order).
    Records ORDER_MARKED_AS_PAID; the order becoming paid records ORDER_FULLY_PAID, runs
    `order_fully_paid` and thanks the customer. `may_collect(order)` is asked with the locked
    order first (the API's rule: staff, or an entrepreneur of the order's centre)."""
    if len(transaction_reference) > field_max_length(TransactionItem, "psp_reference"):
        raise field_error(
            "transaction_reference",
            "The receipt's reference is too long.",
            OrderErrorCode.INVALID,
        )
    try:
        with db_transaction.atomic():
            try:
                owner = lock_owner(order_id=order_id)
            except Order.DoesNotExist:
                raise field_error(
                    "id",
                    f"Couldn't resolve to an order: {order_id}",
                    OrderErrorCode.NOT_FOUND,
                ) from None
            order = owner.order
            assert order is not None
            if may_collect is not None:
                may_collect(order)
            if order.status in NOT_PAYABLE:
                raise field_error(
                    "id",
                    f"A {order.get_status_display().lower()} order cannot be paid.",
                    OrderErrorCode.INVALID,
                )
            if order.charge_status in (ChargeStatus.FULL, ChargeStatus.OVERCHARGED):
                raise field_error(
                    "id",
                    "The order is already paid.",
                    OrderErrorCode.PAYMENT_ERROR,
                )
            owed = order.total_gross_amount - order.total_charged_amount
            item = _open_cash_transaction(order)
            if item is None:
                item = TransactionItem.objects.create(
                    name="Cash",
                    psp_reference=transaction_reference,
                    available_actions=[TransactionAction.REFUND],
                    currency=order.currency,
                    order=order,
                    app_identifier=CASH_GATEWAY,
                    **actor(requestor),
                )
            else:
                item.psp_reference = transaction_reference
                item.available_actions = [TransactionAction.REFUND]
                with db_transaction.atomic():
                    item.save(update_fields=["psp_reference", "available_actions", "modified_at"])
            record_events(
                [
                    order_event(
                        order,
                        OrderEvents.ORDER_MARKED_AS_PAID,
                        **actor_ids(requestor),
                        transaction_reference=transaction_reference or None,
                    )
                ]
            )
            record_event(
                item,
                owner,
                event_type=E.CHARGE_SUCCESS,
                amount=owed,
                psp_reference=transaction_reference or f"cash-{item.token}",
                message="Cash received",
                requestor=requestor,
                manager=manager,
            )
    except IntegrityError:
        raise field_error(
            "transaction_reference",
            "This receipt reference already paid another order.",
            OrderErrorCode.UNIQUE,
        ) from None
    return order
