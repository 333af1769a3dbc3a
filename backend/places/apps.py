from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "backend.places"
    label = "places"
    verbose_name = "Places"
