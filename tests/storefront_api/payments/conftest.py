"""What the payments API tests share: the dummy gateway on, checkouts ready to pay, orders
paid through it, the people and apps who call, and the mutations as a storefront or an app
sends them."""

from __future__ import annotations

from typing import Any

import pytest
from graphql_relay import to_global_id

from backend.apps import services as app_services
from backend.checkout.models import Checkout
from backend.core.permissions import PermissionEnum
from backend.orders.models import Order
from storefront_api.core.ids import parse_global_id
from tests.conftest import ApiClient, grant
from tests.factories import UserFactory
from tests.payments import conftest as payment_fixtures
from tests.payments.conftest import DUMMY, make_payable_checkout

# The payment fixtures (the dummy gateway, a paid-only channel, a checkout ready to pay).
enable_gateway = payment_fixtures.enable_gateway
dummy_gateway = payment_fixtures.dummy_gateway
paid_only_channel = payment_fixtures.paid_only_channel
service_variant = payment_fixtures.service_variant
payable_checkout = payment_fixtures.payable_checkout

TRANSACTION_FIELDS = """
    id token name message pspReference actions externalUrl
    authorizedAmount { amount currency } authorizePendingAmount { amount }
    chargedAmount { amount currency } chargePendingAmount { amount }
    refundedAmount { amount } refundPendingAmount { amount }
    canceledAmount { amount } cancelPendingAmount { amount }
    events { id type amount { amount currency } pspReference message }
"""

INITIALIZE = f"""
mutation Initialize(
  $id: ID!, $gateway: PaymentGatewayToInitialize!, $amount: PositiveDecimal,
  $key: String, $action: TransactionFlowStrategyEnum, $ip: String
) {{
  transactionInitialize(
    id: $id, paymentGateway: $gateway, amount: $amount, idempotencyKey: $key, action: $action,
    customerIpAddress: $ip
  ) {{
    transaction {{ {TRANSACTION_FIELDS} }}
    transactionEvent {{ id type amount {{ amount }} }}
    data
    errors {{ field code message }}
  }}
}}
"""
PROCESS = f"""
mutation Process($id: ID, $token: UUID, $data: JSON) {{
  transactionProcess(id: $id, token: $token, data: $data) {{
    transaction {{ {TRANSACTION_FIELDS} }}
    transactionEvent {{ id type amount {{ amount }} }}
    data
    errors {{ field code message }}
  }}
}}
"""
COMPLETE = """
mutation Complete($id: ID) {
  checkoutComplete(id: $id) { order { id chargeStatus } errors { field code message } }
}
"""
REQUEST_ACTION = f"""
mutation Action($id: ID, $token: UUID, $action: TransactionActionEnum!, $amount: PositiveDecimal) {{
  transactionRequestAction(id: $id, token: $token, actionType: $action, amount: $amount) {{
    transaction {{ {TRANSACTION_FIELDS} }}
    errors {{ field code message }}
  }}
}}
"""


class AppApiClient(ApiClient):
    """Posts GraphQL as an app, with its token."""

    def __init__(self, token: str):
        super().__init__(None)
        self.token = token

    def _headers(self) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"}


def checkout_gid(checkout: Checkout) -> str:
    return to_global_id("Checkout", str(checkout.token))


def order_gid(order: Order | str) -> str:
    return order if isinstance(order, str) else to_global_id("Order", str(order.pk))


def dummy(event_type: str = "CHARGE_SUCCESS") -> dict[str, Any]:
    """The dummy gateway, told which outcome to give."""
    return {"id": DUMMY, "data": {"event": {"type": event_type}}}


def initialize(client: ApiClient, source_id: str, event_type="CHARGE_SUCCESS", **variables):
    """transactionInitialize through the dummy gateway; the payload."""
    return client.execute(INITIALIZE, {"id": source_id, "gateway": dummy(event_type), **variables})[
        "transactionInitialize"
    ]


def denied(response: dict) -> bool:
    return response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def make_app(name: str, *permissions: PermissionEnum, identifier: str = "") -> AppApiClient:
    made = app_services.create_app(
        name=name, identifier=identifier or None, permissions=[p.value for p in permissions]
    )
    client = AppApiClient(made.auth_token)
    client.app = made.app  # type: ignore[attr-defined]
    return client


def staff_with(*permissions: PermissionEnum, email: str) -> ApiClient:
    user = UserFactory(is_staff=True, email=email, phone=None)
    grant(user, *permissions)
    return ApiClient(user)


@pytest.fixture
def payments_staff(db) -> ApiClient:
    """Staff with HANDLE_PAYMENTS (and nothing else)."""
    return staff_with(PermissionEnum.HANDLE_PAYMENTS, email="payments@haat.test")


@pytest.fixture
def orders_staff(db) -> ApiClient:
    """Staff with MANAGE_ORDERS (and nothing else)."""
    return staff_with(PermissionEnum.MANAGE_ORDERS, email="orders@haat.test")


@pytest.fixture
def payment_app(db) -> AppApiClient:
    """A payment app with HANDLE_PAYMENTS and its own identifier."""
    return make_app("bKash app", PermissionEnum.HANDLE_PAYMENTS, identifier="app.bkash")


@pytest.fixture
def other_payment_app(db) -> AppApiClient:
    return make_app("Nagad app", PermissionEnum.HANDLE_PAYMENTS, identifier="app.nagad")


@pytest.fixture
def plain_app(db) -> AppApiClient:
    """An app without HANDLE_PAYMENTS."""
    return make_app("Catalogue app", PermissionEnum.MANAGE_PRODUCTS, identifier="app.catalogue")


@pytest.fixture
def customer(customer_user) -> ApiClient:
    return ApiClient(customer_user)


@pytest.fixture
def other_customer(db) -> ApiClient:
    return ApiClient(UserFactory(first_name="Rahim"))


@pytest.fixture
def customer_checkout(customer, paid_only_channel, service_variant) -> Checkout:
    """A checkout of 230.00 attached to the customer (nobody else may pay it)."""
    checkout = make_payable_checkout(customer, service_variant)
    assert checkout.user_id == customer.user.pk
    return checkout


def pay_and_complete(client: ApiClient, checkout: Checkout, event_type="CHARGE_SUCCESS") -> str:
    """The checkout paid through the dummy gateway and completed: the order's global id."""
    paid = initialize(client, checkout_gid(checkout), event_type)
    assert paid["errors"] == [], paid["errors"]
    completed = client.execute(COMPLETE, {"id": checkout_gid(checkout)})["checkoutComplete"]
    assert completed["errors"] == [], completed["errors"]
    return completed["order"]["id"]


@pytest.fixture
def paid_order(customer, customer_checkout, dummy_gateway) -> Order:
    """The customer's order of 230.00, charged in full through the dummy gateway."""
    return order_of(pay_and_complete(customer, customer_checkout))


def order_of(global_id: str) -> Order:
    parsed = parse_global_id(global_id)
    assert parsed is not None and parsed[0] == "Order"
    return Order.objects.get(pk=parsed[1])
