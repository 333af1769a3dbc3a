"""Mutations, one per module, on the base in `base.py`."""
