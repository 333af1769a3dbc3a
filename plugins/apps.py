from django.apps import AppConfig


class PluginsConfig(AppConfig):
    name = "plugins"
    label = "plugins"
    verbose_name = "Plugins"
