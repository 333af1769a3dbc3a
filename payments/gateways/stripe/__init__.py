"""Card payments through Stripe (PaymentIntents), with a simulator in front of localstripe."""
