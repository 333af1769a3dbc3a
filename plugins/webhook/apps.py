from django.apps import AppConfig


class WebhookConfig(AppConfig):
    name = "plugins.webhook"
    label = "webhook"
    verbose_name = "Apps and webhooks"
