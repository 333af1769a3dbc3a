"""SSLCommerz v4: hosted payment page, IPN, validation, query and refund APIs."""
