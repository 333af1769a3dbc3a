"""orderConfirm, orderCancel, orderMarkAsPaid, orderNoteAdd: success, each error code, and who
is refused."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from backend.accounts.models import Role
from backend.discounts.models import VoucherCustomer
from backend.discounts.usage import claim_voucher_usage
from backend.inventory.models import Allocation, Stock
from backend.orders.models import ChargeStatus, Order, OrderEvents, OrderStatus
from payments.transactions.manual import CASH_GATEWAY
from payments.transactions.models import TransactionItem
from storefront_api.core.ids import to_global_id
from tests.conftest import ApiClient
from tests.factories import UserFactory
from tests.voucher_factories import make_voucher

from .conftest import place

pytestmark = pytest.mark.django_db

CONFIRM = """
mutation Confirm($id: ID!) {
  orderConfirm(id: $id) { order { status vendorOrders { status } } errors { field code } }
}
"""
CANCEL = """
mutation Cancel($id: ID!) {
  orderCancel(id: $id) { order { status } errors { field code } }
}
"""
MARK_PAID = """
mutation Paid($id: ID!, $ref: String) {
  orderMarkAsPaid(id: $id, transactionReference: $ref) {
    order { chargeStatus isPaid totalCharged { amount } totalBalance { amount } }
    errors { field code }
  }
}
"""
NOTE = """
mutation Note($order: ID!, $message: String!) {
  orderNoteAdd(order: $order, input: {message: $message}) {
    event { type message user { id } }
    errors { field code }
  }
}
"""


def gid(order) -> str:
    return to_global_id("Order", str(order.pk))


def denied(response) -> bool:
    return response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_order_confirm(shop, order_manager):
    channel, ours, _ = shop
    order = place(channel, [ours], confirm=False)
    staff = ApiClient(order_manager)
    # when staff confirm an unconfirmed order
    data = staff.execute(CONFIRM, {"id": gid(order)})["orderConfirm"]
    # then it and its part are unfulfilled, and the timeline says so
    assert data == {
        "order": {"status": "UNFULFILLED", "vendorOrders": [{"status": "UNFULFILLED"}]},
        "errors": [],
    }
    assert order.events.filter(type=OrderEvents.CONFIRMED, user=order_manager).count() == 1
    # and confirming it again is INVALID
    again = staff.execute(CONFIRM, {"id": gid(order)})["orderConfirm"]
    assert again["errors"] == [{"field": "id", "code": "INVALID"}]


def test_order_confirm_refuses_bad_ids_and_non_staff(
    shop, order_manager, customer_user, staff_user
):
    channel, ours, _ = shop
    order = place(channel, [ours], confirm=False, user=customer_user)
    unknown = to_global_id("Order", "00000000-0000-0000-0000-000000000000")
    staff = ApiClient(order_manager)
    assert staff.execute(CONFIRM, {"id": unknown})["orderConfirm"]["errors"] == [
        {"field": "id", "code": "NOT_FOUND"}
    ]
    assert staff.execute(CONFIRM, {"id": "nonsense"})["orderConfirm"]["errors"] == [
        {"field": "id", "code": "GRAPHQL_ERROR"}
    ]
    for client in (ApiClient(), ApiClient(customer_user), ApiClient(staff_user)):
        assert denied(client.execute_raw(CONFIRM, {"id": gid(order)}))
    assert Order.objects.get(pk=order.pk).status == OrderStatus.UNCONFIRMED


def test_order_cancel_releases_the_allocated_stock(shop, order_manager):
    # given an order holding 2 units
    channel, ours, _ = shop
    order = place(channel, [ours])
    stock = Stock.objects.get(product_variant=ours)
    assert stock.quantity_allocated == 2
    # when staff cancel it
    data = ApiClient(order_manager).execute(CANCEL, {"id": gid(order)})["orderCancel"]
    # then it is cancelled and the units are free again
    assert data == {"order": {"status": "CANCELED"}, "errors": []}
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (100, 0)
    assert not Allocation.objects.filter(order_line__order=order).exists()
    # and a cancelled order cannot be cancelled again
    again = ApiClient(order_manager).execute(CANCEL, {"id": gid(order)})["orderCancel"]
    assert again["errors"] == [{"field": "id", "code": "CANNOT_CANCEL_ORDER"}]


def test_order_cancel_is_for_manage_orders_staff(shop, customer_user, staff_user, entrepreneur):
    channel, ours, _ = shop
    order = place(channel, [ours], user=customer_user)
    for user in (None, customer_user, staff_user, entrepreneur):
        assert denied(ApiClient(user).execute_raw(CANCEL, {"id": gid(order)}))
    assert Order.objects.get(pk=order.pk).status == OrderStatus.UNFULFILLED


@pytest.fixture
def centre_entrepreneur(db):
    user = UserFactory(first_name="Centre")
    user.groups.add(Group.objects.get_or_create(name=Role.ENTREPRENEUR)[0])
    return user


def test_the_centres_entrepreneur_marks_a_cash_order_as_paid(
    shop, centre_entrepreneur, django_capture_on_commit_callbacks
):
    # given an unpaid order collected at a centre where the user is an entrepreneur
    from tests.factories import CentreFactory, WarehouseFactory

    channel, ours, _ = shop
    centre = CentreFactory()
    centre.entrepreneurs.add(centre_entrepreneur)
    order = place(channel, [ours], collection_point_id=WarehouseFactory(centre=centre).pk)
    # when they record the cash
    data = ApiClient(centre_entrepreneur).execute(
        MARK_PAID, {"id": gid(order), "ref": "CASH-0042"}
    )["orderMarkAsPaid"]
    # then the order is fully charged, with both events
    assert data == {
        "order": {
            "chargeStatus": "FULL",
            "isPaid": True,
            "totalCharged": {"amount": 290.0},
            "totalBalance": {"amount": 0.0},
        },
        "errors": [],
    }
    marked = order.events.get(type=OrderEvents.ORDER_MARKED_AS_PAID)
    assert marked.parameters == {"transaction_reference": "CASH-0042"}
    assert order.events.filter(type=OrderEvents.ORDER_FULLY_PAID).count() == 1
    # and the cash is a transaction of the order, charged with the receipt's reference, by them
    cash = TransactionItem.objects.get(order=order)
    assert (cash.name, cash.app_identifier, cash.psp_reference) == (
        "Cash",
        CASH_GATEWAY,
        "CASH-0042",
    )
    assert (cash.charged_value, cash.user_id) == (Decimal("290.00"), centre_entrepreneur.pk)
    assert list(cash.events.values_list("type", "amount_value", "psp_reference")) == [
        ("CHARGE_SUCCESS", Decimal("290.00"), "CASH-0042")
    ]
    # and paying twice is a PAYMENT_ERROR
    again = ApiClient(centre_entrepreneur).execute(MARK_PAID, {"id": gid(order)})
    assert again["orderMarkAsPaid"]["errors"] == [{"field": "id", "code": "PAYMENT_ERROR"}]


def test_the_delivering_post_office_marks_a_cash_on_delivery_order_as_paid(shop):
    # given an order posted to 1341 (Savar), and postal operators of that office and another
    from tests.factories import PostOfficeFactory

    channel, ours, _ = shop
    order = place(channel, [ours])
    delivering, elsewhere = UserFactory(), UserFactory()
    PostOfficeFactory(postcode="1341").operators.add(delivering)
    PostOfficeFactory(postcode="6770").operators.add(elsewhere)
    # when the other office's operator tries, they are refused and nothing is recorded
    assert denied(ApiClient(elsewhere).execute_raw(MARK_PAID, {"id": gid(order), "ref": "P-1"}))
    assert not TransactionItem.objects.filter(order=order).exists()
    # when the postman's office records the cash collected on delivery
    data = ApiClient(delivering).execute(MARK_PAID, {"id": gid(order), "ref": "COD-1341-7"})[
        "orderMarkAsPaid"
    ]
    # then the order is paid with the office's reference, by them
    assert data["errors"] == []
    assert (data["order"]["chargeStatus"], data["order"]["isPaid"]) == ("FULL", True)
    cash = TransactionItem.objects.get(order=order)
    assert (cash.psp_reference, cash.user_id) == ("COD-1341-7", delivering.pk)


MARK_PAID_WITH_TRANSACTIONS = """
mutation Paid($id: ID!, $ref: String) {
  orderMarkAsPaid(id: $id, transactionReference: $ref) {
    order {
      chargeStatus totalBalance { amount }
      transactions {
        name pspReference actions chargedAmount { amount }
        events { type amount { amount } pspReference }
      }
    }
    errors { field code }
  }
}
"""


def test_staff_mark_as_paid_records_a_cash_transaction(shop, order_manager):
    channel, ours, _ = shop
    order = place(channel, [ours])
    data = ApiClient(order_manager).execute(MARK_PAID_WITH_TRANSACTIONS, {"id": gid(order)})[
        "orderMarkAsPaid"
    ]
    assert data["errors"] == []
    assert data["order"]["chargeStatus"] == "FULL"
    # without a receipt's reference, the charge is recorded under the transaction's own token
    token = TransactionItem.objects.get(order=order).token
    assert data["order"]["transactions"] == [
        {
            "name": "Cash",
            "pspReference": "",
            "actions": ["REFUND"],
            "chargedAmount": {"amount": 290.0},
            "events": [
                {
                    "type": "CHARGE_SUCCESS",
                    "amount": {"amount": 290.0},
                    "pspReference": f"cash-{token}",
                }
            ],
        }
    ]


def test_mark_as_paid_refusals(shop, order_manager, customer_user, staff_user, entrepreneur):
    channel, ours, _ = shop
    order = place(channel, [ours], user=customer_user)
    # a vendor (not of the order's centre), a customer, anonymous, staff without the permission
    for user in (None, customer_user, staff_user, entrepreneur):
        assert denied(ApiClient(user).execute_raw(MARK_PAID, {"id": gid(order)}))
    assert Order.objects.get(pk=order.pk).charge_status == ChargeStatus.NONE
    assert not TransactionItem.objects.filter(order=order).exists()
    # a receipt's reference longer than a gateway reference is INVALID
    staff = ApiClient(order_manager)
    long_reference = staff.execute(MARK_PAID, {"id": gid(order), "ref": "R" * 513})
    assert long_reference["orderMarkAsPaid"]["errors"] == [
        {"field": "transactionReference", "code": "INVALID"}
    ]
    assert not TransactionItem.objects.filter(order=order).exists()
    # a cancelled order cannot be paid
    staff.execute(CANCEL, {"id": gid(order)})
    errors = staff.execute(MARK_PAID, {"id": gid(order)})["orderMarkAsPaid"]["errors"]
    assert errors == [{"field": "id", "code": "INVALID"}]


def test_order_note_add(shop, order_manager, entrepreneur, other_entrepreneur, customer_user):
    channel, ours, _ = shop
    order = place(channel, [ours], user=customer_user)
    # staff and the order's vendor add notes
    for user in (order_manager, entrepreneur):
        data = ApiClient(user).execute(NOTE, {"order": gid(order), "message": " Packed "})
        assert data["orderNoteAdd"]["event"]["message"] == "Packed"
        assert data["orderNoteAdd"]["event"]["type"] == "NOTE_ADDED"
    # an empty note is REQUIRED
    empty = ApiClient(order_manager).execute(NOTE, {"order": gid(order), "message": "  "})
    assert empty["orderNoteAdd"]["errors"] == [{"field": "message", "code": "REQUIRED"}]
    # another vendor, the customer and anonymous are refused
    for user in (other_entrepreneur, customer_user, None):
        assert denied(ApiClient(user).execute_raw(NOTE, {"order": gid(order), "message": "x"}))
    assert order.events.filter(type=OrderEvents.NOTE_ADDED).count() == 2


def test_order_cancel_gives_the_voucher_use_back(shop, order_manager):
    # given an order placed from a checkout with a once-per-customer code, its use counted
    channel, ours, _ = shop
    code = make_voucher("EID10", channel=channel, apply_once_per_customer=True, usage_limit=1)
    order = place(
        channel,
        [ours],
        voucher_code="eid10",
        user_email="karim@example.com",
        checkout_token=uuid.uuid4(),
    )
    claim_voucher_usage(voucher_code_id=code.pk, customer_key="karim@example.com")
    # when staff cancel the order
    data = ApiClient(order_manager).execute(CANCEL, {"id": gid(order)})["orderCancel"]
    # then the code may be used again, by the same customer too
    assert data["errors"] == []
    code.refresh_from_db()
    assert code.used == 0
    assert not VoucherCustomer.objects.filter(voucher_code=code).exists()
