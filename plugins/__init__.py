"""Haat's plugin framework and its built-in plugins (DESIGN.md, layers 3 and 8)."""
