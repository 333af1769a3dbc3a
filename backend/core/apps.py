from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "backend.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from .config_cache import invalidate_all_cached_config

        # Migrations write through historical models, which send no signal the cached
        # configuration listens to. Sent once per app after every `migrate`: this app's suffices.
        post_migrate.connect(
            invalidate_all_cached_config,
            sender=self,
            dispatch_uid="backend.core.config_cache:migrate",
        )
