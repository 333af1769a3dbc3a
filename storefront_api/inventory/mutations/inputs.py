"""Saleor's stock input (defined with the catalogue inputs, which use it too)."""

from storefront_api.catalog.mutations.inputs import StockInput

__all__ = ["StockInput"]
