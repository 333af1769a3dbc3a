"""A refund whose gateway answer never came is asked about later, and settled once."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from payments.transactions.events import record_event
from payments.transactions.models import TransactionEvent, TransactionItem
from payments.transactions.owners import lock_transaction_with_owner
from payments.transactions.pending import settle_pending_transactions
from payments.transactions.sessions import initialize_transaction
from plugins.framework.manager import get_plugins_manager
from tests.payments.conftest import DUMMY, source_of

pytestmark = pytest.mark.django_db


def test_a_pending_refund_is_settled_by_a_status_query_once(payable_checkout, dummy_gateway):
    # given a charged transaction with a refund request the gateway never answered
    manager = get_plugins_manager()
    item = initialize_transaction(
        source=source_of(payable_checkout),
        gateway_id=DUMMY,
        action=None,
        amount=None,
        data=None,
        idempotency_key=None,
        customer_ip_address=None,
        requestor=None,
        manager=manager,
    ).transaction
    with transaction.atomic():
        locked, owner = lock_transaction_with_owner(item.pk)
        record_event(locked, owner, event_type="REFUND_REQUEST", amount=Decimal("30.00"))
    later = timezone.now() + timedelta(minutes=5)

    # when the periodic task runs twice
    first = settle_pending_transactions(now=later)
    second = settle_pending_transactions(now=later)

    # then the refund is recorded once and nothing is pending
    assert (first, second) == (1, 0)
    item = TransactionItem.objects.get()
    assert (item.charged_value, item.refund_pending_value, item.refunded_value) == (
        Decimal("200.00"),
        Decimal("0"),
        Decimal("30.00"),
    )
    assert TransactionEvent.objects.filter(type="REFUND_SUCCESS").count() == 1


def test_a_transaction_changed_just_now_is_left_alone(payable_checkout, dummy_gateway):
    manager = get_plugins_manager()
    item = initialize_transaction(
        source=source_of(payable_checkout),
        gateway_id=DUMMY,
        action=None,
        amount=None,
        data=None,
        idempotency_key=None,
        customer_ip_address=None,
        requestor=None,
        manager=manager,
    ).transaction
    with transaction.atomic():
        locked, owner = lock_transaction_with_owner(item.pk)
        record_event(locked, owner, event_type="REFUND_REQUEST", amount=Decimal("30.00"))
    assert settle_pending_transactions() == 0
    assert TransactionItem.objects.get().refund_pending_value == Decimal("30.00")


def test_a_session_waiting_for_the_customer_is_asked_about_until_it_settles(
    payable_checkout, dummy_gateway
):
    # given a session left on the payment page (its notification never came)
    manager = get_plugins_manager()
    item = initialize_transaction(
        source=source_of(payable_checkout),
        gateway_id=DUMMY,
        action=None,
        amount=None,
        data={"event": {"type": "CHARGE_ACTION_REQUIRED"}},
        idempotency_key=None,
        customer_ip_address=None,
        requestor=None,
        manager=manager,
    ).transaction
    assert item.status_check_until is not None

    # when the periodic task asks the gateway, which has nothing settled to report
    settle_pending_transactions(now=timezone.now() + timedelta(minutes=5))

    # then nothing is recorded, and the watch ends two days on
    item.refresh_from_db()
    assert item.charged_value == 0
    assert settle_pending_transactions(now=timezone.now() + timedelta(days=3)) == 0
