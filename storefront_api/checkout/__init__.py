"""Saleor's checkout API: the checkout query, its type and mutations."""
