from django.apps import AppConfig


class PluginsConfig(AppConfig):
    name = "plugins.framework"
    label = "plugins"
    verbose_name = "Plugins"
