from django.apps import AppConfig


class StorefrontApiConfig(AppConfig):
    name = "storefront_api"
    label = "storefront_api"
    verbose_name = "Storefront API"

    def ready(self) -> None:
        from .core.cache import connect_invalidation_signals

        connect_invalidation_signals()
