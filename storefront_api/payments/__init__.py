"""Saleor's transaction payments API: sessions, staff actions, app reports, granted refunds."""
