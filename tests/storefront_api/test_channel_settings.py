"""A channel's checkout, order and stock settings: Saleor's shapes and Saleor's guards."""

import pytest

from backend.core.permissions import PermissionEnum
from tests.conftest import grant

pytestmark = pytest.mark.django_db

ORDER_SETTINGS = """
query ($slug: String) {
  channel(slug: $slug) {
    orderSettings {
      allowUnpaidOrders automaticallyConfirmAllNewOrders expireOrdersAfter markAsPaidStrategy
      deleteExpiredOrdersAfter includeDraftOrderInVoucherUsage
      automaticallyFulfillNonShippableGiftCard draftOrderLinePriceFreezePeriod
      useLegacyLineDiscountPropagation
    }
  }
}
"""
CHECKOUT_SETTINGS = """
query ($slug: String) {
  channel(slug: $slug) {
    checkoutSettings {
      automaticallyCompleteFullyPaidCheckouts useLegacyErrorFlow reserveStockDurationMinutes
    }
  }
}
"""
STOCK_SETTINGS = """
query ($slug: String) { channel(slug: $slug) { stockSettings { allocationStrategy } } }
"""


def _denied(response: dict) -> bool:
    return any(
        error["extensions"]["exception"]["code"] == "PermissionDenied"
        for error in response.get("errors", [])
    )


def test_order_settings_default_to_unpaid_orders_allowed(api_client, channel, staff_user):
    # given staff who manage orders
    grant(staff_user, PermissionEnum.MANAGE_ORDERS)
    # when they read the channel's order settings
    data = api_client.as_user(staff_user).execute(ORDER_SETTINGS, {"slug": channel.slug})
    # then cash on delivery may place unpaid orders, confirmed at once
    assert data["channel"]["orderSettings"] == {
        "allowUnpaidOrders": True,
        "automaticallyConfirmAllNewOrders": True,
        "expireOrdersAfter": None,
        "markAsPaidStrategy": "TRANSACTION_FLOW",
        "deleteExpiredOrdersAfter": 60,
        "includeDraftOrderInVoucherUsage": False,
        "automaticallyFulfillNonShippableGiftCard": False,
        "draftOrderLinePriceFreezePeriod": None,
        "useLegacyLineDiscountPropagation": False,
    }


def test_checkout_settings_show_the_reservation_time(api_client, channel, staff_user):
    # given a channel reserving stock for 15 minutes, and staff who manage checkouts
    channel.reserve_stock_duration_minutes = 15
    channel.save()
    grant(staff_user, PermissionEnum.MANAGE_CHECKOUTS)
    # when they read its checkout settings
    data = api_client.as_user(staff_user).execute(CHECKOUT_SETTINGS, {"slug": channel.slug})
    # then
    assert data["channel"]["checkoutSettings"] == {
        "automaticallyCompleteFullyPaidCheckouts": False,
        "useLegacyErrorFlow": False,
        "reserveStockDurationMinutes": 15,
    }


def test_stock_settings_for_staff(api_client, channel, staff_user):
    data = api_client.as_user(staff_user).execute(STOCK_SETTINGS, {"slug": channel.slug})
    assert data["channel"]["stockSettings"] == {"allocationStrategy": "PRIORITIZE_SORTING_ORDER"}


@pytest.mark.parametrize("query", [ORDER_SETTINGS, CHECKOUT_SETTINGS, STOCK_SETTINGS])
def test_settings_are_refused_to_customers_and_anonymous(api_client, channel, customer_user, query):
    # given a customer and an anonymous visitor
    for client in (api_client, api_client.as_user(customer_user)):
        # when they ask for a channel's settings
        response = client.execute_raw(query, {"slug": channel.slug})
        # then they are refused, as in Saleor
        assert _denied(response), response


@pytest.mark.parametrize(
    ("query", "permission"),
    [
        (ORDER_SETTINGS, PermissionEnum.MANAGE_PRODUCTS),
        (CHECKOUT_SETTINGS, PermissionEnum.MANAGE_ORDERS),
    ],
)
def test_settings_need_their_permission(api_client, channel, staff_user, query, permission):
    # given staff with an unrelated permission
    grant(staff_user, permission)
    # when they ask
    response = api_client.as_user(staff_user).execute_raw(query, {"slug": channel.slug})
    # then they are refused
    assert _denied(response), response


def test_channel_managers_read_every_setting(api_client, channel, staff_user):
    grant(staff_user, PermissionEnum.MANAGE_CHANNELS)
    client = api_client.as_user(staff_user)
    for query in (ORDER_SETTINGS, CHECKOUT_SETTINGS, STOCK_SETTINGS):
        assert "errors" not in client.execute_raw(query, {"slug": channel.slug})
