from django.apps import AppConfig


class WebhookConfig(AppConfig):
    name = "plugins.webhook"
    label = "webhook"
    verbose_name = "Apps and webhooks"

    def ready(self) -> None:
        # Defines the cached subscribers, connecting their invalidation, before any request can
        # write a webhook: a process that never ran a hook must still invalidate the shared entry.
        from . import subscribers  # noqa: F401
