"""A Saleor storefront's cart and checkout page against Haat: its own operations (copied from
what the storefront sends, fields and all) fill a cart from two vendors, give a Bangladeshi
address, choose the post, apply a code and complete the order as cash on delivery."""

from __future__ import annotations

import pytest

from backend.orders.models import Order
from tests.voucher_factories import make_voucher

from .conftest import GAZIPUR_ADDRESS, method_id, variant_id

pytestmark = pytest.mark.usefixtures("bangladesh")

# The checkout page's fragments, as the storefront declares them: the checkout, and an error.
DETAILS = """
fragment Amount on Money {
  currency
  amount
}

fragment PostalAddress on Address {
  id
  firstName
  lastName
  companyName
  streetAddress1
  streetAddress2
  city
  cityArea
  postalCode
  countryArea
  phone
  country {
    code
    country
  }
}

fragment CartLine on CheckoutLine {
  id
  quantity
  totalPrice {
    gross {
      currency
      amount
    }
  }
  unitPrice {
    gross {
      ...Amount
    }
  }
  undiscountedUnitPrice {
    ...Amount
  }
  variant {
    id
    name
    translation(languageCode: $languageCode) {
      name
    }
    attributes(variantSelection: ALL) {
      values {
        name
        dateTime
        boolean
        translation(languageCode: $languageCode) {
          name
        }
      }
    }
    media {
      alt
      type
      url(size: 72)
    }
    product {
      name
      translation(languageCode: $languageCode) {
        id
        name
        language {
          code
        }
      }
      media {
        alt
        type
        url(size: 72)
      }
    }
  }
}

fragment CheckoutDetails on Checkout {
  id
  email
  voucherCode
  discountName
  translatedDiscountName
  discount {
    ...Amount
  }
  giftCards {
    id
    displayCode
    currentBalance {
      ...Amount
    }
  }
  channel {
    id
    slug
  }
  shippingAddress {
    ...PostalAddress
  }
  billingAddress {
    ...PostalAddress
  }
  authorizeStatus
  chargeStatus
  isShippingRequired
  availablePaymentGateways {
    id
    name
    currencies
    config {
      field
      value
    }
  }
  deliveryMethod {
    ... on ShippingMethod {
      id
    }
    ... on Warehouse {
      id
    }
  }
  shippingMethods {
    id
    name
    minimumDeliveryDays
    maximumDeliveryDays
    price {
      ...Amount
    }
  }
  subtotalPrice {
    gross {
      ...Amount
    }
  }
  shippingPrice {
    gross {
      ...Amount
    }
  }
  totalPrice {
    gross {
      ...Amount
    }
    tax {
      ...Amount
    }
  }
  lines {
    ...CartLine
  }
  metadata {
    key
    value
  }
}
"""
PROBLEM = """
fragment CheckoutProblem on CheckoutError {
  field
  code
  message
}
"""


CHECKOUT = (
    DETAILS
    + """
query checkout($id: ID!, $languageCode: LanguageCodeEnum!) {
  checkout(id: $id) {
    ...CheckoutDetails
  }
}
"""
)

SHIPPING_ADDRESS_UPDATE = (
    DETAILS
    + PROBLEM
    + """
mutation shippingAddressUpdate(
  $checkoutId: ID!
  $shippingAddress: AddressInput!
  $validationRules: CheckoutAddressValidationRules
  $languageCode: LanguageCodeEnum!
) {
  checkoutShippingAddressUpdate(
    id: $checkoutId
    shippingAddress: $shippingAddress
    validationRules: $validationRules
  ) {
    errors {
      ...CheckoutProblem
    }
    checkout {
      ...CheckoutDetails
    }
  }
}
"""
)

BILLING_ADDRESS_UPDATE = (
    DETAILS
    + PROBLEM
    + """
mutation billingAddressUpdate(
  $checkoutId: ID!
  $billingAddress: AddressInput!
  $validationRules: CheckoutAddressValidationRules
  $languageCode: LanguageCodeEnum!
) {
  checkoutBillingAddressUpdate(
    id: $checkoutId
    billingAddress: $billingAddress
    validationRules: $validationRules
  ) {
    errors {
      ...CheckoutProblem
    }
    checkout {
      ...CheckoutDetails
    }
  }
}
"""
)

DELIVERY_METHOD_UPDATE = (
    DETAILS
    + PROBLEM
    + """
mutation deliveryMethodUpdate(
  $checkoutId: ID!
  $deliveryMethodId: ID!
  $languageCode: LanguageCodeEnum!
) {
  checkoutDeliveryMethodUpdate(id: $checkoutId, deliveryMethodId: $deliveryMethodId) {
    errors {
      ...CheckoutProblem
    }
    checkout {
      ...CheckoutDetails
    }
  }
}
"""
)

ADD_PROMO_CODE = (
    DETAILS
    + PROBLEM
    + """
mutation addPromoCode($checkoutId: ID, $promoCode: String!, $languageCode: LanguageCodeEnum!) {
  checkoutAddPromoCode(checkoutId: $checkoutId, promoCode: $promoCode) {
    errors {
      ...CheckoutProblem
    }
    checkout {
      ...CheckoutDetails
    }
  }
}
"""
)

EMAIL_UPDATE = (
    DETAILS
    + PROBLEM
    + """
mutation emailUpdate($checkoutId: ID!, $email: String!, $languageCode: LanguageCodeEnum!) {
  checkoutEmailUpdate(id: $checkoutId, email: $email) {
    errors {
      ...CheckoutProblem
    }
    checkout {
      ...CheckoutDetails
    }
  }
}
"""
)

COMPLETE = (
    PROBLEM
    + """
mutation complete($checkoutId: ID!) {
  checkoutComplete(id: $checkoutId) {
    errors {
      ...CheckoutProblem
    }
    order {
      id
    }
  }
}
"""
)

CART_CREATE = """
mutation cartCreate($channel: String!) {
  checkoutCreate(input: { channel: $channel, lines: [] }) {
    checkout {
      id
    }
    errors {
      field
      code
    }
  }
}
"""

CART_ADD_LINE = """
mutation cartAddLine($id: ID!, $productVariantId: ID!) {
  checkoutLinesAdd(id: $id, lines: [{ quantity: 1, variantId: $productVariantId }]) {
    checkout {
      id
      lines {
        id
        quantity
        variant {
          name
          product {
            name
          }
        }
      }
    }
    errors {
      message
    }
  }
}
"""


def test_the_storefront_fills_a_cart_and_completes_it_unpaid(api_client, shop):
    make_voucher("EID10", value="10.00", channel=shop.channel)
    # the cart: created empty, then a line from each vendor
    created = api_client.execute(CART_CREATE, {"channel": "bd"})["checkoutCreate"]
    assert created["errors"] == []
    checkout_id = created["checkout"]["id"]
    for variant in (shop.gazipur_variant, shop.rangpur_variant):
        added = api_client.execute(
            CART_ADD_LINE, {"id": checkout_id, "productVariantId": variant_id(variant)}
        )["checkoutLinesAdd"]
        assert added["errors"] == []
    # the checkout page: reads the checkout, then sends contact, addresses, delivery and a code
    page = api_client.execute(CHECKOUT, {"id": checkout_id, "languageCode": "BN"})["checkout"]
    assert page["giftCards"] == []
    assert page["availablePaymentGateways"] == []
    assert len(page["lines"]) == 2
    steps = [
        (EMAIL_UPDATE, "checkoutEmailUpdate", {"email": "karim@example.com"}),
        (
            SHIPPING_ADDRESS_UPDATE,
            "checkoutShippingAddressUpdate",
            {"shippingAddress": GAZIPUR_ADDRESS},
        ),
        (
            BILLING_ADDRESS_UPDATE,
            "checkoutBillingAddressUpdate",
            {"billingAddress": GAZIPUR_ADDRESS},
        ),
        (
            DELIVERY_METHOD_UPDATE,
            "checkoutDeliveryMethodUpdate",
            {"deliveryMethodId": method_id(shop.postal)},
        ),
        (ADD_PROMO_CODE, "checkoutAddPromoCode", {"promoCode": "EID10"}),
    ]
    for mutation, name, variables in steps:
        payload = api_client.execute(
            mutation, {"checkoutId": checkout_id, "languageCode": "BN", **variables}
        )[name]
        assert payload["errors"] == [], name
        page = payload["checkout"]
    # what the page shows before the customer places the order
    assert page["deliveryMethod"] == {"id": method_id(shop.postal)}
    assert [method["price"]["amount"] for method in page["shippingMethods"]] == [150.0]
    assert page["shippingMethods"][0]["minimumDeliveryDays"] == 3
    assert page["shippingPrice"]["gross"] == {"currency": "BDT", "amount": 150.0}
    assert page["subtotalPrice"]["gross"]["amount"] == 172.5 - 10.0
    assert page["totalPrice"]["gross"]["amount"] == 312.5
    assert (page["voucherCode"], page["discountName"], page["discount"]["amount"]) == (
        "EID10",
        "EID10",
        10.0,
    )
    assert page["shippingAddress"]["countryArea"] == "Gazipur"
    # completed as cash on delivery
    result = api_client.execute(COMPLETE, {"checkoutId": checkout_id})["checkoutComplete"]
    assert result["errors"] == []
    order = Order.objects.get()
    assert result["order"]["id"] is not None
    assert order.total_gross_amount == 312.5
    assert order.charge_status == "none"
