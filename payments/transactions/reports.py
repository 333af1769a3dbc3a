"""`transactionEventReport`: an app says what its gateway did to one of its transactions.

The report goes through `record_event` like a gateway's own answer, so a report repeated is
recorded once (`already_processed`) and a report that contradicts an earlier one is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError
from django.db import transaction as db_transaction

from backend.core.errors import field_error
from plugins.framework.manager import PluginsManager

from .enums import TransactionEventType as E
from .error_codes import TransactionErrorCode
from .events import RecordedEvent, record_event
from .manual import check_metadata_keys, check_texts, merge_metadata
from .models import TransactionEvent, TransactionItem
from .owners import lock_transaction_with_owner

# A report of these names the gateway's payment: its reference becomes the transaction's.
NAMING_TYPES = (
    E.AUTHORIZATION_REQUEST,
    E.AUTHORIZATION_SUCCESS,
    E.CHARGE_REQUEST,
    E.CHARGE_SUCCESS,
)


def _check_authorization_once(item: TransactionItem, event_type: str, psp_reference: str) -> None:
    """A payment is authorized once; a new amount is an AUTHORIZATION_ADJUSTMENT."""
    if event_type != E.AUTHORIZATION_SUCCESS:
        return
    if (
        item.events.filter(type=E.AUTHORIZATION_SUCCESS)
        .exclude(psp_reference=psp_reference)
        .exists()
    ):
        raise field_error(
            "type",
            "AUTHORIZATION_SUCCESS was already reported for the transaction: report an "
            "AUTHORIZATION_ADJUSTMENT to change the authorized amount.",
            TransactionErrorCode.ALREADY_EXISTS,
        )


def _adopt_reference(item: TransactionItem, event_type: str, psp_reference: str) -> None:
    if event_type not in NAMING_TYPES or item.psp_reference or not psp_reference:
        return
    try:
        with db_transaction.atomic():
            TransactionItem.objects.filter(pk=item.pk).update(psp_reference=psp_reference)
    except IntegrityError:
        raise field_error(
            "psp_reference",
            "Another transaction already has this reference.",
            TransactionErrorCode.INCORRECT_DETAILS,
        ) from None
    item.psp_reference = psp_reference


def report_event(
    *,
    transaction_id: int,
    event_type: str,
    amount: Decimal | None,
    psp_reference: str,
    message: str = "",
    external_url: str = "",
    available_actions: list[str] | None = None,
    metadata: dict[str, str] | None = None,
    private_metadata: dict[str, str] | None = None,
    requestor: Any,
    manager: PluginsManager,
    may_report: Callable[[TransactionItem], None] | None = None,
    occurred_at: datetime | None = None,
) -> RecordedEvent:
    """`transactionEventReport`: an app says what its gateway did. Reported twice, it is
    recorded once (`already_processed`); the same reference with another amount is refused, and
    so is a second authorization. The first payment reference reported becomes the
    transaction's; metadata keys are merged. `may_report(item)` is asked with the locked
    transaction first (the API's rule: an app reports on its own transactions)."""
    check_metadata_keys(metadata, private_metadata)
    check_texts(psp_reference=psp_reference, external_url=external_url)
    with db_transaction.atomic():
        item, owner = lock_transaction_with_owner(transaction_id)
        if may_report is not None:
            may_report(item)
        if amount is None:
            earlier = (
                item.events.filter(psp_reference=psp_reference).order_by("-pk").first()
                if psp_reference
                else None
            )
            if earlier is None:
                raise field_error(
                    "amount",
                    "The amount is required: no earlier event with this reference gives it.",
                    TransactionErrorCode.REQUIRED,
                )
            amount = earlier.amount_value
        if amount.as_tuple().exponent < -2:  # type: ignore[operator]
            raise field_error(
                "amount",
                "Amounts have at most two decimal places.",
                TransactionErrorCode.INVALID,
            )
        _check_authorization_once(item, event_type, psp_reference)
        _adopt_reference(item, event_type, psp_reference)
        if merge_metadata(item, metadata, private_metadata):
            TransactionItem.objects.filter(pk=item.pk).update(
                metadata=item.metadata, private_metadata=item.private_metadata
            )
        recorded = record_event(
            item,
            owner,
            event_type=event_type,
            amount=amount,
            psp_reference=psp_reference,
            message=message,
            external_url=external_url,
            requestor=requestor,
            available_actions=available_actions,
            manager=manager,
        )
        if occurred_at is not None and not recorded.already_processed:
            # Saleor's `time`: when the gateway did it, not when Haat heard of it.
            TransactionEvent.objects.filter(pk=recorded.event.pk).update(created_at=occurred_at)
            recorded.event.created_at = occurred_at
        return recorded
