"""The form Haat posts to `api.php` to open a payment page for one transaction.

SSLCommerz requires the customer's name, e-mail, phone, address, city and country. Many rural
customers have no e-mail and some checkouts no street address: sensible stand-ins are sent
(the configured fallback e-mail, the city or "N/A") rather than refusing to take their money.
"""

from __future__ import annotations

from typing import Any

from payments.transactions.models import TransactionItem
from payments.transactions.selectors import transaction_by_token
from plugins.framework.interface import TransactionSessionData
from plugins.framework.views import plugin_url

from .client import money

NOT_GIVEN = "N/A"
COUNTRY_NAMES = {"BD": "Bangladesh"}


def _address(item: TransactionItem | None) -> Any:
    if item is None:
        return None
    owner = item.order if item.order_id is not None else item.checkout
    if owner is None:
        return None
    return owner.billing_address or owner.shipping_address


def _product_names(item: TransactionItem | None) -> list[str]:
    if item is None:
        return []
    order, checkout = item.order, item.checkout
    if order is not None:
        return list(order.lines.values_list("product_name", flat=True)[:20])
    if checkout is not None:
        lines = checkout.lines.order_by("pk")
        return list(lines.values_list("variant__product__name", flat=True)[:20])
    return []


def callback_urls(plugin_id: str, session: TransactionSessionData) -> dict[str, str]:
    """success/fail/cancel (the browser POSTs there) and the IPN route, in the channel."""
    query = f"?transaction={session.transaction_id}"

    def url(path: str) -> str:
        return plugin_url(plugin_id, path, channel_slug=session.channel_slug)

    return {
        "success_url": url("return/success") + query,
        "fail_url": url("return/fail") + query,
        "cancel_url": url("return/cancel") + query,
        "ipn_url": url("ipn"),
    }


def session_fields(
    *,
    plugin_id: str,
    session: TransactionSessionData,
    tran_id: str,
    config: dict[str, Any],
) -> dict[str, str]:
    """Every field of the session request except the store's credentials."""
    item = transaction_by_token(session.transaction_id)
    address = _address(item)
    city = (address.city or address.country_area) if address is not None else ""
    street = address.street_address_1 if address is not None else ""
    phone = session.customer_phone or (address.phone if address is not None else "")
    country = address.country if address is not None else "BD"
    names = _product_names(item)
    product_name = ", ".join(name for name in names if name)[:255] or "Haat order"
    return {
        "total_amount": money(session.amount),
        "currency": "BDT",
        "tran_id": tran_id,
        **callback_urls(plugin_id, session),
        "cus_name": (session.customer_name or "Haat customer")[:50],
        "cus_email": session.customer_email or config["fallback_customer_email"],
        "cus_phone": phone or NOT_GIVEN,
        "cus_add1": (street or city or NOT_GIVEN)[:50],
        "cus_add2": (address.street_address_2 if address is not None else "")[:50],
        "cus_city": (city or NOT_GIVEN)[:50],
        "cus_postcode": (address.postal_code if address is not None else "")[:30],
        "cus_country": COUNTRY_NAMES.get(country, country),
        "shipping_method": "NO",
        "product_name": product_name,
        "product_category": config["product_category"] or "general",
        "product_profile": config["product_profile"] or "general",
        "value_a": session.channel_slug or "",
        "value_b": session.source_object_type,
    }
