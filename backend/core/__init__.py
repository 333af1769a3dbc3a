"""Shared ground: money, text, phones, permissions, base models and errors."""
