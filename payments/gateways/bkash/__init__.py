"""bKash Tokenized Checkout (v1.2.0-beta): plugin, client, token store, SNS checks, simulator."""
