"""API apps and their tokens (Saleor's `saleor/app`; DESIGN.md layer 11)."""
