"""Checkout: a cart with its customer, addresses, delivery and promo code; completed, an order."""
