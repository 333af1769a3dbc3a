"""Mutations, one per module."""
