"""Pages and menus (DESIGN.md layer 8)."""
