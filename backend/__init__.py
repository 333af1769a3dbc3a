"""Haat: the Django project and its domain apps."""
