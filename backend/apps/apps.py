from django.apps import AppConfig


class AppsConfig(AppConfig):
    name = "backend.apps"
    label = "apps"
    verbose_name = "Apps"
