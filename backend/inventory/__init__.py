"""Warehouses (vendors' store rooms and centres as collection points) and stock."""
