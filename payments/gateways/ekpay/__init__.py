"""ekPay, the Bangladesh government's payment gateway (ekpay.gov.bd), as a Haat plugin."""

PLUGIN_ID = "haat.payments.ekpay"
