"""The built-in webhook plugin: apps, signed deliveries, retries and the delivery log."""
