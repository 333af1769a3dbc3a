"""Vendors: entrepreneurs' shops, their approval and commission."""
