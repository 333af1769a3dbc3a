"""The payment domain: Saleor's transactions, their events and the inbox of gateway callbacks."""
