from django.apps import AppConfig


class PluginsConfig(AppConfig):
    name = "plugins.framework"
    label = "plugins"
    verbose_name = "Plugins"

    def ready(self) -> None:
        # Defines the cached stored configurations, connecting their invalidation, before any
        # request can write one (see plugins.webhook.apps).
        from . import manager  # noqa: F401
