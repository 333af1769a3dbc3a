"""What the checkout API tests share: a listed variant, and mutations as a storefront sends them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from graphql_relay import to_global_id

from tests.factories import create_listed_product

CHECKOUT_FIELDS = """
    id
    token
    email
    quantity
    isShippingRequired
    languageCode
    user { id }
    lines {
        id
        quantity
        variant { id }
        unitPrice { gross { amount } net { amount } tax { amount } currency }
        undiscountedUnitPrice { amount }
        totalPrice { gross { amount } net { amount } tax { amount } }
        undiscountedTotalPrice { amount }
        requiresShipping
        problems { __typename }
    }
    subtotalPrice { gross { amount } net { amount } tax { amount } }
    shippingPrice { gross { amount } }
    totalPrice { gross { amount } net { amount } tax { amount } currency }
    totalBalance { amount }
    chargeStatus
    authorizeStatus
    availablePaymentGateways { id }
    problems { __typename }
    vendorShipping { vendor { slug } price { amount } }
    shippingMethods { id name price { amount } }
    deliveryMethod { __typename }
    availableCollectionPoints { id }
"""

ERROR_FIELDS = "errors { field message code variants lines addressType }"

CREATE = f"""
mutation Create($input: CheckoutCreateInput!) {{
    checkoutCreate(input: $input) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERROR_FIELDS} }}
}}
"""


def variant_id(variant) -> str:
    return to_global_id("ProductVariant", variant.pk)


def checkout_id(token) -> str:
    return to_global_id("Checkout", str(token))


@pytest.fixture
def product(channel):
    """A published product at ৳115.00 (VAT-inclusive at 15%: ৳100.00 net), 10 in stock."""
    return create_listed_product(channel=channel, price=Decimal("115.00"), stock=10)


@pytest.fixture
def variant(product):
    return product.variants.get()


def create_checkout(client, lines, **fields) -> dict:
    """Run checkoutCreate in the `bd` channel; the payload (checkout and errors)."""
    payload = {"channel": "bd", "lines": lines, **fields}
    return client.execute(CREATE, {"input": payload})["checkoutCreate"]


@pytest.fixture
def new_checkout(api_client, variant):
    """An anonymous checkout with 2 of `variant`: the payload's checkout."""
    result = create_checkout(api_client, [{"variantId": variant_id(variant), "quantity": 2}])
    assert result["errors"] == []
    return result["checkout"]
