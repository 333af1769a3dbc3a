from django.apps import AppConfig


class TransactionsConfig(AppConfig):
    name = "payments.transactions"
    label = "payments"
    verbose_name = "Payments"
    default_auto_field = "django.db.models.BigAutoField"
